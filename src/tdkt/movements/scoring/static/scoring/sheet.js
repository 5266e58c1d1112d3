// Autosave per field on the scoring sheet: POST one field, show its state, update the running total from
// the server's answer. A static file (not an inline script) so the Content-Security-Policy can refuse inline
// scripts; the translated messages come from the table's data- attributes.
(function () {
  "use strict";
  var table = document.getElementById("sc-sheet");
  if (!table) return;
  var url = table.dataset.saveUrl, timers = {};
  var token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  function save(input) {
    var row = input.closest("tr"), status = row.querySelector("[data-status]"), body = new FormData();
    body.append("criterion", row.dataset.criterion); body.append("field", input.dataset.field); body.append("value", input.value);
    status.className = "sc-status"; status.textContent = table.dataset.saving;
    fetch(url, {method: "POST", body: body, headers: {"X-CSRFToken": token}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.ok) {
          status.className = "sc-status ok"; status.textContent = table.dataset.saved + " " + data.saved_at;
          document.getElementById("sc-total").textContent = data.total || "0"; input.removeAttribute("aria-invalid");
        } else {
          status.className = "sc-status err"; status.textContent = data.error; input.setAttribute("aria-invalid", "true");
        }
      })
      .catch(function () { status.className = "sc-status err"; status.textContent = table.dataset.offline; });
  }
  table.addEventListener("input", function (e) {
    var input = e.target; if (!input.dataset.field) return;
    var key = input.name; clearTimeout(timers[key]); timers[key] = setTimeout(function () { save(input); }, 700);
  });
  table.addEventListener("change", function (e) {
    var input = e.target; if (!input.dataset.field) return; clearTimeout(timers[input.name]); save(input);
  });
})();
