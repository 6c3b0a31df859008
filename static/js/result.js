/* The result page: answers still queued on this device (chosen but never delivered) are sent
   once so the server records them as late, then listed here; never lost silently. */
(function () {
  "use strict";
  var box = document.getElementById("undelivered");
  if (!box || !window.fetch) return;
  var KEY = "attempt-queue:" + box.dataset.attempt;
  var queue;
  try { queue = JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { queue = {}; }
  var positions = Object.keys(queue).filter(function (k) { return k !== "prediction"; });
  try { localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  if (!positions.length) return;
  var label = box.dataset.question || "Câu {n}";
  var list = positions.map(function (k) { return label.replace("{n}", k); }).join(", ");
  box.textContent = (box.dataset.text || "{list}").replace("{list}", list);
  box.hidden = false;
  fetch(box.dataset.api, {
    method: "PUT", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Requested-With": "fetch" },
    body: JSON.stringify({ answers: positions.map(function (k) {
      return { position: Number(k), selected: queue[k].selected || [] };
    }) })
  }).catch(function () { /* listed above either way */ });
}());
