// The door: check-in by camera (jsQR, vendored), hardware scanner or typing. Scans go to the
// server at once when there is a network; otherwise they wait in localStorage and are sent as
// one batch when the network is back (the server applies the earliest scan of a badge and
// answers per scan, so sending a batch twice is harmless).
(function () {
  'use strict';
  var root = document.getElementById('door');
  if (!root || !window.fetch || !window.localStorage) return; // the plain form still works

  var ev = root.dataset.event, csrf = root.dataset.csrf, d = root.dataset;
  var queueKey = 'duijie.checkin.queue.' + ev, deviceKey = 'duijie.checkin.device';
  var $ = function (id) { return document.getElementById(id); };
  var result = $('door-result'), codeForm = $('door-code-form'), codeInput = $('f-code');
  var deviceForm = $('door-device-form'), deviceInput = $('door-device-input');
  var video = $('door-video'), canvas = $('door-canvas'), camBox = $('door-camera');
  var camStart = $('door-cam-start'), camStop = $('door-cam-stop');
  var stream = null, syncing = false, recent = {};

  function fmt(s) { // %s and %d in order, as the server's messages
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    return s.replace(/%[sd]/g, function () { return String(args[i++]); });
  }
  function show(kind, text) {
    result.hidden = false;
    result.dataset.kind = kind;
    result.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'door-result-text';
    p.textContent = text;
    result.appendChild(p);
  }

  // ---- the device's name, kept on the device
  function device() { return localStorage.getItem(deviceKey) || ''; }
  function showDevice() {
    var name = device();
    $('door-device-name').textContent = name || '—';
    $('door-device-field').value = name;
    $('door-device-change').hidden = !name;
    deviceForm.hidden = !!name;
    camStart.hidden = !name || !!stream || !navigator.mediaDevices;
    codeInput.disabled = !name;
    if (!name) { deviceInput.focus(); }
  }
  deviceForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var name = deviceInput.value.trim();
    if (!name) { deviceInput.setAttribute('aria-invalid', 'true'); show('error', d.msgNeedDevice); return; }
    localStorage.setItem(deviceKey, name.slice(0, 60));
    result.hidden = true;
    showDevice();
    codeInput.focus();
  });
  $('door-device-change').addEventListener('click', function () {
    deviceInput.value = device();
    deviceForm.hidden = false;
    deviceInput.focus();
  });

  // ---- the queue of scans made without network
  function queue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || '[]'); } catch (e) { return []; }
  }
  function saveQueue(q) {
    if (q.length) localStorage.setItem(queueKey, JSON.stringify(q)); else localStorage.removeItem(queueKey);
    var el = $('door-queue');
    el.hidden = !q.length;
    el.textContent = fmt(d.msgPending, q.length);
    $('door-sync').hidden = !q.length;
  }
  function enqueue(scan) {
    var q = queue();
    var again = q.some(function (s) { return s.code === scan.code; });
    q.push(scan);
    saveQueue(q);
    show('info', fmt(again ? d.msgQueuedAgain : d.msgQueued, scan.code));
  }

  function normalise(raw) {
    var s = String(raw).trim().toUpperCase().replace(/[\s_-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(s)) return '';
    return s.slice(0, 4) + '-' + s.slice(4);
  }

  function setCounts(c) {
    if (!c) return;
    $('door-people').textContent = c.peopleCheckedIn;
    $('door-attendees').textContent = c.attendees;
    $('door-firms').textContent = fmt(d.msgFirms, c.checkedIn, c.confirmed);
  }
  function refreshCounts() {
    return fetch('/api/v1/events/' + ev + '/checkins/counts', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (b) { if (b) setCounts(b.data); })
      .catch(function () {});
  }

  function logLine(code, text, kind) {
    var empty = $('door-log-empty');
    if (empty) empty.remove();
    var li = document.createElement('li');
    var t = document.createElement('span');
    t.className = 'door-log-time';
    t.textContent = new Date().toTimeString().slice(0, 5);
    var c = document.createElement('span');
    c.className = 'mono';
    c.textContent = code;
    var r = document.createElement('span');
    r.className = 'door-log-result door-log-' + kind;
    r.textContent = text;
    li.append(t, ' ', c, ' ', r);
    $('door-log').prepend(li);
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf }
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (b) { return { status: res.status, body: b }; });
    });
  }
  function problem(b) {
    var e = b && b.error;
    if (!e) return '';
    var f = e.fields && Object.keys(e.fields).map(function (k) { return e.fields[k]; }).join(' ');
    return f || e.message || '';
  }

  // ---- one scan, from whichever source
  function handle(raw, fromCamera) {
    if (!device()) { show('error', d.msgNeedDevice); return; }
    var code = normalise(raw);
    if (!code) { if (!fromCamera) show('error', d.msgBadCode); return; }
    var now = Date.now();
    if (recent[code] && now - recent[code] < 4000) return; // the camera sees one badge many times
    recent[code] = now;
    var scan = { code: code, scannedAt: new Date(now).toISOString(), device: device() };
    if (!navigator.onLine) { enqueue(scan); return; }
    post('/api/v1/events/' + ev + '/checkins', scan).then(function (r) {
      if (r.status === 201) {
        var reg = r.body.data.registration, a = reg.attendees[r.body.data.attendee];
        var here = reg.attendees.filter(function (x) { return x.checkedInAt; }).length;
        show('success', fmt(d.msgOk, a.name, reg.enterpriseName, here, reg.attendees.length));
        logLine(code, a.name, 'ok');
        setCounts(r.body.data.counts);
      } else if (r.status >= 500 || r.status === 0) {
        enqueue(scan);
      } else if (r.status === 401 || r.status === 403) {
        enqueue(scan);
        show('error', d.msgSignedOut);
      } else {
        var msg = r.status === 409 || r.status === 404 ? (r.body.error && r.body.error.message) : problem(r.body);
        show(r.status === 409 ? 'warning' : 'error', msg || String(r.status));
        logLine(code, msg, r.status === 409 ? 'already' : 'unknown');
      }
    }).catch(function () { enqueue(scan); });
  }

  codeForm.addEventListener('submit', function (e) {
    e.preventDefault(); // scanners type the code and Enter: stay on the page, ready for the next
    handle(codeInput.value, false);
    codeInput.value = '';
    codeInput.focus();
  });

  // ---- offline sync
  function sync() {
    var q = queue();
    if (!q.length || syncing || !navigator.onLine) return;
    syncing = true;
    var batch = q.slice(0, 500);
    post('/api/v1/events/' + ev + '/checkins/batch', { scans: batch }).then(function (r) {
      if (r.status !== 200) {
        show('error', r.status === 401 || r.status === 403 ? d.msgSignedOut : fmt(d.msgSyncFailed, problem(r.body) || r.status));
        return;
      }
      // The queue may have grown meanwhile: drop just what was sent.
      saveQueue(queue().slice(batch.length));
      var ok = 0, list = $('door-synclog-list');
      r.body.data.forEach(function (s) {
        if (s.result === 'checked_in') { ok++; logLine(s.code, s.attendee || '', 'ok'); return; }
        var li = document.createElement('li');
        var c = document.createElement('span');
        c.className = 'mono';
        c.textContent = s.code;
        li.append(c, ' ', s.message || s.result);
        list.prepend(li);
      });
      $('door-synclog').hidden = !list.children.length;
      show('success', fmt(d.msgSynced, ok, batch.length));
      refreshCounts();
      if (queue().length) setTimeout(sync, 0);
    }).catch(function () {}).then(function () { syncing = false; });
  }
  $('door-sync').addEventListener('click', sync);

  function net() {
    var el = $('door-net');
    el.className = navigator.onLine ? 'pill pill-success' : 'pill pill-warning';
    el.textContent = navigator.onLine ? d.msgOnline : d.msgOffline;
    if (navigator.onLine) sync();
  }
  window.addEventListener('online', net);
  window.addEventListener('offline', net);
  setInterval(sync, 10000);

  // ---- the camera
  function tick() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth) {
      var scale = Math.min(1, 640 / video.videoWidth);
      var w = Math.round(video.videoWidth * scale), h = Math.round(video.videoHeight * scale);
      canvas.width = w;
      canvas.height = h;
      var ctx = canvas.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(video, 0, 0, w, h);
      var found = window.jsQR && window.jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
      if (found && found.data) handle(found.data, true);
    }
    setTimeout(tick, 200);
  }
  camStart.addEventListener('click', function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      camBox.hidden = false;
      camStart.hidden = true;
      camStop.hidden = false;
      return video.play();
    }).then(tick).catch(function () { show('error', d.msgNoCamera); });
  });
  camStop.addEventListener('click', function () {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    camBox.hidden = true;
    camStop.hidden = true;
    showDevice();
  });

  showDevice();
  saveQueue(queue());
  net();
})();
