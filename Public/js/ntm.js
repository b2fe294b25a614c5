// Small page helpers; every page works without them.
// Buttons marked data-print open the browser's print dialog (inline handlers are barred by the CSP).
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
