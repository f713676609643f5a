"""The 63 provinces before 1/7/2025 and the 34 after, with the merger crosswalk (data/provinces.csv)."""

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction

from chiso.orgs import actions
from chiso.orgs.models import LinkKind, Unit, UnitKind

DATA = Path(__file__).parent / "data" / "provinces.csv"
REFORM_DATE = dt.date(2025, 7, 1)


def _date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def rows() -> list[dict]:
    with open(DATA, encoding="utf-8") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def load_provinces() -> dict:
    """Idempotent: creates or updates the province records and links; returns counts."""
    created = updated = links = 0
    data = rows()
    by_code = {u.code: u for u in Unit.objects.filter(kind=UnitKind.PROVINCE)}
    for i, r in enumerate(data):
        aliases = ";".join(a for a in [r["short"], *r["aliases"].split(";")] if a)
        values = {
            "name": r["name"],
            "kind": UnitKind.PROVINCE,
            "aliases": aliases,
            "region": r["region"],
            "valid_from": _date(r["valid_from"]),
            "valid_to": _date(r["valid_to"]),
            "sort_order": i,
        }
        unit = by_code.get(r["code"]) or Unit(code=r["code"])
        was_new = unit.pk is None
        unit, changed = actions.save_unit(None, unit, **values)
        created += was_new
        updated += changed and not was_new
        by_code[unit.code] = unit
    for r in data:
        if r["successor"]:
            _, made = actions.link_units(
                None,
                by_code[r["code"]],
                by_code[r["successor"]],
                LinkKind.MERGE,
                REFORM_DATE,
                "Nghị quyết 202/2025/QH15",
            )
            links += made
    return {"created": created, "updated": updated, "links": links}
