"""Read helpers for the unit tree. Each is one or two queries, whatever the depth."""

import datetime as dt
from collections import defaultdict

from chiso.lib.vntext import province_key
from chiso.orgs.models import Unit, UnitKind, UnitLink


def units_of_province(province: Unit, on: dt.date | None = None, kinds=None):
    qs = Unit.objects.under(province).valid_on(on)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs


def ancestors(unit: Unit, on: dt.date | None = None) -> list[Unit]:
    """Root first. A unit's parent never changes, so the path is the answer; `on` filters
    out ancestors not in force that day."""
    ids = unit.ancestor_ids()
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids).valid_on(on)}
    return [by_id[i] for i in ids if i in by_id]


def descendants(unit: Unit, on: dt.date | None = None, include_self: bool = False):
    return Unit.objects.under(unit, include_self=include_self).valid_on(on)


def tree(root: Unit, on: dt.date | None = None) -> list[dict]:
    """Nested [{unit, children: [...]}] under `root` as of `on`, from one query."""
    units = list(descendants(root, on, include_self=True).order_by("depth", "sort_order", "name"))
    nodes = {u.pk: {"unit": u, "children": []} for u in units}
    roots = []
    for u in units:
        node = nodes[u.pk]
        if u.pk != root.pk and u.parent_id in nodes:
            nodes[u.parent_id]["children"].append(node)
        elif u.pk == root.pk:
            roots.append(node)
    return roots


def _links():
    succ, pred = defaultdict(list), defaultdict(list)
    for link in UnitLink.objects.all().values("predecessor_id", "successor_id", "kind", "date"):
        succ[link["predecessor_id"]].append(link)
        pred[link["successor_id"]].append(link)
    return succ, pred


def became(unit: Unit) -> list[Unit]:
    """What a former unit became: the successor units with no successor themselves (transitive)."""
    succ, _ = _links()
    seen, frontier, finals = {unit.pk}, [unit.pk], []
    while frontier:
        nxt = []
        for uid in frontier:
            for link in succ.get(uid, []):
                sid = link["successor_id"]
                if sid in seen:
                    continue
                seen.add(sid)
                (nxt if succ.get(sid) else finals).append(sid)
        frontier = nxt
    return list(Unit.objects.filter(pk__in=finals).order_by("name"))


def formed_from(unit: Unit, transitive: bool = True) -> list[Unit]:
    """The former units this unit was formed from."""
    _, pred = _links()
    seen, frontier, out = {unit.pk}, [unit.pk], []
    while frontier:
        nxt = []
        for uid in frontier:
            for link in pred.get(uid, []):
                pid = link["predecessor_id"]
                if pid not in seen:
                    seen.add(pid)
                    out.append(pid)
                    if transitive:
                        nxt.append(pid)
        frontier = nxt
    return list(Unit.objects.filter(pk__in=out).order_by("name"))


def history(unit: Unit) -> dict:
    """Direct links both ways, for the unit page."""
    return {
        "predecessors": list(
            UnitLink.objects.filter(successor=unit)
            .select_related("predecessor")
            .order_by("predecessor__name")
        ),
        "successors": list(
            UnitLink.objects.filter(predecessor=unit).select_related("successor").order_by("successor__name")
        ),
    }


def provinces(on: dt.date | None = None):
    return Unit.objects.filter(kind=UnitKind.PROVINCE).valid_on(on).order_by("name")


def province_index() -> dict[str, list[Unit]]:
    """province_key(name or alias) → province units (any date). For matching names from files."""
    out: dict[str, list[Unit]] = defaultdict(list)
    for u in Unit.objects.filter(kind=UnitKind.PROVINCE):
        for name in [u.name, *u.alias_list()]:
            key = province_key(name)
            if u not in out[key]:
                out[key].append(u)
    return out


def find_province(name: str, on: dt.date | None = None) -> Unit | None:
    """Match a province by name, accent-insensitively; prefers the one in force on `on`."""
    candidates = province_index().get(province_key(name), [])
    if on is not None:
        valid = [u for u in candidates if u.is_valid_on(on)]
        if valid:
            return valid[0]
    if len(candidates) == 1:
        return candidates[0]
    current = [u for u in candidates if u.valid_to is None]
    return current[0] if current else (candidates[0] if candidates else None)
