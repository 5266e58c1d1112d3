// The picker of tdkt.lib.pickers: <div class="picker" data-picker="/people/choices/"> holding a <select> of
// the chosen rows and a text box. Here the text box becomes a combobox (WAI-ARIA 1.2 pattern): typing asks the
// search endpoint ({"results": [{"id", "label"}], "more"}), the arrow keys move in the list, Enter or a click
// chooses, Escape closes. A choice is an <option selected> of the <select> (what the form posts), shown as a
// list with a "Remove" button each; the text box is emptied so that the server does not match the typed text.
// Without this script the form still works: the server matches the typed name (tdkt.lib.pickers).
(function () {
  "use strict";
  var DELAY = 200;
  var MIN = 2;
  var counter = 0;

  function setup(box) {
    var select = box.querySelector("select.picker-chosen");
    var input = box.querySelector("input.picker-search");
    if (!select || !input) return;
    var multiple = box.hasAttribute("data-picker-multiple");
    var id = input.id || "picker-" + (++counter);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    var chosen = document.createElement("ul");
    chosen.className = "picker-chips";
    chosen.setAttribute("aria-label", select.getAttribute("aria-label") || "");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    select.hidden = true;
    box.classList.add("picker-ready");
    box.insertBefore(chosen, select);
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    var timer = null;
    var active = -1;
    var results = [];
    var asked = 0;

    function showChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value || !option.selected) return;
        var item = document.createElement("li");
        item.appendChild(document.createTextNode(option.textContent + " "));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link picker-remove";
        remove.textContent = box.dataset.textRemove;
        remove.setAttribute("aria-label", box.dataset.textRemove + ": " + option.textContent);
        remove.addEventListener("click", function () {
          option.remove();
          showChosen();
          input.focus();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      results = [];
    }

    function mark(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({block: "nearest"});
    }

    function choose(index) {
      var row = results[index];
      if (!row) return;
      var value = String(row.id);
      var existing = Array.prototype.find.call(select.options, function (option) { return option.value === value; });
      if (!multiple) {
        Array.prototype.forEach.call(select.options, function (option) { option.selected = false; });
      }
      if (existing) {
        existing.selected = true;
      } else {
        select.add(new Option(row.label, value, true, true));
      }
      if (!multiple) {
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if (option.value && !option.selected) option.remove();
        });
      }
      input.value = "";
      close();
      showChosen();
      status.textContent = row.label;
    }

    function show(data) {
      close();
      results = data.results || [];
      results.forEach(function (row, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = row.label;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(item);
      });
      if (data.more) {
        var more = document.createElement("li");
        more.className = "hint";
        more.textContent = box.dataset.textMore;
        list.appendChild(more);
      }
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "hint";
        none.textContent = box.dataset.textNone;
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = results.length
        ? box.dataset.textCount.replace("%(n)s", String(results.length)) : box.dataset.textNone;
    }

    function search() {
      var text = input.value.trim();
      if (text.length < MIN) { close(); return; }
      var params = new URLSearchParams(box.dataset.pickerParams || "");
      params.set("q", text);
      var ticket = ++asked;
      fetch(box.dataset.picker + "?" + params.toString(), {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) { if (ticket === asked && input.value.trim() === text) show(data); })
        .catch(function () { /* offline: the typed name is matched by the server on submit */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) search(); else mark(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        mark(active - 1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    showChosen();
  }

  function init() { document.querySelectorAll("div.picker[data-picker]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
