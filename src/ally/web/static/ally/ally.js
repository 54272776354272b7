// Ally's one page script. The Content-Security-Policy allows scripts from Ally's own origin only (no inline
// scripts, no inline handlers, no eval), so behaviour that templates used to write inline lives here.
"use strict";

// A form answers 422 with its errors in place: show them instead of htmx's default of dropping error bodies.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// <form data-confirm="Delete …?">: ask before a destructive submit.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

/* dupes: the person page */
// <details data-remember="key">: a section folded or opened stays so on the next visit (localStorage).
function rememberFolds(root) {
  root.querySelectorAll("details[data-remember]").forEach((details) => {
    const key = "ally.fold." + details.dataset.remember;
    let stored = null;
    try { stored = window.localStorage.getItem(key); } catch (error) { /* storage refused: keep the default */ }
    if (stored === "closed") { details.open = false; }
    if (stored === "open") { details.open = true; }
    if (!details.dataset.remembering) {
      details.dataset.remembering = "1";
      details.addEventListener("toggle", () => {
        try { window.localStorage.setItem(key, details.open ? "open" : "closed"); } catch (error) { /* ignore */ }
      });
    }
  });
}
document.addEventListener("DOMContentLoaded", () => rememberFolds(document));
document.addEventListener("htmx:afterSettle", (event) => rememberFolds(event.target));
