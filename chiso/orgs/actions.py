"""Every state change of the orgs app: checks permission, writes, records the audit entry."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from chiso.orgs import audit
from chiso.orgs.models import ApiToken, LinkKind, Notification, Role, RoleAssignment, Unit, UnitLink
from chiso.orgs.permissions import MANAGE, has_perm, is_global_admin, require

User = get_user_model()

UNIT_FIELDS = ["code", "name", "kind", "parent", "valid_from", "valid_to", "aliases", "region", "sort_order"]


def _check_unit(unit: Unit) -> None:
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise ValidationError("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực")
    if unit.parent_id and unit.parent.pk == unit.pk:
        raise ValidationError("Đơn vị không thể trực thuộc chính nó")


@transaction.atomic
def save_unit(actor, unit: Unit, **values) -> tuple[Unit, bool]:
    """Create (unit.pk is None) or update a unit. Returns (unit, changed)."""
    scope = unit.parent if unit.pk is None else unit
    new_parent = values.get("parent", unit.parent if unit.parent_id else None)
    if actor is not None:
        require(actor, MANAGE, new_parent or scope)
        if scope is not None:
            require(actor, MANAGE, scope)
    if unit.pk is not None and "parent" in values and values["parent"] != unit.parent:
        raise ValidationError(
            "Không đổi cấp trên của đơn vị đã có: hãy kết thúc đơn vị và tạo đơn vị kế thừa"
        )
    before = audit.snapshot(unit, UNIT_FIELDS) if unit.pk else None
    for k, v in values.items():
        setattr(unit, k, v)
    _check_unit(unit)
    after = audit.snapshot(unit, UNIT_FIELDS)
    if before is not None and before == after:
        return unit, False
    created = unit.pk is None
    unit.save()
    audit.record("unit.create" if created else "unit.update", unit, actor=actor, before=before, after=after)
    return unit, True


@transaction.atomic
def link_units(
    actor, predecessor: Unit, successor: Unit, kind=LinkKind.MERGE, date=None, note=""
) -> tuple[UnitLink, bool]:
    if actor is not None:
        require(actor, MANAGE, successor)
    date = date or successor.valid_from or predecessor.valid_to
    if date is None:
        raise ValidationError("Cần ngày hiệu lực của việc sắp xếp đơn vị")
    link, created = UnitLink.objects.get_or_create(
        predecessor=predecessor, successor=successor, defaults={"kind": kind, "date": date, "note": note}
    )
    if created:
        audit.record(
            "unit.link",
            successor,
            actor=actor,
            after={"predecessor": predecessor.code, "successor": successor.code, "kind": kind, "date": date},
        )
    return link, created


@transaction.atomic
def create_user(actor, *, username: str, full_name: str, email: str = "", password: str | None = None):
    if actor is not None and not _can_manage_users(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC hoặc quản trị hệ thống được tạo người dùng")
    username = username.strip()
    if not username:
        raise ValidationError("Tên đăng nhập không được để trống")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"Tên đăng nhập '{username}' đã tồn tại")
    first, _, last = full_name.strip().rpartition(" ")
    user = User(username=username, email=email, first_name=first, last_name=last or full_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record(
        "user.create", user, actor=actor, after={"username": username, "full_name": full_name, "email": email}
    )
    return user


def _can_manage_users(actor) -> bool:
    from chiso.orgs.permissions import can_manage_anything

    return can_manage_anything(actor)


@transaction.atomic
def assign_role(actor, user, role: str, unit: Unit) -> tuple[RoleAssignment, bool]:
    if role not in Role.values:
        raise ValidationError(f"Vai trò '{role}' không hợp lệ")
    if actor is not None:
        require(actor, MANAGE, unit)
        if role == Role.ADMIN and not is_global_admin(actor):
            raise PermissionDenied("Chỉ quản trị hệ thống được cấp quyền quản trị")
    ra, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit.record(
            "role.assign",
            ra,
            actor=actor,
            unit=unit,
            after={"user": user.username, "role": role, "unit": unit.code},
        )
    if hasattr(user, "_chiso_grants"):
        del user._chiso_grants
    return ra, created


@transaction.atomic
def revoke_role(actor, assignment: RoleAssignment) -> None:
    if actor is not None:
        require(actor, MANAGE, assignment.unit)
    audit.record(
        "role.revoke",
        assignment,
        actor=actor,
        unit=assignment.unit,
        before={"user": assignment.user.username, "role": assignment.role, "unit": assignment.unit.code},
    )
    assignment.delete()


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(actor, user, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret, which is shown once and stored only as a hash."""
    if actor is not None and actor.pk != user.pk and not is_global_admin(actor):
        raise PermissionDenied("Chỉ tạo được khóa API cho chính mình")
    if not name.strip():
        raise ValidationError("Hãy đặt tên cho khóa API")
    secret = "chiso_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=secret[:12], key_hash=_hash_key(secret)
    )
    audit.record("apitoken.create", token, actor=actor, after={"name": token.name, "prefix": token.prefix})
    return token, secret


@transaction.atomic
def revoke_api_token(actor, token: ApiToken) -> None:
    if actor is not None and actor.pk != token.user_id and not is_global_admin(actor):
        raise PermissionDenied("Không thể thu hồi khóa API của người khác")
    if token.revoked_at:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record("apitoken.revoke", token, actor=actor, after={"revoked_at": token.revoked_at})


def user_for_token(secret: str):
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_key(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def notify(
    user,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = "",
    dedupe_key: str | None = None,
    email: bool = True,
):
    """Put a message in the user's inbox (and e-mail it). With a dedupe_key, a second call is a no-op.

    Returns the notification, or None when it had already been sent."""
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    with transaction.atomic():
        n = Notification.objects.create(
            user=user, title=title[:300], body=body, url=url, kind=kind, dedupe_key=dedupe_key
        )
    if email and user.email:
        base = getattr(settings, "CHISO_BASE_URL", "")
        send_mail(title[:200], f"{body}\n\n{base}{url}".strip(), None, [user.email], fail_silently=True)
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
    return n


def mark_read(user, notification: Notification) -> None:
    if notification.user_id != user.pk:
        raise PermissionDenied()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def users_with_role(role: str, unit: Unit, inherited: bool = True):
    """Users holding `role` on `unit` (or, with inherited, on one of its ancestors)."""
    ids = [unit.pk, *unit.ancestor_ids()] if inherited else [unit.pk]
    return User.objects.filter(
        role_assignments__role=role, role_assignments__unit_id__in=ids, is_active=True
    ).distinct()


def units_user_may_manage(user, unit: Unit) -> bool:
    return has_perm(user, MANAGE, unit)
