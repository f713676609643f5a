"""The demo loads, shows a published 2024 ranking and 2025 campaigns in progress, and is idempotent."""

from chiso.assessments import demo
from chiso.assessments.models import Assessment, Campaign, CriteriaSet, Entry
from chiso.orgs import demo as orgs_demo
from chiso.orgs.models import AuditEntry


def test_demo_loads_once(db):
    orgs_demo.load(lambda *a: None)
    demo.load(lambda *a: None)
    assert CriteriaSet.objects.count() == 4
    published = Campaign.objects.get(status=Campaign.Status.PUBLISHED)
    assert published.year == 2024 and published.decision_number
    ranks = sorted(published.assessments.values_list("rank", flat=True))
    assert ranks[0] == 1 and all(r is not None for r in ranks)
    c25 = Campaign.objects.filter(criteria_set__year=2025)
    assert c25.count() == 2
    assert Assessment.objects.filter(
        campaign__in=c25, status=Assessment.Status.DRAFT, unit__code="42X001"
    ).exists()
    assert Assessment.objects.filter(campaign__in=c25, status=Assessment.Status.EXPLANATION).exists()
    counts = (Entry.objects.count(), AuditEntry.objects.count())
    demo.load(lambda *a: None)
    assert (Entry.objects.count(), AuditEntry.objects.count()) == counts
