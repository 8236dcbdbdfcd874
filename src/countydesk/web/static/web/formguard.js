// 表单大小检查: a form with data-max-body="<bytes>" is not sent when its fields (files apart, as the server counts
// them) exceed what the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE), and a textarea with data-max-chars is not
// sent over its length rule; the page stays as it is, typed text included, with the reason above the form.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.dataset.maxBody) return;
  const fields = new URLSearchParams();
  for (const [name, value] of new FormData(form, event.submitter)) {
    if (typeof value === "string") fields.append(name, value);
  }
  const problems = [];
  if (fields.toString().length > Number(form.dataset.maxBody)) problems.push(form.dataset.tooLarge);
  form.querySelectorAll("textarea[data-max-chars]").forEach((area) => {
    if (area.value.length > Number(area.dataset.maxChars)) {
      problems.push(area.dataset.tooLong.replace("%(length)s", area.value.length));
    }
  });
  let note = form.querySelector(".form-too-large");
  if (!problems.length) {
    if (note) note.remove();
    return;
  }
  event.preventDefault();
  if (!note) {
    note = document.createElement("p");
    note.className = "flash error form-too-large";
    note.setAttribute("role", "alert");
    form.prepend(note);
  }
  note.textContent = problems.join(" ");
  note.scrollIntoView({block: "center"});
});
