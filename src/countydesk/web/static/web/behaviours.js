// The page behaviours that used to be inline handlers, now allowed by the Content-Security-Policy
// (script only from this site or with the page's nonce): declared with data attributes.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
  if (event.target.closest("[data-back]")) { event.preventDefault(); history.back(); }
  const copy = event.target.closest("[data-copy]");
  if (copy) document.getElementById(copy.dataset.into).value = document.getElementById(copy.dataset.copy).value;
});
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-submit-on-change]")) event.target.form.submit();
  const all = event.target.closest("[data-check-all]");
  if (all) document.querySelectorAll(all.dataset.checkAll).forEach((box) => { box.checked = all.checked; });
});
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !confirm(form.dataset.confirm)) event.preventDefault();
});
window.addEventListener("load", () => {
  if (document.body.hasAttribute("data-print-on-load")) window.print();
});
