"""The leadership overview: one call per capability, each reading precomputed or small data."""

import datetime as dt

from chiso.dossiers import kpi_registry
from chiso.lib import periods
from chiso.orgs.models import Unit, UnitKind
from chiso.orgs.permissions import READ, has_perm, home_unit

HEADLINE_KPIS = [
    "ontime_pct",
    "online_pct",
    "full_online_pct",
    "online_payment_pct",
    "digitised_pct",
    "apology_pct",
    "satisfaction_pct",
]


def scope_unit(user) -> Unit | None:
    """The unit the overview is about: the province of a provincial role, else the user's own unit."""
    return home_unit(user)


def province_of(unit: Unit | None) -> Unit | None:
    if unit is None:
        return None
    return unit if unit.kind == UnitKind.PROVINCE else unit.province()


def index_standings(user, province: Unit | None) -> list[dict]:
    """The first lines of every seed: each index's latest score, rank, change and tier."""
    from chiso.indices import queries as iq

    if province is None:
        return []
    out = []
    for index in iq.indices():
        prof = iq.profile(index, province)
        out.append(
            {
                "index": index,
                "row": prof.row,
                "year": prof.year,
                "sentence": iq.sentence(index, prof.row, prof.table),
                "derived": prof.derived,
            }
        )
    return out


def latest_period(today: dt.date) -> periods.Period:
    """This year, or last year in January when the new year has no data yet."""
    return periods.year(today.year if today.month > 1 else today.year - 1)


def headline_kpis(unit: Unit | None, period: periods.Period) -> list[dict]:
    if unit is None:
        return []
    rows = []
    for code in HEADLINE_KPIS:
        kpi = kpi_registry.get(code)
        if kpi is None:
            continue
        val = kpi.compute(unit, period)
        rows.append(
            {
                "kpi": kpi,
                "value": val.value if val else None,
                "numerator": val.numerator if val else None,
                "denominator": val.denominator if val else None,
            }
        )
    return rows


def plan_summary(user, today: dt.date) -> dict:
    from chiso.plans.queries import board

    b = board(user, today)
    return {
        "total": b["total"],
        "overdue": b["overdue"][:8],
        "overdue_count": len(b["overdue"]),
        "due_soon": b["due_soon"][:5],
        "missing": b["missing"][:8],
        "missing_count": len(b["missing"]),
        "at_risk": b["at_risk"][:8],
        "at_risk_count": len(b["at_risk"]),
    }


def assessment_summary(user) -> list[dict]:
    from chiso.assessments.queries import campaigns_for, dashboard_rows

    out = []
    for campaign in campaigns_for(user).order_by("-criteria_set__year", "-id")[:3]:
        rows = dashboard_rows(campaign)
        out.append({"campaign": campaign, "units": len(rows), "rows": rows})
    return out


def overview(user, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    unit = scope_unit(user)
    if unit is not None and not has_perm(user, READ, unit):
        unit = None
    province = province_of(unit)
    period = latest_period(today)
    return {
        "unit": unit,
        "province": province,
        "period": period,
        "standings": index_standings(user, province),
        "kpis": headline_kpis(unit, period),
        "plans": plan_summary(user, today),
        "assessments": assessment_summary(user),
    }
