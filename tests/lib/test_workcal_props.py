"""Property tests of the working-day calendar (hypothesis), checked against a day-by-day oracle."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chiso.lib.workcal import UNITS, WorkCalendar

D = dt.datetime
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

CAL = WorkCalendar(years=range(2019, 2029))
# an office that works some Saturdays and closes on some weekdays
OFFICE = WorkCalendar(
    years=range(2019, 2029),
    make_up_days=[dt.date(2025, 3, 8), dt.date(2025, 6, 14), dt.date(2026, 1, 10), dt.date(2025, 2, 1)],
    extra_days_off=[dt.date(2025, 3, 10), dt.date(2025, 12, 31)],
    hours=[("07:00", "11:00"), ("13:30", "17:30")],
)
CALS = st.sampled_from([CAL, OFFICE])

instants = st.datetimes(min_value=D(2019, 1, 1), max_value=D(2027, 6, 30)).map(
    lambda t: t.replace(microsecond=0)
)
# instants that are often exactly on a session boundary
boundary = st.builds(
    lambda day, hm: D.combine(day, dt.time(*hm)),
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 6, 30)),
    st.sampled_from(
        [(7, 0), (7, 30), (11, 0), (11, 30), (12, 0), (13, 0), (13, 30), (17, 0), (17, 30), (23, 59)]
    ),
)
any_instant = st.one_of(instants, boundary)
# a second instant near the first (the oracle walks day by day), sometimes before it
spans = st.one_of(
    st.timedeltas(min_value=dt.timedelta(days=-3), max_value=dt.timedelta(days=120)),
    st.integers(-2, 60).map(lambda n: dt.timedelta(days=n)),
    st.integers(0, 24 * 12).map(lambda n: dt.timedelta(minutes=30 * n)),
).map(lambda td: td - dt.timedelta(microseconds=td.microseconds))
near_pairs = st.tuples(any_instant, spans).map(lambda p: (p[0], p[0] + p[1]))
work_amounts = st.one_of(st.integers(0, 60), st.sampled_from([0.5, 1.5, 0.25, 2.75, 120]))
hour_amounts = st.one_of(st.integers(0, 200), st.sampled_from([0.5, 1.25, 7.5]))


def sessions(cal, day):
    base = D.combine(day, dt.time())
    return [(base + dt.timedelta(seconds=s), base + dt.timedelta(seconds=e)) for s, e in cal._sess]


def oracle_between(cal, a, b):
    """Working seconds in [a, b], walking day by day with is_working_day only."""
    if b <= a:
        return 0
    total, day = 0, a.date()
    while day <= b.date():
        if cal.is_working_day(day):
            for s, e in sessions(cal, day):
                lo, hi = max(s, a), min(e, b)
                if hi > lo:
                    total += (hi - lo).total_seconds()
        day += dt.timedelta(1)
    return int(total)


def oracle_add(cal, start, secs):
    """Walk sessions from start, consuming `secs` of working time."""
    day, remaining = start.date(), secs
    while True:
        if cal.is_working_day(day):
            for s, e in sessions(cal, day):
                a = max(s, start)
                if a >= e:
                    continue
                if remaining == 0:
                    return a
                avail = (e - a).total_seconds()
                if remaining <= avail:
                    return a + dt.timedelta(seconds=remaining)
                remaining -= avail
        day += dt.timedelta(1)


def within_hours(cal, t):
    return cal.is_working_day(t.date()) and any(s <= t <= e for s, e in sessions(cal, t.date()))


def amount_seconds(cal, amount, unit):
    return round(amount * (cal.seconds_per_day if unit == "working_days" else 3600))


@SETTINGS
@given(cal=CALS, start=any_instant, days=work_amounts, hours=hour_amounts)
def test_add_then_count_round_trips(cal, start, days, hours):
    for amount, unit in ((days, "working_days"), (hours, "working_hours")):
        due = cal.add(start, amount, unit)
        secs = amount_seconds(cal, amount, unit)
        assert cal.working_time_between(start, due) == dt.timedelta(seconds=secs)
        assert cal.working_days_between(start, due) == pytest.approx(secs / cal.seconds_per_day)
        assert due == oracle_add(cal, start, secs)
        # never on a day off, never outside working hours, never before reception
        assert within_hours(cal, due)
        assert due >= start or amount == 0


@SETTINGS
@given(cal=CALS, pair=near_pairs)
def test_count_then_add_lands_on_the_same_working_instant(cal, pair):
    start, end = pair
    secs = cal.working_time_between(start, end).total_seconds()
    assert secs == oracle_between(cal, start, end)
    assume(end > start and secs > 0)
    due = cal.add(start, secs / 3600, "working_hours")
    assert due <= end
    assert cal.working_time_between(due, end) == dt.timedelta(0)  # only non-working time in between


@SETTINGS
@given(cal=CALS, start=any_instant, n=st.integers(0, 400), unit=st.sampled_from(["calendar_days", "months"]))
def test_calendar_limits_roll_forward_only_on_days_off(cal, start, n, unit):
    due = cal.add(start, n, unit)
    s = cal.next_working_start(start)
    assert within_hours(cal, due)
    if unit == "calendar_days":
        naive = s + dt.timedelta(days=n)
    else:
        y, m = divmod(s.month - 1 + n, 12)
        y, m = s.year + y, m + 1
        last = ((dt.date(y + (m == 12), m % 12 + 1, 1)) - dt.timedelta(1)).day
        naive = s.replace(year=y, month=m, day=min(s.day, last))
    assert due.time() == naive.time()
    assert due >= naive
    if cal.is_working_day(naive.date()):
        assert due == naive
    else:
        gap = (due.date() - naive.date()).days
        assert all(not cal.is_working_day(naive.date() + dt.timedelta(i)) for i in range(gap))


@SETTINGS
@given(
    saturdays=st.sets(st.integers(0, 51), max_size=8),
    year=st.integers(2020, 2027),
    hour=st.integers(8, 16),
)
def test_make_up_saturdays_are_working_days(saturdays, year, hour):
    first_sat = dt.date(year, 1, 1) + dt.timedelta((5 - dt.date(year, 1, 1).weekday()) % 7)
    sats = sorted({first_sat + dt.timedelta(7 * k) for k in saturdays})
    plain = WorkCalendar(years=[year])
    cal = WorkCalendar(years=[year], make_up_days=sats)
    gained = [s for s in sats if not plain.is_working_day(s)]
    assert all(cal.is_working_day(s) for s in sats)
    year_days = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert cal.working_days_in(*year_days) == plain.working_days_in(*year_days) + len(gained)
    for s in gained:
        friday = D.combine(s - dt.timedelta(1), dt.time(hour))
        if cal.is_working_day(friday.date()):
            # one working day after a Friday falls on the make-up Saturday
            assert cal.add(friday, 1, "working_days").date() == s
        start = D.combine(s, dt.time(7, 30))
        assert cal.working_time_between(start, start + dt.timedelta(hours=10)) == dt.timedelta(hours=8)
        assert s in dict(cal.make_up_days(year))


rows = st.lists(
    st.tuples(any_instant, st.one_of(work_amounts, hour_amounts), st.integers(0, 3)), min_size=1, max_size=30
)


@SETTINGS
@given(cal=CALS, data=rows)
def test_vectorised_add_agrees_with_scalar(cal, data):
    starts = np.array([s for s, _, _ in data], dtype="datetime64[s]")
    amounts = np.array([float(a) if u < 2 else float(int(a)) for _, a, u in data])
    codes = np.array([u for *_, u in data], dtype=np.uint8)
    vec = cal.add_np(starts, amounts, codes)
    one = [cal.add(s, a, UNITS[u]) for s, a, u in zip(starts.astype(object), amounts, codes, strict=True)]
    assert vec.tolist() == one
    for code, unit in enumerate(UNITS):
        mask = codes == code
        if mask.any():
            assert (cal.add_np(starts[mask], amounts[mask], unit) == vec[mask]).all()


pause_lists = st.lists(st.tuples(any_instant, any_instant).map(sorted), max_size=4)


@SETTINGS
@given(
    cal=CALS,
    data=st.lists(
        st.tuples(st.one_of(near_pairs, st.tuples(any_instant, any_instant)), pause_lists).map(
            lambda x: (*x[0], x[1])
        ),
        min_size=1,
        max_size=20,
    ),
)
def test_vectorised_count_agrees_with_scalar(cal, data):
    starts = np.array([a for a, _, _ in data], dtype="datetime64[s]")
    ends = np.array([b for _, b, _ in data], dtype="datetime64[s]")
    prow = [i for i, (_, _, ps) in enumerate(data) for _ in ps]
    pa = np.array([p[0] for *_, ps in data for p in ps], dtype="datetime64[s]")
    pb = np.array([p[1] for *_, ps in data for p in ps], dtype="datetime64[s]")
    vec = cal.working_seconds_between_np(starts, ends, np.array(prow, dtype=np.int64), pa, pb)
    one = [cal.working_time_between(a, b, ps).total_seconds() for a, b, ps in data]
    assert vec.tolist() == one
    plain = cal.working_seconds_between_np(starts, ends)
    for (a, b, _), got in zip(data, plain.tolist(), strict=True):
        if (b - a).days < 200:
            assert got == oracle_between(cal, a, b)
    assert np.allclose(
        cal.working_days_between_np(starts, ends) * cal.seconds_per_day, plain, rtol=0, atol=1e-3
    )


@SETTINGS
@given(
    cal=CALS,
    points=st.lists(any_instant, min_size=3, max_size=3).map(sorted),
    pauses=pause_lists,
    extra=pause_lists,
)
def test_working_time_is_additive_non_negative_and_pauses_only_reduce(cal, points, pauses, extra):
    a, b, c = points
    wtb = cal.working_time_between
    zero = dt.timedelta(0)
    assert wtb(a, c) == wtb(a, b) + wtb(b, c)
    assert wtb(c, a) == zero
    with_pauses = wtb(a, c, pauses)
    assert zero <= with_pauses <= wtb(a, c)
    assert wtb(a, c, pauses + extra) <= with_pauses
    # pauses are a union: listing one twice changes nothing
    assert wtb(a, c, pauses + pauses) == with_pauses
    # a pause covering everything leaves nothing
    assert wtb(a, c, [(a - dt.timedelta(days=1), c + dt.timedelta(days=1))]) == zero


@SETTINGS
@given(cal=CALS, t1=any_instant, t2=any_instant, amount=work_amounts, more=st.integers(0, 10))
def test_add_is_monotone(cal, t1, t2, amount, more):
    a, b = sorted((t1, t2))
    assert cal.add(a, amount, "working_days") <= cal.add(b, amount, "working_days")
    assert cal.add(a, amount, "working_days") <= cal.add(a, amount + more, "working_days")


@SETTINGS
@given(cal=CALS, t=any_instant)
def test_next_working_start(cal, t):
    s = cal.next_working_start(t)
    assert s >= t
    assert cal.is_working_time(s)
    assert cal.working_time_between(t, s) == dt.timedelta(0)
    assert (s == t) == cal.is_working_time(t)
    vec = cal.next_working_start_np(np.array([t], dtype="datetime64[s]"))
    assert vec[0] == np.datetime64(s, "s")


@SETTINGS
@given(start=any_instant, n=st.integers(1, 40))
def test_due_at_close_is_the_close_of_the_nth_working_day(start, n):
    cal = CLOSE
    due = cal.add(start, n, "working_days")
    s = cal.next_working_start(start)
    day = s.date()
    # received at the opening: that day counts as the first; otherwise the next working day does
    k = n - 1 if s.time() == dt.time(7, 30) else n
    while k:
        day += dt.timedelta(1)
        k -= cal.is_working_day(day)
    assert due == D.combine(day, dt.time(17, 0))
    assert cal.add_np(np.array([start], dtype="datetime64[s]"), [n], "working_days")[0] == np.datetime64(
        due, "s"
    )


CLOSE = WorkCalendar(years=range(2019, 2029), due_at_close=True)
