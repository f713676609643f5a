"""Scoped reads: indices per unit (rolled up the tree), field and period; comments; ranking; charts."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from chiso.lib.periods import Period
from chiso.orgs.models import COMMUNE_KINDS, Unit, UnitKind
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


def _aggregate(qs, by: str | None = None):
    """Grouped counts of scored answers: one bucket per value of `by` ("unit_id", "m" = month), else
    a single bucket under None."""
    scored = qs.filter(score__isnull=False).exclude(element="", pillar="")
    if by == "m":
        scored = scored.annotate(m=TruncMonth("submitted_on"))
    u = [by] if by else []
    buckets: dict = defaultdict(
        lambda: {"items": {}, "el": defaultdict(int), "pil": defaultdict(int), "resp": 0}
    )
    for row in (
        scored.values(*u, "question", "element", "pillar", "weight")
        .annotate(n=Count("id"), sat=Count("id", filter=Q(satisfied=True)), ssum=Sum("score"))
        .order_by()
    ):
        b = buckets[row.get(by) if by else None]
        key = row["question"]
        prev = b["items"].get(key)
        if prev is None:
            b["items"][key] = [
                row["element"],
                row["pillar"],
                row["weight"],
                row["n"],
                row["sat"],
                float(row["ssum"] or 0),
            ]
        else:  # the same question with another weight in another version
            prev[3] += row["n"]
            prev[4] += row["sat"]
            prev[5] += float(row["ssum"] or 0)
    for field, name in (("element", "el"), ("pillar", "pil")):
        for row in (
            scored.exclude(**{field: ""})
            .values(*u, field)
            .annotate(r=Count("response", distinct=True))
            .order_by()
        ):
            buckets[row.get(by) if by else None][name][row[field]] += row["r"]
    if by:
        for row in scored.values(by).annotate(r=Count("response", distinct=True)).order_by():
            buckets[row[by]]["resp"] += row["r"]
    else:
        buckets[None]["resp"] = scored.aggregate(r=Count("response", distinct=True))["r"] or 0
    return buckets


def _merge(target: dict, b: dict) -> None:
    for key, vals in b["items"].items():
        prev = target["items"].get(key)
        if prev is None:
            target["items"][key] = list(vals)
        else:
            for i in (3, 4, 5):
                prev[i] += vals[i]
    for name in ("el", "pil"):
        for k, v in b[name].items():
            target[name][k] += v
    target["resp"] += b["resp"]


def _result(bucket, min_n, overall, labels) -> stats.Result:
    order = {name: i for i, name in enumerate(labels)}
    counts = [
        stats.ItemCount(q, e, p, w, n, sat, ssum, labels.get(q, q))
        for q, (e, p, w, n, sat, ssum) in sorted(
            bucket["items"].items(), key=lambda kv: (order.get(kv[0], 999), kv[0])
        )
    ]
    return stats.compute(
        counts, dict(bucket["el"]), dict(bucket["pil"]), bucket["resp"], min_n=min_n, overall=overall
    )


def _empty_bucket():
    return {"items": {}, "el": defaultdict(int), "pil": defaultdict(int), "resp": 0}


def _compute_from(qs, min_n, overall, labels) -> stats.Result:
    buckets = _aggregate(qs)
    return _result(buckets.get(None) or _empty_bucket(), min_n, overall, labels)


def indices(unit: Unit, period: Period | None, field: str = "", questionnaire=None) -> stats.Result:
    min_n, overall, labels = settings_for(questionnaire)
    return _compute_from(_items(unit, period, field, questionnaire), min_n, overall, labels)


def province_of(unit: Unit) -> Unit:
    root_id = int(unit.path.strip("/").split("/")[0])
    return Unit.objects.get(pk=root_id)


RANK_GROUPS = [
    ("Xã, phường, đặc khu", set(COMMUNE_KINDS)),
    ("Sở, ban, ngành", {UnitKind.DEPARTMENT}),
    ("Quận, huyện, thị xã", {UnitKind.DISTRICT}),
    ("Bộ phận Một cửa", {UnitKind.DESK}),
]


def _group_of(unit: Unit) -> int:
    return next((i for i, (_, kinds) in enumerate(RANK_GROUPS) if unit.kind in kinds), len(RANK_GROUPS))


def ranking(
    parent: Unit, period: Period | None, field: str = "", questionnaire=None
) -> tuple[list[dict], int]:
    """Child units of `parent` in force at the period's end, ranked within their kind (communes and
    wards together, departments together, …) by overall % — those with n ≥ min_n ranked, ties share
    a rank; the others listed after, unranked. Desks are ranked only under a unit that has no other
    children. → ([{"label", "rows"}, …] in RANK_GROUPS order, min_n). Three grouped queries, rolled
    up to the children in Python."""
    min_n, overall, labels = settings_for(questionnaire)
    in_force = Unit.objects.filter(parent=parent).valid_on(period.end if period else None)
    children = list(in_force.exclude(kind=UnitKind.DESK).order_by("name"))
    if not children:
        children = list(in_force.order_by("name"))
    if not children:
        return [], min_n
    buckets = _aggregate(_items(parent, period, field, questionnaire), by="unit_id")
    paths = dict(Unit.objects.filter(pk__in=[k for k in buckets if k is not None]).values_list("pk", "path"))
    per_child = {c.pk: _empty_bucket() for c in children}
    for unit_id, b in buckets.items():
        path = paths.get(unit_id, "")
        child = next((c for c in children if path.startswith(c.path)), None)
        if child is not None:
            _merge(per_child[child.pk], b)
    groups: dict[int, list[dict]] = defaultdict(list)
    for child in children:
        res = _result(per_child[child.pk], min_n, overall, labels)
        if res.respondents:
            groups[_group_of(child)].append({"unit": child, "result": res, "overall": res.overall})
    out = []
    for g in sorted(groups):
        rows = _ranked(groups[g])
        out.append(
            {
                "label": RANK_GROUPS[g][0] if g < len(RANK_GROUPS) else "Đơn vị khác",
                "rows": rows,
                "ranked": sum(1 for r in rows if r["rank"] is not None),
            }
        )
    return out, min_n


def _ranked(rows: list[dict]) -> list[dict]:
    ranked = sorted(
        (r for r in rows if not r["overall"].small), key=lambda r: (-r["overall"].pct, r["unit"].name)
    )
    last = None
    for i, r in enumerate(ranked, start=1):
        r["rank"] = (
            last["rank"] if last and round(last["overall"].pct, 2) == round(r["overall"].pct, 2) else i
        )
        last = r
    small = [r for r in rows if r["overall"].small]
    for r in small:
        r["rank"] = None
    return ranked + small


def monthly(
    unit: Unit, period: Period, field: str = "", questionnaire=None
) -> list[tuple[str, stats.Result]]:
    min_n, overall, labels = settings_for(questionnaire)
    buckets = _aggregate(_items(unit, period, field, questionnaire), by="m")
    by_month = {}
    for key, b in buckets.items():
        d = key.date() if hasattr(key, "date") else key
        by_month[f"{d.year}-{d.month:02d}"] = b
    return [
        (m.code, _result(by_month.get(m.code) or _empty_bucket(), min_n, overall, labels))
        for m in period.months()
    ]


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


def fields_of(questionnaire: Questionnaire | None) -> list[tuple[str, str]]:
    from chiso.surveys.xlsform import role_question

    if questionnaire is None or questionnaire.current is None:
        return []
    q = role_question(questionnaire.current.definition, "field")
    return [(c["name"], c["label"]) for c in q["choices"]] if q else []
