"""Pages of the internal PAR assessment. Thin: reads through queries, writes through actions."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chiso.assessments import actions, criteria_io, exports, queries
from chiso.assessments.models import Assessment, Campaign
from chiso.lib import scoring
from chiso.lib.tabular import ImportFailed, parse_date
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit
from chiso.orgs.permissions import APPRAISE, APPROVE, MANAGE, SIGN, WRITE, has_perm, visible_units

S = Assessment.Status
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{m}" for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def _flash(request, exc: ValidationError) -> None:
    for m in _errors(exc):
        messages.error(request, m)


# --------------------------------------------------------------------------------------------
# Home: campaigns and my unit's assessments


@login_required
def index(request):
    u = request.user
    campaigns = queries.campaigns_for(u)
    mine = [
        a for a in queries.my_assessments(u) if has_perm(u, WRITE, a.unit) and not has_perm(u, MANAGE, a.unit)
    ]
    sets = queries.criteria_sets_for(u)
    provinces = [p for p in visible_units(u, MANAGE).filter(kind="province")[:5]]
    return render(
        request,
        "assessments/index.html",
        {
            "campaigns": campaigns,
            "mine": mine,
            "sets": sets,
            "can_manage": bool(provinces),
            "provinces": provinces,
        },
    )


# --------------------------------------------------------------------------------------------
# Criteria sets


@login_required
def criteria_sets(request):
    u = request.user
    provinces = list(visible_units(u, MANAGE).filter(kind="province").order_by("code")[:100])
    if request.method == "POST":
        province = Unit.objects.filter(code=request.POST.get("province", ""), kind="province").first()
        if province is None or not has_perm(u, MANAGE, province):
            raise Http404
        f = request.FILES.get("file")
        if not f:
            messages.error(request, "Chọn tệp XLSX bộ tiêu chí")
        else:
            try:
                parsed = criteria_io.parse_workbook(f.read(), f.name)
                if parsed.province and parsed.province != province.code:
                    raise ValidationError(
                        f"Tệp ghi tỉnh '{parsed.province}', khác tỉnh đã chọn ({province.code})"
                    )
                cset, changed = actions.import_criteria(u, parsed, province)
                messages.success(
                    request,
                    f"Đã nhập bộ tiêu chí “{cset.name}”."
                    if changed
                    else "Bộ tiêu chí không thay đổi (đã nhập trước đó).",
                )
                return redirect("assessments:criteria_set", cset.pk)
            except ImportFailed as exc:
                for e in exc.errors[:50]:
                    messages.error(request, str(e))
            except ValidationError as exc:
                _flash(request, exc)
    sets = queries.criteria_sets_for(u).order_by("-year", "unit_type")
    return render(request, "assessments/criteria_sets.html", {"sets": sets, "provinces": provinces})


@login_required
def criteria_set(request, pk):
    cset = queries.criteria_set_or_404(request.user, pk)
    nodes = cset.nodes()
    problems = scoring.validate(nodes, cset.band_list())
    return render(
        request,
        "assessments/criteria_set.html",
        {
            "cset": cset,
            "criteria": cset.criteria.all(),
            "problems": problems,
            "can_manage": has_perm(request.user, MANAGE, cset.province),
            "locked": cset.campaigns.exists(),
            "leaves": sum(1 for n in nodes if not any(m.parent == n.code for m in nodes)),
        },
    )


@login_required
def criterion_edit(request, pk, code):
    cset = queries.criteria_set_or_404(request.user, pk, MANAGE)
    c = cset.criteria.filter(code=code).first()
    if c is None:
        raise Http404("Không tìm thấy tiêu chí")
    errors = {}
    if request.method == "POST":
        try:
            actions.update_criterion(
                request.user,
                c,
                title=request.POST.get("title", ""),
                max_points=request.POST.get("max_points", ""),
                rule_shape=request.POST.get("rule_shape", ""),
                rule_params=request.POST.get("rule_params", ""),
                na_policy=request.POST.get("na_policy", ""),
                evidence_required=request.POST.get("evidence_required") == "1",
                guidance=request.POST.get("guidance", ""),
            )
            messages.success(request, f"Đã lưu tiêu chí {c.code}.")
            return redirect("assessments:criteria_set", cset.pk)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
            else:
                _flash(request, exc)
    return render(
        request,
        "assessments/criterion_edit.html",
        {
            "cset": cset,
            "c": c,
            "errors": errors,
            "form": request.POST or None,
            "shapes": scoring.SHAPES.items(),
            "leaf": not c.children.exists(),
            "locked": cset.campaigns.exists(),
        },
    )


@login_required
def criteria_set_xlsx(request, pk):
    cset = queries.criteria_set_or_404(request.user, pk)
    data = criteria_io.write_workbook(actions.as_parsed(cset))
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="bo-tieu-chi-{cset.unit_type}-{cset.year}.xlsx"'
    return resp


def criteria_template(request):
    data = criteria_io.write_workbook(criteria_io.ParsedSet(year=timezone.localdate().year))
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = 'attachment; filename="mau-bo-tieu-chi.xlsx"'
    return resp


@login_required
@require_POST
def criteria_set_copy(request, pk):
    cset = queries.criteria_set_or_404(request.user, pk, MANAGE)
    try:
        new = actions.copy_to_next_year(request.user, cset)
    except ValidationError as exc:
        _flash(request, exc)
        return redirect("assessments:criteria_set", cset.pk)
    messages.success(request, f"Đã sao chép sang năm {new.year}.")
    return redirect("assessments:criteria_set", new.pk)


# --------------------------------------------------------------------------------------------
# Campaigns


@login_required
def campaign_new(request):
    u = request.user
    sets = [s for s in queries.criteria_sets_for(u) if has_perm(u, MANAGE, s.province)]
    if not sets:
        raise Http404
    errors, form = {}, request.POST if request.method == "POST" else {}
    if request.method == "POST":
        cset = next((s for s in sets if str(s.pk) == request.POST.get("criteria_set")), None)
        dates = {}
        for key, label in [
            ("self_deadline", "Hạn tự đánh giá"),
            ("explanation_deadline", "Hạn giải trình"),
            ("appraisal_deadline", "Hạn thẩm định"),
        ]:
            try:
                dates[key] = parse_date(request.POST.get(key, ""))
            except ValueError:
                errors[key] = f"{label}: nhập ngày dạng dd/mm/yyyy"
        name = request.POST.get("name", "").strip()
        if not name:
            errors["name"] = "Nhập tên đợt đánh giá"
        if cset is None:
            errors["criteria_set"] = "Chọn bộ tiêu chí"
        units = None
        excluded = {
            x.strip() for x in request.POST.get("exclude", "").replace(";", ",").split(",") if x.strip()
        }
        if cset is not None and excluded:
            eligible = list(actions.eligible_units(cset))
            unknown = excluded - {x.code for x in eligible}
            if unknown:
                errors["exclude"] = (
                    f"Không có trong danh sách đơn vị được đánh giá: {', '.join(sorted(unknown))}"
                )
            units = [x for x in eligible if x.code not in excluded]
        if not errors:
            try:
                c = actions.open_campaign(
                    u, cset, name=name, survey_plan=request.POST.get("survey_plan", ""), units=units, **dates
                )
                messages.success(request, f"Đã mở đợt đánh giá với {c.assessments.count()} đơn vị.")
                return redirect("assessments:campaign", c.pk)
            except ValidationError as exc:
                errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
    return render(request, "assessments/campaign_new.html", {"sets": sets, "errors": errors, "form": form})


_STATUS_ORDER = {v: i for i, v in enumerate(S.values)}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# key: (label, sort key, descending)
DASHBOARD_SORTS = {
    "ten": ("Tên đơn vị (A–Z)", lambda a: fold(a.unit.name), False),
    "trang_thai": (
        "Trạng thái (chưa nộp trước)",
        lambda a: (_STATUS_ORDER.get(a.status, 9), fold(a.unit.name)),
        False,
    ),
    "nop": ("Nộp sớm nhất", lambda a: (a.submitted_at is None, a.submitted_at or _EPOCH), False),
    "da_nhap": ("Đã nhập ít nhất", lambda a: (a.n_filled / (a.n_entries or 1), fold(a.unit.name)), False),
    "tham_dinh": ("Đã thẩm định nhiều nhất", lambda a: (a.n_appraised, fold(a.unit.name)), True),
}


@login_required
def campaign(request, pk):
    c = queries.campaign_or_404(request.user, pk)
    rows, summary = queries.dashboard_rows(c)
    status = request.GET.get("trang_thai", "")
    if status:
        rows = [a for a in rows if a.status == status]
    q = request.GET.get("q", "").strip()
    if q:
        key = fold(q)
        rows = [a for a in rows if key in fold(a.unit.name) or key in fold(a.unit.code)]
    sort = request.GET.get("sap_xep", "")
    if sort not in DASHBOARD_SORTS:
        sort = ""
    if sort:
        key_fn, reverse_ = DASHBOARD_SORTS[sort][1:]
        rows = sorted(rows, key=key_fn, reverse=reverse_)
    return render(
        request,
        "assessments/campaign.html",
        {
            "c": c,
            "rows": rows,
            "summary": summary,
            "status": status,
            "statuses": S.choices,
            "q": q,
            "sort": sort,
            "sorts": [(k, v[0]) for k, v in DASHBOARD_SORTS.items()],
            "can_manage": has_perm(request.user, MANAGE, c.province),
            "can_appraise": has_perm(request.user, APPRAISE, c.province),
            "can_approve": has_perm(request.user, APPROVE, c.province),
            "today": timezone.localdate(),
            **_approval_context(request.user, c),
        },
    )


@login_required
@require_POST
def campaign_action(request, pk, what):
    c = queries.campaign_or_404(request.user, pk, MANAGE)
    try:
        if what == "tinh-diem":
            actions.compute_campaign(request.user, c)
            messages.success(request, "Đã tính chỉ số, xếp loại và xếp hạng.")
            return redirect("assessments:results", c.pk)
        if what == "cong-bo":
            try:
                day = parse_date(request.POST.get("decision_date", ""))
            except ValueError:
                day = None
            actions.publish(request.user, c, request.POST.get("decision_number", ""), day)
            messages.success(request, "Đã công bố kết quả.")
            return redirect("assessments:results", c.pk)
        if what == "khao-sat":
            f = request.FILES.get("file")
            if not f:
                raise ValidationError("Chọn tệp điểm điều tra xã hội học (CSV/XLSX)")
            try:
                n = actions.import_survey_points(request.user, c, f, f.name)
                messages.success(request, f"Đã nhập điểm điều tra xã hội học ({n} mục thay đổi).")
            except ImportFailed as exc:
                for e in exc.errors[:50]:
                    messages.error(request, str(e))
        elif what == "nhac-nho":
            sent = actions.remind(c, timezone.localdate())
            messages.success(request, f"Đã nhắc {len(sent)} đơn vị chưa nộp.")
        else:
            raise Http404
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("assessments:campaign", c.pk)


@login_required
@require_POST
def campaign_approve(request, pk):
    c = queries.campaign_or_404(request.user, pk, APPROVE)
    try:
        actions.approve(request.user, c, confirm_incomplete=request.POST.get("xac_nhan") == "1")
        messages.success(request, "Đã phê duyệt kết quả; Sở Nội vụ có thể công bố.")
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("assessments:results", c.pk)


@login_required
def results(request, pk, fmt=""):
    c = queries.campaign_or_404(request.user, pk)
    rows, roots = queries.results(c, request.GET.get("q", "").strip(), request.GET.get("sap_xep", "rank"))
    if fmt == "xlsx":
        resp = HttpResponse(exports.results_xlsx(c, rows, roots), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="ket-qua-chi-so-cchc-{c.year}.xlsx"'
        return resp
    if fmt == "docx":
        resp = HttpResponse(exports.decision_appendix_docx(c, rows), content_type=DOCX)
        resp["Content-Disposition"] = f'attachment; filename="phu-luc-quyet-dinh-{c.year}.docx"'
        return resp
    return render(
        request,
        "assessments/results.html",
        {
            "c": c,
            "rows": rows,
            "roots": roots,
            "q": request.GET.get("q", ""),
            "sort": request.GET.get("sap_xep", "rank"),
            "can_manage": has_perm(request.user, MANAGE, c.province),
            "can_approve": has_perm(request.user, APPROVE, c.province),
            **_approval_context(request.user, c),
        },
    )


def _approval_context(user, c) -> dict:
    if c.status != Campaign.Status.COMPUTED or c.approved_at or not has_perm(user, APPROVE, c.province):
        return {}
    r = actions.approval_readiness(c)
    return {"readiness": r, "readiness_warning": "" if r["ready"] else actions.readiness_warning(r)}


# --------------------------------------------------------------------------------------------
# Self-assessment


def _posted_value(post, code: str, default=None):
    """The answer posted for a criterion: the "không phát sinh" box wins over the input."""
    if post.get(f"na-{code}"):
        return "không phát sinh"
    return post.get(f"v-{code}", default)


def _answer_control(r, current) -> None:
    """What the form shows for a leaf: its widget, the current value fitted to it, NA state."""
    w = r["c"].input_widget
    cur = "" if current is None else str(current).strip()
    f = scoring.fold(cur)
    r["w"], r["is_na"], r["cur"] = w, f in scoring.NA_WORDS and f != "", cur
    if w.kind == "select":
        opts, hit = [], False
        for value, label in w.options:
            sel = scoring.fold(value) == f or (r["is_na"] and value == "không phát sinh")
            sel = sel and not hit
            hit = hit or sel
            opts.append((value, label, sel))
        if cur and not hit:
            opts.append((cur, cur, True))  # an earlier free-text answer stays visible
        r["options"] = opts
    elif w.kind in ("rate", "count", "points") and not w.options:
        r["cur"] = "" if r["is_na"] else cur.replace(" ", "").rstrip("%")


def _self_data(post, rows) -> dict:
    data = {}
    for r in rows:
        if not r["leaf"] or r["c"].source == "survey":
            continue
        code = r["c"].code
        if f"v-{code}" in post or f"na-{code}" in post:
            data[code] = {
                "value": _posted_value(post, code, ""),
                "doc_number": post.get(f"so-{code}", ""),
                "doc_date": post.get(f"ngay-{code}", ""),
                "note": post.get(f"gc-{code}", ""),
            }
    return data


@login_required
def self_assessment(request, pk):
    a = queries.assessment_or_404(request.user, pk)
    u = request.user
    can_edit = has_perm(u, WRITE, a.unit) and a.status == S.DRAFT
    field_errors = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bản tự đánh giá đã khóa hoặc bạn không có quyền sửa.")
        rows, *_ = queries.tree_rows(a)
        field_errors = actions.save_self_assessment(
            u, a, _self_data(request.POST, rows), request.POST.get("note")
        )
        if not field_errors:
            messages.success(request, "Đã lưu bản tự đánh giá.")
            return redirect("assessments:self", a.pk)
        messages.error(request, f"Chưa lưu: {len(field_errors)} tiêu chí có lỗi, xem các dòng tô đỏ.")
    rows, result_self, result_final, _ = queries.tree_rows(a)
    posted = request.POST if field_errors else {}
    for r in rows:
        r["error"] = field_errors.get(r["c"].code)
        r["posted"] = _posted_value(posted, r["c"].code) if posted else None
        if r["leaf"] and r["c"].source != "survey":
            _answer_control(r, r["posted"] if r["posted"] is not None else r["e"].self_value)
    return render(
        request,
        "assessments/self.html",
        {
            "a": a,
            "c": a.campaign,
            "rows": rows,
            "total": result_self,
            "can_edit": can_edit,
            "can_submit": has_perm(u, SIGN, a.unit) and a.status == S.DRAFT,
            "can_appraise": has_perm(u, APPRAISE, a.unit),
            "problems": actions.submission_problems(a) if a.status == S.DRAFT else [],
            "days_left": (a.campaign.self_deadline - timezone.localdate()).days,
        },
    )


@login_required
@require_POST
def self_preview(request, pk):
    """HTMX: points of each value and the running total, without saving."""
    a = queries.assessment_or_404(request.user, pk, WRITE)
    rows, *_ = queries.tree_rows(a)
    cset = a.campaign.criteria_set
    pts, errs = {}, {}
    for r in rows:
        if not r["leaf"]:
            continue
        c, e = r["c"], r["e"]
        if c.source == "survey":
            pts[c.code] = e.survey_points
            continue
        value = _posted_value(request.POST, c.code, e.self_value)
        try:
            p, na = actions._entry_points(e, value)
            pts[c.code] = scoring.NA if na else p
        except scoring.RuleError as exc:
            errs[c.code] = str(exc)
            pts[c.code] = None
    result = scoring.compute(scoring.build_tree(cset.nodes()), pts, cset.na_policy)
    return render(
        request,
        "assessments/_preview.html",
        {
            "total": result,
            "rows": [(r["c"], result.nodes.get(r["c"].code), errs.get(r["c"].code)) for r in rows],
        },
    )


@login_required
@require_POST
def upload_evidence(request, pk, entry_id):
    a = queries.assessment_or_404(request.user, pk, WRITE)
    e = queries.entry_or_404(a, entry_id)
    kind = "explanation" if request.POST.get("kind") == "explanation" else "self"
    files = request.FILES.getlist("file")
    if not files:
        messages.error(request, "Chọn tệp tài liệu kiểm chứng")
    for f in files:
        try:
            actions.add_evidence(request.user, e, f, kind)
            messages.success(request, f"Đã tải lên “{f.name}”.")
        except ValidationError as exc:
            _flash(request, exc)
    target = "assessments:explain" if kind == "explanation" else "assessments:self"
    return redirect(reverse(target, args=[a.pk]) + f"#tc-{e.criterion.code}")


@login_required
@require_POST
def delete_evidence(request, ev_id):
    ev = queries.evidence_or_404(request.user, ev_id)
    a = ev.entry.assessment
    if not has_perm(request.user, WRITE, a.unit):
        raise Http404
    try:
        actions.remove_evidence(request.user, ev)
        messages.success(request, "Đã xóa tài liệu.")
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("assessments:self", a.pk)


@login_required
def evidence_file(request, ev_id):
    ev = queries.evidence_or_404(request.user, ev_id)
    try:
        fh = ev.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ") from None
    inline = ev.content_type in ("application/pdf", "image/jpeg", "image/png")
    resp = FileResponse(fh, as_attachment=not inline, filename=ev.original_name, content_type=ev.content_type)
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
@require_POST
def submit(request, pk):
    a = queries.assessment_or_404(request.user, pk)
    if not has_perm(request.user, SIGN, a.unit):
        raise PermissionDenied("Chỉ thủ trưởng đơn vị được ký nộp bản tự đánh giá.")
    try:
        a = actions.submit(request.user, a)
        messages.success(
            request,
            "Đã nộp bản tự đánh giá." + (" Nộp sau thời hạn: được ghi nhận là nộp muộn." if a.late else ""),
        )
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("assessments:self", a.pk)


# --------------------------------------------------------------------------------------------
# Appraisal, explanation, points lost


@login_required
def appraise(request, pk):
    a = queries.assessment_or_404(request.user, pk)
    u = request.user
    can_appraise = has_perm(u, APPRAISE, a.unit) and a.status in actions.APPRAISABLE
    field_errors = {}
    if request.method == "POST":
        if not can_appraise:
            raise PermissionDenied("Bạn không thể thẩm định bản này.")
        rows, *_ = queries.tree_rows(a)
        data = {}
        for r in rows:
            if not r["leaf"]:
                continue
            code = r["c"].code
            row = {}
            if f"p-{code}" in request.POST:
                row["points"] = request.POST[f"p-{code}"]
            if f"nx-{code}" in request.POST:
                row["comment"] = request.POST[f"nx-{code}"]
            if f"ycnd-{code}" in request.POST:  # the request fields are on the form
                row["request"] = request.POST.get(f"yc-{code}") == "1"
                row["request_text"] = request.POST[f"ycnd-{code}"]
            if row:
                data[code] = row
        try:
            field_errors = actions.appraise(u, a, data)
            if not field_errors:
                what = request.POST.get("then", "")
                if what == "giai-trinh":
                    actions.request_explanation(u, a)
                    messages.success(request, "Đã gửi yêu cầu giải trình cho đơn vị.")
                elif what == "chot":
                    actions.finalize(u, a)
                    messages.success(request, "Đã chốt kết quả thẩm định.")
                else:
                    messages.success(request, "Đã lưu điểm thẩm định.")
                return redirect("assessments:appraise", a.pk)
            messages.error(request, f"Chưa lưu: {len(field_errors)} tiêu chí có lỗi.")
        except ValidationError as exc:
            _flash(request, exc)
    rows, result_self, result_final, _ = queries.tree_rows(a)
    for r in rows:
        r["error"] = field_errors.get(r["c"].code)
    return render(
        request,
        "assessments/appraise.html",
        {
            "a": a,
            "c": a.campaign,
            "rows": rows,
            "self_total": result_self,
            "final_total": result_final,
            "can_appraise": can_appraise,
        },
    )


@login_required
def explain(request, pk):
    a = queries.assessment_or_404(request.user, pk)
    u = request.user
    can_explain = (
        has_perm(u, WRITE, a.unit)
        and a.status == S.EXPLANATION
        and timezone.localdate() <= a.campaign.explanation_deadline
    )
    if request.method == "POST":
        if not can_explain:
            raise PermissionDenied("Không thể giải trình lúc này.")
        answers = {k[3:]: v for k, v in request.POST.items() if k.startswith("gt-")}
        try:
            actions.explain(u, a, answers, send=request.POST.get("send") == "1")
            messages.success(
                request, "Đã gửi giải trình." if request.POST.get("send") == "1" else "Đã lưu giải trình."
            )
            return redirect("assessments:explain", a.pk)
        except ValidationError as exc:
            _flash(request, exc)
    entries = (
        a.entries.filter(explanation_requested=True).select_related("criterion").prefetch_related("evidence")
    )
    return render(
        request,
        "assessments/explain.html",
        {"a": a, "c": a.campaign, "entries": entries, "can_explain": can_explain},
    )


@login_required
def points_lost(request, pk):
    a = queries.assessment_or_404(request.user, pk)
    rows = queries.points_lost(a)
    total = sum((r["lost"] for r in rows), 0)
    return render(
        request, "assessments/points_lost.html", {"a": a, "c": a.campaign, "rows": rows, "total": total}
    )


# --------------------------------------------------------------------------------------------
# Public page


def public(request, pk=None):
    published = Campaign.objects.filter(status=Campaign.Status.PUBLISHED).select_related(
        "criteria_set__province"
    )
    c = (
        published.filter(pk=pk).first()
        if pk
        else published.order_by("-criteria_set__year", "criteria_set__unit_type").first()
    )
    if pk and c is None:
        raise Http404("Không tìm thấy kết quả đã công bố")
    rows, roots = queries.results(c, request.GET.get("q", "").strip()) if c else ([], [])
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/public.html",
        {
            "c": c,
            "campaigns": published.order_by("-criteria_set__year"),
            "page_obj": page,
            "rows": page.object_list,
            "roots": roots,
            "q": request.GET.get("q", ""),
        },
    )
