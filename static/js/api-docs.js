/* The API docs page (templates/ninja/swagger.html): what Swagger UI draws without a name or
   keyboard access once a route is opened and tried. Its copy buttons get a Danish name, its
   parameter fields the parameter's name, and its
   scrollable code blocks (curl, responses) can be reached with the keyboard. Runs on every
   change Swagger UI makes to the page. */
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root) return;
  function mend() {
    root.querySelectorAll(".copy-to-clipboard > button:not([aria-label])").forEach((button) => {
      button.setAttribute("aria-label", "Kopiér");
    });
    // A parameter's field (a choice such as arkiveret=true|false|alle, or a text box) is named
    // after the parameter its row shows.
    root.querySelectorAll("tr[data-param-name] :is(select, input, textarea):not([aria-label])").forEach((field) => {
      field.setAttribute("aria-label", field.closest("tr[data-param-name]").getAttribute("data-param-name"));
    });
    root.querySelectorAll("pre.microlight:not([tabindex]), .curl:not([tabindex])").forEach((block) => {
      block.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
  mend();
})();
