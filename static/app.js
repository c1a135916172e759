// Duijie's only script: progressive enhancements. Every page works without it.
(function () {
  "use strict";

  document.documentElement.classList.add("has-js");

  // Ask before destructive actions: <form data-confirm="message">.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var msg = form.getAttribute && form.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      e.preventDefault();
    }
  });

  // Mobile navigation toggle: <button class="nav-toggle" aria-controls="id">.
  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      if (nav) { nav.classList.toggle("is-open", !open); }
    });
  }

  // Dismissible flash messages.
  document.querySelectorAll(".flash .dismiss").forEach(function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var box = btn.closest(".flash");
      if (box) { box.remove(); }
    });
  });

  // Copy buttons: <button data-copy="element-id">.
  document.querySelectorAll("[data-copy]").forEach(function (btn) {
    var src = document.getElementById(btn.getAttribute("data-copy"));
    if (!src || !navigator.clipboard) { return; }
    btn.hidden = false;
    btn.addEventListener("click", function () {
      navigator.clipboard.writeText(src.textContent.trim()).then(function () {
        var done = btn.getAttribute("data-copied");
        if (done) { btn.textContent = done; }
      });
    });
  });

  // Print buttons: <button data-print>.
  document.querySelectorAll("[data-print]").forEach(function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () { window.print(); });
  });
})();
