// Print button of the plan page (no inline handlers: the CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("plan-print");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
});
