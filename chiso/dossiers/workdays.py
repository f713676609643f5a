"""The working-day calendar built from the office's stored overrides (CalendarYear rows).

The arithmetic is `chiso.lib.workcal.WorkCalendar` (plain Python + numpy); this module only
feeds it the data: days off beyond the Labour Code, make-up working days and working hours.
Working hours are one setting for the calendar: those of the latest year that defines them.
"""

import datetime as dt

from chiso.dossiers.models import CalendarYear

DEFAULT_HOURS = [("07:30", "11:30"), ("13:00", "17:00")]
_cache: dict = {}


def _time(text: str) -> dt.time:
    h, m = text.strip().split(":")[:2]
    return dt.time(int(h), int(m))


def parse_hours(pairs) -> list[tuple[dt.time, dt.time]]:
    return [(_time(a), _time(b)) for a, b in (pairs or DEFAULT_HOURS)]


def _stamp():
    last = CalendarYear.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return (CalendarYear.objects.count(), last)


def calendar(years=None):
    """A WorkCalendar covering `years` (default: 2015 … next year) with the stored overrides."""
    from chiso.lib.workcal import WorkCalendar

    this = dt.date.today().year
    years = tuple(sorted(set(years or range(2015, this + 2))))
    years = tuple(range(min(years[0], 2015), max(years[-1], this + 1) + 1))
    key = (years, _stamp())
    cal = _cache.get(key)
    if cal is None:
        off, make_up, hours = [], [], None
        for row in CalendarYear.objects.order_by("year"):
            off += [dt.date.fromisoformat(d) for d in row.extra_days_off]
            make_up += [dt.date.fromisoformat(d) for d in row.make_up_days]
            if row.hours:
                hours = row.hours
        cal = WorkCalendar(years, off, make_up, parse_hours(hours))
        _cache.clear()
        _cache[key] = cal
    return cal


def effective_hours() -> list[tuple[dt.time, dt.time]]:
    """The working hours in force: those of the latest year that sets them, else the default."""
    row = CalendarYear.objects.exclude(hours=[]).order_by("-year").first()
    return parse_hours(row.hours if row else None)


def hours_per_day(cal=None) -> float:
    pairs = effective_hours()
    return sum((b.hour * 60 + b.minute - a.hour * 60 - a.minute) for a, b in pairs) / 60.0
