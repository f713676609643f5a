"""Reporting periods: '2025', '2025-H1', '2025-Q3', '2025-07' ↔ date ranges (end inclusive)."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_RE = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<m>\d{1,2})))?$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    code: str
    kind: str  # year | half | quarter | month

    @property
    def label_vi(self) -> str:
        y = self.start.year
        if self.kind == "year":
            return f"Năm {y}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
        if self.kind == "quarter":
            return f"Quý {('I', 'II', 'III', 'IV')[(self.start.month - 1) // 3]}/{y}"
        return f"Tháng {self.start.month:02d}/{y}"

    def previous(self) -> "Period":
        return period_containing(self.start - dt.timedelta(days=1), self.kind)

    def months(self) -> list["Period"]:
        out, d = [], self.start
        while d <= self.end:
            out.append(month(d.year, d.month))
            d = out[-1].end + dt.timedelta(days=1)
        return out


def month(year: int, m: int) -> Period:
    last = calendar.monthrange(year, m)[1]
    return Period(dt.date(year, m, 1), dt.date(year, m, last), f"{year}-{m:02d}", "month")


def quarter(year: int, q: int) -> Period:
    m0 = 3 * (q - 1) + 1
    return Period(dt.date(year, m0, 1), month(year, m0 + 2).end, f"{year}-Q{q}", "quarter")


def half(year: int, h: int) -> Period:
    return Period(
        dt.date(year, 1 if h == 1 else 7, 1),
        dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31),
        f"{year}-H{h}",
        "half",
    )


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y), "year")


def parse(code: str) -> Period:
    """Parse a period code; raises ValueError with a Vietnamese message."""
    m = _RE.match((code or "").strip())
    if not m:
        raise ValueError(f"Kỳ '{code}' không hợp lệ (dùng 2025, 2025-H1, 2025-Q3 hoặc 2025-07)")
    y = int(m["y"])
    if m["q"]:
        return quarter(y, int(m["q"][1]))
    if m["h"]:
        return half(y, int(m["h"][1]))
    if m["m"]:
        mo = int(m["m"])
        if not 1 <= mo <= 12:
            raise ValueError(f"Kỳ '{code}': tháng {mo} không hợp lệ")
        return month(y, mo)
    return year(y)


def period_containing(day: dt.date, kind: str) -> Period:
    if kind == "year":
        return year(day.year)
    if kind == "half":
        return half(day.year, 1 if day.month <= 6 else 2)
    if kind == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "month":
        return month(day.year, day.month)
    raise ValueError(f"unknown period kind {kind!r}")
