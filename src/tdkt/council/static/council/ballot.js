// The ballot paper's "agree to all": every nominee still without a choice is set to agree, in the page, without
// a round trip (the same button posts action=agree_all when scripts are off; the server does the same there).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-agree-all]");
    if (!button || !button.form) return;
    event.preventDefault();
    var value = button.getAttribute("data-agree-value");
    var set = 0;
    button.form.querySelectorAll("fieldset.ballot-nominee").forEach(function (fieldset) {
      if (fieldset.querySelector("input[type=radio]:checked")) return;
      var agree = fieldset.querySelector("input[type=radio][value='" + value + "']");
      if (agree) { agree.checked = true; set += 1; }
    });
    var status = document.getElementById("agree-all-status");
    if (status) status.textContent = status.getAttribute("data-text-done") + " " + set;
  });
})();
