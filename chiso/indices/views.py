"""Pages of the indices app. Thin: reads come from queries/planning, writes go through actions."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chiso.indices import actions, charts, planning, queries
from chiso.indices.forms import ImportForm, NewNodeForm, NodeForm, PlanForm, ResponsibilityForm, VersionForm
from chiso.indices.models import FrameworkVersion, Node, Responsibility, ResultImport
from chiso.lib import vnformat
from chiso.lib.tabular import ImportFailed
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit, UnitKind
from chiso.orgs.permissions import MANAGE, get_unit_or_404, has_perm


def _index_or_404(code):
    index = queries.get_index(code)
    if index is None:
        raise Http404("Không có chỉ số này")
    return index


def _province_or_404(code) -> Unit:
    unit = Unit.objects.filter(code=code, kind=UnitKind.PROVINCE).first()
    if unit is None:
        raise Http404("Không có tỉnh, thành phố này")
    return unit


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def overview(request):
    """The user's province on every index side by side — the first lines of every seed."""
    code = request.GET.get("tinh", "").strip()
    province = _province_or_404(code) if code else queries.user_province(request.user)
    cards = []
    if province is not None:
        for index in queries.indices():
            prof = queries.profile(index, province)
            cards.append(
                {
                    "index": index,
                    "profile": prof,
                    "sentence": queries.sentence(index, prof.row, prof.table),
                    "strong_weak": queries.strengths(prof.row, prof.table.nodes) if prof.row else ([], []),
                }
            )
    # The seeds' first line: "PAPI 2017 xếp thứ 42/63, giảm 05 bậc; PAR INDEX thứ 05/63, …".
    parts = []
    for c in cards:
        row, prof = c["profile"].row, c["profile"]
        if row is not None and row.total.rank:
            text = f"{c['index'].short_name} {prof.year} xếp thứ {row.total.rank:02d}/{row.total.of}"
            if row.rank_change is not None:
                text += f", {vnformat.rank_change(row.rank_change)}"
            if prof.derived:
                text += " (ước tính)"
            parts.append(text)
    return render(
        request,
        "indices/overview.html",
        {
            "province": province,
            "summary_line": "; ".join(parts),
            "cards": cards,
            "provinces": queries.current_provinces()
            + list(Unit.objects.filter(kind=UnitKind.PROVINCE, valid_to__isnull=False).order_by("name")),
            "can_manage": queries.can_manage_indices(request.user),
            "can_read_mapping": province is not None
            and queries.can_read_responsibilities(request.user, province),
        },
    )


@login_required
def index_home(request, index):
    idx = _index_or_404(index)
    years = queries.years_with_results(idx)
    if years:
        return redirect("indices:year", index=idx.code, year=years[-1])
    return render(
        request,
        "indices/year_table.html",
        {
            "index": idx,
            "years": [],
            "table": None,
            "rows": [],
            "can_manage": queries.can_manage_indices(request.user),
        },
    )


SORTS = {"hang", "ten", "diem", "thay_doi", "nhom"}


@login_required
def year_table(request, index, year):
    idx = _index_or_404(index)
    derived = request.GET.get("che_do") == "34"
    rs = queries.result_set(idx)
    table = queries.derived_table(rs, year) if derived else rs.table(year)
    rows = list(table.rows)
    q = request.GET.get("q", "").strip()
    if q:
        key = fold(q)
        rows = [r for r in rows if key in r.province.name_search or key in fold(r.name)]
    sort = request.GET.get("sap_xep", "hang")
    desc = request.GET.get("chieu") == "giam"
    node_codes = {n.code for n in table.nodes}
    if sort in SORTS or sort in node_codes:
        rows = _sorted(rows, sort, desc)
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(idx, table, rows)
    home = queries.user_province(request.user)
    return render(
        request,
        "indices/year_table.html",
        {
            "index": idx,
            "table": table,
            "rows": rows,
            "years": queries.years_with_results(idx),
            "year": year,
            "q": q,
            "sort": sort,
            "desc": desc,
            "derived": derived,
            "top_nodes": [n for n in table.nodes if n.parent_id is None],
            "home": home,
            "chart": charts.ranks_bar(table, home.pk if home else None) if table.rows else None,
        },
    )


def _sorted(rows, sort, desc):
    def key(r):
        if sort == "ten":
            return (0, fold(r.name))
        if sort == "diem":
            v = r.total.score
        elif sort == "thay_doi":
            v = r.rank_change
        elif sort == "nhom":
            return (r.tier is None, r.total.rank or 10**6)
        elif sort == "hang":
            v = r.total.rank
            return (v is None, v if v is not None else 0)
        else:
            v = r.nodes.get(sort).score if r.nodes.get(sort) else None
        return (v is None, -v if (v is not None and not desc) else (v or 0))

    out = sorted(rows, key=key)
    if desc and sort in ("ten", "hang", "nhom"):
        out.reverse()
    return out


def _xlsx(idx, table, rows) -> HttpResponse:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet(f"{idx.short_name} {table.year}"[:31])
    bold = wb.add_format({"bold": True, "bg_color": "#EEF2F6", "border": 1, "text_wrap": True})
    num = wb.add_format({"num_format": "0.00"})
    top = [n for n in table.nodes if n.parent_id is None]
    title = f"{idx.short_name} năm {table.year}" + (
        " — 34 tỉnh, thành phố (ước tính từ các tỉnh cũ)" if table.derived else ""
    )
    ws.write(0, 0, title, wb.add_format({"bold": True, "font_size": 13}))
    head = ["Thứ hạng", "Tỉnh, thành phố", "Điểm", "Trên số tỉnh", "Thay đổi", "Nhóm"] + [
        f"{n.code} {n.label}" for n in top
    ]
    ws.write_row(2, 0, head, bold)
    for i, r in enumerate(rows, start=3):
        ws.write(i, 0, r.total.rank or "")
        ws.write(i, 1, r.name)
        if r.total.score is not None:
            ws.write_number(i, 2, float(r.total.score), num)
        ws.write(i, 3, r.total.of or "")
        ws.write(i, 4, vnformat.rank_change(r.rank_change))
        ws.write(i, 5, r.tier or "")
        for j, n in enumerate(top, start=6):
            c = r.nodes.get(n.code)
            if c and c.score is not None:
                ws.write_number(i, j, float(c.score), num)
    ws.set_column(1, 1, 22)
    ws.set_column(4, 5, 16)
    ws.write(len(rows) + 4, 0, "Nguồn: kết quả công bố; thứ hạng, thay đổi và nhóm do chiso tính lại.")
    wb.close()
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    suffix = "-34-tinh" if table.derived else ""
    resp["Content-Disposition"] = f'attachment; filename="{idx.code}-{table.year}{suffix}.xlsx"'
    return resp


@login_required
def province_profile(request, index, code):
    idx = _index_or_404(index)
    province = _province_or_404(code)
    prof = queries.profile(idx, province, _int(request.GET.get("nam")))
    ctx = {"index": idx, "province": province, "profile": prof, "name": queries.short_name(province)}
    if prof.row is not None:
        table = prof.table
        ctx.update(
            sentence=queries.sentence(idx, prof.row, table),
            paragraph=queries.report_paragraph(idx, prof),
            strong_weak=queries.strengths(prof.row, table.nodes),
            history_chart=charts.history_chart(prof),
            radar=charts.radar_chart(prof, queries.short_name(province)),
            lines=_dimension_lines(prof),
            region_mean=table.total_stats.region_means.get(province.region),
        )
    return render(request, "indices/profile.html", ctx)


def _dimension_lines(prof):
    table, row = prof.table, prof.row
    region = prof.province.region
    out = []
    for n in table.nodes:
        cell = row.nodes.get(n.code)
        st = table.stats.get(n.code)
        if cell is None or st is None or st.count == 0:
            continue
        out.append(
            {
                "node": n,
                "cell": cell,
                "mean": st.mean,
                "region_mean": st.region_means.get(region),
                "gap_mean": (cell.score - _dec(st.mean))
                if cell.score is not None and st.mean is not None
                else None,
                "best": st.max,
                "best_units": st.best,
                "gap_best": (cell.score - st.max) if cell.score is not None and st.max is not None else None,
            }
        )
    return out


def _dec(fr):
    from decimal import Decimal

    return Decimal(fr.numerator) / Decimal(fr.denominator)


@login_required
def planner_page(request, index, code):
    idx = _index_or_404(index)
    province = _province_or_404(code)
    ranks = {
        y: r.total.rank
        for y, r in queries.profile(idx, province).history
        if r.total.score is not None and not r.derived
    }
    years = sorted(ranks)
    # Missing fields take their defaults, so the first visit (or a link naming only some of them)
    # shows a plan at once instead of "required" errors under inputs that display a value.
    data = request.GET.copy()
    default_note = ""
    if years:
        year = _int(data.get("nam"))
        if not data.get("nam", "").strip():
            year = years[-1]
            data["nam"] = str(year)
        if not data.get("hang", "").strip():
            data["hang"], default_note = _default_target(ranks.get(year), year)
        if not data.get("gioi_han", "").strip():
            data["gioi_han"] = "best"
    form = PlanForm(data)
    plan, error = None, None
    top_nodes = []
    weights_raw = {}
    limits_raw = {}
    if years:
        version = queries.version_for(idx, _int(data.get("nam")) or years[-1])
        top_nodes = [n for n in queries.node_tree(version) if n.parent_id is None] if version else []
    if years and form.is_valid():
        d = form.cleaned_data
        weights = {}
        for n in top_nodes:
            raw = request.GET.get(f"w_{n.code}", "").strip()
            weights_raw[n.code] = raw
            if raw:
                try:
                    weights[n.code] = vnformat_decimal(raw)
                except ValueError as exc:
                    error = f"Trọng số {n.code}: {exc}"
        if error is None:
            try:
                limits = {
                    n.code: request.GET[f"l_{n.code}"].strip()
                    for n in top_nodes
                    if request.GET.get(f"l_{n.code}", "").strip()
                }
                limits_raw.update(limits)
                plan = planning.make_plan(
                    idx, province, d["nam"], d["hang"], d["du_bao"], weights, d["gioi_han"], limits=limits
                )
            except planning.PlanError as exc:
                error = str(exc)
    show_agencies = queries.can_read_responsibilities(request.user, province)
    if plan is not None and not show_agencies:
        for ln in plan.lines:
            ln.agencies = []
    return render(
        request,
        "indices/planner.html",
        {
            "index": idx,
            "province": province,
            "name": queries.short_name(province),
            "form": form,
            "plan": plan,
            "error": error,
            "years": years,
            "top_nodes": [(n, weights_raw.get(n.code, ""), limits_raw.get(n.code, "")) for n in top_nodes],
            "show_agencies": show_agencies,
            "default_note": default_note,
        },
    )


def _default_target(rank, year) -> tuple[str, str]:
    """One place better than the current rank (or keeping 1st), with a sentence saying so."""
    if not rank:
        return "1", "Mục tiêu mặc định: thứ 1."
    if rank == 1:
        return "1", f"Năm {year} đã xếp thứ 1: mục tiêu mặc định là giữ thứ 1."
    return (
        str(rank - 1),
        f"Mục tiêu mặc định: thứ {rank - 1}, hơn một bậc so với thứ {rank} của năm {year}.",
    )


def vnformat_decimal(raw):
    from chiso.lib.tabular import parse_decimal

    value = parse_decimal(raw)
    if value <= 0:
        raise ValueError("phải lớn hơn 0")
    return value


@login_required
def frameworks(request):
    items = []
    for index in queries.indices():
        items.append((index, list(index.versions.all())))
    return render(
        request,
        "indices/frameworks.html",
        {"items": items, "can_manage": queries.can_manage_indices(request.user)},
    )


@login_required
def framework_version(request, code):
    version = get_object_or_404(FrameworkVersion.objects.select_related("index"), code=code)
    can_manage = queries.can_manage_indices(request.user)
    vform = VersionForm(
        initial={k: getattr(version, k) for k in ("name", "year_from", "year_to", "source", "notes")}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Chỉ cơ quan thường trực CCHC được sửa khung chỉ số")
        vform = VersionForm(request.POST)
        if vform.is_valid():
            try:
                changed = actions.save_version(request.user, version, **vform.cleaned_data)
                messages.success(request, "Đã lưu phiên bản." if changed else "Không có gì thay đổi.")
                return redirect("indices:framework", code=version.code)
            except ValidationError as exc:
                vform.add_error(None, exc.messages[0])
    nodes = queries.node_tree(version)
    return render(
        request,
        "indices/framework_version.html",
        {"version": version, "nodes": nodes, "can_manage": can_manage, "vform": vform},
    )


@login_required
@require_POST
def node_add(request, code):
    version = get_object_or_404(FrameworkVersion, code=code)
    if not queries.can_manage_indices(request.user):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC được sửa khung chỉ số")
    form = NewNodeForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        parent = (
            version.nodes.filter(code__iexact=d["parent"].strip()).first() if d["parent"].strip() else None
        )
        if d["parent"].strip() and parent is None:
            messages.error(request, f"Không có thành phần cha “{d['parent']}” trong khung này")
        else:
            try:
                node = actions.add_node(request.user, version, d["code"], d["name"], parent, d["max_points"])
                messages.success(request, f"Đã thêm {node.code}.")
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
    else:
        messages.error(request, "; ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()))
    return redirect("indices:framework", code=version.code)


@login_required
@require_POST
def node_delete(request, pk):
    node = get_object_or_404(Node.objects.select_related("version"), pk=pk)
    if not queries.can_manage_indices(request.user):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC được sửa khung chỉ số")
    try:
        actions.delete_node(request.user, node)
        messages.success(request, f"Đã xóa {node.code}.")
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("indices:framework", code=node.version.code)


@login_required
@require_POST
def node_edit(request, pk):
    node = get_object_or_404(Node.objects.select_related("version"), pk=pk)
    if not queries.can_manage_indices(request.user):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC được sửa khung chỉ số")
    form = NodeForm(request.POST)
    if form.is_valid():
        try:
            changed = actions.save_node(request.user, node, **form.cleaned_data)
            messages.success(
                request, f"Đã lưu {node.code}." if changed else f"{node.code}: không có gì thay đổi."
            )
        except ValidationError as exc:
            messages.error(request, f"{node.code}: {exc.messages[0]}")
    else:
        messages.error(
            request,
            f"{node.code}: " + "; ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()),
        )
    return redirect(reverse("indices:framework", kwargs={"code": node.version.code}) + f"#n{node.pk}")


@login_required
def import_results(request):
    if not queries.can_manage_indices(request.user):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC được nhập kết quả công bố")
    indices = queries.indices()
    form = ImportForm(request.POST or None, request.FILES or None, indices=indices)
    errors, outcome = None, None
    if request.method == "POST" and form.is_valid():
        index = queries.get_index(form.cleaned_data["index"])
        upload = form.cleaned_data["file"]
        try:
            outcome = actions.import_results(
                request.user, index, upload, upload.name, form.cleaned_data["fmt"]
            )
            messages.success(
                request,
                f"Đã nhập {outcome.rows} điểm: {outcome.created} mới, {outcome.updated} cập nhật, "
                f"{outcome.unchanged} không đổi.",
            )
        except ImportFailed as exc:
            errors = exc.errors
        except ValidationError as exc:
            errors = None
            form.add_error(None, exc.messages[0])
    recent = ResultImport.objects.select_related("index", "actor")[:10]
    return render(
        request, "indices/import.html", {"form": form, "errors": errors, "outcome": outcome, "recent": recent}
    )


@login_required
def responsibilities(request, code):
    province = Unit.objects.filter(code=code).first()
    if province is None or not queries.can_read_responsibilities(request.user, province):
        raise Http404("Không tìm thấy đơn vị")
    if province.kind != UnitKind.PROVINCE:
        raise Http404("Không phải tỉnh, thành phố")
    can_manage = has_perm(request.user, MANAGE, province)
    indices = queries.indices()
    agencies = list(
        Unit.objects.under(province, include_self=False)
        .filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DESK], valid_to__isnull=True)
        .order_by("sort_order", "name")
    )
    form = ResponsibilityForm(request.POST or None, indices=indices, agencies=agencies)
    if request.method == "POST":
        if not can_manage:
            raise Http404("Không tìm thấy đơn vị")
        if form.is_valid():
            d = form.cleaned_data
            try:
                _, changed = actions.set_responsibility(
                    request.user,
                    province,
                    queries.get_index(d["index"]),
                    d["node_code"],
                    Unit.objects.get(code=d["agency"]),
                    d["lead"],
                    d["note"],
                )
                messages.success(request, "Đã lưu phân công." if changed else "Không có gì thay đổi.")
                return redirect("indices:responsibilities", code=province.code)
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
    rows = Responsibility.objects.filter(province=province).select_related("index", "agency")
    names = {}
    for index in indices:
        for n in Node.objects.filter(version__index=index).order_by("-version__year_from"):
            names.setdefault((index.pk, n.code), n.name)
    items = [(r, names.get((r.index_id, r.node_code), "Tổng điểm" if not r.node_code else "")) for r in rows]
    return render(
        request,
        "indices/responsibilities.html",
        {"province": province, "items": items, "form": form, "can_manage": can_manage},
    )


@login_required
@require_POST
def responsibility_delete(request, code, pk):
    province = get_unit_or_404(request.user, code, MANAGE)
    obj = get_object_or_404(Responsibility, pk=pk, province=province)
    actions.delete_responsibility(request.user, obj)
    messages.success(request, "Đã xóa phân công.")
    return redirect("indices:responsibilities", code=province.code)


@login_required
@require_POST
def responsibility_defaults(request, code):
    province = get_unit_or_404(request.user, code, MANAGE)
    made = actions.load_default_responsibilities(request.user, province)
    messages.success(request, f"Đã áp dụng phân công mặc định: {made} dòng mới.")
    return redirect("indices:responsibilities", code=province.code)
