// "Copy" buttons: data-copy names the field whose text goes to the clipboard, and
// data-copied the element that says it went (no inline script: CSP).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.hidden = !navigator.clipboard;
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = document.getElementById(button.dataset.copied);
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = status.dataset.done;
      } catch {
        field.select();
        status.textContent = status.dataset.failed;
      }
    });
  }
});
