// Lets htmx swap the server's answers to a status form that are not 2xx:
// 422 (Danish validation messages in place) and 409 (conflict or closed half-year).
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 422 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
