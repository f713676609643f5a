"""Questionnaires (XLSForm, versioned), public collection points (QR), responses and their items."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from chiso.orgs.models import Unit


class Questionnaire(models.Model):
    """A questionnaire identified by its XLSForm form_id, owned by a unit (used by it and below)."""

    form_id = models.CharField("Mã biểu mẫu", max_length=100, unique=True)
    title = models.CharField("Tên phiếu", max_length=300)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="questionnaires", verbose_name="Đơn vị"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "phiếu khảo sát"

    def __str__(self):
        return self.title

    @property
    def current(self) -> "FormVersion | None":
        return self.versions.defer("source").order_by("-created_at", "-pk").first()


class FormVersion(models.Model):
    """One imported XLSForm file; a response always points at the version it answered."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField("Phiên bản", max_length=100)
    definition = models.JSONField()
    source = models.BinaryField("Tệp XLSForm")
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "version"], name="survey_version_unique")
        ]

    def __str__(self):
        return f"{self.questionnaire.title} – {self.version}"


class CollectionPoint(models.Model):
    """Where citizens answer: a unit or desk, reached by a short URL and a QR code."""

    slug = models.CharField("Mã ngắn", max_length=16, unique=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_points", verbose_name="Đơn vị"
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="points")
    active = models.BooleanField("Đang nhận phiếu", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "questionnaire"], name="survey_point_unit_form_unique")
        ]

    def __str__(self):
        return f"{self.unit.name} ({self.slug})"


class Source(models.TextChoices):
    WEB = "web", "Phiếu trực tuyến (mã QR)"
    IMPORT = "import", "Nhập từ Kobo/ODK"
    PAPER = "paper", "Phiếu giấy"
    DEMO = "demo", "Dữ liệu minh họa"


class Response(models.Model):
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="responses")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="survey_responses")
    point = models.ForeignKey(CollectionPoint, null=True, blank=True, on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField("Thời điểm", db_index=True)
    submitted_on = models.DateField(db_index=True)
    answers = models.JSONField()
    dossier_code = models.CharField("Mã hồ sơ", max_length=60, blank=True)
    field = models.CharField("Lĩnh vực", max_length=100, blank=True)
    comment = models.TextField("Ý kiến", blank=True)
    comment_search = models.TextField(blank=True, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    # For imports: a stable key of the row (instanceID/_uuid or a hash) so re-imports change nothing.
    import_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    client = models.CharField(max_length=32, blank=True, db_index=True)  # salted hash, never the raw IP

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier_code"], condition=~Q(dossier_code=""), name="survey_one_response_per_dossier"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "submitted_on"]),
            models.Index(fields=["client", "submitted_at"]),
        ]


class ResponseItem(models.Model):
    """One answer of a response, denormalised for fast aggregation (unit, date, field)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField()
    field = models.CharField(max_length=100, blank=True)
    question = models.CharField(max_length=100)
    value = models.CharField(max_length=200)
    element = models.CharField(max_length=20, blank=True)
    pillar = models.CharField(max_length=20, blank=True)
    score = models.FloatField(null=True)
    satisfied = models.BooleanField(null=True)
    weight = models.FloatField(default=1.0)

    class Meta:
        indexes = [models.Index(fields=["unit", "submitted_on", "element"])]
