// Small behaviours declared in the markup with data- attributes, so that the pages carry no inline
// script or event handler and the Content-Security-Policy can refuse every inline script (script-src 'self').
//   <form data-confirm="Question?">        asks before submitting (also on a submit button: the button's question)
//   <select data-autosubmit>               submits its form on change (also works for an input with form="id")
//   <input type="checkbox" data-tick-all="#queue tbody input[type=checkbox]">  ticks every box the selector finds
//   <div data-error-summary>               a form's error summary: focused when the page loads; its links focus the field
//   <table class="list">                   wrapped in a labelled region that scrolls sideways on a narrow screen
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      if (field.form.requestSubmit) field.form.requestSubmit(); else field.form.submit();
    }
    var selector = field.dataset && field.dataset.tickAll;
    if (selector) {
      document.querySelectorAll(selector).forEach(function (box) {
        if (box !== field) box.checked = field.checked;
      });
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      var holder = field.closest(".field") || field;
      holder.scrollIntoView({block: "center"});
      field.focus();
    }
  });
  function ready() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
    // A wide table scrolls inside its own region instead of widening the page (a 390 px phone); the region is
    // focusable and named after the table's caption or the heading above it, so the keyboard can scroll it.
    document.querySelectorAll("table").forEach(function (table) {
      var parent = table.parentElement, region = parent;
      if (!parent || parent.classList.contains("table-scroll")) return;
      if (!parent.classList.contains("scroll-x")) {
        region = document.createElement("div");
        region.className = "table-scroll";
        parent.insertBefore(region, table);
        region.appendChild(table);
      }
      if (region.scrollWidth <= region.clientWidth || region.hasAttribute("tabindex")) return;  // fits: no extra keyboard stop
      region.setAttribute("role", "region");
      region.tabIndex = 0;
      var caption = table.caption && table.caption.textContent.trim();
      var heading = null;
      for (var node = region.previousElementSibling; node && !caption; node = node.previousElementSibling) {
        if (/^H[1-6]$/.test(node.tagName)) { heading = node; break; }
      }
      if (!caption && !heading) heading = document.querySelector("main h1");
      region.setAttribute("aria-label", caption || (heading ? heading.textContent.trim() : document.title));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
