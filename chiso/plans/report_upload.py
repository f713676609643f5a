"""Read a filled report template (XLSX) back: value per target, status / progress / note per task.

Checks, all before anything is written (the caller saves only when there is no error):
- the file: at most MAX_MB, a real XLSX (a ZIP with xl/workbook.xml), at most MAX_UNZIPPED_MB once
  unpacked (read with a bounded inflate, so a ZIP bomb stops early), no DTD / entity declarations;
- that it is this directive's template for this unit and this period (hidden sheet `_chiso`); a
  template of the first version (no such sheet) is refused with a clear message;
- every row: a known row key of this unit's template (hidden columns Mã dòng, Mã đơn vị), a number in
  Kết quả, a status of the list, a whole progress 0–100, a note of at most 500 characters;
- the narrative (sheet “Thuyết minh”, column A from row 3): the web form's rule (`clean_narrative`).
Errors name file, sheet, row and column, in Vietnamese.

The file is the unit's whole draft: a blank cell states "no value" and clears what the draft holds
(a blank result, note or narrative; a task whose status, progress and note are all blank is no longer
reported). A row missing from the file says nothing: the draft keeps it (`Filled.missing`)."""

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from chiso.lib.tabular import ErrorCollector, parse_decimal
from chiso.lib.vntext import fold
from chiso.plans import exports
from chiso.plans.models import TaskStatus, clean_narrative

MAX_MB = 5
MAX_UNZIPPED_MB = 50
MAX_MEMBERS = 500
MAX_ERRORS = 200
MAX_VALUE = Decimal("1e10")  # Submission values are DecimalField(14, 4)

STATUS_BY_KEY = {fold(label): code for code, label in TaskStatus.choices} | {
    fold(code): code for code in TaskStatus.values
}
ROW_KEY = re.compile(r"^(CT|NV)-(\d{1,12})$")


@dataclass
class Filled:
    """What a file says: {target id: value or None (blank)}, {task id: {"status", "progress", "note"} or
    None (status, progress and note all blank)}, the narrative ("" when blank) and the keys of the
    template's rows the file does not have (left as they are)."""

    values: dict[int, Decimal | None] = field(default_factory=dict)
    tasks: dict[int, dict | None] = field(default_factory=dict)
    narrative: str = ""
    missing: list[str] = field(default_factory=list)


def _fail(filename: str, message: str):
    raise ValidationError([f"Tệp “{filename}”: {message}"])


def check_size(size: int, filename: str) -> None:
    """Before reading an upload into memory: a report template is a few dozen KB."""
    if size > MAX_MB * 1024 * 1024:
        _fail(filename, f"vượt quá {MAX_MB} MB — mẫu báo cáo chỉ vài chục KB, hãy kiểm tra lại tệp")


def _check_zip(data: bytes, filename: str) -> None:
    check_size(len(data), filename)
    if not filename.lower().endswith(".xlsx"):
        _fail(filename, "chỉ nhận bảng tính Excel .xlsx (mẫu báo cáo tải về từ trang này)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        _fail(filename, "không phải bảng tính Excel .xlsx (không đọc được nội dung)")
    if "xl/workbook.xml" not in names:
        _fail(filename, "không phải bảng tính Excel .xlsx (thiếu xl/workbook.xml)")
    if len(names) > MAX_MEMBERS:
        _fail(filename, "có quá nhiều thành phần — không phải mẫu báo cáo")
    budget = MAX_UNZIPPED_MB * 1024 * 1024
    try:
        for info in zf.infolist():
            with zf.open(info) as member:
                head = b""
                while chunk := member.read(64 * 1024):
                    budget -= len(chunk)
                    if budget < 0:
                        _fail(
                            filename, f"giải nén ra quá {MAX_UNZIPPED_MB} MB — không đọc (tệp có thể độc hại)"
                        )
                    if len(head) < 4096:
                        head += chunk[:4096]
                if info.filename.endswith((".xml", ".rels")) and (
                    b"<!DOCTYPE" in head or b"<!ENTITY" in head
                ):
                    _fail(
                        filename,
                        "có khai báo DOCTYPE/ENTITY không được phép — không đọc (tệp có thể độc hại)",
                    )
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
        _fail(filename, "hỏng hoặc được mã hóa — không đọc được")


def _sheets(data: bytes, filename: str) -> tuple[list[list], dict[str, str], list[list] | None]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = wb.sheet_names
    except Exception:  # noqa: BLE001 - any reader failure is the file's problem
        _fail(filename, "không đọc được bảng tính")
    if exports.META_SHEET not in names:
        if exports.TEMPLATE_SHEET in names:
            _fail(
                filename,
                "là mẫu báo cáo kiểu cũ (không ghi văn bản, đơn vị, kỳ báo cáo nên không kiểm tra được) — "
                "hãy tải mẫu mới trên trang báo cáo của kỳ này và chép số liệu sang",
            )
        _fail(filename, "không phải mẫu báo cáo của hệ thống (thiếu trang thông tin ẩn)")
    if exports.TEMPLATE_SHEET not in names:
        _fail(filename, f"thiếu trang “{exports.TEMPLATE_SHEET}” (đã đổi tên hoặc xóa trang?)")
    try:
        meta_rows = wb.get_sheet_by_name(exports.META_SHEET).to_python(skip_empty_area=False)
        rows = wb.get_sheet_by_name(exports.TEMPLATE_SHEET).to_python(skip_empty_area=False)
        narrative = (
            wb.get_sheet_by_name(exports.NARRATIVE_SHEET).to_python(skip_empty_area=False)
            if exports.NARRATIVE_SHEET in names
            else None
        )
    except Exception:  # noqa: BLE001
        _fail(filename, "không đọc được bảng tính")
    meta = {}
    for r in meta_rows:
        if len(r) >= 2 and str(r[0]).strip():
            meta[str(r[0]).strip()] = _text(r[1])
    return rows, meta, narrative


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _check_meta(meta: dict, filename: str, period, unit) -> None:
    d = period.directive
    if meta.get("format") != exports.TEMPLATE_FORMAT:
        _fail(filename, "không phải mẫu báo cáo của hệ thống (thông tin ẩn không đúng)")
    if meta.get("version") == "2":
        _fail(
            filename,
            "là mẫu phiên bản 2 (chưa có trang Thuyết minh, ô để trống khi đó giữ nguyên số liệu) — hãy tải "
            "mẫu mới trên trang báo cáo này và chép số liệu sang",
        )
    if meta.get("version") != str(exports.TEMPLATE_VERSION):
        _fail(filename, f"là mẫu phiên bản {meta.get('version') or '?'}, không đọc được — hãy tải mẫu mới")
    if meta.get("directive") != str(d.pk) or meta.get("directive_sha256", "") != d.sha256:
        number = meta.get("directive_number") or "không rõ số"
        _fail(filename, f"là mẫu báo cáo của văn bản khác ({number}), không phải {d.number or d.title[:80]}")
    units = [c for c in meta.get("units", "").split(",") if c]
    if units != [unit.code]:
        which = ", ".join(units) or "?"
        _fail(
            filename,
            f"là mẫu báo cáo của đơn vị {which}, không phải {unit.name} ({unit.code}) — "
            "hãy tải mẫu của đơn vị trên trang báo cáo này",
        )
    if not meta.get("period"):
        _fail(
            filename,
            "không ghi kỳ báo cáo (mẫu tải từ trang văn bản) — hãy tải mẫu trên trang báo cáo "
            f"{period.label} của đơn vị",
        )
    if meta["period"] != period.code:
        _fail(filename, f"là mẫu báo cáo kỳ {meta['period']}, không phải {period.label} ({period.code})")


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise ValueError
        value = Decimal(repr(float(raw)))
    else:
        value = parse_decimal(str(raw))
    if abs(value) >= MAX_VALUE:
        raise ValueError
    return value.quantize(Decimal("0.0001"))  # what the database keeps (4 decimals)


def _narrative(rows: list[list], filename: str) -> tuple[str, list[str]]:
    """The narrative sheet's text (column A from NARRATIVE_ROW down, one paragraph a cell) and its errors."""
    errors = ErrorCollector(f"Tệp “{filename}”, trang “{exports.NARRATIVE_SHEET}”", limit=MAX_ERRORS)
    for n, label in enumerate(exports.NARRATIVE_LABELS, 1):
        got = _text(rows[n - 1][0]) if len(rows) >= n and rows[n - 1] else ""
        if got != label:
            errors.add(n, "A", "dòng hướng dẫn đã bị sửa — ghi thuyết minh từ ô A3, không ghi đè hướng dẫn")
    parts = []
    for n, row in enumerate(rows[exports.NARRATIVE_ROW - 1 :], exports.NARRATIVE_ROW):
        if row and _text(row[0]):
            parts.append(_cell(row[0]))
        for i, v in enumerate(row[1:], 2):
            if _text(v):
                errors.add(n, get_column_letter(i), "thuyết minh chỉ ghi ở cột A (từ ô A3), mỗi ô một đoạn")
    text, error = clean_narrative("\n".join(parts))
    if error:
        errors.add(exports.NARRATIVE_ROW, "A", error[0].lower() + error[1:])
    return text, [str(e) for e in errors.errors]


def _cell(v) -> str:
    """A narrative cell as written (inner spacing and line breaks kept)."""
    return _text(v) if isinstance(v, int | float) else str(v)


def read(data: bytes, filename: str, period, unit, template: dict) -> Filled:
    """The filled template's values for `unit`'s report of `period`; raises ValidationError with every
    problem found (at most MAX_ERRORS). `template`: queries.template_for(directive, unit)."""
    _check_zip(data, filename)
    rows, meta, narrative_rows = _sheets(data, filename)
    _check_meta(meta, filename, period, unit)
    if narrative_rows is None:
        _fail(filename, f"thiếu trang “{exports.NARRATIVE_SHEET}” (đã đổi tên hoặc xóa trang?)")
    sheet = exports.TEMPLATE_SHEET
    errors = ErrorCollector(f"Tệp “{filename}”, trang “{sheet}”", limit=MAX_ERRORS)
    header = [_text(c) for c in rows[exports.HEADER_ROW - 1]] if len(rows) >= exports.HEADER_ROW else []
    col = {}
    for name in ("Kết quả", "Trạng thái", "Tiến độ (%)", "Ghi chú", "Mã dòng", "Mã đơn vị"):
        if name not in header:
            errors.add(
                exports.HEADER_ROW, None, f"thiếu cột “{name}” ở dòng tiêu đề (đã xóa hoặc đổi tên cột?)"
            )
        else:
            col[name] = header.index(name)
    if errors:
        raise ValidationError([str(e) for e in errors.errors])

    def where(name: str) -> str:
        return f"{get_column_letter(col[name] + 1)} ({name})"

    targets = {t.pk: t for t in template["targets"]}
    tasks = {t.pk: t for t in template["tasks"]}
    out, seen = Filled(), {}
    for n, row in enumerate(rows[exports.HEADER_ROW :], exports.HEADER_ROW + 1):
        cell = {name: (row[i] if i < len(row) else "") for name, i in col.items()}
        key = _text(cell["Mã dòng"])
        filled = any(_text(cell[k]) for k in ("Kết quả", "Trạng thái", "Tiến độ (%)", "Ghi chú"))
        if not key:
            if filled:
                errors.add(
                    n, where("Mã dòng"), "thiếu mã dòng — không sửa, không xóa hai cột ẩn Mã dòng, Mã đơn vị"
                )
            continue
        m = ROW_KEY.match(key)
        if m is None:
            errors.add(n, where("Mã dòng"), f"mã dòng “{key}” không hợp lệ")
            continue
        if key in seen:
            errors.add(n, where("Mã dòng"), f"trùng mã dòng {key} với dòng {seen[key]}")
            continue
        seen[key] = n
        code = _text(cell["Mã đơn vị"])
        if code != unit.code:
            errors.add(
                n, where("Mã đơn vị"), f"dòng của đơn vị “{code}”, không phải {unit.name} ({unit.code})"
            )
            continue
        kind, pk = m.group(1), int(m.group(2))
        if kind == "CT":
            if pk not in targets:
                errors.add(n, where("Mã dòng"), f"chỉ tiêu {key} không thuộc báo cáo của {unit.name}")
                continue
            raw = cell["Kết quả"]
            out.values[pk] = None  # blank: the draft's value is cleared
            if _text(raw):
                try:
                    out.values[pk] = _number(raw)
                except ValueError:
                    errors.add(n, where("Kết quả"), f"“{_text(raw)}” không phải là số")
            continue
        if pk not in tasks:
            errors.add(n, where("Mã dòng"), f"nhiệm vụ {key} không thuộc báo cáo của {unit.name}")
            continue
        out.tasks[pk] = _task_row(cell, n, where, errors)
    out.missing = [f"CT-{pk}" for pk in targets if f"CT-{pk}" not in seen] + [
        f"NV-{pk}" for pk in tasks if f"NV-{pk}" not in seen
    ]
    out.narrative, narrative_errors = _narrative(narrative_rows, filename)
    if errors or narrative_errors:
        raise ValidationError([str(e) for e in errors.errors] + narrative_errors)
    return out


def _task_row(cell: dict, n: int, where, errors) -> dict | None:
    """A task row's status, progress and note; None when all three are blank (the task is not reported).
    A reported task needs a status; a blank progress is 0 and a blank note is empty, as on the web form."""
    status_text = _text(cell["Trạng thái"])
    progress_text = _text(cell["Tiến độ (%)"]).rstrip("%").strip()
    note = _text(cell["Ghi chú"])
    if not (status_text or progress_text or note):
        return None
    got = {"status": None, "progress": 0, "note": ""}
    if not status_text:
        errors.add(
            n,
            where("Trạng thái"),
            "chưa chọn trạng thái — để trống cả Trạng thái, Tiến độ, Ghi chú nếu không báo cáo nhiệm vụ này",
        )
    else:
        status = STATUS_BY_KEY.get(fold(status_text))
        if status is None:
            errors.add(
                n,
                where("Trạng thái"),
                f"trạng thái “{status_text}” không có trong danh sách ({', '.join(TaskStatus.labels)})",
            )
        got["status"] = status
    if progress_text:
        try:
            p = _number(cell["Tiến độ (%)"])
            if p != p.to_integral_value() or not 0 <= p <= 100:
                raise ValueError
            got["progress"] = int(p)
        except ValueError:
            errors.add(n, where("Tiến độ (%)"), f"tiến độ “{progress_text}” phải là số nguyên từ 0 đến 100")
    if len(note) > 500:
        errors.add(n, where("Ghi chú"), f"ghi chú dài {len(note)} ký tự, tối đa 500")
    got["note"] = note[:500]
    return got
