"""Assessments API: campaigns, a unit's entries, self-assessment values and published results.

Same scoping and actions as the web pages; an outsider gets 404."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema
from ninja.errors import HttpError

from chiso.assessments import actions, queries
from chiso.assessments.models import Campaign

router = Router(tags=["Chấm điểm chỉ số CCHC"])


class CampaignOut(Schema):
    id: int
    name: str
    year: int
    unit_type: str
    status: str
    self_deadline: dt.date
    explanation_deadline: dt.date
    appraisal_deadline: dt.date
    decision_number: str
    decision_date: dt.date | None


class ResultOut(Schema):
    unit: str
    unit_name: str
    points: str | None
    max: str | None
    index: str | None
    grade: str
    rank: int | None
    rank_change: int | None


class EntryOut(Schema):
    code: str
    title: str
    max: str
    self_value: str
    self_points: str | None
    appraised_points: str | None
    final_points: str | None
    survey_points: str | None
    appraiser_comment: str
    explanation_requested: bool
    explanation: str


class AssessmentOut(Schema):
    id: int
    unit: str
    status: str
    late: bool
    entries: list[EntryOut]


class SelfValueIn(Schema):
    code: str
    value: str = ""
    doc_number: str = ""
    doc_date: str = ""
    note: str = ""


def _campaign_out(c: Campaign) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "year": c.year,
        "unit_type": c.criteria_set.unit_type,
        "status": c.status,
        "self_deadline": c.self_deadline,
        "explanation_deadline": c.explanation_deadline,
        "appraisal_deadline": c.appraisal_deadline,
        "decision_number": c.decision_number,
        "decision_date": c.decision_date,
    }


def _s(v):
    return None if v is None else str(v)


def _results(c: Campaign) -> list[dict]:
    rows, _ = queries.results(c)
    return [
        {
            "unit": r["a"].unit.code,
            "unit_name": r["a"].unit.name,
            "points": _s(r["a"].points),
            "max": _s(r["a"].max_points),
            "index": _s(r["a"].index),
            "grade": r["a"].grade,
            "rank": r["a"].rank,
            "rank_change": r["rank_change"],
        }
        for r in rows
    ]


@router.get("/campaigns", response=list[CampaignOut])
def list_campaigns(request):
    return [_campaign_out(c) for c in queries.campaigns_for(request.user)]


@router.get("/campaigns/{campaign_id}/results", response=list[ResultOut])
def campaign_results(request, campaign_id: int):
    c = queries.campaign_or_404(request.user, campaign_id)
    return _results(c)


@router.get("/public/{campaign_id}/results", response=list[ResultOut], auth=None)
def public_results(request, campaign_id: int):
    c = Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.PUBLISHED).first()
    if c is None:
        raise HttpError(404, "Không tìm thấy kết quả đã công bố")
    return _results(c)


def _assessment_out(a) -> dict:
    return {
        "id": a.pk,
        "unit": a.unit.code,
        "status": a.status,
        "late": a.late,
        "entries": [
            {
                "code": e.criterion.code,
                "title": e.criterion.title,
                "max": str(e.criterion.max_points),
                "self_value": e.self_value,
                "self_points": _s(e.self_points),
                "appraised_points": _s(e.appraised_points),
                "final_points": _s(e.final_points),
                "survey_points": _s(e.survey_points),
                "appraiser_comment": e.appraiser_comment,
                "explanation_requested": e.explanation_requested,
                "explanation": e.explanation,
            }
            for e in a.entries.select_related("criterion")
        ],
    }


@router.get("/assessments/{assessment_id}", response=AssessmentOut)
def get_assessment(request, assessment_id: int):
    return _assessment_out(queries.assessment_or_404(request.user, assessment_id))


@router.post("/assessments/{assessment_id}/self", response=AssessmentOut)
def save_self(request, assessment_id: int, values: list[SelfValueIn]):
    a = queries.assessment_or_404(request.user, assessment_id)
    data = {
        v.code: {"value": v.value, "doc_number": v.doc_number, "doc_date": v.doc_date, "note": v.note}
        for v in values
    }
    try:
        errors = actions.save_self_assessment(request.user, a, data)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValidationError as exc:
        raise HttpError(409, "; ".join(exc.messages)) from None
    if errors:
        raise HttpError(422, "; ".join(f"{k}: {v}" for k, v in errors.items()))
    return _assessment_out(a)
