"""ECharts options, built server-side (rendered by static/js/charts.js)."""

from chiso.surveys import stats

BLUE, GREY = "#0b4f8a", "#9aa5b1"
SCALE_COLOURS = ["#b3261e", "#e8833a", "#c9ced6", "#7cc08f", "#1b7f3b"]


def _r(v):
    return None if v is None else round(v, 2)


# Short names for chart axes (the full names are in the table next to the chart).
SHORT_ELEMENTS = {
    "access": "Tiếp cận dịch vụ",
    "procedures": "Thủ tục hành chính",
    "civil_servants": "Công chức",
    "results": "Kết quả dịch vụ",
    "feedback": "Góp ý, phản ánh",
}
AXIS_CHARS = 18


def short_label(code: str, label: str) -> str:
    """A chart axis name that is not cut: the short name of an element, else the label wrapped
    on word boundaries to lines of at most AXIS_CHARS characters (ECharts breaks at "\\n")."""
    if code in SHORT_ELEMENTS:
        return SHORT_ELEMENTS[code]
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= AXIS_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def radar(res: stats.Result, prov: stats.Result, unit, province) -> dict:
    indicators = [{"name": short_label(e.code, e.label), "max": 100} for e in res.elements]
    series = [{"value": [_r(e.pct) or 0 for e in res.elements], "name": unit.name}]
    if province.pk != unit.pk:
        series.append({"value": [_r(e.pct) or 0 for e in prov.elements], "name": province.name})
    return {
        "color": [BLUE, GREY],
        "tooltip": {},
        "legend": {"bottom": 0, "data": [s["name"] for s in series]},
        "radar": {"indicator": indicators, "radius": "62%", "axisName": {"color": "#333", "fontSize": 11}},
        "series": [{"type": "radar", "data": series, "areaStyle": {"opacity": 0.12}}],
        "aria": {"enabled": True},
    }


def trend(months: list[tuple[str, stats.Result]]) -> dict:
    labels = [f"{code[5:7]}/{code[:4]}" for code, _ in months]
    return {
        "color": [BLUE, GREY],
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "data": ["% hài lòng", "Số phiếu"]},
        "grid": {"left": 48, "right": 48, "top": 24, "bottom": 48},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": [
            {"type": "value", "name": "%", "min": 0, "max": 100},
            {"type": "value", "name": "phiếu", "splitLine": {"show": False}},
        ],
        "series": [
            {
                "name": "% hài lòng",
                "type": "line",
                "data": [_r(r.overall.pct) for _, r in months],
                "connectNulls": False,
            },
            {
                "name": "Số phiếu",
                "type": "bar",
                "yAxisIndex": 1,
                "data": [r.respondents for _, r in months],
                "itemStyle": {"opacity": 0.35},
            },
        ],
        "aria": {"enabled": True},
    }


def distribution(dist: dict[str, dict[str, int]], questionnaire) -> dict | None:
    if not dist or questionnaire is None or questionnaire.current is None:
        return None
    qs = [q for q in questionnaire.current.definition["questions"] if q["element"] and q["name"] in dist]
    if not qs:
        return None
    choices = qs[0]["choices"]
    series = []
    for i, c in enumerate(choices):
        data = []
        for q in qs:
            total = sum(dist[q["name"]].values()) or 1
            data.append(round(dist[q["name"]].get(c["name"], 0) * 100 / total, 1))
        series.append(
            {
                "name": c["label"],
                "type": "bar",
                "stack": "all",
                "data": data,
                "itemStyle": {"color": SCALE_COLOURS[i % len(SCALE_COLOURS)]},
            }
        )
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"bottom": 0},
        "grid": {"left": 150, "right": 16, "top": 8, "bottom": 56},
        "xAxis": {"type": "value", "max": 100, "name": "%"},
        "yAxis": {"type": "category", "data": [stats_label(q) for q in qs], "inverse": True},
        "series": series,
        "aria": {"enabled": True},
    }


def stats_label(q: dict) -> str:
    from chiso.surveys.xlsform import ELEMENTS

    return short_label(q["element"], ELEMENTS.get(q["element"], q["name"]))
