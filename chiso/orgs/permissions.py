"""The one place where "who may do what to which unit" is decided.

A role held on a unit covers that unit and all its descendants (by materialised path).
Views, API and commands call these helpers; they never test roles themselves.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from chiso.orgs.models import Role, RoleAssignment, Unit

READ, WRITE, MANAGE, APPRAISE, SIGN, APPROVE, ADMIN = (
    "read",
    "write",
    "manage",
    "appraise",
    "sign",
    "approve",
    "admin",
)

ROLE_CAPS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({READ, WRITE, MANAGE, APPRAISE, SIGN, APPROVE, ADMIN}),
    Role.REFORM_OFFICE: frozenset({READ, WRITE, MANAGE, APPRAISE}),
    Role.LEADER: frozenset({READ, APPROVE}),
    Role.OFFICER: frozenset({READ, WRITE}),
    Role.HEAD: frozenset({READ, WRITE, SIGN}),
    Role.APPRAISER: frozenset({READ, APPRAISE}),
}


def _grants(user) -> list[tuple[str, str]]:
    """(role, unit path) pairs of the user, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_chiso_grants", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).values_list("role", "unit__path"))
        user._chiso_grants = cached
    return cached


def is_global_admin(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or any(
        role == Role.ADMIN and path.count("/") <= 2 for role, path in _grants(user)
    )


def roles_of(user) -> set[str]:
    return {role for role, _ in _grants(user)}


def scope_paths(user, cap: str = READ) -> list[str] | None:
    """Paths of units under which the user has `cap`; None means everywhere."""
    if is_global_admin(user):
        return None
    paths = sorted({path for role, path in _grants(user) if cap in ROLE_CAPS.get(role, ())})
    # Drop paths already covered by a shorter one.
    out: list[str] = []
    for p in paths:
        if not any(p.startswith(q) for q in out):
            out.append(p)
    return out


def scope_q(user, cap: str = READ, field: str = "unit") -> Q:
    """A Q filtering any model with a unit foreign key (`field`) to what the user may `cap`.

    `field=""` filters Unit itself."""
    paths = scope_paths(user, cap)
    if paths is None:
        return Q()
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for p in paths:
        q |= Q(**{lookup: p})
    return q


def has_perm(user, cap: str, unit: Unit | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if is_global_admin(user):
        return True
    if unit is None:
        return False
    return any(unit.path.startswith(path) and cap in ROLE_CAPS.get(role, ()) for role, path in _grants(user))


def has_role(user, role: str, unit: Unit | None = None) -> bool:
    if is_global_admin(user):
        return True
    return any(r == role and (unit is None or unit.path.startswith(p)) for r, p in _grants(user))


def require(user, cap: str, unit: Unit | None) -> None:
    if not has_perm(user, cap, unit):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với đơn vị này.")


def visible_units(user, cap: str = READ):
    return Unit.objects.filter(scope_q(user, cap, field=""))


def get_unit_or_404(user, code: str, cap: str = READ) -> Unit:
    """A unit the user may `cap`, else 404 — an outsider learns nothing about it."""
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not has_perm(user, cap, unit):
        raise Http404("Không tìm thấy đơn vị")
    return unit


def can_manage_anything(user) -> bool:
    return is_global_admin(user) or any(MANAGE in ROLE_CAPS.get(r, ()) for r, _ in _grants(user))


def home_unit(user) -> Unit | None:
    """The broadest unit the user holds a role on (used as the default page scope)."""
    if user is None or not user.is_authenticated:
        return None
    ra = RoleAssignment.objects.filter(user=user).select_related("unit").order_by("unit__depth").first()
    if ra:
        return ra.unit
    if is_global_admin(user):
        return Unit.objects.filter(kind="province").order_by("path").first()
    return None
