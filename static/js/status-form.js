// Lets htmx swap the server's answers to a status form that are not 2xx:
// 422 (Danish validation messages in place) and 409 (conflict or closed half-year).
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 422 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Keyboard focus follows the inline form (issue 15, WCAG 2.4.3): opening it moves focus to
// its first field, a failed save to the error summary, and Annullér back to the button that
// opened it. A saved row focuses its button itself (autofocus). After settling, not after the
// swap: by then htmx has wired up the new content, so a key pressed at once on the focused
// form's links (Annullér) is handled in place rather than followed as a plain link.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target;
  if (!target || !target.id || target.id.indexOf("initiative-") !== 0) {
    return;
  }
  // outerHTML swaps replace the element: find the new one by its id.
  var row = document.getElementById(target.id);
  if (!row) {
    return;
  }
  var form = row.querySelector("form");
  if (form) {
    var summary = form.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      return;
    }
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
    return;
  }
  var opener = row.querySelector(".row-actions a, .row-actions button");
  if (opener) {
    opener.focus();
  }
});
