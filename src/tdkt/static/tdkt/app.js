// Small behaviours declared in the markup with data- attributes, so that the pages carry no inline
// script or event handler and the Content-Security-Policy can refuse every inline script (script-src 'self').
//   <form data-confirm="Question?">        asks before submitting (also on a submit button: the button's question)
//   <select data-autosubmit>               submits its form on change (also works for an input with form="id")
//   <input type="checkbox" data-tick-all="#queue tbody input[type=checkbox]">  ticks every box the selector finds
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
})();
