"""Recurrence: periods and due dates for quarters, half-years and years; weekends keep their date."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.plans import schedule

Q_LAST_12 = {"freq": "quarter", "day": 12, "month": "last", "shift": "keep"}


def test_quarterly_day_12_of_last_month_of_quarter():
    got = schedule.generate(Q_LAST_12, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert [(p.code, p.due) for p in got] == [
        ("2024-Q1", dt.date(2024, 3, 12)),
        ("2024-Q2", dt.date(2024, 6, 12)),
        ("2024-Q3", dt.date(2024, 9, 12)),
        ("2024-Q4", dt.date(2024, 12, 12)),
    ]
    assert [p.period.label_vi for p in got][0] == "Quý I/2024"


def test_weekend_due_date_is_kept_and_flagged():
    got = {p.code: p for p in schedule.generate(Q_LAST_12, dt.date(2025, 1, 1), dt.date(2025, 12, 31))}
    # 12/10/2025 is not in play; 12/04/2025 would be Saturday but Q-last months are 3, 6, 9, 12:
    assert got["2025-Q1"].due == dt.date(2025, 3, 12) and not got["2025-Q1"].due_on_weekend
    sat = schedule.generate(
        {"freq": "quarter", "day": 12, "month": "last"}, dt.date(2026, 4, 1), dt.date(2026, 12, 31)
    )
    by = {p.code: p for p in sat}
    assert by["2026-Q4"].due == dt.date(2026, 12, 12) and by["2026-Q4"].due.weekday() == 5
    assert by["2026-Q4"].due_on_weekend is True
    assert by["2026-Q3"].due == dt.date(2026, 9, 12) and by["2026-Q3"].due_on_weekend  # Saturday


def test_shift_only_when_the_rule_says_so():
    p = schedule.generate(
        {"freq": "year", "day": 12, "month": 12, "shift": "before"},
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )[0]
    assert p.due == dt.date(2026, 12, 11) and p.due_on_weekend
    p = schedule.generate(
        {"freq": "year", "day": 12, "month": 12, "shift": "after"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    )[0]
    assert p.due == dt.date(2026, 12, 14)


def test_half_years_and_years():
    halves = schedule.generate(
        {"freq": "half", "day": 15, "month": "last"}, dt.date(2025, 3, 1), dt.date(2025, 12, 31)
    )
    assert [(p.code, p.due) for p in halves] == [
        ("2025-H1", dt.date(2025, 6, 15)),
        ("2025-H2", dt.date(2025, 12, 15)),
    ]
    years = schedule.generate(
        {"freq": "year", "day": 12, "month": 12}, dt.date(2024, 5, 1), dt.date(2025, 1, 1)
    )
    assert [(p.code, p.due) for p in years] == [
        ("2024", dt.date(2024, 12, 12)),
        ("2025", dt.date(2025, 12, 12)),
    ]
    # no day given: the last day of the period
    q = schedule.generate({"freq": "quarter"}, dt.date(2025, 4, 1), dt.date(2025, 6, 30))[0]
    assert q.due == dt.date(2025, 6, 30)
    nxt = schedule.generate(
        {"freq": "quarter", "day": 5, "month": "next"}, dt.date(2025, 10, 1), dt.date(2025, 12, 31)
    )[0]
    assert nxt.due == dt.date(2026, 1, 5)


def test_day_beyond_month_end_is_clamped():
    p = schedule.generate(
        {"freq": "quarter", "day": 31, "month": "first"}, dt.date(2025, 4, 1), dt.date(2025, 6, 30)
    )[0]
    assert p.due == dt.date(2025, 4, 30)


def test_rules_from_seed_wording():
    text = "Định kỳ hàng quý (chậm nhất ngày 12 của tháng cuối quý), năm (chậm nhất ngày 12/12), báo cáo tình hình"
    assert schedule.rules_from_text(text) == [
        {"freq": "quarter", "day": 12, "month": "last", "shift": "keep"},
        {"freq": "year", "day": 12, "month": 12, "shift": "keep"},
    ]
    freqs = [
        r["freq"]
        for r in schedule.rules_from_text("Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả thực hiện")
    ]
    assert freqs == ["quarter", "half", "year"]
    assert schedule.rules_from_text("hằng năm trước 12/12") == [
        {"freq": "year", "day": 12, "month": 12, "shift": "keep"}
    ]
    assert schedule.rules_from_text("không có gì") == []


def test_task_deadlines_from_wording():
    assert schedule.deadline_from_text("hoàn thành trong tháng 6/2018") == {
        "kind": "month",
        "date": dt.date(2018, 6, 30),
        "month": "2018-06",
    }
    assert schedule.deadline_from_text("đến hết 31/12/2018")["date"] == dt.date(2018, 12, 31)
    assert schedule.deadline_from_text("trước ngày 15/12/2024") == {
        "kind": "date",
        "date": dt.date(2024, 12, 15),
    }
    got = schedule.deadline_from_text("hằng quý, chậm nhất ngày 12 của tháng cuối quý")
    assert got["kind"] == "recurrence" and got["rule"]["day"] == 12
    assert (
        schedule.deadline_from_text("31/02/2025") is None
        or schedule.deadline_from_text("31/02/2025")["kind"] != "date"
    )
    assert schedule.deadline_from_text("") is None


def test_describe_in_vietnamese():
    assert schedule.describe(Q_LAST_12) == "Hằng quý, chậm nhất ngày 12 của tháng cuối quý"
    assert schedule.describe({"freq": "year", "day": 12, "month": 12}) == "Hằng năm, chậm nhất ngày 12/12"


def test_next_occurrence():
    assert schedule.next_occurrence(Q_LAST_12, dt.date(2025, 3, 13)).due == dt.date(2025, 6, 12)
    assert schedule.next_occurrence(Q_LAST_12, dt.date(2025, 3, 12)).due == dt.date(2025, 3, 12)


rules = st.fixed_dictionaries(
    {
        "freq": st.sampled_from(schedule.FREQS),
        "day": st.one_of(st.none(), st.integers(1, 31)),
        "month": st.sampled_from(["last", "first", "next", None, *range(1, 13)]),
        "shift": st.sampled_from(["keep", "before", "after"]),
    }
)
days = st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31))


@settings(max_examples=150, deadline=None)
@given(rules, days, st.integers(0, 800))
def test_periods_tile_the_range_and_due_dates_are_sane(rule, start, span):
    end = start + dt.timedelta(days=span)
    got = schedule.generate(rule, start, end)
    assert got, "at least the period containing start"
    assert got[0].period.start <= start and got[-1].period.end >= end
    for a, b in zip(got, got[1:], strict=False):
        assert b.period.start == a.period.end + dt.timedelta(days=1)
    for p in got:
        assert p.due_on_weekend == (schedule.due_date({**rule, "shift": "keep"}, p.period)[0].weekday() >= 5)
        if rule["shift"] == "keep":
            assert p.due.weekday() >= 5 or not p.due_on_weekend
        else:
            assert p.due.weekday() < 5


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_wording_readers_never_crash(text):
    for r in schedule.rules_from_text(text):
        assert r["freq"] in schedule.FREQS
    schedule.deadline_from_text(text)
