// Practice: answer without reloading the page. Without JavaScript the form posts and the
// server shows the same feedback; any failure here falls back to that normal submit.
(function () {
  "use strict";
  var form = document.getElementById("practice-form");
  var box = document.getElementById("practice-feedback");
  if (!form || !box || !window.fetch || !form.querySelector("button[type=submit]")) { return; }
  var d = form.dataset;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }
  function para(label, text) {
    var p = el("p");
    p.appendChild(el("strong", "", label + " "));
    p.appendChild(document.createTextNode(text));
    return p;
  }
  function show(data) {
    var correct = data.correct.map(String);
    form.querySelectorAll(".option").forEach(function (label) {
      var input = label.querySelector("input");
      if (correct.indexOf(label.dataset.position) >= 0) {
        label.classList.add("is-correct");
        label.appendChild(el("span", "mark", "✓ " + d.correctLabel));
      } else if (input.checked) {
        label.classList.add("is-wrong");
      }
      input.disabled = true;
    });
    form.querySelector("button[type=submit]").remove();
    var section = el("section", "card feedback " + (data.right ? "right" : "wrong"));
    section.appendChild(el("h2", "", data.right ? d.right : d.wrong));
    if (data.explanation) { section.appendChild(para(d.explanationLabel, data.explanation)); }
    if (data.legal_basis) { section.appendChild(para(d.legalLabel, data.legal_basis)); }
    box.appendChild(section);
    var next = el("p");
    var link = el("a", "button", data.next_url.indexOf("/ket-qua") >= 0 ? d.summaryLabel : d.nextLabel);
    link.href = data.next_url;
    next.appendChild(link);
    box.appendChild(next);
    link.focus();
  }
  form.addEventListener("submit", function (event) {
    if (!form.querySelector("input[name=chon]:checked")) { return; }  // the server explains
    event.preventDefault();
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"X-Requested-With": "fetch"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") < 0) { throw new Error("fallback"); }
        return response.json();
      })
      .then(show)
      .catch(function () { form.submit(); });
  });
})();
