// Draw the report charts with the vendored Chart.js (static/vendor/chartjs).
// Each <canvas data-chart="ID"> reads its numbers from <script type="application/json" id="ID">;
// the same numbers are in a table after the canvas, so nothing depends on this script.
(function () {
  "use strict";

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function formatNumber(value, suffix) {
    var text = Number.isInteger(value) ? String(value) : value.toFixed(1);
    return text.replace(".", ",") + (suffix || "");
  }

  // Long unit and area names become several lines instead of being cut off.
  function wrap(label, width) {
    var words = String(label).split(/\s+/), lines = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines.length > 1 ? lines : lines[0] || "";
  }

  // Values written at the end of each bar: the figure does not depend on colour or gridlines.
  var directLabels = {
    id: "directLabels",
    afterDatasetsDraw: function (chart) {
      var spec = chart.options.plugins.directLabels;
      if (!spec || !spec.enabled) { return; }
      var ctx = chart.ctx, meta = chart.getDatasetMeta(0), values = chart.data.datasets[0].data;
      ctx.save();
      ctx.fillStyle = spec.color;
      ctx.font = "600 " + spec.size + "px " + Chart.defaults.font.family;
      meta.data.forEach(function (bar, i) {
        var text = formatNumber(values[i], spec.suffix);
        if (spec.horizontal) {
          ctx.textAlign = "left"; ctx.textBaseline = "middle";
          ctx.fillText(text, bar.x + 4, bar.y);
        } else {
          ctx.textAlign = "center"; ctx.textBaseline = "bottom";
          ctx.fillText(text, bar.x, bar.y - 2);
        }
      });
      ctx.restore();
    }
  };

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var narrow = window.matchMedia("(max-width: 480px)").matches;
    var fg = cssVar("--fg", "#1b1f24"), line = cssVar("--line", "#d5dae0");
    var fill = cssVar("--accent", "#0b57d0");
    var size = narrow ? 13 : 14;
    var box = canvas.parentElement;
    var labels = data.labels;
    if (data.horizontal) {
      labels = labels.map(function (l) { return wrap(l, narrow ? 16 : 28); });
      var lines = labels.reduce(function (n, l) { return n + (Array.isArray(l) ? l.length : 1); }, 0);
      box.style.height = Math.max(160, lines * (size + 6) + labels.length * 16 + 60) + "px";
    }
    var valueAxis = {
      beginAtZero: true,
      grid: { color: line },
      ticks: {
        color: fg, font: { size: size }, precision: 0,
        callback: function (v) { return formatNumber(v, data.suffix); }
      }
    };
    if (data.max !== null && data.max !== undefined) { valueAxis.max = data.max; }
    if (data.suffix === "%") { valueAxis.suggestedMax = 100; }
    var categoryAxis = {
      grid: { display: false },
      ticks: { color: fg, font: { size: size }, autoSkip: !data.horizontal, maxRotation: 60 }
    };
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{
          label: data.series, data: data.values, backgroundColor: fill,
          borderColor: fg, borderWidth: 1, maxBarThickness: 36
        }]
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { right: data.horizontal ? 48 : 8, top: data.horizontal ? 0 : 20 } },
        scales: data.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) { return data.series + ": " + formatNumber(item.raw, data.suffix); }
            }
          },
          directLabels: {
            enabled: data.directLabels, horizontal: data.horizontal, suffix: data.suffix,
            color: fg, size: size
          }
        }
      },
      plugins: [directLabels]
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") { return; }  // the tables still carry every number
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
