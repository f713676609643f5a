"""Scoped reads of the plans app: what a user may see, report templates, the follow-up board."""

import dataclasses
import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Q
from django.http import Http404

from chiso.dossiers import kpi_registry
from chiso.lib import periods as lib_periods
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit
from chiso.orgs.permissions import MANAGE, READ, has_perm, scope_q
from chiso.plans import criteria
from chiso.plans import fields as plan_fields
from chiso.plans.models import (
    DeadlineKind,
    Directive,
    ReportingPeriod,
    ScopeKind,
    SubmissionStatus,
    SubmissionValue,
    Target,
    Task,
    TaskStatus,
)

OPEN = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


def tasks_for(user):
    """Tasks the user may read: those led by a unit in scope, or coordinated by one."""
    return Task.objects.filter(
        Q(pk__in=Task.objects.filter(scope_q(user, READ, "unit")).values("pk"))
        | Q(pk__in=Task.objects.filter(scope_q(user, READ, "partners")).values("pk"))
    )


def task_or_404(user, pk) -> Task:
    task = tasks_for(user).select_related("unit", "directive", "criterion__version").filter(pk=pk).first()
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ")
    return task


def filter_by_link(qs, index_code: str = "", criterion_code: str = "", unresolved: bool = False):
    """Tasks serving an index (its code) and one of its criteria (node code), or whose link is unresolved."""
    if index_code:
        qs = qs.filter(index_code=index_code)
        if criterion_code:
            qs = qs.filter(criterion__code=criterion_code)
    if unresolved:
        qs = qs.filter(criteria.unresolved_q())
    return qs


def criterion_choices(user, index_code: str) -> list[tuple[str, str]]:
    """The criteria (code, name) of an index that the user's tasks serve: the filter's options."""
    if not index_code:
        return []
    rows = (
        tasks_for(user)
        .filter(index_code=index_code, criterion__isnull=False)
        .values_list("criterion__code", "criterion__name")
        .order_by("criterion__code")
        .distinct()
    )
    return list(dict.fromkeys(rows))


def criteria_summary(tasks, today: dt.date) -> list[dict]:
    """Tasks per index and criterion: total, open, overdue (one row per index code + criterion code)."""
    names = {i.code: i.short_name for i in criteria.Index.objects.all()}
    rows: dict[tuple, dict] = {}
    for t in tasks:
        if not (t.index_code or t.criterion_code):
            continue
        key = (t.index_code, t.criterion.code if t.criterion_id else t.criterion_code)
        r = rows.setdefault(
            key,
            {
                "index_code": t.index_code,
                "index_name": names.get(t.index_code, t.index_code),
                "criterion_code": key[1],
                "criterion_name": t.criterion.name if t.criterion_id else "",
                "unresolved": t.link_unresolved,
                "total": 0,
                "open": 0,
                "overdue": 0,
            },
        )
        r["total"] += 1
        r["open"] += t.status in OPEN
        r["overdue"] += t.is_overdue(today)
    return sorted(rows.values(), key=lambda r: (r["index_name"], r["criterion_code"]))


def directives_for(user):
    """Directives whose scope the user reads, or which give the user's units a task."""
    own = Directive.objects.filter(scope_q(user, READ, "unit")).values("pk")
    via = tasks_for(user).values("directive_id")
    return Directive.objects.filter(Q(pk__in=own) | Q(pk__in=via))


def directive_or_404(user, pk) -> Directive:
    d = directives_for(user).select_related("unit").filter(pk=pk).first()
    if d is None:
        raise Http404("Không tìm thấy văn bản")
    return d


def task_groups(tasks, today: dt.date) -> list[dict]:
    """Tasks of a directive grouped by their wording (a heading addressed to many units gives one task
    per unit): title, deadline, units, done and overdue counts, in document order."""
    groups: dict[str, dict] = {}
    for t in tasks:
        g = groups.setdefault(
            f"{t.title}|{t.section}",
            {
                "title": t.title,
                "first": t,
                "deadline": t.deadline_label(),
                "tasks": [],
                "done": 0,
                "overdue": 0,
                "progress": 0,
            },
        )
        g["tasks"].append(t)
        g["done"] += t.status == TaskStatus.DONE
        g["overdue"] += t.is_overdue(today)
        g["progress"] += t.progress
    for g in groups.values():
        g["progress"] = g["progress"] / len(g["tasks"])
        g["units"] = ", ".join(t.unit.name for t in g["tasks"][:3]) + (
            f" và {len(g['tasks']) - 3} đơn vị khác" if len(g["tasks"]) > 3 else ""
        )
    return list(groups.values())


def can_manage(user, directive: Directive) -> bool:
    return has_perm(user, MANAGE, directive.unit)


def template_for(directive: Directive, unit: Unit) -> dict:
    """The report template (appendix) of a directive for one unit: its targets and tasks."""
    targets = [t for t in directive.targets.select_related("unit") if t.applies_to(unit)]
    tasks = list(directive.tasks.filter(unit=unit).exclude(status=TaskStatus.CANCELLED).order_by("id"))
    return {"targets": targets, "tasks": tasks}


def reporting_units(directive: Directive) -> list[Unit]:
    """Units expected to report for a directive: the lead units of its tasks and unit-scoped targets."""
    ids = set(directive.tasks.exclude(status=TaskStatus.CANCELLED).values_list("unit_id", flat=True))
    ids |= set(directive.targets.filter(scope=ScopeKind.UNIT).values_list("unit_id", flat=True))
    return list(Unit.objects.filter(pk__in=ids).order_by("name"))


def current_period(directive: Directive, today: dt.date) -> ReportingPeriod | None:
    """The period whose report is due next (or the last one, when all are past)."""
    qs = directive.periods.order_by("due")
    return qs.filter(due__gte=today).first() or qs.last()


def periods_for(user):
    return ReportingPeriod.objects.filter(directive__in=directives_for(user))


def period_or_404(user, pk) -> ReportingPeriod:
    p = periods_for(user).select_related("directive", "directive__unit").filter(pk=pk).first()
    if p is None:
        raise Http404("Không tìm thấy kỳ báo cáo")
    return p


def period_status(period: ReportingPeriod, units: list[Unit], today: dt.date) -> list[dict]:
    subs = {s.unit_id: s for s in period.submissions.all()}
    rows = []
    for u in units:
        s = subs.get(u.pk)
        submitted = s is not None and s.status == SubmissionStatus.SUBMITTED
        rows.append(
            {
                "unit": u,
                "submission": s,
                "submitted": submitted,
                "on_time": s.on_time if submitted else None,
                "late_open": not submitted and period.due < today,
            }
        )
    return rows


def known_fields() -> list[tuple[str, str]]:
    """The procedure fields (code, name) of the dossiers catalogue, by name."""
    from chiso.dossiers.models import Procedure

    rows = Procedure.objects.order_by("field_name", "field_code").values_list("field_code", "field_name")
    return list(dict.fromkeys(rows))


def target_field(target: Target, fields: list[tuple[str, str]] | None = None) -> dict | None:
    """For a field-scoped target: which procedure field(s) it measures — the office's pick, else the
    fields its wording names. None for other scopes."""
    if target.scope != ScopeKind.FIELD:
        return None
    fields = known_fields() if fields is None else fields
    if target.field_code:
        found = [(c, n) for c, n in fields if c == target.field_code] or [(target.field_code, "")]
        how = "picked"
    else:
        found = plan_fields.resolve(target.field, fields)
        how = "wording"
    known = {c for c, _ in fields}
    if not found or any(c not in known for c, _ in found):
        what = target.field_code or plan_fields.wording(target.field) or "(chưa nêu)"
        return {
            "codes": [],
            "found": [],
            "label": "",
            "how": how,
            "error": f"Không xác định được lĩnh vực “{what}” trong danh mục thủ tục hành chính",
        }
    return {
        "codes": [c for c, _ in found],
        "found": found,
        "label": plan_fields.label(found),
        "how": how,
        "error": "",
    }


# KPI sources whose providers split by field: dossiers by procedure field code, surveys by the
# choices of each form's field question (mapped from the procedure fields, `fields.survey_choices`).
FIELD_SOURCES = ("dossiers", "surveys")


def _survey_parts(kpi, unit: Unit, period, field: dict) -> tuple[list, list[str], list[str]]:
    """A surveys KPI on a field: (provider parts of the forms that answer for the field, what was left
    out, why nothing could be judged). A form without a field question cannot tell the field; its
    responses are never counted as the field's."""
    from django.db.models import Count

    from chiso.surveys.models import Questionnaire, Response
    from chiso.surveys.queries import fields_of

    counts = dict(
        Response.objects.filter(
            unit__path__startswith=unit.path, submitted_on__gte=period.start, submitted_on__lte=period.end
        )
        .values_list("questionnaire")
        .annotate(n=Count("id"))
        .order_by()
    )
    parts, blind, unmatched, used = [], [], [], []
    for q in Questionnaire.objects.filter(pk__in=counts).order_by("title", "pk"):
        choices = fields_of(q)
        names = plan_fields.survey_choices(field["found"], choices)
        if not choices:
            blind.append(f"biểu mẫu “{q.title}” không có câu hỏi lĩnh vực ({counts[q.pk]} phiếu)")
        elif not names:
            unmatched.append(
                f"câu hỏi lĩnh vực của biểu mẫu “{q.title}” không có lĩnh vực {field['label']} "
                f"({counts[q.pk]} phiếu)"
            )
        else:
            labels = dict(choices)
            used += [f"“{labels[n]}”" for n in names]
            parts += [kpi.provider(unit, period, field=n, questionnaire=q) for n in names]
    left_out = [f"khảo sát: lĩnh vực {', '.join(dict.fromkeys(used))}"] if used else []
    left_out += [f"không tính: {b}" for b in blind + unmatched]
    return parts, left_out, blind + unmatched


def _kpi_value(code: str, unit: Unit, period, field: dict | None):
    """A registry KPI of a unit and period, restricted to the target's field when given (summed over
    its parts) → (KpiValue or None, notes on what the figure counts or leaves out, why there is none)."""
    if field is None:
        return kpi_registry.value(code, unit, period), [], []
    kpi = kpi_registry.get(code)
    notes, blockers = [], []
    if kpi.source == "surveys":
        parts, notes, blockers = _survey_parts(kpi, unit, period, field)
    else:
        parts = [kpi.provider(unit, period, field=c) for c in field["codes"]] if kpi.provider else []
    parts = [p for p in parts if p is not None]
    if not parts:
        return None, notes, blockers
    num, den = sum(p[0] for p in parts), sum(p[1] for p in parts)
    value = dataclasses.replace(kpi, provider=lambda *a, **k: (num, den)).compute(unit, period)
    return value, notes, []


def kpi_actual(target: Target, today: dt.date, fields: list[tuple[str, str]] | None = None) -> dict:
    """Actual value and trend for a target: KPI registry for KPI metrics, else latest reported values.

    A field-scoped KPI target reads the KPI of its field only (procedure fields for dossier KPIs, the
    matching choices of each survey form's field question for survey KPIs); when the field cannot be
    resolved, the KPI cannot be split by field or no survey form can tell the field, it stays unjudged
    and says why (`unjudged`) — never the whole unit's figure."""
    field = target_field(target, fields)
    kpi = kpi_registry.get(target.metric_code) if target.metric_code else None
    field_error = ""
    if kpi is not None and field is not None:
        if field["error"]:
            field_error = field["error"] + " — chưa đánh giá (không lấy số liệu toàn đơn vị)"
        elif kpi.source not in FIELD_SOURCES:
            field_error = f"KPI {kpi.code} không tách được theo lĩnh vực thủ tục — chưa đánh giá (không lấy số liệu toàn đơn vị)"
    unjudged = ""
    if kpi is not None and field_error:
        actual = previous = None
        source = field_error
    elif kpi is not None:
        kind = "quarter"
        cur = lib_periods.period_containing(today, kind)
        now_v, notes, blockers = _kpi_value(target.metric_code, target.unit, cur, field)
        # why the latest quarter with data could not be judged (survey forms that cannot tell the field)
        blocked = (cur, blockers) if blockers else None
        # Data arrive after the quarter closes: fall back to the latest quarter (within a year) that has some.
        for _ in range(4):
            if now_v is not None and now_v.value is not None:
                break
            earlier = cur.previous()
            got, got_notes, got_blockers = _kpi_value(target.metric_code, target.unit, earlier, field)
            if got is not None and got.value is not None:
                cur, now_v, notes = earlier, got, got_notes
                break
            blocked = blocked or ((earlier, got_blockers) if got_blockers else None)
            cur = earlier
        else:
            cur = lib_periods.period_containing(today, kind)
        prev = cur.previous()
        before_v = _kpi_value(target.metric_code, target.unit, prev, field)[0]
        actual = now_v.value if now_v else None
        previous = before_v.value if before_v else None
        source = f"KPI {target.metric_code} — {cur.label_vi}"
        if field:
            source += f" — lĩnh vực {field['label']}"
        if actual is None and blocked:
            unjudged = (
                f"Chưa đánh giá được: {'; '.join(blocked[1])} — {blocked[0].label_vi}, "
                "không lấy số liệu toàn đơn vị"
            )
            source = unjudged
        elif actual is not None and notes:
            source += " (" + "; ".join(notes) + ")"
    else:
        vals = list(
            SubmissionValue.objects.filter(
                target=target, value__isnull=False, submission__status=SubmissionStatus.SUBMITTED
            )
            .order_by("-submission__period__end", "submission__unit__name")
            .values_list("submission__period_id", "value")
        )
        by_period: dict[int, list[float]] = defaultdict(list)
        order: list[int] = []
        for pid, v in vals:
            if pid not in by_period:
                order.append(pid)
            by_period[pid].append(float(v))
        avg = [sum(by_period[p]) / len(by_period[p]) for p in order[:2]]
        actual = avg[0] if avg else None
        previous = avg[1] if len(avg) > 1 else None
        source = "Đơn vị báo cáo (bình quân kỳ gần nhất)" if avg else "Chưa có số liệu"
    trend = (
        None
        if actual is None or previous is None
        else ("up" if actual > previous else "down" if actual < previous else "flat")
    )
    meets = target.meets(actual)
    return {
        "target": target,
        "actual": actual,
        "previous": previous,
        "trend": trend,
        "meets": meets,
        "source": source,
        "field": field,
        "unjudged": unjudged,
    }


def targets_for(user):
    """Targets the user may read: those of active directives the user reads, or of visible commitments."""
    return Target.objects.filter(
        Q(directive__in=directives_for(user).filter(status="active"))
        | Q(commitment__unit__in=Unit.objects.filter(scope_q(user, READ, "")))
    ).distinct()


def target_or_404(user, pk) -> Target:
    t = targets_for(user).select_related("unit", "directive", "commitment").filter(pk=pk).first()
    if t is None:
        raise Http404("Không tìm thấy chỉ tiêu")
    return t


def board(user, today: dt.date | None = None, **link) -> dict:
    """The follow-up board, restricted to what the user may read; `link` (index_code, criterion_code,
    unresolved) narrows the tasks to those serving an index criterion."""
    today = today or dt.date.today()
    tasks = filter_by_link(
        tasks_for(user).select_related("unit", "criterion").defer("description", "quote"), **link
    )
    matrix: dict[int, Counter] = defaultdict(Counter)
    units: dict[int, Unit] = {}
    overdue = []
    due_soon = []
    for t in tasks:
        units[t.unit_id] = t.unit
        matrix[t.unit_id][t.status] += 1
        if t.is_overdue(today):
            matrix[t.unit_id]["overdue"] += 1
            overdue.append(t)
        elif (
            t.status in OPEN
            and t.deadline_kind in (DeadlineKind.DATE, DeadlineKind.MONTH)
            and t.deadline
            and t.deadline <= today + dt.timedelta(days=14)
        ):
            due_soon.append(t)
    by_unit = [
        {
            "unit": units[uid],
            "counts": {s: c[s] for s in TaskStatus.values},
            "cells": [c[s] for s in TaskStatus.values],
            "overdue": c["overdue"],
            "total": sum(c[s] for s in TaskStatus.values),
        }
        for uid, c in sorted(matrix.items(), key=lambda kv: fold(units[kv[0]].name))
    ]
    status_totals = Counter()
    for row in by_unit:
        status_totals.update(row["counts"])
    visible_unit_ids = set(Unit.objects.filter(scope_q(user, READ, "")).values_list("pk", flat=True))

    missing, rates = [], defaultdict(lambda: {"due": 0, "on_time": 0, "late": 0, "missing": 0})
    for d in directives_for(user).filter(status="active").select_related("unit").defer("proposal", "text"):
        exp = [u for u in reporting_units(d) if u.pk in visible_unit_ids]
        if not exp:
            continue
        cur = current_period(d, today)
        # every period due on the current period's due day (a quarter and the year may share 12/12)
        currents = list(d.periods.filter(due=cur.due).prefetch_related("submissions")) if cur else []
        past = list(d.periods.filter(due__lt=today).prefetch_related("submissions"))
        for p in past + [c for c in currents if c.due >= today]:
            for row in period_status(p, exp, today):
                if p.due < today:
                    r = rates[row["unit"].pk]
                    r["unit"] = row["unit"]
                    r["due"] += 1
                    if row["submitted"] and row["on_time"]:
                        r["on_time"] += 1
                    elif row["submitted"]:
                        r["late"] += 1
                    else:
                        r["missing"] += 1
                if p in currents and not row["submitted"]:
                    missing.append({"period": p, "directive": d, "unit": row["unit"], "late": p.due < today})
    rate_rows = []
    for r in rates.values():
        r["rate"] = 100.0 * r["on_time"] / r["due"] if r["due"] else None
        rate_rows.append(r)
    rate_rows.sort(key=lambda r: (r["rate"] if r["rate"] is not None else -1, r["unit"].name))

    targets = targets_for(user).select_related("unit")
    fields = known_fields()
    target_rows = [kpi_actual(t, today, fields) for t in targets]
    at_risk = [r for r in target_rows if r["meets"] is False or (r["meets"] is None)]
    at_risk.sort(key=lambda r: (r["meets"] is None, r["target"].metric_text))
    return {
        "today": today,
        "by_unit": by_unit,
        "status_totals": status_totals,
        "total": sum(status_totals.values()),
        "overdue": sorted(overdue, key=lambda t: (t.deadline, t.unit.name)),
        "due_soon": sorted(due_soon, key=lambda t: t.deadline),
        "missing": missing,
        "rates": rate_rows,
        "targets": target_rows,
        "at_risk": at_risk,
        "by_criterion": criteria_summary(tasks, today),
    }
