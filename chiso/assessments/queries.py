"""Read helpers shared by views, API and commands, scoped to what a user may see."""

from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from chiso.assessments.models import Assessment, Campaign, CriteriaSet, Entry, Evidence
from chiso.lib import scoring
from chiso.orgs.permissions import MANAGE, READ, has_perm, scope_q


def assessment_or_404(user, pk, cap: str = READ) -> Assessment:
    a = Assessment.objects.select_related("campaign__criteria_set__province", "unit").filter(pk=pk).first()
    if a is None or not has_perm(user, cap, a.unit):
        raise Http404("Không tìm thấy bản đánh giá")
    return a


def campaign_or_404(user, pk, cap: str = READ) -> Campaign:
    c = Campaign.objects.select_related("criteria_set__province").filter(pk=pk).first()
    if c is None or not has_perm(user, cap, c.criteria_set.province):
        raise Http404("Không tìm thấy đợt đánh giá")
    return c


def criteria_set_or_404(user, pk, cap: str = READ) -> CriteriaSet:
    s = CriteriaSet.objects.select_related("province").filter(pk=pk).first()
    if s is None or not has_perm(user, cap, s.province):
        raise Http404("Không tìm thấy bộ tiêu chí")
    return s


def evidence_or_404(user, pk) -> Evidence:
    ev = Evidence.objects.select_related("entry__assessment__unit").filter(pk=pk).first()
    if ev is None or not has_perm(user, READ, ev.entry.assessment.unit):
        raise Http404("Không tìm thấy tài liệu")
    return ev


def campaigns_for(user):
    return Campaign.objects.filter(scope_q(user, READ, field="criteria_set__province")).select_related(
        "criteria_set__province"
    )


def criteria_sets_for(user):
    return CriteriaSet.objects.filter(scope_q(user, READ, field="province")).select_related("province")


def my_assessments(user):
    return (
        Assessment.objects.filter(scope_q(user, READ))
        .filter(
            campaign__status__in=[Campaign.Status.OPEN, Campaign.Status.COMPUTED, Campaign.Status.PUBLISHED]
        )
        .select_related("campaign__criteria_set", "unit")
        .order_by("-campaign__criteria_set__year", "unit__code")
    )


def may_manage(user, campaign: Campaign) -> bool:
    return has_perm(user, MANAGE, campaign.province)


def dashboard_rows(campaign: Campaign):
    today = timezone.localdate()
    rows = []
    qs = campaign.assessments.select_related("unit").annotate(
        n_entries=Count("entries"),
        n_filled=Count("entries", filter=~Q(entries__self_value="") | Q(entries__criterion__source="survey")),
        n_appraised=Count("entries", filter=Q(entries__appraised_points__isnull=False)),
        n_requests=Count("entries", filter=Q(entries__explanation_requested=True)),
    )
    for a in qs:
        rows.append(a)
    summary = {
        "total": len(rows),
        "draft": sum(a.status == Assessment.Status.DRAFT for a in rows),
        "submitted": sum(a.status != Assessment.Status.DRAFT for a in rows),
        "late": sum(a.late for a in rows),
        "explanation": sum(a.status == Assessment.Status.EXPLANATION for a in rows),
        "final": sum(a.status == Assessment.Status.FINAL for a in rows),
        "days_left": (campaign.self_deadline - today).days,
        "explain_days_left": (campaign.explanation_deadline - today).days,
        "appraisal_days_left": (campaign.appraisal_deadline - today).days,
    }
    return rows, summary


def tree_rows(assessment: Assessment):
    """Rows in tree order: criteria (parents and leaves) with the entry of each leaf and subtotals."""
    cset = assessment.campaign.criteria_set
    criteria = list(cset.criteria.all())
    entries = {
        e.criterion_id: e for e in assessment.entries.select_related("criterion").prefetch_related("evidence")
    }
    roots = scoring.build_tree(cset.nodes())
    by_code = {c.code: c for c in criteria}
    result_self = scoring.compute(roots, self_points(entries.values()), cset.na_policy)
    from chiso.assessments.actions import leaf_points

    result_final = scoring.compute(roots, leaf_points(entries.values()), cset.na_policy)
    rows = []
    for c in criteria:
        e = entries.get(c.id)
        rows.append(
            {
                "c": c,
                "e": e,
                "leaf": e is not None,
                "self": result_self.nodes.get(c.code),
                "final": result_final.nodes.get(c.code),
                "indent": c.level - 1,
            }
        )
    return rows, result_self, result_final, by_code


def self_points(entries) -> dict:
    out = {}
    for e in entries:
        if e.criterion.source == "survey":
            out[e.criterion.code] = e.survey_points
        elif e.not_applicable:
            out[e.criterion.code] = scoring.NA
        else:
            out[e.criterion.code] = e.self_points
    return out


def points_lost(assessment: Assessment) -> list[dict]:
    """Every sub-criterion below its maximum: points lost and the appraisers' comment, biggest loss first."""
    from chiso.assessments.actions import leaf_points

    entries = list(assessment.entries.select_related("criterion"))
    pts = leaf_points(entries)
    out = []
    for e in entries:
        c = e.criterion
        p = pts.get(c.code)
        if p is scoring.NA:
            continue
        p = Decimal(p or 0)
        if c.section == "bonus":
            continue  # a bonus not earned is not a point lost
        # a penalty item's points are subtracted from the total: all of them are lost
        lost = p if c.section == "penalty" else c.max_points - p
        if lost > 0:
            out.append({"c": c, "e": e, "points": p, "lost": scoring.q2(lost)})
    out.sort(key=lambda r: (-r["lost"], r["c"].order))
    return out


def previous_results(campaign: Campaign) -> dict[int, Assessment]:
    """Unit id → last year's published assessment of the same province and unit type."""
    prev = (
        Campaign.objects.filter(
            criteria_set__province=campaign.criteria_set.province,
            criteria_set__unit_type=campaign.criteria_set.unit_type,
            criteria_set__year=campaign.criteria_set.year - 1,
            status=Campaign.Status.PUBLISHED,
        )
        .order_by("-published_at")
        .first()
    )
    if prev is None:
        return {}
    return {a.unit_id: a for a in prev.assessments.all()}


def results(campaign: Campaign, q: str = "", sort: str = "rank"):
    prev = previous_results(campaign)
    rows = list(campaign.assessments.select_related("unit"))
    roots = [c for c in campaign.criteria_set.criteria.all() if c.parent_id is None and c.section == "main"]
    out = []
    for a in rows:
        p = prev.get(a.unit_id)
        out.append(
            {
                "a": a,
                "fields": [(r.code, (a.field_pct or {}).get(r.code, [None, None, None])[2]) for r in roots],
                "prev_index": p.index if p else None,
                "prev_rank": p.rank if p else None,
                "rank_change": (p.rank - a.rank) if (p and p.rank and a.rank) else None,
                "index_change": (a.index - p.index)
                if (p and p.index is not None and a.index is not None)
                else None,
            }
        )
    if q:
        from chiso.lib.vntext import fold

        out = [r for r in out if fold(q) in fold(r["a"].unit.name) or fold(q) in fold(r["a"].unit.code)]
    keys = {
        "rank": lambda r: (r["a"].rank or 10**6, r["a"].unit.name),
        "name": lambda r: r["a"].unit.name,
        "-index": lambda r: -(r["a"].index or 0),
        "index": lambda r: r["a"].index or 0,
    }
    out.sort(key=keys.get(sort, keys["rank"]))
    return out, roots


def entry_or_404(assessment: Assessment, entry_id) -> Entry:
    e = assessment.entries.select_related("criterion").filter(pk=entry_id).first()
    if e is None:
        raise Http404("Không tìm thấy tiêu chí")
    return e
