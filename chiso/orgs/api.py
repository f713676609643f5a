import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from chiso.orgs import queries
from chiso.orgs.models import Unit
from chiso.orgs.permissions import get_unit_or_404, visible_units

router = Router(tags=["Đơn vị"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_parent_code(obj):
        return obj.parent.code if obj.parent_id else None


class UnitDetailOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    ancestors: list[str]
    predecessors: list[str]
    successors: list[str]
    became: list[str]


class TreeNode(Schema):
    code: str
    name: str
    kind: str
    children: list["TreeNode"]


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    roles: list[dict]


@router.get("/units", response=list[UnitOut])
@paginate(LimitOffsetPagination)
def list_units(request, q: str = "", kind: str = "", on: dt.date | None = None):
    qs = visible_units(request.user).select_related("parent")
    if q:
        qs = qs.search(q)
    if kind:
        qs = qs.filter(kind=kind)
    if on:
        qs = qs.valid_on(on)
    return qs.order_by("path")


@router.get("/units/{code}", response=UnitDetailOut)
def unit_detail(request, code: str):
    unit = get_unit_or_404(request.user, code)
    hist = queries.history(unit)
    out = dict(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        parent_code=unit.parent.code if unit.parent_id else None,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        ancestors=[a.code for a in queries.ancestors(unit)],
        predecessors=[link.predecessor.code for link in hist["predecessors"]],
        successors=[link.successor.code for link in hist["successors"]],
        became=[u.code for u in queries.became(unit)],
    )
    return out


def _node(node) -> dict:
    u = node["unit"]
    return {"code": u.code, "name": u.name, "kind": u.kind, "children": [_node(c) for c in node["children"]]}


@router.get("/units/{code}/tree", response=TreeNode)
def unit_tree(request, code: str, on: dt.date | None = None):
    unit = get_unit_or_404(request.user, code)
    nodes = queries.tree(unit, on or dt.date.today())
    if not nodes:
        raise Http404("Đơn vị không còn hiệu lực tại ngày này")
    return _node(nodes[0])


@router.get("/me", response=MeOut)
def me(request):
    user = request.user
    from chiso.orgs.models import RoleAssignment

    roles = [
        {"role": ra.role, "unit": ra.unit.code, "unit_name": ra.unit.name}
        for ra in RoleAssignment.objects.filter(user=user).select_related("unit")
    ]
    return {"username": user.username, "full_name": user.get_full_name(), "email": user.email, "roles": roles}


__all__ = ["router", "Unit"]
