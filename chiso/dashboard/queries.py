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


def latest_period(unit: Unit | None, today: dt.date) -> periods.Period:
    """This year if it has dossiers yet, else the latest of the two years before that has."""
    this_year = periods.year(today.year)
    if unit is None:
        return this_year
    for year in (today.year, today.year - 1, today.year - 2):
        got = kpi_registry.value("dossiers_received", unit, periods.year(year))
        if got is not None and got.numerator:
            return periods.year(year)
    return this_year


def index766(unit: Unit | None, period: periods.Period) -> dict | None:
    """The 766 score computed from the imported dossiers (not a published figure)."""
    if unit is None:
        return None
    from chiso.dossiers.index766 import unit_card

    card = unit_card(unit, period)
    return {"total": card["total"], "groups": card["groups"]}


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


def assessment_summary(user) -> dict:
    """Campaigns the user oversees (office, leader) and the user's own unit assessments."""
    from chiso.assessments.queries import campaigns_for, dashboard_rows, my_assessments

    campaigns = []
    for campaign in campaigns_for(user).order_by("-criteria_set__year", "-id")[:3]:
        _rows, summary = dashboard_rows(campaign)
        campaigns.append({"campaign": campaign, "summary": summary})
    overseen = {c["campaign"].pk for c in campaigns}
    own = [a for a in my_assessments(user)[:50] if a.campaign_id not in overseen][:5]
    return {"campaigns": campaigns, "own": own}


def overview(user, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    unit = scope_unit(user)
    if unit is not None and not has_perm(user, READ, unit):
        unit = None
    province = province_of(unit)
    period = latest_period(unit, today)
    return {
        "unit": unit,
        "province": province,
        "period": period,
        "standings": index_standings(user, province),
        "kpis": headline_kpis(unit, period),
        "index766": index766(unit, period),
        "plans": plan_summary(user, today),
        "assessments": assessment_summary(user),
    }
