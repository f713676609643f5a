"""The 766 service index (Quyết định 766/QĐ-TTg): items as configuration, group scores, ranking.

Each item takes a ratio (numerator / denominator) from the dossier aggregates, from the KPI
registry (e.g. satisfaction from surveys) or from a value the office entered for the unit and
period (Index766Entry). Rules: "ratio" (score = ratio × max), "threshold" (max if ratio ≥ T,
else ratio / T × max), "linear" (same as ratio, named after the portal's wording).
An item without data is reported as "không đủ dữ liệu" and left out of the total (never zero);
the score card shows how many points were assessable.
"""

from dataclasses import dataclass

from chiso.dossiers import kpis
from chiso.dossiers.models import Index766Entry
from chiso.lib.periods import Period
from chiso.orgs.models import COMMUNE_KINDS, Unit, UnitKind

GROUPS = [
    ("publication", "Công khai, minh bạch", 18),
    ("progress", "Tiến độ, kết quả giải quyết", 20),
    ("online", "Cung cấp dịch vụ trực tuyến", 12),
    ("payment", "Thanh toán trực tuyến", 10),
    ("digitisation", "Số hóa hồ sơ", 22),
    ("satisfaction", "Mức độ hài lòng", 18),
]


@dataclass(frozen=True)
class Item:
    code: str
    group: str
    name: str
    max: float
    rule: str = "ratio"  # ratio | threshold | linear
    threshold: float | None = None  # as a fraction, 0.8 = 80 %
    source: str = "entry"  # "agg:<kpi spec code>" | "kpi:<registry code>" | "entry"


ITEMS = [
    Item("pub_ontime", "publication", "Công bố TTHC đúng hạn", 6),
    Item("pub_db", "publication", "Công khai, cập nhật TTHC trên CSDL quốc gia đúng hạn", 4),
    Item("pub_complete", "publication", "TTHC công khai đầy đủ 7 bộ phận", 2),
    Item("pub_synced", "publication", "Hồ sơ đồng bộ lên Cổng DVC quốc gia", 6),
    Item(
        "progress", "progress", "Hồ sơ giải quyết trước hạn, đúng hạn", 20, "linear", None, "agg:progress_pct"
    ),
    Item(
        "online_offered", "online", "TTHC cung cấp DVC trực tuyến", 4, "threshold", 0.8, "proc:online_offered"
    ),
    Item("online_used", "online", "DVC trực tuyến phát sinh hồ sơ", 2, "ratio", None, "proc:online_used"),
    Item("online_dossiers", "online", "Hồ sơ trực tuyến", 6, "threshold", 0.5, "agg:online_pct"),
    Item("pay_integrated", "payment", "TTHC có phí tích hợp thanh toán trực tuyến", 2, "threshold", 0.8),
    Item(
        "pay_used",
        "payment",
        "TTHC có phí phát sinh thanh toán trực tuyến",
        2,
        "threshold",
        0.8,
        "proc:pay_used",
    ),
    Item(
        "pay_dossiers", "payment", "Hồ sơ thanh toán trực tuyến", 6, "ratio", None, "agg:online_payment_pct"
    ),
    Item("dig_result", "digitisation", "Cấp kết quả điện tử", 6, "ratio", None, "agg:e_result_pct"),
    Item("dig_dossiers", "digitisation", "Số hóa hồ sơ", 4, "threshold", 0.8, "agg:digitised_pct"),
    Item("dig_reuse", "digitisation", "Tái sử dụng dữ liệu số hóa", 2, "threshold", 0.8, "agg:reuse_pct"),
    Item("dig_other", "digitisation", "Chứng thực điện tử, kho dữ liệu cá nhân, CSDL dân cư", 10),
    Item("sat_pakn_ontime", "satisfaction", "Xử lý phản ánh, kiến nghị đúng hạn", 6),
    Item("sat_pakn", "satisfaction", "Mức độ hài lòng về xử lý phản ánh, kiến nghị", 6),
    Item(
        "sat_dossiers",
        "satisfaction",
        "Mức độ hài lòng trong giải quyết TTHC",
        6,
        "threshold",
        0.9,
        "kpi:satisfaction_pct",
    ),
]
ITEM_BY_CODE = {i.code: i for i in ITEMS}
NO_DATA = "không đủ dữ liệu"


def score(item: Item, num: float, den: float) -> float | None:
    if not den:
        return None
    ratio = max(0.0, min(1.0, num / den))
    if item.rule == "threshold" and item.threshold:
        return item.max if ratio >= item.threshold else ratio / item.threshold * item.max
    return ratio * item.max


_UNSET = object()


def procedure_ratios(unit: Unit, period: Period) -> dict[str, tuple[float, float]]:
    """Items counted over procedures (one query on the per-procedure aggregates of the subtree):
    procedures in scope = those with dossiers received in the period at the unit."""
    from django.db.models import Sum

    rows = (
        kpis.aggregate_qs(unit, period)
        .values("procedure_id", "procedure__online_level", "procedure__fee_bearing")
        .annotate(r=Sum("received"), o=Sum("online"), p=Sum("paid_online"))
    )
    scope = offered = used = fee = paid = 0
    for x in rows:
        if not x["r"]:
            continue
        scope += 1
        if x["procedure__online_level"] != "none":
            offered += 1
            used += 1 if x["o"] else 0
        if x["procedure__fee_bearing"]:
            fee += 1
            paid += 1 if x["p"] else 0
    out = {}
    if scope:
        out["online_offered"] = (offered, scope)
    if offered:
        out["online_used"] = (used, offered)
    if fee:
        out["pay_used"] = (paid, fee)
    return out


def unit_card(unit: Unit, period: Period, sums=_UNSET, entries: dict | None = None) -> dict:
    """{items: [...], groups: [...], total, assessable}. `sums`/`entries` may be prefetched."""
    from chiso.dossiers.kpi_registry import value as kpi_value

    if sums is _UNSET:
        sums = kpis.sums(unit, period)
    if entries is None:
        entries = {
            e.item: (e.numerator, e.denominator)
            for e in Index766Entry.objects.filter(unit=unit, period=period.code)
        }
    proc = procedure_ratios(unit, period) if sums else {}
    items = []
    for it in ITEMS:
        num = den = None
        if it.code in entries:
            num, den = entries[it.code]
        elif it.source.startswith("proc:"):
            num, den = proc.get(it.source[5:], (None, None))
        elif it.source.startswith("agg:") and sums is not None:
            num, den = kpis.from_sums(sums, *kpis.SPECS[it.source[4:]])
        elif it.source.startswith("kpi:"):
            try:
                v = kpi_value(it.source[4:], unit, period)
            except Exception:  # a provider of another app must not break the card
                v = None
            if v is not None:
                num, den = float(v.numerator), float(v.denominator)
        s = score(it, num, den) if den else None
        items.append(
            {
                "item": it,
                "numerator": num,
                "denominator": den,
                "ratio": (num / den * 100.0) if den else None,
                "score": s,
                "entered": it.code in entries,
            }
        )
    groups, total, assessable = [], 0.0, 0.0
    for code, name, gmax in GROUPS:
        gi = [x for x in items if x["item"].group == code]
        got = [x for x in gi if x["score"] is not None]
        gscore = sum(x["score"] for x in got) if got else None
        gassess = sum(x["item"].max for x in got)
        groups.append(
            {"code": code, "name": name, "max": gmax, "score": gscore, "assessable": gassess, "items": gi}
        )
        if gscore is not None:
            total += gscore
            assessable += gassess
    return {
        "items": items,
        "groups": groups,
        "total": total if assessable else None,
        "assessable": assessable,
    }


def kind_filter(kind: str):
    if kind in ("commune", "xa"):
        return list(COMMUNE_KINDS)
    return [kind]


def ranking(province: Unit, period: Period, kind: str = "commune") -> list[dict]:
    """Every unit of a kind in force at the end of the period, scored and ranked (ties share a rank)."""
    units = list(
        Unit.objects.under(province).valid_on(period.end).filter(kind__in=kind_filter(kind)).order_by("code")
    )
    entries: dict[int, dict] = {}
    for e in Index766Entry.objects.filter(period=period.code, unit__in=units):
        entries.setdefault(e.unit_id, {})[e.item] = (e.numerator, e.denominator)
    many = kpis.sums_many(units, period)
    rows = []
    for u in units:
        card = unit_card(u, period, sums=many.get(u.pk), entries=entries.get(u.pk, {}))
        rows.append({"unit": u, **card})
    scored = sorted([r for r in rows if r["total"] is not None], key=lambda r: -r["total"])
    rank, prev = 0, None
    for i, r in enumerate(scored, start=1):
        if prev is None or round(r["total"], 6) != round(prev, 6):
            rank = i
        r["rank"], prev = rank, r["total"]
    for r in rows:
        r.setdefault("rank", None)
        r["of"] = len(scored)
    return sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0, r["unit"].code))


__all__ = ["ITEMS", "GROUPS", "unit_card", "ranking", "NO_DATA", "UnitKind"]
