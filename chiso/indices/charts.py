"""ECharts options built server-side (rendered by static/js/charts.js with the SVG renderer)."""

from chiso.lib.ranking import exact


def _f(v, nd=2):
    return None if v is None else round(float(exact(v)), nd)


def history_chart(profile) -> dict:
    years = [str(y) for y, _ in profile.history]
    scores = [_f(r.total.score) for _, r in profile.history]
    ranks = [r.total.rank for _, r in profile.history]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["Điểm", "Thứ hạng"], "bottom": 0},
        "grid": {"left": 50, "right": 50, "bottom": 50, "top": 40},
        "xAxis": {"type": "category", "data": years},
        "yAxis": [
            {"type": "value", "name": "Điểm", "scale": True},
            {"type": "value", "name": "Thứ hạng", "inverse": True, "min": 1, "minInterval": 1},
        ],
        "series": [
            {
                "name": "Điểm",
                "type": "line",
                "data": scores,
                "label": {"show": True},
                "connectNulls": False,
                # A new framework version starts: scores before and after are on different scales.
                "markLine": {
                    "symbol": "none",
                    "lineStyle": {"type": "dotted", "color": "#a86400"},
                    "label": {"formatter": "Khung mới", "color": "#a86400"},
                    "data": [{"xAxis": str(y)} for y, _ in profile.breaks],
                },
            },
            {
                "name": "Thứ hạng",
                "type": "line",
                "yAxisIndex": 1,
                "data": ranks,
                "lineStyle": {"type": "dashed"},
                "symbol": "rect",
                "label": {"show": True, "position": "bottom"},
            },
        ],
    }


def radar_chart(profile, name: str) -> dict | None:
    table, row = profile.table, profile.row
    top = [
        n
        for n in table.nodes
        if n.parent_id is None and row.nodes.get(n.code) and row.nodes[n.code].score is not None
    ]
    if len(top) < 3:
        return None
    leader = table.rows[0] if table.rows and table.rows[0].total.rank == 1 else None
    # Each axis spans the range the provinces actually scored that year (a 1–10 axis would
    # squeeze every shape into the middle); the table below gives the absolute figures.
    indicators = []
    for n in top:
        st = table.stats[n.code]
        lo, hi = float(exact(st.min)), float(exact(st.max))
        pad = max((hi - lo) * 0.15, 0.1)
        indicators.append(
            {"name": f"{n.code} {n.label}", "min": round(lo - pad, 2), "max": round(hi + pad, 2)}
        )
    series = [
        {"name": name, "value": [_f(row.nodes[n.code].score) for n in top]},
        {"name": "Trung bình cả nước", "value": [_f(table.stats[n.code].mean) for n in top]},
    ]
    if leader is not None and leader.province.pk != row.province.pk:
        series.append(
            {"name": f"Dẫn đầu: {leader.name}", "value": [_f(leader.nodes[n.code].score) for n in top]}
        )
    return {
        "tooltip": {},
        "legend": {"data": [s["name"] for s in series], "bottom": 0},
        "radar": {"indicator": indicators, "radius": "62%"},
        "series": [{"type": "radar", "data": series}],
    }


def ranks_bar(table, highlight_pk: int | None) -> dict:
    rows = [r for r in table.rows if r.total.score is not None]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 110, "right": 20, "top": 10, "bottom": 20},
        "xAxis": {"type": "value", "scale": True},
        "yAxis": {"type": "category", "inverse": True, "data": [r.name for r in rows]},
        "series": [
            {
                "type": "bar",
                "data": [
                    {
                        "value": _f(r.total.score),
                        "itemStyle": {"color": "#b3261e" if r.province.pk == highlight_pk else "#0b4f8a"},
                    }
                    for r in rows
                ],
            }
        ],
    }
