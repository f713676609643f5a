"""Organisation: an effective-dated unit tree, role assignments, audit trail, API tokens, inbox."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from chiso.lib.vntext import fold


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DISTRICT = "district", "Quận, huyện, thị xã"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    TOWN = "town", "Thị trấn"
    SPECIAL_ZONE = "special_zone", "Đặc khu"
    DESK = "desk", "Bộ phận Một cửa"


# Kinds of the grassroots level (communes, wards, towns, special zones).
COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN, UnitKind.SPECIAL_ZONE)


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date | None):
        """Units in force on `day` (valid_to is the last day in force, inclusive)."""
        if day is None:
            return self
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def under(self, unit: "Unit", include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def search(self, text: str):
        folded = fold(text)
        if not folded:
            return self
        return self.filter(Q(name_search__contains=folded) | Q(code__iexact=text.strip()))


class Unit(models.Model):
    """One unit over its lifetime. Its parent never changes: a reorganisation ends the unit
    (valid_to) and links it to the units that succeed it, so the path below is stable."""

    code = models.CharField("Mã", max_length=40, unique=True)
    name = models.CharField("Tên", max_length=200)
    kind = models.CharField("Loại", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="Trực thuộc",
    )
    valid_from = models.DateField("Hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("Hiệu lực đến", null=True, blank=True)
    aliases = models.CharField("Tên khác", max_length=500, blank=True, help_text="Ngăn cách bởi dấu ;")
    region = models.CharField("Vùng", max_length=100, blank=True)
    sort_order = models.IntegerField(default=0)
    # Materialised path of ids, root first: "/12/345/". One query answers ancestors and descendants.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_search = models.CharField(max_length=800, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = fold(" ".join([self.name, *self.alias_list()]))
        super().save(*args, **kwargs)
        path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if path != self.path:
            self.path = path
            self.depth = path.count("/") - 2
            Unit.objects.filter(pk=self.pk).update(path=path, depth=self.depth)

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.split(";") if a.strip()]

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(dt.date.today())

    def province(self) -> "Unit | None":
        if self.kind == UnitKind.PROVINCE:
            return self
        ids = self.ancestor_ids()
        return Unit.objects.filter(pk__in=ids, kind=UnitKind.PROVINCE).first()


class LinkKind(models.TextChoices):
    MERGE = "merge", "Hợp nhất / sáp nhập"
    SPLIT = "split", "Chia tách"
    RENAME = "rename", "Đổi tên"
    TRANSFER = "transfer", "Điều chuyển"


class UnitLink(models.Model):
    """Predecessor → successor: what a former unit became on a reorganisation date."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessor_links")
    kind = models.CharField(max_length=20, choices=LinkKind.choices, default=LinkKind.MERGE)
    date = models.DateField("Ngày hiệu lực")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="unitlink_unique")]


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    REFORM_OFFICE = "reform_office", "Cơ quan thường trực CCHC (Sở Nội vụ)"
    LEADER = "leader", "Lãnh đạo"
    OFFICER = "officer", "Chuyên viên đơn vị"
    HEAD = "head", "Thủ trưởng đơn vị"
    APPRAISER = "appraiser", "Thành viên thẩm định"


class RoleAssignment(models.Model):
    """A role held over a unit and all its descendants."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="role_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="roleassignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class AuditEntry(models.Model):
    """Append-only record of a state change. Never updated, never deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    actor_label = models.CharField(max_length=150, blank=True)
    source = models.CharField(max_length=10)  # web | api | command | system
    ip = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    model = models.CharField(max_length=80, blank=True)
    object_pk = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_pk"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký không được sửa")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký không được xóa")


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("Tên", max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Notification(models.Model):
    """In-app inbox entry. `dedupe_key` makes reminders idempotent (one per key per user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=40, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                name="notification_dedupe",
                condition=Q(dedupe_key__isnull=False),
            )
        ]
