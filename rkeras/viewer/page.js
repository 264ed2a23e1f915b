// rkeras live metrics page: draws one SVG chart per metric from the JSON
// embedded in the page. Names are data: every text goes in with textContent.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 640, H = 200, M = { left: 56, right: 12, top: 10, bottom: 28 };

  function svg(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(name, attrs, parent, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  // "nice" ticks: 1, 2, 5 times a power of ten
  function ticks(lo, hi, count) {
    if (!(hi > lo)) return [lo];
    var raw = (hi - lo) / count, power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * power; })
      .filter(function (s) { return s >= raw; })[0];
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  }

  function format(v) {
    if (v === null || v === undefined) return "NA";
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
    return String(+v.toPrecision(4));
  }

  function lastValue(values) {
    for (var i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
    return null;
  }

  function drawPanel(parent, metric, data) {
    var section = html("section", { "class": "panel" }, parent);
    section.dataset.metric = metric.name;
    var title = html("h2", {}, section, metric.name);
    var series = [["training", metric.training], ["validation", metric.validation]]
      .filter(function (s) { return s[1]; });
    var lastText = series.map(function (s) {
      return (s[0] === "validation" ? "val_" : "") + metric.name + ": " + format(lastValue(s[1]));
    }).join("   ");
    html("span", { "class": "last" }, title, lastText);

    var values = [];
    series.forEach(function (s) { s[1].forEach(function (v) { if (v !== null) values.push(v); }); });
    var first = data.initial_epoch + 1, last = Math.max(data.epochs, first);
    var ylo = Math.min.apply(null, values.length ? values : [0]);
    var yhi = Math.max.apply(null, values.length ? values : [1]);
    if (ylo === yhi) { ylo -= Math.abs(ylo) * 0.1 || 1; yhi += Math.abs(yhi) * 0.1 || 1; }
    var pad = (yhi - ylo) * 0.05; ylo -= pad; yhi += pad;
    var x = function (e) { return M.left + (e - first + 0.5) / (last - first + 1) * (W - M.left - M.right); };
    var y = function (v) { return H - M.bottom - (v - ylo) / (yhi - ylo) * (H - M.top - M.bottom); };

    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img" }, section);
    svg("title", {}, chart).textContent = metric.name;
    ticks(ylo, yhi, 4).forEach(function (t) {
      svg("line", { "class": "grid", x1: M.left, x2: W - M.right, y1: y(t), y2: y(t) }, chart);
      svg("text", { "class": "tick", x: M.left - 6, y: y(t) + 4, "text-anchor": "end" }, chart).textContent = format(t);
    });
    ticks(first, last, 6).filter(function (t) { return t === Math.round(t); }).forEach(function (t) {
      svg("line", { "class": "grid", x1: x(t), x2: x(t), y1: M.top, y2: H - M.bottom }, chart);
      svg("text", { "class": "tick", x: x(t), y: H - M.bottom + 16, "text-anchor": "middle" }, chart).textContent = String(t);
    });
    series.forEach(function (s) {
      var level = s[0], points = [], segments = [[]];
      s[1].forEach(function (v, i) {
        if (v === null) { if (segments[segments.length - 1].length) segments.push([]); return; }
        var p = [x(first + i), y(v)];
        segments[segments.length - 1].push(p.join(","));
        points.push(p);
      });
      segments.filter(function (seg) { return seg.length > 1; }).forEach(function (seg) {
        svg("polyline", { "class": "line " + level, points: seg.join(" ") }, chart);
      });
      points.forEach(function (p) {
        svg("circle", { "class": "point " + level, cx: p[0], cy: p[1], r: 3.5 }, chart);
      });
    });
    if (series.length > 1) {
      var legend = html("div", { "class": "legend" }, section);
      series.forEach(function (s) {
        var item = html("span", {}, legend);
        html("i", { "class": s[0] }, item);
        item.appendChild(document.createTextNode(s[0]));
      });
    }
  }

  function remember(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* storage off: fine */ }
  }
  function recall(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }

  var data = JSON.parse(document.getElementById("rkeras-data").textContent);
  var charts = document.getElementById("charts");
  var status = document.getElementById("status");
  var upto = data.initial_epoch + data.epochs_trained;
  if (data.epochs_trained > 0) {
    data.metrics.forEach(function (metric) { drawPanel(charts, metric, data); });
  }
  status.textContent = data.running
    ? (data.epochs_trained > 0 ? "Training: epoch " + upto + " of " + data.epochs + " done" : "Training: waiting for the first epoch to end") + " (updated " + data.updated + ")"
    : "Training " + data.status + " after epoch " + upto + " of " + data.epochs + " (" + data.updated + ")";
  document.body.dataset.state = data.running ? "running" : "done";
  document.body.dataset.epochs = String(data.epochs_trained);

  var loads = (parseInt(recall("rkeras-loads") || "0", 10) || 0) + 1;
  remember("rkeras-loads", String(loads));
  document.body.dataset.loads = String(loads);
  var scroll = recall("rkeras-scroll");
  if (scroll !== null) window.scrollTo(0, parseFloat(scroll) || 0);
  if (data.running) {
    window.setTimeout(function () {
      remember("rkeras-scroll", String(window.scrollY));
      window.location.reload();
    }, data.reload_ms);
  }
})();
