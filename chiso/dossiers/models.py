"""Dossiers (hồ sơ TTHC), procedures, the calendar overrides, import jobs, KPI aggregates, 766.

Times of a dossier are stored as *local wall-clock seconds since 1970-01-01* (BigInteger `*_ts`),
not as time-zone aware DateTimeFields: the one-stop systems export Vietnam local times, the
working-day calendar reasons in local time, and a million rows load into numpy without any
conversion. `Dossier.dt(name)` gives a naive local datetime for display.
"""

import datetime as dt

from django.conf import settings
from django.db import models

from chiso.orgs.models import Unit

EPOCH = dt.datetime(1970, 1, 1)


def ts_to_dt(ts: int | None) -> dt.datetime | None:
    return None if ts is None else EPOCH + dt.timedelta(seconds=int(ts))


def dt_to_ts(value: dt.datetime | dt.date | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return int((value - EPOCH).total_seconds())


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "ngày làm việc"
    WORKING_HOURS = "working_hours", "giờ làm việc"
    CALENDAR_DAYS = "calendar_days", "ngày"
    MONTHS = "months", "tháng"


class OnlineLevel(models.TextChoices):
    FULL = "full", "Toàn trình"
    PARTIAL = "partial", "Một phần"
    NONE = "none", "Không trực tuyến"


class Procedure(models.Model):
    code = models.CharField("Mã TTHC", max_length=40, unique=True)
    name = models.CharField("Tên thủ tục", max_length=500)
    field_code = models.CharField("Mã lĩnh vực", max_length=40, db_index=True)
    field_name = models.CharField("Lĩnh vực", max_length=200)
    limit_value = models.DecimalField(
        "Thời hạn giải quyết", max_digits=8, decimal_places=2, null=True, blank=True
    )
    limit_unit = models.CharField(
        "Đơn vị thời hạn", max_length=20, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    online_level = models.CharField(
        "Mức độ trực tuyến", max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    fee_bearing = models.BooleanField("Có phí, lệ phí", default=False)
    paper_result = models.BooleanField("Kết quả là giấy tờ", default=True)
    search = models.CharField(max_length=800, default="", editable=False, db_index=True)

    class Meta:
        ordering = ["field_name", "code"]
        verbose_name = "thủ tục hành chính"

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Status(models.IntegerChoices):
    NEW = 1, "Mới đăng ký"
    RECEIVED = 2, "Được tiếp nhận"
    NOT_RECEIVED = 3, "Không được tiếp nhận"
    PROCESSING = 4, "Đang xử lý"
    SUPPLEMENT = 5, "Yêu cầu bổ sung giấy tờ"
    FINANCIAL = 6, "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = 7, "Công dân yêu cầu rút hồ sơ"
    STOPPED = 8, "Dừng xử lý"
    DONE = 9, "Đã xử lý xong"
    RETURNED = 10, "Đã trả kết quả"


class Channel(models.IntegerChoices):
    DESK = 1, "Trực tiếp"
    ONLINE = 2, "Trực tuyến"
    POST = 3, "Bưu chính công ích"


class Outcome(models.IntegerChoices):
    NOT_COUNTED = 0, "Không tính"
    EARLY = 1, "Trước hạn"
    ON_TIME = 2, "Đúng hạn"
    LATE = 3, "Trễ hạn"
    OPEN = 4, "Đang giải quyết"
    OPEN_OVERDUE = 5, "Đang giải quyết, quá hạn"


class Dossier(models.Model):
    # Unique through the index `dossiers_dossier_code_uniq` (migration 0004), not an inline
    # constraint: a first bulk load drops it and builds it once at the end, which SQLite cannot
    # do with the automatic index of a UNIQUE column.
    code = models.CharField("Mã hồ sơ", max_length=60)
    # Indexes are few on purpose: each one slows the bulk import down (see importer).
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="Đơn vị xử lý", db_index=False
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    channel = models.PositiveSmallIntegerField("Kênh", choices=Channel.choices, default=Channel.DESK)
    status = models.PositiveSmallIntegerField("Trạng thái", choices=Status.choices)
    submitted_ts = models.BigIntegerField(null=True, blank=True)
    received_ts = models.BigIntegerField(null=True, blank=True)
    due_ts = models.BigIntegerField(null=True, blank=True)  # current (possibly extended) due date-time
    due_original_ts = models.BigIntegerField(null=True, blank=True)
    due_effective_ts = models.BigIntegerField(null=True, blank=True)  # current due + paused time
    finished_ts = models.BigIntegerField(null=True, blank=True)
    returned_ts = models.BigIntegerField(null=True, blank=True)
    rejected_ts = models.BigIntegerField(null=True, blank=True)
    withdrawn_ts = models.BigIntegerField(null=True, blank=True)
    return_method = models.PositiveSmallIntegerField("Hình thức trả", null=True, blank=True)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    e_result = models.BooleanField(default=False)
    paid_online = models.PositiveSmallIntegerField(default=0)
    fee = models.BigIntegerField(default=0)
    applicant = models.CharField("Người nộp", max_length=200, blank=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    # Computed by classification.
    end_ts = models.BigIntegerField(null=True, blank=True)
    pause_seconds = models.BigIntegerField(default=0)
    outcome = models.PositiveSmallIntegerField(choices=Outcome.choices, default=Outcome.NOT_COUNTED)
    outcome_original = models.PositiveSmallIntegerField(choices=Outcome.choices, default=Outcome.NOT_COUNTED)
    working_days = models.FloatField(null=True, blank=True)
    has_apology = models.BooleanField(default=False)
    row_hash = models.BigIntegerField(default=0)  # hash of the parsed row: re-import skips unchanged rows
    search = models.CharField(max_length=400, default="")

    class Meta:
        ordering = ["-received_ts", "code"]
        indexes = [
            models.Index(fields=["unit", "received_ts"]),
            models.Index(fields=["outcome", "unit"]),
            # The late-dossier list: completed late in a period, or open and overdue.
            models.Index(fields=["outcome_original", "end_ts"]),
            models.Index(fields=["status", "due_effective_ts"]),
        ]

    def __str__(self) -> str:
        return self.code

    def dt(self, name: str) -> dt.datetime | None:
        return ts_to_dt(getattr(self, f"{name}_ts"))

    received_at = property(lambda self: self.dt("received"))
    due_at = property(lambda self: self.dt("due"))
    due_original_at = property(lambda self: self.dt("due_original"))
    end_at = property(lambda self: self.dt("end"))
    submitted_at = property(lambda self: self.dt("submitted"))
    finished_at = property(lambda self: self.dt("finished"))
    returned_at = property(lambda self: self.dt("returned"))
    rejected_at = property(lambda self: self.dt("rejected"))
    withdrawn_at = property(lambda self: self.dt("withdrawn"))


class Supplement(models.Model):
    """A request for more documents: the time with the citizen is paused."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_ts = models.BigIntegerField()
    completed_ts = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["requested_ts"]
        constraints = [models.UniqueConstraint(fields=["dossier", "requested_ts"], name="supplement_unique")]

    requested_at = property(lambda self: ts_to_dt(self.requested_ts))
    completed_at = property(lambda self: ts_to_dt(self.completed_ts))


class Apology(models.Model):
    """Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    number = models.CharField("Số", max_length=60, blank=True)
    issued_on = models.DateField("Ngày xin lỗi")
    new_due_ts = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField("Lý do trễ hạn", blank=True)
    signer = models.CharField("Người ký", max_length=150, blank=True)
    signer_title = models.CharField("Chức vụ", max_length=150, blank=True)
    source = models.CharField(max_length=10, default="import")  # import | web
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["dossier", "issued_on"], name="apology_unique")]

    new_due_at = property(lambda self: ts_to_dt(self.new_due_ts))

    def __str__(self) -> str:
        return f"Phiếu xin lỗi {self.number or ''} — {self.dossier.code}".strip()


class UnitCode(models.Model):
    """An agency code used by a one-stop system (e.g. 000.00.07.H42) mapped to one of our units."""

    code = models.CharField(max_length=60, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.code} → {self.unit.code}"


class CalendarYear(models.Model):
    """The office's overrides for one year (days off beyond the Labour Code, make-up days, hours)."""

    year = models.PositiveSmallIntegerField(unique=True)
    extra_days_off = models.JSONField(default=list, blank=True)  # ["2025-05-02", ...]
    make_up_days = models.JSONField(default=list, blank=True)  # Saturdays that become working days
    hours = models.JSONField(default=list, blank=True)  # [["07:30","11:30"],["13:00","17:00"]]; [] = default
    note = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]


class ImportJob(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Chờ xử lý"
        RUNNING = "running", "Đang nhập"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Có lỗi — chưa lưu gì"

    kind = models.CharField(max_length=20, default="dossiers")
    filename = models.CharField(max_length=300)
    path = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    phase = models.CharField(max_length=100, blank=True)
    rows_done = models.BigIntegerField(default=0)
    rows_total = models.BigIntegerField(null=True, blank=True)
    created = models.BigIntegerField(default=0)
    updated = models.BigIntegerField(default=0)
    unchanged = models.BigIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    # Whose job it is for permissions: people who may read this unit see it (an import: the units
    # the importer may import for; NULL: every unit — the calendar's reclassification).
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Last sign of life of the process running it (jobs.Tracker): "running" with an old heartbeat
    # means that process died (its transaction was rolled back) — shown as "bị gián đoạn".
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def rows_per_s(self) -> float | None:
        return self.rows_done / self.seconds if self.seconds else None


class KpiCounts(models.Model):
    """The dossier counts both aggregate tables carry (summed by the KPI providers)."""

    received = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    ontime = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    late_original = models.IntegerField(default=0)
    open_end = models.IntegerField(default=0)
    overdue_end = models.IntegerField(default=0)
    late_apology = models.IntegerField(default=0)
    online = models.IntegerField(default=0)
    full_online = models.IntegerField(default=0)
    fee_dossiers = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    digitised = models.IntegerField(default=0)
    result_required = models.IntegerField(default=0)
    e_result = models.IntegerField(default=0)
    reused = models.IntegerField(default=0)
    postal = models.IntegerField(default=0)
    days_sum = models.FloatField(default=0)
    days_n = models.IntegerField(default=0)

    COUNTS = [
        "received",
        "completed",
        "early",
        "ontime",
        "late",
        "late_original",
        "open_end",
        "overdue_end",
        "late_apology",
        "online",
        "full_online",
        "fee_dossiers",
        "paid_online",
        "digitised",
        "result_required",
        "e_result",
        "reused",
        "postal",
        "days_sum",
        "days_n",
    ]

    class Meta:
        abstract = True


class KpiAggregate(KpiCounts):
    """Counts of one handling unit × procedure × period (month, quarter or year).

    Pages sum these over a unit's subtree (path prefix) and a field or procedure."""

    period = models.CharField(max_length=10)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    field_code = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "unit", "procedure"], name="kpiagg_unique")]
        indexes = [models.Index(fields=["period", "field_code"])]


class KpiRollup(KpiCounts):
    """The same counts summed over a unit's whole subtree, per field ("" = all fields): what the
    pages read with one indexed lookup per (period, unit, field)."""

    period = models.CharField(max_length=10)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    field_code = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "field_code"], name="kpirollup_unique")
        ]


class Index766Entry(models.Model):
    """A 766 item that dossiers cannot support, entered per unit and period by the office."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    item = models.CharField(max_length=40)
    numerator = models.FloatField()
    denominator = models.FloatField()
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "period", "item"], name="idx766entry_unique")]


class KpiValueCache(models.Model):
    """A KPI that another app provides through the registry (e.g. `satisfaction_pct` of surveys),
    stored per unit and period so that the 766 ranking of ~60 units reads one table instead of
    calling the provider once per unit. `stamp` fingerprints the provider's source data for the
    unit and period (see index766.source_stamps); a row whose stamp no longer matches is recomputed.
    A cache, not business data: no audit trail. numerator/denominator NULL = no data."""

    code = models.CharField(max_length=40)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    stamp = models.CharField(max_length=100)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "unit", "period"], name="kpivaluecache_unique")
        ]
