"""Staff pages: results, comments, questionnaires, collection points and posters, imports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chiso.lib import periods
from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import Unit
from chiso.orgs.permissions import MANAGE, READ, WRITE, get_unit_or_404, has_perm, home_unit, scope_q
from chiso.surveys import actions, charts, export, poster, queries
from chiso.surveys.forms import FormUploadForm, ResponsesUploadForm
from chiso.surveys.models import CollectionPoint, FormVersion, Questionnaire, Source


def _period(request, default="2025"):
    raw = (request.GET.get("ky") or "").strip() or default
    try:
        return periods.parse(raw), raw
    except ValueError:
        messages.error(
            request, f"Kỳ '{raw}' không hợp lệ (ví dụ: 2025, 2025-Q3, 2025-07). Đang hiển thị năm {default}."
        )
        return periods.parse(default), default


def _default_year():
    from chiso.surveys.models import Response

    last = Response.objects.order_by("-submitted_on").values_list("submitted_on", flat=True).first()
    return str(last.year) if last else "2025"


def _unit(request):
    code = (request.GET.get("don_vi") or "").strip()
    if code:
        return get_unit_or_404(request.user, code, READ)
    unit = home_unit(request.user)
    if unit is None:
        raise Http404("Bạn chưa được phân quyền trên đơn vị nào")
    return unit


def _questionnaire(request):
    pk = (request.GET.get("phieu") or "").strip()
    if pk.isdigit():
        return Questionnaire.objects.filter(pk=int(pk)).first()
    return None


def _unit_choices(user):
    return (
        Unit.objects.filter(scope_q(user, READ, field=""))
        .exclude(valid_to__isnull=False, survey_responses__isnull=True)
        .filter(
            kind__in=["province", "commune", "ward", "town", "special_zone", "desk", "department", "district"]
        )
        .distinct()
        .order_by("path")[:400]
    )


@login_required
def index(request):
    points = (
        CollectionPoint.objects.filter(scope_q(request.user, READ))
        .select_related("unit", "questionnaire")
        .order_by("unit__code")
    )
    page = Paginator(points, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/index.html",
        {
            "questionnaires": Questionnaire.objects.select_related("unit").order_by("title"),
            "page_obj": page,
            "points": page.object_list,
            "home": home_unit(request.user),
        },
    )


@login_required
def results(request):
    unit = _unit(request)
    period, ky = _period(request, _default_year())
    questionnaire = _questionnaire(request)
    field = (request.GET.get("linh_vuc") or "").strip()
    res = queries.indices(unit, period, field, questionnaire)
    province = queries.province_of(unit)
    prov_res = queries.indices(province, period, field, questionnaire) if province.pk != unit.pk else res
    ranking, min_n = queries.ranking(unit, period, field, questionnaire)
    months = (
        queries.monthly(unit, period, field, questionnaire)
        if period.kind in ("year", "half", "quarter")
        else []
    )
    dist = queries.distribution(unit, period, field, questionnaire)
    q_for_labels = questionnaire or Questionnaire.objects.order_by("pk").first()
    fields = queries.fields_of(q_for_labels)
    ctx = {
        "unit": unit,
        "period": period,
        "ky": ky,
        "field": field,
        "fields": fields,
        "questionnaire": questionnaire,
        "questionnaires": Questionnaire.objects.order_by("title"),
        "result": res,
        "province": province,
        "province_result": prov_res,
        "ranking": ranking,
        "min_n": min_n,
        "units": _unit_choices(request.user),
        "radar": charts.radar(res, prov_res, unit, province),
        "trend": charts.trend(months) if months else None,
        "distribution": charts.distribution(dist, q_for_labels),
        "comment_count": queries.comments(request.user, unit, period, field).count(),
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/results.html", ctx)


@login_required
def results_csv(request):
    unit = _unit(request)
    period, ky = _period(request, _default_year())
    res = queries.indices(unit, period, (request.GET.get("linh_vuc") or "").strip(), _questionnaire(request))
    body = export.satisfaction_csv_human(res, unit.name, period.label_vi)
    resp = HttpResponse(body, content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="hai-long-{unit.code}-{period.code}.csv"'
    return resp


@login_required
def points_csv(request):
    """Survey points for an assessment campaign (see chiso.surveys.export)."""
    unit = _unit(request)
    period, _ = _period(request, _default_year())
    mapping = export.parse_mapping(request.GET.get("map", ""))
    if not mapping:
        messages.error(
            request, "Cần ghi bảng ánh xạ câu hỏi → mã tiêu chí, ví dụ: tiep_can=TC5.1, thu_tuc=TC5.2"
        )
        return redirect(reverse("surveys:results") + "?" + request.GET.urlencode())
    fmt = "points" if request.GET.get("dang") == "points" else "option"
    try:
        max_points = float((request.GET.get("diem_toi_da") or "1").replace(",", "."))
    except ValueError:
        max_points = 1.0
    body = export.survey_points_csv(
        unit, period, mapping, fmt, max_points, labels=request.GET.get("nhan") == "1"
    )
    resp = HttpResponse(body, content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="diem-khao-sat-{unit.code}-{period.code}.csv"'
    return resp


@login_required
def comments(request):
    unit = _unit(request)
    period, ky = _period(request, _default_year())
    field = (request.GET.get("linh_vuc") or "").strip()
    q = (request.GET.get("q") or "").strip()
    qs = queries.comments(request.user, unit, period, field, q)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/comments.html",
        {
            "unit": unit,
            "period": period,
            "ky": ky,
            "q": q,
            "field": field,
            "fields": queries.fields_of(Questionnaire.objects.order_by("pk").first()),
            "page_obj": page,
            "rows": page.object_list,
            "units": _unit_choices(request.user),
        },
    )


@login_required
def questionnaires(request):
    form = FormUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        unit = get_unit_or_404(request.user, form.cleaned_data["unit"].strip(), MANAGE)
        f = form.cleaned_data["file"]
        try:
            version, created = actions.import_form(request.user, f.read(), f.name, unit)
        except ImportFailed as exc:
            for e in exc.errors[:30]:
                messages.error(request, str(e))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            if created:
                messages.success(
                    request, f"Đã nạp biểu mẫu “{version.questionnaire.title}”, phiên bản {version.version}."
                )
            else:
                messages.info(request, "Biểu mẫu này đã được nạp trước đó: không có gì thay đổi.")
            return redirect("surveys:questionnaire", pk=version.questionnaire_id)
    home = home_unit(request.user)
    if not form.is_bound and home:
        form.initial["unit"] = home.code
    return render(
        request,
        "surveys/questionnaires.html",
        {"form": form, "questionnaires": Questionnaire.objects.select_related("unit").order_by("title")},
    )


@login_required
def questionnaire(request, pk):
    q = get_object_or_404(Questionnaire.objects.select_related("unit"), pk=pk)
    version = q.current
    from chiso.surveys.xlsform import ELEMENTS, PILLARS

    points = (
        CollectionPoint.objects.filter(questionnaire=q)
        .filter(scope_q(request.user, READ))
        .select_related("unit")
    )
    return render(
        request,
        "surveys/questionnaire.html",
        {
            "q": q,
            "version": version,
            "versions": q.versions.all(),
            "elements": ELEMENTS,
            "pillars": PILLARS,
            "points": points[:200],
            "point_count": points.count(),
            "upload": ResponsesUploadForm(),
        },
    )


@login_required
def download_version(request, pk, vpk):
    v = get_object_or_404(FormVersion, pk=vpk, questionnaire_id=pk)
    resp = HttpResponse(
        bytes(v.source), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = f'attachment; filename="{v.questionnaire.form_id}-{v.version}.xlsx"'
    return resp


@login_required
@require_POST
def import_responses(request, pk):
    q = get_object_or_404(Questionnaire, pk=pk)
    form = ResponsesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("surveys:questionnaire", pk=pk)
    code = (form.cleaned_data.get("unit") or "").strip()
    unit = get_unit_or_404(request.user, code, WRITE) if code else None
    f = form.cleaned_data["file"]
    try:
        summary = actions.import_responses(
            request.user,
            f,
            f.name,
            q.current,
            unit=unit,
            source=Source.PAPER if form.cleaned_data.get("paper") else Source.IMPORT,
        )
    except ImportFailed as exc:
        messages.error(
            request, f"Không nhập được tệp {f.name}: {len(exc.errors)} lỗi, chưa có phiếu nào được lưu."
        )
        for e in exc.errors[:30]:
            messages.error(request, str(e))
    else:
        messages.success(
            request,
            f"Đã nhập {summary.created} phiếu mới; {summary.skipped} phiếu đã có từ trước nên bỏ qua.",
        )
    return redirect("surveys:questionnaire", pk=pk)


@login_required
@require_POST
def create_point(request):
    q = get_object_or_404(Questionnaire, pk=request.POST.get("phieu") or 0)
    unit = get_unit_or_404(request.user, (request.POST.get("don_vi") or "").strip(), WRITE)
    point, created = actions.ensure_point(request.user, unit, q)
    if created:
        messages.success(request, f"Đã tạo điểm khảo sát cho {unit.name}: {point.slug}")
    else:
        messages.info(request, f"{unit.name} đã có điểm khảo sát {point.slug}.")
    return redirect("surveys:point", slug=point.slug)


def _staff_point(request, slug) -> CollectionPoint:
    point = get_object_or_404(CollectionPoint.objects.select_related("unit", "questionnaire"), slug=slug)
    if not has_perm(request.user, READ, point.unit):
        raise Http404("Không tìm thấy điểm khảo sát")
    return point


@login_required
def point(request, slug):
    p = _staff_point(request, slug)
    url = request.build_absolute_uri(reverse("surveys:form", args=[p.slug]))
    if request.method == "POST":
        if not has_perm(request.user, WRITE, p.unit):
            raise Http404("Không tìm thấy điểm khảo sát")
        actions.set_point_active(request.user, p, request.POST.get("active") == "1")
        messages.success(request, "Đã cập nhật trạng thái điểm khảo sát.")
        return redirect("surveys:point", slug=p.slug)
    return render(
        request,
        "surveys/point.html",
        {
            "p": p,
            "url": url,
            "can_write": has_perm(request.user, WRITE, p.unit),
            "count": p.response_set.count(),
        },
    )


@login_required
def point_poster(request, slug):
    p = _staff_point(request, slug)
    url = request.build_absolute_uri(reverse("surveys:form", args=[p.slug]))
    parent = p.unit.parent.name if p.unit.parent_id else ""
    pdf = poster.poster_pdf(p.unit.name, url, parent)
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="qr-khao-sat-{p.unit.code}.pdf"'
    return resp
