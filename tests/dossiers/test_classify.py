"""Classification: the vectorised rules give the same results as a one-at-a-time reference written
directly against the scalar calendar (add / working_time_between), on generated dossiers."""

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.dossiers import classify as C
from chiso.dossiers.models import EPOCH, dt_to_ts
from chiso.dossiers.timeparse import NA, parse_times
from chiso.lib.workcal import WorkCalendar

CAL = WorkCalendar(range(2024, 2028))


def judge_one(status, received, due, end_candidates, sup_req, sup_done, sup_n):
    """Reference: one dossier, datetimes, written from DOSSIERS.md."""
    end = None
    if status in (7, 8, 9, 10):
        end = next((x for x in end_candidates if x is not None), None)
    pause = dt.timedelta(0)
    if sup_req is not None:
        stop = sup_done or end
        if stop is not None and stop > sup_req:
            pause = CAL.working_time_between(sup_req, stop)
    due_eff = CAL.add(due, pause.total_seconds() / 3600, "working_hours") if pause else due
    if status in (1, 3):
        return C.NOT_COUNTED, due_eff
    if status in (2, 4, 5, 6):
        return C.OPEN, due_eff
    if end is None:
        return C.NOT_COUNTED, due_eff
    if end > due_eff or sup_n > 1:
        return C.LATE, due_eff
    if end.date() < due_eff.date():
        return C.EARLY, due_eff
    return C.ON_TIME, due_eff


start = dt.datetime(2025, 1, 2, 7, 0)
instants = st.integers(min_value=0, max_value=400 * 24 * 60).map(lambda m: start + dt.timedelta(minutes=m))
dossier = st.tuples(
    st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    instants,
    st.integers(1, 15),  # limit in working days
    st.integers(0, 30 * 24 * 60),  # minutes from received to the first end candidate
    st.sampled_from([0, 1, 2, 3]),  # which end column is filled
    st.one_of(st.none(), st.integers(0, 10 * 24 * 60)),  # supplement requested after received
    st.integers(0, 8 * 24 * 60),  # supplement length
    st.integers(0, 3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(dossier, min_size=1, max_size=25))
def test_vectorised_equals_scalar(rows):
    ref, cols = [], {k: [] for k in ("status", "rec", "due", "fin", "ret", "rej", "wd", "req", "done", "n")}
    for status, rec, limit, to_end, which, req_after, sup_len, sup_n in rows:
        due = CAL.add(rec, limit, "working_days")
        endc = [None, None, None, None]
        endc[which] = rec + dt.timedelta(minutes=to_end)
        req = rec + dt.timedelta(minutes=req_after) if req_after is not None else None
        done = req + dt.timedelta(minutes=sup_len) if req is not None and sup_len else None
        n = max(sup_n, 1) if req is not None else sup_n
        ref.append(judge_one(status, rec, due, endc, req, done, n))
        for k, v in zip(
            ("status", "rec", "due", "fin", "ret", "rej", "wd", "req", "done", "n"),
            (status, rec, due, *endc, req, done, n),
            strict=True,
        ):
            cols[k].append(v if k in ("status", "n") else dt_to_ts(v))
    a = {k: np.array([NA if v is None else v for v in vs], dtype=np.int64) for k, vs in cols.items()}
    end = C.end_times(a["status"], a["fin"], a["ret"], a["rej"], a["wd"])
    pause = C.pause_seconds(CAL, a["req"], a["done"], end)
    due_eff = C.extend(CAL, a["due"], pause)
    got = C.judge(a["status"], end, due_eff, a["n"])
    assert got.tolist() == [r[0] for r in ref]
    assert [EPOCH + dt.timedelta(seconds=int(x)) for x in due_eff] == [r[1] for r in ref]


def test_end_time_priority():
    # processed > returned > stopped/rejected > withdrawn
    s = np.array([10, 10, 8, 7, 4])
    fin = np.array([5, NA, NA, NA, 5])
    ret = np.array([6, 6, NA, NA, NA])
    rej = np.array([7, 7, 7, NA, NA])
    wd = np.array([8, 8, 8, 8, NA])
    assert C.end_times(s, fin, ret, rej, wd).tolist() == [5, 6, 7, 8, NA]


def test_open_dossiers_judged_at_an_instant():
    status = np.array([4, 4, 2])
    due = np.array([100, 300, 100])
    out = C.judge(status, np.full(3, NA), due, np.array([0, 0, 2]), at=200)
    assert out.tolist() == [C.OPEN_OVERDUE, C.OPEN, C.OPEN_OVERDUE]


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 12, 31)))
def test_time_parsing_round_trip(d):
    d = d.replace(microsecond=0)
    forms = [
        d.strftime("%Y%m%d%H%M%S"),
        d.strftime("%Y-%m-%d %H:%M:%S"),
        d.strftime("%Y-%m-%dT%H:%M:%S"),
        d.strftime("%d/%m/%Y %H:%M:%S"),
    ]
    secs, bad = parse_times(forms)
    assert not bad.any()
    assert set(secs.tolist()) == {dt_to_ts(d)}


def test_time_parsing_rejects_impossible_dates():
    secs, bad = parse_times(["20250230080000", "2025-02-30 08:00:00", "30/02/2025 08:00", "hôm qua", ""])
    assert bad.tolist() == [True, True, True, True, False]
    assert secs[-1] == NA
