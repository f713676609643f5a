"""Thin views: read through `queries`, change through `actions`."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chiso.dossiers import kpi_registry
from chiso.lib.tabular import parse_date
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit
from chiso.orgs.permissions import (
    MANAGE,
    READ,
    SIGN,
    WRITE,
    get_unit_or_404,
    has_perm,
    home_unit,
    visible_units,
)
from chiso.plans import actions, exports, queries, report_upload, review, schedule
from chiso.plans import criteria as criteria_mod
from chiso.plans.forms import (
    CommitmentForm,
    DirectiveUploadForm,
    TargetEditForm,
    TargetForm,
    TaskEditForm,
    TaskUpdateForm,
)
from chiso.plans.models import (
    Commitment,
    DeadlineKind,
    DirectiveKind,
    Operator,
    ScopeKind,
    Submission,
    SubmissionStatus,
    Target,
    TaskStatus,
    TaskUpdate,
    unit_suffix,
    value_label,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


def _manage_scope(user) -> Unit | None:
    """The broadest unit the user manages (where new directives are filed), or None."""
    unit = home_unit(user)
    return unit if unit is not None and has_perm(user, MANAGE, unit) else None


@login_required
def index(request):
    link = _link_filter(request)
    data = queries.board(request.user, **link)
    data.update(_link_filter_ctx(request.user, link))
    data["statuses"] = TaskStatus.choices
    labels = dict(TaskStatus.choices)
    colors = {"not_started": "#9aa5b1", "in_progress": "#3a6fd8", "done": "#2a9d5b", "cancelled": "#c9ccd1"}
    data["status_chart"] = {
        "animation": False,
        "tooltip": {"trigger": "item", "formatter": "{b}: {c} ({d}%)"},
        "legend": {"bottom": 0},
        "series": [
            {
                "type": "pie",
                "radius": ["45%", "70%"],
                "label": {"show": False},
                "data": [
                    {
                        "name": labels[k],
                        "value": data["status_totals"].get(k, 0),
                        "itemStyle": {"color": colors[k]},
                    }
                    for k in TaskStatus.values
                    if data["status_totals"].get(k, 0)
                ],
            }
        ],
    }
    worst = data["rates"][:20][::-1]
    data["rate_chart_height"] = 80 + 26 * len(worst)
    data["rate_chart"] = {
        "animation": False,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "top": 30, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": [r["unit"].name for r in worst]},
        "series": [
            {
                "name": "Đúng hạn",
                "type": "bar",
                "stack": "k",
                "data": [r["on_time"] for r in worst],
                "itemStyle": {"color": "#2a9d5b"},
            },
            {
                "name": "Trễ hạn",
                "type": "bar",
                "stack": "k",
                "data": [r["late"] for r in worst],
                "itemStyle": {"color": "#e0a100"},
            },
            {
                "name": "Chưa gửi",
                "type": "bar",
                "stack": "k",
                "data": [r["missing"] for r in worst],
                "itemStyle": {"color": "#c0392b"},
            },
        ],
    }
    data["is_office"] = _manage_scope(request.user) is not None
    return render(request, "plans/board.html", data)


# ---------------------------------------------------------------- directives


@login_required
def directives(request):
    scope = _manage_scope(request.user)
    form = DirectiveUploadForm()
    if request.method == "POST":
        if scope is None:
            raise PermissionDenied("Chỉ cơ quan thường trực CCHC được nhập văn bản chỉ đạo")
        form = DirectiveUploadForm(request.POST, request.FILES)
        if form.is_valid():
            f = form.cleaned_data["file"]
            try:
                d, created = actions.import_directive(
                    request.user, scope, f.read(), f.name, form.cleaned_data["title"]
                )
            except ValidationError as exc:
                form.add_error("file", _errors(exc))
            else:
                if not created:
                    messages.info(request, "Văn bản này đã được nhập trước đó.")
                return redirect("plans:review" if d.status == "review" else "plans:directive", pk=d.pk)
    q = request.GET.get("q", "").strip()
    qs = queries.directives_for(request.user).select_related("unit").defer("proposal", "text")
    if q:
        qs = qs.filter(title_search__contains=fold(q))
    page = Paginator(qs.order_by("-date", "-id"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/directives.html",
        {"form": form, "page_obj": page, "q": q, "can_upload": scope is not None},
    )


@login_required
def directive_detail(request, pk):
    d = queries.directive_or_404(request.user, pk)
    if request.method == "POST":
        try:
            n = actions.extend_calendar(request.user, d, int(request.POST.get("until_year") or 0))
        except ValueError:
            messages.error(request, "Năm không hợp lệ")
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, f"Đã lập thêm {n} kỳ báo cáo.")
        return redirect("plans:directive", pk=d.pk)
    tasks = (
        queries.tasks_for(request.user)
        .filter(directive=d)
        .select_related("unit")
        .defer("description", "quote")
    )
    today = dt.date.today()
    periods = list(d.periods.all())
    return render(
        request,
        "plans/directive.html",
        {
            "d": d,
            "groups": queries.task_groups(tasks.order_by("id"), today),
            "task_count": tasks.count(),
            "targets": d.targets.all(),
            "rules": d.reporting_rules.all(),
            "periods": periods,
            "current": queries.current_period(d, today),
            "can_manage": queries.can_manage(request.user, d),
            "today": today,
            "next_year": today.year + 1,
        },
    )


@login_required
def directive_template(request, pk):
    """The directive's report template (appendix) as XLSX, for the units the user may read."""
    d = queries.directive_or_404(request.user, pk)
    units = [u for u in queries.reporting_units(d) if has_perm(request.user, READ, u)]
    code = request.GET.get("don_vi", "").strip()
    if code:
        units = [u for u in units if u.code == code]
        if not units:
            raise Http404("Không tìm thấy đơn vị")
    resp = HttpResponse(exports.template_xlsx(d, units), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="mau-bao-cao-{d.pk}.xlsx"'
    return resp


@login_required
def directive_file(request, pk):
    d = queries.directive_or_404(request.user, pk)
    if not d.original:
        raise Http404("Không có tệp gốc")
    return FileResponse(d.original.open("rb"), as_attachment=True, filename=d.filename or "van-ban")


def _review_ctx(request, d, only: str | None = None):
    """The review page's context; `only`: the one item an HTMX answer renders (the others are not
    dressed: no suggestions, labels or highlighting computed for them)."""
    items = d.proposal.get("items", [])
    units = {u.code: u for u in Unit.objects.under(d.unit)}
    fields = queries.known_fields()
    reviewing = d.status == "review" and queries.can_manage(request.user, d)
    suggester, year, indices = criteria_mod.suggester(d) if reviewing else (None, None, {})
    for it in items:
        if only is not None and it["id"] != only:
            continue
        it["assignee_names"] = [units[c].name for c in it.get("assignees", []) if c in units]
        it["partner_names"] = [units[c].name for c in it.get("partners", []) if c in units]
        if it["type"] == "target":
            ops = dict(Operator.choices)
            it["goal_label"] = (
                f"{ops.get(it.get('operator'), '')} {value_label(it.get('value'))}{unit_suffix(it.get('unit'))}"
            )
            it["field_info"] = (
                queries.target_field(
                    Target(
                        scope=ScopeKind.FIELD, field=it.get("scope", ""), field_code=it.get("field_code", "")
                    ),
                    fields,
                )
                if actions.is_field_scope(it.get("scope", ""), it.get("field_code", ""))
                else None
            )
        if it["type"] == "reporting":
            it["rule_texts"] = [schedule.describe(r) for r in it.get("rules", [])]
        if it["type"] == "task":
            if suggester is not None:
                it["suggestions"] = _suggestions(it, suggester, year, indices)
            if it.get("index_code"):
                link = criteria_mod.resolve(it["index_code"], it.get("index_year"), it.get("criterion_code"))
                it["index_label"] = (
                    f"{link.index.short_name} (khung năm {link.year})" if link.index else it["index_code"]
                )
                it["criterion_label"] = (
                    f"{link.node.code} {link.node.name}" if link.node else it.get("criterion_code")
                )
            dl = it.get("deadline") or {}
            it["deadline_label"] = (
                schedule.describe(dl["rule"])
                if dl.get("kind") == "recurrence" and dl.get("rule")
                else f"Trong tháng {dl['month'][5:]}/{dl['month'][:4]}"
                if dl.get("kind") == "month" and dl.get("month")
                else dt.date.fromisoformat(dl["date"]).strftime("%d/%m/%Y")
                if dl.get("date")
                else ""
            )
    counts = {k: sum(1 for it in items if it["decision"] == k) for k in review.DECISIONS}
    return {
        "d": d,
        "items": sorted(items, key=lambda it: (it.get("start") is None, it.get("start") or 0)),
        "segments": review.highlighted(d.text, items) if only is None else [],
        "counts": counts,
        "decisions": review.DECISIONS,
        "operators": Operator.choices,
        "kpis": kpi_registry.all_kpis(),
        "units": sorted(
            (u for u in units.values() if u.is_current and u.kind != "desk"), key=lambda u: (u.kind, u.name)
        ),
        "can_manage": queries.can_manage(request.user, d),
        "kinds": DirectiveKind.choices,
        "fields": fields,
        "indices": criteria_mod.Index.objects.all(),
        "index_year": criteria_mod.default_year(d),
    }


def _suggestions(it: dict, suggester, year: int, indices: dict) -> list[dict]:
    """The criteria suggested for a proposed task, as radio choices (none ticked: the office confirms);
    the one the task is already linked to shows ticked."""
    out = []
    for s in suggester.suggest(f"{it.get('summary') or ''}. {it.get('quote') or ''}"):
        current = (it.get("index_code"), it.get("index_year"), it.get("criterion_code")) == (
            s.index,
            year,
            s.code,
        )
        out.append(
            {
                "value": f"{s.index}:{year}:{s.code}",
                "label": f"{indices[s.index].short_name} {year} — {s.code} {s.name}",
                "why": ", ".join(s.why),
                "current": current,
            }
        )
    return out


def _suggestion_edits(raw: str) -> dict:
    """A ticked suggestion "par:2025:LV3" → the link edits (checked against the framework by the action)."""
    parts = raw.split(":")
    if len(parts) != 3 or not all(parts) or not parts[1].isdigit():
        raise ValidationError(f"Gợi ý tiêu chí “{raw[:40]}” không hợp lệ")
    return {"index_code": parts[0], "index_year": parts[1], "criterion_code": parts[2]}


@login_required
def review_page(request, pk):
    d = queries.directive_or_404(request.user, pk)
    if not queries.can_manage(request.user, d):
        raise Http404("Không tìm thấy văn bản")
    return render(request, "plans/review.html", _review_ctx(request, d))


@login_required
@require_POST
def review_item(request, pk, item_id):
    d = queries.directive_or_404(request.user, pk)
    if not queries.can_manage(request.user, d):
        raise Http404("Không tìm thấy văn bản")
    decision = request.POST.get("decision", "")
    edits = {}
    for key in (
        "summary",
        "metric",
        "operator",
        "value",
        "unit",
        "metric_code",
        "rule_text",
        "deadline",
        "scope",
        "field_code",
        "index_code",
        "index_year",
        "criterion_code",
    ):
        if key in request.POST:
            edits[key] = request.POST[key]
    if "assignees" in request.POST:
        edits["assignees"] = request.POST.getlist("assignees")
    error = None
    try:
        if not request.POST.get("edit"):
            # the plain accept carries the suggested criterion the office ticked, if any
            ticked = request.POST.get("suggestion", "").strip()
            edits = _suggestion_edits(ticked) if ticked and decision == review.ACCEPTED else None
        actions.decide_item(request.user, d, item_id, decision, edits)
    except ValidationError as exc:
        error = _errors(exc)
    d.refresh_from_db()
    if request.headers.get("HX-Request"):
        ctx = _review_ctx(request, d, only=item_id)
        item = next(it for it in ctx["items"] if it["id"] == item_id)
        return render(request, "plans/_review_item.html", {**ctx, "it": item, "error": error, "oob": True})
    if error:
        messages.error(request, error)
    return redirect(reverse("plans:review", args=[d.pk]) + f"#item-{item_id}")


@login_required
@require_POST
def review_metadata(request, pk):
    d = queries.directive_or_404(request.user, pk)
    if not queries.can_manage(request.user, d):
        raise Http404("Không tìm thấy văn bản")
    raw_date = request.POST.get("date", "").strip()
    try:
        date = parse_date(raw_date) if raw_date else None
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("plans:review", pk=d.pk)
    try:
        actions.update_metadata(
            request.user,
            d,
            kind=request.POST.get("kind", ""),
            number=request.POST.get("number", ""),
            date=date,
            issuer=request.POST.get("issuer", ""),
            title=request.POST.get("title", ""),
        )
        messages.success(request, "Đã lưu thông tin văn bản.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("plans:review", pk=d.pk)


@login_required
@require_POST
def review_accept_all(request, pk):
    d = queries.directive_or_404(request.user, pk)
    if not queries.can_manage(request.user, d):
        raise Http404("Không tìm thấy văn bản")
    try:
        n = actions.accept_pending(request.user, d)
        messages.success(request, f"Đã chấp nhận {n} mục.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("plans:review", pk=d.pk)


@login_required
@require_POST
def review_apply(request, pk):
    d = queries.directive_or_404(request.user, pk)
    if not queries.can_manage(request.user, d):
        raise Http404("Không tìm thấy văn bản")
    try:
        counts = actions.apply_proposal(request.user, d)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("plans:review", pk=d.pk)
    messages.success(
        request,
        f"Đã tạo {counts['tasks']} nhiệm vụ, {counts['targets']} chỉ tiêu và {counts['periods']} kỳ báo cáo.",
    )
    return redirect("plans:index")


# ---------------------------------------------------------------- tasks

SORTS = {
    "han": ("deadline", "id"),
    "-han": ("-deadline", "id"),
    "donvi": ("unit__name", "id"),
    "tiendo": ("progress", "id"),
    "-tiendo": ("-progress", "id"),
}


@login_required
def tasks(request):
    qs = (
        queries.tasks_for(request.user)
        .select_related("unit", "directive", "criterion")
        .defer("description", "quote", "directive__proposal", "directive__text")
    )
    q = request.GET.get("q", "").strip()
    status = request.GET.get("trang_thai", "")
    unit_code = request.GET.get("don_vi", "").strip()
    overdue = request.GET.get("qua_han") == "1"
    if q:
        qs = qs.filter(title_search__contains=fold(q))
    if status in TaskStatus.values:
        qs = qs.filter(status=status)
    if unit_code:
        # a unit the user may not read answers 404, as everywhere else (an outsider learns nothing)
        qs = qs.filter(unit=get_unit_or_404(request.user, unit_code, READ))
    if request.GET.get("van_ban", "").isdigit():
        qs = qs.filter(directive_id=int(request.GET["van_ban"]))
    link = _link_filter(request)
    qs = queries.filter_by_link(qs, **link)
    if overdue:
        qs = qs.filter(
            status__in=queries.OPEN,
            deadline_kind__in=[DeadlineKind.DATE, DeadlineKind.MONTH],
            deadline__lt=dt.date.today(),
        )
    sort = request.GET.get("sap_xep", "han")
    qs = qs.order_by(*SORTS.get(sort, SORTS["han"]))
    if request.GET.get("xuat") == "xlsx":
        resp = HttpResponse(exports.tasks_xlsx(qs[:5000]), content_type=XLSX)
        resp["Content-Disposition"] = 'attachment; filename="nhiem-vu.xlsx"'
        return resp
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    unit_choices = visible_units(request.user).filter(plan_tasks__isnull=False).distinct().order_by("name")
    return render(
        request,
        "plans/tasks.html",
        {
            "page_obj": page,
            "q": q,
            "status": status,
            "unit_code": unit_code,
            "overdue": overdue,
            "sort": sort,
            "statuses": TaskStatus.choices,
            "unit_choices": unit_choices,
            "today": dt.date.today(),
            **_link_filter_ctx(request.user, link),
        },
    )


def _link_filter(request) -> dict:
    """?chi_so=par&tieu_chi=LV3&chua_khop=1 → the index/criterion filter of the board and the task list."""
    return {
        "index_code": request.GET.get("chi_so", "").strip(),
        "criterion_code": request.GET.get("tieu_chi", "").strip(),
        "unresolved": request.GET.get("chua_khop") == "1",
    }


def _link_filter_ctx(user, link: dict) -> dict:
    return {
        "link": link,
        "index_choices": criteria_mod.Index.objects.all(),
        "criterion_choices": queries.criterion_choices(user, link["index_code"]),
    }


@login_required
def criteria_options(request):
    """The criterion picker (HTMX): nodes of the chosen index's framework for the year, matching the
    typed code or name accent-insensitively."""
    q = request.GET.get("criterion_code", "").strip()
    index = criteria_mod.index_for(request.GET.get("index_code"))
    ctx = {"q": q, "nodes": [], "message": "", "version": None}
    try:
        year = int(request.GET.get("index_year") or dt.date.today().year)
    except ValueError:
        year = None
    if index is None:
        ctx["message"] = "Hãy chọn chỉ số trước."
    elif year is None or criteria_mod.version(index, year) is None:
        ctx["message"] = f"Chưa có khung {index.short_name} cho năm {request.GET.get('index_year')}."
    else:
        ctx["version"] = criteria_mod.version(index, year)
        ctx["nodes"] = criteria_mod.search(index, year, q)
    return render(request, "plans/_criterion_options.html", ctx)


@login_required
def task_detail(request, pk):
    task = queries.task_or_404(request.user, pk)
    can_write = has_perm(request.user, WRITE, task.unit)
    scope = task.directive.unit if task.directive_id else task.unit
    can_manage = has_perm(request.user, MANAGE, scope)
    form = TaskUpdateForm(initial={"status": task.status, "progress": task.progress})
    if request.method == "POST":
        form = TaskUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.update_task(
                    request.user,
                    task,
                    status=form.cleaned_data["status"],
                    progress=form.cleaned_data["progress"],
                    text=form.cleaned_data["text"],
                    evidence=form.cleaned_data.get("evidence"),
                )
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Đã cập nhật tiến độ nhiệm vụ.")
                return redirect("plans:task", pk=task.pk)
    index = criteria_mod.index_for(task.index_code) if task.index_code else None
    edit_form = TaskEditForm(
        initial={
            "title": task.title,
            "unit": task.unit.code,
            "deadline": "" if task.deadline_kind == "none" else task.deadline_label(),
        }
    )
    return render(
        request,
        "plans/task.html",
        {
            "task": task,
            "form": form,
            "edit_form": edit_form,
            "can_write": can_write,
            "can_manage": can_manage,
            "updates": task.updates.select_related("author"),
            "partners": task.partners.all(),
            "today": dt.date.today(),
            "index": index,
            "index_unknown": bool(task.index_code) and index is None,
            "indices": criteria_mod.Index.objects.all(),
            "default_index_year": criteria_mod.default_year(task.directive, task.deadline),
        },
    )


@login_required
@require_POST
def task_edit(request, pk):
    task = queries.task_or_404(request.user, pk)
    form = TaskEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thông tin nhiệm vụ chưa hợp lệ")
        return redirect("plans:task", pk=task.pk)
    cd = form.cleaned_data
    values = {
        "title": cd["title"],
        "index_code": cd["index_code"],
        "index_year": cd["index_year"],
        "criterion_code": cd["criterion_code"],
    }
    unit = Unit.objects.filter(code=cd["unit"].strip()).first()
    if unit is None:
        messages.error(request, f"Không có đơn vị mã “{cd['unit']}”")
        return redirect("plans:task", pk=task.pk)
    values["unit"] = unit
    raw = cd["deadline"].strip()
    if raw:
        got = schedule.deadline_from_text(raw)
        if got is None:
            messages.error(request, f"Không hiểu thời hạn “{raw}”")
            return redirect("plans:task", pk=task.pk)
        if got["kind"] == "recurrence":
            values.update(
                deadline_kind=DeadlineKind.RECURRENCE,
                recurrence=got["rule"],
                recurrence_text=raw[:300],
                deadline=None,
                deadline_month="",
            )
        else:
            values.update(
                deadline_kind=got["kind"],
                deadline=got["date"],
                deadline_month=got.get("month", ""),
                recurrence=None,
                recurrence_text="",
            )
    else:
        values.update(
            deadline_kind=DeadlineKind.NONE,
            deadline=None,
            deadline_month="",
            recurrence=None,
            recurrence_text="",
        )
    try:
        actions.edit_task(request.user, task, **values)
        messages.success(request, "Đã lưu nhiệm vụ.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("plans:task", pk=task.pk)


@login_required
def evidence(request, pk):
    upd = TaskUpdate.objects.filter(pk=pk).select_related("task").first()
    if upd is None or not upd.evidence:
        raise Http404("Không tìm thấy minh chứng")
    queries.task_or_404(request.user, upd.task_id)
    return FileResponse(
        upd.evidence.open("rb"), as_attachment=True, filename=upd.evidence_name or "minh-chung"
    )


# ---------------------------------------------------------------- reporting


@login_required
def periods(request):
    """Every reporting period the user can see, with the state of the reports of the user's units."""
    today = dt.date.today()
    show = request.GET.get("ky", "sap_toi")
    qs = (
        queries.periods_for(request.user)
        .select_related("directive")
        .defer("directive__proposal", "directive__text")
    )
    if show == "sap_toi":
        qs = qs.filter(due__gte=today - dt.timedelta(days=92))
    page = Paginator(qs.order_by("due", "id"), 30).get_page(request.GET.get("page"))
    rows = []
    for p in page.object_list:
        units = [u for u in queries.reporting_units(p.directive) if has_perm(request.user, READ, u)]
        status = queries.period_status(p, units, today)
        rows.append(
            {
                "p": p,
                "expected": len(status),
                "submitted": sum(1 for r in status if r["submitted"]),
                "late": sum(1 for r in status if r["late_open"]),
                "own": status if len(status) <= 3 else [],
            }
        )
    return render(
        request, "plans/periods.html", {"rows": rows, "page_obj": page, "show": show, "today": today}
    )


@login_required
def period_detail(request, pk):
    p = queries.period_or_404(request.user, pk)
    d = p.directive
    units = [u for u in queries.reporting_units(d) if has_perm(request.user, READ, u)]
    today = dt.date.today()
    rows = queries.period_status(p, units, today)
    return render(
        request,
        "plans/period.html",
        {
            "p": p,
            "d": d,
            "rows": rows,
            "can_manage": queries.can_manage(request.user, d),
            "today": today,
            "submitted": sum(1 for r in rows if r["submitted"]),
        },
    )


def _input_number(v) -> str:
    """A stored decimal as typed in a form: 92.5 → "92,5" (no thousands separator)."""
    if v is None:
        return ""
    text = f"{v.normalize():f}" if hasattr(v, "normalize") else str(v)
    return text.replace(".", ",")


@login_required
def _submission_scope(request, pk, code):
    """The period and the reporting unit of a submission page (404 for what the user may not read)."""
    p = queries.period_or_404(request.user, pk)
    unit = get_unit_or_404(request.user, code, READ)
    if unit not in queries.reporting_units(p.directive):
        raise Http404("Đơn vị không có nhiệm vụ báo cáo trong văn bản này")
    return p, unit


@login_required
def submission_template(request, pk, code):
    """The unit's report template for this period, pre-filled with its current report: to fill in
    and upload back on the submission page."""
    p, unit = _submission_scope(request, pk, code)
    sub = Submission.objects.filter(period=p, unit=unit).first()
    data = exports.template_xlsx(p.directive, [unit], period=p, submissions={unit.pk: sub} if sub else {})
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = (
        f'attachment; filename="mau-bao-cao-{p.directive.pk}-{unit.code}-{p.code}.xlsx"'
    )
    return resp


def upload_message(filename: str, result) -> str:
    """The upload's result in words: rows filled, narrative, values cleared by blank cells, rows absent."""
    if not result.changed:
        text = f"Tệp “{filename}” không có gì khác bản nháp hiện tại: không thay đổi gì."
    else:
        done = [f"đã điền {result.filled} dòng"] if result.filled else []
        if result.narrative:
            done.append("đã cập nhật thuyết minh")
        if result.cleared:
            done.append(f"đã xóa {result.cleared} giá trị (ô để trống trong tệp)")
        text = f"Từ tệp “{filename}”: {', '.join(done)}. Hãy kiểm tra rồi bấm “Gửi báo cáo”."
    if result.missing:
        text += f" Tệp thiếu {result.missing} dòng của mẫu: các dòng đó giữ nguyên."
    return text


def _upload(request, p, unit) -> list[str] | None:
    """The submission page's upload of a filled template: errors, or None after a redirect-worthy success."""
    f = request.FILES.get("report_file")
    if f is None:
        return ["Hãy chọn tệp mẫu báo cáo (.xlsx) đã điền"]
    try:
        report_upload.check_size(f.size, f.name)  # before reading it into memory
        result = actions.upload_submission(request.user, p, unit, f.read(), f.name)
    except ValidationError as exc:
        return exc.messages
    (messages.success if result.changed else messages.info)(request, upload_message(f.name, result))
    return None


@login_required
def submission(request, pk, code):
    p, unit = _submission_scope(request, pk, code)
    template = queries.template_for(p.directive, unit)
    sub = Submission.objects.filter(period=p, unit=unit).first()
    can_write = has_perm(request.user, WRITE, unit) and (
        sub is None or sub.status != SubmissionStatus.SUBMITTED
    )
    error = upload_errors = None
    if request.method == "POST" and request.POST.get("upload"):
        upload_errors = _upload(request, p, unit)
        if upload_errors is None:
            return redirect("plans:submission", pk=p.pk, code=unit.code)
    elif request.method == "POST":
        if request.POST.get("reopen") and sub:
            try:
                actions.reopen_submission(request.user, sub)
                messages.success(request, "Đã mở lại báo cáo để đơn vị bổ sung.")
            except ValidationError as exc:
                messages.error(request, _errors(exc))
            return redirect("plans:submission", pk=p.pk, code=unit.code)
        values = {k[2:]: v for k, v in request.POST.items() if k.startswith("v_")}
        rows = {}
        for k, v in request.POST.items():
            if k.startswith("s_"):
                tid = k[2:]
                rows[tid] = {
                    "status": v,
                    "progress": request.POST.get(f"p_{tid}", "0"),
                    "note": request.POST.get(f"n_{tid}", ""),
                }
        try:
            if any(not k.isdigit() for k in list(values) + list(rows)):
                raise Http404("Dữ liệu không hợp lệ")
            sub = actions.save_submission(
                request.user,
                p,
                unit,
                narrative=request.POST.get("narrative", ""),
                values=values,
                task_rows=rows,
                submit=bool(request.POST.get("submit")),
            )
        except ValidationError as exc:
            error = exc.messages
        else:
            messages.success(
                request,
                "Đã gửi báo cáo." if sub.status == SubmissionStatus.SUBMITTED else "Đã lưu nháp báo cáo.",
            )
            return redirect("plans:submission", pk=p.pk, code=unit.code)
    vals = {v.target_id: v.value for v in sub.values.all()} if sub else {}
    trows = {r.task_id: r for r in sub.task_rows.all()} if sub else {}
    typed = request.method == "POST" and not upload_errors
    targets = [
        {"t": t, "value": request.POST.get(f"v_{t.pk}") if typed else _input_number(vals.get(t.pk))}
        for t in template["targets"]
    ]
    task_rows = [{"t": t, "row": trows.get(t.pk)} for t in template["tasks"]]
    return render(
        request,
        "plans/submission.html",
        {
            "p": p,
            "unit": unit,
            "sub": sub,
            "targets": targets,
            "task_rows": task_rows,
            "can_write": can_write,
            "can_manage": queries.can_manage(request.user, p.directive),
            "statuses": TaskStatus.choices,
            "errors": error,
            "upload_errors": upload_errors,
            "narrative": request.POST.get("narrative") if typed else (sub.narrative if sub else ""),
        },
    )


@login_required
def consolidated(request, pk, fmt):
    p = queries.period_or_404(request.user, pk)
    if not has_perm(request.user, READ, p.directive.unit):
        raise Http404("Không tìm thấy kỳ báo cáo")
    name = f"tong-hop-{p.directive.pk}-{p.code}"
    if fmt == "xlsx":
        resp = HttpResponse(exports.consolidated_xlsx(p), content_type=XLSX)
    else:
        resp = HttpResponse(exports.consolidated_docx(p), content_type=DOCX)
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp


# ---------------------------------------------------------------- targets


def _can_edit_target(user, t) -> bool:
    if t.directive_id:
        return has_perm(user, MANAGE, t.directive.unit)
    return has_perm(user, WRITE, t.unit) and not (t.commitment_id and t.commitment.signed_at)


@login_required
def target_detail(request, pk):
    """A target: its goal, the field it is measured on, the actual value; the office corrects it."""
    t = queries.target_or_404(request.user, pk)
    fields = queries.known_fields()
    can_edit = _can_edit_target(request.user, t)
    initial = {
        "metric_text": t.metric_text,
        "metric_code": t.metric_code,
        "operator": t.operator,
        "value": _input_number(t.value),
        "unit_label": t.unit_label,
        "scope": t.scope,
        "field": t.field,
        "field_code": t.field_code,
    }
    form = TargetEditForm(initial=initial, kpis=kpi_registry.all_kpis(), fields=fields)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bạn không có quyền sửa chỉ tiêu này")
        form = TargetEditForm(request.POST, kpis=kpi_registry.all_kpis(), fields=fields)
        if form.is_valid():
            cd = dict(form.cleaned_data)
            try:
                try:
                    cd["value"] = Decimal(cd["value"].strip().replace(",", "."))
                except InvalidOperation as exc:
                    raise ValidationError(f"Giá trị “{cd['value']}” không phải là số") from exc
                if t.scope == "unit" or not cd["scope"]:
                    for k in ("scope", "field", "field_code"):
                        cd.pop(k)
                actions.edit_target(request.user, t, **cd)
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Đã lưu chỉ tiêu.")
                return redirect("plans:target", pk=t.pk)
    return render(
        request,
        "plans/target.html",
        {
            "t": t,
            "row": queries.kpi_actual(t, dt.date.today(), fields),
            "form": form,
            "can_edit": can_edit,
        },
    )


# ---------------------------------------------------------------- commitments


@login_required
def commitments(request):
    qs = Commitment.objects.filter(unit__in=visible_units(request.user)).select_related("unit")
    form = CommitmentForm(initial={"year": dt.date.today().year})
    if request.method == "POST":
        form = CommitmentForm(request.POST)
        if form.is_valid():
            unit = get_unit_or_404(request.user, form.cleaned_data["unit"].strip(), READ)
            try:
                c, _ = actions.save_commitment(
                    request.user,
                    unit,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                    signer_name=form.cleaned_data["signer_name"],
                )
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                return redirect("plans:commitment", pk=c.pk)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "plans/commitments.html", {"page_obj": page, "form": form})


@login_required
def commitment_detail(request, pk):
    c = Commitment.objects.filter(pk=pk, unit__in=visible_units(request.user)).select_related("unit").first()
    if c is None:
        raise Http404("Không tìm thấy bản cam kết")
    form = TargetForm()
    if request.method == "POST":
        if request.POST.get("sign"):
            try:
                actions.sign_commitment(request.user, c)
                messages.success(request, "Đã ký bản cam kết.")
            except ValidationError as exc:
                messages.error(request, _errors(exc))
            return redirect("plans:commitment", pk=c.pk)
        form = TargetForm(request.POST)
        if c.signed_at:
            messages.error(request, "Bản cam kết đã ký; không thêm chỉ tiêu được nữa.")
            return redirect("plans:commitment", pk=c.pk)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                try:
                    value = Decimal(cd["value"].replace(",", "."))
                except InvalidOperation as exc:
                    raise ValidationError(f"Giá trị “{cd['value']}” không phải là số") from exc
                actions.create_target(
                    request.user,
                    c.unit,
                    commitment=c,
                    metric_code=cd["metric_code"].strip(),
                    metric_text=cd["metric_text"],
                    operator=cd["operator"],
                    value=value,
                    unit_label=cd["unit_label"],
                    scope="unit",
                    period_code=str(c.year),
                )
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Đã thêm chỉ tiêu.")
                return redirect("plans:commitment", pk=c.pk)
    today = dt.date.today()
    rows = [queries.kpi_actual(t, today) for t in c.targets.all()]
    return render(
        request,
        "plans/commitment.html",
        {
            "c": c,
            "rows": rows,
            "form": form,
            "kpis": kpi_registry.all_kpis(),
            "can_write": has_perm(request.user, WRITE, c.unit) and not c.signed_at,
            "can_sign": has_perm(request.user, SIGN, c.unit) and not c.signed_at,
        },
    )
