// 生成摘要: any button with data-summarize="<textarea id>" fills data-target with a summary of that text.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-summarize]");
  if (!button) return;
  event.preventDefault();
  const source = document.getElementById(button.dataset.summarize);
  const target = document.getElementById(button.dataset.target);
  const csrf = document.cookie.match(/csrftoken=([^;]+)/);
  button.disabled = true;
  try {
    const response = await fetch("/api/text/summary", {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf ? csrf[1] : ""},
      body: JSON.stringify({text: source.value, chars: Number(chars(button) || 200)}),
    });
    const data = await response.json();
    if (response.ok) target.value = data.summary;
    else alert(data.message || response.statusText);
  } finally {
    button.disabled = false;
  }
});

// The length: from the input named by data-chars-from, else data-chars.
function chars(button) {
  const input = button.dataset.charsFrom && document.getElementById(button.dataset.charsFrom);
  return input ? input.value : button.dataset.chars;
}
