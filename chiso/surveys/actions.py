"""Every state change of the surveys app: questionnaires, collection points, responses, imports."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chiso.lib.tabular import ErrorCollector, ImportFailed, RowError, iter_rows, parse_datetime
from chiso.lib.vntext import fold
from chiso.orgs import audit
from chiso.orgs.models import Unit
from chiso.orgs.permissions import MANAGE, WRITE, has_perm, require
from chiso.surveys import answers as answers_mod
from chiso.surveys import xlsform
from chiso.surveys.models import CollectionPoint, FormVersion, Questionnaire, Response, ResponseItem, Source

DUPLICATE_DOSSIER = (
    "Hồ sơ này đã được đánh giá trước đó. Mỗi hồ sơ chỉ đánh giá một lần — "
    "xin cảm ơn Ông/Bà đã dành thời gian góp ý."
)
SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l, o, 0, 1: easy to read on a poster


class DuplicateDossier(Exception):
    pass


@transaction.atomic
def import_form(actor, data: bytes, filename: str, unit: Unit) -> tuple[FormVersion, bool]:
    """Load an XLSForm as a new version of its questionnaire (form_id). Same file again → no change."""
    if actor is not None:
        require(actor, MANAGE, unit)
    definition = xlsform.load(data, filename)
    form_id = definition["form_id"] or fold(definition["title"]).replace(" ", "_")[:100]
    version_label = definition["version"] or definition["sha256"][:12]
    q = Questionnaire.objects.select_for_update().filter(form_id=form_id).first()
    if q is not None:
        if actor is not None:
            require(actor, MANAGE, q.unit)
        same = q.versions.filter(sha256=definition["sha256"]).first()
        if same:
            return same, False
        if q.versions.filter(version=version_label).exists():
            raise ImportFailed(
                [
                    RowError(
                        f"{filename} (settings)",
                        2,
                        "version",
                        f"Phiên bản '{version_label}' của biểu mẫu '{form_id}' đã có với nội dung khác: "
                        "hãy đặt phiên bản mới trong trang settings",
                    )
                ]
            )
        if q.title != definition["title"]:
            before = audit.snapshot(q, ["title"])
            q.title = definition["title"]
            q.save(update_fields=["title"])
            audit.record(
                "survey.form.update", q, actor=actor, before=before, after=audit.snapshot(q, ["title"])
            )
    else:
        q = Questionnaire.objects.create(form_id=form_id, title=definition["title"], unit=unit)
        audit.record(
            "survey.form.create", q, actor=actor, after=audit.snapshot(q, ["form_id", "title", "unit"])
        )
    v = FormVersion.objects.create(
        questionnaire=q,
        version=version_label,
        definition=definition,
        source=data,
        filename=filename[:255],
        sha256=definition["sha256"],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        "survey.version.create",
        v,
        actor=actor,
        unit=q.unit,
        after={"form_id": form_id, "version": version_label, "filename": filename, "sha256": v.sha256},
    )
    return v, True


def _new_slug() -> str:
    while True:
        slug = "".join(secrets.choice(SLUG_ALPHABET) for _ in range(6))
        if not CollectionPoint.objects.filter(slug=slug).exists():
            return slug


@transaction.atomic
def ensure_point(
    actor, unit: Unit, questionnaire: Questionnaire, slug: str | None = None
) -> tuple[CollectionPoint, bool]:
    """The collection point (short URL + QR) of a unit or desk for a questionnaire."""
    if actor is not None:
        require(actor, WRITE, unit)
    point = CollectionPoint.objects.filter(unit=unit, questionnaire=questionnaire).first()
    if point:
        return point, False
    point = CollectionPoint.objects.create(unit=unit, questionnaire=questionnaire, slug=slug or _new_slug())
    audit.record(
        "survey.point.create",
        point,
        actor=actor,
        after=audit.snapshot(point, ["slug", "unit", "questionnaire"]),
    )
    return point, True


@transaction.atomic
def set_point_active(actor, point: CollectionPoint, active: bool) -> bool:
    require(actor, WRITE, point.unit)
    if point.active == active:
        return False
    before = audit.snapshot(point, ["active"])
    point.active = active
    point.save(update_fields=["active"])
    audit.record(
        "survey.point.update", point, actor=actor, before=before, after=audit.snapshot(point, ["active"])
    )
    return True


def build_response(version: FormVersion, unit: Unit, answers: dict, when: dt.datetime, source: str, **extra):
    definition = version.definition
    dossier_q = xlsform.role_question(definition, "dossier_code")
    field_q = xlsform.role_question(definition, "field")
    comment_q = xlsform.role_question(definition, "comment")
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    response = Response(
        version=version,
        questionnaire_id=version.questionnaire_id,
        unit=unit,
        submitted_at=when,
        submitted_on=local.date(),
        answers=answers,
        dossier_code=(answers.get(dossier_q["name"], "") if dossier_q else "").strip().upper()[:60],
        field=(answers.get(field_q["name"], "") if field_q else "")[:100],
        comment=(answers.get(comment_q["name"], "") if comment_q else "").strip(),
        source=source,
        **extra,
    )
    response.comment_search = fold(response.comment)
    items = [
        ResponseItem(
            unit=unit,
            submitted_on=response.submitted_on,
            field=response.field,
            question=it["question"],
            value=str(it["value"])[:200],
            element=it["element"],
            pillar=it["pillar"],
            score=it["score"],
            satisfied=it["satisfied"],
            weight=it["weight"],
        )
        for it in answers_mod.scored_items(definition, answers)
    ]
    return response, items


def _save(pairs):
    Response.objects.bulk_create([r for r, _ in pairs])
    rows = []
    for r, items in pairs:
        for it in items:
            it.response = r
            rows.append(it)
    ResponseItem.objects.bulk_create(rows, batch_size=2000)


def submit_response(
    point: CollectionPoint, answers: dict, *, client: str = "", when=None, version: FormVersion | None = None
) -> Response:
    """Store one validated public response (against the version the citizen saw).

    Raises DuplicateDossier for a dossier already rated. Public responses are the data itself (time,
    unit, version, source are stored on the row), so they are not written to the audit trail."""
    version = version or point.questionnaire.current
    response, items = build_response(
        version, point.unit, answers, when or timezone.now(), Source.WEB, point=point, client=client
    )
    if response.dossier_code and Response.objects.filter(dossier_code=response.dossier_code).exists():
        raise DuplicateDossier(DUPLICATE_DOSSIER)
    try:
        with transaction.atomic():
            response.save()
            for it in items:
                it.response = response
            ResponseItem.objects.bulk_create(items)
    except IntegrityError:  # two submissions of the same dossier at the same moment
        raise DuplicateDossier(DUPLICATE_DOSSIER) from None
    return response


@dataclass
class ImportSummary:
    created: int
    skipped: int
    rows: int


UNIT_COLUMNS = ("unit", "don_vi", "ma_don_vi", "ma_dv")
TIME_COLUMNS = (
    "_submission_time",
    "submitted_at",
    "end",
    "start",
    "thoi_gian",
    "ngay",
    "ngay_khao_sat",
    "today",
)
KEY_COLUMNS = ("_uuid", "meta/instanceID", "instanceID", "meta-instanceID", "ma_phieu", "so_phieu")


def _column_name(header: str, names: set[str]) -> str | None:
    """Kobo/ODK headers may carry group paths: 'danh_gia/tiep_can' or 'danh_gia-tiep_can'."""
    h = header.strip()
    if h in names:
        return h
    for sep in ("/", "-", "."):
        if sep in h and h.rsplit(sep, 1)[-1] in names and h.rsplit(sep, 1)[0] not in names:
            return h.rsplit(sep, 1)[-1]
    return None


def import_responses(
    actor, fobj, filename: str, version: FormVersion, *, unit: Unit | None = None, source: str = Source.IMPORT
) -> ImportSummary:
    """Import responses from a Kobo/ODK export (CSV/XLSX) or a paper-form sheet: all rows or none.

    Columns are XLSForm names (group paths allowed), values codes or labels. Optional columns: the
    unit code (else `unit`), time (else now), an id (_uuid / instanceID / ma_phieu). Each row gets a
    stable key, so importing the same file again changes nothing."""
    definition = version.definition
    names = {q["name"] for q in definition["questions"]}
    errors = ErrorCollector(filename)
    dossier_q = xlsform.role_question(definition, "dossier_code")
    units: dict[str, Unit | None] = {}
    pending, seen_keys, seen_dossiers, occurrences = [], set(), {}, {}
    rows = 0
    now = timezone.now()
    for rowno, row in iter_rows(fobj, filename):
        rows += 1
        keys = {k.strip(): k for k in row}
        raw, cols = {}, {}
        for header, value in row.items():
            name = _column_name(header, names)
            if name and name not in raw:
                raw[name] = value
                cols[name] = header
        if rows == 1 and not raw:
            raise ImportFailed(
                [RowError(filename, 1, None, "Không có cột nào trùng tên câu hỏi của biểu mẫu")]
            )
        ucol = next((keys[c] for c in keys if c.lower() in UNIT_COLUMNS), None)
        code = (row.get(ucol) or "").strip() if ucol else ""
        row_unit = unit
        if code:
            if code not in units:
                units[code] = Unit.objects.filter(code=code).first()
            row_unit = units[code]
            if row_unit is None:
                errors.add(rowno, ucol, f"Không có đơn vị mã '{code}'")
                continue
        if row_unit is None:
            errors.add(rowno, "unit", "Thiếu mã đơn vị (thêm cột 'unit' hoặc chọn đơn vị khi nhập)")
            continue
        if actor is not None and not has_perm(actor, WRITE, row_unit):
            errors.add(rowno, ucol or "unit", f"Bạn không có quyền nhập phiếu cho đơn vị '{row_unit.code}'")
            continue
        tcol = next((keys[c] for c in keys if c in TIME_COLUMNS and (row.get(keys[c]) or "").strip()), None)
        when = now
        if tcol:
            text = row[tcol].strip()
            try:
                if "T" in text and ("+" in text[10:] or text.endswith("Z")):
                    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
                else:
                    when = timezone.make_aware(parse_datetime(text[:19]))
            except ValueError as exc:
                errors.add(rowno, tcol, str(exc))
                continue
        clean, errs, tampered = answers_mod.clean(definition, raw, by_label=True)
        for msg in tampered:
            qname = msg.split("'")[1] if "'" in msg else None
            errors.add(rowno, cols.get(qname, qname), msg)
        for qname, msg in errs.items():
            errors.add(rowno, cols.get(qname, qname), msg)
        if tampered or errs:
            continue
        kcol = next((keys[c] for c in keys if c in KEY_COLUMNS and (row.get(keys[c]) or "").strip()), None)
        if kcol:
            ident = f"id:{row[kcol].strip()}"
        else:
            content = repr((row_unit.code, when.isoformat() if tcol else "", sorted(clean.items())))
            occurrences[content] = occurrences.get(content, 0) + 1
            ident = f"row:{content}:{occurrences[content]}"
        key = hashlib.sha1(f"{version.questionnaire_id}|{ident}".encode()).hexdigest()
        if key in seen_keys:
            errors.add(rowno, kcol, "Phiếu trùng mã với một dòng phía trên")
            continue
        seen_keys.add(key)
        response, items = build_response(version, row_unit, clean, when, source, import_key=key)
        if response.dossier_code:
            prev = seen_dossiers.get(response.dossier_code)
            if prev:
                errors.add(rowno, cols.get(dossier_q["name"]), f"Mã hồ sơ đã có ở dòng {prev}")
                continue
            seen_dossiers[response.dossier_code] = rowno
        pending.append((rowno, response, items))
    if rows == 0:
        errors.add(None, None, "Tệp không có dòng dữ liệu nào")
    existing = set(
        Response.objects.filter(import_key__in=[r.import_key for _, r, _ in pending]).values_list(
            "import_key", flat=True
        )
    )
    fresh = [(n, r, i) for n, r, i in pending if r.import_key not in existing]
    codes = [r.dossier_code for _, r, _ in fresh if r.dossier_code]
    taken = set(Response.objects.filter(dossier_code__in=codes).values_list("dossier_code", flat=True))
    for n, r, _ in fresh:
        if r.dossier_code in taken:
            errors.add(
                n,
                cols.get(dossier_q["name"]) if dossier_q else None,
                f"Hồ sơ {r.dossier_code} đã có phiếu đánh giá",
            )
    errors.raise_if_any()
    with transaction.atomic():
        _save([(r, i) for _, r, i in fresh])
        if fresh:
            audit.record(
                "survey.responses.import",
                version,
                actor=actor,
                unit=version.questionnaire.unit,
                after={"file": filename, "created": len(fresh), "skipped": len(pending) - len(fresh)},
            )
    return ImportSummary(created=len(fresh), skipped=len(pending) - len(fresh), rows=rows)


def save_generated(pairs) -> int:
    """Bulk-store generated responses (demo). Each pair: (Response, [ResponseItem])."""
    with transaction.atomic():
        _save(pairs)
    return len(pairs)


__all__ = [
    "DUPLICATE_DOSSIER",
    "DuplicateDossier",
    "ImportSummary",
    "ValidationError",
    "ensure_point",
    "import_form",
    "import_responses",
    "set_point_active",
    "submit_response",
]
