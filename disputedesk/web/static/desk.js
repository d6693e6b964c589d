// disputedesk staff UI: after htmx swaps a page region, move keyboard focus to what needs it.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function () {
    var region = document.getElementById("dispute-page");
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
    }
  });
})();
