/* The API docs page (templates/ninja/swagger.html): what Swagger UI draws without a name or
   keyboard access once a route is opened and tried. Its copy buttons get a Danish name, and its
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
    root.querySelectorAll("pre.microlight:not([tabindex]), .curl:not([tabindex])").forEach((block) => {
      block.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
  mend();
})();
