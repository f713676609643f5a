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

import numpy as np
import pyarrow as pa
from django.db import connection, transaction

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


def _ts(d: dt.date) -> int:
    return int((dt.datetime(d.year, d.month, d.day) - EPOCH).total_seconds())


def year_periods(y: int) -> list[P.Period]:
    return (
        [P.year(y), P.half(y, 1), P.half(y, 2)]
        + [P.quarter(y, q) for q in range(1, 5)]
        + [P.month(y, m) for m in range(1, 13)]
    )


def load_year(y: int, w=None) -> dict[str, np.ndarray]:
    """FIELDS of the dossiers counted in year y, read through the writer `w` (an import's
    uncommitted transaction) or the Django connection."""
    start, end = _ts(dt.date(y, 1, 1)), _ts(dt.date(y + 1, 1, 1))
    sql = (
        f"SELECT {', '.join(FIELDS)} FROM dossiers_dossier "
        "WHERE received_ts < %s AND (end_ts IS NULL OR end_ts >= %s) AND received_ts IS NOT NULL"
    )
    parts: dict[str, list[np.ndarray]] = {f: [] for f in FIELDS}
    if w is None:
        with transaction.atomic(), connection.cursor() as cur:
            return load_year(y, DjangoWriter(cur))
    if hasattr(w, "fetch_arrow"):  # columns straight from Arrow, no tuple per row
        t = w.fetch_arrow(sql, [end, start])
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
    `info` = static_info(), read beforehand when the connection is busy elsewhere."""
    if not len(d["id"]):
        return [], []
    (field, full, feeb, paper), paths = info or static_info()
    unit, proc = d["unit_id"], d["procedure_id"]
    keys, inv = np.unique(unit * (len(field) + 1) + proc, return_inverse=True)
    k_unit, k_proc = keys // (len(field) + 1), keys % (len(field) + 1)
    nk = len(keys)
    status, rec, end, due = d["status"], d["received_ts"], d["end_ts"], d["due_effective_ts"]
    counted = ~np.isin(status, (1, 3))
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
    late = outcome == C.LATE
    days = d["working_days"]
    days_ok = ~np.isnan(days)
    late_ap = (outcome_o == C.LATE) & (d["has_apology"] > 0)
    multi_sup = d["supplement_count"] > 1

    def cnt(mask):
        return np.bincount(inv[mask], minlength=nk)

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
    now = int((dt.datetime.now() - EPOCH).total_seconds())
    for p in periods:
        s, e = _ts(p.start), _ts(p.end + dt.timedelta(days=1))
        at = min(e, now)
        r = counted & (rec >= s) & (rec < e)
        c = counted & ended & (end >= s) & (end < e)
        o = counted & (rec < e) & (end_or_inf >= e) & np.isin(status, C.OPEN_STATUSES + C.TERMINAL)
        od = o & (((due != NA) & (due < at)) | multi_sup)
        cols = [
            cnt(r),
            cnt(c),
            cnt(c & (outcome == C.EARLY)),
            cnt(c & (outcome == C.ON_TIME)),
            cnt(c & late),
            cnt(c & (outcome_o == C.LATE)),
            cnt(o),
            cnt(od),
            cnt(c & late_ap),
            cnt(r & online),
            cnt(r & fullo),
            cnt(r & fee),
            cnt(r & paid),
            cnt(r & (d["digitised"] > 0)),
            cnt(r & res_req),
            cnt(r & e_res),
            cnt(r & (d["reused"] > 0)),
            cnt(r & postal),
            np.bincount(inv[c & days_ok], weights=days[c & days_ok], minlength=nk),
            cnt(c & days_ok),
        ]
        mat = np.vstack(cols[:-2] + [cols[-1]]).T
        nonzero = np.flatnonzero(mat.any(axis=1))
        dsum = cols[-2]
        for i in nonzero.tolist():
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
        full = np.vstack(cols).T.astype(float)  # nk × 20 (days_sum at -2)
        acc = np.zeros((nt, full.shape[1]))
        np.add.at(acc, tgt, full[src])
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
