// Party form: show only the fields that apply to the chosen kind. Without JavaScript every field
// shows, and the server ignores those that do not apply.
(function () {
  "use strict";
  var kind = document.getElementById("kind");
  if (!kind) {
    return;
  }
  var groups = document.querySelectorAll("[data-kinds]");
  function update() {
    groups.forEach(function (group) {
      group.hidden = group.getAttribute("data-kinds").split(" ").indexOf(kind.value) === -1;
    });
  }
  kind.addEventListener("change", update);
  update();
})();
