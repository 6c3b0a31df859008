// Long-running form posts (e.g. drawing thousands of papers): on submit, disable the button
// and show the form's data-busy text, so nobody presses twice or thinks nothing happened.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.busy) return;
  const button = form.querySelector("button[type=submit]");
  if (!button) return;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = form.dataset.busy;
});
