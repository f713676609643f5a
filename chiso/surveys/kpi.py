"""The `satisfaction_pct` KPI for the dossier KPI registry."""


def satisfaction_provider(unit, period, **filters):
    """(numerator, denominator) so that numerator / denominator × 100 = the overall index, or None.
    Filters: `field` (a choice of the form's field question), `questionnaire` (that form only)."""
    from chiso.surveys import queries

    res = queries.indices(unit, period, filters.get("field", ""), filters.get("questionnaire"))
    if res.overall.pct is None or not res.overall.n:
        return None
    n = res.overall.n
    return (res.overall.pct * n / 100.0, n)
