"""Every state change of the plans app: permission check, write, audit entry — in one transaction."""

import copy
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from chiso.dossiers import kpi_registry
from chiso.orgs import audit
from chiso.orgs.models import Unit
from chiso.orgs.permissions import MANAGE, SIGN, WRITE, has_perm, require
from chiso.plans import criteria, review, schedule, titles
from chiso.plans.models import (
    Commitment,
    DeadlineKind,
    Directive,
    DirectiveStatus,
    Operator,
    ReportingPeriod,
    ReportingRule,
    ScopeKind,
    Submission,
    SubmissionStatus,
    SubmissionTask,
    SubmissionValue,
    Target,
    Task,
    TaskStatus,
    TaskUpdate,
    clean_narrative,
)

ALLOWED_EXT = (".txt", ".docx", ".pdf")
TASK_FIELDS = [
    "title",
    "description",
    "unit",
    "deadline_kind",
    "deadline",
    "deadline_month",
    "status",
    "progress",
    "index_code",
    "index_year",
    "criterion",
    "criterion_code",
    "section",
]
LINK_KEYS = ("index_code", "index_year", "criterion_code")


def _require_manage(actor, unit: Unit) -> None:
    if actor is not None:
        require(actor, MANAGE, unit)


# ---------------------------------------------------------------- directives


def read_document(data: bytes, filename: str) -> str:
    """The text of an uploaded document (TXT, DOCX, PDF with a text layer); Vietnamese errors."""
    ext = os.path.splitext(filename or "")[1].lower()
    if ext not in ALLOWED_EXT:
        raise ValidationError(f"Tệp {filename}: chỉ nhận văn bản .txt, .docx hoặc .pdf")
    if not data:
        raise ValidationError(f"Tệp {filename} rỗng")
    if len(data) > settings.CHISO_MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(f"Tệp {filename} vượt quá {settings.CHISO_MAX_UPLOAD_MB} MB")
    try:
        parser = review.get_parser()
    except ImportError as exc:
        raise ValidationError("Bộ phân tích văn bản chỉ đạo chưa sẵn sàng") from exc
    try:
        text = parser.extract_text(data, filename)
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem
        raise ValidationError(f"Tệp {filename}: không đọc được nội dung ({exc})") from exc
    if not (text or "").strip():
        raise ValidationError(f"Tệp {filename}: không có lớp chữ (văn bản quét?) — không đọc được nội dung")
    return text


def propose(text: str, scope: Unit, on: dt.date | None = None) -> dict:
    parsed = review.get_parser().parse(text)
    return review.build_proposal(parsed, text, review.Resolver(scope, on))


def _title_of(text: str, proposal: dict, filename: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 20 and not line.lower().startswith(("số", "title")):
            return line[:500]
    return filename[:500]


@transaction.atomic
def import_directive(
    actor, scope: Unit, data: bytes, filename: str, title: str = ""
) -> tuple[Directive, bool]:
    """Store a directive with the parser's proposal. Re-importing the same file returns the existing one."""
    _require_manage(actor, scope)
    sha = hashlib.sha256(data or b"").hexdigest()
    existing = Directive.objects.filter(unit=scope, sha256=sha).first()
    if existing:
        return existing, False
    text = read_document(data, filename)
    proposal = propose(text, scope)
    doc = proposal["document"]
    directive = Directive(
        unit=scope,
        kind=doc["kind"],
        number=doc["number"],
        date=dt.date.fromisoformat(doc["date"]) if doc["date"] else None,
        issuer=doc["issuer"],
        title=(title or _title_of(text, proposal, filename)).strip()[:500],
        text=text,
        filename=os.path.basename(filename)[:255],
        sha256=sha,
        proposal=proposal,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    directive.original.save(os.path.basename(filename) or "van-ban.txt", ContentFile(data), save=False)
    directive.save()
    audit.record(
        "directive.import",
        directive,
        actor=actor,
        unit=scope,
        after={"number": directive.number, "file": directive.filename, "items": len(proposal["items"])},
    )
    return directive, True


def _item(directive: Directive, item_id: str) -> dict:
    for it in directive.proposal.get("items", []):
        if it["id"] == item_id:
            return it
    raise Http404("Không tìm thấy mục đề xuất")


def _clean_edits(item: dict, edits: dict, scope: Unit, index_year: int | None = None) -> dict:
    """Validate a reviewer's edits of one item; returns the new item (raises ValidationError).
    `index_year`: the year whose index framework a task's criterion is checked against by default."""
    new = copy.deepcopy(item)
    errors = []
    if item["type"] == "task":
        summary = (edits.get("summary", item["summary"]) or "").strip()
        if not summary:
            errors.append("Nội dung nhiệm vụ không được để trống")
        if summary[:500] != item["summary"]:
            new["summary_edited"] = True  # the reviewer's wording is the task's title, kept as is
        new["summary"] = summary[:500]
        if "assignees" in edits:
            codes = [c for c in edits["assignees"] if c]
            found = {u.code for u in Unit.objects.under(scope).filter(code__in=codes)}
            bad = [c for c in codes if c not in found]
            if bad:
                errors.append(f"Đơn vị chủ trì không thuộc phạm vi: {', '.join(bad)}")
            new["assignees"] = [c for c in codes if c in found]
        if "deadline" in edits:
            raw = (edits["deadline"] or "").strip()
            if not raw:
                new["deadline"] = {"kind": "none", "date": None, "month": "", "rule": None, "text": ""}
            else:
                got = schedule.deadline_from_text(raw)
                if got is None:
                    errors.append(
                        f"Không hiểu thời hạn “{raw}” (ví dụ: 31/12/2025, tháng 6/2025, hằng quý chậm nhất ngày 12 của tháng cuối quý)"
                    )
                elif got["kind"] == "recurrence":
                    new["deadline"] = {
                        "kind": "recurrence",
                        "date": None,
                        "month": "",
                        "rule": got["rule"],
                        "text": raw[:300],
                    }
                else:
                    new["deadline"] = {
                        "kind": got["kind"],
                        "date": got["date"].isoformat(),
                        "month": got.get("month", ""),
                        "rule": None,
                        "text": "",
                    }
        if any(k in edits for k in LINK_KEYS):
            try:
                link = criteria.clean(
                    *(edits.get(k, item.get(k)) for k in LINK_KEYS),
                    default_year=index_year or dt.date.today().year,
                )
            except ValidationError as exc:
                errors += exc.messages
            else:
                got = link.fields()
                new.update(
                    index_code=got["index_code"],
                    index_year=got["index_year"],
                    criterion_code=got["criterion_code"],
                )
    elif item["type"] == "target":
        metric = (edits.get("metric", item["metric"]) or "").strip()
        if not metric:
            errors.append("Tên chỉ tiêu không được để trống")
        new["metric"] = metric[:500]
        op = edits.get("operator", item["operator"])
        if op not in Operator.values:
            errors.append("Phép so sánh không hợp lệ")
        new["operator"] = op
        if "value" in edits:
            try:
                new["value"] = float(str(edits["value"]).replace(",", "."))
            except ValueError:
                errors.append(f"Giá trị “{edits['value']}” không phải là số")
        if new.get("value") is None:
            errors.append("Chỉ tiêu cần có giá trị")
        code = (edits.get("metric_code", item.get("metric_code")) or "").strip()
        if code and kpi_registry.get(code) is None:
            errors.append(f"Mã KPI “{code}” không có trong danh mục")
        new["metric_code"] = code
        if "unit" in edits:
            new["unit"] = (edits["unit"] or "").strip()[:40]
        if "scope" in edits:
            new["scope"] = (edits["scope"] or "").strip()[:120]
        if "field_code" in edits:
            new["field_code"] = (edits["field_code"] or "").strip()
            errors += _field_code_errors(new["field_code"])
    elif item["type"] == "reporting":
        if "rule_text" in edits:
            rules = schedule.rules_from_text(edits["rule_text"])
            if not rules:
                errors.append(
                    f"Không hiểu lịch báo cáo “{edits['rule_text']}” (ví dụ: hằng quý, chậm nhất ngày 12 của tháng cuối quý)"
                )
            new["rules"] = rules
    if errors:
        raise ValidationError(errors)
    return new


@transaction.atomic
def decide_item(actor, directive: Directive, item_id: str, decision: str, edits: dict | None = None) -> dict:
    """Accept (optionally with edits) or reject one proposed item."""
    _require_manage(actor, directive.unit)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status != DirectiveStatus.REVIEW:
        raise ValidationError("Văn bản đã được áp dụng; không sửa đề xuất được nữa")
    if decision not in review.DECISIONS:
        raise ValidationError("Quyết định không hợp lệ")
    item = _item(directive, item_id)
    year = criteria.default_year(directive)
    new = _clean_edits(item, edits or {}, directive.unit, year) if edits else copy.deepcopy(item)
    if decision == review.ACCEPTED and new["type"] == "target" and new.get("value") is None:
        raise ValidationError("Chỉ tiêu cần có giá trị trước khi chấp nhận")
    new["decision"] = decision
    items = [new if it["id"] == item_id else it for it in directive.proposal["items"]]
    directive.proposal = {**directive.proposal, "items": items}
    directive.save(update_fields=["proposal"])
    audit.record(
        f"directive.item.{decision}",
        directive,
        actor=actor,
        unit=directive.unit,
        before={item_id: {k: item.get(k) for k in new if k not in ("quote", "start", "end")}},
        after={item_id: {k: new.get(k) for k in new if k not in ("quote", "start", "end")}},
    )
    return new


META_FIELDS = ["kind", "number", "date", "issuer", "title"]


@transaction.atomic
def update_metadata(
    actor, directive: Directive, *, kind: str, number: str, date, issuer: str, title: str
) -> Directive:
    """Correct the document's metadata during review (the date anchors the reporting calendar)."""
    from chiso.plans.models import DirectiveKind

    _require_manage(actor, directive.unit)
    errors = []
    if kind and kind not in DirectiveKind.values:
        errors.append("Loại văn bản không hợp lệ")
    if not (title or "").strip():
        errors.append("Trích yếu không được để trống")
    if date is not None and not dt.date(1990, 1, 1) <= date <= dt.date(2100, 12, 31):
        errors.append("Ngày ban hành không hợp lệ")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(directive, META_FIELDS)
    directive.kind, directive.number, directive.date = kind, number.strip()[:80], date
    directive.issuer, directive.title = issuer.strip()[:200], title.strip()[:500]
    directive.save()
    audit.record(
        "directive.metadata",
        directive,
        actor=actor,
        unit=directive.unit,
        before=before,
        after=audit.snapshot(directive, META_FIELDS),
    )
    return directive


@transaction.atomic
def accept_pending(actor, directive: Directive) -> int:
    """Accept every item still pending (targets without a value are skipped)."""
    _require_manage(actor, directive.unit)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status != DirectiveStatus.REVIEW:
        raise ValidationError("Văn bản đã được áp dụng")
    n = 0
    items = copy.deepcopy(directive.proposal.get("items", []))
    for it in items:
        if it["decision"] == review.PENDING and not (it["type"] == "target" and it.get("value") is None):
            it["decision"] = review.ACCEPTED
            n += 1
    directive.proposal = {**directive.proposal, "items": items}
    directive.save(update_fields=["proposal"])
    audit.record(
        "directive.accept_pending", directive, actor=actor, unit=directive.unit, after={"accepted": n}
    )
    return n


def _deadline_fields(dl: dict) -> dict:
    kind = dl.get("kind") or "none"
    out = {
        "deadline_kind": DeadlineKind.NONE,
        "deadline": None,
        "deadline_month": "",
        "recurrence": None,
        "recurrence_text": "",
    }
    if kind == "date" and dl.get("date"):
        out.update(deadline_kind=DeadlineKind.DATE, deadline=dt.date.fromisoformat(dl["date"]))
    elif kind == "month" and dl.get("date"):
        out.update(
            deadline_kind=DeadlineKind.MONTH,
            deadline=dt.date.fromisoformat(dl["date"]),
            deadline_month=dl.get("month") or dl["date"][:7],
        )
    elif kind == "recurrence" and dl.get("rule"):
        out.update(
            deadline_kind=DeadlineKind.RECURRENCE,
            recurrence=dl["rule"],
            recurrence_text=(dl.get("text") or schedule.describe(dl["rule"]))[:300],
        )
    return out


@transaction.atomic
def apply_proposal(actor, directive: Directive, until: dt.date | None = None) -> dict:
    """Create the accepted tasks, targets and reporting calendar. Items still pending are left out."""
    _require_manage(actor, directive.unit)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status != DirectiveStatus.REVIEW:
        raise ValidationError("Văn bản này đã được áp dụng")
    items = [it for it in directive.proposal.get("items", []) if it["decision"] == review.ACCEPTED]
    if not items:
        raise ValidationError(
            "Chưa chấp nhận mục nào: hãy rà soát và chấp nhận ít nhất một nhiệm vụ, chỉ tiêu hoặc lịch báo cáo"
        )
    scope = directive.unit
    units = {u.code: u for u in Unit.objects.under(scope)}
    counts = {"tasks": 0, "targets": 0, "periods": 0}
    commitment = None  # a Bản cam kết's targets also form the unit's commitment for the year
    task_items = [it for it in items if it["type"] == "task"]
    generated = titles.distinct_titles([(it["summary"], it.get("lead_text", "")) for it in task_items])
    title_of = {
        it["id"]: (it["summary"] if it.get("summary_edited") else gen) or it["summary"]
        for it, gen in zip(task_items, generated, strict=True)
    }
    for it in items:
        if it["type"] == "task":
            assignees = [units[c] for c in it.get("assignees") or [] if c in units] or [scope]
            partners = [units[c] for c in it.get("partners") or [] if c in units]
            link = criteria.resolve(
                it.get("index_code"),
                it.get("index_year") or criteria.default_year(directive),
                it.get("criterion_code"),
            )
            for unit in assignees:
                task = Task.objects.create(
                    directive=directive,
                    section=it.get("section", "")[:200],
                    title=title_of[it["id"]][:500],
                    description=it.get("quote", ""),
                    unit=unit,
                    lead_text=it.get("lead_text", "")[:300],
                    index_code=link.index.code if link.index else it.get("index_code", ""),
                    index_year=link.year,
                    criterion=link.node,
                    criterion_code=link.node.code if link.node else it.get("criterion_code", ""),
                    quote=it.get("quote", ""),
                    **_deadline_fields(it.get("deadline") or {}),
                )
                task.partners.set([p for p in partners if p.pk != unit.pk])
                counts["tasks"] += 1
        elif it["type"] == "target":
            if directive.kind == "cam_ket" and commitment is None:
                year = (directive.date or dt.date.today()).year
                commitment, _ = Commitment.objects.get_or_create(
                    unit=scope, year=year, title=directive.title[:300], defaults={"directive": directive}
                )
            field_text = it.get("scope", "")[:120]
            by_field = is_field_scope(field_text, it.get("field_code", ""))
            Target.objects.create(
                directive=directive,
                commitment=commitment,
                unit=scope,
                metric_code=it.get("metric_code", ""),
                metric_text=it["metric"][:500] or "Chỉ tiêu",
                operator=it["operator"],
                value=Decimal(str(it["value"])),
                unit_label=it.get("unit", ""),
                scope=ScopeKind.FIELD if by_field else ScopeKind.ALL,
                field=field_text,
                field_code=it.get("field_code", ""),
                deadline=dt.date.fromisoformat(it["deadline"]) if it.get("deadline") else None,
                quote=it.get("quote", ""),
            )
            counts["targets"] += 1
        elif it["type"] == "reporting":
            for rule in it.get("rules") or []:
                rr = ReportingRule.objects.create(
                    directive=directive,
                    rule=rule,
                    description=schedule.describe(rule)[:300],
                    to_text=it.get("to", "")[:300],
                    quote=it.get("quote", ""),
                )
                counts["periods"] += _generate_periods(directive, rr, until)
    directive.status = DirectiveStatus.ACTIVE
    directive.applied_at = timezone.now()
    directive.save(update_fields=["status", "applied_at"])
    audit.record("directive.apply", directive, actor=actor, unit=scope, after=counts)
    return counts


def _generate_periods(directive: Directive, rr: ReportingRule, until: dt.date | None) -> int:
    start = directive.date or dt.date.today()
    end = until or dt.date(start.year, 12, 31)
    n = 0
    for dp in schedule.generate(rr.rule, start, end):
        if dp.due < start:
            continue  # a period whose report was already due before the directive was issued
        _, created = ReportingPeriod.objects.get_or_create(
            directive=directive,
            code=dp.code,
            defaults={
                "rule": rr,
                "label": dp.period.label_vi,
                "start": dp.period.start,
                "end": dp.period.end,
                "due": dp.due,
                "due_on_weekend": dp.due_on_weekend,
            },
        )
        n += created
    return n


@transaction.atomic
def extend_calendar(actor, directive: Directive, until_year: int) -> int:
    """Generate reporting periods up to the end of `until_year` (idempotent)."""
    _require_manage(actor, directive.unit)
    if not 2000 <= until_year <= 2100:
        raise ValidationError("Năm không hợp lệ")
    n = sum(
        _generate_periods(directive, rr, dt.date(until_year, 12, 31))
        for rr in directive.reporting_rules.all()
    )
    if n:
        audit.record(
            "directive.calendar",
            directive,
            actor=actor,
            unit=directive.unit,
            after={"until": until_year, "periods": n},
        )
    return n


# ---------------------------------------------------------------- tasks


@transaction.atomic
def update_task(actor, task: Task, *, status: str, progress: int, text: str, evidence=None) -> TaskUpdate:
    """A progress update by the lead unit (or the office): status, percent, note, evidence file."""
    if actor is not None:
        require(actor, WRITE, task.unit)
    errors = []
    if status not in TaskStatus.values:
        errors.append("Trạng thái không hợp lệ")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        errors.append("Tiến độ phải là số nguyên từ 0 đến 100")
    if not (text or "").strip():
        errors.append("Hãy nêu nội dung cập nhật")
    if evidence is not None and evidence.size > settings.CHISO_MAX_UPLOAD_MB * 1024 * 1024:
        errors.append(f"Tệp minh chứng vượt quá {settings.CHISO_MAX_UPLOAD_MB} MB")
    if errors:
        raise ValidationError(errors)
    if status == TaskStatus.DONE:
        progress = 100
    before = audit.snapshot(task, ["status", "progress"])
    upd = TaskUpdate(
        task=task,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        text=text.strip(),
        status=status,
        progress=progress,
    )
    if evidence is not None:
        upd.evidence_name = os.path.basename(evidence.name)[:255]
        upd.evidence.save(upd.evidence_name, evidence, save=False)
    upd.save()
    task.status, task.progress = status, progress
    task.completed_on = dt.date.today() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "progress", "completed_on", "updated_at"])
    audit.record(
        "task.update",
        task,
        actor=actor,
        before=before,
        after={**audit.snapshot(task, ["status", "progress"]), "evidence": upd.evidence_name},
    )
    return upd


@transaction.atomic
def edit_task(actor, task: Task, **values) -> Task:
    """The office edits a task's definition (title, lead unit, deadline, index criterion…)."""
    scope = task.directive.unit if task.directive_id else task.unit
    _require_manage(actor, scope)
    if "unit" in values and values["unit"] is not None:
        if not values["unit"].path.startswith(scope.path):
            raise ValidationError("Đơn vị chủ trì không thuộc phạm vi văn bản")
    if any(k in values for k in LINK_KEYS):
        link = criteria.clean(
            *(values.pop(k, getattr(task, k)) for k in LINK_KEYS),
            default_year=criteria.default_year(task.directive, task.deadline),
        )
        values.update(link.fields())
    before = audit.snapshot(task, TASK_FIELDS)
    for k, v in values.items():
        setattr(task, k, v)
    if not task.title.strip():
        raise ValidationError("Tên nhiệm vụ không được để trống")
    task.save()
    audit.record("task.edit", task, actor=actor, before=before, after=audit.snapshot(task, TASK_FIELDS))
    return task


@transaction.atomic
def create_task(actor, scope: Unit, **values) -> Task:
    _require_manage(actor, scope)
    unit = values.get("unit")
    if unit is None or not unit.path.startswith(scope.path):
        raise ValidationError("Đơn vị chủ trì không thuộc phạm vi")
    partners = values.pop("partners", [])
    task = Task.objects.create(**values)
    task.partners.set(partners)
    audit.record("task.create", task, actor=actor, after=audit.snapshot(task, TASK_FIELDS))
    return task


# ---------------------------------------------------------------- targets and commitments


def is_field_scope(field_text: str, field_code: str = "") -> bool:
    """A target measured on a procedure field: the office picked one, or the wording names a "lĩnh vực"."""
    from chiso.lib.vntext import fold

    return bool(field_code) or fold(field_text).startswith(("linh vuc", "trong linh vuc"))


def _field_code_errors(code: str) -> list[str]:
    from chiso.plans import queries

    if code and code not in {c for c, _ in queries.known_fields()}:
        return [f"Lĩnh vực mã “{code}” không có trong danh mục thủ tục hành chính"]
    return []


TARGET_FIELDS = [
    "metric_code",
    "metric_text",
    "operator",
    "value",
    "unit_label",
    "scope",
    "field",
    "field_code",
]


@transaction.atomic
def edit_target(actor, target: Target, **values) -> Target:
    """The office corrects a target: KPI, goal, scope and the procedure field it is measured on."""
    if target.directive_id:
        _require_manage(actor, target.directive.unit)
    else:
        if actor is not None:
            require(actor, WRITE, target.unit)
        if target.commitment_id and target.commitment.signed_at:
            raise ValidationError("Bản cam kết đã ký; không sửa chỉ tiêu được nữa")
    errors = []
    if not (values.get("metric_text", target.metric_text) or "").strip():
        errors.append("Tên chỉ tiêu không được để trống")
    code = values.get("metric_code", target.metric_code)
    if code and kpi_registry.get(code) is None:
        errors.append(f"Mã KPI “{code}” không có trong danh mục")
    if values.get("operator", target.operator) not in Operator.values:
        errors.append("Phép so sánh không hợp lệ")
    scope = values.get("scope", target.scope)
    if scope not in ScopeKind.values or (scope == ScopeKind.UNIT) != (target.scope == ScopeKind.UNIT):
        errors.append("Phạm vi không hợp lệ")
    field_code = values.get("field_code", target.field_code)
    errors += _field_code_errors(field_code)
    if scope == ScopeKind.FIELD and not (field_code or (values.get("field", target.field) or "").strip()):
        errors.append("Chỉ tiêu theo lĩnh vực cần nêu lĩnh vực")
    if errors:
        raise ValidationError(errors)
    if "value" in values and values["value"] == target.value:
        values.pop("value")  # 95 == 95.0000: not a change
    before = audit.snapshot(target, TARGET_FIELDS)
    for k, v in values.items():
        setattr(target, k, v.strip() if isinstance(v, str) else v)
    if target.scope != ScopeKind.FIELD:
        target.field_code = ""
    after = audit.snapshot(target, TARGET_FIELDS)
    if before != after:
        target.save()
        audit.record("target.edit", target, actor=actor, before=before, after=after)
    return target


@transaction.atomic
def create_target(actor, unit: Unit, **values) -> Target:
    if actor is not None:
        require(actor, MANAGE if values.get("commitment") is None else WRITE, unit)
    if values.get("metric_code") and kpi_registry.get(values["metric_code"]) is None:
        raise ValidationError(f"Mã KPI “{values['metric_code']}” không có trong danh mục")
    if values.get("operator") not in Operator.values:
        raise ValidationError("Phép so sánh không hợp lệ")
    target = Target.objects.create(unit=unit, **values)
    audit.record("target.create", target, actor=actor, after=audit.snapshot(target))
    return target


@transaction.atomic
def save_commitment(
    actor, unit: Unit, *, year: int, title: str, signer_name: str = "", directive=None
) -> tuple[Commitment, bool]:
    if actor is not None and not (has_perm(actor, MANAGE, unit) or has_perm(actor, WRITE, unit)):
        raise PermissionDenied("Bạn không có quyền lập bản cam kết cho đơn vị này")
    if not title.strip():
        raise ValidationError("Tên bản cam kết không được để trống")
    c, created = Commitment.objects.get_or_create(
        unit=unit,
        year=year,
        title=title.strip()[:300],
        defaults={"signer_name": signer_name[:150], "directive": directive},
    )
    if created:
        audit.record(
            "commitment.create",
            c,
            actor=actor,
            after=audit.snapshot(c, ["unit", "year", "title", "signer_name"]),
        )
    return c, created


@transaction.atomic
def sign_commitment(actor, commitment: Commitment) -> Commitment:
    """The unit head signs: the targets are then fixed."""
    if actor is not None:
        require(actor, SIGN, commitment.unit)
    if commitment.signed_at:
        raise ValidationError("Bản cam kết đã được ký")
    if not commitment.targets.exists():
        raise ValidationError("Bản cam kết chưa có chỉ tiêu nào")
    commitment.signed_at = timezone.now()
    commitment.signed_by = actor
    if not commitment.signer_name and actor is not None:
        commitment.signer_name = actor.get_full_name() or actor.get_username()
    commitment.save()
    audit.record(
        "commitment.sign",
        commitment,
        actor=actor,
        after={"signed_at": commitment.signed_at, "signer": commitment.signer_name},
    )
    return commitment


# ---------------------------------------------------------------- submissions


def _decimal(raw, label: str, errors: list) -> Decimal | None:
    raw = (str(raw) if raw is not None else "").strip()
    if not raw:
        return None
    try:
        return Decimal(raw.replace(".", "").replace(",", ".") if "," in raw else raw)
    except InvalidOperation:
        errors.append(f"{label}: “{raw}” không phải là số")
        return None


@transaction.atomic
def save_submission(
    actor,
    period: ReportingPeriod,
    unit: Unit,
    *,
    narrative: str = "",
    values: dict | None = None,
    task_rows: dict | None = None,
    submit: bool = False,
    now=None,
    upload: dict | None = None,
    drop_tasks: list[int] | None = None,
    cleared: dict | None = None,
) -> Submission:
    """A unit's report for a period: value per target, status per task, narrative; submit marks on time/late.

    `values` {target_id: text}, `task_rows` {task_id: {"status", "progress", "note"}}. Ids that are not
    part of this unit's report template raise Http404 (form tampering). `upload` (file name, hash): the
    values come from an uploaded template (audit action submission.upload); `drop_tasks`: tasks the
    upload no longer reports on; `cleared`: what its blank cells cleared (the audit keeps the old values)."""
    if actor is not None:
        require(actor, WRITE, unit)
    from chiso.plans import queries

    template = queries.template_for(period.directive, unit)
    target_ids = {t.pk: t for t in template["targets"]}
    task_ids = {t.pk: t for t in template["tasks"]}
    values, task_rows, drop_tasks = values or {}, task_rows or {}, drop_tasks or []
    if (
        any(int(k) not in target_ids for k in values)
        or any(int(k) not in task_ids for k in task_rows)
        or any(int(k) not in task_ids for k in drop_tasks)
    ):
        raise Http404("Chỉ tiêu hoặc nhiệm vụ không thuộc báo cáo của đơn vị")
    sub, _ = Submission.objects.select_for_update().get_or_create(period=period, unit=unit)
    if sub.status == SubmissionStatus.SUBMITTED:
        raise ValidationError("Báo cáo kỳ này đã được gửi; liên hệ cơ quan thường trực nếu cần sửa")
    errors: list[str] = []
    clean_vals = {
        int(k): _decimal(v, f"Chỉ tiêu “{target_ids[int(k)].metric_text[:60]}”", errors)
        for k, v in values.items()
    }
    clean_rows = {}
    for k, row in task_rows.items():
        st = row.get("status") or TaskStatus.NOT_STARTED
        if st not in TaskStatus.values:
            errors.append(f"Nhiệm vụ “{task_ids[int(k)].title[:60]}”: trạng thái không hợp lệ")
        try:
            pr = int(row.get("progress") or 0)
            if not 0 <= pr <= 100:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(f"Nhiệm vụ “{task_ids[int(k)].title[:60]}”: tiến độ phải từ 0 đến 100")
            pr = 0
        clean_rows[int(k)] = (st, 100 if st == TaskStatus.DONE else pr, (row.get("note") or "")[:500])
    narrative, narrative_error = clean_narrative(narrative)
    if narrative_error:
        errors.append(narrative_error)
    if submit:
        missing = [
            t.metric_text[:60]
            for pk, t in target_ids.items()
            if clean_vals.get(pk) is None and not t.metric_code
        ]
        if missing:
            errors.append("Chưa nhập kết quả cho chỉ tiêu: " + "; ".join(missing))
    if errors:
        raise ValidationError(errors)
    for pk, val in clean_vals.items():
        SubmissionValue.objects.update_or_create(submission=sub, target_id=pk, defaults={"value": val})
    for pk, (st, pr, note) in clean_rows.items():
        SubmissionTask.objects.update_or_create(
            submission=sub, task_id=pk, defaults={"status": st, "progress": pr, "note": note}
        )
    if drop_tasks:
        SubmissionTask.objects.filter(submission=sub, task_id__in=[int(k) for k in drop_tasks]).delete()
    sub.narrative = narrative
    if submit:
        # a sent report also moves the tasks it reports on
        sent_on = timezone.localdate(now) if now else dt.date.today()
        for pk, (st, pr, note) in clean_rows.items():
            task = task_ids[pk]
            if (task.status, task.progress) != (st, pr):
                TaskUpdate.objects.create(
                    task=task,
                    author=actor if getattr(actor, "is_authenticated", False) else None,
                    text=note or f"Theo báo cáo {period.label}",
                    status=st,
                    progress=pr,
                )
                task.status, task.progress = st, pr
                task.completed_on = sent_on if st == TaskStatus.DONE else None
                task.save(update_fields=["status", "progress", "completed_on", "updated_at"])
        now = now or timezone.now()
        sub.status = SubmissionStatus.SUBMITTED
        sub.submitted_at = now
        sub.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        sub.on_time = timezone.localdate(now) <= period.due
    sub.save()
    audit.record(
        "submission.submit" if submit else "submission.upload" if upload else "submission.save",
        sub,
        actor=actor,
        unit=unit,
        after={
            "period": period.code,
            "values": {str(k): v for k, v in clean_vals.items()},
            "tasks": len(clean_rows),
            "on_time": sub.on_time,
            **({"file": upload} if upload else {}),
            **({"tasks_dropped": sorted(int(k) for k in drop_tasks)} if drop_tasks else {}),
            # what blank cells of an upload cleared, with the values they held
            **({"cleared": cleared, "cleared_count": cleared_count(cleared)} if cleared else {}),
        },
    )
    return sub


@dataclass(frozen=True)
class UploadResult:
    """What an upload did: the submission (None if nothing was ever written), rows filled with a value,
    values cleared by blank cells, whether the narrative changed, template rows absent from the file."""

    submission: Submission | None
    filled: int = 0
    cleared: int = 0
    narrative: bool = False
    missing: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.filled or self.cleared or self.narrative)


def cleared_count(cleared: dict | None) -> int:
    """How many values a `cleared` record (see upload_submission) names."""
    if not cleared:
        return 0
    return (
        len(cleared.get("values", {}))
        + sum(len(cells) for cells in cleared.get("tasks", {}).values())
        + (1 if cleared.get("narrative") else 0)
    )


def _task_cells(status, progress: int, note: str) -> dict:
    """A draft task row's non-empty cells (a progress of 0 is no value)."""
    cells = {"status": status, "progress": progress, "note": note}
    return {k: v for k, v in cells.items() if v}


@transaction.atomic
def upload_submission(actor, period: ReportingPeriod, unit: Unit, data: bytes, filename: str) -> UploadResult:
    """Replace the unit's draft report for the period with its filled report template (XLSX), all or
    nothing; the unit then reviews and sends it as usual. The file is the unit's whole draft: a blank
    cell clears the value the draft holds (the audit entry keeps the old values); a row missing from the
    file leaves the draft's row as it is. A sent report is never changed. Nothing written and no audit
    entry when the file says what the draft already says (uploading the same file again)."""
    if actor is not None:
        require(actor, WRITE, unit)
    from chiso.plans import queries, report_upload

    template = queries.template_for(period.directive, unit)
    sub = Submission.objects.select_for_update().filter(period=period, unit=unit).first()
    if sub is not None and sub.status == SubmissionStatus.SUBMITTED:
        raise ValidationError("Báo cáo kỳ này đã được gửi; liên hệ cơ quan thường trực nếu cần sửa")
    filled = report_upload.read(data, filename, period, unit, template)
    cur_vals = {v.target_id: v.value for v in sub.values.all()} if sub else {}
    cur_rows = {r.task_id: r for r in sub.task_rows.all()} if sub else {}
    cleared: dict = {"values": {}, "tasks": {}, "narrative": ""}
    values = {}
    for pk, v in filled.values.items():
        cur = cur_vals.get(pk)
        if cur != v:
            values[pk] = v
            if v is None:
                cleared["values"][str(pk)] = cur
    rows, drop, filled_rows = {}, [], 0
    for pk, got in filled.tasks.items():
        cur = cur_rows.get(pk)
        before = _task_cells(cur.status, cur.progress, cur.note) if cur else {}
        if got is None:
            if cur is not None:
                drop.append(pk)
                cleared["tasks"][str(pk)] = before
            continue
        status = got["status"]
        progress = 100 if status == TaskStatus.DONE else got["progress"]
        if cur is None or (cur.status, cur.progress, cur.note) != (status, progress, got["note"]):
            rows[pk] = {"status": status, "progress": progress, "note": got["note"]}
            after = _task_cells(status, progress, got["note"])
            gone = {k: v for k, v in before.items() if k not in after}
            if gone:
                cleared["tasks"][str(pk)] = gone
            # a row whose blank cells only cleared values is not "filled"
            filled_rows += any(before.get(k) != v for k, v in after.items())
    old_narrative = clean_narrative(sub.narrative)[0] if sub else ""
    narrative_changed = filled.narrative != old_narrative
    if narrative_changed and not filled.narrative:
        cleared["narrative"] = old_narrative
    cleared = {k: v for k, v in cleared.items() if v}
    if not values and not rows and not drop and not narrative_changed:
        return UploadResult(sub, missing=len(filled.missing))
    sub = save_submission(
        actor,
        period,
        unit,
        narrative=filled.narrative,
        values={str(pk): "" if v is None else str(v) for pk, v in values.items()},
        task_rows={str(pk): r for pk, r in rows.items()},
        upload={"name": os.path.basename(filename)[:255], "sha256": hashlib.sha256(data).hexdigest()},
        drop_tasks=drop,
        cleared=cleared,
    )
    return UploadResult(
        sub,
        filled=sum(1 for v in values.values() if v is not None) + filled_rows,
        cleared=cleared_count(cleared),
        narrative=narrative_changed and bool(filled.narrative),
        missing=len(filled.missing),
    )


@transaction.atomic
def reopen_submission(actor, sub: Submission) -> Submission:
    _require_manage(actor, sub.period.directive.unit)
    if sub.status != SubmissionStatus.SUBMITTED:
        raise ValidationError("Báo cáo chưa được gửi")
    sub.status = SubmissionStatus.DRAFT
    sub.save(update_fields=["status"])
    audit.record("submission.reopen", sub, actor=actor, unit=sub.unit, after={"period": sub.period.code})
    return sub


# ---------------------------------------------------------------- reminders


def reminders(today: dt.date, days: int = 7) -> list[dict]:
    """What falls due within `days` days or is overdue: task deadlines and unsubmitted period reports.

    Each reminder names the unit, the users to notify (officers and heads of the unit) and a dedupe key
    that includes the day, so running twice on one day sends nothing new."""
    from chiso.orgs.actions import users_with_role
    from chiso.orgs.models import Role
    from chiso.plans import queries

    horizon = today + dt.timedelta(days=days)
    out: list[dict] = []
    open_tasks = Task.objects.filter(
        status__in=queries.OPEN,
        deadline_kind__in=[DeadlineKind.DATE, DeadlineKind.MONTH],
        deadline__lte=horizon,
        directive__status=DirectiveStatus.ACTIVE,
    ).select_related("unit")
    for t in open_tasks:
        overdue = t.deadline < today
        title = (
            f"Nhiệm vụ quá hạn từ {t.deadline:%d/%m/%Y}: {t.title[:120]}"
            if overdue
            else f"Nhiệm vụ đến hạn {t.deadline:%d/%m/%Y}: {t.title[:120]}"
        )
        out.append(
            {
                "unit": t.unit,
                "title": title,
                "url": f"/ke-hoach/nhiem-vu/{t.pk}/",
                "key": f"plans:task:{t.pk}:{today.isoformat()}",
                "overdue": overdue,
            }
        )
    recurring = Task.objects.filter(
        status__in=queries.OPEN,
        deadline_kind=DeadlineKind.RECURRENCE,
        directive__status=DirectiveStatus.ACTIVE,
    ).select_related("unit")
    for t in recurring:
        try:
            nxt = schedule.next_occurrence(t.recurrence or {}, today)
        except ValueError:
            continue
        if nxt.due <= horizon:
            out.append(
                {
                    "unit": t.unit,
                    "title": f"Nhiệm vụ định kỳ ({nxt.period.label_vi}) đến hạn {nxt.due:%d/%m/%Y}: {t.title[:120]}",
                    "url": f"/ke-hoach/nhiem-vu/{t.pk}/",
                    "key": f"plans:task:{t.pk}:{nxt.code}:{today.isoformat()}",
                    "overdue": False,
                }
            )
    periods = ReportingPeriod.objects.filter(
        due__lte=horizon, directive__status=DirectiveStatus.ACTIVE
    ).select_related("directive")
    for p in periods:
        submitted = set(
            p.submissions.filter(status=SubmissionStatus.SUBMITTED).values_list("unit_id", flat=True)
        )
        for u in queries.reporting_units(p.directive):
            if u.pk in submitted:
                continue
            overdue = p.due < today
            if overdue and (today - p.due).days > 92:
                continue  # older periods stay on the board, not in the inbox every day
            title = (
                f"Chưa gửi báo cáo {p.label} (hạn {p.due:%d/%m/%Y} đã qua)"
                if overdue
                else f"Báo cáo {p.label} đến hạn ngày {p.due:%d/%m/%Y}"
            )
            out.append(
                {
                    "unit": u,
                    "title": title,
                    "url": f"/ke-hoach/ky-bao-cao/{p.pk}/don-vi/{u.code}/",
                    "key": f"plans:report:{p.pk}:{u.pk}:{today.isoformat()}",
                    "overdue": overdue,
                }
            )
    for r in out:
        users = list(users_with_role(Role.OFFICER, r["unit"], inherited=False)) + list(
            users_with_role(Role.HEAD, r["unit"], inherited=False)
        )
        r["users"] = list({u.pk: u for u in users}.values())
    return out


def send_reminders(today: dt.date, days: int = 7, dry_run: bool = False) -> dict:
    """Notify (inbox + e-mail) each reminder's users once per day. Returns counts."""
    from chiso.orgs.actions import notify

    items = reminders(today, days)
    sent = skipped = 0
    for r in items:
        for user in r["users"]:
            if dry_run:
                continue
            n = notify(
                user,
                r["title"],
                body=f"Đơn vị: {r['unit'].name}",
                url=r["url"],
                kind="plans.remind",
                dedupe_key=f"{r['key']}:{user.pk}",
            )
            if n is None:
                skipped += 1
            else:
                sent += 1
    digests = office_digests(items, today)
    for d in digests:
        for user in d["users"]:
            if dry_run:
                continue
            n = notify(
                user,
                d["title"],
                body=d["body"],
                url="/ke-hoach/",
                kind="plans.digest",
                dedupe_key=f"{d['key']}:{user.pk}",
            )
            if n is None:
                skipped += 1
            else:
                sent += 1
    if sent and not dry_run:
        audit.record("plans.remind", None, after={"date": today, "sent": sent, "items": len(items)})
    return {"items": len(items), "sent": sent, "skipped": skipped, "reminders": items, "digests": digests}


def office_digests(items: list[dict], today: dt.date) -> list[dict]:
    """One daily summary per province for its reform office: how many units are late or due soon."""
    from chiso.orgs.actions import users_with_role
    from chiso.orgs.models import Role

    by_province: dict[int, dict] = {}
    for r in items:
        province = r["unit"].province() or r["unit"]
        d = by_province.setdefault(
            province.pk, {"province": province, "overdue": set(), "soon": set(), "n": 0}
        )
        (d["overdue"] if r["overdue"] else d["soon"]).add(r["unit"].name)
        d["n"] += 1
    out = []
    for d in by_province.values():
        body = []
        if d["overdue"]:
            body.append(
                f"Đơn vị có việc quá hạn ({len(d['overdue'])}): " + ", ".join(sorted(d["overdue"])[:30])
            )
        if d["soon"]:
            body.append(
                f"Đơn vị có việc sắp đến hạn ({len(d['soon'])}): " + ", ".join(sorted(d["soon"])[:30])
            )
        out.append(
            {
                "users": list(users_with_role(Role.REFORM_OFFICE, d["province"])),
                "title": f"Tổng hợp nhắc việc ngày {today:%d/%m/%Y}: {d['n']} việc của {len(d['overdue'] | d['soon'])} đơn vị",
                "body": "\n".join(body),
                "key": f"plans:digest:{d['province'].pk}:{today.isoformat()}",
            }
        )
    return out
