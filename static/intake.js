// Lead intake enhancements. Every form works without this script: leads without
// clusters are routed on save, and codes can be typed. With it:
//  - the lead form shows, as the buyer types, what the platform understood ("我们理解为：…")
//    as chips that can be accepted into the form or removed;
//  - inputs with data-picker="kind[,kind]" (data-multi for comma lists) offer codes by name.
(function () {
  "use strict";

  function csrf(form) {
    var f = form && form.querySelector("input[name=_csrf]");
    return f ? f.value : "";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function debounce(fn, ms) {
    var t;
    return function () {
      clearTimeout(t);
      t = setTimeout(fn, ms);
    };
  }

  // ---- "我们理解为" panel -------------------------------------------------------------
  document.querySelectorAll("form[data-analyse]").forEach(function (form) {
    var panel = form.querySelector("[data-analyse-panel]");
    var title = form.querySelector("[name=title]");
    var desc = form.querySelector("[name=description]");
    if (!panel || !title || !window.fetch) { return; }
    var dismissed = {};
    var seq = 0;

    function addToList(name, code) {
      var input = form.querySelector("[name='" + name + "']");
      if (!input) { return; }
      var parts = input.value.split(/[,，、;]\s*/).filter(function (s) { return s.trim() !== ""; });
      if (parts.indexOf(code) < 0) { parts.push(code); }
      input.value = parts.join(", ");
    }

    function chip(label, key, accept) {
      var c = el("span", "chip");
      c.appendChild(el("span", "chip-text", label));
      if (accept) {
        var ok = el("button", "chip-btn", "✓");
        ok.type = "button";
        ok.title = panel.dataset.accept + " " + label;
        ok.setAttribute("aria-label", panel.dataset.accept + " " + label);
        ok.addEventListener("click", function () { accept(); c.classList.add("chip-accepted"); ok.remove(); });
        c.appendChild(ok);
      }
      var rm = el("button", "chip-btn", "×");
      rm.type = "button";
      rm.title = panel.dataset.remove + " " + label;
      rm.setAttribute("aria-label", panel.dataset.remove + " " + label);
      rm.addEventListener("click", function () { dismissed[key] = true; c.remove(); });
      c.appendChild(rm);
      return c;
    }

    function render(a) {
      panel.textContent = "";
      var row = el("p", "understood");
      row.appendChild(el("span", "understood-label", panel.dataset.label));
      var n = 0;
      // Clusters nearly as strong as the first only: a weak third guess is noise to the buyer.
      var top = (a.clusters && a.clusters.length) ? a.clusters[0].score : 0;
      (a.clusters || []).filter(function (c) { return c.score >= 0.5 * top; }).slice(0, 3).forEach(function (c) {
        var key = "cluster:" + c.code;
        if (dismissed[key]) { return; }
        var cc = chip(c.code + " " + c.name, key, function () {
          var box = form.querySelector("input[name=clusters][value='" + c.code + "']");
          if (box) { box.checked = true; }
        });
        // A cluster the cluster office's corrections taught says so: "2 次分拣纠正：食堂油烟 → 节能环保".
        var why = (a.learned || []).filter(function (l) { return l.cluster === c.code; }).map(function (l) { return l.reason; });
        if (why.length) {
          cc.classList.add("chip-learned");
          cc.title = why.join("\n");
        }
        row.appendChild(cc);
        n++;
      });
      (a.scenes || []).forEach(function (s) {
        var key = "scene:" + s.phrase;
        if (dismissed[key]) { return; }
        var c = chip(s.phrase + " → " + s.products.join(panel.dataset.sep || "、") + (s.guessed ? "?" : ""), key, null);
        c.classList.add("chip-scene");
        if (s.guessed) {
          c.classList.add("chip-guess");
          c.title = panel.dataset.guessed || "";
        }
        row.appendChild(c);
        n++;
      });
      (a.named || a.products || []).slice(0, 6).forEach(function (p) {
        var key = "product:" + p;
        if (dismissed[key]) { return; }
        row.appendChild(chip(p, key, null));
        n++;
      });
      (a.certifications || []).forEach(function (cert) {
        var key = "cert:" + cert;
        if (dismissed[key]) { return; }
        var c = chip(cert, key, function () { addToList("requiredCertifications", cert); });
        c.classList.add("chip-cert");
        row.appendChild(c);
        n++;
      });
      if (a.exportMarket && !dismissed["market:" + a.exportMarket]) {
        var m = chip(panel.dataset.export + " " + a.exportMarket, "market:" + a.exportMarket, function () {
          var input = form.querySelector("[name=exportMarket]");
          if (input) { input.value = a.exportMarket; }
        });
        m.classList.add("chip-market");
        row.appendChild(m);
        n++;
      }
      if (n === 0) {
        // Only a place (江阴, "Dubai") or nothing readable: the server says what to add.
        panel.appendChild(el("p", "hint", (a.unread && a.unread.message) || panel.dataset.empty));
      } else {
        panel.appendChild(row);
      }
      panel.hidden = false;
    }

    var run = debounce(function () {
      var text = (title.value + (desc ? desc.value : "")).trim();
      // Two characters are a word in Chinese (江阴): read them, so a place alone is answered.
      if (text.length < 2) { panel.hidden = true; return; }
      var mine = ++seq;
      fetch(form.dataset.analyse, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(form), "Accept-Language": document.documentElement.lang || "zh-CN" },
        body: JSON.stringify({ title: title.value, description: desc ? desc.value : "" })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
        if (j && j.data && mine === seq) { render(j.data); }
      }).catch(function () { /* the form still works: clusters are inferred on save */ });
    }, 450);
    title.addEventListener("input", run);
    if (desc) { desc.addEventListener("input", run); }
    if (title.value) { run(); }
  });

  // ---- code pickers ------------------------------------------------------------------
  var counter = 0;
  document.querySelectorAll("input[data-picker]").forEach(function (input) {
    if (!window.fetch) { return; }
    var form = input.form;
    var base = (form && form.dataset.codes) || "/api/v1/codes/";
    var kinds = input.dataset.picker.split(",");
    var multi = input.hasAttribute("data-multi");
    var id = "picker-" + (++counter);
    var list = el("ul", "picker-list");
    list.id = id;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.parentNode.classList.add("picker");
    input.parentNode.appendChild(list);
    var active = -1;
    var seq = 0;

    function current() {
      if (!multi) { return input.value.trim(); }
      var parts = input.value.split(/[,，、;]/);
      return parts[parts.length - 1].trim();
    }

    function choose(code) {
      if (multi) {
        var parts = input.value.split(/[,，、;]/).map(function (s) { return s.trim(); }).filter(Boolean);
        parts.pop();
        if (parts.indexOf(code) < 0) { parts.push(code); }
        input.value = parts.join(", ") + ", ";
      } else {
        input.value = code;
      }
      close();
      input.focus();
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show(items) {
      list.textContent = "";
      items.forEach(function (it, i) {
        var li = el("li", "picker-item");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        li.dataset.code = it.code;
        li.appendChild(el("span", "badge badge-code", it.code));
        var en = document.documentElement.lang === "en";
        li.appendChild(el("span", "picker-name", " " + ((en && it.nameEn) || it.name || it.nameEn)));
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(it.code); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    var lookup = debounce(function () {
      var q = current();
      if (q.length < 1) { close(); return; }
      var mine = ++seq;
      Promise.all(kinds.map(function (k) {
        return fetch(base + k + "?limit=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { data: [] }; })
          .catch(function () { return { data: [] }; });
      })).then(function (rs) {
        if (mine !== seq) { return; }
        var items = [];
        rs.forEach(function (r) { items = items.concat(r.data || []); });
        show(items.slice(0, 10));
      });
    }, 200);

    input.addEventListener("input", lookup);
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (e) {
      var items = list.querySelectorAll("li");
      if (list.hidden || !items.length) { return; }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach(function (li, i) { li.classList.toggle("is-active", i === active); li.setAttribute("aria-selected", i === active ? "true" : "false"); });
        input.setAttribute("aria-activedescendant", items[active].id);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(items[active].dataset.code);
      } else if (e.key === "Escape") {
        close();
      }
    });
  });
})();
