"""Vectorised classification of dossiers (no Python loop per dossier).

Inputs and outputs are int64 arrays of local wall-clock seconds (`timeparse.NA` = missing).
Rules (DOSSIERS.md):
- end time: the first terminal date in priority processed > returned > stopped/rejected > withdrawn,
  only for terminal statuses 7–10;
- time with the citizen (supplement requested → supplement received) extends the due date by the
  same working time;
- more than one supplement request = late (national 766 rule);
- on time: end ≤ due; early: end on an earlier day than due; late: end > due;
- open dossiers are judged at a reference instant (end of a period, or now).
"""

import numpy as np

from chiso.dossiers.timeparse import NA, from_datetime64, to_datetime64

NOT_COUNTED, EARLY, ON_TIME, LATE, OPEN, OPEN_OVERDUE = 0, 1, 2, 3, 4, 5
TERMINAL = (7, 8, 9, 10)
OPEN_STATUSES = (2, 4, 5, 6)
DAY = 86400


def end_times(status, finished, returned, rejected, withdrawn) -> np.ndarray:
    end = np.full(len(status), NA, dtype=np.int64)
    for col in (withdrawn, rejected, returned, finished):  # lowest priority first, overwritten by higher
        end = np.where(col != NA, col, end)
    return np.where(np.isin(status, TERMINAL), end, NA)


def due_from_limit(cal, received, limit_value, limit_unit_code) -> np.ndarray:
    """Due date-time from the reception time and the procedure's legal limit.

    limit_unit_code: 0 working days, 1 working hours, 2 calendar days, 3 months; NaN limit → NA."""
    out = np.full(len(received), NA, dtype=np.int64)
    units = ("working_days", "working_hours", "calendar_days", "months")
    for code, unit in enumerate(units):
        sel = (limit_unit_code == code) & ~np.isnan(limit_value) & (received != NA)
        if sel.any():
            due = cal.add_np(to_datetime64(received[sel]), limit_value[sel], unit)
            out[sel] = from_datetime64(due)
    return out


def pause_seconds(cal, sup_requested, sup_completed, end) -> np.ndarray:
    """Working seconds with the citizen: requested → completed (or → end while never completed)."""
    out = np.zeros(len(sup_requested), dtype=np.int64)
    stop = np.where(sup_completed != NA, sup_completed, end)
    sel = (sup_requested != NA) & (stop != NA) & (stop > sup_requested)
    if sel.any():
        secs = cal.working_seconds_between_np(to_datetime64(sup_requested[sel]), to_datetime64(stop[sel]))
        out[sel] = np.asarray(secs, dtype=np.int64)
    return out


def extend(cal, due, pause) -> np.ndarray:
    """Due date-time pushed forward by `pause` working seconds."""
    out = due.copy()
    sel = (due != NA) & (pause > 0)
    if sel.any():
        shifted = cal.add_np(to_datetime64(due[sel]), pause[sel] / 3600.0, "working_hours")
        out[sel] = from_datetime64(shifted)
    return out


def judge(status, end, due_eff, supplements, at=None) -> np.ndarray:
    """Outcome codes. `at` (seconds) judges open dossiers as overdue if due_eff < at."""
    n = len(status)
    out = np.full(n, NOT_COUNTED, dtype=np.int64)
    ended = np.isin(status, TERMINAL) & (end != NA)
    has_due = due_eff != NA
    late = ended & ((has_due & (end > due_eff)) | (supplements > 1))
    early = ended & ~late & has_due & (end // DAY < due_eff // DAY)
    out[ended] = ON_TIME
    out[early] = EARLY
    out[late] = LATE
    is_open = np.isin(status, OPEN_STATUSES)
    out[is_open] = OPEN
    if at is not None:
        out[is_open & ((has_due & (due_eff < at)) | (supplements > 1))] = OPEN_OVERDUE
    return out


def working_days(cal, received, end, pause, hours_per_day: float) -> np.ndarray:
    out = np.full(len(received), np.nan)
    sel = (received != NA) & (end != NA) & (end >= received)
    if sel.any():
        secs = np.asarray(
            cal.working_seconds_between_np(to_datetime64(received[sel]), to_datetime64(end[sel])), dtype=float
        )
        out[sel] = np.maximum(secs - pause[sel], 0) / (hours_per_day * 3600.0)
    return out
