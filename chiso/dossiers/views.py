"""Pages of the dossiers app. Thin: reads through queries/kpis/index766, writes through actions."""

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chiso.dossiers import actions, index766, jobs, kpis, queries, recalc, workdays
from chiso.dossiers.letters import default_signer_title
from chiso.dossiers.models import Apology, CalendarYear, ImportJob, KpiRollup, Procedure, dt_to_ts
from chiso.lib import periods, vnformat
from chiso.lib.tabular import parse_date, parse_datetime
from chiso.orgs.models import COMMUNE_KINDS, Unit, UnitKind
from chiso.orgs.permissions import MANAGE, READ, can_manage_anything, get_unit_or_404, has_perm, home_unit

KEY_KPIS = [
    "dossiers_received",
    "ontime_pct",
    "late_count",
    "open_overdue",
    "apology_pct",
    "online_pct",
    "full_online_pct",
    "online_payment_pct",
    "digitised_pct",
    "e_result_pct",
    "reuse_pct",
    "avg_days",
]


def _latest_period(unit=None) -> periods.Period:
    """The latest year in which the unit received dossiers (one indexed lookup), else the current
    year. A year that only has dossiers of the year before finishing or still open in it (January
    completions, open dossiers carried over) is not "the latest data": its KPI page would show
    0 received next to a completion rate and a count of overdue dossiers."""
    this = dt.date.today().year
    years = [str(y) for y in range(this + 1, this - 10, -1)]
    qs = KpiRollup.objects.filter(period__in=years, field_code="", received__gt=0)
    if unit is not None:
        qs = qs.filter(unit=unit)
    last = qs.order_by("-period").values_list("period", flat=True).first()
    return periods.parse(last) if last else periods.year(this)


def _context_unit_period(request, cap=READ):
    code = request.GET.get("don_vi") or ""
    if code:
        unit = get_unit_or_404(request.user, code, cap)
    else:
        unit = home_unit(request.user)
        if unit is None:
            raise Http404("Bạn chưa được gán đơn vị")
        if unit.kind == UnitKind.DESK and unit.parent_id:
            unit = unit.parent
    raw = request.GET.get("ky", "").strip()
    period = None
    if raw:
        try:
            period = periods.parse(raw)
        except ValueError as exc:
            messages.error(request, str(exc))
    return unit, period or _latest_period(unit)


def _period_choices(period):
    y = period.start.year
    out = [periods.year(y), periods.half(y, 1), periods.half(y, 2)]
    out += [periods.quarter(y, q) for q in range(1, 5)] + [periods.month(y, m) for m in range(1, 13)]
    out += [periods.year(y - 1), periods.year(y + 1)]
    return out


def _fields():
    return list(Procedure.objects.order_by("field_name").values_list("field_code", "field_name").distinct())


def _subunits(unit, period):
    """Children in force during the period (desks folded into their commune)."""
    kids = Unit.objects.filter(parent=unit).exclude(kind=UnitKind.DESK)
    kids = [
        u
        for u in kids
        if (u.valid_from is None or u.valid_from <= period.end)
        and (u.valid_to is None or u.valid_to >= period.start)
    ]
    return sorted(kids, key=lambda u: (u.sort_order, u.code))


# Sort keys of the sub-unit table (see kpis.sort_rows); "late" is against the original due date.
SUBUNIT_SORTS = {
    "received": ("received", True),
    "ontime": ("ontime", False),
    "late": ("late_original", True),
    "apology": ("apology", False),
    "online": ("online", False),
    "paid": ("paid", False),
    "digitised": ("digitised", False),
}
PROCEDURE_TOP = 20


def _procedure_or_404(code: str):
    if not code:
        return None
    proc = Procedure.objects.filter(code=code).first()
    if proc is None:
        raise Http404("Không có thủ tục này trong danh mục")
    return proc


def _trend_options(trend: list, months: list) -> dict:
    def pct(s, num, den):
        if not s:
            return None
        n, d = kpis.from_sums(s, *kpis.SPECS[num]) if den is None else (s[num], s[den])
        return round(n * 100.0 / d, 2) if d else None

    return {
        "tooltip": {"trigger": "axis"},
        "legend": {
            "top": 0,
            "data": ["Hồ sơ tiếp nhận", "Đúng hạn (%)", "Trực tuyến (%)", "Thanh toán trực tuyến (%)"],
        },
        "grid": {"left": 60, "right": 60, "top": 50, "bottom": 30},
        "xAxis": {"type": "category", "data": [f"T{m.start.month:02d}" for m in months]},
        "yAxis": [
            {"type": "value", "name": "Hồ sơ", "axisLabel": {"formatter": "{value}"}},
            {"type": "value", "name": "%", "max": 100},
        ],
        "series": [
            {
                "name": "Hồ sơ tiếp nhận",
                "type": "bar",
                "data": [s["received"] if s else 0 for s in trend],
                "itemStyle": {"color": "#b7cde3"},
            },
            {
                "name": "Đúng hạn (%)",
                "type": "line",
                "yAxisIndex": 1,
                "data": [pct(s, "ontime_pct", None) for s in trend],
            },
            {
                "name": "Trực tuyến (%)",
                "type": "line",
                "yAxisIndex": 1,
                "data": [pct(s, "online", "received") for s in trend],
            },
            {
                "name": "Thanh toán trực tuyến (%)",
                "type": "line",
                "yAxisIndex": 1,
                "data": [pct(s, "paid_online", "fee_dossiers") for s in trend],
            },
        ],
    }


def _by_field_options(unit, period, fields) -> tuple[dict, int]:
    per_field = []
    for code, name in fields:
        s = kpis.sums(unit, period, code)
        if s and s["completed"]:
            per_field.append(
                (name, round((s["early"] + s["ontime"]) * 100.0 / s["completed"], 2), s["completed"])
            )
    per_field.sort(key=lambda x: x[1])
    options = {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 200, "right": 40},
        "xAxis": {
            "type": "value",
            "min": min([x[1] for x in per_field] + [90]) // 5 * 5,
            "max": 100,
            "name": "%",
        },
        "yAxis": {"type": "category", "data": [x[0] for x in per_field]},
        "series": [
            {
                "type": "bar",
                "name": "Đúng hạn (%)",
                "data": [
                    {"value": x[1], "label": {"formatter": vnformat.number(x[1], 2) + " %"}}
                    for x in per_field
                ],
                "label": {"show": True, "position": "right"},
            }
        ],
    }
    return options, max(240, 32 * len(per_field) + 60)


@login_required
def index(request):
    unit, period = _context_unit_period(request)
    proc = _procedure_or_404(request.GET.get("thu_tuc", "").strip())
    # A procedure belongs to one field: the field filter follows it (never an empty intersection).
    field = proc.field_code if proc else request.GET.get("linh_vuc", "")
    code = proc.code if proc else ""
    proc_sort = request.GET.get("sap_xep_tt", "")
    if request.GET.get("xuat") == "xlsx":
        return _export_procedures(kpis.procedure_table(unit, period, field, proc_sort), unit, period, field)
    rows = kpis.all_values(unit, period, field, code)
    by_code = {r["code"]: r for r in rows}
    has_data = by_code["dossiers_received"]["value"] is not None
    proc_q = request.GET.get("tim_tt", "").strip()
    choices, more = queries.procedure_choices(proc_q, field, code)
    ctx = {
        "unit": unit,
        "period": period,
        "field": field,
        "fields": _fields(),
        "procedure": proc,
        "proc_filter": True,
        "proc_q": proc_q,
        "proc_choices": choices,
        "proc_more": more,
        "period_choices": _period_choices(period),
        "rows": rows,
        "cards": [by_code[c] for c in KEY_KPIS],
        "has_data": has_data,
        "can_import": queries.can_import(request.user),
    }
    if has_data:
        months = [periods.month(period.start.year, m) for m in range(1, 13)]
        per_month = kpis.sums_per_period(unit, months, field, code)
        ctx["trend"] = _trend_options([per_month.get(m.code) for m in months], months)
        if proc is None:
            ctx["by_field"], ctx["by_field_height"] = _by_field_options(unit, period, ctx["fields"])
            all_procs = kpis.procedure_table(unit, period, field, proc_sort)
            ctx["proc_rows"] = all_procs if request.GET.get("tt_tat_ca") else all_procs[:PROCEDURE_TOP]
            ctx["proc_total"] = len(all_procs)
        kids = _subunits(unit, period)
        many = kpis.sums_children(unit, kids, period, field, code)
        subs = [{"unit": u, **kpis.figures(many[u.pk])} for u in kids if many.get(u.pk)]
        sort = request.GET.get("sap_xep", "")
        if sort in SUBUNIT_SORTS:
            kpis.sort_rows(subs, SUBUNIT_SORTS[sort])
        ctx["subunits"] = subs
    return render(request, "dossiers/index.html", ctx)


@login_required
def procedure_options(request):
    """The <option>s of the KPI page's procedure filter (HTMX, as the user types). The catalogue
    only: no figure of any unit."""
    field = request.GET.get("linh_vuc", "")
    selected = request.GET.get("thu_tuc", "")
    choices, more = queries.procedure_choices(request.GET.get("tim_tt", ""), field, selected)
    return render(
        request,
        "dossiers/_procedure_options.html",
        {
            "proc_choices": choices,
            "field": field,
            "procedure": Procedure.objects.filter(code=selected).first() if selected else None,
            "proc_more": more,
        },
    )


def _export_procedures(rows, unit, period, field):
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Theo thủ tục")
    bold = wb.add_format({"bold": True, "bg_color": "#EEF2F6", "border": 1, "text_wrap": True})
    two = wb.add_format({"num_format": "0.00"})
    title = f"Chỉ tiêu theo thủ tục — {unit.name} — {period.label_vi}"
    if field:
        title += f" — lĩnh vực {dict(_fields()).get(field, field)}"
    ws.write(0, 0, title, wb.add_format({"bold": True, "font_size": 13}))
    cols = [
        ("Mã TTHC", "code"),
        ("Thủ tục", "name"),
        ("Lĩnh vực", "field_name"),
        ("Tiếp nhận", "received"),
        ("Đã giải quyết", "completed"),
        ("Đúng hạn (%)", "ontime"),
        ("Trễ hạn", "late"),
        ("Trễ so với hạn ban đầu", "late_original"),
        ("Đang giải quyết quá hạn", "overdue"),
        ("Trực tuyến (%)", "online"),
        ("Thời gian giải quyết bình quân (ngày làm việc)", "avg_days"),
    ]
    for c, (label, _key) in enumerate(cols):
        ws.write(2, c, label, bold)
    for r, row in enumerate(rows, start=3):
        for c, (_label, key) in enumerate(cols):
            v = row[key]
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v, two if isinstance(v, float) else None)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 50)
    ws.set_column(2, 2, 24)
    ws.set_column(3, len(cols) - 1, 14)
    ws.autofilter(2, 0, max(len(rows) + 2, 2), len(cols) - 1)
    wb.close()
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = (
        f'attachment; filename="chi-tieu-theo-thu-tuc-{unit.code}-{period.code}.xlsx"'
    )
    return resp


@login_required
def score766(request):
    unit, period = _context_unit_period(request)
    can_enter = has_perm(request.user, MANAGE, unit)
    if request.method == "POST":
        if not can_enter:
            raise PermissionDenied("Bạn không có quyền nhập số liệu 766 cho đơn vị này")
        try:
            num = float(request.POST.get("numerator", "").replace(",", "."))
            den = float(request.POST.get("denominator", "").replace(",", "."))
        except ValueError:
            messages.error(request, "Tử số và mẫu số phải là số")
        else:
            try:
                actions.save_index766_entry(
                    request.user,
                    unit,
                    period.code,
                    request.POST.get("item", ""),
                    num,
                    den,
                    request.POST.get("note", ""),
                )
                messages.success(request, "Đã lưu số liệu")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        return redirect(f"{reverse('dossiers:score766')}?don_vi={unit.code}&ky={period.code}")
    province = unit.province() or unit
    kind = "commune" if unit.kind in COMMUNE_KINDS else unit.kind
    rank_row, ranking = None, []
    if unit.kind in (*COMMUNE_KINDS, UnitKind.DEPARTMENT, UnitKind.DISTRICT):
        full = index766.ranking_with_change(province, period, kind)
        rank_row = next((r for r in full if r["unit"].pk == unit.pk), None)
        # Without READ on the province the other units stay hidden: only this unit's rank.
        if has_perm(request.user, READ, province):
            ranking = full
    previous = period.previous()
    if rank_row is not None:  # the ranking scored this unit's card already, in both periods
        card, prev_total = rank_row, rank_row["prev_total"]
    else:
        card, prev_total = index766.unit_card(unit, period), index766.unit_card(unit, previous)["total"]
    change = card["total"] - prev_total if card["total"] is not None and prev_total is not None else None
    radar = {
        "tooltip": {},
        "radar": {"indicator": [{"name": g["name"], "max": 100} for g in card["groups"]], "radius": "65%"},
        "series": [
            {
                "type": "radar",
                "data": [
                    {
                        "name": "% điểm đạt (nhóm có dữ liệu)",
                        "value": [
                            round(g["score"] * 100.0 / g["assessable"], 1)
                            if g["score"] is not None and g["assessable"]
                            else 0
                            for g in card["groups"]
                        ],
                    }
                ],
            }
        ],
    }
    return render(
        request,
        "dossiers/score766.html",
        {
            "unit": unit,
            "period": period,
            "period_choices": _period_choices(period),
            "card": card,
            "rank_row": rank_row,
            "ranking": ranking,
            "change": change,
            "previous": previous,
            "can_enter": can_enter,
            "entry_items": [i for i in index766.ITEMS if i.source == "entry"],
            "radar": radar,
            "no_data": index766.NO_DATA,
        },
    )


@login_required
def late_list(request):
    unit, period = _context_unit_period(request)
    field = request.GET.get("linh_vuc", "")
    q = request.GET.get("q", "").strip()
    apology = request.GET.get("xin_loi", "")
    basis = request.GET.get("theo", "original")
    proc = _procedure_or_404(request.GET.get("thu_tuc", "").strip())
    qs = queries.late_dossiers(
        request.user,
        unit,
        period,
        field=field,
        procedure=proc.code if proc else "",
        q=q,
        apology=apology,
        basis=basis,
    )
    sort = request.GET.get("sap_xep", "")
    order = {
        "ma": "code",
        "han": "due_original_ts",
        "-han": "-due_original_ts",
        "don_vi": "unit__code",
        "thu_tuc": "procedure__name",
    }.get(sort, "-received_ts")
    qs = qs.order_by(order, "code")
    if request.GET.get("xuat") == "xlsx":
        return _export_late(qs, unit, period)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dossiers/late_list.html",
        {
            "unit": unit,
            "period": period,
            "period_choices": _period_choices(period),
            "fields": _fields(),
            "field": field,
            "q": q,
            "apology": apology,
            "basis": basis,
            "procedure": proc,
            "page_obj": page,
            "now": dt.datetime.now(),
        },
    )


def _export_late(qs, unit, period):
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Hồ sơ trễ hạn")
    bold = wb.add_format({"bold": True, "bg_color": "#EEF2F6", "border": 1})
    datef = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.write(
        0,
        0,
        f"Hồ sơ trễ hạn — {unit.name} — {period.label_vi}",
        wb.add_format({"bold": True, "font_size": 13}),
    )
    head = [
        "Mã hồ sơ",
        "Đơn vị",
        "Thủ tục",
        "Lĩnh vực",
        "Tiếp nhận",
        "Hẹn trả ban đầu",
        "Hẹn trả hiện tại",
        "Kết thúc",
        "Trạng thái",
        "Số lần bổ sung",
        "Xin lỗi",
    ]
    for c, h in enumerate(head):
        ws.write(2, c, h, bold)
    r = 3
    for d in qs.iterator(chunk_size=2000):
        vals = [d.code, d.unit.name, d.procedure.name, d.procedure.field_name]
        for c, v in enumerate(vals):
            ws.write(r, c, v)
        for c, v in enumerate([d.received_at, d.due_original_at, d.due_at, d.end_at], start=4):
            if v:
                ws.write_datetime(r, c, v, datef)
        ws.write(r, 8, d.get_status_display())
        ws.write_number(r, 9, d.supplement_count)
        ws.write(r, 10, "Đã xin lỗi" if d.has_apology else "Chưa xin lỗi")
        r += 1
    ws.set_column(0, 0, 26)
    ws.set_column(1, 3, 30)
    ws.set_column(4, 7, 17)
    ws.set_column(8, 10, 16)
    ws.autofilter(2, 0, max(r - 1, 2), len(head) - 1)
    wb.close()
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = f'attachment; filename="ho-so-tre-han-{unit.code}-{period.code}.xlsx"'
    return resp


@login_required
def dossier_detail(request, code):
    d = queries.get_dossier_or_404(request.user, code)
    can_write = has_perm(request.user, "write", d.unit)
    events = [
        (d.submitted_at, "Nộp hồ sơ", ""),
        (
            d.received_at,
            "Tiếp nhận",
            f"Hẹn trả {d.due_original_at:%H:%M %d/%m/%Y}" if d.due_original_at else "",
        ),
    ]
    for s in d.supplements.all():
        events.append((s.requested_at, "Yêu cầu bổ sung giấy tờ", s.reason))
        if s.completed_at:
            events.append((s.completed_at, "Công dân nộp bổ sung", ""))
    for a in d.apologies.all():
        events.append(
            (
                dt.datetime.combine(a.issued_on, dt.time(0, 0)),
                f"Phiếu xin lỗi {a.number}",
                f"Hẹn trả mới {a.new_due_at:%H:%M %d/%m/%Y}" if a.new_due_at else "",
            )
        )
    events += [
        (d.finished_at, "Xử lý xong", ""),
        (d.returned_at, "Trả kết quả", ""),
        (d.rejected_at, "Dừng / từ chối", ""),
        (d.withdrawn_at, "Rút hồ sơ", ""),
    ]
    events = sorted([e for e in events if e[0]], key=lambda e: e[0])
    now_ts = dt_to_ts(dt.datetime.now())
    late = (
        d.outcome_original == 3
        or d.outcome == 3
        or (d.status in (2, 4, 5, 6) and (d.due_effective_ts or now_ts) < now_ts)
    )
    suggested = None
    if late:
        cal = workdays.calendar()
        base = max(dt.datetime.now(), d.due_at or dt.datetime.now())
        suggested = cal.add(base, 3, "working_days")
    return render(
        request,
        "dossiers/detail.html",
        {
            "d": d,
            "events": events,
            "can_write": can_write,
            "late": late,
            "suggested_due": suggested,
            "today": dt.date.today(),
            "apologies": list(d.apologies.all()),
            "signer_title": default_signer_title(d.unit),
        },
    )


@login_required
@require_POST
def apology_create(request, code):
    d = queries.get_dossier_or_404(request.user, code)
    if not has_perm(request.user, "write", d.unit):
        raise PermissionDenied("Bạn chỉ được xem hồ sơ này, không được lập phiếu xin lỗi")
    errors = []
    try:
        issued = parse_date(request.POST.get("issued_on", ""))
    except ValueError as exc:
        errors.append(f"Ngày xin lỗi: {exc}")
    try:
        new_due = parse_datetime(request.POST.get("new_due", ""))
    except ValueError as exc:
        errors.append(f"Ngày hẹn trả mới: {exc}")
    if not errors:
        try:
            ap = actions.issue_apology(
                request.user,
                d,
                issued_on=issued,
                new_due=new_due,
                reason=request.POST.get("reason", ""),
                number=request.POST.get("number", "").strip(),
                signer=request.POST.get("signer", "").strip(),
                signer_title=request.POST.get("signer_title", "").strip(),
            )
            messages.success(request, f"Đã lập phiếu xin lỗi số {ap.number}.")
            return redirect(f"{reverse('dossiers:detail', args=[d.code])}#xin-loi")
        except ValidationError as exc:
            errors += exc.messages
    for e in errors:
        messages.error(request, e)
    return redirect(f"{reverse('dossiers:detail', args=[d.code])}#xin-loi")


@login_required
def apology_docx(request, code, pk):
    from chiso.dossiers.letters import apology_docx as build

    d = queries.get_dossier_or_404(request.user, code)
    ap = get_object_or_404(Apology, pk=pk, dossier=d)
    resp = HttpResponse(
        build(ap), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    resp["Content-Disposition"] = f'attachment; filename="phieu-xin-loi-{d.code}.docx"'
    return resp


@login_required
def import_page(request):
    if not queries.can_import(request.user):
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ")
    if request.method == "POST":
        upload = request.FILES.get("file")
        if not upload:
            messages.error(request, "Chọn tệp CSV, XLSX hoặc JSON")
        else:
            job = actions.start_import(request.user, upload, background=not request.POST.get("dong_bo"))
            return redirect("dossiers:import_job", pk=job.pk)
    jobs_ = _visible_imports(request.user)[:10]
    return render(request, "dossiers/import.html", {"jobs": [jobs.snapshot(j) for j in jobs_]})


def _visible_imports(user):
    """Import jobs (calendar reclassifications are on the calendar page) the user may see: his own
    and those of the units he may read."""
    return ImportJob.objects.exclude(kind=recalc.KIND).filter(jobs.visible_q(user)).select_related("unit")


@login_required
def import_job(request, pk):
    """An import's progress, read from the job row and its live figures (jobs.py), so that any
    worker process of the server shows it; polled by HTMX while it runs."""
    job = get_object_or_404(_visible_imports(request.user), pk=pk)
    snap = jobs.snapshot(job)
    tpl = "dossiers/_job.html" if request.htmx else "dossiers/import_job.html"
    # The rights (the importer's units: queries) only where "Chạy lại" may show, not every poll.
    can_restart = snap["interrupted"] and actions.can_restart(request.user, job)
    return render(request, tpl, {"job": job, "snap": snap, "can_restart": can_restart})


@login_required
@require_POST
def job_restart(request, pk):
    """Run again an import or a calendar reclassification whose process died."""
    job = get_object_or_404(ImportJob, pk=pk)
    if job.kind != recalc.KIND and not _visible_imports(request.user).filter(pk=pk).exists():
        raise Http404("Không tìm thấy công việc")
    try:
        actions.restart_job(request.user, job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã chạy lại: {job.filename}")
    if job.kind == recalc.KIND:
        return redirect("dossiers:calendar")
    return redirect("dossiers:import_job", pk=job.pk)


@login_required
def calendar_page(request, year=None):
    year = year or dt.date.today().year
    if not 1990 <= year <= 2100:
        raise Http404("Năm không hợp lệ")
    row = CalendarYear.objects.filter(year=year).first()
    can_edit = can_manage_anything(request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Chỉ cơ quan thường trực CCHC được sửa lịch làm việc")
        errors = []

        def dates(name, label):
            out = []
            for i, tok in enumerate(
                request.POST.get(name, "").replace(";", "\n").replace(",", "\n").split("\n"), start=1
            ):
                tok = tok.strip()
                if not tok:
                    continue
                try:
                    out.append(parse_date(tok))
                except ValueError as exc:
                    errors.append(f"{label}, dòng {i}: {exc}")
            return out

        off = dates("extra_days_off", "Ngày nghỉ thêm")
        make_up = dates("make_up_days", "Ngày làm bù")
        hours = []
        for part in request.POST.get("hours", "").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                a, b = [x.strip() for x in part.split("-")]
                workdays.parse_hours([(a, b)])
                hours.append((a, b))
            except ValueError:
                errors.append(f"Giờ làm việc '{part}' không hợp lệ (dạng 07:30-11:30)")
        if not errors:
            try:
                actions.save_calendar_year(
                    request.user, year, off, make_up, hours, request.POST.get("note", "")
                )
                messages.success(request, f"Đã lưu lịch làm việc năm {year}")
                return redirect("dossiers:calendar_year", year=year)
            except ValidationError as exc:
                errors += exc.messages
        for e in errors:
            messages.error(request, e)
    recalc.resume()  # jobs left pending (a restart) get a worker
    cal = workdays.calendar([year])
    months = []
    import calendar as pycal

    offs = dict(cal.days_off(year))
    makeups = dict(cal.make_up_days(year))
    for m in range(1, 13):
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, m):
            weeks.append(
                [
                    {
                        "day": d,
                        "in_month": d.month == m,
                        "off": not cal.is_working_day(d),
                        "name": offs.get(d) or makeups.get(d) or "",
                        "makeup": d in makeups,
                    }
                    for d in week
                ]
            )
        months.append({"month": m, "weeks": weeks})
    return render(
        request,
        "dossiers/calendar.html",
        {
            "year": year,
            "row": row,
            "can_edit": can_edit,
            "months": months,
            "holidays": [(d, n) for d, n in cal.days_off(year) if d.weekday() < 5 or d in makeups],
            "makeups": sorted(makeups.items()),
            "off_text": "\n".join(
                dt.date.fromisoformat(d).strftime("%d/%m/%Y") for d in (row.extra_days_off if row else [])
            ),
            "makeup_text": "\n".join(
                dt.date.fromisoformat(d).strftime("%d/%m/%Y") for d in (row.make_up_days if row else [])
            ),
            "hours_text": ", ".join(
                f"{a}-{b}" for a, b in (row.hours if row and row.hours else workdays.DEFAULT_HOURS)
            ),
            "hours_per_day": cal.hours_per_day,
            **_recalc_context(request),
        },
    )


def _recalc_context(request) -> dict:
    """The calendar page's notice of the reclassification its last change started (the calendar
    applies to every unit: everyone signed in sees that it runs). The number of dossiers (all
    units) and the restart of an interrupted one only for those who may change the calendar."""
    return {"recalc": recalc.status(), "recalc_figures": can_manage_anything(request.user)}


@login_required
def calendar_recalc(request):
    """The notice alone, polled by HTMX while the reclassification runs."""
    return render(request, "dossiers/_recalc.html", _recalc_context(request))


@login_required
def procedures(request):
    qs = Procedure.objects.all()
    q = request.GET.get("q", "").strip()
    if q:
        from chiso.lib.vntext import fold

        qs = qs.filter(search__contains=fold(q))
    page = Paginator(qs.order_by("field_name", "code"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dossiers/procedures.html",
        {"page_obj": page, "q": q, "can_import": queries.can_import(request.user)},
    )
