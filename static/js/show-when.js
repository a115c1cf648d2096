// Parts of a form that apply only to some choices: <fieldset data-show-when="target=firmado">
// is shown only while the control named "target" has the value "firmado" (several values:
// "target=firmado,ratificado"). Without JavaScript
// everything stays visible (and the server ignores what does not apply).
(function () {
  "use strict";
  document.querySelectorAll("[data-show-when]").forEach(function (part) {
    var rule = part.getAttribute("data-show-when").split("=");
    var control = document.querySelector('[name="' + rule[0] + '"]');
    if (!control) {
      return;
    }
    var update = function () {
      part.hidden = rule[1].split(",").indexOf(control.value) < 0;
    };
    control.addEventListener("change", update);
    update();
  });
})();
