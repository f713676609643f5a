"""Indices: versioned frameworks (a tree of nodes with maxima), published results per province,
year and node, and the mapping node → responsible agency that the reform office edits.

Ranks, changes, tiers and averages are computed on read from `Result` (chiso.indices.queries):
a year is ~600 rows, so there is nothing to keep in sync."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from chiso.orgs.models import Unit


class Index(models.Model):
    code = models.SlugField("Mã", max_length=20, unique=True)
    short_name = models.CharField("Tên viết tắt", max_length=40)
    name = models.CharField("Tên", max_length=300)
    name_en = models.CharField("Tên tiếng Anh", max_length=300, blank=True)
    owner = models.CharField("Cơ quan công bố", max_length=200, blank=True)
    unit_label = models.CharField("Đơn vị đo", max_length=20, default="điểm")
    description = models.TextField("Mô tả", blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"

    def __str__(self) -> str:
        return self.short_name


class Aggregation(models.TextChoices):
    SUM = "sum", "Tổng điểm các thành phần"
    NONE = "none", "Không tính từ thành phần"


class FrameworkVersion(models.Model):
    """One methodology of an index, valid for a range of index years (year_to inclusive)."""

    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="versions")
    code = models.SlugField("Mã phiên bản", max_length=40, unique=True)
    name = models.CharField("Tên", max_length=300)
    year_from = models.PositiveSmallIntegerField("Từ năm")
    year_to = models.PositiveSmallIntegerField("Đến năm", null=True, blank=True)
    source = models.CharField("Văn bản / nguồn", max_length=300, blank=True)
    max_total = models.DecimalField("Điểm tối đa", max_digits=9, decimal_places=4, null=True, blank=True)
    aggregation = models.CharField(
        "Cách tính tổng", max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    # {"kind": "quartile", "labels": [...4 labels, best first]}
    # {"kind": "bands", "basis": "percent", "bands": [{"label": "A", "min": 90}, ...]}
    grouping = models.JSONField("Quy tắc phân nhóm", default=dict, blank=True)
    notes = models.TextField("Ghi chú", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["index", "year_from"]
        verbose_name = "phiên bản khung chỉ số"

    def __str__(self) -> str:
        return self.name

    def covers(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    @property
    def years_label(self) -> str:
        return f"{self.year_from}–{self.year_to}" if self.year_to else f"từ {self.year_from}"


class Node(models.Model):
    """Dimension / field (level 1) → criterion / sub-dimension (2) → sub-criterion (3)."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField("Mã", max_length=20)
    name = models.CharField("Tên", max_length=300)
    name_en = models.CharField("Tên tiếng Anh", max_length=300, blank=True)
    short_name = models.CharField("Tên ngắn", max_length=60, blank=True)
    level = models.PositiveSmallIntegerField(default=1)
    max_points = models.DecimalField("Điểm tối đa", max_digits=9, decimal_places=4, null=True, blank=True)
    min_points = models.DecimalField("Điểm tối thiểu", max_digits=9, decimal_places=4, null=True, blank=True)
    sort_order = models.IntegerField(default=0)
    note = models.CharField("Ghi chú", max_length=500, blank=True)

    class Meta:
        ordering = ["version", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="indices_node_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def label(self) -> str:
        return self.short_name or self.name


class ResultImport(models.Model):
    """One import that changed something (a no-op re-import leaves no batch)."""

    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=300)
    file_format = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]


class Result(models.Model):
    """A published score: province × index year × node (node NULL = the index total)."""

    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="results")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField("Năm")
    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="index_results")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, null=True, blank=True, related_name="results")
    score = models.DecimalField("Điểm", max_digits=12, decimal_places=6)
    batch = models.ForeignKey(ResultImport, on_delete=models.SET_NULL, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["index", "year"]), models.Index(fields=["index", "province"])]
        constraints = [
            models.UniqueConstraint(
                fields=["index", "year", "province", "node"],
                condition=Q(node__isnull=False),
                name="indices_result_node",
            ),
            models.UniqueConstraint(
                fields=["index", "year", "province"],
                condition=Q(node__isnull=True),
                name="indices_result_total",
            ),
        ]


class Responsibility(models.Model):
    """Which agency of a province answers for a node code of an index (e.g. PAPI D5 → Văn phòng UBND).

    Keyed by node code, so one row serves every framework version that uses the code."""

    province = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="index_responsibilities")
    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="responsibilities")
    node_code = models.CharField("Mã thành phần", max_length=20)
    agency = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="Cơ quan")
    lead = models.BooleanField("Chủ trì", default=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["index", "node_code", "-lead", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "index", "node_code", "agency"], name="indices_responsibility_unique"
            )
        ]

    @property
    def unit(self) -> Unit:
        return self.province
