// tiewatch dashboard behaviour (#5): line charts from <script type="application/json"> blocks
// and the coding panel of the document view. No inline script anywhere, so the
// Content-Security-Policy can forbid it; every value reaches the page through textContent.
"use strict";

const PALETTE = ["#1f5f8b", "#d64545", "#2f8132", "#c77d00", "#6b4fa3", "#0f7c8c", "#8a6d3b"];

function readJson(id) {
  const block = document.getElementById(id);
  return block ? JSON.parse(block.textContent) : null;
}

// data: {labels: [...], datasets: [{label, data: [number|null]}], y_label?, y_min?, y_max?,
//        show_line? (false: points only)}
function drawChart(canvas) {
  const data = readJson(canvas.dataset.chart);
  if (!data || typeof Chart === "undefined") return;
  const datasets = data.datasets.map((set, i) => ({
    label: set.label,
    data: set.data,
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
    spanGaps: true,
    showLine: data.show_line !== false,
    pointRadius: data.show_line === false ? 4 : 3,
    tension: 0,
  }));
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "nearest", intersect: false },
      plugins: { legend: { display: datasets.length > 1 } },
      scales: {
        y: {
          min: data.y_min ?? undefined,
          max: data.y_max ?? undefined,
          title: { display: Boolean(data.y_label), text: data.y_label || "" },
        },
      },
    },
  });
}

function showCoding(mark) {
  const panel = document.getElementById("coding-list");
  if (!panel) return;
  panel.replaceChildren();
  for (const [key, value] of Object.entries(mark.dataset)) {
    const term = document.createElement("dt");
    term.textContent = key.replace(/([A-Z])/g, " $1").toLowerCase();
    const detail = document.createElement("dd");
    detail.textContent = value;
    panel.append(term, detail);
  }
  const words = document.createElement("dt");
  words.textContent = "text";
  const quoted = document.createElement("dd");
  quoted.textContent = mark.textContent;
  panel.append(words, quoted);
}

function watchCodings() {
  const text = document.querySelector(".doc-text");
  if (!text) return;
  const pick = (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark) showCoding(mark);
  };
  text.addEventListener("mouseover", pick);
  text.addEventListener("focusin", pick);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("canvas[data-chart]").forEach(drawChart);
  watchCodings();
});
