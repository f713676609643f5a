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
from chiso.dossiers.models import Index766Entry, KpiAggregate, KpiValueCache
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


def _ancestor_map(paths: dict[int, str], targets: dict[int, "Unit"]) -> dict[int, list[int]]:
    """{leaf unit id: [ids of the target units whose subtree holds it]} from materialised paths."""
    out = {}
    for uid, path in paths.items():
        out[uid] = [int(x) for x in path.strip("/").split("/") if x and int(x) in targets]
    return out


def _common_root_path(units) -> str:
    paths = [u.path for u in units]
    if not paths:
        return "/"
    parts = paths[0].strip("/").split("/")
    for p in paths[1:]:
        q = p.strip("/").split("/")
        n = 0
        while n < min(len(parts), len(q)) and parts[n] == q[n]:
            n += 1
        parts = parts[:n]
    return "/" + "".join(x + "/" for x in parts) if parts else "/"


def procedure_ratios_many(units, period: Period) -> dict[int, dict[str, tuple[float, float]]]:
    """Items counted over procedures, for many units in ONE query over the per-procedure aggregates
    (leaf unit × procedure) of their common subtree, rolled up to each unit by its path.
    Procedures in scope = those with dossiers received in the period at the unit."""
    units = list(units)
    if not units:
        return {}
    targets = {u.pk: u for u in units}
    root = _common_root_path(units)
    qs = KpiAggregate.objects.filter(period=period.code)
    if root != "/":
        qs = qs.filter(unit__path__startswith=root)
    per: dict[int, dict[int, list]] = {u.pk: {} for u in units}
    flags: dict[int, tuple[str, bool]] = {}
    paths: dict[int, str] = {}
    rows = qs.values_list(
        "unit_id",
        "unit__path",
        "procedure_id",
        "procedure__online_level",
        "procedure__fee_bearing",
        "received",
        "online",
        "paid_online",
    )
    anc_cache: dict[int, list[int]] = {}
    for uid, path, pid, level, fee, received, online, paid in rows.iterator(chunk_size=5000):
        if uid not in anc_cache:
            paths[uid] = path
            anc_cache[uid] = _ancestor_map({uid: path}, targets)[uid]
        flags[pid] = (level, fee)
        for t in anc_cache[uid]:
            acc = per[t].setdefault(pid, [0, 0, 0])
            acc[0] += received
            acc[1] += online
            acc[2] += paid
    out = {}
    for t, procs in per.items():
        scope = offered = used = fee_n = paid_n = 0
        for pid, (received, online, paid) in procs.items():
            if not received:
                continue
            level, fee = flags[pid]
            scope += 1
            if level != "none":
                offered += 1
                used += 1 if online else 0
            if fee:
                fee_n += 1
                paid_n += 1 if paid else 0
        got = {}
        if scope:
            got["online_offered"] = (offered, scope)
        if offered:
            got["online_used"] = (used, offered)
        if fee_n:
            got["pay_used"] = (paid_n, fee_n)
        out[t] = got
    return out


def procedure_ratios(unit: Unit, period: Period) -> dict[str, tuple[float, float]]:
    return procedure_ratios_many([unit], period)[unit.pk]


def source_stamps(kpi, units, period: Period) -> dict[int, str] | None:
    """A fingerprint per unit of the data a registry KPI of another app is computed from, or None
    when the source is not known (then the provider is called every time, never cached).

    `satisfaction_pct` (surveys): number and highest id of the answers of the unit's subtree in
    the period — one grouped query; a new or deleted answer changes the stamp of its unit and of
    the unit's ancestors only."""
    if kpi is None or kpi.source != "surveys":
        return None
    from django.apps import apps
    from django.db.models import Count, Max

    try:
        item_model = apps.get_model("surveys", "ResponseItem")
    except LookupError:
        return None
    units = list(units)
    targets = {u.pk: u for u in units}
    root = _common_root_path(units)
    qs = item_model.objects.filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
    if root != "/":
        qs = qs.filter(unit__path__startswith=root)
    acc = {u.pk: [0, 0] for u in units}
    for uid, path, n, top in (
        qs.values("unit_id", "unit__path")
        .annotate(n=Count("id"), top=Max("id"))
        .order_by()
        .values_list("unit_id", "unit__path", "n", "top")
    ):
        for t in _ancestor_map({uid: path}, targets)[uid]:
            acc[t][0] += n
            acc[t][1] = max(acc[t][1], top or 0)
    return {t: f"{n}:{top}" for t, (n, top) in acc.items()}


def kpi_values_many(code: str, units, period: Period) -> dict[int, tuple[float, float] | None]:
    """{unit id: (numerator, denominator) | None} of a registry KPI for many units. Values of other
    apps' KPIs are kept in KpiValueCache and recomputed only for the units whose source stamp changed
    (a failing provider must not break the 766 card: its units get None and are not cached)."""
    from chiso.dossiers.kpi_registry import get

    units = list(units)
    kpi = get(code)
    if kpi is None or not units:
        return {u.pk: None for u in units}

    def compute(u):
        try:
            v = kpi.compute(u, period)
        except Exception:  # a provider of another app must not break the card
            return _UNSET
        return None if v is None else (float(v.numerator), float(v.denominator))

    stamps = source_stamps(kpi, units, period)
    if stamps is None:
        got = {u.pk: compute(u) for u in units}
        return {k: (None if v is _UNSET else v) for k, v in got.items()}
    cached = {
        c.unit_id: c
        for c in KpiValueCache.objects.filter(code=code, period=period.code, unit_id__in=list(stamps))
    }
    out, fresh = {}, []
    for u in units:
        c = cached.get(u.pk)
        if c is not None and c.stamp == stamps[u.pk]:
            out[u.pk] = (c.numerator, c.denominator) if c.denominator is not None else None
            continue
        v = compute(u)
        if v is _UNSET:
            out[u.pk] = None
            continue
        out[u.pk] = v
        fresh.append(
            KpiValueCache(
                code=code,
                unit=u,
                period=period.code,
                numerator=v[0] if v else None,
                denominator=v[1] if v else None,
                stamp=stamps[u.pk],
            )
        )
    if fresh:
        KpiValueCache.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["code", "unit", "period"],
            update_fields=["numerator", "denominator", "stamp", "computed_at"],
        )
    return out


KPI_ITEMS = [it for it in ITEMS if it.source.startswith("kpi:")]

PROC_DEFINITIONS = {
    "online_offered": "Thủ tục có dịch vụ công trực tuyến (toàn trình, một phần) / thủ tục có hồ sơ tiếp nhận trong kỳ",
    "online_used": "Thủ tục trực tuyến có ít nhất một hồ sơ nộp trực tuyến / thủ tục có dịch vụ công trực tuyến",
    "pay_used": "Thủ tục có phí có ít nhất một hồ sơ thanh toán trực tuyến / thủ tục có phí có hồ sơ trong kỳ",
}


def definition(item: Item) -> str:
    """How the item's ratio is counted, in Vietnamese (shown next to the figure on the score card)."""
    from chiso.dossiers.kpi_registry import get

    if item.source.startswith(("agg:", "kpi:")):
        kpi = get(item.source[4:])
        return kpi.definition if kpi else ""
    if item.source.startswith("proc:"):
        return PROC_DEFINITIONS.get(item.source[5:], "")
    return "Số liệu do cơ quan thường trực nhập theo kỳ (không có trong dữ liệu hồ sơ)"


def unit_card(
    unit: Unit,
    period: Period,
    sums=_UNSET,
    entries: dict | None = None,
    proc: dict | None = None,
    kpi_vals: dict | None = None,
) -> dict:
    """{items: [...], groups: [...], total, assessable}. `sums`, `entries`, `proc` (procedure
    ratios) and `kpi_vals` ({registry code: (num, den) | None}) may be prefetched (see ranking)."""
    if sums is _UNSET:
        sums = kpis.sums(unit, period)
    if entries is None:
        entries = {
            e.item: (e.numerator, e.denominator)
            for e in Index766Entry.objects.filter(unit=unit, period=period.code)
        }
    if proc is None:
        proc = procedure_ratios(unit, period) if sums else {}
    if kpi_vals is None:
        kpi_vals = {
            it.source[4:]: kpi_values_many(it.source[4:], [unit], period)[unit.pk] for it in KPI_ITEMS
        }
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
            v = kpi_vals.get(it.source[4:])
            if v is not None:
                num, den = v
        s = score(it, num, den) if den else None
        items.append(
            {
                "item": it,
                "numerator": num,
                "denominator": den,
                "ratio": (num / den * 100.0) if den else None,
                "score": s,
                "entered": it.code in entries,
                "definition": definition(it),
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
    # Set-based: one query per source for all units (roll-ups, per-procedure aggregates, entries,
    # cached registry KPIs), then the cards are scored in Python.
    many = kpis.sums_many(units, period)
    proc = procedure_ratios_many([u for u in units if many.get(u.pk)], period)
    kvals = {it.source[4:]: kpi_values_many(it.source[4:], units, period) for it in KPI_ITEMS}
    rows = []
    for u in units:
        card = unit_card(
            u,
            period,
            sums=many.get(u.pk),
            entries=entries.get(u.pk, {}),
            proc=proc.get(u.pk, {}),
            kpi_vals={code: vals.get(u.pk) for code, vals in kvals.items()},
        )
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


def ranking_with_change(province: Unit, period: Period, kind: str = "commune") -> list[dict]:
    """ranking() with each unit's standing in the previous period of the same length (month →
    previous month, quarter → previous quarter, year → previous year): `previous` (that period),
    `prev_rank`, `prev_of`, `prev_total`, `rank_change` (previous rank − rank: positive = up; None
    when either period has no rank) and `new` (the unit was not in force at the end of the previous
    period, e.g. a commune formed on 1/7/2025 seen in July). Two set-based rankings: the cost does
    not grow with the number of units."""
    previous = period.previous()
    rows = ranking(province, period, kind)
    before = {r["unit"].pk: r for r in ranking(province, previous, kind)}
    for r in rows:
        p = before.get(r["unit"].pk)
        r["previous"] = previous
        r["new"] = p is None
        r["prev_rank"], r["prev_of"], r["prev_total"] = (
            (p["rank"], p["of"], p["total"]) if p else (None, None, None)
        )
        r["rank_change"] = p["rank"] - r["rank"] if p and p["rank"] and r["rank"] else None
    return rows


def rank_change_code(row: dict) -> str:
    """The change for machine-readable output: "+3", "-2", "0", "new", or "" when not ranked."""
    if row["new"]:
        return "new"
    change = row["rank_change"]
    return "" if change is None else f"{change:+d}" if change else "0"


__all__ = ["ITEMS", "GROUPS", "unit_card", "ranking", "ranking_with_change", "NO_DATA", "UnitKind"]
