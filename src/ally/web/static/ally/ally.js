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

/* words: a Move form shows only the fields of the stage chosen (without this script, all of them show). */
function showStageFields(form) {
  const stage = form.querySelector("select[name=stage]");
  if (!stage) {
    return;
  }
  form.querySelectorAll("[data-stage-fields]").forEach((fields) => {
    const chosen = fields.dataset.stageFields === stage.value;
    fields.hidden = !chosen;
    fields.disabled = !chosen; // another stage's fields are not sent
  });
}

function showStageFieldsIn(root) {
  if (root.matches && root.matches("form[data-stage-form]")) {
    showStageFields(root);
  }
  root.querySelectorAll && root.querySelectorAll("form[data-stage-form]").forEach(showStageFields);
}

document.addEventListener("change", (event) => {
  const form = event.target.closest && event.target.closest("form[data-stage-form]");
  if (form && event.target.name === "stage") {
    showStageFields(form);
  }
});
document.addEventListener("DOMContentLoaded", () => showStageFieldsIn(document));
document.addEventListener("htmx:load", (event) => showStageFieldsIn(event.target));
