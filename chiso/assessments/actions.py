"""Every state change of the assessments app: permission and state checks, the write, the audit entry.

Views, the API, commands and the demo all call these. `actor=None` means the system (a command)."""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from chiso.assessments import rulefmt
from chiso.assessments.criteria_io import ParsedSet
from chiso.assessments.models import (
    UNIT_TYPE_KINDS,
    Assessment,
    Campaign,
    CriteriaSet,
    Criterion,
    Entry,
    Evidence,
)
from chiso.lib import scoring
from chiso.lib.tabular import ErrorCollector, iter_rows, parse_decimal
from chiso.lib.vntext import fold
from chiso.orgs import audit
from chiso.orgs.actions import mark_read, notify, users_with_role
from chiso.orgs.models import Notification, Role, Unit
from chiso.orgs.permissions import APPRAISE, APPROVE, MANAGE, SIGN, WRITE, has_perm

S = Assessment.Status
EVIDENCE_MAX_BYTES = getattr(settings, "CHISO_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
EVIDENCE_TYPES = {
    "pdf": ("application/pdf", {"pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}),
    "jpg": ("image/jpeg", {"jpg", "jpeg"}),
    "png": ("image/png", {"png"}),
}


def _require(actor, cap: str, unit: Unit) -> None:
    if actor is not None and not has_perm(actor, cap, unit):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với đơn vị này.")


def _q2(d: Decimal) -> Decimal:
    return scoring.q2(d)


# --------------------------------------------------------------------------------------------
# Criteria sets


@transaction.atomic
def import_criteria(actor, parsed: ParsedSet, province: Unit) -> tuple[CriteriaSet, bool]:
    """Create or update the set (province, year, unit type) from a parsed workbook.

    Re-importing the same workbook changes nothing. Criteria already used by a campaign keep
    their code; a criterion missing from the workbook is removed only if nothing refers to it."""
    _require(actor, MANAGE, province)
    cset = CriteriaSet.objects.filter(province=province, year=parsed.year, unit_type=parsed.unit_type).first()
    changed = False
    bands = [[label, str(low)] for label, low in parsed.bands]
    values = {
        "name": parsed.name or f"Bộ chỉ số CCHC năm {parsed.year}",
        "na_policy": parsed.na_policy,
        "bands": bands,
    }
    if cset is None:
        cset = CriteriaSet.objects.create(
            province=province, year=parsed.year, unit_type=parsed.unit_type, **values
        )
        audit.record(
            "assessments.criteria_set.create", cset, actor=actor, after=audit.snapshot(cset), unit=province
        )
        changed = True
    else:
        before = audit.snapshot(cset, list(values))
        for k, v in values.items():
            setattr(cset, k, v)
        after = audit.snapshot(cset, list(values))
        if before != after:
            cset.save()
            audit.record(
                "assessments.criteria_set.update",
                cset,
                actor=actor,
                before=before,
                after=after,
                unit=province,
            )
            changed = True
    existing = {c.code: c for c in cset.criteria.all()}
    fields = [
        "title",
        "max_points",
        "section",
        "source",
        "rule_shape",
        "rule_params",
        "na_policy",
        "evidence_required",
        "guidance",
        "order",
        "level",
    ]
    by_code: dict[str, Criterion] = {}
    for i, n in enumerate(parsed.nodes):
        vals = {
            "title": n.title,
            "max_points": n.max.quantize(Decimal("0.01")),
            "section": n.section,
            "source": n.source,
            "rule_shape": n.rule.shape if n.rule else "",
            "rule_params": n.rule.text if n.rule else "",
            "na_policy": n.na_policy,
            "evidence_required": n.evidence_required,
            "guidance": n.guidance,
            "order": i,
            "level": n.code.count(".") + 1,
        }
        parent = by_code.get(n.parent) if n.parent else None
        c = existing.pop(n.code, None)
        if c is None:
            c = Criterion.objects.create(criteria_set=cset, code=n.code, parent=parent, **vals)
            changed = True
        else:
            before = audit.snapshot(c, [*fields, "parent"])
            for k, v in vals.items():
                setattr(c, k, v)
            c.parent = parent
            if audit.snapshot(c, [*fields, "parent"]) != before:
                c.save()
                changed = True
        by_code[n.code] = c
    for code, c in sorted(existing.items(), key=lambda kv: -kv[1].level):
        if c.entries.exists():
            raise ValidationError(f"Tiêu chí {code} đã được dùng trong một đợt đánh giá, không thể xóa")
        c.delete()
        changed = True
    if changed:
        audit.record(
            "assessments.criteria_set.import",
            cset,
            actor=actor,
            after={"criteria": len(parsed.nodes)},
            unit=province,
            only_changes=False,
        )
    return cset, changed


CRITERION_FIELDS = [
    "title",
    "max_points",
    "rule_shape",
    "rule_params",
    "na_policy",
    "evidence_required",
    "guidance",
]


@transaction.atomic
def update_criterion(actor, criterion: Criterion, **values) -> Criterion:
    """Edit one criterion of a set that no campaign uses yet; the rule must fit the maximum."""
    cset = criterion.criteria_set
    _require(actor, MANAGE, cset.province)
    if cset.campaigns.exists():
        raise ValidationError("Bộ tiêu chí đã dùng cho một đợt đánh giá; hãy sao chép sang năm sau rồi sửa.")
    errors = {}
    title = str(values.get("title", criterion.title)).strip()
    if not title:
        errors["title"] = "Nhập nội dung tiêu chí"
    try:
        mx = parse_decimal(str(values.get("max_points", criterion.max_points)))
        if mx < 0 or mx != mx.quantize(Decimal("0.01")):
            raise ValueError("Điểm tối đa phải ≥ 0, tối đa hai chữ số thập phân")
    except ValueError as exc:
        errors["max_points"] = str(exc)
        mx = criterion.max_points
    shape = str(values.get("rule_shape", criterion.rule_shape)).strip()
    params = str(values.get("rule_params", criterion.rule_params)).strip()
    is_leaf = not criterion.children.exists()
    if is_leaf:
        try:
            rule = scoring.Rule.parse(shape, params, mx)
            shape = rule.shape
        except scoring.RuleError as exc:
            errors["rule_params"] = str(exc)
    else:
        shape, params = "", ""
    na = str(values.get("na_policy", criterion.na_policy))
    if na not in ("", scoring.NA_DROP, scoring.NA_MAX):
        errors["na_policy"] = "Chọn chính sách không phát sinh hợp lệ"
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(criterion, CRITERION_FIELDS)
    criterion.title, criterion.max_points = title, mx
    criterion.rule_shape, criterion.rule_params, criterion.na_policy = shape, params, na
    criterion.evidence_required = bool(values.get("evidence_required", criterion.evidence_required))
    criterion.guidance = str(values.get("guidance", criterion.guidance)).strip()
    after = audit.snapshot(criterion, CRITERION_FIELDS)
    if after != before:
        criterion.save()
        audit.record(
            "assessments.criterion.update",
            criterion,
            actor=actor,
            before=before,
            after=after,
            unit=cset.province,
        )
    return criterion


def as_parsed(cset: CriteriaSet) -> ParsedSet:
    return ParsedSet(
        name=cset.name,
        province=cset.province.code,
        year=cset.year,
        unit_type=cset.unit_type,
        na_policy=cset.na_policy,
        bands=cset.band_list(),
        nodes=cset.nodes(),
    )


def copy_to_next_year(actor, cset: CriteriaSet) -> CriteriaSet:
    """A copy of the set for year + 1 (dates in deadline rules move one year)."""
    _require(actor, MANAGE, cset.province)
    year = cset.year + 1
    if CriteriaSet.objects.filter(province=cset.province, year=year, unit_type=cset.unit_type).exists():
        raise ValidationError(f"Đã có bộ tiêu chí năm {year} cho loại đơn vị này")
    parsed = as_parsed(cset)
    parsed.year = year
    parsed.name = (
        re.sub(rf"\b{cset.year}\b", str(year), cset.name) if str(cset.year) in cset.name else cset.name
    )
    for n in parsed.nodes:
        if n.rule and n.rule.shape == "deadline" and n.rule.text:
            text = re.sub(
                r"(\d{1,2}/\d{1,2}/)(\d{4})", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}", n.rule.text
            )
            n.rule = scoring.Rule.parse("deadline", text)
    new, _ = import_criteria(actor, parsed, cset.province)
    audit.record(
        "assessments.criteria_set.copy", new, actor=actor, after={"from": cset.pk}, unit=cset.province
    )
    return new


# --------------------------------------------------------------------------------------------
# Campaigns


def eligible_units(cset: CriteriaSet, on: dt.date | None = None):
    on = on or dt.date(cset.year, 12, 31)
    return (
        Unit.objects.under(cset.province, include_self=False)
        .filter(kind__in=UNIT_TYPE_KINDS[cset.unit_type])
        .valid_on(on)
        .order_by("sort_order", "code")
    )


@transaction.atomic
def open_campaign(
    actor,
    cset: CriteriaSet,
    *,
    name: str,
    self_deadline: dt.date,
    explanation_deadline: dt.date,
    appraisal_deadline: dt.date,
    units=None,
    survey_plan: str = "",
) -> Campaign:
    _require(actor, MANAGE, cset.province)
    errors = {}
    if explanation_deadline < self_deadline:
        errors["explanation_deadline"] = "Hạn giải trình phải sau hạn tự đánh giá"
    if appraisal_deadline < explanation_deadline:
        errors["appraisal_deadline"] = "Hạn thẩm định phải sau hạn giải trình"
    problems = scoring.validate(cset.nodes(), cset.band_list())
    if problems:
        errors["criteria_set"] = "Bộ tiêu chí chưa hợp lệ: " + "; ".join(f"{c} {m}" for c, m in problems[:5])
    units = list(units) if units is not None else list(eligible_units(cset))
    if not units:
        errors["units"] = "Chưa có đơn vị nào được đánh giá"
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.create(
        criteria_set=cset,
        name=name,
        self_deadline=self_deadline,
        explanation_deadline=explanation_deadline,
        appraisal_deadline=appraisal_deadline,
        survey_plan=survey_plan,
        created_by=actor,
    )
    leaves = [c for c in cset.criteria.all() if not c.children.exists()]
    for unit in units:
        a = Assessment.objects.create(campaign=campaign, unit=unit)
        Entry.objects.bulk_create([Entry(assessment=a, criterion=c) for c in leaves])
    audit.record(
        "assessments.campaign.open",
        campaign,
        actor=actor,
        after={**audit.snapshot(campaign), "units": [u.code for u in units]},
        unit=cset.province,
    )
    return campaign


def _results_stale(campaign: Campaign) -> None:
    """Results computed (and perhaps approved) before this change no longer hold."""
    if campaign.status == Campaign.Status.COMPUTED:
        Campaign.objects.filter(pk=campaign.pk).update(
            status=Campaign.Status.OPEN, approved_at=None, approved_by=None
        )


# --------------------------------------------------------------------------------------------
# Self-assessment


def _entry_points(entry: Entry, value: str):
    """Rule points for a self-assessed value: (points or None, not_applicable)."""
    c = entry.criterion
    value = (value or "").strip()
    if not value:
        return None, False
    rule = c.rule()
    if rule is None:
        raise scoring.RuleError("Tiêu chí chưa có cách chấm")
    rulefmt.check_rate(rule, value)
    pts = rule.points(value, c.max_points)
    if pts is scoring.NA:
        return None, True
    return _q2(pts), False


@transaction.atomic
def save_self_assessment(actor, assessment: Assessment, data: dict, note: str | None = None) -> dict:
    """data: {criterion code: {"value", "doc_number", "doc_date", "note"}}. Returns {code: error} (nothing saved on error)."""
    _require(actor, WRITE, assessment.unit)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != S.DRAFT:
        raise ValidationError("Bản tự đánh giá đã nộp, không thể sửa.")
    entries = {e.criterion.code: e for e in assessment.entries.select_related("criterion")}
    errors, changed = {}, []
    for code, row in data.items():
        e = entries.get(code)
        if e is None:
            errors[code] = "Tiêu chí không thuộc bộ chỉ số này"
            continue
        if e.criterion.source == "survey":
            continue  # survey items are never self-scored
        before = audit.snapshot(
            e, ["self_value", "self_points", "not_applicable", "doc_number", "doc_date", "note"]
        )
        value = str(row.get("value", e.self_value) or "").strip()
        try:
            pts, na = _entry_points(e, value)
        except scoring.RuleError as exc:
            errors[code] = str(exc)
            continue
        doc_date = row.get("doc_date", e.doc_date)
        if isinstance(doc_date, str):
            from chiso.lib.tabular import parse_date

            try:
                doc_date = parse_date(doc_date) if doc_date.strip() else None
            except ValueError as exc:
                errors[code] = str(exc)
                continue
        e.self_value, e.self_points, e.not_applicable = value[:200], pts, na
        e.doc_number = str(row.get("doc_number", e.doc_number) or "").strip()[:100]
        e.doc_date = doc_date
        e.note = str(row.get("note", e.note) or "").strip()
        after = audit.snapshot(e, list(before))
        if after != before:
            changed.append((e, before, after))
    if errors:
        transaction.set_rollback(True)
        return errors
    for e, before, after in changed:
        e.save()
        audit.record(
            "assessments.entry.self", e, actor=actor, before=before, after=after, unit=assessment.unit
        )
    if note is not None and note != assessment.note:
        before = {"note": assessment.note}
        assessment.note = note
        assessment.save(update_fields=["note"])
        audit.record(
            "assessments.assessment.note", assessment, actor=actor, before=before, after={"note": note}
        )
    return {}


def check_upload(uploaded) -> tuple[str, str]:
    """(extension, content type) of an allowed evidence file, judged by its content; ValidationError otherwise."""
    import filetype

    name = uploaded.name or ""
    if uploaded.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(f"Tệp '{name}' lớn hơn giới hạn {EVIDENCE_MAX_BYTES // (1024 * 1024)} MB")
    if uploaded.size == 0:
        raise ValidationError(f"Tệp '{name}' rỗng")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None or kind.extension not in EVIDENCE_TYPES:
        raise ValidationError(
            f"Tệp '{name}' không phải PDF, DOCX, XLSX, JPEG hoặc PNG (kiểm tra theo nội dung tệp)"
        )
    mime, exts = EVIDENCE_TYPES[kind.extension]
    if ext not in exts:
        raise ValidationError(
            f"Tên tệp '{name}' có đuôi .{ext} nhưng nội dung là tệp {kind.extension.upper()}"
        )
    return kind.extension, mime


@transaction.atomic
def add_evidence(actor, entry: Entry, uploaded, kind: str = "self") -> Evidence:
    a = Assessment.objects.select_for_update().get(pk=entry.assessment_id)
    _require(actor, WRITE, a.unit)
    if kind == "self" and a.status != S.DRAFT:
        raise ValidationError("Bản tự đánh giá đã nộp, không thể thêm tài liệu.")
    if kind == "explanation" and not (a.status == S.EXPLANATION and entry.explanation_requested):
        raise ValidationError("Tiêu chí này không có yêu cầu giải trình đang mở.")
    _, mime = check_upload(uploaded)
    name = (uploaded.name or "tai-lieu").replace("/", "_").replace("\\", "_")[:255]
    ev = Evidence(
        entry=entry, kind=kind, original_name=name, size=uploaded.size, content_type=mime, uploaded_by=actor
    )
    ev.file.save(name, uploaded, save=False)
    ev.save()
    audit.record(
        "assessments.evidence.add",
        ev,
        actor=actor,
        after={"entry": entry.pk, "name": name, "size": ev.size, "kind": kind},
        unit=a.unit,
    )
    return ev


@transaction.atomic
def remove_evidence(actor, evidence: Evidence) -> None:
    """Only while the self-assessment is a draft: nothing is deleted after submission."""
    a = Assessment.objects.select_for_update().get(pk=evidence.entry.assessment_id)
    _require(actor, WRITE, a.unit)
    if a.status != S.DRAFT or evidence.kind != "self":
        raise ValidationError("Không thể xóa tài liệu sau khi đã nộp.")
    audit.record(
        "assessments.evidence.remove",
        evidence,
        actor=actor,
        before={"name": evidence.original_name},
        unit=a.unit,
    )
    evidence.file.delete(save=False)
    evidence.delete()


def submission_problems(assessment: Assessment) -> list[str]:
    out = []
    for e in assessment.entries.select_related("criterion").prefetch_related("evidence"):
        c = e.criterion
        if c.source == "survey":
            continue
        if not e.self_value:
            out.append(f"{c.code}: chưa nhập kết quả tự đánh giá")
        elif c.evidence_required and not e.not_applicable and not e.evidence.all() and not e.doc_number:
            out.append(f"{c.code}: cần tài liệu kiểm chứng (tệp đính kèm hoặc số, ngày văn bản)")
    return out


@transaction.atomic
def submit(actor, assessment: Assessment, now=None) -> Assessment:
    """The unit head submits: locked for the unit; marked late after the deadline."""
    _require(actor, SIGN, assessment.unit)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if a.status != S.DRAFT:
        raise ValidationError("Bản tự đánh giá đã được nộp.")
    problems = submission_problems(a)
    if problems:
        raise ValidationError(problems)
    now = now or timezone.now()
    before = audit.snapshot(a, ["status", "submitted_at", "late"])
    a.status, a.submitted_at, a.submitted_by = S.SUBMITTED, now, actor
    a.late = timezone.localdate(now) > a.campaign.self_deadline
    a.save()
    audit.record(
        "assessments.assessment.submit", a, actor=actor, before=before, after=audit.snapshot(a, list(before))
    )
    url = reverse("assessments:appraise", args=[a.pk])
    for role in (Role.REFORM_OFFICE, Role.APPRAISER):
        for user in users_with_role(role, a.unit).exclude(pk=getattr(actor, "pk", None)):
            notify(
                user,
                f"{a.unit.name} đã nộp bản tự đánh giá{' (nộp muộn)' if a.late else ''}",
                f"{a.campaign.name}: bản tự đánh giá đã khóa, sẵn sàng thẩm định.",
                url,
                kind="assessments.submitted",
                dedupe_key=f"par-submitted:{a.pk}:{user.pk}",
                email=False,
            )
    return a


# --------------------------------------------------------------------------------------------
# Appraisal and explanation


APPRAISABLE = (S.SUBMITTED, S.EXPLANATION, S.EXPLAINED)


@transaction.atomic
def appraise(actor, assessment: Assessment, data: dict) -> dict:
    """data: {code: {"points", "comment", "request", "request_text"}}. Appraisers never touch the unit's values."""
    _require(actor, APPRAISE, assessment.unit)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if a.status not in APPRAISABLE:
        raise ValidationError("Chỉ thẩm định bản tự đánh giá đã nộp và chưa chốt kết quả.")
    entries = {e.criterion.code: e for e in a.entries.select_related("criterion")}
    errors, changed = {}, []
    fields = ["appraised_points", "appraiser_comment", "explanation_requested", "explanation_request"]
    for code, row in data.items():
        e = entries.get(code)
        if e is None:
            errors[code] = "Tiêu chí không thuộc bộ chỉ số này"
            continue
        before = audit.snapshot(e, fields)
        if "points" in row:
            raw = str(row["points"] or "").strip()
            if raw:
                try:
                    pts = parse_decimal(raw)
                except ValueError as exc:
                    errors[code] = str(exc)
                    continue
                if pts < 0 or pts > e.criterion.max_points:
                    errors[code] = (
                        f"Điểm thẩm định phải trong khoảng 0 – {scoring._num(e.criterion.max_points)}"
                    )
                    continue
                e.appraised_points = _q2(pts)
            else:
                e.appraised_points = None
        if "comment" in row:
            e.appraiser_comment = str(row["comment"] or "").strip()
        if "request" in row and a.status == S.SUBMITTED:
            e.explanation_requested = bool(row["request"])
            e.explanation_request = (
                str(row.get("request_text") or "").strip() if e.explanation_requested else ""
            )
        after = audit.snapshot(e, fields)
        if after != before:
            changed.append((e, before, after))
    if errors:
        transaction.set_rollback(True)
        return errors
    for e, before, after in changed:
        e.save()
        audit.record("assessments.entry.appraise", e, actor=actor, before=before, after=after, unit=a.unit)
    return {}


@transaction.atomic
def request_explanation(actor, assessment: Assessment) -> Assessment:
    _require(actor, APPRAISE, assessment.unit)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if a.status != S.SUBMITTED:
        raise ValidationError("Chỉ yêu cầu giải trình với bản đã nộp, chưa yêu cầu trước đó.")
    items = list(a.entries.filter(explanation_requested=True).select_related("criterion"))
    if not items:
        raise ValidationError("Chọn ít nhất một tiêu chí cần giải trình.")
    a.status, a.explanation_requested_at = S.EXPLANATION, timezone.now()
    a.save(update_fields=["status", "explanation_requested_at"])
    audit.record(
        "assessments.assessment.request_explanation",
        a,
        actor=actor,
        before={"status": S.SUBMITTED},
        after={"status": a.status, "items": [e.criterion.code for e in items]},
    )
    url = reverse("assessments:explain", args=[a.pk])
    for role in (Role.OFFICER, Role.HEAD):
        for user in users_with_role(role, a.unit, inherited=False):
            notify(
                user,
                f"Yêu cầu giải trình chỉ số CCHC: {a.campaign.name}",
                f"Hội đồng thẩm định đề nghị giải trình {len(items)} tiêu chí "
                f"({', '.join(e.criterion.code for e in items)}), hạn {a.campaign.explanation_deadline:%d/%m/%Y}.",
                url,
                kind="assessments.explanation",
                dedupe_key=f"par-explain:{a.pk}",
            )
    return a


@transaction.atomic
def explain(actor, assessment: Assessment, answers: dict, send: bool = False, today=None) -> Assessment:
    """answers: {code: text}. With send=True the explanation is submitted and locked."""
    _require(actor, WRITE, assessment.unit)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    today = today or timezone.localdate()
    if a.status != S.EXPLANATION:
        raise ValidationError("Không có yêu cầu giải trình đang mở.")
    if today > a.campaign.explanation_deadline:
        raise ValidationError(f"Đã hết hạn giải trình ({a.campaign.explanation_deadline:%d/%m/%Y}).")
    entries = {
        e.criterion.code: e for e in a.entries.filter(explanation_requested=True).select_related("criterion")
    }
    errors = {}
    for code, text in answers.items():
        e = entries.get(code)
        if e is None:
            errors[code] = "Tiêu chí này không có yêu cầu giải trình"
            continue
        text = str(text or "").strip()
        if text != e.explanation:
            before = {"explanation": e.explanation}
            e.explanation = text
            e.save(update_fields=["explanation"])
            audit.record(
                "assessments.entry.explain",
                e,
                actor=actor,
                before=before,
                after={"explanation": text},
                unit=a.unit,
            )
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    if send:
        missing = [
            c
            for c, e in entries.items()
            if not e.explanation and not e.evidence.filter(kind="explanation").exists()
        ]
        if missing:
            raise ValidationError(f"Chưa giải trình tiêu chí: {', '.join(missing)}")
        a.status, a.explained_at = S.EXPLAINED, timezone.now()
        a.save(update_fields=["status", "explained_at"])
        audit.record(
            "assessments.assessment.explained",
            a,
            actor=actor,
            before={"status": S.EXPLANATION},
            after={"status": a.status},
        )
    return a


@transaction.atomic
def finalize(actor, assessment: Assessment, today=None) -> Assessment:
    """The council's final appraisal: final points = appraised points, else the unit's own."""
    _require(actor, APPRAISE, assessment.unit)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    today = today or timezone.localdate()
    if a.status == S.EXPLANATION and today <= a.campaign.explanation_deadline:
        raise ValidationError("Đơn vị còn trong thời hạn giải trình.")
    if a.status not in APPRAISABLE:
        raise ValidationError("Chỉ chốt kết quả bản đã nộp.")
    for e in a.entries.select_related("criterion"):
        if e.criterion.source == "survey":
            continue
        final = e.appraised_points if e.appraised_points is not None else e.self_points
        if final != e.final_points:
            audit.record(
                "assessments.entry.final",
                e,
                actor=actor,
                before={"final_points": e.final_points},
                after={"final_points": final},
                unit=a.unit,
            )
            e.final_points = final
            e.save(update_fields=["final_points"])
    before = a.status
    _results_stale(a.campaign)
    a.status, a.finalized_at = S.FINAL, timezone.now()
    a.save(update_fields=["status", "finalized_at"])
    audit.record(
        "assessments.assessment.finalize",
        a,
        actor=actor,
        before={"status": before},
        after={"status": a.status},
    )
    return a


# --------------------------------------------------------------------------------------------
# Survey points, computation, publication


def read_survey_file(campaign: Campaign, fobj, filename: str) -> dict[tuple[str, str], Decimal]:
    """Parse a survey-points CSV/XLSX: `unit,code,option,count` (optional `group` column for
    respondent groups weighted by the rule) or `unit,code,points`.

    Returns {(unit code, criterion code): points}; raises ImportFailed naming file, row and column."""
    errors = ErrorCollector(filename)
    units = {a.unit.code: a for a in campaign.assessments.select_related("unit")}
    crit = {c.code: c for c in campaign.criteria_set.criteria.all() if c.source == "survey"}
    dists: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    direct: dict[tuple[str, str], Decimal] = {}
    for row, values in iter_rows(fobj, filename):
        v = {fold(k).replace(" ", "_"): (t or "").strip() for k, t in values.items()}
        unit, code = v.get("unit") or v.get("don_vi", ""), v.get("code") or v.get("ma", "")
        if unit not in units:
            errors.add(row, "unit", f"Đơn vị '{unit}' không có trong đợt đánh giá")
            continue
        c = crit.get(code)
        if c is None:
            errors.add(row, "code", f"'{code}' không phải tiêu chí điều tra xã hội học của bộ chỉ số")
            continue
        if v.get("points", "") != "":
            try:
                p = parse_decimal(v["points"])
            except ValueError as exc:
                errors.add(row, "points", str(exc))
                continue
            if p < 0 or p > c.max_points:
                errors.add(row, "points", f"Điểm phải trong khoảng 0 – {scoring._num(c.max_points)}")
                continue
            direct[(unit, code)] = p
        else:
            option = v.get("option", "")
            rule = c.rule()
            if fold(option) not in rule.params.get("levels", {}):
                errors.add(row, "option", f"Phương án '{option}' không có trong cách chấm của {code}")
                continue
            try:
                n = parse_decimal(v.get("count", ""))
                if n < 0 or n != n.to_integral():
                    raise ValueError("Số phiếu phải là số nguyên không âm")
            except ValueError as exc:
                errors.add(row, "count", str(exc))
                continue
            group = v.get("group", "")
            groups = rule.params.get("groups") or {}
            if group and groups and fold(group) not in groups:
                errors.add(row, "group", f"Nhóm '{group}' không có trong cách chấm của {code}")
                continue
            dists[(unit, code)][(group, option) if group else option] += n
    errors.raise_if_any()
    out = dict(direct)
    for key, dist in dists.items():
        c = crit[key[1]]
        out[key] = c.rule().points(dict(dist), c.max_points)
    return out


@transaction.atomic
def import_survey_points(actor, campaign: Campaign, fobj, filename: str) -> int:
    """Store survey points per unit and item; re-importing the same file changes nothing. Returns changed count."""
    _require(actor, MANAGE, campaign.province)
    if campaign.status == Campaign.Status.PUBLISHED:
        raise ValidationError("Đợt đánh giá đã công bố.")
    points = read_survey_file(campaign, fobj, filename)
    n = 0
    for (unit, code), p in points.items():
        e = Entry.objects.get(
            assessment__campaign=campaign, assessment__unit__code=unit, criterion__code=code
        )
        p = _q2(p)
        if e.survey_points != p:
            audit.record(
                "assessments.entry.survey",
                e,
                actor=actor,
                before={"survey_points": e.survey_points},
                after={"survey_points": p},
                unit=e.assessment.unit,
            )
            e.survey_points = p
            e.save(update_fields=["survey_points"])
            n += 1
    if n:
        _results_stale(campaign)
    return n


def leaf_points(entries) -> dict:
    out = {}
    for e in entries:
        c = e.criterion
        if c.source == "survey":
            out[c.code] = e.survey_points
        elif e.final_points is not None:
            out[c.code] = e.final_points
        elif e.appraised_points is not None:
            out[c.code] = e.appraised_points
        elif e.not_applicable:
            out[c.code] = scoring.NA
        else:
            out[c.code] = e.self_points
    return out


def score_assessment(a: Assessment, roots, cset: CriteriaSet) -> scoring.UnitResult:
    return scoring.compute(roots, leaf_points(a.entries.select_related("criterion")), cset.na_policy)


@transaction.atomic
def compute_campaign(actor, campaign: Campaign) -> Campaign:
    _require(actor, MANAGE, campaign.province)
    if campaign.status == Campaign.Status.PUBLISHED:
        raise ValidationError("Đợt đánh giá đã công bố, không tính lại.")
    cset = campaign.criteria_set
    roots = scoring.build_tree(cset.nodes())
    bands = cset.band_list()
    results = {}
    assessments = list(campaign.assessments.select_related("unit"))
    for a in assessments:
        results[a.pk] = score_assessment(a, roots, cset)
    ranks = scoring.rank({pk: r.index for pk, r in results.items()})
    for a in assessments:
        r = results[a.pk]
        a.points, a.max_points, a.index = _q2(r.points), _q2(r.max), r.index
        a.grade, a.rank = scoring.grade(r.index, bands), ranks[a.pk]
        a.field_pct = {
            root.code: [
                str(_q2(r.nodes[root.code].points)),
                str(_q2(r.nodes[root.code].max)),
                "" if r.nodes[root.code].pct is None else str(r.nodes[root.code].pct),
            ]
            for root in roots
        }
        a.save(update_fields=["points", "max_points", "index", "grade", "rank", "field_pct"])
    campaign.status, campaign.computed_at = Campaign.Status.COMPUTED, timezone.now()
    campaign.approved_at = campaign.approved_by = None
    campaign.save(update_fields=["status", "computed_at", "approved_at", "approved_by"])
    _notify_leaders(campaign)
    audit.record(
        "assessments.campaign.compute",
        campaign,
        actor=actor,
        after={"units": len(assessments)},
        unit=campaign.province,
        only_changes=False,
    )
    return campaign


def approval_readiness(campaign: Campaign) -> dict:
    """How far the units are: total, not submitted (draft), submitted but not final, final."""
    counts = dict(campaign.assessments.values_list("status").annotate(n=Count("id")))
    total = sum(counts.values())
    not_submitted = counts.get(S.DRAFT, 0)
    final = counts.get(S.FINAL, 0)
    return {
        "total": total,
        "not_submitted": not_submitted,
        "not_final": total - final,
        "in_appraisal": total - final - not_submitted,
        "final": final,
        "ready": total > 0 and final == total,
    }


def readiness_warning(r: dict) -> str:
    parts = []
    if r["not_submitted"]:
        parts.append(f"{r['not_submitted']}/{r['total']} đơn vị chưa nộp bản tự đánh giá")
    if r["in_appraisal"]:
        parts.append(f"{r['in_appraisal']}/{r['total']} đơn vị chưa được chốt kết quả thẩm định")
    parts.append(f"{r['final']}/{r['total']} đơn vị đã thẩm định xong")
    return "; ".join(parts)


def _notify_leaders(campaign: Campaign) -> int:
    """Results await approval: every leader over the province gets it in the inbox (once per computation)."""
    r = approval_readiness(campaign)
    url = reverse("assessments:results", args=[campaign.pk])
    body = f"Kết quả {campaign.name} đã được tính, chờ lãnh đạo phê duyệt trước khi công bố."
    if not r["ready"]:
        body += f" Lưu ý: {readiness_warning(r)}."
    stamp = campaign.computed_at.isoformat() if campaign.computed_at else ""
    sent = 0
    for leader in users_with_role(Role.LEADER, campaign.province):
        n = notify(
            leader,
            f"Chờ phê duyệt kết quả: {campaign.name}",
            body,
            url,
            kind="assessments.approve",
            dedupe_key=f"assessments:approve:{campaign.pk}:{stamp}",
        )
        sent += n is not None
    return sent


@transaction.atomic
def approve(actor, campaign: Campaign, confirm_incomplete: bool = False) -> Campaign:
    """The leadership approves the computed results before publication.

    While some units have not submitted or are not appraised to the end, approval needs a conscious
    choice (confirm_incomplete); without it the error names the counts."""
    _require(actor, APPROVE, campaign.province)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != Campaign.Status.COMPUTED:
        raise ValidationError("Chỉ phê duyệt kết quả đã tính, chưa công bố.")
    if campaign.approved_at:
        raise ValidationError("Kết quả đã được phê duyệt.")
    r = approval_readiness(campaign)
    if not r["ready"] and not confirm_incomplete:
        raise ValidationError(
            f"Còn {r['not_final']} đơn vị chưa được chốt kết quả thẩm định ({readiness_warning(r)}). "
            "Đánh dấu xác nhận nếu vẫn phê duyệt."
        )
    campaign.approved_at, campaign.approved_by = timezone.now(), actor
    campaign.save(update_fields=["approved_at", "approved_by"])
    # the request is settled: the other leaders' "awaiting approval" messages are no longer open
    for n in Notification.objects.filter(
        kind="assessments.approve",
        dedupe_key__startswith=f"assessments:approve:{campaign.pk}:",
        read_at__isnull=True,
    ).select_related("user"):
        mark_read(n.user, n)
    after = {"approved_at": campaign.approved_at}
    if not r["ready"]:
        after.update(
            incomplete=True, not_submitted=r["not_submitted"], not_final=r["not_final"], total=r["total"]
        )
    audit.record(
        "assessments.campaign.approve",
        campaign,
        actor=actor,
        after=after,
        unit=campaign.province,
        only_changes=False,
    )
    return campaign


@transaction.atomic
def publish(actor, campaign: Campaign, decision_number: str, decision_date: dt.date) -> Campaign:
    _require(actor, MANAGE, campaign.province)
    if campaign.status == Campaign.Status.PUBLISHED:
        raise ValidationError("Đợt đánh giá đã được công bố.")
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = "Nhập số quyết định công bố"
    if not decision_date:
        errors["decision_date"] = "Nhập ngày quyết định"
    campaign.refresh_from_db()
    if campaign.status != Campaign.Status.COMPUTED or not campaign.approved_at:
        errors["__all__"] = "Kết quả chưa được tính hoặc chưa được lãnh đạo phê duyệt"
    if errors:
        raise ValidationError(errors)
    campaign.status = Campaign.Status.PUBLISHED
    campaign.decision_number, campaign.decision_date = decision_number.strip(), decision_date
    campaign.published_at = timezone.now()
    campaign.save(update_fields=["status", "decision_number", "decision_date", "published_at"])
    audit.record(
        "assessments.campaign.publish",
        campaign,
        actor=actor,
        after={"decision_number": campaign.decision_number, "decision_date": decision_date},
        unit=campaign.province,
        only_changes=False,
    )
    return campaign


# --------------------------------------------------------------------------------------------
# Reminders


def units_to_remind(campaign: Campaign, today: dt.date, before_days: int = 7):
    """Assessments still in draft when the deadline is within `before_days` or has passed."""
    days_left = (campaign.self_deadline - today).days
    if campaign.status == Campaign.Status.PUBLISHED or days_left > before_days:
        return []
    return list(campaign.assessments.filter(status=S.DRAFT).select_related("unit"))


def remind(campaign: Campaign, today: dt.date, before_days: int = 7) -> list[tuple[Assessment, int]]:
    """Notify officers and heads of units that have not submitted; once per unit and day."""
    out = []
    days_left = (campaign.self_deadline - today).days
    for a in units_to_remind(campaign, today, before_days):
        when = (
            f"còn {days_left} ngày (hạn {campaign.self_deadline:%d/%m/%Y})"
            if days_left >= 0
            else f"đã quá hạn {-days_left} ngày (hạn {campaign.self_deadline:%d/%m/%Y})"
        )
        sent = 0
        for role in (Role.OFFICER, Role.HEAD):
            for user in users_with_role(role, a.unit, inherited=False):
                n = notify(
                    user,
                    f"Nhắc nộp tự đánh giá chỉ số CCHC — {a.unit.name}",
                    f"{campaign.name}: đơn vị chưa nộp bản tự đánh giá, {when}.",
                    reverse("assessments:self", args=[a.pk]),
                    kind="assessments.remind",
                    dedupe_key=f"par-remind:{a.pk}:{user.pk}:{today.isoformat()}",
                )
                sent += n is not None
        out.append((a, sent))
    return out
