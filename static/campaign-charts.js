// Campaign charts (Apache ECharts, vendored in static/echarts.min.js). Every figure is read from
// the JSON API the page names in data-api, the same numbers the tables beside the charts show;
// without JavaScript the tables remain.
(function () {
  "use strict";

  var root = document.getElementById("campaign-charts");
  if (!root || !window.echarts || !window.fetch) { return; }
  var L = JSON.parse(root.getAttribute("data-labels") || "{}");
  var api = root.getAttribute("data-api");
  var printing = root.hasAttribute("data-print");
  var palette = ["#1d4ed8", "#0f766e", "#b45309", "#7c3aed", "#be123c", "#475569"];
  var charts = [];

  function get(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (b) { return b.data; });
  }

  function init(el) {
    var c = echarts.init(el, null, { renderer: printing ? "svg" : "canvas" });
    charts.push(c);
    return c;
  }

  // The cumulative line stops at the month now in progress: months to come are not zero.
  function monthsPassed(report) {
    if (report.elapsed >= 1) { return 12; }
    return Math.max(0, Math.ceil(report.elapsed * 12));
  }

  function monthNames(months) {
    return months.map(function (m) { return L.monthShort ? L.monthShort[parseInt(m.month.slice(5), 10) - 1] : m.month.slice(5); });
  }

  function base(extra) {
    var o = {
      color: palette,
      animation: !printing,
      textStyle: { fontFamily: "inherit" },
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0, type: "scroll" }
    };
    for (var k in extra) { o[k] = extra[k]; }
    return o;
  }

  function yuanToWan(v) { return Math.floor(v / 100) / 100; }

  // Progress of one KPI: this month's figure as bars, the running total as a line, against the
  // target (a flat line) and an even pace through the year (dashed).
  function kpiChart(el, key, m, report) {
    var target = report.targets[key] || 0;
    var passed = monthsPassed(report);
    var money = key === "signedValue" || key === "intendedValue";
    var conv = money ? yuanToWan : function (v) { return v; };
    var series = [
      { name: L.monthly, type: "bar", data: m.months.map(function (x) { return conv(x[key]); }), barMaxWidth: 18 },
      { name: L.cumulative, type: "line", symbolSize: 5,
        data: m.cumulative.map(function (x, i) { return i < passed ? conv(x[key]) : null; }) }
    ];
    if (target > 0 && report.whole) {
      series.push({ name: L.pace, type: "line", symbol: "none", lineStyle: { type: "dashed", width: 1 },
        data: m.months.map(function (_, i) { return conv(Math.round(target * (i + 1) / 12)); }) });
      series.push({ name: L.target, type: "line", symbol: "none", lineStyle: { width: 2 },
        data: m.months.map(function () { return conv(target); }) });
    }
    init(el).setOption(base({
      color: ["#93c5fd", "#1d4ed8", "#94a3b8", "#be123c"],
      xAxis: { type: "category", data: monthNames(m.months) },
      yAxis: { type: "value", minInterval: money ? 0 : 1, name: money ? L.wan : "" },
      series: series
    }));
  }

  // Clusters ranked by one measure, best on top.
  function rankingChart(el, rows, measure, label, money) {
    // Ties (a tenth of a percent is coarse early in the year) go to signed value, then activity.
    var tie = function (r) { return (r.actuals.signedValue || 0) * 1e6 + (r.actuals.enterprises || 0) + (r.actuals.leads || 0); };
    var sorted = rows.slice().sort(function (a, b) { return (measure(a) - measure(b)) || (tie(a) - tie(b)); });
    init(el).setOption(base({
      legend: { show: false },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: money ? L.wan : "" },
      yAxis: { type: "category", data: sorted.map(function (r) { return r.cluster + " " + r.name; }),
        axisLabel: { width: 120, overflow: "truncate" } },
      series: [{ name: label, type: "bar", barMaxWidth: 16,
        data: sorted.map(function (r) { return money ? yuanToWan(measure(r)) : measure(r); }),
        label: { show: true, position: "right" } }]
    }));
  }

  function funnelChart(el, report) {
    var st = {};
    report.funnel.stages.forEach(function (s) { st[s.status] = s.count; });
    var data = [
      { name: L.funnel.leads, value: report.actuals.leads },
      { name: L.funnel.sent, value: st.sent || 0 },
      { name: L.funnel.interested, value: st.interested || 0 },
      { name: L.funnel.intent, value: st.intent || 0 },
      { name: L.funnel.signed, value: st.signed || 0 }
    ];
    init(el).setOption(base({
      legend: { show: false },
      tooltip: { trigger: "item", formatter: "{b}: {c}", confine: true },
      // Labels sit beside the stages: the narrow ones near the end cannot hold them.
      series: [{ type: "funnel", sort: "none", left: 4, width: "52%", top: 8, bottom: 8, minSize: "6%",
        label: { show: true, position: "right", formatter: "{b}  {c}", color: "#1f2933" },
        labelLine: { show: true, length: 8 },
        data: data }]
    }));
  }

  // Year on year: the running total of one figure this year and the year before.
  function yoyChart(el, m, key, report) {
    var money = key === "signedValue" || key === "intendedValue";
    var conv = money ? yuanToWan : function (v) { return v; };
    var passed = monthsPassed(report);
    var cum = function (months) {
      var run = 0;
      return months.map(function (x) { run += x[key] || 0; return conv(run); });
    };
    var chart = el.__chart || init(el);
    el.__chart = chart;
    chart.setOption(base({
      color: ["#94a3b8", "#1d4ed8"],
      xAxis: { type: "category", data: monthNames(m.months) },
      yAxis: { type: "value", name: money ? L.wan : "" },
      series: [
        { name: String(m.year - 1), type: "line", symbolSize: 4, data: cum(m.previous) },
        { name: String(m.year), type: "line", symbolSize: 5,
          data: cum(m.months).map(function (v, i) { return i < passed ? v : null; }) }
      ]
    }), true);
  }

  var sep = api.indexOf("?") >= 0 ? "&" : "?";
  Promise.all([get(api), get(api + sep + "by=month")]).then(function (res) {
    var report = res[0], m = res[1];
    root.classList.add("charts-ready");
    root.querySelectorAll("[data-kpi]").forEach(function (el) { kpiChart(el, el.getAttribute("data-kpi"), m, report); });
    var rows = report.byCluster || [];
    var byC = root.querySelector("[data-ranking=contribution]");
    if (byC && rows.length) { rankingChart(byC, rows, function (r) { return r.contribution; }, L.contribution, false); }
    var byV = root.querySelector("[data-ranking=signedValue]");
    if (byV && rows.length) { rankingChart(byV, rows, function (r) { return r.actuals.signedValue || 0; }, L.signedValue, true); }
    var fn = root.querySelector("[data-funnel]");
    if (fn && report.funnel) { funnelChart(fn, report); }
    var yoy = root.querySelector("[data-yoy]");
    if (yoy) {
      var pick = document.getElementById("yoy-metric");
      var draw = function () { yoyChart(yoy, m, pick ? pick.value : "leads", report); };
      if (pick) { pick.addEventListener("change", draw); }
      draw();
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
  }).catch(function () {
    root.classList.add("charts-failed");
  });
})();
