/* HQ's charts, drawn from the figures the page carries (no request of their own). Each chart
   sets data-drawn on its canvas once drawn, so a headless browser can tell. */
(function () {
  "use strict";
  var figures = JSON.parse(document.getElementById("figures").textContent);
  var pct = function (share) { return share === null ? null : Math.round(share * 1000) / 10; };
  var percentAxis = { y: { beginAtZero: true, max: 100, title: { display: true, text: "%" } } };
  function draw(id, labels, datasets) {
    var canvas = document.getElementById(id);
    if (!canvas || labels.length === 0) { return; }
    new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: { animation: false, maintainAspectRatio: false, scales: percentAxis }
    });
    canvas.dataset.drawn = String(labels.length);
  }
  draw("chart-baseline", figures.baseline.map(function (b) { return b.facility; }), [
    { label: "targeted, % non-compliant", backgroundColor: "#c62828",
      data: figures.baseline.map(function (b) { return pct(b.targeted.rate); }) },
    { label: "random (baseline), % non-compliant", backgroundColor: "#1565c0",
      data: figures.baseline.map(function (b) { return pct(b.random.rate); }) }
  ]);
  draw("chart-aed", figures.aed_compliance.map(function (a) { return a.origin; }), [
    { label: "% with AED", backgroundColor: "#2e7d32",
      data: figures.aed_compliance.map(function (a) { return pct(a.share_with_aed); }) },
    { label: "% on time", backgroundColor: "#f9a825",
      data: figures.aed_compliance.map(function (a) { return pct(a.share_on_time); }) }
  ]);
  draw("chart-holds", figures.holds.map(function (h) { return h.facility; }), [
    { label: "% examined", backgroundColor: "#6a1b9a",
      data: figures.holds.map(function (h) { return pct(h.examined_share); }) },
    { label: "% examined within 2 days", backgroundColor: "#00838f",
      data: figures.holds.map(function (h) { return pct(h.examined_in_2_days_share); }) }
  ]);
  draw("chart-targets", figures.targets.map(function (t) { return t.metric + " [" + t.scope + "]"; }), [
    { label: "target, %", backgroundColor: "#9e9e9e",
      data: figures.targets.map(function (t) { return pct(t.target); }) },
    { label: "this period, %", backgroundColor: "#2e7d32",
      data: figures.targets.map(function (t) { return pct(t.actual); }) }
  ]);
  document.body.dataset.charts = "ready";
})();
