// The header menu: on a phone the whole menu folds behind the "Menu" button; on every screen a group
// (a <details>) closes when another opens, on Escape and on a click elsewhere. Without this script the
// menu still works: the groups open and close by themselves and on a phone the menu is simply shown.
(function () {
  "use strict";
  document.documentElement.classList.add("js-nav");
  var groups = function () { return document.querySelectorAll(".topbar details.navgroup"); };
  var closeAll = function (except) {
    groups().forEach(function (group) { if (group !== except) group.open = false; });
  };
  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target.matches && target.matches(".topbar details.navgroup") && target.open) closeAll(target);
  }, true);
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("#menu-toggle");
    if (toggle) {
      var nav = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
      return;
    }
    if (!(event.target.closest && event.target.closest(".topbar details.navgroup"))) closeAll(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeAll(null);
  });
})();
