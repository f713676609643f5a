"""Plans API: the same scoping and actions as the web views."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from chiso.orgs.permissions import READ, get_unit_or_404
from chiso.plans import actions, queries

router = Router(tags=["Kế hoạch – nhiệm vụ"])


class TaskOut(Schema):
    id: int
    title: str
    unit_code: str
    unit_name: str
    directive_id: int | None
    deadline_kind: str
    deadline: dt.date | None
    deadline_label: str
    status: str
    progress: int
    overdue: bool
    index_code: str
    index_year: int | None
    criterion_code: str
    criterion_name: str
    link_unresolved: bool


class TaskUpdateIn(Schema):
    status: str
    progress: int
    text: str


class DirectiveOut(Schema):
    id: int
    kind: str
    number: str
    date: dt.date | None
    issuer: str
    title: str
    status: str


class SubmissionIn(Schema):
    narrative: str = ""
    values: dict[str, str] = {}
    tasks: dict[str, dict] = {}
    submit: bool = False


class SubmissionOut(Schema):
    id: int
    period: str
    unit_code: str
    status: str
    on_time: bool | None
    submitted_at: dt.datetime | None


def _task_out(t) -> dict:
    return {
        "id": t.pk,
        "title": t.title,
        "unit_code": t.unit.code,
        "unit_name": t.unit.name,
        "directive_id": t.directive_id,
        "deadline_kind": t.deadline_kind,
        "deadline": t.deadline,
        "deadline_label": t.deadline_label(),
        "status": t.status,
        "progress": t.progress,
        "overdue": t.is_overdue(),
        "index_code": t.index_code,
        "index_year": t.index_year,
        "criterion_code": t.criterion_code,
        "criterion_name": t.criterion.name if t.criterion_id else "",
        "link_unresolved": t.link_unresolved,
    }


@router.get("/tasks", response=list[TaskOut])
def list_tasks(
    request,
    unit: str = "",
    status: str = "",
    index: str = "",
    criterion: str = "",
    unresolved: bool = False,
    limit: int = 200,
    offset: int = 0,
):
    qs = queries.tasks_for(request.user).select_related("unit", "criterion").order_by("deadline", "id")
    qs = queries.filter_by_link(qs, index, criterion, unresolved)
    if unit:
        qs = qs.filter(unit=get_unit_or_404(request.user, unit, READ))
    if status:
        qs = qs.filter(status=status)
    limit = max(1, min(limit, 1000))
    return [_task_out(t) for t in qs[offset : offset + limit]]


@router.get("/tasks/{task_id}", response=TaskOut)
def get_task(request, task_id: int):
    return _task_out(queries.task_or_404(request.user, task_id))


@router.post("/tasks/{task_id}/updates", response=TaskOut)
def post_update(request, task_id: int, payload: TaskUpdateIn):
    task = queries.task_or_404(request.user, task_id)
    try:
        actions.update_task(
            request.user, task, status=payload.status, progress=payload.progress, text=payload.text
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    task.refresh_from_db()
    return _task_out(task)


@router.get("/directives", response=list[DirectiveOut])
def list_directives(request):
    return list(queries.directives_for(request.user).order_by("-date", "-id")[:500])


@router.put("/periods/{period_id}/submissions/{unit_code}", response=SubmissionOut)
def put_submission(request, period_id: int, unit_code: str, payload: SubmissionIn):
    period = queries.period_or_404(request.user, period_id)
    unit = get_unit_or_404(request.user, unit_code, READ)
    if unit not in queries.reporting_units(period.directive):
        raise Http404("Đơn vị không có nhiệm vụ báo cáo trong văn bản này")
    try:
        if any(not str(k).isdigit() for k in list(payload.values) + list(payload.tasks)):
            raise Http404("Dữ liệu không hợp lệ")
        sub = actions.save_submission(
            request.user,
            period,
            unit,
            narrative=payload.narrative,
            values=payload.values,
            task_rows=payload.tasks,
            submit=payload.submit,
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return {
        "id": sub.pk,
        "period": period.code,
        "unit_code": unit.code,
        "status": sub.status,
        "on_time": sub.on_time,
        "submitted_at": sub.submitted_at,
    }


@router.get("/board")
def board(request):
    data = queries.board(request.user)
    return {
        "total": data["total"],
        "by_status": dict(data["status_totals"]),
        "overdue": [_task_out(t) for t in data["overdue"]],
        "missing_reports": [
            {
                "period_id": m["period"].pk,
                "period": m["period"].code,
                "unit_code": m["unit"].code,
                "due": m["period"].due,
                "late": m["late"],
            }
            for m in data["missing"]
        ],
        "on_time_rates": [
            {
                "unit_code": r["unit"].code,
                "due": r["due"],
                "on_time": r["on_time"],
                "late": r["late"],
                "missing": r["missing"],
                "rate": r["rate"],
            }
            for r in data["rates"]
        ],
        "targets_at_risk": [
            {
                "metric": r["target"].metric_text,
                "metric_code": r["target"].metric_code,
                "operator": r["target"].operator,
                "value": float(r["target"].value),
                "actual": r["actual"],
                "previous": r["previous"],
                "trend": r["trend"],
                "meets": r["meets"],
                "source": r["source"],
                "unjudged": r["unjudged"],
            }
            for r in data["at_risk"]
        ],
    }
