"""Worked examples of the working-day calendar around Tết, 30/4–1/5 and 2/9 (2020–2026).

Official days off of state bodies, as announced each year (công chức, viên chức):
  Tết Nguyên đán  2020: 23/01–29/01 · 2021: 10/02–16/02 · 2022: 29/01–06/02 · 2023: 20/01–26/01
                  2024: 08/02–14/02 · 2025: 25/01–02/02 · 2026: 14/02–22/02
  30/4–1/5        2024: 27/04–01/05, Mon 29/04 off, worked Sat 04/05
                  2025: 30/04–04/05, Fri 02/05 off, worked Sat 26/04
  2/9             2024: 31/08–03/09 · 2025: 30/08–02/09 (1/9 and 2/9)
Not verified by us, taken from the `holidays` package as is: 2026's swap of Mon 31/08 with Sat
22/08 and the new Vietnam Culture Day (24/11) from 2026; no 2026 New Year bridge day.
"""

import datetime as dt

import numpy as np
import pytest

from chiso.lib.workcal import UNIT_CODES, WorkCalendar, normalize_unit, unit_codes

D = dt.datetime
d = dt.date


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar(years=range(2019, 2028))


def days(a: dt.date, b: dt.date):
    return [a + dt.timedelta(i) for i in range((b - a).days + 1)]


TET_OFF = {
    2020: (d(2020, 1, 23), d(2020, 1, 29)),
    2021: (d(2021, 2, 10), d(2021, 2, 16)),
    2022: (d(2022, 1, 29), d(2022, 2, 6)),
    2023: (d(2023, 1, 20), d(2023, 1, 26)),
    2024: (d(2024, 2, 8), d(2024, 2, 14)),
    2025: (d(2025, 1, 25), d(2025, 2, 2)),
    2026: (d(2026, 2, 14), d(2026, 2, 22)),
}


@pytest.mark.parametrize("year", sorted(TET_OFF))
def test_tet_break_matches_official_days_off(cal, year):
    first, last = TET_OFF[year]
    assert all(not cal.is_working_day(x) for x in days(first, last))
    # the break is exactly that: the working days just before and after it are working days
    before = first - dt.timedelta(1)
    while before.weekday() >= 5:
        before -= dt.timedelta(1)
    after = last + dt.timedelta(1)
    while after.weekday() >= 5:
        after += dt.timedelta(1)
    assert cal.is_working_day(before) and cal.is_working_day(after)
    assert cal.working_days_in(before, after) == 2


@pytest.mark.parametrize(
    "day, working",
    [
        # 2024
        (d(2024, 1, 1), False),
        (d(2024, 4, 18), False),  # Giỗ Tổ 10/3 lunar
        (d(2024, 4, 29), False),  # swapped bridge day
        (d(2024, 4, 30), False),
        (d(2024, 5, 1), False),
        (d(2024, 5, 2), True),
        (d(2024, 5, 4), True),  # make-up Saturday
        (d(2024, 9, 2), False),
        (d(2024, 9, 3), False),
        (d(2024, 9, 4), True),
        # 2025
        (d(2025, 1, 1), False),
        (d(2025, 1, 24), True),
        (d(2025, 2, 3), True),
        (d(2025, 4, 7), False),  # Giỗ Tổ
        (d(2025, 4, 26), True),  # make-up Saturday for Fri 02/05
        (d(2025, 4, 30), False),
        (d(2025, 5, 1), False),
        (d(2025, 5, 2), False),
        (d(2025, 5, 5), True),
        (d(2025, 8, 29), True),
        (d(2025, 9, 1), False),
        (d(2025, 9, 2), False),
        (d(2025, 9, 3), True),
        # 2026
        (d(2026, 1, 1), False),
        (d(2026, 1, 2), True),
        (d(2026, 4, 27), False),  # Giỗ Tổ on Sunday 26/04 → Monday off
        (d(2026, 4, 30), False),
        (d(2026, 5, 1), False),
        (d(2026, 8, 22), True),  # package: Saturday worked for Mon 31/08
        (d(2026, 8, 31), False),
        (d(2026, 9, 1), False),
        (d(2026, 9, 2), False),
        (d(2026, 11, 24), False),  # package: Ngày Văn hóa Việt Nam
        # ordinary days
        (d(2025, 3, 15), False),
        (d(2025, 3, 17), True),
    ],
)
def test_days(cal, day, working):
    assert cal.is_working_day(day) is working


def test_giỗ_tổ_follows_the_lunar_calendar_for_any_year(cal):
    # 10/3 lunar: 02/04/2020, 21/04/2021, 10/04/2022 (Sun → Mon 11/04 off), 29/04/2023 (Sat → Tue 02/05)
    assert not cal.is_working_day(d(2020, 4, 2))
    assert not cal.is_working_day(d(2021, 4, 21))
    assert not cal.is_working_day(d(2022, 4, 11))
    assert not cal.is_working_day(d(2023, 5, 2))
    # a far year works without anyone editing it
    far = WorkCalendar(years=[2040])
    names = dict(far.days_off(2040))
    assert any("Giỗ Tổ" in n for n in names.values())
    assert sum("Tết Nguyên đán" in n for n in names.values()) >= 5


DUE = [
    # (received, amount, unit, due)
    # Tết 2024: Wed 07/02 → next working day Thu 15/02
    (D(2024, 2, 7, 10, 0), 1, "working_days", D(2024, 2, 15, 10, 0)),
    (D(2024, 4, 26, 10, 0), 1, "working_days", D(2024, 5, 2, 10, 0)),
    (D(2024, 4, 26, 10, 0), 3, "working_days", D(2024, 5, 4, 10, 0)),  # make-up Saturday counts
    (D(2024, 8, 30, 14, 0), 1, "working_days", D(2024, 9, 4, 14, 0)),
    # Tết 2025, received Friday 24/01 after closing → counts from Mon 03/02 07:30
    (D(2025, 1, 24, 17, 15), 1, "working_days", D(2025, 2, 3, 17, 0)),
    (D(2025, 1, 24, 16, 0), 1, "working_days", D(2025, 2, 3, 16, 0)),
    (D(2025, 1, 24, 16, 0), 2, "working_hours", D(2025, 2, 3, 8, 30)),
    (D(2025, 4, 25, 16, 0), 1, "working_days", D(2025, 4, 26, 16, 0)),
    (D(2025, 4, 29, 9, 0), 1, "working_days", D(2025, 5, 5, 9, 0)),
    (D(2025, 8, 29, 15, 0), 1, "working_days", D(2025, 9, 3, 15, 0)),
    # the command example: Fri 13/02/2026 16:45 + 5 working days, Tết 16–20/02
    (D(2026, 2, 13, 16, 45), 5, "working_days", D(2026, 2, 27, 16, 45)),
    (D(2026, 4, 24, 10, 0), 1, "working_days", D(2026, 4, 28, 10, 0)),
    (D(2026, 4, 24, 10, 0), 3, "working_days", D(2026, 5, 4, 10, 0)),
    (D(2026, 8, 28, 10, 0), 1, "working_days", D(2026, 9, 3, 10, 0)),
    # received after 17:00 on an ordinary Friday
    (D(2025, 3, 14, 17, 30), 1, "working_days", D(2025, 3, 17, 17, 0)),
    (D(2025, 3, 14, 17, 30), 1, "working_hours", D(2025, 3, 17, 8, 30)),
    (D(2025, 3, 14, 17, 30), 3, "working_days", D(2025, 3, 19, 17, 0)),
    # lunch break and session ends
    (D(2025, 3, 17, 11, 45), 1, "working_hours", D(2025, 3, 17, 14, 0)),
    (D(2025, 3, 17, 9, 30), 2, "working_hours", D(2025, 3, 17, 11, 30)),
    (D(2025, 3, 17, 9, 30), 0.5, "working_days", D(2025, 3, 17, 15, 0)),
    (D(2025, 3, 17, 7, 30), 1, "working_days", D(2025, 3, 17, 17, 0)),
    (D(2025, 3, 17, 7, 0), 0, "working_days", D(2025, 3, 17, 7, 30)),
    # calendar days: roll forward only if the last day is off
    (D(2025, 1, 20, 10, 0), 10, "calendar_days", D(2025, 2, 3, 10, 0)),
    (D(2025, 1, 6, 10, 0), 10, "calendar_days", D(2025, 1, 16, 10, 0)),
    (D(2025, 3, 14, 17, 30), 10, "calendar_days", D(2025, 3, 27, 7, 30)),
    (D(2025, 4, 16, 9, 0), 15, "calendar_days", D(2025, 5, 5, 9, 0)),
    # months: same day N months later, clamped, rolled forward
    (D(2025, 1, 31, 10, 0), 1, "months", D(2025, 3, 3, 7, 30)),
    (D(2024, 1, 31, 10, 0), 1, "months", D(2024, 2, 29, 10, 0)),
    (D(2025, 3, 31, 10, 0), 1, "months", D(2025, 4, 30, 10, 0) + dt.timedelta(days=5)),
    (D(2024, 12, 16, 9, 0), 12, "months", D(2025, 12, 16, 9, 0)),
]


@pytest.mark.parametrize("start, amount, unit, due", DUE)
def test_due_dates(cal, start, amount, unit, due):
    assert cal.add(start, amount, unit) == due
    vec = cal.add_np(np.array([start], dtype="datetime64[s]"), np.array([amount]), unit)
    assert vec[0] == np.datetime64(due, "s")


def test_due_dates_vectorised_with_unit_codes(cal):
    starts = np.array([s for s, *_ in DUE], dtype="datetime64[s]")
    amounts = np.array([a for _, a, _, _ in DUE], dtype=float)
    codes = unit_codes([u for *_, u, _ in DUE])
    expected = np.array([x for *_, x in DUE], dtype="datetime64[s]")
    assert (cal.add_np(starts, amounts, codes) == expected).all()


def test_due_at_close_is_end_of_the_nth_working_day():
    cal = WorkCalendar(years=[2026], due_at_close=True)
    assert cal.add(D(2026, 2, 13, 16, 45), 5, "working_days") == D(2026, 2, 27, 17, 0)
    assert cal.add(D(2026, 2, 13, 17, 30), 5, "working_days") == D(2026, 2, 27, 17, 0)
    assert cal.add(D(2026, 2, 13, 10, 0), 10, "calendar_days") == D(2026, 2, 23, 17, 0)
    vec = cal.add_np(np.array(["2026-02-13T16:45"], dtype="datetime64[s]"), [5], "working_days")
    assert vec[0] == np.datetime64("2026-02-27T17:00")


def test_working_time_between_worked(cal):
    # 25/04/2025 09:00 → 06/05/2025 09:00: 7 h + Sat 26/04 + 28/04 + 29/04 + 05/05 + 1 h
    assert cal.working_time_between(D(2025, 4, 25, 9), D(2025, 5, 6, 9)) == dt.timedelta(hours=40)
    assert cal.working_days_between(D(2025, 4, 25, 9), D(2025, 5, 6, 9)) == 5.0
    # over Tết 2025 almost nothing passes
    assert cal.working_time_between(D(2025, 1, 24, 16), D(2025, 2, 3, 8)) == dt.timedelta(hours=1, minutes=30)
    # a supplement request pauses the clock: 28/04 and 29/04 with the citizen
    pause = [(D(2025, 4, 28, 7, 0), D(2025, 4, 30, 0, 0))]
    assert cal.working_time_between(D(2025, 4, 25, 9), D(2025, 5, 6, 9), pause) == dt.timedelta(hours=24)
    # overlapping pauses are not subtracted twice; end before start is zero
    pauses = pause + [(D(2025, 4, 29, 7, 0), D(2025, 4, 29, 12, 0))]
    assert cal.working_time_between(D(2025, 4, 25, 9), D(2025, 5, 6, 9), pauses) == dt.timedelta(hours=24)
    assert cal.working_time_between(D(2025, 5, 6, 9), D(2025, 4, 25, 9)) == dt.timedelta(0)


def test_vectorised_pauses(cal):
    starts = np.array(["2025-04-25T09:00", "2025-04-25T09:00", "2025-01-24T16:00"], dtype="datetime64[s]")
    ends = np.array(["2025-05-06T09:00", "2025-05-06T09:00", "2025-02-03T08:00"], dtype="datetime64[s]")
    rows = np.array([1, 1, 2])
    ps = np.array(["2025-04-29T07:00", "2025-04-28T07:00", "2025-01-20T00:00"], dtype="datetime64[s]")
    pe = np.array(["2025-04-29T12:00", "2025-04-30T00:00", "2025-02-03T07:45"], dtype="datetime64[s]")
    out = cal.working_seconds_between_np(starts, ends, rows, ps, pe)
    assert out.tolist() == [40 * 3600, 24 * 3600, 15 * 60]
    # without pauses
    assert cal.working_seconds_between_np(starts, ends).tolist() == [40 * 3600, 40 * 3600, 90 * 60]


def test_days_off_page_names(cal):
    off = dict(cal.days_off(2025))
    assert off[d(2025, 1, 29)] == "Tết Nguyên đán"
    assert off[d(2025, 9, 2)] == "Quốc khánh"
    assert off[d(2025, 4, 7)] == "Ngày Giỗ Tổ Hùng Vương"
    assert "26/04/2025" in off[d(2025, 5, 2)]
    assert d(2025, 3, 15) not in off  # plain weekends are not listed
    assert [x for x, _ in cal.make_up_days(2025)] == [d(2025, 4, 26)]


def test_office_overrides():
    cal = WorkCalendar(
        years=[2025],
        extra_days_off={d(2025, 12, 31): "Nghỉ cuối năm"},
        make_up_days=[d(2025, 12, 27)],
    )
    assert not cal.is_working_day(d(2025, 12, 31))
    assert cal.is_working_day(d(2025, 12, 27))
    assert (d(2025, 12, 31), "Nghỉ cuối năm") in cal.days_off(2025)
    assert d(2025, 12, 27) in dict(cal.make_up_days(2025))
    # Friday 26/12 after closing + 1 working day → Saturday 27/12 (make-up) 17:00
    assert cal.add(D(2025, 12, 26, 18, 0), 1, "working_days") == D(2025, 12, 27, 17, 0)
    # the office may cancel a day off of the package, and add a day off to a make-up Saturday
    cal2 = WorkCalendar(years=[2025], make_up_days=[d(2025, 5, 2)], extra_days_off=[d(2025, 4, 26)])
    assert cal2.is_working_day(d(2025, 5, 2)) and not cal2.is_working_day(d(2025, 4, 26))
    # ISO strings as stored in JSON are accepted
    cal3 = WorkCalendar(years=[2025], extra_days_off=["2025-12-31"], make_up_days=["2025-12-27"])
    assert cal3.is_working_day(d(2025, 12, 27)) and not cal3.is_working_day(d(2025, 12, 31))
    with pytest.raises(ValueError, match="yyyy-mm-dd"):
        WorkCalendar(extra_days_off=["31/12/2025"])
    with pytest.raises(ValueError, match="vừa là ngày nghỉ vừa là ngày làm bù"):
        WorkCalendar(extra_days_off=[d(2025, 1, 2)], make_up_days=[d(2025, 1, 2)])


def test_custom_hours_and_weekend():
    cal = WorkCalendar(years=[2025], hours=[("08:00", "12:00")], weekend=[6])
    assert cal.hours_per_day == 4
    assert cal.is_working_day(d(2025, 3, 15))  # Saturday works
    assert cal.add(D(2025, 3, 15, 9, 0), 1, "working_days") == D(2025, 3, 17, 9, 0)
    with pytest.raises(ValueError):
        WorkCalendar(hours=[("12:00", "08:00")])
    with pytest.raises(ValueError):
        WorkCalendar(hours=[("08:00", "12:00"), ("11:00", "13:00")])
    with pytest.raises(ValueError):
        WorkCalendar(weekend=range(7))


def test_units_and_bad_amounts(cal):
    assert normalize_unit("Ngày làm việc") == "working_days"
    assert normalize_unit("giờ") == "working_hours"
    assert normalize_unit("Ngày") == "calendar_days"
    assert normalize_unit("THÁNG") == "months"
    assert unit_codes(["ngày làm việc", "tháng"]).tolist() == [
        UNIT_CODES["working_days"],
        UNIT_CODES["months"],
    ]
    with pytest.raises(ValueError, match="Đơn vị thời hạn không hợp lệ"):
        normalize_unit("tuần")
    with pytest.raises(ValueError):
        cal.add(D(2025, 3, 17, 9), -1, "working_days")
    with pytest.raises(ValueError, match="số nguyên"):
        cal.add(D(2025, 3, 17, 9), 1.5, "calendar_days")
    with pytest.raises(ValueError):
        cal.add_np(np.array(["2025-03-17T09:00"], dtype="datetime64[s]"), [-1], "working_days")
    with pytest.raises(ValueError, match="1990"):
        cal.add(D(1980, 1, 1), 1, "working_days")


def test_nat_and_nan_propagate(cal):
    starts = np.array(["2025-03-17T09:00", "NaT", "2025-03-17T09:00"], dtype="datetime64[s]")
    out = cal.add_np(starts, np.array([1.0, 1.0, np.nan]), "working_days")
    assert out[0] == np.datetime64("2025-03-18T09:00")
    assert np.isnat(out[1]) and np.isnat(out[2])
    with pytest.raises(ValueError, match="NaT"):
        cal.working_seconds_between_np(starts, starts)


def test_table_extends_on_demand():
    cal = WorkCalendar(years=[2025])
    assert cal.add(D(2025, 12, 30, 9), 30, "working_days").year == 2026
    assert cal.add(D(2010, 2, 10, 9), 1, "working_days") > D(2010, 2, 10, 9)
    out = cal.add_np(np.array(["2035-06-04T09:00"], dtype="datetime64[s]"), [1], "working_days")
    assert out[0] == np.datetime64("2035-06-05T09:00")
    # rows before the table's first year, and pauses far outside it
    early = np.array(["2012-03-05T09:00", "2025-03-17T09:00"], dtype="datetime64[s]")
    assert cal.add_np(early, [1, 1], "working_days").tolist() == [D(2012, 3, 6, 9), D(2025, 3, 18, 9)]
    secs = cal.working_seconds_between_np(
        early,
        early + np.timedelta64(1, "D"),
        [0],
        np.array(["2005-01-01T00:00"], dtype="datetime64[s]"),
        np.array(["2040-01-01T00:00"], dtype="datetime64[s]"),
    )
    assert secs.tolist() == [0, 8 * 3600]


def test_aware_datetimes_are_converted_to_local():
    cal = WorkCalendar(years=[2025])
    utc = dt.datetime(2025, 3, 17, 2, 0, tzinfo=dt.UTC)  # 09:00 in Hà Nội
    assert cal.add(utc, 1, "working_days") == D(2025, 3, 18, 9, 0)
    assert cal.next_working_start(D(2025, 3, 17, 12, 0)) == D(2025, 3, 17, 13, 0)
    assert cal.is_working_time(D(2025, 3, 17, 9, 0)) and not cal.is_working_time(D(2025, 3, 17, 17, 0))


def test_unit_codes_from_floats_and_python_datetimes(cal):
    assert unit_codes(np.array([0.0, 3.0])).tolist() == [0, 3]
    with pytest.raises(ValueError):
        unit_codes([4])
    out = cal.add_np([D(2025, 3, 17, 9, 0), D(2025, 3, 17, 9, 0)], [1, 2], np.array([0.0, 1.0]))
    assert out.tolist() == [D(2025, 3, 18, 9, 0), D(2025, 3, 17, 11, 0)]
    assert cal.add_np(np.array([], dtype="datetime64[s]"), [], "working_days").size == 0
    assert np.isnat(
        cal.next_working_start_np(np.array(["NaT", "2025-03-15T10:00"], dtype="datetime64[s]"))[0]
    )
    assert cal.next_working_start_np(np.array(["2025-03-15T10:00"], dtype="datetime64[s]"))[
        0
    ] == np.datetime64("2025-03-17T07:30")


def test_far_future_limit():
    cal = WorkCalendar(years=[2100])
    with pytest.raises(ValueError, match="2100"):
        cal.add(D(2100, 12, 20, 9), 30, "working_days")
    with pytest.raises(ValueError, match="2100"):
        cal.add_np(np.array(["2100-12-20T09:00"], dtype="datetime64[s]"), [30], "working_days")
