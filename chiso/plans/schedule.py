"""Reporting calendars and deadlines from Vietnamese recurrence wording (plain Python, no Django).

A rule is a small dict, stored as JSON:

    {"freq": "quarter" | "half" | "year" | "month",
     "day": 12,                 # day of month the report is due (None: last day of the period)
     "month": "last" | "first" | "next" | 1..12 | None,
                                # which month: the period's last/first month, the month after
                                # the period, or a fixed calendar month (year rules: "12/12")
     "shift": "keep" | "before" | "after"}   # what to do when the due day is a weekend

Report due rules do not move unless the directive says so: `shift` defaults to "keep" and the
period is flagged `due_on_weekend`.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from chiso.lib import periods
from chiso.lib.vntext import fold

FREQS = ("month", "quarter", "half", "year")
FREQ_LABELS = {"month": "Hằng tháng", "quarter": "Hằng quý", "half": "6 tháng", "year": "Hằng năm"}


@dataclass(frozen=True)
class DuePeriod:
    period: periods.Period
    due: dt.date
    due_on_weekend: bool

    @property
    def code(self) -> str:
        return self.period.code


def _clamp_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_date(rule: dict, period: periods.Period) -> tuple[dt.date, bool]:
    """Due date of `period` under `rule`, and whether the (unshifted) date is a Saturday/Sunday."""
    day = rule.get("day")
    which = rule.get("month")
    if which in (None, "last"):
        y, m = period.end.year, period.end.month
    elif which == "first":
        y, m = period.start.year, period.start.month
    elif which == "next":
        nxt = period.end + dt.timedelta(days=1)
        y, m = nxt.year, nxt.month
    else:
        y, m = period.end.year, int(which)
    if day is None:
        due = dt.date(y, m, calendar.monthrange(y, m)[1]) if which not in (None, "last") else period.end
    else:
        due = _clamp_day(y, m, int(day))
    weekend = due.weekday() >= 5
    shift = rule.get("shift") or "keep"
    if weekend and shift == "before":
        while due.weekday() >= 5:
            due -= dt.timedelta(days=1)
    elif weekend and shift == "after":
        while due.weekday() >= 5:
            due += dt.timedelta(days=1)
    return due, weekend


def _period_kind(freq: str) -> str:
    if freq not in FREQS:
        raise ValueError(f"Tần suất '{freq}' không hợp lệ")
    return freq


def generate(rule: dict, start: dt.date, end: dt.date) -> list[DuePeriod]:
    """Every period of the rule's frequency that overlaps [start, end], in order, with its due date."""
    if end < start:
        return []
    kind = _period_kind(rule.get("freq", ""))
    out: list[DuePeriod] = []
    p = periods.period_containing(start, kind)
    while p.start <= end:
        due, weekend = due_date(rule, p)
        out.append(DuePeriod(p, due, weekend))
        p = periods.period_containing(p.end + dt.timedelta(days=1), kind)
    return out


def describe(rule: dict) -> str:
    """A Vietnamese sentence for the rule: 'Hằng quý, chậm nhất ngày 12 của tháng cuối quý'."""
    freq = rule.get("freq")
    label = FREQ_LABELS.get(freq, freq or "")
    day, which = rule.get("day"), rule.get("month")
    noun = {"quarter": "quý", "half": "kỳ", "year": "năm", "month": "tháng"}.get(freq, "kỳ")
    if day is None and which in (None, "last"):
        tail = f"chậm nhất ngày cuối cùng của {noun}"
    elif which in (None, "last"):
        tail = f"chậm nhất ngày {day} của tháng cuối {noun}" if freq != "month" else f"chậm nhất ngày {day}"
    elif which == "first":
        tail = f"chậm nhất ngày {day} của tháng đầu {noun}"
    elif which == "next":
        tail = f"chậm nhất ngày {day} của tháng sau {noun}" if day else "trong tháng sau kỳ báo cáo"
    else:
        tail = f"chậm nhất ngày {day}/{int(which)}" if day else f"trong tháng {int(which)}"
    shift = {
        "before": " (lùi về ngày làm việc trước nếu trùng ngày nghỉ)",
        "after": " (dời sang ngày làm việc sau nếu trùng ngày nghỉ)",
    }
    return f"{label}, {tail}{shift.get(rule.get('shift') or 'keep', '')}"


def rules_from_text(text: str) -> list[dict]:
    """Best-effort reading of report frequencies and due days from a sentence.

    "Định kỳ hàng quý (chậm nhất ngày 12 của tháng cuối quý), năm (chậm nhất ngày 12/12)"
    → [{"freq": "quarter", "day": 12, "month": "last"}, {"freq": "year", "day": 12, "month": 12}].
    Unknown wording gives []. Never raises."""
    f = fold(text or "")
    if not f:
        return []
    found: list[tuple[int, str]] = []
    for freq, pat in [
        ("quarter", r"\bquy\b"),
        ("half", r"\b0?6 thang\b|\bsau thang\b|\bban nien\b"),
        ("year", r"\bhang nam\b|\bnam\b(?!\s*\d)|\bcuoi nam\b"),
        ("month", r"\bhang thang\b|\bmoi thang\b"),
    ]:
        m = re.search(pat, f)
        if m:
            found.append((m.start(), freq))
    found.sort()
    rules: list[dict] = []
    for i, (pos, freq) in enumerate(found):
        seg_end = found[i + 1][0] if i + 1 < len(found) else len(f)
        seg = f[pos:seg_end]
        rule: dict = {"freq": freq, "day": None, "month": "last", "shift": "keep"}
        m = re.search(r"(?:ngay|truoc|han|den)\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/|\d)", seg)
        if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[1]) <= 31:
            rule["day"], rule["month"] = int(m[1]), int(m[2])
        else:
            m = re.search(r"ngay (\d{1,2})\b", seg)
            if m and 1 <= int(m[1]) <= 31:
                rule["day"] = int(m[1])
                if re.search(r"thang dau", seg):
                    rule["month"] = "first"
                elif re.search(r"thang (?:sau|tiep theo|ke tiep)", seg):
                    rule["month"] = "next"
        if freq == "half" and rule["day"] is not None and rule["month"] not in ("last", "first", "next"):
            rule["month"] = "last"
        rules.append(rule)
    return rules


def deadline_from_text(text: str) -> dict | None:
    """A task deadline from wording: a date, a month, or a recurrence.

    → {"kind": "date", "date": date} | {"kind": "month", "date": last day, "month": "2018-06"}
      | {"kind": "recurrence", "rule": {...}} | None."""
    f = fold(text or "")
    m = re.search(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", f)
    if m:
        try:
            return {"kind": "date", "date": dt.date(int(m[3]), int(m[2]), int(m[1]))}
        except ValueError:
            pass
    m = re.search(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})", f)
    if m:
        try:
            return {"kind": "date", "date": dt.date(int(m[3]), int(m[2]), int(m[1]))}
        except ValueError:
            pass
    m = re.search(r"thang (\d{1,2})\s*/\s*(\d{4})|thang (\d{1,2}) nam (\d{4})", f)
    if m:
        mo, y = int(m[1] or m[3]), int(m[2] or m[4])
        if 1 <= mo <= 12:
            p = periods.month(y, mo)
            return {"kind": "month", "date": p.end, "month": p.code}
    rules = rules_from_text(text)
    if rules and re.search(r"\b(hang|hằng|moi|dinh ky|thuong xuyen)\b|\bquy\b", f):
        return {"kind": "recurrence", "rule": rules[0]}
    m = re.search(r"(?:quy\s+(i{1,3}|iv|[1-4]))\s*/?\s*(?:nam\s*)?(\d{4})", f)
    if m:
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m[1], None) or int(m[1])
        return {"kind": "date", "date": periods.quarter(int(m[2]), q).end}
    return None


def next_occurrence(rule: dict, after: dt.date) -> DuePeriod:
    """The first period under `rule` whose due date is on or after `after`."""
    kind = _period_kind(rule.get("freq", ""))
    p = periods.period_containing(after, kind).previous()
    for _ in range(40):
        due, weekend = due_date(rule, p)
        if due >= after:
            return DuePeriod(p, due, weekend)
        p = periods.period_containing(p.end + dt.timedelta(days=1), kind)
    raise ValueError("no occurrence")  # pragma: no cover
