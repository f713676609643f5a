"""Survey API: indices of a unit and its comments (same permission helpers as the pages)."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from chiso.lib import periods
from chiso.orgs.permissions import READ, get_unit_or_404, scope_q
from chiso.surveys import queries
from chiso.surveys.models import CollectionPoint, Questionnaire

router = Router(tags=["Khảo sát"])


class ScopeOut(Schema):
    scope: str
    label: str
    kind: str
    n: int
    satisfied_pct: float | None
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    small_n: bool


class IndicesOut(Schema):
    unit: str
    period: str
    field: str
    respondents: int
    min_n: int
    overall: ScopeOut
    elements: list[ScopeOut]
    pillars: list[ScopeOut]
    items: list[ScopeOut]


class CommentOut(Schema):
    submitted_at: dt.datetime
    unit: str
    field: str
    comment: str


class PointOut(Schema):
    slug: str
    unit: str
    questionnaire: str
    active: bool


def _scope(s) -> dict:
    r = lambda v: None if v is None else round(v, 2)  # noqa: E731
    return {
        "scope": s.code,
        "label": s.label,
        "kind": s.kind,
        "n": s.n,
        "satisfied_pct": r(s.pct),
        "mean": r(s.mean),
        "ci_low": r(s.ci_low),
        "ci_high": r(s.ci_high),
        "small_n": bool(s.small),
    }


def _period(code: str):
    try:
        return periods.parse(code)
    except ValueError as exc:
        raise Http404(str(exc)) from None


@router.get("/indices", response=IndicesOut, summary="Chỉ số hài lòng của đơn vị (gồm đơn vị trực thuộc)")
def indices(request, unit: str, period: str = "2025", field: str = "", form: int | None = None):
    u = get_unit_or_404(request.user, unit, READ)
    p = _period(period)
    q = Questionnaire.objects.filter(pk=form).first() if form else None
    res = queries.indices(u, p, field, q)
    return {
        "unit": u.code,
        "period": p.code,
        "field": field,
        "respondents": res.respondents,
        "min_n": res.min_n,
        "overall": _scope(res.overall),
        "elements": [_scope(s) for s in res.elements],
        "pillars": [_scope(s) for s in res.pillars],
        "items": [_scope(s) for s in res.items],
    }


@router.get("/comments", response=list[CommentOut], summary="Ý kiến góp ý (tìm không dấu)")
@paginate(LimitOffsetPagination)
def comments(request, unit: str, period: str = "2025", q: str = "", field: str = ""):
    user = request.user
    u = get_unit_or_404(user, unit, READ)
    rows = queries.comments(user, u, _period(period), field, q)
    return [
        {"submitted_at": r.submitted_at, "unit": r.unit.code, "field": r.field, "comment": r.comment}
        for r in rows
    ]


@router.get("/points", response=list[PointOut], summary="Điểm khảo sát (mã QR) trong phạm vi")
@paginate(LimitOffsetPagination)
def points(request):
    user = request.user
    qs = CollectionPoint.objects.filter(scope_q(user, READ)).select_related("unit", "questionnaire")
    return [
        {"slug": p.slug, "unit": p.unit.code, "questionnaire": p.questionnaire.form_id, "active": p.active}
        for p in qs.order_by("unit__code")
    ]
