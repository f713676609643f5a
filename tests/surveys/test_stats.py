"""Wilson interval against known values; indices worked by hand."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.surveys.stats import ItemCount, compute, wilson


@pytest.mark.parametrize(
    "k, n, low, high",
    [
        (8, 10, 0.4902, 0.9433),  # the textbook example
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (50, 100, 0.4038, 0.5962),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_known_values(k, n, low, high):
    lo, hi = wilson(k / n, n)
    assert lo == pytest.approx(low, abs=5e-5) and hi == pytest.approx(high, abs=5e-5)


def test_wilson_empty():
    assert all(math.isnan(x) for x in wilson(0.5, 0))


@given(st.integers(1, 5000), st.floats(0, 1))
def test_wilson_contains_p_and_stays_in_unit_interval(n, p):
    lo, hi = wilson(p, n)
    assert 0 <= lo <= p + 1e-12 and p - 1e-12 <= hi <= 1


def test_indices_by_hand():
    items = [
        # element access: two items, weights 1 and 3
        ItemCount("a1", "access", "service", 1.0, n=10, satisfied=8, score_sum=40),
        ItemCount("a2", "access", "service", 3.0, n=10, satisfied=5, score_sum=35),
        ItemCount("p1", "procedures", "service", 1.0, n=40, satisfied=30, score_sum=160),
        # feedback: asked but nobody gave a valid answer
        ItemCount("f1", "feedback", "service", 1.0, n=0, satisfied=0, score_sum=0),
        # a policy item without an element
        ItemCount("x1", "", "policy", 1.0, n=40, satisfied=20, score_sum=120),
    ]
    res = compute(items, {"access": 10, "procedures": 40}, {"service": 40, "policy": 40}, 40, min_n=30)
    access = res.element("access")
    # (1·8 + 3·5) / (1·10 + 3·10) = 23/40 = 57.5 %; mean (40 + 3·35) / 40 = 3.625
    assert access.pct == pytest.approx(57.5) and access.mean == pytest.approx(3.625)
    assert access.n == 10 and access.small  # 10 < 30: warned, not ranked
    lo, hi = wilson(0.575, 10)
    assert access.ci_low == pytest.approx(lo * 100) and access.ci_high == pytest.approx(hi * 100)
    assert res.element("procedures").pct == pytest.approx(75.0) and not res.element("procedures").small
    fb = res.element("feedback")
    assert fb.pct is None and fb.n == 0 and not fb.has_data
    assert res.element("civil_servants").pct is None  # not in the form at all
    # overall = mean of elements with data: (57.5 + 75) / 2 = 66.25 — feedback is not counted as 0
    assert res.overall.pct == pytest.approx(66.25) and res.overall.n == 40
    pillars = {p.code: p for p in res.pillars}
    assert pillars["service"].pct == pytest.approx(66.25) and pillars["policy"].pct == pytest.approx(50.0)
    by_pillars = compute(
        items, {"access": 10, "procedures": 40}, {"service": 40, "policy": 40}, 40, overall="pillars"
    )
    assert by_pillars.overall.pct == pytest.approx((66.25 + 50) / 2)
    assert [i.pct for i in res.items][:3] == [80.0, 50.0, 75.0]


def test_no_answers_at_all():
    res = compute([], {}, {}, 0)
    assert res.overall.pct is None and res.overall.n == 0 and all(not e.has_data for e in res.elements)
