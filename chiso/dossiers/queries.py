"""Scoped reads of dossiers, shared by the views, the API and the commands."""

import datetime as dt

from django.db.models import Case, IntegerField, Q, Value, When

from chiso.dossiers.models import EPOCH, Dossier, Outcome, Procedure
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit
from chiso.orgs.permissions import MANAGE, READ, WRITE, is_global_admin, scope_paths, scope_q

# The province's one-stop operator: whoever may write for its People's Committee office (Văn phòng
# UBND, code "<province>.VP") or its public administration service centre imports the dossiers of
# the whole province. Others import for the units they manage.
ONE_STOP_SUFFIXES = (".VP", ".TTPVHCC")


def import_roots(user) -> list[Unit] | None:
    """Units under which the user may import dossiers; None = everywhere (global admin)."""
    if user is None:
        return None
    if is_global_admin(user):
        return None
    roots = list(Unit.objects.filter(path__in=scope_paths(user, MANAGE) or []))
    for unit in Unit.objects.filter(path__in=scope_paths(user, WRITE) or []):
        if unit.code.endswith(ONE_STOP_SUFFIXES):
            prov = unit.province()
            if prov is not None:
                roots.append(prov)
    return roots


def can_import(user) -> bool:
    roots = import_roots(user)
    return roots is None or bool(roots)


def importable_unit_ids(user) -> set[int] | None:
    roots = import_roots(user)
    if roots is None:
        return None
    q = Q(pk__in=[])
    for r in roots:
        q |= Q(path__startswith=r.path)
    return set(Unit.objects.filter(q).values_list("id", flat=True))


def visible_dossiers(user):
    return Dossier.objects.filter(scope_q(user, READ, field="unit"))


def get_dossier_or_404(user, code: str) -> Dossier:
    from django.http import Http404

    d = visible_dossiers(user).select_related("unit", "procedure").filter(code=code).first()
    if d is None:
        raise Http404("Không tìm thấy hồ sơ")
    return d


def ts(day: dt.date) -> int:
    return int((dt.datetime(day.year, day.month, day.day) - EPOCH).total_seconds())


def late_dossiers(
    user,
    unit: Unit,
    period,
    *,
    field: str = "",
    procedure: str = "",
    q: str = "",
    apology: str = "",
    basis: str = "original",
):
    """Dossiers of the unit's subtree that need attention for the period: completed late in the
    period (against the original or the current due date), and those still open that were received
    by the end of the period and already overdue then (a dossier open at the end of the period but
    finished since is listed in the period it finished, if late). Each branch of the OR has its own index
    (outcome_original/outcome + end_ts; status + due_effective_ts), so a million rows stay fast."""
    s, e = ts(period.start), ts(period.end + dt.timedelta(days=1))
    now = int((dt.datetime.now() - EPOCH).total_seconds())
    # The subtree as a list of ids: with a join on the unit's path PostgreSQL guessed one unit and
    # probed the OR's indexes once per unit (≈ 2 s at a million dossiers for a province).
    subtree = list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))
    qs = visible_dossiers(user).filter(unit_id__in=subtree)
    late_field = "outcome_original" if basis == "original" else "outcome"
    completed_late = Q(**{late_field: Outcome.LATE}, end_ts__gte=s, end_ts__lt=e)
    open_overdue = Q(status__in=(2, 4, 5, 6), due_effective_ts__lt=min(now, e), received_ts__lt=e)
    qs = qs.filter(completed_late | open_overdue)
    if field:
        qs = qs.filter(procedure__field_code=field)
    if procedure:
        qs = qs.filter(procedure__code=procedure)
    if apology == "co":
        qs = qs.filter(has_apology=True)
    elif apology == "chua":
        qs = qs.filter(has_apology=False)
    if q:
        folded = fold(q)
        qs = qs.filter(Q(search__contains=folded) | Q(procedure__search__contains=folded))
    return qs.select_related("unit", "procedure")


def procedure_choices(q: str = "", field: str = "", selected: str = "", limit: int = 80):
    """Procedures for the KPI page's filter: those matching `q` (code, name or field; accent- and
    case-insensitive), the chosen field's first, then by field and code; at most `limit`, plus
    the selected one wherever it ranks. Returns (procedures, how many more matched than shown)."""
    qs = Procedure.objects.all()
    if q.strip():
        qs = qs.filter(search__contains=fold(q))
    if field:
        qs = qs.annotate(
            other_field=Case(
                When(field_code=field, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("other_field", "field_name", "code")
    else:
        qs = qs.order_by("field_name", "code")
    total = qs.count()
    got = list(qs[:limit])
    more = total - len(got)
    if selected and all(p.code != selected for p in got):
        chosen = Procedure.objects.filter(code=selected).first()
        if chosen is not None:
            got.append(chosen)
            got.sort(key=lambda p: (bool(field) and p.field_code != field, p.field_name, p.code))
    return got, more
