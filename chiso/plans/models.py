"""Plans: directives turned into tasks, targets, commitments and a reporting calendar."""

import datetime as dt
import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from chiso.lib import vnformat
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit


class DirectiveKind(models.TextChoices):
    CHI_THI = "chi_thi", "Chỉ thị"
    KE_HOACH = "ke_hoach", "Kế hoạch"
    CONG_VAN = "cong_van", "Công văn"
    QUYET_DINH = "quyet_dinh", "Quyết định"
    THONG_BAO = "thong_bao", "Thông báo"
    CAM_KET = "cam_ket", "Bản cam kết"
    # Documents a Sở Nội vụ also turns into tasks: council resolutions, Party conclusions, reports whose last part
    # lists the next period's tasks, programmes, rules and guidance
    NGHI_QUYET = "nghi_quyet", "Nghị quyết"
    KET_LUAN = "ket_luan", "Kết luận"
    BAO_CAO = "bao_cao", "Báo cáo"
    CHUONG_TRINH = "chuong_trinh", "Chương trình"
    QUY_CHE = "quy_che", "Quy chế"
    QUY_DINH = "quy_dinh", "Quy định"
    HUONG_DAN = "huong_dan", "Hướng dẫn"


class DirectiveStatus(models.TextChoices):
    REVIEW = "review", "Chờ rà soát"
    ACTIVE = "active", "Đang thực hiện"


class Directive(models.Model):
    """A directive document: its metadata, text, original file and the parser's proposal."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="directives", verbose_name="Phạm vi"
    )
    kind = models.CharField("Loại văn bản", max_length=20, choices=DirectiveKind.choices, blank=True)
    number = models.CharField("Số hiệu", max_length=80, blank=True)
    date = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=200, blank=True)
    title = models.CharField("Trích yếu", max_length=500)
    text = models.TextField("Nội dung", blank=True)
    original = models.FileField("Tệp gốc", upload_to="plans/directives/%Y/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=DirectiveStatus.choices, default=DirectiveStatus.REVIEW)
    # The parser's reading, each item with a "decision" (pending/accepted/rejected) and its edits.
    proposal = models.JSONField(default=dict, blank=True)
    title_search = models.CharField(max_length=800, editable=False, default="", db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "văn bản chỉ đạo"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "sha256"], name="directive_unique_file", condition=~Q(sha256="")
            )
        ]

    def __str__(self) -> str:
        head = " ".join(x for x in [self.get_kind_display(), self.number] if x)
        return f"{head} — {self.title}" if head else self.title

    def save(self, *args, **kwargs):
        self.title_search = fold(" ".join([self.number, self.title, self.issuer]))
        super().save(*args, **kwargs)


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Dừng thực hiện"


class DeadlineKind(models.TextChoices):
    NONE = "none", "Không có thời hạn"
    DATE = "date", "Ngày cụ thể"
    MONTH = "month", "Trong tháng"
    RECURRENCE = "recurrence", "Định kỳ"


class Task(models.Model):
    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks"
    )
    section = models.CharField("Mục", max_length=200, blank=True)
    title = models.CharField("Nhiệm vụ", max_length=500)
    description = models.TextField("Mô tả", blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="plan_tasks", verbose_name="Chủ trì"
    )
    lead_text = models.CharField("Đơn vị chủ trì (theo văn bản)", max_length=300, blank=True)
    partners = models.ManyToManyField(
        Unit, blank=True, related_name="plan_partner_tasks", verbose_name="Phối hợp"
    )
    deadline_kind = models.CharField(max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.NONE)
    deadline = models.DateField("Thời hạn", null=True, blank=True)  # date kind; last day for month kind
    deadline_month = models.CharField(max_length=7, blank=True)  # "2018-06"
    recurrence = models.JSONField(null=True, blank=True)
    recurrence_text = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    # The index the task serves (indices.Index code, e.g. "par"), the index year whose framework applies,
    # and the framework node (field, dimension, criterion, 766 item). Older free-text values that do not
    # resolve are kept as written with no year / node: flagged (plans.criteria.unresolved_q).
    index_code = models.CharField("Chỉ số", max_length=40, blank=True)
    index_year = models.PositiveSmallIntegerField("Năm chỉ số", null=True, blank=True)
    criterion = models.ForeignKey(
        "indices.Node",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_tasks",
        verbose_name="Tiêu chí (khung chỉ số)",
    )
    criterion_code = models.CharField("Tiêu chí", max_length=40, blank=True)
    quote = models.TextField(blank=True)
    title_search = models.CharField(max_length=800, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "nhiệm vụ"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title_search = fold(f"{self.title} {self.lead_text}")
        super().save(*args, **kwargs)

    @property
    def link_unresolved(self) -> bool:
        """An index or criterion kept from free text that does not match the frameworks."""
        return bool(self.criterion_code and self.criterion_id is None) or bool(
            self.index_code and self.index_year is None
        )

    def next_due(self, today: dt.date | None = None) -> dt.date | None:
        today = today or dt.date.today()
        if self.deadline_kind == DeadlineKind.RECURRENCE and self.recurrence:
            from chiso.plans.schedule import next_occurrence

            try:
                return next_occurrence(self.recurrence, today).due
            except ValueError:
                return None
        return self.deadline

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        if self.status in (TaskStatus.DONE, TaskStatus.CANCELLED):
            return False
        return self.deadline_kind in (DeadlineKind.DATE, DeadlineKind.MONTH) and bool(
            self.deadline and self.deadline < today
        )

    def deadline_label(self) -> str:
        if self.deadline_kind == DeadlineKind.MONTH and self.deadline_month:
            y, m = self.deadline_month.split("-")
            return f"Trong tháng {int(m)}/{y}"
        if self.deadline_kind == DeadlineKind.DATE and self.deadline:
            return self.deadline.strftime("%d/%m/%Y")
        if self.deadline_kind == DeadlineKind.RECURRENCE:
            from chiso.plans.schedule import describe

            return self.recurrence_text or (describe(self.recurrence) if self.recurrence else "Định kỳ")
        return "—"


def evidence_path(instance, filename):
    return f"plans/evidence/{instance.task_id}/{filename}"


class TaskUpdate(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField("Nội dung cập nhật")
    status = models.CharField(max_length=12, choices=TaskStatus.choices)
    progress = models.PositiveSmallIntegerField(default=0)
    evidence = models.FileField("Minh chứng", upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]


class Commitment(models.Model):
    """Bản cam kết: a unit head's signed set of targets for a year."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plan_commitments")
    year = models.PositiveSmallIntegerField("Năm")
    directive = models.ForeignKey(Directive, on_delete=models.SET_NULL, null=True, blank=True)
    title = models.CharField("Tên bản cam kết", max_length=300)
    signer_name = models.CharField("Người ký", max_length=150, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "title"], name="commitment_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit.name}, {self.year})"


def value_label(v) -> str:
    """A number in Vietnamese format without useless decimals: 70 → "70", 99.5 → "99,5", 1234 → "1.234"."""
    from chiso.lib import vnformat

    if v is None:
        return ""
    f = float(v)
    decimals = 0 if f == int(f) else min(4, len(f"{f:.4f}".rstrip("0").split(".")[1]))
    return vnformat.number(f, decimals)


def unit_suffix(unit: str) -> str:
    """ "%" sticks to the number; other units are separated by a space ("2 sáng kiến")."""
    unit = (unit or "").strip()
    return unit if unit in ("", "%") else f" {unit}"


class Operator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    EQ = "=", "="
    LE = "<=", "≤"
    LT = "<", "<"


class ScopeKind(models.TextChoices):
    ALL = "all", "Tất cả đơn vị"
    UNIT = "unit", "Một đơn vị"
    FIELD = "field", "Lĩnh vực"


class Target(models.Model):
    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="targets"
    )
    # The unit whose results the target measures (scope=unit), or the issuing unit (all, field).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plan_targets")
    metric_code = models.CharField("Mã KPI", max_length=60, blank=True)
    metric_text = models.CharField("Chỉ tiêu", max_length=500)
    operator = models.CharField(max_length=2, choices=Operator.choices, default=Operator.GE)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    unit_label = models.CharField("Đơn vị tính", max_length=40, blank=True)
    scope = models.CharField(max_length=8, choices=ScopeKind.choices, default=ScopeKind.ALL)
    field = models.CharField("Lĩnh vực", max_length=120, blank=True)
    # The procedure field (dossiers catalogue code) the office picked; empty = resolved from `field` on read.
    field_code = models.CharField("Mã lĩnh vực", max_length=40, blank=True)
    period_code = models.CharField("Kỳ", max_length=10, blank=True)
    deadline = models.DateField(null=True, blank=True)
    quote = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.metric_text} {self.get_operator_display()} {self.value.normalize():f}{self.unit_label}"

    @property
    def goal_label(self) -> str:
        """ "≥ 70%", "> 99,5%": the target as the directive states it, Vietnamese number format."""
        return f"{self.get_operator_display()} {value_label(self.value)}{unit_suffix(self.unit_label)}"

    def meets(self, actual: float | None) -> bool | None:
        if actual is None:
            return None
        v = float(self.value)
        return {
            ">=": actual >= v,
            ">": actual > v,
            "=": abs(actual - v) < 1e-9,
            "<=": actual <= v,
            "<": actual < v,
        }[self.operator]

    def applies_to(self, unit: Unit) -> bool:
        if self.scope == ScopeKind.UNIT:
            return unit.pk == self.unit_id
        return unit.path.startswith(self.unit.path)


class ReportingRule(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="reporting_rules")
    rule = models.JSONField()
    description = models.CharField(max_length=300)
    to_text = models.CharField("Gửi về", max_length=300, blank=True)
    quote = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]


class ReportingPeriod(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="periods")
    rule = models.ForeignKey(ReportingRule, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(max_length=10)
    label = models.CharField(max_length=60)
    start = models.DateField()
    end = models.DateField()
    due = models.DateField("Hạn báo cáo")
    due_on_weekend = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "id"]
        constraints = [models.UniqueConstraint(fields=["directive", "code"], name="reportingperiod_unique")]

    def __str__(self) -> str:
        return f"{self.label} — hạn {self.due:%d/%m/%Y}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"


# A narrative must fit one spreadsheet cell of the report template (Excel holds 32,767 characters) and
# hold no control character an XLSX cannot store; the web form, the API and the upload share this rule.
NARRATIVE_MAX = 30000
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_narrative(text: str | None) -> tuple[str, str]:
    """(the narrative as stored, an error or ""): line ends as \\n, no control characters, trimmed,
    at most NARRATIVE_MAX characters."""
    clean = CONTROL_CHARS.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if len(clean) > NARRATIVE_MAX:
        size, most = vnformat.number(len(clean), 0), vnformat.number(NARRATIVE_MAX, 0)
        return clean, f"Thuyết minh dài {size} ký tự, tối đa {most} ký tự"
    return clean, ""


class Submission(models.Model):
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plan_submissions")
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    narrative = models.TextField("Thuyết minh", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    on_time = models.BooleanField(null=True)

    class Meta:
        ordering = ["period__due", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="submission_unique")]


class SubmissionValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reported")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "target"], name="submissionvalue_unique")
        ]


class SubmissionTask(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="task_rows")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reported")
    status = models.CharField(max_length=12, choices=TaskStatus.choices)
    progress = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "task"], name="submissiontask_unique")]
