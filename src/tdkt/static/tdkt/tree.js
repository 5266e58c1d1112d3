// Filter the unit tree as the user types; folds Vietnamese accents so "lao cai" matches "Lào Cai".
(function () {
  var input = document.getElementById("tree-filter");
  if (!input) return;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("#unit-tree li"));
  var names = items.map(function (li) { return fold(li.textContent); });
  input.addEventListener("input", function () {
    var needle = fold(input.value.trim());
    items.forEach(function (li, i) { li.hidden = needle !== "" && names[i].indexOf(needle) === -1; });
  });
})();
