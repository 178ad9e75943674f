// spasmcare: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Body map: clicking a region on the drawing picks its radio button, and the picked
  // radio button highlights its region. The radio buttons remain the accessible control.
  function bodyMap(root) {
    var radios = root.querySelectorAll('input[type="radio"][name="value"]');
    function paint() {
      var picked = root.querySelector('input[type="radio"][name="value"]:checked');
      root.querySelectorAll("[data-region]").forEach(function (shape) {
        shape.classList.toggle("picked", !!picked && shape.getAttribute("data-region") === picked.value);
      });
    }
    root.querySelectorAll("[data-region]").forEach(function (shape) {
      shape.addEventListener("click", function () {
        var radio = root.querySelector('input[type="radio"][value="' + shape.getAttribute("data-region") + '"]');
        if (radio) { radio.checked = true; radio.focus(); paint(); }
      });
    });
    radios.forEach(function (r) { r.addEventListener("change", paint); });
    paint();
  }

  // Checklists: "None of these" clears the other boxes, and ticking another box clears it.
  function checklist(form) {
    var none = form.querySelector("input[data-none]");
    if (!none) return;
    var others = Array.prototype.filter.call(
      form.querySelectorAll('input[type="checkbox"][name="value"]'), function (b) { return b !== none; });
    none.addEventListener("change", function () {
      if (none.checked) others.forEach(function (b) { b.checked = false; });
    });
    others.forEach(function (b) {
      b.addEventListener("change", function () { if (b.checked) none.checked = false; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".bodymap").forEach(bodyMap);
    document.querySelectorAll("form.question").forEach(checklist);
  });
})();
