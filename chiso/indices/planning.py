"""The improvement planner on published results: points needed for a target rank (this year's
field or a forecast of next year), headroom per dimension, and the minimum-effort allocation
(chiso.lib.planner, exact) mapped to the agencies responsible."""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from chiso.indices import queries
from chiso.lib import planner, ranking, vnformat

CAP_MODES = {"best": "đến mức của tỉnh cao nhất", "max": "đến điểm tối đa của khung"}


class PlanError(ValueError):
    pass


@dataclass
class DimensionLine:
    node: object
    score: Decimal | None
    rank: int | None
    of: int
    headroom_max: Fraction | None
    headroom_best: Fraction | None
    cap: Fraction
    weight: Fraction
    rank_gain_per_point: int  # places on the total gained by one more point here
    dim_rank_gain_per_point: int  # places on this dimension gained by one more point
    gain: Fraction = Fraction(0)
    agencies: list = field(default_factory=list)
    is_sub: bool = False


@dataclass
class Plan:
    index: object
    province: object
    year: int
    target_rank: int
    forecast: bool
    caps_mode: str
    current_score: Decimal
    current_rank: int
    of: int
    threshold: Fraction | None
    needed: Fraction
    result: planner.Allocation
    lines: list
    others: int
    notes: list = field(default_factory=list)

    @property
    def reachable(self) -> bool:
        return self.result.reachable

    def as_json(self) -> dict:
        alloc = {code: _num(v, up=True) for code, v in self.result.allocation.items()}
        return {
            "index": self.index.code,
            "year": self.year,
            "province": queries.short_name(self.province),
            "province_code": self.province.code,
            "target_rank": self.target_rank,
            "forecast": self.forecast,
            "caps": self.caps_mode,
            "current_score": _num(self.current_score),
            "current_rank": self.current_rank,
            "of": self.of,
            "threshold_score": _num(self.threshold) if self.threshold is not None else None,
            "needed_points": _num(self.needed, up=True),
            "reachable": self.reachable,
            "allocation": alloc,
            "total_effort": _num(self.result.total_effort, up=True),
            "max_gain": _num(self.result.max_gain),
            "shortfall": _num(self.result.shortfall, up=True),
            "dimensions": [
                {
                    "code": ln.node.code,
                    "name": ln.node.name,
                    "score": _num(ln.score) if ln.score is not None else None,
                    "cap": _num(ln.cap),
                    "headroom_max": _num(ln.headroom_max) if ln.headroom_max is not None else None,
                    "headroom_best": _num(ln.headroom_best) if ln.headroom_best is not None else None,
                    "weight": _num(ln.weight),
                    "rank_gain_per_point": ln.rank_gain_per_point,
                    "dimension_rank_gain_per_point": ln.dim_rank_gain_per_point,
                    "gain": _num(ln.gain, up=True),
                    "agencies": [r.agency.name for r in ln.agencies],
                }
                for ln in self.lines
            ],
            "actions": self.actions(),
            "message": self.message(),
        }

    def actions(self) -> list[str]:
        """'Sở Tư pháp: +0,80 điểm ở D3 Trách nhiệm giải trình với người dân'."""
        out = []
        for ln in self.lines:
            if ln.gain <= 0:
                continue
            who = ", ".join(r.agency.name for r in ln.agencies if r.lead) or "Chưa phân công cơ quan chủ trì"
            helpers = [r.agency.name for r in ln.agencies if not r.lead]
            text = f"{who}: +{_pts(ln.gain, up=True)} điểm ở {ln.node.code} {ln.node.name}"
            if helpers:
                text += f" (phối hợp: {', '.join(helpers)})"
            out.append(text)
        return out

    def message(self) -> str:
        """Points with two decimals like the published results; what is needed is rounded up."""
        field_text = "dự báo năm sau" if self.forecast else f"các tỉnh năm {self.year}"
        if self.needed == 0:
            return f"Đã đạt thứ hạng {self.target_rank} hoặc cao hơn so với {field_text}."
        if self.reachable:
            return (
                f"Cần thêm {_pts(self.needed, up=True)} điểm để đạt thứ {self.target_rank} "
                f"so với {field_text}."
            )
        return (
            f"Không thể đạt thứ {self.target_rank} trong giới hạn điểm có thể tăng ({CAP_MODES[self.caps_mode]}): "
            f"cần {_pts(self.needed, up=True)} điểm, tối đa chỉ tăng được "
            f"{_pts(self.result.max_gain)} điểm."
        )


def _pts(value, up: bool = False) -> str:
    """Points for people: '1,58' (two decimals; `up` rounds a need upwards so it is enough,
    otherwise downwards so a capacity is not overstated)."""
    d = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    return vnformat.number(d.quantize(Decimal("0.01"), rounding=ROUND_CEILING if up else ROUND_FLOOR))


def _num(value, up: bool = False) -> float:
    d = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    return float(d.quantize(Decimal("0.000001"), rounding=ROUND_CEILING if up else ROUND_HALF_EVEN))


def make_plan(
    index,
    province,
    year: int,
    target_rank: int,
    forecast: bool = False,
    weights: str | dict | None = None,
    caps: str = "best",
    rs=None,
    limits: str | dict | None = None,
) -> Plan:
    if caps not in CAP_MODES:
        raise PlanError(f"Giới hạn “{caps}” không hợp lệ (dùng: {', '.join(CAP_MODES)})")
    rs = rs or queries.result_set(index)
    table = rs.table(year)
    row = table.row_for(province)
    if row is None or row.total.score is None:
        raise PlanError(f"{queries.short_name(province)} không có tổng điểm {index.short_name} năm {year}")
    if not isinstance(target_rank, int) or target_rank < 1:
        raise PlanError("Thứ hạng mục tiêu phải là số nguyên từ 1 trở lên")
    others_rows = [r for r in table.rows if r.province.pk != province.pk and r.total.score is not None]
    notes = []
    if forecast:
        others = []
        version = table.version
        for r in others_rows:
            hist = {}
            for y in range(year - 3, year + 1):
                if rs.version(y) is version or (rs.version(y) and version and rs.version(y).pk == version.pk):
                    t = rs.totals(y).get(r.province.pk)
                    hist[y] = t[0] if t else None
            others.append(planner.forecast_scores(hist, year))
        notes.append(
            "Dự báo: mỗi tỉnh khác thay đổi bằng mức thay đổi bình quân hằng năm của chính tỉnh đó trong 3 năm gần nhất "
            "(chỉ tính các năm liền kề cùng phiên bản khung)."
        )
    else:
        others = [ranking.exact(r.total.score) for r in others_rows]
    if target_rank > len(others) + 1:
        raise PlanError(f"Thứ hạng mục tiêu vượt số tỉnh có điểm ({len(others) + 1})")
    current = ranking.exact(row.total.score)
    needed = planner.points_needed(current, others, target_rank)
    ordered = sorted(others, reverse=True)
    threshold = ordered[target_rank - 1] if target_rank <= len(ordered) else None

    nodes = table.nodes
    top = [n for n in nodes if n.parent_id is None]
    codes = [n.code for n in nodes] or ["TOTAL"]
    if isinstance(weights, dict):
        w = {k.upper(): ranking.exact(v) for k, v in weights.items()}
        unknown = set(w) - {c.upper() for c in codes}
        if unknown:
            raise PlanError(f"Không có thành phần {', '.join(sorted(unknown))}")
        if any(v <= 0 for v in w.values()):
            raise PlanError("Trọng số nỗ lực phải lớn hơn 0")
    else:
        try:
            w = planner.parse_weights(weights or "", codes)
        except ValueError as exc:
            raise PlanError(str(exc)) from None
    agencies = queries.responsibilities(province, index)
    lines, items, group_caps = [], [], {}
    if not top:  # a flat index: only the total can move
        top_max = table.version.max_total if table.version else None
        best = table.stats[None].max
        line = _line(
            index,
            type("N", (), {"code": "TOTAL", "name": "Tổng điểm", "parent_id": None})(),
            row.total,
            top_max,
            best,
            caps,
            w.get("TOTAL", Fraction(1)),
            current,
            others,
            [],
            agencies.get("", []),
        )
        lines.append(line)
        items.append(planner.Item("TOTAL", line.cap, line.weight))
    for order, n in enumerate(top):
        cell = row.nodes.get(n.code)
        if cell is None or cell.score is None:
            notes.append(f"{n.code} không có điểm năm {year}: không đưa vào phương án.")
            continue
        dim_vals = _scores_of(others_rows, n.code)
        line = _line(
            index,
            n,
            cell,
            n.max_points,
            table.stats[n.code].max,
            caps,
            w.get(n.code, Fraction(1)),
            current,
            others,
            dim_vals,
            agencies.get(n.code, []),
        )
        lines.append(line)
        kids = [k for k in n.kids if row.nodes.get(k.code) and row.nodes[k.code].score is not None]
        if kids and len(kids) == len(n.kids):
            group_caps[n.code] = line.cap
            for k in kids:
                kcell = row.nodes[k.code]
                kvals = _scores_of(others_rows, k.code)
                kl = _line(
                    index,
                    k,
                    kcell,
                    k.max_points,
                    table.stats[k.code].max,
                    caps,
                    w.get(k.code, line.weight),
                    current,
                    others,
                    kvals,
                    agencies.get(k.code, []) or agencies.get(n.code, []),
                )
                kl.is_sub = True
                lines.append(kl)
                items.append(planner.Item(k.code, kl.cap, kl.weight, (n.code,), order))
        else:
            items.append(planner.Item(n.code, line.cap, line.weight, (), order))
    # The office's own ceilings ("no more than 0,5 point in D3 this year") tighten the caps.
    lim = _limits(limits, codes)
    for ln in lines:
        if ln.node.code in lim:
            ln.cap = min(ln.cap, lim[ln.node.code])
            if ln.node.code in group_caps:
                group_caps[ln.node.code] = ln.cap
    cap_of = {ln.node.code: ln.cap for ln in lines}
    # Equal weights: fill the widest gap to the best province first (a readable optimum).
    gaps = {ln.node.code: (ln.headroom_best or Fraction(0)) for ln in lines}
    items = [
        planner.Item(
            it.code, cap_of.get(it.code, it.cap), it.weight, it.groups, -int(gaps.get(it.code, 0) * 10**6)
        )
        for it in items
    ]
    result = planner.allocate(items, needed, group_caps)
    for ln in lines:
        if ln.node.code in result.allocation:
            ln.gain = result.allocation[ln.node.code]
        elif ln.node.code in group_caps:
            ln.gain = sum(
                (result.allocation[k.code] for k in ln.node.kids if k.code in result.allocation), Fraction(0)
            )
    return Plan(
        index,
        province,
        year,
        target_rank,
        forecast,
        caps,
        row.total.score,
        row.total.rank,
        row.total.of,
        threshold,
        needed,
        result,
        lines,
        len(others),
        notes,
    )


def _limits(limits, codes) -> dict[str, Fraction]:
    """'D1=0,5;D3=1' or {"D1": 0.5}: a ceiling per dimension (0 = leave it as it is)."""
    if not limits:
        return {}
    known = {c.upper(): c for c in codes}
    if isinstance(limits, dict):
        items = list(limits.items())
    else:
        sep = ";" if ";" in limits else ","
        items = []
        for part in filter(None, (p.strip() for p in limits.split(sep))):
            if "=" not in part:
                raise PlanError(f"Giới hạn '{part}' phải có dạng MÃ=số, ví dụ D3=0.5")
            items.append(tuple(x.strip() for x in part.split("=", 1)))
    out = {}
    for code, value in items:
        key = known.get(str(code).upper())
        if key is None:
            raise PlanError(f"Không có thành phần '{code}' (có: {', '.join(codes)})")
        try:
            v = ranking.exact(str(value).replace(",", "."))
        except (ValueError, ArithmeticError):
            raise PlanError(f"Giới hạn của {key} không phải là số: '{value}'") from None
        if v < 0:
            raise PlanError(f"Giới hạn của {key} không được âm")
        out[key] = v
    return out


def _line(
    index, node, cell, max_points, best, caps, weight, current, others, dim_vals, agencies
) -> DimensionLine:
    score = ranking.exact(cell.score)
    h_max = ranking.exact(max_points) - score if max_points is not None else None
    h_best = ranking.exact(best) - score if best is not None else None
    cap = h_best if caps == "best" else (h_max if h_max is not None else h_best)
    cap = max(Fraction(0), cap if cap is not None else Fraction(0))
    dim_gain = 0
    if dim_vals:
        dim_gain = ranking.rank_of(score, dim_vals) - ranking.rank_of(score + min(Fraction(1), cap), dim_vals)
    return DimensionLine(
        node=node,
        score=cell.score,
        rank=cell.rank,
        of=cell.of,
        headroom_max=max(Fraction(0), h_max) if h_max is not None else None,
        headroom_best=max(Fraction(0), h_best) if h_best is not None else None,
        cap=cap,
        weight=weight,
        rank_gain_per_point=planner.rank_gain_per_point(current, cap, others),
        dim_rank_gain_per_point=dim_gain,
        agencies=agencies,
    )


def _scores_of(rows, code: str) -> list:
    """Exact scores of one node over the other provinces' rows that have it."""
    return [
        ranking.exact(r.nodes[code].score)
        for r in rows
        if r.nodes.get(code) and r.nodes[code].score is not None
    ]
