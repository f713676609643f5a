"""Bulk import of dossiers (CSV, XLSX, JSON/NDJSON) with the national portal's field names.

All-or-nothing, in one streaming pass inside one transaction: the file is read in chunks (a
regular UTF-8 CSV with Arrow's multi-threaded reader, anything else with the csv module, openpyxl
or the JSON decoder), each chunk parsed and validated with vectorised kernels (units, procedures,
dates, statuses), then classified with the vectorised calendar and written (executemany on the raw
SQLite connection, COPY on PostgreSQL). After the first bad row nothing more is written, the rest
of the file is still validated so that every error is reported (file, row, column), and the
transaction is rolled back: nothing is saved. Where the rows go is `bulkwrite`'s business: an
SQLite file is written by a child process through ADBC, pipelined with reading; otherwise the
Django connection writes. A first load into an empty table drops the indexes and builds them at
the end while the aggregates are computed from the columns kept in memory.

Memory is bounded by one chunk (plus the set of dossier codes seen, to catch duplicates, and on a
first load the ~18 numeric columns the aggregates need).
Re-importing a dossier updates it in place (keyed by MaHoSo); a row whose content hash has not
changed is skipped, so re-importing the same file changes nothing.
"""

import csv
import io
import itertools
import json
import os
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import connection, transaction
from django.utils import timezone

from chiso.dossiers import bulkwrite, jobs
from chiso.dossiers import classify as C
from chiso.dossiers.models import Apology, Dossier, ImportJob, Procedure, Supplement, UnitCode
from chiso.dossiers.timeparse import NA, parse_flags, parse_ints, parse_times
from chiso.lib.tabular import ErrorCollector, ImportFailed, RowError, header_key, iter_xlsx, open_csv
from chiso.lib.vntext import fold
from chiso.orgs.models import Unit

CHUNK = 50_000

# canonical name → other accepted header names (compared folded, without "_"): the minimal CSV
# uses the Vietnamese snake_case names on the right.
COLUMNS: dict[str, list[str]] = {
    "MaHoSo": ["ma_ho_so", "so_ho_so"],
    "MaTTHC": ["ma_thu_tuc", "ma_tthc"],
    "DonViXuLy": ["don_vi", "ma_don_vi", "ma_co_quan", "agency_code", "don_vi_xu_ly"],
    "TrangThaiHoSo": ["trang_thai"],
    "KenhThucHien": ["kenh"],
    "NgayNopHoSo": ["ngay_nop"],
    "NgayTiepNhan": ["ngay_tiep_nhan"],
    "NgayHenTra": ["ngay_hen_tra"],
    "NgayHenTraBanDau": ["ngay_hen_tra_ban_dau", "ngay_hen_tra_goc"],
    "NgayKetThucXuLy": ["ngay_ket_thuc", "ngay_xu_ly_xong"],
    "NgayTra": ["ngay_tra_ket_qua"],
    "NgayTuChoi": ["ngay_dung_xu_ly"],
    "NgayRutHoSo": ["ngay_rut"],
    "HinhThuc": ["hinh_thuc_tra"],
    "HoSoCoThanhPhanSoHoa": ["so_hoa"],
    "DaSoHoaKetQua": ["ket_qua_dien_tu"],
    "DuocThanhToanTrucTuyen": ["thanh_toan_truc_tuyen"],
    "Gia": ["phi", "le_phi"],
    "TaiSuDung": ["tai_su_dung"],
    "SoLanYeuCauBoSung": ["so_lan_bo_sung"],
    "NgayYeuCauBoSung": ["ngay_yeu_cau_bo_sung"],
    "NgayHoanThanhBoSung": ["ngay_nhan_bo_sung", "ngay_bo_sung"],
    "ChuHoSo": ["nguoi_nop"],
    "NgayXinLoi": ["ngay_xin_loi"],
    "SoPhieuXinLoi": ["so_phieu_xin_loi"],
}
REQUIRED = {
    "MaHoSo": "mã hồ sơ",
    "MaTTHC": "mã thủ tục",
    "DonViXuLy": "đơn vị xử lý",
    "TrangThaiHoSo": "trạng thái",
    "NgayTiepNhan": "ngày tiếp nhận",
}
TIME_COLS = [
    "NgayNopHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayHenTraBanDau",
    "NgayKetThucXuLy",
    "NgayTra",
    "NgayTuChoi",
    "NgayRutHoSo",
    "NgayYeuCauBoSung",
    "NgayHoanThanhBoSung",
    "NgayXinLoi",
]
LIMIT_UNITS = {"working_days": 0, "working_hours": 1, "calendar_days": 2, "months": 3}


def _k(name: str) -> str:
    return header_key(name).replace("_", "")


def map_header(header: list[str], filename: str) -> dict[str, int]:
    """canonical → column index; missing required columns raise ImportFailed."""
    keys = {_k(h): i for i, h in enumerate(header)}
    out = {}
    for canon, aliases in COLUMNS.items():
        for cand in [canon, *aliases]:
            if _k(cand) in keys:
                out[canon] = keys[_k(cand)]
                break
    missing = [c for c in REQUIRED if c not in out]
    if missing:
        raise ImportFailed([RowError(filename, 1, m, f"Thiếu cột bắt buộc ({REQUIRED[m]})") for m in missing])
    return out


# ---------------------------------------------------------------- readers (chunks of raw rows)


@dataclass
class Chunk:
    rows: np.ndarray  # file row numbers (header = 1)
    cols: dict[str, pa.Array]  # canonical name → Arrow string array
    names: dict[str, str] = field(default_factory=dict)  # canonical name → the file's header


class _Irregular(Exception):
    """The fast CSV reader met something only the csv module reads as we promise (a short or long
    row, bad UTF-8): the import restarts on the csv-module path."""


def _chunks_from_lists(header, rows_iter, filename, chunk) -> Iterator[Chunk]:
    mapping = map_header(header, filename)
    names = {c: header[i] for c, i in mapping.items()}
    width = len(header)
    buf, nums = [], []

    def flush():
        columns = list(zip(*buf, strict=True))  # one C-level transposition
        cols = {c: pa.array(columns[i], type=pa.string()) for c, i in mapping.items()}
        return Chunk(np.asarray(nums, dtype=np.int64), cols, names)

    if hasattr(rows_iter, "chunks"):  # CSV: lists of whole chunks, numbered by record
        for first_n, block in rows_iter.chunks(chunk):
            if all(len(v) == width for v in block):
                buf[:] = block
                nums[:] = range(first_n, first_n + len(block))
            else:
                buf.clear()
                nums.clear()
                for n, values in enumerate(block, start=first_n):
                    if len(values) != width:
                        if len(values) > width and any(v.strip() for v in values[width:]):
                            raise ImportFailed(
                                [
                                    RowError(
                                        filename,
                                        n,
                                        None,
                                        f"Dòng có {len(values)} cột, tiêu đề có {width} cột",
                                    )
                                ]
                            )
                        if not any(v.strip() for v in values):
                            continue
                        values = (values + [""] * width)[:width]
                    buf.append(values)
                    nums.append(n)
            if buf:
                yield flush()
        return
    for n, values in rows_iter:
        if len(values) != width:
            if len(values) > width and any(v.strip() for v in values[width:]):
                raise ImportFailed(
                    [RowError(filename, n, None, f"Dòng có {len(values)} cột, tiêu đề có {width} cột")]
                )
            if not any(v.strip() for v in values):
                continue
            values = (values + [""] * width)[:width]
        buf.append(values)
        nums.append(n)
        if len(buf) >= chunk:
            yield flush()
            buf.clear()
            nums.clear()
    if buf:
        yield flush()


def _arrow_csv_chunks(path, filename, chunk) -> Iterator[Chunk]:
    """Arrow's multi-threaded C++ reader over a regular UTF-8 CSV: only the mapped columns are
    converted, all as text. Raises _Irregular (before or after yielding) when the file needs the
    csv module's tolerance; blank records are skipped and counted, as the csv-module path does."""
    with open(path, "rb") as f:
        _text, header, delim = open_csv(f, filename)
    mapping = map_header(header, filename)
    names = {c: header[i] for c, i in mapping.items()}
    colnames = [f"c{i}" for i in range(len(header))]
    wanted = {c: f"c{i}" for c, i in mapping.items()}

    def irregular(_row):
        return "error"

    try:
        reader = pacsv.open_csv(
            str(path),
            read_options=pacsv.ReadOptions(column_names=colnames, skip_rows=1, block_size=8 << 20),
            parse_options=pacsv.ParseOptions(
                delimiter=delim,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=irregular,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in wanted.values()},
                include_columns=list(dict.fromkeys(wanted.values())),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        n = 2
        first = wanted["MaHoSo"]
        for batch in reader:
            nums = np.arange(n, n + batch.num_rows, dtype=np.int64)
            n += batch.num_rows
            # A blank record has an empty code first of all: look at the other columns only then.
            blank = pc.less_equal(pc.binary_length(batch.column(first)), 0)
            if batch.num_rows and pc.any(blank).as_py():
                for name in dict.fromkeys(wanted.values()):
                    empty = pc.equal(pc.binary_length(pc.utf8_trim_whitespace(batch.column(name))), 0)
                    blank = pc.and_(blank, empty)
            if batch.num_rows and pc.any(blank).as_py():
                keep = pc.invert(blank)
                batch = batch.filter(keep)
                nums = nums[keep.to_numpy(zero_copy_only=False)]
            for lo in range(0, batch.num_rows, chunk):
                part = batch.slice(lo, chunk)
                yield Chunk(nums[lo : lo + chunk], {c: part.column(w) for c, w in wanted.items()}, names)
    except pa.ArrowInvalid as exc:
        raise _Irregular(str(exc)) from None


def _csv_lists(fobj, filename):
    text, header, delim = open_csv(fobj, filename)

    reader = csv.reader(text, delimiter=delim)

    class Rows:
        """(row number, values) one by one, or .chunks(size) → (first row number, [values…]) read
        at C level (islice), the fast path of a large file."""

        def __iter__(self):
            for first, block in self.chunks(1000):
                yield from enumerate(block, start=first)

        def chunks(self, size):
            n = 2  # the header is row 1
            while True:
                try:
                    block = list(itertools.islice(reader, size))
                except UnicodeDecodeError:
                    raise ImportFailed(
                        [RowError(filename, reader.line_num + 2, None, "Tệp không phải văn bản UTF-8")]
                    ) from None
                except csv.Error as exc:
                    raise ImportFailed(
                        [RowError(filename, reader.line_num, None, f"CSV hỏng: {exc}")]
                    ) from None
                if not block:
                    return
                yield n, block
                n += len(block)

    return header, Rows()


def iter_json_objects(fobj, filename) -> Iterator[dict]:
    """Objects of a JSON array (streamed with raw_decode over a buffer), or of NDJSON lines."""
    text = io.TextIOWrapper(fobj, encoding="utf-8-sig")
    dec = json.JSONDecoder()
    buf, pos, started, eof = "", 0, False, False

    def more():
        nonlocal buf, pos, eof
        data = text.read(1 << 20)
        if not data:
            eof = True
        buf = buf[pos:] + data
        pos = 0

    more()
    n = 0
    while True:
        while pos < len(buf) and buf[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(buf):
            if eof:
                return
            more()
            continue
        ch = buf[pos]
        if not started and ch == "[":
            started = True
            pos += 1
            continue
        if ch == "]":
            return
        try:
            obj, end = dec.raw_decode(buf, pos)
        except json.JSONDecodeError as exc:
            if not eof:
                more()
                continue
            raise ImportFailed([RowError(filename, n + 1, None, f"JSON hỏng: {exc.msg}")]) from None
        n += 1
        if not isinstance(obj, dict):
            raise ImportFailed([RowError(filename, n, None, "Mỗi phần tử JSON phải là một đối tượng")])
        pos = end
        yield obj


def read_chunks(path, filename: str | None = None, chunk: int = CHUNK, fast: bool = False) -> Iterator[Chunk]:
    """Chunks of at most `chunk` rows. fast=True reads a CSV with Arrow and may raise _Irregular."""
    filename = filename or os.path.basename(str(path))
    with open(path, "rb") as f:
        head = f.read(8)
    ext = os.path.splitext(filename.lower())[1]
    if head.startswith(b"PK\x03\x04") or ext in (".xlsx", ".xlsm"):
        rows = iter_xlsx(str(path), filename)
        first = next(rows, None)
        if first is None:
            raise ImportFailed([RowError(filename, 1, None, "Bảng tính rỗng")])
        header = list(first[1].keys())
        import itertools

        lists = ((n, [d.get(h, "") for h in header]) for n, d in itertools.chain([first], rows))
        yield from _chunks_from_lists(header, lists, filename, chunk)
        return
    if ext in (".json", ".ndjson", ".jsonl") or head.lstrip()[:1] in (b"[", b"{"):
        with open(path, "rb") as f:
            objs = iter_json_objects(f, filename)
            first = next(objs, None)
            if first is None:
                raise ImportFailed([RowError(filename, 1, None, "Tệp JSON rỗng")])
            header = list(first.keys())
            import itertools

            def lists():
                for n, obj in enumerate(itertools.chain([first], objs), start=1):
                    yield n, ["" if obj.get(h) is None else str(obj.get(h)) for h in header]

            yield from _chunks_from_lists(header, lists(), filename, chunk)
        return
    if fast:
        yield from _arrow_csv_chunks(path, filename, chunk)
        return
    with open(path, "rb") as f:
        header, rows = _csv_lists(f, filename)
        yield from _chunks_from_lists(header, rows, filename, chunk)


# ---------------------------------------------------------------- pass 1: parse and validate


class CodeIndex:
    """Codes → ids for a whole import: the Arrow key array is built once, each chunk is one C++
    hash lookup per value."""

    def __init__(self, table: dict[str, int]):
        self.keys = pa.array(list(table), type=pa.string())
        self.ids = np.asarray(list(table.values()) + [0], dtype=np.int64)

    def lookup(self, values: pa.Array) -> np.ndarray:
        """Ids of the (trimmed) codes, 0 where unknown."""
        idx = pc.index_in(pc.utf8_trim_whitespace(values), value_set=self.keys).fill_null(-1).to_numpy()
        return self.ids[idx]  # -1 picks the trailing 0


@dataclass
class Lookups:
    units: CodeIndex  # unit code (ours or a mapped agency code) → id
    procs: CodeIndex  # procedure code → id
    limit_value: np.ndarray  # by procedure id: legal time limit (nan: none)
    limit_unit: np.ndarray  # by procedure id: LIMIT_UNITS code
    allowed: np.ndarray | None = None  # unit ids the importing user may write; None = all

    @classmethod
    def load(cls) -> "Lookups":
        units = dict(Unit.objects.values_list("code", "id"))
        units.update(dict(UnitCode.objects.values_list("code", "unit_id")))
        rows = list(Procedure.objects.values_list("id", "code", "limit_value", "limit_unit"))
        size = max((r[0] for r in rows), default=0) + 1
        lv, lu = np.full(size, np.nan), np.zeros(size, dtype=np.int64)
        for pid, _code, v, u in rows:
            lv[pid] = np.nan if v is None else float(v)
            lu[pid] = LIMIT_UNITS.get(u, 0)
        return cls(CodeIndex(units), CodeIndex({code: pid for pid, code, _v, _u in rows}), lv, lu)


_FNV_OFFSET, _FNV_PRIME = np.uint64(1469598103934665603), np.uint64(1099511628211)
TEXT_COLS = ("applicant", "apology_no")  # hashed as crc32 of the text (0 when empty)


def _text_hash(values: pa.Array) -> np.ndarray:
    n = len(values)
    out = np.zeros(n, dtype=np.uint64)
    full = np.flatnonzero(pc.binary_length(values).to_numpy() > 0)
    if len(full):
        texts = values.take(pa.array(full)).to_pylist()
        out[full] = np.fromiter((zlib.crc32(t.encode()) for t in texts), dtype=np.uint64, count=len(full))
    return out


def _hash_parsed(d: dict, text_hashes: dict[str, np.ndarray]) -> np.ndarray:
    """A 64-bit hash per row of the *parsed* values (FNV-style mixing, vectorised): a re-import of
    the same data — even with another date format — hashes the same and is skipped."""
    n = len(d["code"])
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    for key in sorted(set(d) | set(text_hashes)):
        if key in text_hashes:
            x = text_hashes[key]
        elif key == "code" or key == "search":
            continue
        else:
            v = d[key]
            if v.dtype.kind in "iub":
                x = v.astype(np.int64).view(np.uint64)
            else:
                x = np.nan_to_num(v, nan=-1.0).view(np.uint64)
        h = (h ^ x) * _FNV_PRIME
    return h.view(np.int64)


def parse_chunk(chunk: Chunk, lk: Lookups, errors: ErrorCollector, seen: set) -> dict:
    n = len(chunk.rows)
    cols, names = chunk.cols, chunk.names
    rows = chunk.rows
    bad = np.zeros(n, dtype=bool)

    def err(mask, col, message):
        nonlocal bad
        for i in np.flatnonzero(mask)[:200]:
            errors.add(int(rows[i]), names.get(col, col), message(i) if callable(message) else message)
        bad |= mask

    def get(col):
        v = cols.get(col)
        return pa.repeat(pa.scalar("", pa.string()), n) if v is None else v

    def raw(col, i):
        return cols[col][int(i)].as_py()

    code_arr = pc.utf8_trim_whitespace(cols["MaHoSo"])
    codes = code_arr.to_pylist()
    distinct = set(codes)
    if len(distinct) == n and "" not in distinct and seen.isdisjoint(distinct):
        seen |= distinct
    else:  # the slow path names each missing or repeated code
        dup = np.zeros(n, dtype=bool)
        for i, c in enumerate(codes):
            if not c:
                dup[i] = True
                errors.add(int(rows[i]), names["MaHoSo"], "Thiếu mã hồ sơ")
            elif c in seen:
                dup[i] = True
                errors.add(int(rows[i]), names["MaHoSo"], f"Mã hồ sơ {c} lặp lại trong tệp")
            else:
                seen.add(c)
        bad |= dup
    del distinct
    unit = lk.units.lookup(cols["DonViXuLy"])
    err(unit == 0, "DonViXuLy", lambda i: f"Không có đơn vị mã '{raw('DonViXuLy', i)}'")
    if lk.allowed is not None:
        err(
            (unit != 0) & ~np.isin(unit, lk.allowed),
            "DonViXuLy",
            lambda i: f"Bạn không có quyền nhập hồ sơ của đơn vị '{raw('DonViXuLy', i)}'",
        )
    proc = lk.procs.lookup(cols["MaTTHC"])
    err(proc == 0, "MaTTHC", lambda i: f"Không có thủ tục mã '{raw('MaTTHC', i)}' trong danh mục")

    status, sbad = parse_ints(cols["TrangThaiHoSo"])
    err(
        sbad | (status < 1) | (status > 10),
        "TrangThaiHoSo",
        lambda i: f"Trạng thái '{raw('TrangThaiHoSo', i)}' không hợp lệ (1–10)",
    )
    channel, cbad = parse_ints(get("KenhThucHien"), default=1)
    err(
        cbad | (channel < 1) | (channel > 3),
        "KenhThucHien",
        "Kênh phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)",
    )

    t = {}
    for col in TIME_COLS:
        if col in cols:
            t[col], tbad = parse_times(cols[col])
            err(tbad, col, lambda i, col=col: f"Thời điểm '{raw(col, i)}' không hợp lệ")
        else:
            t[col] = np.full(n, NA, dtype=np.int64)
    rec = t["NgayTiepNhan"]
    counted = ~np.isin(status, (1, 3))
    err(counted & (rec == NA) & ~bad, "NgayTiepNhan", "Thiếu ngày tiếp nhận")
    for col, label in (
        ("NgayHenTra", "Ngày hẹn trả"),
        ("NgayKetThucXuLy", "Ngày kết thúc xử lý"),
        ("NgayTra", "Ngày trả kết quả"),
        ("NgayTuChoi", "Ngày từ chối"),
    ):
        err((t[col] != NA) & (rec != NA) & (t[col] < rec), col, f"{label} trước ngày tiếp nhận")
    end = C.end_times(status, t["NgayKetThucXuLy"], t["NgayTra"], t["NgayTuChoi"], t["NgayRutHoSo"])
    err(
        np.isin(status, C.TERMINAL) & (end == NA) & ~bad,
        "TrangThaiHoSo",
        "Hồ sơ đã kết thúc nhưng thiếu ngày kết thúc xử lý / ngày trả / ngày từ chối",
    )
    limit_v = lk.limit_value[proc]
    limit_u = lk.limit_unit[proc]
    err(
        counted & (t["NgayHenTra"] == NA) & np.isnan(limit_v) & ~bad,
        "NgayHenTra",
        "Thiếu ngày hẹn trả và thủ tục không có thời hạn giải quyết",
    )
    sup_n, supbad = parse_ints(get("SoLanYeuCauBoSung"))
    err(supbad, "SoLanYeuCauBoSung", "Số lần yêu cầu bổ sung phải là số nguyên")
    sup_n = np.where((sup_n == 0) & (t["NgayYeuCauBoSung"] != NA), 1, sup_n)
    err(
        (t["NgayHoanThanhBoSung"] != NA)
        & (t["NgayYeuCauBoSung"] != NA)
        & (t["NgayHoanThanhBoSung"] < t["NgayYeuCauBoSung"]),
        "NgayHoanThanhBoSung",
        "Ngày nhận bổ sung trước ngày yêu cầu bổ sung",
    )
    digitised, b1 = parse_flags(get("HoSoCoThanhPhanSoHoa"))
    e_result, b2 = parse_flags(get("DaSoHoaKetQua"))
    reused, b3 = parse_flags(get("TaiSuDung"))
    err(b1, "HoSoCoThanhPhanSoHoa", "Giá trị phải là 0 hoặc 1")
    err(b2, "DaSoHoaKetQua", "Giá trị phải là 0 hoặc 1")
    err(b3, "TaiSuDung", "Giá trị phải là 0 hoặc 1")
    paid, pbad = parse_ints(get("DuocThanhToanTrucTuyen"))
    err(pbad | (paid > 2), "DuocThanhToanTrucTuyen", "Giá trị phải là 0, 1 hoặc 2")
    fee, fbad = parse_ints(pc.replace_substring(pc.replace_substring(get("Gia"), ".", ""), ",", ""))
    err(fbad, "Gia", "Phí, lệ phí phải là số")
    method, mbad = parse_ints(get("HinhThuc"))
    err(mbad, "HinhThuc", "Hình thức trả kết quả phải là số")
    applicant = pc.utf8_trim_whitespace(get("ChuHoSo")) if "ChuHoSo" in cols else get("ChuHoSo")
    apology_no = get("SoPhieuXinLoi")
    # What the late list searches: the code in lower case, then the applicant's folded name.
    search = pc.utf8_lower(code_arr)
    has_name = pc.binary_length(applicant).to_numpy() > 0
    if has_name.any():
        s = search.to_pylist()
        for i, a in zip(
            np.flatnonzero(has_name), applicant.filter(pa.array(has_name)).to_pylist(), strict=True
        ):
            s[i] = f"{s[i]} {fold(a)}"
        search = pa.array(s, type=pa.string())
    out = {  # text columns stay Arrow arrays (no Python string per value unless needed)
        "code": code_arr,
        "applicant": applicant,
        "apology_no": apology_no,
        "search": search,
        "unit": unit,
        "proc": proc,
        "status": status,
        "channel": channel,
        "limit_v": limit_v,
        "limit_u": limit_u,
        "sup_n": sup_n,
        "digitised": digitised,
        "e_result": e_result,
        "reused": reused,
        "paid": paid,
        "fee": fee,
        "method": method,
        **{f"t_{c}": v for c, v in t.items()},
    }
    out["hash"] = _hash_parsed(
        {k: v for k, v in out.items() if k not in TEXT_COLS},
        {"applicant": _text_hash(applicant), "apology_no": _text_hash(apology_no)},
    )
    return out


# ---------------------------------------------------------------- pass 2: classify and write


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)
    years: set = field(default_factory=set)
    writer_peak_mb: float | None = None  # peak memory of the SQLite writer process, if one ran

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


INSERT_COLS = [
    "id",
    "code",
    "unit_id",
    "procedure_id",
    "channel",
    "status",
    "submitted_ts",
    "received_ts",
    "due_ts",
    "due_original_ts",
    "due_effective_ts",
    "finished_ts",
    "returned_ts",
    "rejected_ts",
    "withdrawn_ts",
    "return_method",
    "digitised",
    "reused",
    "e_result",
    "paid_online",
    "fee",
    "applicant",
    "supplement_count",
    "end_ts",
    "pause_seconds",
    "outcome",
    "outcome_original",
    "working_days",
    "has_apology",
    "row_hash",
    "search",
]


def classify_chunk(cal, hpd: float, d: dict) -> dict:
    t = {k[2:]: v for k, v in d.items() if k.startswith("t_")}
    status = d["status"]
    end = C.end_times(status, t["NgayKetThucXuLy"], t["NgayTra"], t["NgayTuChoi"], t["NgayRutHoSo"])
    due = t["NgayHenTra"]
    missing = (due == NA) & (t["NgayTiepNhan"] != NA)
    if missing.any():
        due = due.copy()
        due[missing] = C.due_from_limit(
            cal, t["NgayTiepNhan"][missing], d["limit_v"][missing], d["limit_u"][missing]
        )
    due_orig = np.where(t["NgayHenTraBanDau"] != NA, t["NgayHenTraBanDau"], due)
    pause = C.pause_seconds(cal, t["NgayYeuCauBoSung"], t["NgayHoanThanhBoSung"], end)
    due_eff = C.extend(cal, due, pause)
    due_orig_eff = C.extend(cal, due_orig, pause)
    outcome = C.judge(status, end, due_eff, d["sup_n"])
    outcome_orig = C.judge(status, end, due_orig_eff, d["sup_n"])
    days = C.working_days(cal, t["NgayTiepNhan"], end, pause, hpd)
    return {
        "end": end,
        "due": due,
        "due_orig": due_orig,
        "due_eff": due_eff,
        "pause": pause,
        "outcome": outcome,
        "outcome_orig": outcome_orig,
        "days": days,
    }


def _take(v, idx: np.ndarray):
    """Rows `idx` of a numpy column or an Arrow text column."""
    return v.take(pa.array(idx)) if isinstance(v, pa.Array) else v[idx]


def _opt(a, missing=NA) -> list:
    """Values as Python objects, None where missing (NULL in the table)."""
    if isinstance(a, pa.Array):
        return a.to_pylist()
    if missing is False:
        return a.tolist()
    mask = a == missing if missing is not None else np.isnan(a)
    if not mask.any():
        return a.tolist()
    o = a.astype(object)
    o[mask] = None
    return o.tolist()


def _row_columns(ids, d, k, has_apology) -> list[tuple[np.ndarray, object]]:
    """The INSERT_COLS values as (array, missing marker): NA, 0 (method), None (NaN) or False (never)."""
    t = {c[2:]: v for c, v in d.items() if c.startswith("t_")}
    return [
        (np.asarray(ids, dtype=np.int64), False),
        (d["code"], False),
        (d["unit"], False),
        (d["proc"], False),
        (d["channel"], False),
        (d["status"], False),
        (t["NgayNopHoSo"], NA),
        (t["NgayTiepNhan"], NA),
        (k["due"], NA),
        (k["due_orig"], NA),
        (k["due_eff"], NA),
        (t["NgayKetThucXuLy"], NA),
        (t["NgayTra"], NA),
        (t["NgayTuChoi"], NA),
        (t["NgayRutHoSo"], NA),
        (d["method"], 0),
        (d["digitised"], False),
        (d["reused"], False),
        (d["e_result"], False),
        (d["paid"], False),
        (d["fee"], False),
        (d["applicant"], False),
        (d["sup_n"], False),
        (k["end"], NA),
        (k["pause"], False),
        (k["outcome"], False),
        (k["outcome_orig"], False),
        (np.round(k["days"], 3), None),
        (np.asarray(has_apology, dtype=bool), False),
        (d["hash"], False),
        (d["search"], False),
    ]


def _rows(ids, d, k, has_apology) -> list[tuple]:
    return list(zip(*(_opt(a, m) for a, m in _row_columns(ids, d, k, has_apology)), strict=True))


def _arrow_rows(ids, d, k, has_apology) -> pa.Table:
    cols = _row_columns(ids, d, k, has_apology)
    return pa.table(
        {
            name: bulkwrite.arrow_column(a, None if m is False else m)
            for name, (a, m) in zip(INSERT_COLS, cols, strict=True)
        }
    )


def _secondary_indexes(w, table) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that are not constraints — the secondary
    ones and the unique index on the dossier code (migration 0004)."""
    if w.vendor == "postgresql":
        return w.query(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND i.indexname NOT IN (SELECT conname FROM pg_constraint)",
            [table],
        )
    return w.query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
        [table],
    )


def _existing(codes: list[str]) -> dict[str, tuple]:
    """The stored rows of these codes, read on the Django connection: inside the Django writer's
    transaction, or beside the ADBC writer's (committed rows only — which are all that can match,
    since a code repeated within the file is refused)."""
    out = {}
    with connection.cursor() as cursor:
        for i in range(0, len(codes), 5000):
            part = codes[i : i + 5000]
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                "SELECT code, id, row_hash, received_ts, end_ts, has_apology FROM dossiers_dossier "
                f"WHERE code IN ({marks})",
                part,
            )
            for code, pk, h, rec, end, ap in cursor.fetchall():
                out[code] = (pk, h, rec, end, ap)
    return out


def _year_of(ts: np.ndarray) -> set[int]:
    """Calendar years of the date-times present (NA skipped)."""
    ts = ts[ts != NA]
    if not len(ts):
        return set()
    return set(np.unique(ts.astype("datetime64[s]").astype("datetime64[Y]").astype(int) + 1970).tolist())


def write_chunk(w, cal, hpd, d: dict, state: dict, res: ImportResult, pipe=None) -> None:
    """Classify the new and changed rows of a parsed chunk and write them (through `pipe`, which
    may run the writes in another thread)."""
    run = pipe.run if pipe is not None else (lambda job: job())
    new_idx, upd_idx, upd_ids, upd_old = [], [], [], []
    existing = _existing(d["code"].to_pylist()) if state["had_rows"] else {}
    if not existing:  # nothing stored yet under these codes: all new (no loop per row)
        new_idx = list(range(len(d["code"])))
    else:
        hashes = d["hash"].tolist()
        for i, c in enumerate(d["code"].to_pylist()):
            ex = existing.get(c)
            if ex is None:
                new_idx.append(i)
            elif ex[1] != hashes[i]:
                upd_idx.append(i)
                upd_ids.append(ex[0])
                upd_old += [NA if v is None else v for v in ex[2:4]]  # its years change too
            else:
                res.unchanged += 1
        res.years |= _year_of(np.asarray(upd_old, dtype=np.int64))
    changed = np.asarray(new_idx + upd_idx, dtype=np.int64)
    if not len(changed):
        return
    keep = state.get("keep")
    if not upd_idx and len(new_idx) == len(d["code"]):  # all new, in file order: no copy
        sub = d
    else:
        sub = {key: _take(v, changed) for key, v in d.items()}
    subk = classify_chunk(cal, hpd, sub)  # only what is written (unchanged rows are skipped)
    ids = np.concatenate(
        [
            np.arange(state["next_id"], state["next_id"] + len(new_idx), dtype=np.int64),
            np.asarray(upd_ids, dtype=np.int64),
        ]
    )
    state["next_id"] += len(new_idx)
    has_ap = (sub["t_NgayXinLoi"] != NA) | np.isin(ids, state["apology_ids"])
    nn = len(new_idx)
    if keep is not None:  # a first load: keep the columns the aggregates need (no read-back)
        keep.append(_agg_columns(ids, sub, subk, has_ap))
    sets = ", ".join(f"{c} = %s" for c in INSERT_COLS[1:])
    update_sql = f"UPDATE dossiers_dossier SET {sets} WHERE id = %s"
    if w.arrow:
        table = _arrow_rows(ids, sub, subk, has_ap)
        new, upd = table.slice(0, nn), table.slice(nn).select(INSERT_COLS[1:] + ["id"])
    else:
        rows = _rows(ids, sub, subk, has_ap)
        new, upd = rows[:nn], [r[1:] + (r[0],) for r in rows[nn:]]
    run(lambda: w.insert("dossiers_dossier", INSERT_COLS, new))
    if upd_idx:
        run(lambda: w.executemany(update_sql, upd))
    res.created += nn
    res.updated += len(upd_idx)
    res.years |= _year_of(subk["end"]) | _year_of(sub["t_NgayTiepNhan"])
    # Inline supplement (the last request) and apology (Mẫu 04) rows.
    req, done = sub["t_NgayYeuCauBoSung"], sub["t_NgayHoanThanhBoSung"]
    ids_l = ids.tolist()
    sup = [
        (ids_l[i], int(req[i]), None if done[i] == NA else int(done[i])) for i in np.flatnonzero(req != NA)
    ]
    run(
        lambda: w.executemany(
            "INSERT INTO dossiers_supplement (dossier_id, requested_ts, completed_ts, reason) VALUES (%s, %s, %s, '') "
            "ON CONFLICT (dossier_id, requested_ts) DO UPDATE SET completed_ts = excluded.completed_ts",
            sup,
        )
    )
    ap_no = sub["apology_no"].to_pylist()
    aps = []
    for i in np.flatnonzero(sub["t_NgayXinLoi"] != NA):
        day = str(np.datetime64(int(sub["t_NgayXinLoi"][i]), "s").astype("datetime64[D]"))
        aps.append((ids_l[i], ap_no[i], day, None if subk["due"][i] == NA else int(subk["due"][i])))
    run(
        lambda: w.executemany(
            "INSERT INTO dossiers_apology (dossier_id, number, issued_on, new_due_ts, reason, signer, signer_title, source, created_at) "
            "VALUES (%s, %s, %s, %s, '', '', '', 'import', CURRENT_TIMESTAMP) ON CONFLICT (dossier_id, issued_on) DO NOTHING",
            aps,
        )
    )


def _agg_columns(ids, d, k, has_apology) -> dict[str, np.ndarray]:
    """The columns aggregates.FIELDS of the rows written, with the values as stored (NULL → NA/nan,
    working days rounded as in the table), so that computing from them equals reading them back."""
    return {
        "id": np.asarray(ids, dtype=np.int64),
        "unit_id": d["unit"].astype(np.int64),
        "procedure_id": d["proc"].astype(np.int64),
        "status": d["status"].astype(np.int64),
        "channel": d["channel"].astype(np.int64),
        "received_ts": d["t_NgayTiepNhan"].astype(np.int64),
        "end_ts": k["end"].astype(np.int64),
        "due_effective_ts": k["due_eff"].astype(np.int64),
        "outcome": k["outcome"].astype(np.int64),
        "outcome_original": k["outcome_orig"].astype(np.int64),
        "supplement_count": d["sup_n"].astype(np.int64),
        "digitised": d["digitised"].astype(np.int64),
        "e_result": d["e_result"].astype(np.int64),
        "reused": d["reused"].astype(np.int64),
        "paid_online": d["paid"].astype(np.int64),
        "fee": d["fee"].astype(np.int64),
        "has_apology": np.asarray(has_apology, dtype=np.int64),
        "working_days": np.round(k["days"], 3),
    }


def _progress(job, **kw):
    """Figures for the job's tracker (jobs.py): set in memory, written by its thread every 0,5 s."""
    if job is not None:
        jobs.report(job.pk, **kw)


def import_dossiers(
    path,
    filename=None,
    *,
    actor=None,
    job: ImportJob | None = None,
    chunk: int = CHUNK,
    recompute=True,
    log=None,
) -> ImportResult:
    """Import a dossier file all-or-nothing. Raises ImportFailed (nothing saved) on any bad row.

    One streaming pass inside one transaction: each chunk is parsed and validated, then — while
    no error has been seen — classified and written; after the first error the rest of the file
    is only validated (to report every bad row) and the transaction is rolled back."""
    filename = filename or os.path.basename(str(path))
    ext = os.path.splitext(filename.lower())[1]
    with open(path, "rb") as f:
        head = f.read(8)
    fast = ext not in (".xlsx", ".xlsm", ".json", ".ndjson", ".jsonl") and not head.startswith(b"PK\x03\x04")
    fast = fast and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"[", b"{")
    if fast:
        try:
            return _import(path, filename, actor, job, chunk, recompute, log, fast=True)
        except _Irregular:
            if log:
                log("  tệp có dòng không đều: đọc lại bằng trình đọc CSV đầy đủ")
    return _import(path, filename, actor, job, chunk, recompute, log, fast=False)


def _build_indexes(run_sql, statements: list[str]) -> threading.Thread:
    """Run CREATE INDEX and ANALYZE through `run_sql` in a thread: on SQLite each statement is one
    step without the GIL, so the aggregates are computed meanwhile on the other core."""
    failure = []

    def run():
        try:
            for sql in statements:
                run_sql(sql)
            run_sql("PRAGMA analysis_limit = 1000")  # sampled statistics: enough for the planner
            run_sql("ANALYZE dossiers_dossier")
        except BaseException as exc:  # re-raised by the caller after join()
            failure.append(exc)

    th = threading.Thread(target=run, name="chiso-index-build")
    th.failure = failure
    th.start()
    return th


def _audit(res, filename, actor, job):
    from chiso.orgs import audit

    audit.record(
        "dossiers.import",
        job,
        actor=actor,
        after={
            "file": filename,
            "rows": res.rows,
            "created": res.created,
            "updated": res.updated,
            "unchanged": res.unchanged,
        },
        repr_text=f"Nhập hồ sơ từ {filename}",
        only_changes=False,
    )


def _import(path, filename, actor, job, chunk, recompute, log, fast) -> ImportResult:
    t0 = time.perf_counter()
    args = (path, filename, actor, job, chunk, recompute, log, fast)
    target = bulkwrite.adbc_target()
    if target:  # an SQLite file: write through ADBC (its own connection and transaction)
        w = bulkwrite.AdbcWriter(target)  # holds the write lock from here on
        try:
            res = _load(w, *args)
            t1 = time.perf_counter()
            res.writer_peak_mb = w.commit()
        finally:
            w.close()
        res.phases["ghi đĩa (commit)"] = time.perf_counter() - t1
        _audit(res, filename, actor, job)
        res.seconds = time.perf_counter() - t0
        return res
    sqlite = connection.vendor == "sqlite"
    # SQLite checks each row's two foreign keys (two B-tree lookups) even when deferred. Every
    # unit and procedure id written is looked up inside the same write transaction, so nothing
    # can delete them meanwhile: the checks are switched off for this transaction only (a no-op
    # inside an outer transaction, where they stay on).
    fk_off = sqlite and not connection.in_atomic_block
    try:
        if fk_off:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA foreign_keys = OFF")
        with transaction.atomic():
            with connection.cursor() as cursor:
                if sqlite:
                    # 256 MB of page cache: the index builds at the end scan the new rows in memory
                    # rather than through the WAL file (a 64 MB cache made them ~2× slower).
                    cursor.execute("PRAGMA cache_size = -262144")
                res = _load(bulkwrite.DjangoWriter(cursor), *args)
            _audit(res, filename, actor, job)
            t1 = time.perf_counter()
        res.phases["ghi đĩa (commit)"] = time.perf_counter() - t1
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                if fk_off:
                    cursor.execute("PRAGMA foreign_keys = ON")
                cursor.execute("PRAGMA cache_size = -2000")  # SQLite's default; the connection lives on
    res.seconds = time.perf_counter() - t0
    return res


def _load(w, path, filename, actor, job, chunk, recompute, log, fast) -> ImportResult:
    """Read, validate, classify and write the file, rebuild dropped indexes and store the
    aggregates — all through the writer `w`, inside its (not yet committed) transaction."""
    from chiso.dossiers import aggregates, workdays

    res = ImportResult()
    errors = ErrorCollector(filename, limit=500)
    cal = workdays.calendar()
    hpd = workdays.hours_per_day()
    phase = {"đọc và kiểm tra": 0.0, "phân loại và ghi": 0.0}
    _progress(job, phase="Đọc, kiểm tra và ghi", rows_done=0)
    lk = Lookups.load()  # after the write lock is taken: the ids cannot vanish until commit
    if actor is not None:
        from chiso.dossiers.queries import importable_unit_ids

        ids = importable_unit_ids(actor)
        lk.allowed = None if ids is None else np.fromiter(ids, dtype=np.int64)
    if w.vendor == "postgresql":
        w.execute("LOCK TABLE dossiers_dossier IN EXCLUSIVE MODE")
    top = w.query("SELECT MAX(id) FROM dossiers_dossier")[0][0]
    # A first load into an empty table: build the indexes once at the end (much faster).
    dropped = _secondary_indexes(w, "dossiers_dossier") if top is None else []
    for name, _sql in dropped:
        w.execute(f"DROP INDEX {name}")
    state = {
        "had_rows": top is not None,
        "next_id": (top or 0) + 1,
        "apology_ids": np.fromiter(
            Apology.objects.values_list("dossier_id", flat=True).distinct(), dtype=np.int64
        ),
        # Into an empty table, the file IS all the dossiers: aggregate from memory.
        "keep": [] if top is None and recompute else None,
    }
    seen: set[str] = set()
    pipe = bulkwrite.Pipeline(w)
    try:
        ta = time.perf_counter()
        for ch in read_chunks(path, filename, chunk, fast=fast):
            d = parse_chunk(ch, lk, errors, seen)
            res.rows += len(ch.rows)
            tb = time.perf_counter()
            phase["đọc và kiểm tra"] += tb - ta
            if not errors:
                write_chunk(w, cal, hpd, d, state, res, pipe)
            ta = time.perf_counter()
            phase["phân loại và ghi"] += ta - tb
            _progress(job, rows_done=res.rows)
            if log:
                log(f"  đọc, kiểm tra, ghi: {res.rows:,} dòng".replace(",", "."))
    finally:
        pipe.drain()  # the writes still queued finish (or their error is raised) here
    phase["phân loại và ghi"] += time.perf_counter() - ta
    if pipe.waited:
        phase["trong đó chờ tiến trình ghi"] = pipe.waited
    del seen
    errors.raise_if_any()  # the caller rolls back
    if res.rows == 0:
        raise ImportFailed([RowError(filename, None, None, "Tệp không có dòng dữ liệu nào")])
    res.phases.update(phase)
    t1 = time.perf_counter()
    info = aggregates.static_info() if state["keep"] else None
    builder = None
    run_sql = w.run_in_thread()
    if dropped and run_sql is not None:
        builder = _build_indexes(run_sql, [sql for _n, sql in dropped])
    elif dropped:  # PostgreSQL: deferred foreign-key checks must run before an index is built
        w.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in dropped:
            w.execute(sql)
        w.execute("ANALYZE dossiers_dossier")
    if w.vendor == "postgresql" and res.created:
        w.execute(
            "SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), (SELECT MAX(id) FROM dossiers_dossier))"
        )
    computed = {}
    if recompute and (res.created or res.updated) and state["keep"]:
        # First load: compute from the columns in memory (while the indexes build).
        _progress(job, phase="Tính chỉ tiêu")
        data = {f: np.concatenate([c[f] for c in state["keep"]]) for f in aggregates.FIELDS}
        state["keep"] = None
        for y in sorted(res.years):
            computed[y] = aggregates.compute(
                aggregates.select_year(data, y), aggregates.year_periods(y), info
            )
        del data
    if builder is not None:
        builder.join()
        if builder.failure:
            raise builder.failure[0]
    res.phases["tạo chỉ mục ∥ tính chỉ tiêu"] = time.perf_counter() - t1
    if recompute and (res.created or res.updated):
        t2 = time.perf_counter()
        _progress(job, phase="Tính chỉ tiêu")
        for y in sorted(res.years):
            if y in computed:
                aggregates.store_year(y, *computed.pop(y), w=w)
            else:
                aggregates.recompute_year(y, w=w)
        res.phases["ghi chỉ tiêu"] = time.perf_counter() - t2
    return res


# ---------------------------------------------------------------- jobs (page + background thread)


def run_job(job_id: int, actor=None) -> None:
    """Run an import job; its progress and heartbeat are written by a tracker (jobs.py) that any
    worker process can read, its outcome to the row."""
    ImportJob.objects.filter(pk=job_id).update(**jobs.claim_fields())
    job = ImportJob.objects.get(pk=job_id)
    with jobs.Tracker([job.pk]):
        try:
            res = import_file(job.path, job.filename, actor=actor, job=job)
        except ImportFailed as exc:
            job.state = ImportJob.State.FAILED
            job.errors = [
                {"file": e.file, "row": e.row, "column": e.column, "message": e.message} for e in exc.errors
            ]
            job.finished_at = timezone.now()
            job.save()
        except Exception as exc:  # report, never leave a job "running"
            job.state = ImportJob.State.FAILED
            job.errors = [
                {"file": job.filename, "row": None, "column": None, "message": f"Lỗi hệ thống: {exc}"}
            ]
            job.finished_at = timezone.now()
            job.save()
        else:
            job.state = ImportJob.State.DONE
            job.rows_done = job.rows_total = res.rows
            job.created, job.updated, job.unchanged = res.created, res.updated, res.unchanged
            job.seconds = res.seconds
            job.finished_at = timezone.now()
            job.save()
        finally:
            if job.path and os.path.exists(job.path):
                os.remove(job.path)


def start_job_thread(job: ImportJob, actor) -> threading.Thread:
    def target():
        from django.db import connection as conn

        from chiso.orgs.context import set_source, set_user

        set_source("web")
        set_user(actor)
        try:
            run_job(job.pk, actor)
        finally:
            conn.close()

    th = threading.Thread(target=target, daemon=True, name=f"import-{job.pk}")
    th.start()
    return th


def sniff_kind(path, filename) -> str:
    """dossiers | supplements | apologies | procedures, from the header."""
    ch = None
    try:
        first = next(read_header(path, filename))
        ch = {_k(h) for h in first}
    except StopIteration:
        return "dossiers"
    if _k("MaHoSo") in ch and _k("MaTTHC") not in ch:
        if _k("NgayXinLoi") in ch or _k("ngay_xin_loi") in ch:
            return "apologies"
        return "supplements"
    if _k("MaHoSo") not in ch and (_k("MaTTHC") in ch or _k("ma_thu_tuc") in ch):
        return "procedures"
    return "dossiers"


def read_header(path, filename):
    ext = os.path.splitext(filename.lower())[1]
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"PK\x03\x04") or ext in (".xlsx", ".xlsm"):
        for _n, row in iter_xlsx(str(path), filename):
            yield list(row.keys())
            return
        return
    if ext in (".json", ".ndjson", ".jsonl") or head.lstrip()[:1] in (b"[", b"{"):
        with open(path, "rb") as f:
            for obj in iter_json_objects(f, filename):
                yield list(obj.keys())
                return
        return
    with open(path, "rb") as f:
        header, _ = _csv_lists(f, filename)
        yield header


def import_file(path, filename=None, *, actor=None, job=None, log=None):
    """Dispatch on the file's header: dossiers, supplement requests, apology letters or procedures."""
    from chiso.dossiers import extras

    filename = filename or os.path.basename(str(path))
    kind = sniff_kind(path, filename)
    if kind == "procedures":
        return extras.import_procedures(path, filename, actor=actor)
    if kind == "supplements":
        return extras.import_supplements(path, filename, actor=actor)
    if kind == "apologies":
        return extras.import_apologies(path, filename, actor=actor)
    return import_dossiers(path, filename, actor=actor, job=job, log=log)


def supplements_rows(dossier_ids) -> list[Supplement]:
    return list(Supplement.objects.filter(dossier_id__in=dossier_ids))


__all__ = ["import_dossiers", "import_file", "Dossier", "ImportResult"]
