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
