"""Internal PAR assessment: criteria sets, campaigns, self-assessments, appraisal, evidence."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from chiso.lib import scoring
from chiso.orgs.models import Unit


class UnitType(models.TextChoices):
    DEPARTMENT = "department", "Sở, ban, ngành"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    DISTRICT = "district", "Huyện, thị xã, thành phố (trước 2025)"


UNIT_TYPE_KINDS = {
    UnitType.DEPARTMENT: ("department",),
    UnitType.COMMUNE: ("commune", "ward", "town", "special_zone"),
    UnitType.DISTRICT: ("district",),
}


class NaPolicy(models.TextChoices):
    DROP = scoring.NA_DROP, "Loại khỏi thang điểm và quy đổi về 100"
    MAX = scoring.NA_MAX, "Tính điểm tối đa"


class CriteriaSet(models.Model):
    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="criteria_sets")
    year = models.PositiveSmallIntegerField("Năm")
    unit_type = models.CharField("Loại đơn vị", max_length=20, choices=UnitType.choices)
    name = models.CharField("Tên bộ tiêu chí", max_length=300)
    na_policy = models.CharField(
        "Nội dung không phát sinh", max_length=10, choices=NaPolicy.choices, default=NaPolicy.DROP
    )
    bands = models.JSONField("Xếp loại", default=list)  # [[label, lower bound], ...]
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("province", "year", "unit_type")]
        ordering = ["-year", "unit_type"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def band_list(self) -> list[tuple[str, Decimal]]:
        return [(label, Decimal(str(low))) for label, low in (self.bands or [])] or scoring.DEFAULT_BANDS

    def nodes(self) -> list[scoring.Node]:
        criteria = list(self.criteria.all())
        codes = {c.pk: c.code for c in criteria}
        return [c.as_node(codes.get(c.parent_id)) for c in criteria]

    def max_points(self) -> Decimal:
        return sum(
            (c.max_points for c in self.criteria.all() if not c.parent_id and c.section == "main"), Decimal(0)
        )


class Criterion(models.Model):
    SECTION_CHOICES = [("main", "Chính"), ("bonus", "Điểm thưởng"), ("penalty", "Điểm trừ")]
    SOURCE_CHOICES = [("self", "Tự đánh giá, thẩm định"), ("survey", "Điều tra xã hội học")]

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField("Mã", max_length=30)
    level = models.PositiveSmallIntegerField(default=1)
    order = models.PositiveIntegerField(default=0)
    title = models.TextField("Nội dung")
    max_points = models.DecimalField("Điểm tối đa", max_digits=7, decimal_places=2)
    section = models.CharField(max_length=10, choices=SECTION_CHOICES, default="main")
    source = models.CharField(max_length=10, choices=SOURCE_CHOICES, default="self")
    rule_shape = models.CharField("Cách chấm", max_length=20, blank=True)
    rule_params = models.TextField("Tham số", blank=True)
    na_policy = models.CharField(max_length=10, blank=True)
    evidence_required = models.BooleanField("Cần tài liệu kiểm chứng", default=False)
    guidance = models.TextField("Hướng dẫn", blank=True)

    class Meta:
        unique_together = [("criteria_set", "code")]
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title[:80]}"

    def rule(self) -> scoring.Rule | None:
        if not self.rule_shape:
            return None
        return scoring.Rule.parse(self.rule_shape, self.rule_params)

    def as_node(self, parent_code: str | None = None) -> scoring.Node:
        if parent_code is None and self.parent_id:
            parent_code = self.parent.code
        return scoring.Node(
            code=self.code,
            title=self.title,
            max=self.max_points,
            parent=parent_code,
            section=self.section,
            source=self.source,
            rule=self.rule(),
            na_policy=self.na_policy,
            evidence_required=self.evidence_required,
            guidance=self.guidance,
        )

    @property
    def shape_label(self) -> str:
        return scoring.SHAPES.get(self.rule_shape, "")

    @property
    def rule_text(self) -> str:
        """The rule as a readable Vietnamese sentence (never the office's short codes)."""
        from chiso.assessments.rulefmt import describe

        try:
            return describe(self.rule(), self.max_points)
        except scoring.RuleError:
            return "Cách chấm chưa hợp lệ, liên hệ Sở Nội vụ"

    @property
    def input_widget(self):
        from chiso.assessments.rulefmt import widget

        try:
            return widget(self.rule(), self.max_points)
        except scoring.RuleError:
            return widget(None, self.max_points)


class Campaign(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Đang tổ chức"
        COMPUTED = "computed", "Đã tính kết quả"
        PUBLISHED = "published", "Đã công bố"

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="campaigns")
    name = models.CharField("Tên đợt đánh giá", max_length=300)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    self_deadline = models.DateField("Hạn tự đánh giá")
    explanation_deadline = models.DateField("Hạn giải trình")
    appraisal_deadline = models.DateField("Hạn thẩm định")
    survey_plan = models.TextField("Kế hoạch điều tra xã hội học", blank=True)
    decision_number = models.CharField("Số quyết định công bố", max_length=100, blank=True)
    decision_date = models.DateField("Ngày quyết định", null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-criteria_set__year", "criteria_set__unit_type"]

    def __str__(self) -> str:
        return self.name

    @property
    def province(self) -> Unit:
        return self.criteria_set.province

    @property
    def year(self) -> int:
        return self.criteria_set.year


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Đang tự đánh giá"
        SUBMITTED = "submitted", "Đã nộp, chờ thẩm định"
        EXPLANATION = "explanation", "Chờ giải trình"
        EXPLAINED = "explained", "Đã giải trình"
        FINAL = "final", "Đã thẩm định xong"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="par_assessments")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField("Ghi chú", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late = models.BooleanField("Nộp muộn", default=False)
    explanation_requested_at = models.DateTimeField(null=True, blank=True)
    explained_at = models.DateTimeField(null=True, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    # Results (filled by compute)
    points = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    max_points = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    index = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(max_length=50, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    field_pct = models.JSONField(default=dict, blank=True)  # code → [points, max, pct]

    class Meta:
        unique_together = [("campaign", "unit")]
        ordering = ["unit__sort_order", "unit__code"]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.unit.name}"

    @property
    def locked_for_unit(self) -> bool:
        return self.status != self.Status.DRAFT


class Entry(models.Model):
    """One sub-criterion of one unit's assessment: self-assessment, appraisal, explanation, survey."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="entries")
    self_value = models.CharField("Giá trị tự đánh giá", max_length=200, blank=True)
    self_points = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    doc_number = models.CharField("Số văn bản", max_length=100, blank=True)
    doc_date = models.DateField("Ngày văn bản", null=True, blank=True)
    note = models.TextField("Giải thích", blank=True)
    appraised_points = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    appraiser_comment = models.TextField("Nhận xét thẩm định", blank=True)
    explanation_requested = models.BooleanField(default=False)
    explanation_request = models.TextField("Nội dung yêu cầu giải trình", blank=True)
    explanation = models.TextField("Giải trình", blank=True)
    final_points = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    survey_points = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)

    class Meta:
        unique_together = [("assessment", "criterion")]
        ordering = ["criterion__order"]

    @property
    def unit(self):
        return self.assessment.unit

    def result_points(self):
        """The points that count: survey points, else final, else appraised, else self."""
        if self.criterion.source == "survey":
            return self.survey_points
        for v in (self.final_points, self.appraised_points, self.self_points):
            if v is not None:
                return v
        return None


def evidence_path(instance, filename):
    # The stored name is opaque; the original (Vietnamese) name is kept in `original_name`.
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    a = instance.entry.assessment
    return f"assessments/{a.campaign_id}/{a.unit_id}/{uuid.uuid4().hex}.{ext}"


class Evidence(models.Model):
    KIND_CHOICES = [("self", "Tự đánh giá"), ("explanation", "Giải trình")]

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default="self")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def unit(self):
        return self.entry.assessment.unit
