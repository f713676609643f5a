"""JSON API of the dossiers app: scoped lists, KPIs, the 766 ranking and a push import."""

import datetime as dt
import os
import tempfile

from django.http import Http404
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from chiso.dossiers import index766, kpis, queries
from chiso.dossiers.models import Procedure, ts_to_dt
from chiso.lib import periods
from chiso.lib.tabular import ImportFailed
from chiso.orgs.permissions import get_unit_or_404, has_perm

router = Router(tags=["Hồ sơ TTHC"])


class DossierOut(Schema):
    code: str
    unit: str
    procedure: str
    field: str
    channel: int
    status: int
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    due_original_at: dt.datetime | None
    end_at: dt.datetime | None
    outcome: str
    outcome_original: str
    supplement_count: int
    has_apology: bool

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_procedure(obj):
        return obj.procedure.code

    @staticmethod
    def resolve_field(obj):
        return obj.procedure.field_code

    @staticmethod
    def resolve_outcome(obj):
        return obj.get_outcome_display()

    @staticmethod
    def resolve_outcome_original(obj):
        return obj.get_outcome_original_display()


class KpiOut(Schema):
    kpi: str
    name: str
    unit: str
    numerator: float | None
    denominator: float | None
    value: float | None


class ProcedureKpiOut(Schema):
    procedure: str
    name: str
    field: str
    received: int
    completed: int
    ontime_pct: float | None
    late: int
    late_original: int
    open_overdue: int
    online_pct: float | None
    avg_days: float | None


class RankOut(Schema):
    unit: str
    name: str
    total: float | None
    rank: int | None
    of: int
    groups: dict[str, float | None]
    # The standing in the previous period of the same length, as on the 766 card and in
    # `chiso index766 --with-change` (additive: the fields above are unchanged).
    previous_period: str
    prev_rank: int | None
    prev_of: int | None
    prev_total: float | None
    rank_change: int | None  # previous rank − rank: positive = up; None when either has no rank
    new: bool  # not in force at the end of the previous period


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    seconds: float


class ErrorOut(Schema):
    detail: str
    errors: list[dict]


def _period(code: str):
    try:
        return periods.parse(code)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None


@router.get("/dossiers", response=list[DossierOut])
@paginate(LimitOffsetPagination)
def list_dossiers(request, unit: str = "", late_in: str = "", q: str = ""):
    """Dossiers the caller may read; `late_in=2025-Q3` with `unit` lists the late ones of a period."""
    if late_in:
        if not unit:
            raise HttpError(400, "Cần mã đơn vị (unit) khi lọc hồ sơ trễ hạn")
        u = get_unit_or_404(request.user, unit)
        return queries.late_dossiers(request.user, u, _period(late_in), q=q).order_by("code")
    qs = (
        queries.visible_dossiers(request.user)
        .select_related("unit", "procedure")
        .order_by("-received_ts", "code")
    )
    if unit:
        u = get_unit_or_404(request.user, unit)
        qs = qs.filter(unit__path__startswith=u.path)
    if q:
        qs = qs.filter(code__icontains=q.strip())
    return qs


@router.get("/dossiers/{code}", response=DossierOut)
def get_dossier(request, code: str):
    return queries.get_dossier_or_404(request.user, code)


def _known_procedure(code: str) -> None:
    if code and not Procedure.objects.filter(code=code).exists():
        raise HttpError(404, "Không có thủ tục này trong danh mục")


@router.get("/kpis", response=list[KpiOut])
def get_kpis(request, unit: str, period: str, field: str = "", procedure: str = ""):
    """Every dossier KPI of a unit (with its subtree) in a period; `procedure` (MaTTHC) reads the
    per-procedure aggregates, as the KPI page does with `thu_tuc`."""
    u = get_unit_or_404(request.user, unit)
    _known_procedure(procedure)
    rows = kpis.all_values(u, _period(period), field, procedure)
    return [
        {
            "kpi": r["code"],
            "name": r["kpi"].name_vi,
            "unit": r["kpi"].unit,
            "numerator": r["numerator"],
            "denominator": r["denominator"],
            "value": r["value"],
        }
        for r in rows
    ]


@router.get("/kpis/procedures", response=list[ProcedureKpiOut])
def get_kpis_by_procedure(request, unit: str, period: str, field: str = "", sort: str = "late"):
    """The KPI page's "by procedure" table: every procedure with dossiers in the unit's subtree,
    sorted by `sort` (late, late_original, overdue, received, completed, ontime, online, avg_days, name)."""
    u = get_unit_or_404(request.user, unit)
    return [
        {
            "procedure": r["code"],
            "name": r["name"],
            "field": r["field_name"],
            "received": r["received"],
            "completed": r["completed"],
            "ontime_pct": r["ontime"],
            "late": r["late"],
            "late_original": r["late_original"],
            "open_overdue": r["overdue"],
            "online_pct": r["online"],
            "avg_days": r["avg_days"],
        }
        for r in kpis.procedure_table(u, _period(period), field, sort)
    ]


@router.get("/index766", response=list[RankOut])
def get_index766(request, province: str, period: str, kind: str = "commune"):
    """The ranking of a kind of units in a province, each with its change against the previous
    period of the same length (the 766 page's computation)."""
    prov = get_unit_or_404(request.user, province)
    rows = index766.ranking_with_change(prov, _period(period), kind)
    return [
        {
            "unit": r["unit"].code,
            "name": r["unit"].name,
            "total": r["total"],
            "rank": r["rank"],
            "of": r["of"],
            "groups": {g["code"]: g["score"] for g in r["groups"]},
            "previous_period": r["previous"].code,
            "prev_rank": r["prev_rank"],
            "prev_of": r["prev_of"],
            "prev_total": r["prev_total"],
            "rank_change": r["rank_change"],
            "new": r["new"],
        }
        for r in rows
        if has_perm(request.user, "read", r["unit"])
    ]


@router.post("/import", response={200: ImportOut, 400: ErrorOut, 403: ErrorOut})
def push_import(request, file: UploadedFile = File(...)):  # noqa: B008
    """Push a file of dossiers (or supplements, apologies, procedures) — all or nothing."""
    from chiso.dossiers.importer import import_file

    if not queries.can_import(request.user):
        return Status(403, {"detail": "Bạn không có quyền nhập hồ sơ", "errors": []})
    fd, path = tempfile.mkstemp(suffix=os.path.splitext(file.name or "")[1] or ".json")
    try:
        with os.fdopen(fd, "wb") as f:
            for part in file.chunks():
                f.write(part)
        try:
            r = import_file(path, file.name or "dulieu.json", actor=request.user)
        except ImportFailed as exc:
            return 400, {
                "detail": f"Tệp có {len(exc.errors)} lỗi, chưa lưu gì",
                "errors": [
                    {"file": e.file, "row": e.row, "column": e.column, "message": e.message}
                    for e in exc.errors
                ],
            }
    finally:
        os.remove(path)
    return {
        "rows": r.rows,
        "created": r.created,
        "updated": r.updated,
        "unchanged": r.unchanged,
        "seconds": r.seconds,
    }


__all__ = ["router", "ts_to_dt", "Http404"]
