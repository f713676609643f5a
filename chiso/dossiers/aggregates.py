"""Precomputed KPI aggregates: one row per handling unit × procedure × period, for the months,
quarters, halves and the year. Computed with numpy from the dossiers of the year (plus dossiers
received earlier and still open in it); pages sum these rows over a unit's subtree.

Per period [start, end]:
- received: received in the period (statuses 1 and 3 excluded);
- completed / early / on time / late: ended in the period, judged at import (end vs current due);
  late_original: late against the original due date;
- open_end / overdue_end: received by the end of the period and not ended by then; overdue if the
  due date (extended by paused time) is before the end of the period or > 1 supplement request;
- online, full online, postal, fee-bearing, paid online, digitised, e-result, reuse: among received;
- days_sum / days_n: working days of processing of the dossiers completed in the period.
"""

import datetime as dt
import time

import numpy as np
import pyarrow as pa
from django.db import connection, transaction

from chiso.dossiers import bulkwrite
from chiso.dossiers import classify as C
from chiso.dossiers.bulkwrite import DjangoWriter
from chiso.dossiers.models import EPOCH, KpiAggregate
from chiso.dossiers.timeparse import NA
from chiso.lib import periods as P

FIELDS = [
    "id",
    "unit_id",
    "procedure_id",
    "status",
    "channel",
    "received_ts",
    "end_ts",
    "due_effective_ts",
    "outcome",
    "outcome_original",
    "supplement_count",
    "digitised",
    "e_result",
    "reused",
    "paid_online",
    "fee",
    "has_apology",
    "working_days",
]


ONE_DAY = dt.timedelta(days=1)


def _ts(d: dt.date) -> int:
    return int((dt.datetime(d.year, d.month, d.day) - EPOCH).total_seconds())


def year_periods(y: int) -> list[P.Period]:
    return (
        [P.year(y), P.half(y, 1), P.half(y, 2)]
        + [P.quarter(y, q) for q in range(1, 5)]
        + [P.month(y, m) for m in range(1, 13)]
    )


# Booleans as integers: PostgreSQL's COPY writes them as t/f.
_BOOLEANS = {"digitised", "e_result", "reused", "has_apology"}
_SELECT = ", ".join(f"CAST({f} AS INTEGER) AS {f}" if f in _BOOLEANS else f for f in FIELDS)


def load_year(y: int, w=None) -> dict[str, np.ndarray]:
    """FIELDS of the dossiers counted in year y, read through the writer `w` (an import's
    uncommitted transaction) or the Django connection."""
    return load_span(y, y, w)


def load_span(first: int, last: int, w=None, committed: bool = False) -> dict[str, np.ndarray]:
    """FIELDS of the dossiers counted in any year from `first` to `last` (received before the end
    of `last`, not ended before the start of `first`): select_year() takes each year from them.
    Arrow columns when the writer reads Arrow (ADBC for an SQLite file, COPY on PostgreSQL),
    else tuples in batches (SQLite through the Django connection: tests, in-memory).
    `committed`: the writer has written nothing yet, so ADBC may read in parallel threads."""
    start, end = _ts(dt.date(first, 1, 1)), _ts(dt.date(last + 1, 1, 1))
    sql = (
        f"SELECT {_SELECT} FROM dossiers_dossier "
        "WHERE received_ts < %s AND (end_ts IS NULL OR end_ts >= %s) AND received_ts IS NOT NULL"
    )
    parts: dict[str, list[np.ndarray]] = {f: [] for f in FIELDS}
    if w is None:
        with transaction.atomic(), connection.cursor() as cur:
            return load_span(first, last, DjangoWriter(cur))
    if w.arrow:  # columns straight from Arrow, no tuple per row
        fetch = getattr(w, "fetch_arrow_committed", None) if committed else None
        t = (fetch or w.fetch_arrow)(sql, [end, start])
        if not t.num_rows:
            return {f: np.zeros(0, dtype=np.int64) for f in FIELDS}
        out = {}
        for name in FIELDS:
            col = t.column(name)
            if name == "working_days":
                out[name] = col.cast(pa.float64()).fill_null(np.nan).to_numpy()
            else:
                fill = NA if name in ("end_ts", "due_effective_ts") else 0
                out[name] = col.cast(pa.int64()).fill_null(fill).to_numpy()
        return out
    for rows in w.fetch_batches(sql, [end, start], 100_000):  # a million tuples at once: ~700 MB
        for name, col in zip(FIELDS, zip(*rows, strict=True), strict=True):
            if name == "working_days":
                parts[name].append(np.array([np.nan if v is None else v for v in col], dtype=float))
            elif name in ("end_ts", "due_effective_ts"):
                parts[name].append(np.array([NA if v is None else v for v in col], dtype=np.int64))
            else:
                parts[name].append(np.array(col, dtype=np.int64))
        del rows
    if not parts["id"]:
        return {f: np.zeros(0, dtype=np.int64) for f in FIELDS}
    return {f: np.concatenate(v) for f, v in parts.items()}


def _proc_info():
    with connection.cursor() as cur:
        cur.execute("SELECT id, field_code, online_level, fee_bearing, paper_result FROM dossiers_procedure")
        rows = cur.fetchall()
    n = max((r[0] for r in rows), default=0) + 1
    field = np.empty(n, dtype=object)
    full = np.zeros(n, dtype=bool)
    feeb = np.zeros(n, dtype=bool)
    paper = np.zeros(n, dtype=bool)
    for pid, fc, ol, fb, pr in rows:
        field[pid], full[pid], feeb[pid], paper[pid] = fc, ol == "full", bool(fb), bool(pr)
    return field, full, feeb, paper


def _unit_paths() -> dict[int, list[int]]:
    with connection.cursor() as cur:
        cur.execute("SELECT id, path FROM orgs_unit")
        return {pk: [int(x) for x in path.strip("/").split("/") if x] for pk, path in cur.fetchall()}


def static_info() -> tuple:
    """What compute() reads besides the dossiers: procedures and unit paths."""
    return _proc_info(), _unit_paths()


def compute(
    d: dict[str, np.ndarray], periods: list[P.Period], info: tuple | None = None
) -> tuple[list[tuple], list[tuple]]:
    """(aggregate rows (period, unit_id, procedure_id, field_code, *COUNTS),
    rollup rows (period, unit_id, field_code, *COUNTS) for every ancestor and "" = all fields).
    `periods`: whole months of one year (the year, halves, quarters, months: year_periods).
    `info` = static_info(), read beforehand when the connection is busy elsewhere.

    Set-based over the months: each count is computed per (unit, procedure) key × month of the
    year in one pass over the dossiers (a bincount on key × month of reception or of end; the
    dossiers open — or overdue — at a month's end are spans of months, counted with a difference
    array). A longer period sums its months, except open_end/overdue_end, which are those at its
    end: its last month's. ~20 passes instead of ~20 × 19."""
    if not len(d["id"]):
        return [], []
    (field, full, feeb, paper), paths = info or static_info()
    year = periods[0].start.year
    for p in periods:
        if p.start.year != year or p.end.year != year or p.start.day != 1 or (p.end + ONE_DAY).day != 1:
            raise ValueError(f"compute() takes whole months of one year, not {p.code}")
    unit, proc = d["unit_id"], d["procedure_id"]
    keys, inv = np.unique(unit * (len(field) + 1) + proc, return_inverse=True)
    k_unit, k_proc = keys // (len(field) + 1), keys % (len(field) + 1)
    nk = len(keys)
    status, rec, end, due = d["status"], d["received_ts"], d["end_ts"], d["due_effective_ts"]
    counted = ~np.isin(status, (1, 3))
    can_be_open = counted & np.isin(status, C.OPEN_STATUSES + C.TERMINAL)
    ended = end != NA
    end_or_inf = np.where(ended, end, np.iinfo(np.int64).max)
    outcome, outcome_o = d["outcome"], d["outcome_original"]
    online = d["channel"] == 2
    postal = d["channel"] == 3
    fee = (d["fee"] > 0) | feeb[proc]
    paid = fee & (d["paid_online"] > 0)
    res_req = paper[proc]
    e_res = res_req & (d["e_result"] > 0)
    fullo = online & full[proc]
    days = d["working_days"]
    days_ok = ~np.isnan(days)
    late_ap = (outcome_o == C.LATE) & (d["has_apology"] > 0)
    multi_sup = d["supplement_count"] > 1
    now = int((dt.datetime.now() - EPOCH).total_seconds())

    # Month of the year (0–11) a time falls in: -1 before the year, 12 after it (or never).
    bounds = np.array([_ts(dt.date(year, m, 1)) for m in range(1, 13)] + [_ts(dt.date(year + 1, 1, 1))])

    def month(ts):
        return np.searchsorted(bounds, ts, side="right") - 1

    M = 12
    rm, em = month(rec), month(end_or_inf)
    got_r = counted & (rm >= 0) & (rm < M)  # received in a month of the year
    got_c = counted & ended & (em >= 0) & (em < M)  # ended in a month of the year
    idx_r, idx_c = inv[got_r] * M + rm[got_r], inv[got_c] * M + em[got_c]

    def by_rec(mask=None):
        return np.bincount(idx_r if mask is None else idx_r[mask[got_r]], minlength=nk * M)

    def by_end(mask=None, weights=None):
        sel = slice(None) if mask is None else mask[got_c]
        w = None if weights is None else weights[got_c][sel]
        return np.bincount(idx_c[sel], weights=w, minlength=nk * M)

    def spans(mask, lo, hi):
        """Dossiers present at the end of months lo … hi-1 (per row), counted per key × month."""
        ok = mask & (lo < hi)
        base = inv[ok] * (M + 1)
        diff = np.bincount(base + lo[ok], minlength=nk * (M + 1)) - np.bincount(
            base + hi[ok], minlength=nk * (M + 1)
        )
        return np.cumsum(diff.reshape(nk, M + 1), axis=1)[:, :M].reshape(-1)

    # Open at the end of month m: received by then (rm <= m) and not ended by then (m < em).
    lo, hi = np.maximum(rm, 0), np.minimum(em, M)
    # Overdue at the end of month m: also more than one supplement request, or a due date
    # before min(end of m, now): due < now, and from the month of the due date on.
    due_lo = np.where(multi_sup, lo, np.maximum(lo, np.maximum(month(due), 0)))
    overdue = multi_sup | ((due != NA) & (due < now))
    cols = [
        by_rec(),
        by_end(),
        by_end(outcome == C.EARLY),
        by_end(outcome == C.ON_TIME),
        by_end(outcome == C.LATE),
        by_end(outcome_o == C.LATE),
        spans(can_be_open, lo, hi),
        spans(can_be_open & overdue, due_lo, hi),
        by_end(late_ap),
        by_rec(online),
        by_rec(fullo),
        by_rec(fee),
        by_rec(paid),
        by_rec(d["digitised"] > 0),
        by_rec(res_req),
        by_rec(e_res),
        by_rec(d["reused"] > 0),
        by_rec(postal),
        by_end(days_ok, np.where(days_ok, days, 0.0)),
        by_end(days_ok),
    ]
    months = np.stack([c.reshape(nk, M).astype(float) for c in cols], axis=2)  # nk × 12 × 20
    OPEN = slice(6, 8)  # open_end, overdue_end: at the period's end, not summed
    DSUM = 18  # days_sum, the only fractional count

    # Roll-up targets: each (unit, procedure) key adds to (ancestor, field) and (ancestor, "").
    targets: dict[tuple[int, str], int] = {}
    src, tgt = [], []
    for i in range(nk):
        f = field[k_proc[i]]
        for a in paths.get(int(k_unit[i]), [int(k_unit[i])]):
            for fc in (f, ""):
                t = targets.setdefault((a, fc), len(targets))
                src.append(i)
                tgt.append(t)
    src, tgt = np.asarray(src, dtype=np.int64), np.asarray(tgt, dtype=np.int64)
    tkeys = list(targets)
    nt = len(tkeys)
    rollups = []
    out = []
    ints = [j for j in range(len(cols)) if j != DSUM]
    for p in periods:
        m0, m1 = p.start.month - 1, p.end.month - 1
        per = months[:, m0 : m1 + 1, :].sum(axis=1)
        per[:, OPEN] = months[:, m1, OPEN]
        mat = np.rint(per[:, ints]).astype(np.int64)
        dsum = per[:, DSUM]
        for i in np.flatnonzero(mat.any(axis=1)).tolist():
            row = mat[i].tolist()
            out.append(
                (
                    p.code,
                    int(k_unit[i]),
                    int(k_proc[i]),
                    field[k_proc[i]],
                    *row[:-1],
                    round(float(dsum[i]), 4),
                    row[-1],
                )
            )
        acc = np.zeros((nt, per.shape[1]))
        np.add.at(acc, tgt, per[src])
        for j in np.flatnonzero(acc.any(axis=1)).tolist():
            a, fc = tkeys[j]
            v = acc[j]
            rollups.append((p.code, a, fc, *[int(x) for x in v[:-2]], round(float(v[-2]), 4), int(v[-1])))
    return out, rollups


AGG_COLS = ["period", "unit_id", "procedure_id", "field_code"] + KpiAggregate.COUNTS
ROLLUP_COLS = ["period", "unit_id", "field_code"] + KpiAggregate.COUNTS


def select_year(d: dict[str, np.ndarray], y: int) -> dict[str, np.ndarray]:
    """The rows of in-memory dossier columns (FIELDS) that load_year(y) would read back: received
    before the end of the year and not ended before its start."""
    start, end = _ts(dt.date(y, 1, 1)), _ts(dt.date(y + 1, 1, 1))
    rec, fin = d["received_ts"], d["end_ts"]
    keep = (rec != NA) & (rec < end) & ((fin == NA) | (fin >= start))
    return {f: v[keep] for f, v in d.items()}


def recompute_year(y: int, data: dict[str, np.ndarray] | None = None, w=None) -> int:
    """Recompute the aggregates of year y from the stored dossiers, or from `data` (FIELDS columns
    of ALL the dossiers, e.g. those just written by a first import into an empty table — saves
    reading a million rows back). `w`: the writer of an import in progress."""
    if w is None:
        with transaction.atomic(), connection.cursor() as cur:
            return recompute_year(y, data, DjangoWriter(cur))
    periods = year_periods(y)
    rows, rollups = compute(load_year(y, w) if data is None else select_year(data, y), periods)
    return store_year(y, rows, rollups, w=w)


def recompute_years(years: list[int], timings: dict | None = None) -> dict[int, int]:
    """Recompute the aggregates of `years` (the command `recompute-kpis`) in one transaction: the
    dossiers they count are read ONCE as columns — for an SQLite file by the import's ADBC writer
    process (Arrow, and it holds the write lock as the import does), on PostgreSQL through COPY —
    then each year is taken in memory (select_year), computed with numpy as the import does and
    stored. Memory: the 18 columns of those dossiers (~150 MB per million). Returns {year: rows}.
    `timings` receives the seconds of each phase."""
    years = sorted(years)
    if not years:
        return {}
    target = bulkwrite.adbc_target()
    if target is None:
        with transaction.atomic(), connection.cursor() as cur:
            return _recompute_years(years, DjangoWriter(cur), timings)
    w = bulkwrite.AdbcWriter(target)
    try:
        out = _recompute_years(years, w, timings)
        w.commit()
    finally:
        w.close()
    return out


def _recompute_years(years: list[int], w, timings: dict | None) -> dict[int, int]:
    t0 = time.perf_counter()
    info = static_info()
    data = load_span(years[0], years[-1], w, committed=True)  # before any write of `w`
    t1 = time.perf_counter()
    out, t_compute, t_store = {}, 0.0, 0.0
    for y in years:
        ta = time.perf_counter()
        rows, rollups = compute(select_year(data, y), year_periods(y), info)
        tb = time.perf_counter()
        out[y] = store_year(y, rows, rollups, w=w)
        t_compute, t_store = t_compute + tb - ta, t_store + time.perf_counter() - tb
    if timings is not None:
        timings.update({"đọc": t1 - t0, "tính": t_compute, "ghi": t_store})
    return out


def store_year(y: int, rows: list[tuple], rollups: list[tuple], w=None) -> int:
    """Replace the aggregates of year y by compute()'s rows, through the writer `w` or in a
    transaction of the Django connection."""
    if w is None:
        with transaction.atomic(), connection.cursor() as cur:
            return store_year(y, rows, rollups, DjangoWriter(cur))
    codes = [p.code for p in year_periods(y)]
    marks = ", ".join(["%s"] * len(codes))
    for table, cols, data in (
        ("dossiers_kpiaggregate", AGG_COLS, rows),
        ("dossiers_kpirollup", ROLLUP_COLS, rollups),
    ):
        w.execute(f"DELETE FROM {table} WHERE period IN ({marks})", codes)
        w.insert(table, cols, data)
    return len(rows)


def years_with_dossiers() -> list[int]:
    with connection.cursor() as cur:
        cur.execute("SELECT MIN(received_ts), MAX(COALESCE(end_ts, received_ts)) FROM dossiers_dossier")
        lo, hi = cur.fetchone()
    if lo is None:
        return []
    a = (EPOCH + dt.timedelta(seconds=lo)).year
    b = (EPOCH + dt.timedelta(seconds=hi)).year
    return list(range(a, max(a, b) + 1))
