// "Copy" buttons next to a paper's formatted citation.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-citation");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy)?.querySelector(".cite-as-text");
  if (!text || !navigator.clipboard) return;
  navigator.clipboard.writeText(text.textContent.trim()).then(() => {
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  });
});
