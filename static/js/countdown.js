// Countdowns on the home page: <span class="countdown" data-to="ISO" data-now="ISO">.
// The time left is measured on the server's clock (the page's render time) plus the
// monotonic time since the page started (performance.now()), so a wrong or changed
// device clock changes nothing.
(function () {
  "use strict";
  var nodes = document.querySelectorAll(".countdown[data-to][data-now]");
  if (!nodes.length) return;
  var started = performance.now();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    nodes.forEach(function (node) {
      var serverNow = Date.parse(node.dataset.now) + (performance.now() - started);
      var left = Math.max(0, Math.floor((Date.parse(node.dataset.to) - serverNow) / 1000));
      var out = node.querySelector(".countdown-value");
      if (!out) return;
      if (left === 0) { out.textContent = node.dataset.done || "0"; return; }
      var days = Math.floor(left / 86400), rest = left % 86400;
      var clock = two(Math.floor(rest / 3600)) + ":" + two(Math.floor(rest % 3600 / 60)) + ":" + two(rest % 60);
      out.textContent = (days ? days + " " + node.dataset.days + " " : "") + clock;
    });
  }
  tick();
  setInterval(tick, 1000);
})();
