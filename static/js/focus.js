// Move focus to the element marked data-autofocus (an error summary, an error by its button),
// so keyboard and screen-reader users land on what went wrong.
(function () {
  "use strict";
  var target = document.querySelector("[data-autofocus]");
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
}());
