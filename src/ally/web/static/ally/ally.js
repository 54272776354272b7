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

/* phone: the menu button, stacked tables and keyboard shortcuts */

// On a narrow screen the navigation folds behind the Menu button; it opens and closes by click, Enter or
// Space (a real <button>), and Escape closes it and gives the focus back to the button.
function allyMenu() {
  const toggle = document.querySelector(".menu-toggle");
  const panel = document.getElementById("site-menu");
  if (!toggle || !panel) {
    return;
  }
  const bar = toggle.closest(".topbar");
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("open", open);
  };
  toggle.hidden = false;
  bar.classList.add("has-menu");
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
}

// A table on a narrow screen shows each cell under its column's name: every cell gets its header's text as
// data-label, which the stylesheet prints before it. Tables swapped in by htmx get theirs too.
function allyLabelTables(root) {
  for (const table of (root || document).querySelectorAll("table")) {
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (!headers.length) {
      continue;
    }
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, n) => {
        if (!cell.hasAttribute("data-label") && headers[n]) {
          cell.setAttribute("data-label", headers[n]);
        }
      });
    }
  }
}

// Shortcuts: "/" focuses the search, "g t" opens Today, "g p" People, "?" lists them. None fires while
// typing in a field, or with Ctrl, Alt or Meta held.
function allyShortcuts() {
  const search = document.querySelector(".search input");
  const list = document.getElementById("shortcuts");
  if (!search || !list) {
    return;
  }
  const places = { t: "/today/", p: "/people/" };
  let pending = false;
  let timer = null;
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
    if (typing || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    if (pending && places[event.key]) {
      event.preventDefault();
      pending = false;
      window.location.assign(places[event.key]);
      return;
    }
    pending = false;
    if (event.key === "/") {
      event.preventDefault();
      const panel = document.getElementById("site-menu");
      const toggle = document.querySelector(".menu-toggle");
      if (panel && toggle && !search.offsetParent) {
        toggle.click();
      }
      search.focus();
      search.select();
    } else if (event.key === "?") {
      event.preventDefault();
      if (!list.open) {
        list.showModal();
      }
    } else if (event.key === "g") {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(() => { pending = false; }, 1500);
    }
  });
}

function allyStart() {
  allyMenu();
  allyLabelTables();
  allyShortcuts();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", allyStart);
} else {
  allyStart();
}
document.addEventListener("htmx:afterSettle", (event) => allyLabelTables(event.target));

// <div class="menu"><button aria-expanded aria-controls="list">…</button><ul id="list" hidden>: a small menu.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".menu > button[aria-controls]");
  for (const open of document.querySelectorAll(".menu > button[aria-expanded='true']")) {
    if (open !== button) {
      open.setAttribute("aria-expanded", "false");
      document.getElementById(open.getAttribute("aria-controls")).hidden = true;
    }
  }
  if (button) {
    const list = document.getElementById(button.getAttribute("aria-controls"));
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  for (const open of document.querySelectorAll(".menu > button[aria-expanded='true']")) {
    open.setAttribute("aria-expanded", "false");
    document.getElementById(open.getAttribute("aria-controls")).hidden = true;
    open.focus();
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

/* a secret shown once (a new token, a calendar address): focusing it selects it, ready to copy */
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
    event.target.select();
  }
});
