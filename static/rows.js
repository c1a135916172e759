// Editors of repeated rows (the event's agenda and registration questions): add, duplicate and
// remove rows in the page, nothing saved until the form is; and, after a refused save, the first
// problem focused and in view. Without this script the forms work as they are: blank rows,
// a "remove" box per saved row, and the server's autofocus on the first problem.
(function () {
  "use strict";

  // reindex rewrites the row number in the names and IDs of el's inputs and labels:
  // sessions[3].title → sessions[7].title, s3-title → s7-title (and the __i__ of the template).
  function reindex(el, index) {
    var re = /(\[)(\d+|__i__)(\])|^([a-z])(\d+|__i__)-/;
    el.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (n) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var v = n.getAttribute(attr);
        if (v === null) { return; }
        n.setAttribute(attr, v.split(" ").map(function (part) {
          return part.replace(re, function (m, a, _i, c, letter) {
            return a ? a + index + c : letter + index + "-";
          });
        }).join(" "));
      });
    });
  }

  // clearProblems takes a copied row's error marks away: they belonged to the original.
  function clearProblems(row) {
    row.querySelectorAll(".field-error").forEach(function (n) { n.remove(); });
    row.querySelectorAll(".has-error").forEach(function (n) { n.classList.remove("has-error"); });
    row.querySelectorAll("[aria-invalid]").forEach(function (n) {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("[autofocus]").forEach(function (n) { n.removeAttribute("autofocus"); });
  }

  function setup(form) {
    var list = form.querySelector("[data-rows]");
    var count = form.querySelector("[data-rows-count]");
    var tmpl = document.getElementById(list.getAttribute("data-template"));
    if (!list || !count || !tmpl) { return; }
    var label = list.getAttribute("data-label") || "{n}";
    var next = parseInt(count.value, 10) || 0;

    form.querySelectorAll("[data-js-only]").forEach(function (n) { n.hidden = false; });

    function renumber() {
      list.querySelectorAll("[data-row]").forEach(function (row, i) {
        var l = row.querySelector("[data-row-label]");
        if (l) { l.textContent = label.replace("{n}", String(i + 1)); }
      });
    }

    // showOptions hides a text question's option boxes: only choices have options.
    function showOptions(row) {
      var kind = row.querySelector("[data-question-kind]");
      var opts = row.querySelector("[data-question-options]");
      if (!kind || !opts) { return; }
      var sync = function () { opts.hidden = kind.value === "text" && !opts.querySelector(".has-error"); };
      kind.addEventListener("change", sync);
      sync();
    }

    function wire(row) {
      row.querySelectorAll("[data-js-only]").forEach(function (n) { n.hidden = false; });
      var dup = row.querySelector("[data-row-duplicate]");
      var del = row.querySelector("[data-row-remove]");
      if (dup) { dup.addEventListener("click", function () { duplicate(row); }); }
      if (del) { del.addEventListener("click", function () { remove(row); }); }
      showOptions(row);
    }

    function insert(row, after) {
      reindex(row, next);
      next += 1;
      count.value = String(next);
      if (after) { after.after(row); } else { list.appendChild(row); }
      wire(row);
      renumber();
      row.classList.add("is-added");
      setTimeout(function () { row.classList.remove("is-added"); }, 900);
      var first = row.querySelector("input[type=text], select, textarea");
      if (first) { first.focus(); }
      row.scrollIntoView({ block: "nearest" });
    }

    function blank() {
      return tmpl.content.firstElementChild.cloneNode(true);
    }

    function duplicate(row) {
      var copy = row.cloneNode(true);
      // cloneNode keeps attributes, not what was typed: copy the live values over.
      var from = row.querySelectorAll("input, select, textarea");
      var to = copy.querySelectorAll("input, select, textarea");
      from.forEach(function (n, i) {
        if (n.type === "checkbox") { to[i].checked = n.checked; } else { to[i].value = n.value; }
      });
      var id = copy.querySelector("[data-row-id]");
      if (id) { id.value = ""; } // a copy is a new session (or question)
      var idText = copy.querySelector("[data-row-idtext]");
      if (idText) { idText.remove(); }
      copy.querySelectorAll("[data-nojs-only]").forEach(function (n) { n.remove(); });
      clearProblems(copy);
      insert(copy, row);
    }

    function remove(row) {
      var after = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      var target = after && after.querySelector("input[type=text], select, textarea");
      (target || form.querySelector("[data-row-add]") || form.querySelector("[type=submit]")).focus();
    }

    // The blank rows the page offers without a script: one is enough with "add".
    var blanks = [].filter.call(list.querySelectorAll("[data-row]"), function (row) {
      var id = row.querySelector("[data-row-id]");
      return (!id || id.value === "") && ![].some.call(row.querySelectorAll("input[type=text], input[type=datetime-local], textarea"),
        function (n) { return n.value.trim() !== ""; });
    });
    blanks.slice(1).forEach(function (row) { row.remove(); });
    list.querySelectorAll("[data-row]").forEach(wire);
    renumber();
    var add = form.querySelector("[data-row-add]");
    if (add) { add.addEventListener("click", function () { insert(blank(), null); }); }
  }

  document.querySelectorAll("form[data-rows-form]").forEach(setup);

  // After a refused save: the first problem gets the focus and stands in the middle of the
  // screen, not 1,300 px below it (the server's autofocus does the same without this script).
  var first = document.querySelector("form[data-rows-form] [aria-invalid=true]");
  if (first) {
    first.focus({ preventScroll: true });
    first.scrollIntoView({ block: "center" });
  }
})();
