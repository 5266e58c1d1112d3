// The unit tree: folded below its first levels (data-open-depth on the list), each unit with units under it
// gets a toggle; the filter folds Vietnamese accents so "lao cai" matches "Lào Cai" and, while it has text,
// shows every match whatever is folded. Without JavaScript the whole tree is shown.
(function () {
  var list = document.getElementById("unit-tree");
  if (!list) return;
  var input = document.getElementById("tree-filter");
  var openDepth = parseInt(list.dataset.openDepth || "1", 10);
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var depths = items.map(function (li) { return parseInt(li.dataset.depth || "0", 10); });
  var open = items.map(function (li, i) { return depths[i] < openDepth; });
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var names = items.map(function (li) { return fold(li.textContent); });
  function draw() {
    var hiddenBelow = Infinity;  // units deeper than this sit under a folded unit
    items.forEach(function (li, i) {
      if (depths[i] <= hiddenBelow) hiddenBelow = Infinity;
      li.classList.toggle("folded", depths[i] > hiddenBelow);
      if (depths[i] <= hiddenBelow && !open[i]) hiddenBelow = depths[i];
      var button = li.querySelector("button.fold");
      if (button) {
        button.setAttribute("aria-expanded", open[i] ? "true" : "false");
        button.textContent = open[i] ? "−" : "+";
      }
    });
  }
  items.forEach(function (li, i) {
    if (i + 1 < items.length && depths[i + 1] > depths[i]) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fold";
      button.setAttribute("aria-label", (list.dataset.toggleLabel || "") + " " + li.querySelector("a").textContent);
      button.addEventListener("click", function () { open[i] = !open[i]; draw(); });
      li.insertBefore(button, li.firstChild);
    } else {
      li.classList.add("leaf");
    }
  });
  draw();
  if (!input) return;
  input.addEventListener("input", function () {
    var needle = fold(input.value.trim());
    if (needle === "") {
      items.forEach(function (li) { li.hidden = false; });
      draw();
      return;
    }
    items.forEach(function (li, i) {
      li.classList.remove("folded");
      li.hidden = names[i].indexOf(needle) === -1;
    });
  });
})();
