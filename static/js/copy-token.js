// The copy button beside a key shown once (API-nøgler): copies the field's text and says so in
// the live region beside it. The button is a <button>, so Tab reaches it and Enter or Space
// presses it; it stays hidden without this script (the field can still be selected).
document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copyFrom);
  var result = document.getElementById(button.dataset.copiedTo);
  if (!field || !result) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var done = function () { result.textContent = result.dataset.copied; };
    var failed = function () {
      field.focus();
      field.select();
      result.textContent = result.dataset.failed;
    };
    // The field's own selection and copy first: it works on the key press itself, also where
    // the asynchronous clipboard waits for a permission; then the clipboard API.
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    button.focus();
    if (copied) {
      done();
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  });
});
