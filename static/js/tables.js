/* Tables that scroll sideways (.table-wrap wider than the screen) become keyboard-focusable
 * named regions, so they can be scrolled with the arrow keys (WCAG 2.1.1; axe
 * scrollable-region-focusable). A table that fits is left alone: no extra tab stop. */
(function () {
  "use strict";
  var en = document.documentElement.lang === "en";
  var TABLE = en ? "Table" : "Bảng";
  var SCROLL = en ? " (scroll sideways for more)" : " (cuộn ngang để xem thêm)";

  function labelFor(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var node = wrap.closest("section, .card, figure") || wrap.parentElement;
    var heading = node && node.querySelector("h2, h3, figcaption, summary");
    if (heading && heading.textContent.trim()) return TABLE + ": " + heading.textContent.trim();
    var title = document.querySelector("h1");
    return TABLE + (title ? ": " + title.textContent.trim() : "");
  }

  function update() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", labelFor(wrap) + SCROLL);
        wrap.dataset.scrollable = "1";
      } else if (!scrolls && wrap.dataset.scrollable) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        delete wrap.dataset.scrollable;
      }
    });
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  document.addEventListener("toggle", update, true); /* tables inside <details> */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
