// Render every element with data-chart="<id of a json_script>" using ECharts; options are built server-side.
// Numbers are shown the Vietnamese way (6.000; 96,89) unless the options bring their own formatter.
(function () {
  var nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
  function vn(v) {
    if (Array.isArray(v)) v = v[v.length - 1];
    return typeof v === "number" ? nf.format(v) : v;
  }
  function each(x, fn) { if (!x) return; (Array.isArray(x) ? x : [x]).forEach(fn); }
  function localise(opt) {
    each(opt.xAxis, function (a) { if (a.type === "value") { a.axisLabel = a.axisLabel || {}; if (!a.axisLabel.formatter) a.axisLabel.formatter = vn; } });
    each(opt.yAxis, function (a) { if (a.type === "value" || a.type === undefined) { a.axisLabel = a.axisLabel || {}; if (!a.axisLabel.formatter) a.axisLabel.formatter = vn; } });
    each(opt.radar, function (r) { r.axisLabel = r.axisLabel || {}; if (!r.axisLabel.formatter) r.axisLabel.formatter = vn; });
    if (opt.tooltip && !opt.tooltip.formatter && !opt.tooltip.valueFormatter) opt.tooltip.valueFormatter = vn;
    each(opt.series, function (s) {
      if (s.label && s.label.show && !s.label.formatter) s.label.formatter = function (p) { return vn(p.value); };
    });
    return opt;
  }
  function render(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var src = document.getElementById(el.dataset.chart);
      if (!src || el.dataset.rendered) return;
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(localise(JSON.parse(src.textContent)));
      el.dataset.rendered = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  window.chisoVnNumber = vn;
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSwap", function (e) { render(e.target); });
})();
