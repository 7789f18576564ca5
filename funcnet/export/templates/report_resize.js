// plotly sizes a responsive chart when its script runs, before the rest of the grid is
// parsed; size every chart again once the page is laid out, and for printing.
(function () {
  function resize() {
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      if (window.Plotly) { window.Plotly.Plots.resize(chart); }
    });
  }
  window.addEventListener("load", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
