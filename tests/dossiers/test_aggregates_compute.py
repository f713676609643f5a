"""aggregates.compute (counts per key × month of the year, longer periods summed from their months,
open/overdue dossiers as spans of months) against the definitions written out dossier by dossier
and period by period, for any dossiers (hypothesis). No database: the procedures and unit paths
are given."""

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.dossiers import aggregates
from chiso.dossiers import classify as C
from chiso.dossiers.models import EPOCH
from chiso.dossiers.timeparse import NA

YEAR = dt.date.today().year  # "now" inside the year: overdue at min(end of period, now)
# Procedures 1 (field HT, fully online, fee-bearing, paper result) and 2 (DD, none of these).
FIELD = np.array([None, "HT", "DD"], dtype=object)
FULL = np.array([False, True, False])
FEE_BEARING = np.array([False, True, False])
PAPER = np.array([False, True, False])
PATHS = {1: [10, 1], 2: [10, 2], 3: [3]}  # units 1 and 2 under 10; 3 alone
INFO = ((FIELD, FULL, FEE_BEARING, PAPER), PATHS)


def ts(d: dt.datetime) -> int:
    return int((d - EPOCH).total_seconds())


LO, HI = ts(dt.datetime(YEAR - 1, 11, 1)), ts(dt.datetime(YEAR + 1, 2, 1))
moment = st.integers(LO, HI)
maybe = st.one_of(st.just(NA), moment)
dossier = st.tuples(
    st.sampled_from([1, 2, 3]),  # unit
    st.sampled_from([1, 2]),  # procedure
    st.integers(1, 10),  # status
    st.integers(1, 3),  # channel
    moment,  # received
    maybe,  # end
    st.one_of(maybe, st.integers(HI, ts(dt.datetime(2090, 1, 1)))),  # due (extended), maybe after now
    st.sampled_from([C.EARLY, C.ON_TIME, C.LATE, C.OPEN, C.OPEN_OVERDUE, 0]),  # outcome
    st.sampled_from([C.EARLY, C.ON_TIME, C.LATE, 0]),  # outcome against the original due date
    st.integers(0, 3),  # supplement requests
    st.tuples(
        st.booleans(), st.booleans(), st.booleans(), st.booleans()
    ),  # digitised, e-result, reuse, apology
    st.integers(0, 2),  # paid online
    st.sampled_from([0, 5000]),  # fee
    st.one_of(st.just(float("nan")), st.integers(0, 40_000).map(lambda x: x / 1000)),  # working days
)


def columns(rows) -> dict[str, np.ndarray]:
    cols = {f: [] for f in aggregates.FIELDS}
    for i, (u, p, s, ch, rec, end, due, out, out_o, sup, flags, paid, fee, days) in enumerate(rows):
        dig, eres, reuse, apology = flags
        for f, v in zip(
            aggregates.FIELDS,
            (i + 1, u, p, s, ch, rec, end, due, out, out_o, sup, dig, eres, reuse, paid, fee, apology, days),
            strict=True,
        ):
            cols[f].append(v)
    return {f: np.array(v, dtype=float if f == "working_days" else np.int64) for f, v in cols.items()}


def reference(d, periods) -> tuple[list[tuple], list[tuple]]:
    """The module docstring's definitions, one dossier and one period at a time."""
    now = ts(dt.datetime.now())
    aggs = {}
    for p in periods:
        s, e = ts(dt.datetime.combine(p.start, dt.time())), ts(dt.datetime.combine(p.end, dt.time()))
        e += 86400
        for i in range(len(d["id"])):
            g = {f: d[f][i] for f in aggregates.FIELDS}
            status, proc = int(g["status"]), int(g["procedure_id"])
            if status in (1, 3):
                continue
            ended = g["end_ts"] != NA
            r = s <= g["received_ts"] < e
            c = ended and s <= g["end_ts"] < e
            o = g["received_ts"] < e and (not ended or g["end_ts"] >= e) and status in (2, *range(4, 11))
            due = g["due_effective_ts"]
            od = o and ((due != NA and due < min(e, now)) or g["supplement_count"] > 1)
            fee = g["fee"] > 0 or FEE_BEARING[proc]
            days_ok = not np.isnan(g["working_days"])
            v = aggs.setdefault((p.code, int(g["unit_id"]), proc), [0] * 18 + [0.0, 0])
            add = [
                r,
                c,
                c and g["outcome"] == C.EARLY,
                c and g["outcome"] == C.ON_TIME,
                c and g["outcome"] == C.LATE,
                c and g["outcome_original"] == C.LATE,
                o,
                od,
                c and g["outcome_original"] == C.LATE and g["has_apology"],
                r and g["channel"] == 2,
                r and g["channel"] == 2 and FULL[proc],
                r and fee,
                r and fee and g["paid_online"] > 0,
                r and g["digitised"],
                r and PAPER[proc],
                r and PAPER[proc] and g["e_result"],
                r and g["reused"],
                r and g["channel"] == 3,
            ]
            for j, flag in enumerate(add):
                v[j] += int(bool(flag))
            if c and days_ok:
                v[18] += g["working_days"]
                v[19] += 1
    rows, rollups = [], {}
    for (code, unit, proc), v in aggs.items():
        if not any(v[:18]) and not v[19]:
            continue
        rows.append((code, unit, proc, FIELD[proc], *v[:18], round(v[18], 4), v[19]))
        for a in PATHS[unit]:
            for fc in (FIELD[proc], ""):
                acc = rollups.setdefault((code, a, fc), [0] * 18 + [0.0, 0])
                for j in range(20):
                    acc[j] += v[j]
    return rows, [(*k, *v[:18], round(v[18], 4), v[19]) for k, v in rollups.items()]


def _norm(rows):
    return sorted(tuple(round(x, 3) if isinstance(x, float) else x for x in r) for r in rows)


@settings(max_examples=150, deadline=None)
@given(st.lists(dossier, min_size=1, max_size=40))
def test_compute_equals_the_definitions_period_by_period(rows):
    d = aggregates.select_year(columns(rows), YEAR)
    periods = aggregates.year_periods(YEAR)
    if not len(d["id"]):
        assert aggregates.compute(d, periods, INFO) == ([], [])
        return
    got_rows, got_rollups = aggregates.compute(d, periods, INFO)
    want_rows, want_rollups = reference(d, periods)
    assert _norm(got_rows) == _norm(want_rows)
    assert _norm(got_rollups) == _norm(want_rollups)


def test_compute_refuses_a_period_that_is_not_whole_months():
    from chiso.lib import periods

    d = aggregates.select_year(
        columns([(1, 1, 9, 1, LO + 86400 * 70, NA, NA, 0, 0, 0, (0, 0, 0, 0), 0, 0, 1.0)]), YEAR
    )
    odd = periods.Period(dt.date(YEAR, 1, 1), dt.date(YEAR, 1, 15), f"{YEAR}-01-H", "custom")
    try:
        aggregates.compute(d, [odd], INFO)
    except ValueError as exc:
        assert "whole months" in str(exc)
    else:
        raise AssertionError("accepted a half month")
