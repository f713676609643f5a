import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.lib.tabular import ImportFailed, parse_date
from chiso.lib.vntext import fold
from chiso.orgs import actions, importer, queries
from chiso.orgs.forms import ImportForm, RoleAssignForm, TokenForm, UserCreateForm
from chiso.orgs.models import ApiToken, AuditEntry, Notification, RoleAssignment, Unit, UnitKind
from chiso.orgs.permissions import (
    MANAGE,
    READ,
    can_manage_anything,
    get_unit_or_404,
    has_perm,
    home_unit,
    is_global_admin,
    scope_q,
    visible_units,
)

User = get_user_model()


def _as_of(request) -> dt.date:
    raw = request.GET.get("ngay", "").strip()
    if raw:
        try:
            return parse_date(raw)
        except ValueError as exc:
            messages.error(request, str(exc))
    return dt.date.today()


@login_required
def unit_directory(request):
    on = _as_of(request)
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("loai", "")
    ctx = {"on": on, "q": q, "kinds": UnitKind.choices, "kind": kind}
    if q or kind:
        qs = visible_units(request.user).select_related("parent")
        if q:
            qs = qs.search(q)
        if kind:
            qs = qs.filter(kind=kind)
        if request.GET.get("ca_cu") != "1":
            qs = qs.valid_on(on)
        page = Paginator(qs.order_by("name", "code"), 50).get_page(request.GET.get("page"))
        ctx.update(page_obj=page, results=page.object_list)
    else:
        root = home_unit(request.user)
        ctx["tree"] = queries.tree(root, on) if root else []
    return render(request, "orgs/unit_directory.html", ctx)


@login_required
def unit_detail(request, code):
    unit = get_unit_or_404(request.user, code)
    on = _as_of(request)
    hist = queries.history(unit)
    related = [
        *queries.ancestors(unit),
        *[link.predecessor for link in hist["predecessors"]],
        *[link.successor for link in hist["successors"]],
    ]
    readable = {u.pk for u in related if has_perm(request.user, READ, u)}
    ctx = {
        "readable": readable,
        "unit": unit,
        "on": on,
        "ancestors": queries.ancestors(unit),
        "children": list(unit.children.valid_on(on).order_by("sort_order", "name")),
        "ended_children": unit.children.exclude(pk__in=unit.children.valid_on(on)).count(),
        "predecessors": hist["predecessors"],
        "successors": hist["successors"],
        "became": queries.became(unit) if unit.valid_to else [],
        "can_manage": has_perm(request.user, MANAGE, unit),
        "roles": RoleAssignment.objects.filter(unit=unit).select_related("user")
        if has_perm(request.user, MANAGE, unit)
        else [],
    }
    return render(request, "orgs/unit_detail.html", ctx)


@login_required
def unit_import(request, code):
    province = get_unit_or_404(request.user, code, MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer.import_units(request.user, province, upload, upload.name)
            messages.success(
                request,
                f"Đã nhập: {result.created} đơn vị mới, {result.updated} cập nhật, {result.unchanged} không đổi, {result.links} liên kết sắp xếp.",
            )
        except ImportFailed as exc:
            errors = exc.errors
    return render(
        request,
        "orgs/unit_import.html",
        {"province": province, "form": form, "errors": errors, "result": result},
    )


@login_required
def unit_export(request, code):
    province = get_unit_or_404(request.user, code)
    fmt = request.GET.get("format", "xlsx")
    if fmt == "csv":
        resp = HttpResponse(importer.export_csv(province), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="don-vi-{province.code}.csv"'
    else:
        resp = HttpResponse(
            importer.export_xlsx(province),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = f'attachment; filename="don-vi-{province.code}.xlsx"'
    return resp


def _require_manager(user):
    if not can_manage_anything(user):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC hoặc quản trị hệ thống được quản lý người dùng")


@login_required
def users(request):
    _require_manager(request.user)
    q = request.GET.get("q", "").strip()
    in_scope = RoleAssignment.objects.filter(scope_q(request.user, MANAGE)).values("user_id")
    qs = (
        User.objects.filter(Q(pk__in=in_scope) | Q(role_assignments__isnull=True))
        .distinct()
        .order_by("username")
    )
    if q:
        folded = fold(q)
        qs = [u for u in qs if folded in fold(f"{u.username} {u.get_full_name()} {u.email}")]
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    assignments = {}
    for ra in RoleAssignment.objects.filter(user__in=[u.pk for u in page.object_list]).select_related("unit"):
        assignments.setdefault(ra.user_id, []).append(ra)
    rows = [(u, assignments.get(u.pk, [])) for u in page.object_list]
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = Unit.objects.filter(code=d["unit_code"]).first()
        if unit is None or not has_perm(request.user, MANAGE, unit):
            form.add_error("unit_code", "Không tìm thấy đơn vị trong phạm vi bạn quản lý")
        else:
            try:
                user = actions.create_user(
                    request.user,
                    username=d["username"],
                    full_name=d["full_name"],
                    email=d["email"],
                    password=d["password"],
                )
                actions.assign_role(request.user, user, d["role"], unit)
                messages.success(request, f"Đã tạo người dùng {user.username}")
                return redirect("orgs:users")
            except ValidationError as exc:
                form.add_error(None, exc)
    return render(
        request,
        "orgs/users.html",
        {"rows": rows, "page_obj": page, "form": form, "q": q, "role_form": RoleAssignForm()},
    )


@login_required
@require_POST
def role_assign(request, user_id):
    _require_manager(request.user)
    target = get_object_or_404(User, pk=user_id)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        unit = Unit.objects.filter(code=form.cleaned_data["unit_code"]).first()
        if unit is None or not has_perm(request.user, MANAGE, unit):
            messages.error(request, "Không tìm thấy đơn vị trong phạm vi bạn quản lý")
        else:
            actions.assign_role(request.user, target, form.cleaned_data["role"], unit)
            messages.success(request, f"Đã giao vai trò cho {target.username}")
    else:
        messages.error(request, "Thông tin vai trò không hợp lệ")
    return redirect("orgs:users")


@login_required
@require_POST
def role_revoke(request, assignment_id):
    ra = get_object_or_404(RoleAssignment.objects.select_related("unit", "user"), pk=assignment_id)
    if not has_perm(request.user, MANAGE, ra.unit):
        raise Http404()
    actions.revoke_role(request.user, ra)
    messages.success(request, f"Đã thu hồi vai trò của {ra.user.username}")
    return redirect("orgs:users")


@login_required
def audit_trail(request):
    _require_manager(request.user)
    if is_global_admin(request.user):
        qs = AuditEntry.objects.select_related("unit")
    else:
        # scope_q is empty (= everything) only for the global admin, handled above.
        qs = AuditEntry.objects.filter(
            scope_q(request.user, MANAGE) | Q(unit__isnull=True, actor=request.user)
        ).select_related("unit")
    action = request.GET.get("hanh_dong", "").strip()
    who = request.GET.get("nguoi", "").strip()
    if action:
        qs = qs.filter(action__icontains=action)
    if who:
        qs = qs.filter(actor_label__icontains=who)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "orgs/audit.html", {"page_obj": page, "action": action, "who": who})


@login_required
def account(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _, secret = actions.create_api_token(request.user, request.user, form.cleaned_data["name"])
        messages.warning(request, "Hãy sao chép khóa ngay: khóa chỉ hiển thị một lần.")
    tokens = ApiToken.objects.filter(user=request.user)
    roles = RoleAssignment.objects.filter(user=request.user).select_related("unit")
    return render(
        request, "orgs/account.html", {"form": form, "secret": secret, "tokens": tokens, "roles": roles}
    )


@login_required
@require_POST
def token_revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    actions.revoke_api_token(request.user, token)
    messages.success(request, f"Đã thu hồi khóa {token.name}")
    return redirect("orgs:account")


@login_required
def inbox(request):
    qs = Notification.objects.filter(user=request.user)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "orgs/inbox.html", {"page_obj": page})


@login_required
@require_POST
def notification_read(request, pk):
    n = get_object_or_404(Notification, pk=pk, user=request.user)
    actions.mark_read(request.user, n)
    return redirect(n.url or "orgs:inbox")
