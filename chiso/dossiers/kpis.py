"""Dossier KPIs: definitions registered in the shared KPI registry, computed from the aggregates.

A KPI of a unit is the sum of the aggregate rows of its subtree (materialised path prefix), so a
period before 1/7/2025 rolls the former communes into their district, a later one the new
communes into the province. Filters: field (MaLinhVuc) and procedure (MaTTHC).
"""

from django.db.models import Count, Sum

from chiso.dossiers.kpi_registry import KpiDef, register
from chiso.dossiers.models import KpiAggregate, KpiRollup
from chiso.lib.periods import Period
from chiso.lib.vntext import fold

# code, name, definition, numerator field(s), denominator field, unit, higher is better
DEFS = [
    (
        "dossiers_received",
        "Số hồ sơ tiếp nhận",
        "Hồ sơ được tiếp nhận trong kỳ (trừ hồ sơ mới đăng ký chưa tiếp nhận và không được tiếp nhận)",
        "received",
        None,
        "hồ sơ",
        True,
    ),
    (
        "dossiers_completed",
        "Số hồ sơ đã giải quyết",
        "Hồ sơ kết thúc xử lý trong kỳ",
        "completed",
        None,
        "hồ sơ",
        True,
    ),
    (
        "ontime_pct",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết trong kỳ (hạn hiện tại, đã trừ thời gian chờ bổ sung); "
        "không tính hồ sơ đang giải quyết (chỉ số 766 tính cả hồ sơ đang giải quyết)",
        ("early", "ontime"),
        "completed",
        "%",
        True,
    ),
    (
        "early_pct",
        "Tỷ lệ hồ sơ giải quyết trước hạn",
        "Hồ sơ kết thúc vào ngày trước ngày hẹn trả / hồ sơ đã giải quyết",
        "early",
        "completed",
        "%",
        True,
    ),
    (
        "late_pct",
        "Tỷ lệ hồ sơ giải quyết trễ hạn",
        "Hồ sơ kết thúc sau hạn (hoặc yêu cầu bổ sung quá một lần) / hồ sơ đã giải quyết",
        "late",
        "completed",
        "%",
        False,
    ),
    (
        "late_original_pct",
        "Tỷ lệ trễ hạn so với hạn ban đầu",
        "Hồ sơ trễ so với ngày hẹn trả ban đầu (trước khi xin lỗi, hẹn lại) / hồ sơ đã giải quyết",
        "late_original",
        "completed",
        "%",
        False,
    ),
    ("late_count", "Số hồ sơ trễ hạn", "Hồ sơ đã giải quyết trễ hạn trong kỳ", "late", None, "hồ sơ", False),
    (
        "open_overdue",
        "Hồ sơ đang giải quyết quá hạn",
        "Hồ sơ chưa kết thúc vào cuối kỳ và đã quá hạn",
        "overdue_end",
        None,
        "hồ sơ",
        False,
    ),
    (
        "open_ontime_pct",
        "Tỷ lệ hồ sơ đang giải quyết trong hạn",
        "Hồ sơ đang giải quyết chưa quá hạn / hồ sơ đang giải quyết cuối kỳ",
        ("open_end", "-overdue_end"),
        "open_end",
        "%",
        True,
    ),
    (
        "progress_pct",
        "Tỷ lệ giải quyết đúng hạn (cách tính 766)",
        "(Đã giải quyết trước hạn, đúng hạn + đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết, "
        "kể cả hồ sơ kỳ trước chuyển sang)",
        ("early", "ontime", "open_end", "-overdue_end"),
        ("completed", "open_end"),
        "%",
        True,
    ),
    (
        "apology_pct",
        "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi",
        "Hồ sơ trễ so với hạn ban đầu đã có phiếu xin lỗi (Mẫu 04) / hồ sơ trễ so với hạn ban đầu",
        "late_apology",
        "late_original",
        "%",
        True,
    ),
    (
        "online_pct",
        "Tỷ lệ hồ sơ trực tuyến",
        "Hồ sơ nộp trực tuyến (kênh 2) / hồ sơ tiếp nhận",
        "online",
        "received",
        "%",
        True,
    ),
    (
        "full_online_pct",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "Hồ sơ trực tuyến của thủ tục toàn trình / hồ sơ tiếp nhận",
        "full_online",
        "received",
        "%",
        True,
    ),
    (
        "online_payment_pct",
        "Tỷ lệ thanh toán trực tuyến",
        "Hồ sơ có phí, lệ phí được thanh toán trực tuyến / hồ sơ có phí, lệ phí",
        "paid_online",
        "fee_dossiers",
        "%",
        True,
    ),
    (
        "digitised_pct",
        "Tỷ lệ số hóa hồ sơ",
        "Hồ sơ có thành phần được số hóa / hồ sơ tiếp nhận",
        "digitised",
        "received",
        "%",
        True,
    ),
    (
        "e_result_pct",
        "Tỷ lệ cấp kết quả điện tử",
        "Hồ sơ có kết quả điện tử / hồ sơ mà kết quả là giấy tờ",
        "e_result",
        "result_required",
        "%",
        True,
    ),
    (
        "reuse_pct",
        "Tỷ lệ tái sử dụng dữ liệu số hóa",
        "Hồ sơ tái sử dụng ít nhất một thành phần đã số hóa / hồ sơ tiếp nhận",
        "reused",
        "received",
        "%",
        True,
    ),
    (
        "postal_pct",
        "Tỷ lệ hồ sơ qua bưu chính công ích",
        "Hồ sơ nộp qua bưu chính (kênh 3) / hồ sơ tiếp nhận",
        "postal",
        "received",
        "%",
        True,
    ),
    (
        "avg_days",
        "Thời gian giải quyết bình quân",
        "Tổng số ngày làm việc giải quyết (trừ thời gian chờ bổ sung) / số hồ sơ đã giải quyết",
        "days_sum",
        "days_n",
        "ngày",
        False,
    ),
]


def _terms(spec) -> list[tuple[int, str]]:
    if spec is None:
        return []
    spec = (spec,) if isinstance(spec, str) else spec
    return [(-1, s[1:]) if s.startswith("-") else (1, s) for s in spec]


def aggregate_qs(unit, period: Period | None, field: str = "", procedure: str = ""):
    """The per-procedure aggregate rows of the unit's subtree (materialised path prefix), for one
    period (None: every period, to be filtered by the caller)."""
    qs = KpiAggregate.objects.filter(unit__path__startswith=unit.path)
    if period is not None:
        qs = qs.filter(period=period.code)
    if field:
        qs = qs.filter(field_code=field)
    if procedure:
        qs = qs.filter(procedure__code=procedure)
    return qs


# Summed columns are annotated as s_<count>: an annotation may not take a model field's name.
_SUMS = {f"s_{c}": Sum(c) for c in KpiAggregate.COUNTS}


def _unprefix(row: dict) -> dict:
    return {c: row[f"s_{c}"] or 0 for c in KpiAggregate.COUNTS}


def sums(unit, period: Period, field: str = "", procedure: str = "") -> dict | None:
    """Summed counts of the unit's subtree, or None when no aggregate exists (no data).

    Without a procedure filter this is one indexed lookup in the roll-up table."""
    if not procedure:
        row = (
            KpiRollup.objects.filter(period=period.code, unit=unit, field_code=field or "")
            .values(*KpiAggregate.COUNTS)
            .first()
        )
        return row
    qs = aggregate_qs(unit, period, field, procedure)
    got = qs.aggregate(n=Count("id"), **_SUMS)
    return _unprefix(got) if got["n"] else None


def sums_many(units, period: Period, field: str = "") -> dict[int, dict]:
    """{unit id: counts} for many units in one query (units without data are absent)."""
    rows = KpiRollup.objects.filter(period=period.code, unit__in=list(units), field_code=field or "")
    return {r["unit_id"]: r for r in rows.values("unit_id", *KpiAggregate.COUNTS)}


def sums_per_period(unit, period_list, field: str = "", procedure: str = "") -> dict[str, dict]:
    """{period code: counts} of the unit's subtree for several periods (the months of a trend) in
    one query: the roll-ups, or with a procedure the per-procedure aggregates. Periods without
    data are absent."""
    codes = [p.code for p in period_list]
    if not procedure:
        rows = KpiRollup.objects.filter(period__in=codes, unit=unit, field_code=field or "")
        return {r.pop("period"): r for r in rows.values("period", *KpiAggregate.COUNTS)}
    rows = (
        aggregate_qs(unit, None, field, procedure)
        .filter(period__in=codes)
        .values("period")
        .annotate(**_SUMS)
        .order_by()
    )
    return {r["period"]: _unprefix(r) for r in rows}


def sums_per_procedure(unit, period: Period, field: str = "") -> list[dict]:
    """[{code, name, field_name, **counts}] per procedure with data in the unit's subtree, in one
    grouped query over the per-procedure aggregates."""
    rows = (
        aggregate_qs(unit, period, field)
        .values("procedure__code", "procedure__name", "procedure__field_name")
        .annotate(**_SUMS)
        .order_by()
    )
    return [
        {
            "code": r["procedure__code"],
            "name": r["procedure__name"],
            "field_name": r["procedure__field_name"],
            **_unprefix(r),
        }
        for r in rows
    ]


def sums_children(unit, children, period: Period, field: str = "", procedure: str = "") -> dict[int, dict]:
    """{child id: counts} of each child's subtree. Without a procedure: the roll-ups (sums_many);
    with one: one query over the aggregates of the unit's subtree grouped by handling unit, each
    handling unit added to the child whose subtree holds it (the next step of its path)."""
    if not procedure:
        return sums_many(children, period, field)
    kids = {u.pk for u in children}
    out: dict[int, dict] = {}
    rows = aggregate_qs(unit, period, field, procedure).values("unit__path").annotate(**_SUMS).order_by()
    for r in rows:
        rest = r["unit__path"][len(unit.path) :].strip("/")
        if not rest or int(rest.split("/")[0]) not in kids:
            continue  # handled by the unit itself, or by a child not listed
        kid = int(rest.split("/")[0])
        acc = out.setdefault(kid, dict.fromkeys(KpiAggregate.COUNTS, 0))
        for c, v in _unprefix(r).items():
            acc[c] += v
    return out


def figures(s: dict) -> dict:
    """The ratios of one row of a table (a sub-unit, a procedure) from its summed counts."""

    def pct(num, den):
        return num * 100.0 / den if den else None

    return {
        "received": s["received"],
        "completed": s["completed"],
        "ontime": pct(s["early"] + s["ontime"], s["completed"]),
        "late": s["late"],
        "late_original": s["late_original"],
        "overdue": s["overdue_end"],
        "apology": pct(s["late_apology"], s["late_original"]),
        "online": pct(s["online"], s["received"]),
        "paid": pct(s["paid_online"], s["fee_dossiers"]),
        "digitised": pct(s["digitised"], s["received"]),
        "avg_days": s["days_sum"] / s["days_n"] if s["days_n"] else None,
    }


def sort_rows(rows: list[dict], spec: tuple[str, bool]) -> None:
    """Sort table rows in place by one figure (spec: name, largest first); rows without it (no
    denominator) last; ties keep the rows' given order."""
    key, largest_first = spec
    with_value = sorted((r for r in rows if r[key] is not None), key=lambda r: r[key], reverse=largest_first)
    rows[:] = with_value + [r for r in rows if r[key] is None]


# The "by procedure" table: sort keys (figure, largest first). Rates sort worst first, counts
# and the average time largest first; the default is the number of late dossiers.
PROCEDURE_SORTS = {
    "late": ("late", True),
    "late_original": ("late_original", True),
    "overdue": ("overdue", True),
    "received": ("received", True),
    "completed": ("completed", True),
    "ontime": ("ontime", False),
    "online": ("online", False),
    "avg_days": ("avg_days", True),
    "name": ("name_key", False),  # accent-folded: Cấp… before Chứng… before Đăng…
}


def procedure_table(unit, period: Period, field: str = "", sort: str = "late") -> list[dict]:
    """Every procedure with data in the unit's subtree in the period: {code, name, field_name,
    **figures}, sorted by `sort` (PROCEDURE_SORTS; ties by procedure code)."""
    rows = [
        {
            "code": s["code"],
            "name": s["name"],
            "name_key": fold(s["name"]),
            "field_name": s["field_name"],
            **figures(s),
        }
        for s in sorted(sums_per_procedure(unit, period, field), key=lambda s: s["code"])
    ]
    sort_rows(rows, PROCEDURE_SORTS.get(sort, PROCEDURE_SORTS["late"]))
    return rows


def from_sums(s: dict, num_spec, den_spec) -> tuple[float, float]:
    num = sum(sign * s[f] for sign, f in _terms(num_spec))
    den = sum(sign * s[f] for sign, f in _terms(den_spec)) if den_spec else 1
    return num, den


def _provider(num_spec, den_spec):
    def provider(unit, period, field="", procedure="", **_):
        s = sums(unit, period, field, procedure)
        if s is None:
            return None
        return from_sums(s, num_spec, den_spec)

    return provider


SPECS = {}
for code, name, definition, num, den, unit, hib in DEFS:
    SPECS[code] = (num, den)
    register(
        KpiDef(
            code=code,
            name_vi=name,
            definition=definition,
            numerator=" + ".join(f for _, f in _terms(num)),
            denominator=" + ".join(f for _, f in _terms(den)) if den else "",
            unit=unit,
            higher_is_better=hib,
            source="dossiers",
            provider=_provider(num, den),
        )
    )


def all_values(unit, period: Period, field: str = "", procedure: str = "") -> list[dict]:
    """Every dossier KPI from one aggregate query: [{kpi, numerator, denominator, value}]."""
    from chiso.dossiers.kpi_registry import get

    s = sums(unit, period, field, procedure)
    out = []
    for code, *_ in DEFS:
        kpi = get(code)
        if s is None:
            out.append({"kpi": kpi, "code": code, "numerator": None, "denominator": None, "value": None})
            continue
        num, den = from_sums(s, *SPECS[code])
        if kpi.unit == "%":
            val = num * 100.0 / den if den else None
        elif kpi.unit == "hồ sơ":
            val = float(num)
        else:
            val = num / den if den else None
        out.append({"kpi": kpi, "code": code, "numerator": num, "denominator": den, "value": val})
    return out
