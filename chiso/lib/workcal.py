"""The Vietnamese working-day calendar used to compute and judge dossier due dates.

Times
    Every datetime is a *naive local time* in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
    An aware datetime is converted to UTC+7 and its tzinfo dropped. The numpy forms take and
    return ``datetime64[s]`` arrays holding the same local wall-clock times (sub-second parts
    are truncated). Days are handled from 1990 to 2100.

Days
    A day is a working day unless it is a weekend day (Saturday and Sunday by default), a
    public holiday of the Labour Code 2019 art. 112 (1/1; Tết Nguyên đán; Giỗ Tổ Hùng Vương
    10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day) or a compensatory day off. Lunar holidays
    are computed for any year by the pinned ``holidays`` package (country "VN"), which also
    knows the observed days (a holiday falling on a weekend is taken on the next working day)
    and the bridge-day swaps the government announced (e.g. 02/05/2025 off, worked on
    Saturday 26/04/2025) — those Saturdays are working days here.
    The office's overrides come last and win: ``make_up_days`` are working days even on a
    weekend or holiday (*ngày làm bù*); ``extra_days_off`` are days off. A date may not be in
    both lists.

Working hours
    ``hours`` lists the sessions of a working day, default 07:30–11:30 and 13:00–17:00, i.e.
    8 working hours per working day. A working day is worth ``hours per day`` of working time.

Convention for due dates (``add``), identical in every function, scalar and vectorised
    1. Cut-off: a dossier received outside working hours (after closing, during the lunch
       break, on a day off) counts from the next working start (``next_working_start``).
    2. ``working_days``: N working days are N × (hours per day) of working time counted from
       that start, so the due time keeps the clock time of reception, N working days later —
       the appointment printed on the receipt (Mẫu 01, "hẹn trả ... giờ ... phút, ngày ...").
       Received Mon 09:15 + 3 working days → Thu 09:15; received Fri 16:45 + 1 → Mon 16:45;
       received Fri 17:30 (after closing) + 1 → counted from Mon 07:30 → Mon 17:00.
       Fractions are allowed (0.5 day = 4 h). Working time that runs out exactly at the end
       of a session ends there (11:30 or 17:00), never at the next opening, so a due date is
       always a working day between opening and closing (closing instant included).
       With ``due_at_close=True`` the due time is moved to the close (17:00) of that day,
       i.e. "end of the N-th working day after the day of reception".
    3. ``working_hours``: the same with hours.
    4. ``calendar_days``: start = ``next_working_start(received)``; due = start + N days at
       the same clock time; only if that day is a day off does it roll forward to the next
       working day (same clock time).
    5. ``months``: same day of the month N months after the start (clamped to the last day of
       a shorter month), same clock time, rolled forward like calendar days.
    Amount 0 gives ``next_working_start(received)``. Negative amounts are refused; calendar
    days and months must be whole numbers.

Counting (``working_time_between``)
    The working time in [start, end] minus the union of the pauses (supplement requests:
    time with the citizen), never negative; 0 when end ≤ start. ``add`` and
    ``working_time_between`` are exact inverses: ``working_time_between(s, add(s, x, u)) == x``
    for working units.

Usage
    cal = WorkCalendar(years=range(2024, 2027), extra_days_off={date(2025, 12, 31): "…"},
                       make_up_days=[date(2025, 12, 27)])
    cal.add(datetime(2026, 2, 13, 16, 45), 5, "working_days")        # → 27/02/2026 16:45
    cal.working_days_between(received, finished, pauses=[(asked, answered)])
    cal.add_np(received_s, limits, unit_codes)                         # datetime64[s] arrays
    cal.working_seconds_between_np(received_s, end_s, pause_rows, pause_starts, pause_ends)
    cal.days_off(2025), cal.make_up_days(2025)                         # for the calendar page

Implementation: each instant t maps to a *working-time position* P(t) = W × (working days
before its day) + working seconds already elapsed on its day, W = working seconds per day.
P is non-decreasing; counting is P(end) − P(start) and adding inverts P. The table of working
days is built once for the years in use (and extended on demand), so the numpy forms run
without a Python loop per row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from chiso.lib.vntext import fold

__all__ = [
    "CALENDAR_DAYS",
    "DEFAULT_HOURS",
    "MONTHS",
    "UNITS",
    "UNIT_CODES",
    "UNIT_LABELS_VI",
    "WORKING_DAYS",
    "WORKING_HOURS",
    "WorkCalendar",
    "normalize_unit",
    "unit_codes",
]

VN_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")
DEFAULT_HOURS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(7, 30), dt.time(11, 30)),
    (dt.time(13, 0), dt.time(17, 0)),
)
MIN_YEAR, MAX_YEAR = 1990, 2100

UNITS = ("working_days", "working_hours", "calendar_days", "months")
UNIT_CODES = {u: i for i, u in enumerate(UNITS)}
WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS, MONTHS = range(4)
UNIT_LABELS_VI = {
    "working_days": "ngày làm việc",
    "working_hours": "giờ làm việc",
    "calendar_days": "ngày",
    "months": "tháng",
}
# Folded spellings found in procedure catalogues. The national procedure database writes
# "Ngày làm việc" for working days and plain "Ngày" for calendar days.
_ALIASES = {
    "working_days": "working_days",
    "working_day": "working_days",
    "ngay lam viec": "working_days",
    "ngay lv": "working_days",
    "working_hours": "working_hours",
    "working_hour": "working_hours",
    "hours": "working_hours",
    "gio": "working_hours",
    "gio lam viec": "working_hours",
    "calendar_days": "calendar_days",
    "calendar_day": "calendar_days",
    "days": "calendar_days",
    "ngay": "calendar_days",
    "ngay lich": "calendar_days",
    "months": "months",
    "month": "months",
    "thang": "months",
}

_EPOCH_ORD = dt.date(1970, 1, 1).toordinal()
_DAY = 86400
_US = 1_000_000
_SWAP_RE = re.compile(r"làm bù ngày (\d{2})/(\d{2})/(\d{4})")
_NAME_FIXES = (
    ("Tết Nguyên Đán", "Tết Nguyên đán"),
    ("29 Tết", "Nghỉ Tết Nguyên đán (trước Giao thừa)"),
    ("Ngày nghỉ (thay cho ngày", "Nghỉ hoán đổi (làm bù ngày"),
)


def normalize_unit(unit: str) -> str:
    """'Ngày làm việc' → 'working_days', 'giờ' → 'working_hours', 'Ngày' → 'calendar_days', 'tháng' → 'months'."""
    key = fold(str(unit)).replace("_", " ").strip()
    found = _ALIASES.get(key) or _ALIASES.get(key.replace(" ", "_"))
    if not found:
        raise ValueError(
            f"Đơn vị thời hạn không hợp lệ: {unit!r} (dùng ngày làm việc, giờ làm việc, ngày hoặc tháng)"
        )
    return found


def unit_codes(units) -> np.ndarray:
    """An array of unit names (any spelling accepted by normalize_unit) or codes → uint8 codes."""
    arr = np.asarray(units)
    if arr.dtype.kind == "f" and np.isfinite(arr).all() and (arr == np.floor(arr)).all():
        arr = arr.astype(np.int64)
    if arr.dtype.kind in "iu":
        if arr.size and (arr.min() < 0 or arr.max() > 3):
            raise ValueError("Mã đơn vị thời hạn phải từ 0 đến 3")
        return arr.astype(np.uint8)
    values, inverse = np.unique(arr.astype(str), return_inverse=True)
    codes = np.array([UNIT_CODES[normalize_unit(v)] for v in values], dtype=np.uint8)
    return codes[inverse].reshape(arr.shape)


@lru_cache(maxsize=256)
def _package_year(year: int) -> dict[dt.date, str]:
    """Public holidays of one year from the `holidays` package, Vietnamese names."""
    import holidays

    out = {}
    for day, name in holidays.country_holidays("VN", years=year, language="vi").items():
        for old, new in _NAME_FIXES:
            name = name.replace(old, new)
        out[day] = name
    return out


@lru_cache(maxsize=256)
def _package_make_up(year: int) -> dict[dt.date, str]:
    """Saturdays worked in exchange for a bridge day off that the package knows, for one year."""
    out = {}
    for y in (year - 1, year, year + 1):
        for off, name in _package_year(y).items():
            m = _SWAP_RE.search(name)
            if m:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                if d.year == year:
                    out[d] = f"Ngày làm bù (cho ngày nghỉ {off:%d/%m/%Y})"
    return out


def _as_dict(days, default_name: str) -> dict[dt.date, str]:
    if isinstance(days, Mapping):
        items = days.items()
    else:
        items = ((d, None) for d in days)
    out = {}
    for d, name in items:
        if isinstance(d, dt.datetime):
            d = d.date()
        elif isinstance(d, str):
            try:
                d = dt.date.fromisoformat(d.strip())
            except ValueError:
                raise ValueError(f"Ngày không hợp lệ: {d!r} (cần dạng yyyy-mm-dd)")
        if not isinstance(d, dt.date):
            raise TypeError(f"Ngày không hợp lệ: {d!r}")
        out[d] = name or default_name
    return out


def _to_time(x) -> dt.time:
    if isinstance(x, dt.time):
        return x
    h, m = str(x).split(":")[:2]
    return dt.time(int(h), int(m))


def _naive(t) -> dt.datetime:
    if isinstance(t, dt.datetime):
        if t.tzinfo is not None:
            t = t.astimezone(VN_TZ).replace(tzinfo=None)
        return t
    if isinstance(t, dt.date):
        return dt.datetime(t.year, t.month, t.day)
    raise TypeError(f"Cần một ngày giờ, nhận được {t!r}")


def _as_seconds(a) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(a))
    if arr.dtype.kind != "M":
        arr = arr.astype("datetime64[s]")
    return arr.astype("datetime64[s]").view(np.int64)


_NAT = np.iinfo(np.int64).min


@lru_cache(maxsize=16)
def _luts(secs: tuple[tuple[int, int], ...]) -> tuple[np.ndarray, np.ndarray]:
    """Lookup tables for the numpy engine, for sessions given in seconds of the day.

    elapsed[sod]: working seconds elapsed that day at second-of-day sod;
    clock[side, o]: clock second at working offset o in [0, W] — side 0 is where work resumes
    (the start of the next session at a boundary), side 1 where it stops (the end of a session)."""
    sod = np.arange(_DAY, dtype=np.int64)
    elapsed = np.zeros(_DAY, dtype=np.int64)
    for a, b in secs:
        elapsed += np.clip(sod - a, 0, b - a)
    lens = np.array([b - a for a, b in secs], dtype=np.int64)
    o = np.arange(int(lens.sum()) + 1, dtype=np.int64)
    cum_end = np.cumsum(lens)
    starts = np.array([a for a, _ in secs], dtype=np.int64)
    clock = np.empty((2, len(o)), dtype=np.int64)
    for row, side in ((0, "right"), (1, "left")):
        k = np.minimum(np.searchsorted(cum_end, o, side=side), len(secs) - 1)
        clock[row] = starts[k] + o - (cum_end[k] - lens[k])
    elapsed.flags.writeable = False
    clock.flags.writeable = False
    return elapsed, clock


class _Extend(Exception):
    def __init__(self, lo_day: int, hi_day: int):
        self.lo_day, self.hi_day = lo_day, hi_day


@dataclass(frozen=True)
class _Table:
    """Per-day arrays over [origin, origin + n) in epoch days (days since 1970-01-01)."""

    origin: int
    n: int
    work: np.ndarray  # int64 0/1 per day
    cnt: np.ndarray  # int64, n+1: working days before day i
    base: np.ndarray  # int64, n: cnt × working seconds per day
    wd: np.ndarray  # int64 epoch day of each working day, ascending
    wd_sec: np.ndarray  # the same in seconds since the epoch
    next_wd: np.ndarray  # int64, n: epoch day of the first working day >= day i (-1 when beyond table)
    work_l: list
    cnt_l: list
    wd_l: list


class WorkCalendar:
    """Working days and hours of a Vietnamese state office (see the module docstring)."""

    def __init__(
        self,
        years: Iterable[int] | None = None,
        extra_days_off: Iterable[dt.date] | Mapping[dt.date, str] = (),
        make_up_days: Iterable[dt.date] | Mapping[dt.date, str] = (),
        hours: Sequence[tuple[dt.time, dt.time]] = DEFAULT_HOURS,
        weekend: Iterable[int] = (5, 6),
        due_at_close: bool = False,
    ):
        sessions = sorted((_to_time(a), _to_time(b)) for a, b in hours)
        if not sessions:
            raise ValueError("Cần ít nhất một buổi làm việc")
        prev_end = -1
        secs = []
        for a, b in sessions:
            s = a.hour * 3600 + a.minute * 60 + a.second
            e = b.hour * 3600 + b.minute * 60 + b.second
            if e <= s:
                raise ValueError(f"Buổi làm việc {a:%H:%M}–{b:%H:%M}: giờ kết thúc phải sau giờ bắt đầu")
            if s < prev_end:
                raise ValueError("Các buổi làm việc không được chồng lên nhau")
            prev_end = e
            secs.append((s, e))
        self.hours = tuple(sessions)
        self._sess = tuple(secs)
        self.seconds_per_day = sum(e - s for s, e in secs)
        self._elapsed_lut, self._clock_lut = _luts(self._sess)
        self._close = secs[-1][1]
        self.weekend = frozenset(int(w) for w in weekend)
        if not self.weekend <= set(range(7)) or len(self.weekend) == 7:
            raise ValueError(
                "Ngày nghỉ hằng tuần phải là các số 0 (thứ Hai) đến 6 (Chủ nhật), không thể nghỉ cả tuần"
            )
        self._extra_off = _as_dict(extra_days_off, "Ngày nghỉ theo quyết định của cơ quan")
        self._make_up = _as_dict(make_up_days, "Ngày làm bù theo quyết định của cơ quan")
        both = sorted(set(self._extra_off) & set(self._make_up))
        if both:
            days = ", ".join(f"{d:%d/%m/%Y}" for d in both)
            raise ValueError(f"Ngày vừa là ngày nghỉ vừa là ngày làm bù: {days}")
        self.due_at_close = bool(due_at_close)
        years = sorted(set(int(y) for y in years)) if years is not None else []
        if years:
            lo, hi = years[0], years[-1]
        else:
            this = dt.date.today().year
            lo, hi = this - 3, this + 2
        self._check_years(lo, hi)
        self._tab = self._build(lo, hi)

    # ------------------------------------------------------------------ days

    @property
    def hours_per_day(self) -> float:
        return self.seconds_per_day / 3600

    def is_working_day(self, d: dt.date) -> bool:
        if isinstance(d, dt.datetime):
            d = _naive(d).date()
        if d in self._make_up:
            return True
        if d in self._extra_off:
            return False
        if d in _package_make_up(d.year):
            return True
        if d in _package_year(d.year):
            return False
        return d.weekday() not in self.weekend

    def day_name(self, d: dt.date) -> str | None:
        """Why a day is special: holiday / override name, or None for an ordinary day."""
        for table in (self._make_up, self._extra_off, _package_make_up(d.year), _package_year(d.year)):
            if d in table:
                return table[d]
        return None

    def days_off(self, year: int) -> list[tuple[dt.date, str]]:
        """Named days off of a year (holidays, observed and swapped days, office days off), sorted.

        Ordinary weekends are not listed; a holiday falling on a weekend is."""
        out = {}
        for d, name in _package_year(year).items():
            if not self.is_working_day(d):
                out[d] = name
        for d, name in self._extra_off.items():
            if d.year == year:
                out[d] = name
        return sorted(out.items())

    def make_up_days(self, year: int) -> list[tuple[dt.date, str]]:
        """Working days that would otherwise be off (make-up Saturdays), sorted."""
        out = {}
        for d, name in _package_make_up(year).items():
            if self.is_working_day(d):
                out[d] = name
        for d, name in self._make_up.items():
            if d.year == year and (d.weekday() in self.weekend or d in _package_year(year)):
                out[d] = name
        return sorted(out.items())

    def working_days_in(self, start: dt.date, end: dt.date) -> int:
        """Number of working days in [start, end] (inclusive)."""
        if end < start:
            return 0
        a, b = start.toordinal() - _EPOCH_ORD, end.toordinal() - _EPOCH_ORD
        tab = self._table(a, b + 1)
        return int(tab.cnt[b + 1 - tab.origin] - tab.cnt[a - tab.origin])

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day on or after d."""
        e = d.toordinal() - _EPOCH_ORD
        while True:
            tab = self._table(e, e + 40)
            nxt = int(tab.next_wd[e - tab.origin])
            if nxt >= 0:
                return dt.date.fromordinal(nxt + _EPOCH_ORD)
            self._tab = self._build_days(tab.origin, tab.origin + tab.n + 400)

    # ----------------------------------------------------------------- table

    @staticmethod
    def _check_years(lo: int, hi: int) -> None:
        if lo < MIN_YEAR or hi > MAX_YEAR:
            raise ValueError(f"Lịch làm việc chỉ hỗ trợ các năm {MIN_YEAR}–{MAX_YEAR}")

    def _build(self, lo_year: int, hi_year: int) -> _Table:
        return self._build_days(
            dt.date(lo_year, 1, 1).toordinal() - _EPOCH_ORD,
            dt.date(hi_year, 12, 31).toordinal() - _EPOCH_ORD + 1,
        )

    def _build_days(self, lo_day: int, hi_day: int) -> _Table:
        """Table covering whole years around epoch days [lo_day, hi_day)."""
        lo_year = dt.date.fromordinal(lo_day + _EPOCH_ORD).year
        hi_year = dt.date.fromordinal(max(hi_day, lo_day + 1) - 1 + _EPOCH_ORD).year
        self._check_years(lo_year, hi_year)
        first = dt.date(lo_year, 1, 1)
        n = (dt.date(hi_year, 12, 31) - first).days + 1
        origin = first.toordinal() - _EPOCH_ORD
        one = dt.timedelta(days=1)
        work_l, d = [], first
        for _ in range(n):
            work_l.append(self.is_working_day(d))
            d += one
        work = np.array(work_l, dtype=np.int64)
        cnt = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(work, out=cnt[1:])
        wd = np.flatnonzero(work).astype(np.int64) + origin
        j = np.searchsorted(wd, np.arange(origin, origin + n, dtype=np.int64), side="left")
        next_wd = np.where(j < len(wd), wd[np.minimum(j, max(len(wd) - 1, 0))], -1)
        base = cnt[:-1] * self.seconds_per_day
        return _Table(origin, n, work, cnt, base, wd, wd * _DAY, next_wd, work_l, cnt.tolist(), wd.tolist())

    def _table(self, lo_day: int, hi_day: int) -> _Table:
        """The table, extended (whole years, with a year's margin) to cover epoch days [lo_day, hi_day)."""
        tab = self._tab
        if lo_day >= tab.origin and hi_day <= tab.origin + tab.n:
            return tab
        lo = min(lo_day, tab.origin)
        hi = max(hi_day, tab.origin + tab.n)
        if lo < tab.origin:
            lo -= 366
        if hi > tab.origin + tab.n:
            hi += 366
        lo = max(lo, dt.date(MIN_YEAR, 1, 1).toordinal() - _EPOCH_ORD)
        hi = min(hi, dt.date(MAX_YEAR, 12, 31).toordinal() - _EPOCH_ORD + 1)
        if lo_day < lo or hi_day > hi:
            raise ValueError(f"Lịch làm việc chỉ hỗ trợ các năm {MIN_YEAR}–{MAX_YEAR}")
        self._tab = tab = self._build_days(lo, hi)
        return tab

    def _run(self, lo_day: int, hi_day: int, fn):
        """Call fn(table) with a table covering [lo_day, hi_day), extending it when fn asks for more."""
        for _ in range(20):
            tab = self._table(lo_day, hi_day)
            try:
                return fn(tab)
            except _Extend as more:
                lo_day, hi_day = min(lo_day, more.lo_day), max(hi_day, more.hi_day)
        raise ValueError("Không tính được hạn trong phạm vi lịch")  # pragma: no cover

    # -------------------------------------------------------- scalar engine

    def _pos(self, tab: _Table, t: dt.datetime) -> int:
        """Working-time position of t in microseconds since the table origin."""
        i = t.toordinal() - _EPOCH_ORD - tab.origin
        if i < 0 or i >= tab.n:
            raise _Extend(t.toordinal() - _EPOCH_ORD, t.toordinal() - _EPOCH_ORD + 1)
        p = tab.cnt_l[i] * self.seconds_per_day * _US
        if tab.work_l[i]:
            sod = ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond
            for s, e in self._sess:
                if sod > s * _US:
                    p += min(sod, e * _US) - s * _US
        return p

    def _at(self, tab: _Table, p: int, end: bool) -> dt.datetime:
        """Inverse of _pos: the instant at working position p (µs).

        end=True: a position at a session boundary is the end of the earlier session (due dates);
        end=False: the start of the next one (where work resumes)."""
        w = self.seconds_per_day * _US
        j = (p - 1) // w if end else p // w
        if j >= len(tab.wd_l):
            last = tab.origin + tab.n
            raise _Extend(last, last + 400)
        o = p - j * w
        clock = None
        acc = 0
        for s, e in self._sess:
            length = (e - s) * _US
            if (o <= acc + length) if end else (o < acc + length):
                clock = s * _US + (o - acc)
                break
            acc += length
        if clock is None:  # pragma: no cover - o is always within the day
            clock = self._close * _US
        day = dt.datetime.fromordinal(tab.wd_l[j] + _EPOCH_ORD)
        return day + dt.timedelta(microseconds=clock)

    def next_working_start(self, t: dt.datetime) -> dt.datetime:
        """t itself if it is inside a working session, else the next opening (cut-off rule).

        A session is half-open: at 11:30 work resumes at 13:00, at 17:00 the next working morning."""
        t = _naive(t)
        d = t.toordinal() - _EPOCH_ORD
        return self._run(d, d + 40, lambda tab: self._at(tab, self._pos(tab, t), end=False))

    def is_working_time(self, t: dt.datetime) -> bool:
        """True when t falls inside a working session [opening, closing) of a working day."""
        return self.next_working_start(t) == _naive(t)

    def _amount_seconds(self, amount, unit: str) -> int:
        if unit == "working_days":
            return int(round(float(amount) * self.seconds_per_day))
        return int(round(float(amount) * 3600))

    def add(self, start: dt.datetime, amount: int | float, unit: str) -> dt.datetime:
        """The due date-time of something received at `start` with a limit of `amount` `unit`.

        unit: working_days | working_hours | calendar_days | months (or a Vietnamese spelling, see
        normalize_unit). Convention (details in the module docstring):
        - received outside working hours → counted from the next working start (cut-off);
        - working_days / working_hours: that much working time later (1 day = hours per day), so
          the clock time of reception is kept: Mon 09:15 + 3 → Thu 09:15; Fri 17:30 + 1 → Mon 17:00;
          with due_at_close=True, the close of that day (end of the N-th working day after reception);
        - calendar_days / months: same clock time N days / months after the start, rolled forward to
          the next working day only when that day is off;
        - amount 0 → next_working_start(start)."""
        unit = normalize_unit(unit) if unit not in UNIT_CODES else unit
        start = _naive(start)
        amount = float(amount)
        if not np.isfinite(amount) or amount < 0:
            raise ValueError(f"Thời hạn không hợp lệ: {amount}")
        d0 = start.toordinal() - _EPOCH_ORD
        if unit in ("working_days", "working_hours"):
            secs = self._amount_seconds(amount, unit)
            span = int(secs / self.seconds_per_day * 1.6) + 30

            def run(tab):
                p = self._pos(tab, start)
                if secs == 0:
                    return self._at(tab, p, end=False)
                q = p + secs * _US
                if self.due_at_close:
                    w = self.seconds_per_day * _US
                    q = -(-q // w) * w
                return self._at(tab, q, end=True)

            return self._run(d0, d0 + span, run)
        if amount != int(amount):
            raise ValueError(f"Thời hạn tính theo {UNIT_LABELS_VI[unit]} phải là số nguyên: {amount}")
        n = int(amount)
        s = self.next_working_start(start)
        if unit == "calendar_days":
            due = s + dt.timedelta(days=n)
        else:
            m = s.month - 1 + n
            y, m = s.year + m // 12, m % 12 + 1
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            last = (nxt - dt.timedelta(days=1)).day
            due = s.replace(year=y, month=m, day=min(s.day, last))
        if n == 0:
            return s
        day = self.next_working_day(due.date())
        due = dt.datetime.combine(day, due.time())
        if self.due_at_close:
            due = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=self._close)
        return due

    def working_time_between(
        self,
        start: dt.datetime,
        end: dt.datetime,
        pauses: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    ) -> dt.timedelta:
        """Working time in [start, end] minus the union of the pauses; never negative."""
        start, end = _naive(start), _naive(end)
        if end <= start:
            return dt.timedelta(0)
        pauses = [(_naive(a), _naive(b)) for a, b in pauses]
        days = [start, end, *(x for p in pauses for x in p)]
        lo = min(x.toordinal() for x in days) - _EPOCH_ORD
        hi = max(x.toordinal() for x in days) - _EPOCH_ORD + 1

        def run(tab):
            ps, pe = self._pos(tab, start), self._pos(tab, end)
            total = pe - ps
            cur = ps
            for a, b in sorted((self._pos(tab, a), self._pos(tab, b)) for a, b in pauses):
                a, b = max(a, cur), min(b, pe)
                if b > a:
                    total -= b - a
                    cur = b
            return max(total, 0)

        return dt.timedelta(microseconds=self._run(lo, hi, run))

    def working_days_between(self, start: dt.datetime, end: dt.datetime, pauses=()) -> float:
        """working_time_between in working days (working hours / hours per day)."""
        td = self.working_time_between(start, end, pauses)
        return td / dt.timedelta(seconds=self.seconds_per_day)

    # ------------------------------------------------------- vector engine

    def _pos_np(self, tab: _Table, sec: np.ndarray) -> np.ndarray:
        day = sec // _DAY
        sod = sec - day * _DAY
        day -= tab.origin
        if day.size and (day.min() < 0 or day.max() >= tab.n):
            raise _Extend(int(day.min()) + tab.origin, int(day.max()) + tab.origin + 1)
        return tab.base[day] + self._elapsed_lut[sod] * tab.work[day]

    def _at_np(self, tab: _Table, p: np.ndarray, end) -> np.ndarray:
        """Vectorised _at; `end` is a bool or a bool array."""
        w = self.seconds_per_day
        e = np.asarray(end, dtype=np.int64)
        j = (p - e) // w
        if j.size and j.max() >= len(tab.wd):
            last = tab.origin + tab.n
            raise _Extend(last, last + 400 + int((j.max() - len(tab.wd)) * 1.6))
        o = p - j * w
        clock = self._clock_lut[e, o] if e.ndim else self._clock_lut[int(e)][o]
        return tab.wd_sec[j] + clock

    def _valid(self, sec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        bad = sec == _NAT
        if bad.any():
            sec = np.where(bad, int(sec[~bad][0]) if (~bad).any() else 0, sec)
        return sec, bad

    def next_working_start_np(self, times: np.ndarray) -> np.ndarray:
        sec, bad = self._valid(_as_seconds(times))
        if sec.size == 0:
            return sec.astype("datetime64[s]")
        lo, hi = int(sec.min() // _DAY), int(sec.max() // _DAY) + 40
        out = self._run(lo, hi, lambda tab: self._at_np(tab, self._pos_np(tab, sec), False))
        out[bad] = _NAT
        return out.view("datetime64[s]")

    def add_np(self, starts: np.ndarray, amounts, unit) -> np.ndarray:
        """Vectorised add: datetime64 starts, per-row amounts (or one amount), and one unit or an
        array of unit codes (0 working_days, 1 working_hours, 2 calendar_days, 3 months; names are
        accepted too). NaT starts and NaN amounts give NaT. Returns datetime64[s]."""
        sec, bad = self._valid(_as_seconds(starts))
        amt = np.asarray(amounts, dtype=np.float64)
        if amt.shape != sec.shape:
            amt = np.broadcast_to(amt, sec.shape)
        if isinstance(unit, str):
            code = UNIT_CODES[unit] if unit in UNIT_CODES else UNIT_CODES[normalize_unit(unit)]
            codes = None
        else:
            codes = unit_codes(unit)
            if codes.shape != sec.shape:
                codes = np.broadcast_to(codes, sec.shape)
            code = int(codes[0]) if codes.size and (codes == codes[0]).all() else None
        nan = np.isnan(amt)
        if nan.any():
            bad = bad | nan
            amt = np.where(nan, 0.0, amt)
        if sec.size == 0:
            return sec.view("datetime64[s]")
        if not np.isfinite(amt).all() or (amt < 0).any():
            raise ValueError("Thời hạn không hợp lệ (âm hoặc vô hạn)")
        if code is not None:
            out = self._add_one_unit(sec, amt, code)
        else:
            out = np.empty_like(sec)
            for c in range(4):
                mask = codes == c
                if mask.any():
                    out[mask] = self._add_one_unit(sec[mask], amt[mask], c)
        if bad.any():
            out[bad] = _NAT
        return out.view("datetime64[s]")

    def _add_one_unit(self, sec: np.ndarray, amt: np.ndarray, code: int) -> np.ndarray:
        w = self.seconds_per_day
        lo = int(sec.min() // _DAY)
        top = float(amt.max())
        if code >= CALENDAR_DAYS:
            if (amt != np.floor(amt)).any():
                raise ValueError("Thời hạn tính theo ngày hoặc tháng phải là số nguyên")
            n = amt.astype(np.int64)
            span = top * (31 if code == MONTHS else 1) + 40
        else:
            per = w if code == WORKING_DAYS else 3600
            secs = np.rint(amt * per).astype(np.int64)
            span = top * per / w * 1.6 + 40
        hi = int(sec.max() // _DAY) + int(span)

        def run(tab):
            p = self._pos_np(tab, sec)
            if code < CALENDAR_DAYS:
                q = p + secs
                if self.due_at_close:
                    q = -(-q // w) * w
                zero = secs == 0
                if zero.any():
                    return self._at_np(tab, np.where(zero, p, q), ~zero)
                return self._at_np(tab, q, True)
            s = self._at_np(tab, p, False)  # next working start
            sday = s // _DAY
            clock = s - sday * _DAY
            if code == CALENDAR_DAYS:
                days = sday + n
            else:
                d = sday.astype("datetime64[D]")
                mon = d.astype("datetime64[M]")
                dom = (d - mon.astype("datetime64[D]")).astype(np.int64)
                target = mon + n
                first = target.astype("datetime64[D]")
                mlen = ((target + 1).astype("datetime64[D]") - first).astype(np.int64)
                days = first.astype(np.int64) + np.minimum(dom, mlen - 1)
            i = days - tab.origin
            if i.max() >= tab.n:
                raise _Extend(int(days.min()), int(days.max()) + 400)
            rolled = tab.next_wd[i]
            if (rolled < 0).any():
                raise _Extend(int(days.min()), int(days.max()) + 400)
            if self.due_at_close:
                clock = self._close
            return np.where(n == 0, s, rolled * _DAY + clock)

        return self._run(lo, hi, run)

    def working_seconds_between_np(
        self,
        starts: np.ndarray,
        ends: np.ndarray,
        pause_rows: np.ndarray | None = None,
        pause_starts: np.ndarray | None = None,
        pause_ends: np.ndarray | None = None,
    ) -> np.ndarray:
        """Working seconds in [start, end] per row (int64, never negative).

        Pauses (any number per row, possibly overlapping) are given as three aligned arrays:
        the row index each pause belongs to, its start and its end; the union of a row's pauses
        clipped to [start, end] is subtracted. NaT anywhere raises ValueError (substitute the
        period end for open dossiers before calling)."""
        s = _as_seconds(starts)
        e = _as_seconds(ends)
        s, e = np.broadcast_arrays(s, e)
        if (s == _NAT).any() or (e == _NAT).any():
            raise ValueError("Thiếu ngày giờ (NaT) trong dữ liệu tính thời gian làm việc")
        if s.size == 0:
            return np.zeros(s.shape, dtype=np.int64)
        have_pauses = pause_rows is not None and len(pause_rows)
        if have_pauses:
            r = np.asarray(pause_rows, dtype=np.int64)
            a = _as_seconds(pause_starts)
            b = _as_seconds(pause_ends)
            if (a == _NAT).any() or (b == _NAT).any():
                raise ValueError("Thiếu ngày giờ (NaT) trong thời gian tạm dừng")
            if r.min() < 0 or r.max() >= s.shape[0]:
                raise ValueError("Chỉ số dòng của thời gian tạm dừng không hợp lệ")
            parts = (s, e, a, b)
        else:
            parts = (s, e)
        lo = int(min(x.min() for x in parts) // _DAY)
        hi = int(max(x.max() for x in parts) // _DAY) + 1

        def run(tab):
            ps, pe = self._pos_np(tab, s), self._pos_np(tab, e)
            pe = np.maximum(pe, ps)
            total = pe - ps
            if not have_pauses:
                return total
            pa = np.maximum(self._pos_np(tab, a), ps[r])
            pb = np.minimum(self._pos_np(tab, b), pe[r])
            pb = np.maximum(pb, pa)
            order = np.lexsort((pa, r))
            rr, pa, pb = r[order], pa[order], pb[order]
            big = np.int64(1) << 32  # > any position (111 years × 86,400 s < 2^32), rows < 2^31
            running = np.maximum.accumulate(rr * big + pb)
            prev = np.empty_like(running)
            prev[0] = -1
            prev[1:] = running[:-1]
            same = (prev >= 0) & (prev // big == rr)
            start_eff = np.where(same, np.maximum(pa, prev - rr * big), pa)
            covered = np.maximum(pb - start_eff, 0)
            sub = np.bincount(rr, weights=covered, minlength=s.shape[0]).astype(np.int64)
            return np.maximum(total - sub, 0)

        return self._run(lo, hi, run)

    def working_days_between_np(self, starts, ends, pause_rows=None, pause_starts=None, pause_ends=None):
        """working_seconds_between_np in working days (float64)."""
        secs = self.working_seconds_between_np(starts, ends, pause_rows, pause_starts, pause_ends)
        return secs / self.seconds_per_day
