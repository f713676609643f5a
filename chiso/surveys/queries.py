"""Scoped reads: indices per unit (rolled up the tree), field and period; comments; ranking; charts."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from chiso.lib.periods import Period
from chiso.orgs.models import Unit
from chiso.orgs.permissions import READ, scope_q
from chiso.surveys import stats
from chiso.surveys.models import FormVersion, Questionnaire, Response, ResponseItem

DEFAULT_MIN_N = 30


def settings_for(questionnaire: Questionnaire | None) -> tuple[int, str, dict[str, str]]:
    """(min_n, overall mode, {question: label}) from the questionnaire's newest version."""
    labels: dict[str, str] = {}
    min_n, overall = DEFAULT_MIN_N, "elements"
    versions = (
        FormVersion.objects.filter(questionnaire=questionnaire)
        if questionnaire
        else FormVersion.objects.all()
    )
    for v in versions.order_by("created_at", "pk"):
        d = v.definition
        min_n, overall = d.get("min_n", min_n), d.get("overall", overall)
        labels.update({q["name"]: q["label"] for q in d["questions"]})
    return min_n, overall, labels


def _items(unit: Unit, period: Period | None, field: str = "", questionnaire=None):
    qs = ResponseItem.objects.filter(unit__path__startswith=unit.path)
    if period is not None:
        qs = qs.filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
    if field:
        qs = qs.filter(field=field)
    if questionnaire is not None:
        qs = qs.filter(response__questionnaire=questionnaire)
    return qs


def _compute_from(qs, min_n, overall, labels) -> stats.Result:
    scored = qs.filter(score__isnull=False).exclude(element="", pillar="")
    counts = []
    for row in (
        scored.values("question", "element", "pillar", "weight")
        .annotate(n=Count("id"), sat=Count("id", filter=Q(satisfied=True)), ssum=Sum("score"))
        .order_by("question")
    ):
        counts.append(
            stats.ItemCount(
                row["question"],
                row["element"],
                row["pillar"],
                row["weight"],
                row["n"],
                row["sat"],
                float(row["ssum"] or 0),
                labels.get(row["question"], row["question"]),
            )
        )
    # Merge rows of the same question that differ only by weight across versions.
    merged: dict[str, stats.ItemCount] = {}
    for c in counts:
        m = merged.get(c.question)
        if m is None:
            merged[c.question] = c
        else:
            m.n, m.satisfied, m.score_sum = m.n + c.n, m.satisfied + c.satisfied, m.score_sum + c.score_sum
    el_resp = dict(
        scored.exclude(element="")
        .values("element")
        .annotate(r=Count("response", distinct=True))
        .values_list("element", "r")
    )
    pil_resp = dict(
        scored.exclude(pillar="")
        .values("pillar")
        .annotate(r=Count("response", distinct=True))
        .values_list("pillar", "r")
    )
    respondents = scored.values("response").distinct().count()
    return stats.compute(list(merged.values()), el_resp, pil_resp, respondents, min_n=min_n, overall=overall)


def indices(unit: Unit, period: Period | None, field: str = "", questionnaire=None) -> stats.Result:
    min_n, overall, labels = settings_for(questionnaire)
    return _compute_from(_items(unit, period, field, questionnaire), min_n, overall, labels)


def province_of(unit: Unit) -> Unit:
    root_id = int(unit.path.strip("/").split("/")[0])
    return Unit.objects.get(pk=root_id)


def ranking(
    parent: Unit, period: Period | None, field: str = "", questionnaire=None
) -> tuple[list[dict], int]:
    """Child units of `parent` by overall % (those with n ≥ min_n ranked, others listed after)."""
    min_n, overall, labels = settings_for(questionnaire)
    children = list(Unit.objects.filter(parent=parent).exclude(kind="desk").order_by("name"))
    if not children:
        children = list(Unit.objects.filter(parent=parent).order_by("name"))
    rows = []
    for child in children:
        res = _compute_from(_items(child, period, field, questionnaire), min_n, overall, labels)
        if res.respondents == 0:
            continue
        rows.append({"unit": child, "result": res, "overall": res.overall})
    ranked = sorted((r for r in rows if not r["overall"].small), key=lambda r: -r["overall"].pct)
    last = None
    for i, r in enumerate(ranked, start=1):
        r["rank"] = (
            last["rank"] if last and round(last["overall"].pct, 2) == round(r["overall"].pct, 2) else i
        )
        last = r
    small = [r for r in rows if r["overall"].small]
    for r in small:
        r["rank"] = None
    return ranked + small, min_n


def monthly(
    unit: Unit, period: Period, field: str = "", questionnaire=None
) -> list[tuple[str, stats.Result]]:
    min_n, overall, labels = settings_for(questionnaire)
    out = []
    for m in period.months():
        out.append((m.code, _compute_from(_items(unit, m, field, questionnaire), min_n, overall, labels)))
    return out


def distribution(
    unit: Unit, period: Period | None, field: str = "", questionnaire=None
) -> dict[str, dict[str, int]]:
    """{question: {value: count}} for the element questions."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for row in (
        _items(unit, period, field, questionnaire)
        .exclude(element="")
        .values("question", "value")
        .annotate(c=Count("id"))
    ):
        out[row["question"]][row["value"]] = row["c"]
    return dict(out)


def monthly_counts(unit: Unit, period: Period):
    return (
        Response.objects.filter(
            unit__path__startswith=unit.path, submitted_on__gte=period.start, submitted_on__lte=period.end
        )
        .annotate(m=TruncMonth("submitted_on"))
        .values("m")
        .annotate(c=Count("id"))
        .order_by("m")
    )


def responses_for(user, unit: Unit, period: Period | None = None, field: str = ""):
    qs = Response.objects.filter(scope_q(user, READ)).filter(unit__path__startswith=unit.path)
    if period is not None:
        qs = qs.filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
    if field:
        qs = qs.filter(field=field)
    return qs.select_related("unit")


def comments(user, unit: Unit, period: Period | None = None, field: str = "", q: str = ""):
    from chiso.lib.vntext import fold

    qs = responses_for(user, unit, period, field).exclude(comment="")
    if q.strip():
        qs = qs.filter(comment_search__contains=fold(q))
    return qs.order_by("-submitted_at", "-pk")


def questionnaires_for(user):
    """Questionnaires a user may see: those owned by a unit in scope or above it (a province form)."""
    return Questionnaire.objects.all().order_by("title")


def fields_of(questionnaire: Questionnaire | None) -> list[tuple[str, str]]:
    from chiso.surveys.xlsform import role_question

    if questionnaire is None or questionnaire.current is None:
        return []
    q = role_question(questionnaire.current.definition, "field")
    return [(c["name"], c["label"]) for c in q["choices"]] if q else []
