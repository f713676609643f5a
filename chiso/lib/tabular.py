"""Read tabular files (CSV, XLSX) row by row, with errors that name file, row and column.

Streaming: rows are yielded one at a time, so memory does not grow with the file.
Row numbers are the ones a person sees in a spreadsheet (header = row 1).
"""

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from chiso.lib.vntext import fold


@dataclass(frozen=True)
class RowError:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file or "tệp"]
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        return f"{', '.join(where)}: {self.message}"


class ImportFailed(Exception):
    """Raised with every error found; nothing was saved."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors[:50]))


@dataclass
class ErrorCollector:
    file: str
    limit: int = 1000
    errors: list[RowError] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.errors) < self.limit:
            self.errors.append(RowError(self.file, row, column, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ImportFailed(self.errors)


def header_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


def detect_format(filename: str, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    ext = os.path.splitext(filename.lower())[1]
    if ext in (".xlsx", ".xlsm", ".xls"):
        return "xlsx"
    if ext == ".json" or head.lstrip()[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def _text_stream(fobj) -> io.TextIOBase:
    if isinstance(fobj, io.TextIOBase):
        return fobj
    return io.TextIOWrapper(fobj, encoding="utf-8-sig", newline="")


def open_csv(fobj, filename: str = "") -> tuple[io.TextIOBase, list[str], str]:
    """(text stream positioned after the header, header names, delimiter , ; or tab sniffed from the header)."""
    text = _text_stream(fobj)
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raise ImportFailed([RowError(filename, 1, None, "Tệp không phải văn bản UTF-8")]) from None
    if not first.strip():
        raise ImportFailed([RowError(filename, 1, None, "Tệp rỗng hoặc thiếu dòng tiêu đề")])
    delim = max([",", ";", "\t"], key=first.count)
    header = [h.strip() for h in next(csv.reader([first], delimiter=delim))]
    return text, header, delim


def iter_csv(fobj, filename: str = "") -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {header: value}). Delimiter , ; or tab, sniffed from the header line."""
    text, header, delim = open_csv(fobj, filename)
    reader = csv.reader(text, delimiter=delim)
    n = 1
    try:
        for values in reader:
            n += 1
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                extra = values[len(header) :]
                if any(v.strip() for v in extra):
                    raise ImportFailed(
                        [
                            RowError(
                                filename, n, None, f"Dòng có {len(values)} cột, tiêu đề có {len(header)} cột"
                            )
                        ]
                    )
            yield n, {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
    except UnicodeDecodeError:
        raise ImportFailed([RowError(filename, n + 1, None, "Tệp không phải văn bản UTF-8")]) from None
    except csv.Error as exc:
        raise ImportFailed([RowError(filename, n, None, f"CSV hỏng: {exc}")]) from None


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S") if (v.hour or v.minute or v.second) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%d")
    return str(v).strip()


def iter_xlsx(path_or_file, filename: str = "", sheet: str | int = 0) -> Iterator[tuple[int, dict[str, str]]]:
    from python_calamine import CalamineWorkbook

    try:
        if hasattr(path_or_file, "read"):
            wb = CalamineWorkbook.from_filelike(path_or_file)
        else:
            wb = CalamineWorkbook.from_path(str(path_or_file))
        ws = wb.get_sheet_by_name(sheet) if isinstance(sheet, str) else wb.get_sheet_by_index(sheet)
    except Exception as exc:
        raise ImportFailed([RowError(filename, None, None, f"Không đọc được bảng tính: {exc}")]) from None
    rows = ws.iter_rows()
    try:
        header = [_cell_text(h) for h in next(rows)]
    except StopIteration:
        raise ImportFailed([RowError(filename, 1, None, "Bảng tính rỗng")]) from None
    n = 1
    for values in rows:
        n += 1
        texts = [_cell_text(v) for v in values]
        if not any(texts):
            continue
        yield n, {h: (texts[i] if i < len(texts) else "") for i, h in enumerate(header) if h}


def iter_rows(
    path_or_file, filename: str | None = None, sheet: str | int = 0
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV or XLSX given a path or an open binary file."""
    if hasattr(path_or_file, "read"):
        fobj = path_or_file
        name = filename or getattr(fobj, "name", "") or ""
        head = fobj.read(8)
        fobj.seek(0)
        fmt = detect_format(name, head)
        if fmt == "xlsx":
            yield from iter_xlsx(
                io.BytesIO(fobj.read()) if not hasattr(fobj, "seekable") else fobj, name, sheet
            )
        else:
            yield from iter_csv(fobj, name)
        return
    name = filename or os.path.basename(str(path_or_file))
    with open(path_or_file, "rb") as fobj:
        fmt = detect_format(name, fobj.read(8))
    if fmt == "xlsx":
        yield from iter_xlsx(path_or_file, name, sheet)
    else:
        with open(path_or_file, "rb") as fobj:
            yield from iter_csv(fobj, name)


def require_columns(
    header: Iterable[str], required: dict[str, str], filename: str, aliases=None
) -> dict[str, str]:
    """Map canonical column keys to the file's header names; missing ones raise ImportFailed.

    `required`: {canonical key: Vietnamese label for the error}. `aliases`: {canonical: [other keys]}."""
    aliases = aliases or {}
    by_key = {header_key(h): h for h in header}
    mapping, missing = {}, []
    for key, label in required.items():
        for cand in [key, *aliases.get(key, [])]:
            if header_key(cand) in by_key:
                mapping[key] = by_key[header_key(cand)]
                break
        else:
            missing.append(f"{key} ({label})")
    if missing:
        raise ImportFailed([RowError(filename, 1, m, "Thiếu cột bắt buộc") for m in missing])
    return mapping


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
_DATETIME_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y%m%d%H%M%S",
)


def parse_date(text: str) -> dt.date:
    """dd/mm/yyyy or ISO; raises ValueError with a Vietnamese message."""
    t = (text or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    if len(t) > 10:
        return parse_datetime(t).date()
    raise ValueError(f"Ngày '{text}' không hợp lệ (dùng dd/mm/yyyy)")


def parse_datetime(text: str) -> dt.datetime:
    t = (text or "").strip()
    for fmt in _DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt)
        except ValueError:
            continue
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt)
        except ValueError:
            continue
    raise ValueError(f"Thời điểm '{text}' không hợp lệ (dùng dd/mm/yyyy hh:mm)")


def parse_decimal(text: str) -> Decimal:
    """Accepts 86.98, 86,98 and 1.234,5 (Vietnamese); raises ValueError."""
    t = (text or "").strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if "," in t and "." in t:
        t = t.replace(".", "").replace(",", ".") if t.rfind(",") > t.rfind(".") else t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".")
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise ValueError(f"'{text}' không phải là số") from None
    if not value.is_finite():
        raise ValueError(f"'{text}' không phải là số")
    return value
