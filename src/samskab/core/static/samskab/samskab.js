// Behaviour lives here, never inline: the Content-Security-Policy forbids inline script.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
});

// When htmx swaps new content in (the d'Hondt calculator's result), move the focus to the
// element the new content marks, so keyboard and screen reader users land on the result or on
// the errors instead of on a form that was replaced under them.
document.addEventListener("htmx:afterSettle", function () {
  var focus = document.querySelector("[data-focus-on-swap]");
  if (focus) {
    focus.focus();
  }
});
