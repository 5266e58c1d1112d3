// The dossier page renders the first lines of its panel; this fetches the other rows and appends them to the
// table, so every line is on the page (the link it replaces opens the whole list where scripts do not run).
(function () {
  "use strict";
  var more = document.getElementById("lines-more");
  var table = document.getElementById("nominee-lines-table");
  if (!more || !table || !window.fetch) { return; }
  fetch(more.getAttribute("data-url"), {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (html) {
      var body = table.tBodies[0];
      var holder = document.createElement("tbody");
      holder.innerHTML = html;
      while (holder.firstChild) { body.appendChild(holder.firstChild); }
      more.remove();
    })
    .catch(function () { /* the link stays: the whole list opens on its own page */ });
}());
