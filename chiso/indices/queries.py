"""Reads of the indices app: year tables with ranks, changes, tiers and averages, province
profiles, the 34-province derived view, and the planner's inputs. Computed on read from
`Result` (one or two queries per page); the arithmetic lives in chiso.lib.ranking/planner."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from chiso.indices.models import FrameworkVersion, Index, Node, Responsibility, Result
from chiso.lib import ranking
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit, UnitKind, UnitLink
from chiso.orgs.permissions import MANAGE, READ, has_perm, home_unit, is_global_admin, visible_units

REFORM_DATE = dt.date(2025, 7, 1)


# ---------------------------------------------------------------- permissions (via chiso.orgs.permissions)


def can_manage_indices(user) -> bool:
    """Frameworks and published results are national data: the reform office of any province
    (MANAGE on a province) or a system administrator may edit and import them."""
    if is_global_admin(user):
        return True
    return visible_units(user, MANAGE).filter(kind=UnitKind.PROVINCE).exists()


def user_province(user) -> Unit | None:
    unit = home_unit(user)
    return unit.province() if unit is not None else None


def can_read_province_plan(user, province: Unit) -> bool:
    return has_perm(user, READ, province)


def can_read_responsibilities(user, province: Unit) -> bool:
    """Which agency answers for which dimension is read by the people of the province: anyone who
    may read the province or any unit in it (a department or commune officer learns what their
    agency answers for). For a province merged on 01/07/2025, the people of its successor(s).
    Outsiders get 404 like for any other unit of another province."""
    if user is None or not user.is_authenticated:
        return False
    readable = visible_units(user, READ)
    for owner in [province, *responsibilities_owners(province)]:
        if has_perm(user, READ, owner) or readable.filter(path__startswith=owner.path).exists():
            return True
    return False


# ---------------------------------------------------------------- frameworks


def indices():
    return list(Index.objects.all())


def get_index(code: str) -> Index | None:
    return Index.objects.filter(code=code).first()


def version_for(index: Index, year: int) -> FrameworkVersion | None:
    for v in index.versions.all():
        if v.covers(year):
            return v
    return None


def node_tree(version: FrameworkVersion) -> list[Node]:
    """Nodes in display order (parents before their children), each with `.kids`."""
    nodes = list(version.nodes.all())
    kids = defaultdict(list)
    for n in nodes:
        kids[n.parent_id].append(n)
    out = []

    def walk(parent_id):
        for n in sorted(kids[parent_id], key=lambda n: (n.sort_order, n.code)):
            n.kids = kids[n.pk]
            out.append(n)
            walk(n.pk)

    walk(None)
    return out


def years_with_results(index: Index) -> list[int]:
    return sorted(Result.objects.filter(index=index).values_list("year", flat=True).distinct())


# ---------------------------------------------------------------- standings


@dataclass
class Cell:
    score: Decimal | None = None
    rank: int | None = None
    of: int = 0
    computed: bool = False


@dataclass
class Standing:
    province: Unit
    total: Cell
    prev_rank: int | None = None
    rank_change: int | None = None
    tier: str | None = None
    percentile: Fraction | None = None
    percent: Fraction | None = None
    nodes: dict = field(default_factory=dict)  # node code → Cell
    derived: bool = False
    sources: list = field(default_factory=list)  # former provinces of a derived row

    @property
    def name(self) -> str:
        return short_name(self.province)


@dataclass
class Stats:
    count: int = 0
    mean: Fraction | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    best: list = field(default_factory=list)  # provinces holding the max
    region_means: dict = field(default_factory=dict)


@dataclass
class YearTable:
    index: Index
    year: int
    version: FrameworkVersion | None
    nodes: list
    rows: list
    stats: "LazyStats"  # node code or None (total) → Stats
    prev_year: int | None = None
    derived: bool = False

    def row_for(self, province: Unit) -> Standing | None:
        for r in self.rows:
            if r.province.pk == province.pk:
                return r
        return None

    @property
    def of(self) -> int:
        return self.stats[None].count

    @property
    def total_stats(self) -> "Stats":
        return self.stats[None]


class LazyStats:
    """node code (None = total) → Stats, computed on first access: a profile's history needs
    ranks for every year but averages only for the year on screen."""

    def __init__(self, nodes, per_prov, total_scores, units):
        self._codes = {None} | {n.code for n in nodes}
        self._per_prov, self._totals, self._units = per_prov, total_scores, units
        self._cache = {}

    def __contains__(self, code) -> bool:
        return code in self._codes

    def __getitem__(self, code) -> "Stats":
        if code not in self._codes:
            raise KeyError(code)
        if code not in self._cache:
            if code is None:
                vals = self._totals
            else:
                vals = {pid: s[code] for pid, s in self._per_prov.items() if s.get(code) is not None}
            self._cache[code] = _stats(vals, self._units)
        return self._cache[code]

    def get(self, code, default=None):
        return self[code] if code in self._codes else default


def short_tier(version: FrameworkVersion | None, tier: str | None) -> str | None:
    """The grouping's short label ("TB cao" for "Trung bình cao"), as the published data files write it."""
    grouping = (version.grouping if version else None) or {}
    labels, short = grouping.get("labels") or [], grouping.get("short_labels") or []
    if tier in labels and len(short) == len(labels):
        return short[labels.index(tier)]
    return tier


def short_name(unit: Unit) -> str:
    aliases = unit.alias_list()
    return aliases[0] if aliases else unit.name


class ResultSet:
    """All scores of an index loaded once: {year: {province id: {node code | None: score}}}."""

    def __init__(self, index: Index, years: list[int] | None = None):
        self.index = index
        qs = Result.objects.filter(index=index)
        if years is not None:
            qs = qs.filter(year__in=years)
        self.scores: dict[int, dict[int, dict]] = defaultdict(lambda: defaultdict(dict))
        for year, pid, code, score in qs.values_list("year", "province_id", "node__code", "score"):
            self.scores[year][pid][code] = score
        self.versions = list(index.versions.all())
        self._trees = {}
        self._tables = {}
        ids = {pid for y in self.scores.values() for pid in y}
        self.units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)} if ids else {}

    def version(self, year: int) -> FrameworkVersion | None:
        for v in self.versions:
            if v.covers(year):
                return v
        return None

    def tree(self, version: FrameworkVersion) -> list[Node]:
        if version.pk not in self._trees:
            self._trees[version.pk] = node_tree(version)
        return self._trees[version.pk]

    def years(self) -> list[int]:
        return sorted(self.scores)

    def totals(self, year: int) -> dict[int, tuple[Decimal, bool]]:
        """province id → (total, computed): published, or the sum of the top-level parts when
        the version adds them up and every part is there."""
        version = self.version(year)
        top = [n.code for n in self.tree(version) if n.parent_id is None] if version else []
        out = {}
        for pid, by_code in self.scores.get(year, {}).items():
            if by_code.get(None) is not None:
                out[pid] = (by_code[None], False)
            elif version and version.aggregation == "sum" and top and all(c in by_code for c in top):
                out[pid] = (sum((by_code[c] for c in top), Decimal(0)), True)
        return out

    def table(self, year: int) -> YearTable:
        if year not in self._tables:
            self._tables[year] = self._build(year)
        return self._tables[year]

    def _build(self, year: int) -> YearTable:
        version = self.version(year)
        nodes = self.tree(version) if version else []
        totals = self.totals(year)
        per_prov = self.scores.get(year, {})
        prev_year = year - 1 if (year - 1) in self.scores else None
        prev_ranks = self.table(prev_year).rank_map() if prev_year else {}
        return build_table(
            self.index, year, version, nodes, totals, per_prov, self.units, prev_ranks, prev_year
        )


def _rank_map(self) -> dict[int, int]:
    return {r.province.pk: r.total.rank for r in self.rows if r.total.rank is not None}


YearTable.rank_map = _rank_map


def build_table(
    index, year, version, nodes, totals, per_prov, units, prev_ranks, prev_year, derived=False
) -> YearTable:
    total_scores = {pid: t for pid, (t, _) in totals.items()}
    ranks = ranking.competition_ranks(total_scores)
    pct = {}
    if version and version.max_total:
        pct = {
            pid: ranking.exact(t) * 100 / ranking.exact(version.max_total) for pid, t in total_scores.items()
        }
    tiers = {}
    grouping = (version.grouping if version else None) or {}
    if grouping.get("kind") == "quartile":
        tiers = ranking.quartile_tiers(total_scores, grouping["labels"])
    elif grouping.get("kind") == "bands":
        tiers = {pid: ranking.band(p, grouping["bands"]) for pid, p in pct.items()}
    percentiles = ranking.percentile_ranks(total_scores)
    node_ranks = {}
    for n in nodes:
        vals = {pid: s[n.code] for pid, s in per_prov.items() if s.get(n.code) is not None}
        node_ranks[n.code] = (ranking.competition_ranks(vals), len(vals))
    rows = []
    of = len(total_scores)
    for pid in set(per_prov) | set(totals):
        unit = units[pid]
        t = totals.get(pid)
        cell = Cell(t[0] if t else None, ranks.get(pid), of if t else 0, bool(t and t[1]))
        row = Standing(unit, cell, derived=derived)
        if cell.rank is not None and pid in prev_ranks:
            row.prev_rank = prev_ranks[pid]
            row.rank_change = row.prev_rank - cell.rank
        row.tier = tiers.get(pid)
        row.percentile = percentiles.get(pid)
        row.percent = pct.get(pid)
        for n in nodes:
            s = per_prov.get(pid, {}).get(n.code)
            r_map, count = node_ranks[n.code]
            row.nodes[n.code] = Cell(s, r_map.get(pid), count if s is not None else 0)
        rows.append(row)
    rows.sort(key=lambda r: (r.total.rank is None, r.total.rank or 0, fold(r.name)))
    stats = LazyStats(nodes, per_prov, total_scores, units)
    return YearTable(index, year, version, nodes, rows, stats, prev_year, derived)


def _stats(values: dict[int, Decimal], units) -> Stats:
    if not values:
        return Stats()
    mx = max(values.values())
    by_region = defaultdict(list)
    for pid, v in values.items():
        by_region[units[pid].region or "Khác"].append(v)
    return Stats(
        count=len(values),
        mean=ranking.mean(list(values.values())),
        min=min(values.values()),
        max=mx,
        best=sorted((units[pid] for pid, v in values.items() if v == mx), key=lambda u: fold(u.name)),
        region_means={r: ranking.mean(vs) for r, vs in sorted(by_region.items())},
    )


def year_table(index: Index, year: int) -> YearTable:
    return result_set(index).table(year)


_CACHE: dict[int, tuple[tuple, "ResultSet"]] = {}


def result_set(index: Index) -> "ResultSet":
    """All results of an index, reused across requests until a result or a version changes
    (an import creates a batch and touches updated_at; a version edit touches its updated_at)."""
    from django.db.models import Count, Max

    agg = Result.objects.filter(index=index).aggregate(n=Count("id"), m=Max("updated_at"), b=Max("batch_id"))
    vm = index.versions.aggregate(m=Max("updated_at"), n=Count("id"))
    stamp = (agg["n"], agg["m"], agg["b"], vm["m"], vm["n"])
    hit = _CACHE.get(index.pk)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    rs = ResultSet(index)
    _CACHE[index.pk] = (stamp, rs)
    return rs


# ---------------------------------------------------------------- 63 → 34: derived figures


def current_provinces() -> list[Unit]:
    return list(
        Unit.objects.filter(kind=UnitKind.PROVINCE, valid_to__isnull=True).order_by("sort_order", "name")
    )


def crosswalk() -> dict[int, list[int]]:
    """Current province id → ids of the former provinces it was formed from (itself if unchanged)."""
    current = current_provinces()
    preds = defaultdict(list)
    for p, s in UnitLink.objects.filter(
        successor__in=current, predecessor__kind=UnitKind.PROVINCE
    ).values_list("predecessor_id", "successor_id"):
        preds[s].append(p)
    return {u.pk: preds.get(u.pk) or [u.pk] for u in current}


def derived_table(rs: ResultSet, year: int) -> YearTable:
    cache = rs.__dict__.setdefault("_derived", {})
    if year not in cache:
        cache[year] = _derived_table(rs, year)
    return cache[year]


def _derived_table(rs: ResultSet, year: int) -> YearTable:
    """Figures for the 34 provinces in force since 01/07/2025, derived for an earlier year as the
    plain mean of their former provinces' published scores (only when every one has a score).
    Clearly estimates: ranked among themselves, never mixed with the published table."""
    version = rs.version(year)
    nodes = rs.tree(version) if version else []
    if "_crosswalk" not in rs.__dict__:
        rs._crosswalk = crosswalk()
    cw = rs._crosswalk
    totals_pub = rs.totals(year)
    per_year = rs.scores.get(year, {})
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(cw) + [p for ps in cw.values() for p in ps])}
    per_prov, totals, sources = {}, {}, {}
    for cur, preds in cw.items():
        if all(p in totals_pub for p in preds):
            vals = [totals_pub[p][0] for p in preds]
            totals[cur] = (_dmean(vals), False)
        scores = {}
        for n in nodes:
            vals = [per_year.get(p, {}).get(n.code) for p in preds]
            if all(v is not None for v in vals):
                scores[n.code] = _dmean(vals)
        if scores or cur in totals:
            per_prov[cur] = scores
        sources[cur] = [units[p] for p in preds]
    table = build_table(rs.index, year, version, nodes, totals, per_prov, units, {}, None, derived=True)
    for r in table.rows:
        r.sources = sources.get(r.province.pk, [])
    return table


def _dmean(values) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.000001"))


# ---------------------------------------------------------------- profile


@dataclass
class Profile:
    index: Index
    province: Unit
    year: int | None
    years: list
    table: YearTable | None
    row: Standing | None
    history: list  # [(year, Standing)]
    derived: bool = False
    became: list = field(default_factory=list)
    formed_from: list = field(default_factory=list)
    breaks: list = field(default_factory=list)  # [(year, version)] where the framework changes


def profile(index: Index, province: Unit, year: int | None = None, rs: ResultSet | None = None) -> Profile:
    from chiso.orgs.queries import became, formed_from

    rs = rs or result_set(index)
    years = rs.years()
    tables = {y: rs.table(y) for y in years if province.pk in rs.scores[y]}
    # A province formed on 01/07/2025 from former ones: the years before the reform are derived
    # from its former provinces (labelled as estimates, never mixed into published tables).
    if province.valid_to is None and UnitLink.objects.filter(successor=province).exists():
        for y in years:
            if y not in tables and y < REFORM_DATE.year:
                t = derived_table(rs, y)
                if t.row_for(province):
                    tables[y] = t
    history = [(y, t.row_for(province)) for y, t in sorted(tables.items())]
    # Rank change between two derived years (a published and a derived rank are not compared).
    prev = None
    for _y, row in history:
        if row.derived and prev is not None and prev.derived and prev.total.rank and row.total.rank:
            row.prev_rank, row.rank_change = prev.total.rank, prev.total.rank - row.total.rank
        prev = row
    avail = [y for y, r in history if r.total.score is not None] or [y for y, _ in history]
    if year is None or year not in tables:
        year = avail[-1] if avail else None
    table = tables.get(year) if year else None
    breaks, prev_v = [], None
    for y in sorted(tables):
        v = tables[y].version
        if prev_v is not None and v is not None and v.pk != prev_v.pk:
            breaks.append((y, v))
        prev_v = v or prev_v
    derived = bool(table and table.derived)
    return Profile(
        breaks=breaks,
        index=index,
        province=province,
        year=year,
        years=[y for y, _ in history],
        table=table,
        row=table.row_for(province) if table else None,
        history=history,
        derived=derived,
        became=became(province) if province.valid_to else [],
        formed_from=formed_from(province, transitive=False) if province.valid_to is None else [],
    )


def sentence(index: Index, row: Standing | None, table: YearTable | None) -> str:
    """'PAPI năm 2024: 43,12 điểm, xếp thứ 19/61, giảm 07 bậc so với năm 2023; nhóm Trung bình cao'."""
    from chiso.lib import vnformat

    if row is None or table is None or row.total.score is None:
        return ""
    unit = "%" if index.unit_label == "%" else "điểm"
    score = vnformat.number(row.total.score) + (" %" if unit == "%" else " điểm")
    parts = [f"{index.short_name} năm {table.year}{' (ước tính)' if table.derived else ''}: {score}"]
    if row.total.rank:
        parts.append(f"xếp thứ {row.total.rank}/{row.total.of}")
    if row.rank_change is not None:
        parts.append(f"{vnformat.rank_change(row.rank_change)} so với năm {table.year - 1}")
    text = ", ".join(parts)
    if row.tier:
        text += f"; nhóm {row.tier}"
    return text


def strengths(row: Standing, nodes: list) -> tuple[list, list]:
    """Top-level parts ordered by their rank among provinces: (strongest, weakest), two each."""
    ranked = [
        (row.nodes[n.code].rank / max(row.nodes[n.code].of, 1), n, row.nodes[n.code])
        for n in nodes
        if n.parent_id is None and row.nodes.get(n.code) and row.nodes[n.code].rank
    ]
    ranked.sort(key=lambda t: (t[0], t[1].sort_order))
    if len(ranked) < 2:
        return ranked, []
    k = min(2, len(ranked) // 2)
    return ranked[:k], list(reversed(ranked[-k:]))


def responsibilities(province: Unit, index: Index) -> dict[str, list[Responsibility]]:
    """node code → agencies (lead first). A former province uses its successor's mapping."""
    owners = [province]
    if province.valid_to:
        from chiso.orgs.queries import became

        owners += became(province)
    out = defaultdict(list)
    for r in Responsibility.objects.filter(province__in=owners, index=index).select_related("agency"):
        out[r.node_code].append(r)
    return out


def responsibilities_owners(province: Unit) -> list[Unit]:
    """The province whose agency mapping applies: itself, or its successor(s) if merged."""
    if province.valid_to:
        from chiso.orgs.queries import became

        return became(province)
    return [province]


def report_paragraph(index: Index, prof: "Profile") -> str:
    """A paragraph in the register of a provincial report, ready to paste."""
    from chiso.lib import vnformat

    row, table = prof.row, prof.table
    if row is None or table is None or row.total.score is None:
        return ""
    unit = "%" if index.unit_label == "%" else "điểm"
    mx = table.version.max_total if table.version else None
    score = vnformat.number(row.total.score) + (
        f"/{vnformat.number(mx, 0)} điểm" if mx and unit == "điểm" else f" {unit}"
    )
    text = f"Năm {table.year}, {index.short_name} của {prof.province.name} đạt {score}"
    if row.total.rank:
        text += f", xếp thứ {row.total.rank:02d}/{row.total.of} tỉnh, thành phố"
    if row.rank_change is not None:
        text += f", {vnformat.rank_change(row.rank_change)} so với năm {table.year - 1}"
    if row.tier:
        text += f", thuộc nhóm “{row.tier}”"
    text += "."
    if prof.derived:
        text += " (Số liệu ước tính từ các tỉnh cũ trước sắp xếp, không phải số công bố.)"
    mean = table.total_stats.mean
    if mean is not None:
        gap = ranking.exact(row.total.score) - mean
        word = "cao hơn" if gap >= 0 else "thấp hơn"
        text += f" So với trung bình cả nước ({vnformat.number(mean)}), {word} {vnformat.number(abs(gap))} {unit}."
    tops = [
        n
        for n in table.nodes
        if n.parent_id is None and row.nodes.get(n.code) and row.nodes[n.code].score is not None
    ]
    if tops:
        above = [
            n
            for n in tops
            if table.stats[n.code].mean is not None
            and ranking.exact(row.nodes[n.code].score) >= table.stats[n.code].mean
        ]
        text += f" Có {len(above)}/{len(tops)} nội dung đạt từ mức trung bình cả nước trở lên."
        strong, weak = strengths(row, table.nodes)
        if strong:
            text += (
                " Nội dung có thứ hạng cao nhất: "
                + "; ".join(f"{n.name} (thứ {c.rank}/{c.of})" for _, n, c in strong)
                + "."
            )
        if weak:
            parts = []
            for _, n, c in weak:
                gap = ranking.exact(c.score) - table.stats[n.code].mean
                parts.append(
                    f"{n.name} (thứ {c.rank}/{c.of}, "
                    + (
                        f"thấp hơn trung bình {vnformat.number(-gap)} điểm"
                        if gap < 0
                        else f"cao hơn trung bình {vnformat.number(gap)} điểm"
                    )
                    + ")"
                )
            text += " Cần tập trung cải thiện: " + "; ".join(parts) + "."
    return text
