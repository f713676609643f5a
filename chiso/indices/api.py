"""JSON API of the indices app (mounted at /api/indices/). Published results and frameworks are
public information (no login); profiles, plans, imports and the agency mapping need a user."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from chiso.indices import actions, planning, queries
from chiso.indices.models import Responsibility
from chiso.lib.ranking import exact
from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import Unit, UnitKind
from chiso.orgs.permissions import MANAGE, get_unit_or_404

router = Router(tags=["Chỉ số"])


def _f(v):
    return None if v is None else round(float(exact(v)), 6)


def _index(code):
    index = queries.get_index(code)
    if index is None:
        raise Http404("Không có chỉ số này")
    return index


def _province(code):
    unit = Unit.objects.filter(code=code, kind=UnitKind.PROVINCE).first()
    if unit is None:
        raise Http404("Không có tỉnh, thành phố này")
    return unit


class NodeOut(Schema):
    code: str
    name: str
    name_en: str
    parent: str | None
    level: int
    max_points: float | None


class VersionOut(Schema):
    code: str
    name: str
    year_from: int
    year_to: int | None
    source: str
    max_total: float | None
    aggregation: str
    grouping: dict
    notes: str
    nodes: list[NodeOut]


class IndexOut(Schema):
    code: str
    short_name: str
    name: str
    unit_label: str
    years: list[int]
    versions: list[str]


class CellOut(Schema):
    score: float | None
    rank: int | None
    of: int


class RowOut(Schema):
    province: str
    province_code: str
    score: float | None
    computed: bool
    rank: int | None
    of: int
    rank_change: int | None
    tier: str | None
    tier_short: str | None
    percentile: float | None
    nodes: dict[str, CellOut]
    derived_from: list[str]


class ResultsOut(Schema):
    index: str
    year: int
    version: str | None
    derived: bool
    national_mean: float | None
    rows: list[RowOut]


def _row(r, version=None) -> dict:
    return {
        "tier_short": queries.short_tier(version, r.tier),
        "province": r.name,
        "province_code": r.province.code,
        "score": _f(r.total.score),
        "computed": r.total.computed,
        "rank": r.total.rank,
        "of": r.total.of,
        "rank_change": r.rank_change,
        "tier": r.tier,
        "percentile": _f(r.percentile),
        "nodes": {
            c: {"score": _f(cell.score), "rank": cell.rank, "of": cell.of}
            for c, cell in r.nodes.items()
            if cell.score is not None
        },
        "derived_from": [s.code for s in r.sources],
    }


@router.get("/", response=list[IndexOut], auth=None)
def list_indices(request):
    return [
        {
            "code": i.code,
            "short_name": i.short_name,
            "name": i.name,
            "unit_label": i.unit_label,
            "years": queries.years_with_results(i),
            "versions": [v.code for v in i.versions.all()],
        }
        for i in queries.indices()
    ]


@router.get("/mappings/{code}", response=list[dict])
def list_mapping(request, code: str):
    province = Unit.objects.filter(code=code).first()
    if province is None or not queries.can_read_responsibilities(request.user, province):
        raise Http404("Không tìm thấy đơn vị")
    return [
        {
            "id": r.pk,
            "index": r.index.code,
            "node_code": r.node_code,
            "agency": r.agency.code,
            "agency_name": r.agency.name,
            "lead": r.lead,
            "note": r.note,
        }
        for r in Responsibility.objects.filter(province=province).select_related("index", "agency")
    ]


class MappingIn(Schema):
    index: str
    node_code: str = ""
    agency: str
    lead: bool = True
    note: str = ""


@router.post("/mappings/{code}", response={200: dict, 201: dict})
def set_mapping(request, code: str, payload: MappingIn):
    province = get_unit_or_404(request.user, code, MANAGE)
    agency = Unit.objects.filter(code=payload.agency).first()
    if agency is None:
        raise HttpError(422, f"Không có cơ quan mã {payload.agency}")
    try:
        obj, created = actions.set_responsibility(
            request.user,
            province,
            _index(payload.index),
            payload.node_code,
            agency,
            payload.lead,
            payload.note,
        )
    except ValidationError as exc:
        raise HttpError(422, exc.messages[0]) from None
    return Status(201 if created else 200, {"id": obj.pk, "created": created})


@router.get("/{index}/frameworks", response=list[VersionOut], auth=None)
def frameworks(request, index: str):
    idx = _index(index)
    out = []
    for v in idx.versions.all():
        nodes = queries.node_tree(v)
        by_pk = {n.pk: n.code for n in nodes}
        out.append(
            {
                "code": v.code,
                "name": v.name,
                "year_from": v.year_from,
                "year_to": v.year_to,
                "source": v.source,
                "max_total": _f(v.max_total),
                "aggregation": v.aggregation,
                "grouping": v.grouping,
                "notes": v.notes,
                "nodes": [
                    {
                        "code": n.code,
                        "name": n.name,
                        "name_en": n.name_en,
                        "parent": by_pk.get(n.parent_id),
                        "level": n.level,
                        "max_points": _f(n.max_points),
                    }
                    for n in nodes
                ],
            }
        )
    return out


@router.get("/{index}/results/{year}", response=ResultsOut, auth=None)
def results(request, index: str, year: int, derived: bool = False):
    idx = _index(index)
    rs = queries.result_set(idx)
    table = queries.derived_table(rs, year) if derived else rs.table(year)
    return {
        "index": idx.code,
        "year": year,
        "version": table.version.code if table.version else None,
        "derived": derived,
        "national_mean": _f(table.total_stats.mean),
        "rows": [_row(r, table.version) for r in table.rows],
    }


@router.get("/{index}/provinces/{code}", response=dict)
def province_profile(request, index: str, code: str, year: int | None = None):
    idx = _index(index)
    prof = queries.profile(idx, _province(code), year)
    if prof.row is None:
        raise HttpError(404, "Chưa có kết quả của tỉnh này")
    strong, weak = queries.strengths(prof.row, prof.table.nodes)
    return {
        "index": idx.code,
        "province": queries.short_name(prof.province),
        "year": prof.year,
        "derived": prof.derived,
        "sentence": queries.sentence(idx, prof.row, prof.table),
        "current": _row(prof.row),
        "history": [_row(r) | {"year": y} for y, r in prof.history],
        "strongest": [s[1].code for s in strong],
        "weakest": [s[1].code for s in weak],
        "national_means": {
            (n.code): _f(prof.table.stats[n.code].mean)
            for n in prof.table.nodes
            if prof.table.stats[n.code].count
        }
        | {"total": _f(prof.table.total_stats.mean)},
    }


class PlanIn(Schema):
    province: str
    year: int
    target_rank: int
    forecast: bool = False
    weights: dict[str, float] = {}
    caps: str = "best"
    limits: dict[str, float] = {}


@router.post("/{index}/plan", response=dict)
def plan(request, index: str, payload: PlanIn):
    idx = _index(index)
    province = _province(payload.province)
    try:
        p = planning.make_plan(
            idx,
            province,
            payload.year,
            payload.target_rank,
            payload.forecast,
            {k: str(v) for k, v in payload.weights.items()},
            payload.caps,
            limits={k: str(v) for k, v in payload.limits.items()},
        )
    except planning.PlanError as exc:
        raise HttpError(422, str(exc)) from None
    data = p.as_json()
    if not queries.can_read_responsibilities(request.user, province):
        for d in data["dimensions"]:
            d["agencies"] = []
        data["actions"] = []
    return data


@router.post("/{index}/import", response=dict)
def import_file(request, index: str, file: UploadedFile = File(...), format: str = Form("long")):  # noqa: B008
    idx = _index(index)
    if not queries.can_manage_indices(request.user):
        raise HttpError(403, "Chỉ cơ quan thường trực CCHC được nhập kết quả công bố")
    try:
        out = actions.import_results(request.user, idx, file, file.name, format)
    except ImportFailed as exc:
        raise HttpError(422, "; ".join(str(e) for e in exc.errors[:50])) from None
    except (ValidationError, PermissionDenied) as exc:
        raise HttpError(422, str(exc)) from None
    return {
        "rows": out.rows,
        "created": out.created,
        "updated": out.updated,
        "unchanged": out.unchanged,
        "years": out.years,
    }
