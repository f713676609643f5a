import datetime as dt

import pytest

from chiso.assessments import actions
from chiso.assessments.data.demo_sets import parsed_set
from chiso.assessments.models import Assessment


def good_value(criterion) -> str:
    rule = criterion.rule()
    return {
        "yesno": "có",
        "deadline": "đúng hạn",
        "tiers": "96",
        "proportional": "50",
        "count": "1",
        "deduction": "0",
        "points": "0",
    }.get(rule.shape) or next(iter(rule.params["levels"].values()))[0]


def fill(actor, a: Assessment, overrides=None) -> dict:
    data = {}
    for e in a.entries.select_related("criterion"):
        c = e.criterion
        if c.source == "survey":
            continue
        row = {"value": good_value(c)}
        if c.evidence_required:
            row.update(doc_number="12/KH-UBND", doc_date="10/01/2025")
        data[c.code] = row
    data.update(overrides or {})
    return actions.save_self_assessment(actor, a, data)


def publish(world, campaign, number="12/QĐ-UBND", day=dt.date(2026, 2, 1)):
    """Office computes, leader approves, office publishes."""
    actions.compute_campaign(world.office, campaign)
    actions.approve(world.leader, campaign)
    return actions.publish(world.office, campaign, number, day)


@pytest.fixture
def camp(world):
    """A 2025 commune campaign of province T1 (communes A and B), opened by the office."""
    parsed = parsed_set("commune", 2025, province="T1")
    cset, _ = actions.import_criteria(world.office, parsed, world.province)
    today = dt.date.today()
    c = actions.open_campaign(
        world.office,
        cset,
        name="Đánh giá Chỉ số CCHC xã, phường năm 2025",
        self_deadline=today + dt.timedelta(days=5),
        explanation_deadline=today + dt.timedelta(days=10),
        appraisal_deadline=today + dt.timedelta(days=20),
    )
    c.a = c.assessments.get(unit=world.commune_a)
    c.b = c.assessments.get(unit=world.commune_b)
    return c
