// disputedesk staff UI: after htmx swaps a page region, move keyboard focus to what needs it.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    var id = target && target.id;
    if (id === "coach-report") {
      return; // the coach updates beside the editor while the agent types: never move focus
    }
    // An outerHTML swap replaces the target: find the new element by its id.
    var region = (id && document.getElementById(id)) || document.getElementById("dispute-page");
    if (!region) {
      return;
    }
    var invalid = region.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    var problem = region.querySelector(".form-error");
    if (problem) {
      problem.setAttribute("tabindex", "-1");
      problem.focus();
      return;
    }
    if (id === "reply-workspace") {
      var editor = document.getElementById("reply-body");
      if (editor) {
        editor.focus(); // a drafted reply is ready to edit
      }
    }
  });
})();
