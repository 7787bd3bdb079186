// Interactive charts (policytext.report.explorer.InteractiveChart): each element marked
// "policybook-chart" holds a static image and a Vega-Lite specification; once Vega is loaded
// from this folder (only on pages with such a chart), the chart replaces the image: hover for
// the numbers, drag or scroll to zoom where the chart allows it.
(function () {
  const folder = document.currentScript.src.replace(/[^/]*$/, "");
  function draw() {
    const charts = document.querySelectorAll("div.policybook-chart");
    if (!charts.length) return;
    const loader = document.createElement("script");
    loader.src = folder + "vega-bundle.js";
    loader.onload = function () {
      Promise.all(Array.from(charts).map(function (element) {
        const spec = JSON.parse(element.dataset.spec);
        return window.vegaEmbed(element, spec, {actions: false, renderer: "svg"});
      })).then(function () {
        document.documentElement.dataset.interactiveCharts = String(charts.length);
      });
    };
    document.head.appendChild(loader);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
