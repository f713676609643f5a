"""The criteria-set workbook: read and write the XLSX template an office can fill by hand.

Sheets (names as shown; column order free, headers matched accent-insensitively):
  "Thông tin"  two columns "Thông tin" | "Giá trị": Tên bộ tiêu chí, Tỉnh, Năm, Loại đơn vị,
               Không phát sinh ("loại khỏi thang điểm" or "tính tối đa").
  "Tiêu chí"   Mã | Nội dung | Điểm tối đa | Phần (chính / thưởng / trừ) | Nguồn (tự đánh giá /
               khảo sát) | Cách chấm | Tham số | Không phát sinh | Tài liệu kiểm chứng | Hướng dẫn.
               The parent of "1.2.3" is "1.2"; top-level codes have no dot ("1", "TH", "TR").
  "Xếp loại"   Xếp loại | Từ (%)
No Django import here: `chiso score` uses it without a database.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from chiso.lib import scoring
from chiso.lib.tabular import ErrorCollector, ImportFailed, RowError, header_key, iter_xlsx, parse_decimal
from chiso.lib.vntext import fold

SHEET_INFO, SHEET_TREE, SHEET_BANDS, SHEET_HELP = "Thông tin", "Tiêu chí", "Xếp loại", "Hướng dẫn"
COLUMNS = [
    ("ma", "Mã"),
    ("noi_dung", "Nội dung"),
    ("diem_toi_da", "Điểm tối đa"),
    ("phan", "Phần"),
    ("nguon", "Nguồn"),
    ("cach_cham", "Cách chấm"),
    ("tham_so", "Tham số"),
    ("khong_phat_sinh", "Không phát sinh"),
    ("tai_lieu_kiem_chung", "Tài liệu kiểm chứng"),
    ("huong_dan", "Hướng dẫn"),
]
LABEL = dict(COLUMNS)
SECTION_IN = {
    "chinh": "main",
    "": "main",
    "thuong": "bonus",
    "diem thuong": "bonus",
    "tru": "penalty",
    "diem tru": "penalty",
}
SECTION_OUT = {"main": "chính", "bonus": "thưởng", "penalty": "trừ"}
SOURCE_IN = {
    "": "self",
    "tu danh gia": "self",
    "tham dinh": "self",
    "khao sat": "survey",
    "dieu tra xa hoi hoc": "survey",
}
SOURCE_OUT = {"self": "tự đánh giá", "survey": "khảo sát"}
NA_IN = {"": "", "loai": "drop", "loai khoi thang diem": "drop", "toi da": "max", "tinh toi da": "max"}
NA_OUT = {"": "", "drop": "loại khỏi thang điểm", "max": "tính tối đa"}
UNIT_TYPE_IN = {
    "department": "department",
    "so": "department",
    "so, ban, nganh": "department",
    "commune": "commune",
    "xa": "commune",
    "xa, phuong": "commune",
    "xa, phuong, dac khu": "commune",
    "district": "district",
    "huyen": "district",
}
UNIT_TYPE_OUT = {"department": "sở, ban, ngành", "commune": "xã, phường, đặc khu", "district": "huyện"}
YES = {"co", "x", "bat buoc", "1", "yes"}


@dataclass
class ParsedSet:
    name: str = ""
    province: str = ""
    year: int | None = None
    unit_type: str = ""
    na_policy: str = scoring.NA_DROP
    bands: list[tuple[str, Decimal]] = field(default_factory=list)
    nodes: list[scoring.Node] = field(default_factory=list)

    def roots(self) -> list[scoring.Node]:
        return scoring.build_tree(self.nodes)


def _rows(data: bytes, filename: str, sheet: str):
    try:
        return list(iter_xlsx(io.BytesIO(data), filename, sheet))
    except ImportFailed as exc:
        msg = str(exc.errors[0].message) if exc.errors else ""
        if "Bảng tính rỗng" in msg:
            return []
        raise ImportFailed(
            [RowError(f"{filename}, trang '{sheet}'", None, None, "Thiếu trang hoặc trang không đọc được")]
        ) from None


def parse_workbook(data: bytes, filename: str = "bo-tieu-chi.xlsx") -> ParsedSet:
    """Read and validate a criteria workbook; raises ImportFailed with every error found."""
    if not data.startswith(b"PK"):
        raise ImportFailed([RowError(filename, None, None, "Tệp không phải bảng tính XLSX")])
    out = ParsedSet()
    errors: list[RowError] = []

    # -- info
    info_err = ErrorCollector(f"{filename}, trang '{SHEET_INFO}'")
    for row, values in _rows(data, filename, SHEET_INFO):
        vals = list(values.values())
        key = fold(vals[0]) if vals else ""
        val = vals[1].strip() if len(vals) > 1 else ""
        col = "Giá trị"
        if key.startswith("ten"):
            out.name = val
        elif key.startswith("tinh"):
            out.province = val
        elif key.startswith("nam"):
            try:
                out.year = int(val)
                if not 2000 <= out.year <= 2100:
                    raise ValueError
            except ValueError:
                info_err.add(row, col, f"Năm '{val}' không hợp lệ")
        elif key.startswith("loai don vi"):
            ut = UNIT_TYPE_IN.get(fold(val))
            if ut is None:
                info_err.add(
                    row, col, f"Loại đơn vị '{val}' không hợp lệ (sở, ban, ngành / xã, phường / huyện)"
                )
            else:
                out.unit_type = ut
        elif key.startswith("khong phat sinh"):
            pol = NA_IN.get(fold(val))
            if not pol:
                info_err.add(row, col, "Chọn 'loại khỏi thang điểm' hoặc 'tính tối đa'")
            else:
                out.na_policy = pol
    errors += info_err.errors

    # -- tree
    tree_err = ErrorCollector(f"{filename}, trang '{SHEET_TREE}'")
    rows = _rows(data, filename, SHEET_TREE)
    if rows:
        header_keys = {header_key(h): h for h in rows[0][1]}
        for key, label in COLUMNS[:3]:
            if key not in header_keys:
                tree_err.add(1, label, "Thiếu cột bắt buộc")
    else:
        tree_err.add(None, None, "Trang không có tiêu chí nào")
    seen: dict[str, scoring.Node] = {}
    if not tree_err:
        for row, values in rows:
            v = {header_key(k): (t or "").strip() for k, t in values.items()}
            code = v.get("ma", "").rstrip(".")
            if not code:
                tree_err.add(row, LABEL["ma"], "Thiếu mã")
                continue
            if code in seen:
                tree_err.add(row, LABEL["ma"], f"Mã '{code}' bị trùng")
                continue
            parent = code.rsplit(".", 1)[0] if "." in code else None
            if parent and parent not in seen:
                tree_err.add(row, LABEL["ma"], f"Mục cha '{parent}' chưa có ở các dòng trên")
                continue
            title = v.get("noi_dung", "")
            if not title:
                tree_err.add(row, LABEL["noi_dung"], "Thiếu nội dung")
            try:
                mx = parse_decimal(v.get("diem_toi_da", ""))
                if mx < 0 or mx != mx.quantize(Decimal("0.01")):
                    raise ValueError("Điểm tối đa phải ≥ 0, tối đa hai chữ số thập phân")
            except ValueError as exc:
                tree_err.add(row, LABEL["diem_toi_da"], str(exc))
                mx = Decimal(0)
            section = SECTION_IN.get(fold(v.get("phan", "")))
            if section is None:
                tree_err.add(row, LABEL["phan"], "Chọn chính / thưởng / trừ")
                section = "main"
            if parent:
                section = seen[parent].section
            source = SOURCE_IN.get(fold(v.get("nguon", "")))
            if source is None:
                tree_err.add(row, LABEL["nguon"], "Chọn 'tự đánh giá' hoặc 'khảo sát'")
                source = "self"
            na = NA_IN.get(fold(v.get("khong_phat_sinh", "")))
            if na is None:
                tree_err.add(
                    row, LABEL["khong_phat_sinh"], "Để trống, 'loại khỏi thang điểm' hoặc 'tính tối đa'"
                )
                na = ""
            rule = None
            shape = v.get("cach_cham", "")
            if shape:
                try:
                    rule = scoring.Rule.parse(shape, v.get("tham_so", ""), mx)
                except scoring.RuleError as exc:
                    col = LABEL["cach_cham"] if "Cách chấm" in str(exc) else LABEL["tham_so"]
                    tree_err.add(row, col, str(exc))
            node = scoring.Node(
                code=code,
                title=title,
                max=mx,
                parent=parent,
                section=section,
                source=source,
                rule=rule,
                na_policy=na,
                evidence_required=fold(v.get("tai_lieu_kiem_chung", "")) in YES,
                guidance=v.get("huong_dan", ""),
            )
            node._row = row  # for validation messages
            seen[code] = node
            out.nodes.append(node)
    errors += tree_err.errors

    # -- bands
    band_err = ErrorCollector(f"{filename}, trang '{SHEET_BANDS}'")
    for row, values in _rows(data, filename, SHEET_BANDS):
        vals = list(values.values())
        label = vals[0].strip() if vals else ""
        if not label:
            band_err.add(row, "Xếp loại", "Thiếu tên xếp loại")
            continue
        try:
            low = parse_decimal(vals[1] if len(vals) > 1 else "")
            if not 0 <= low <= 100:
                raise ValueError("Ngưỡng phải trong khoảng 0–100")
        except ValueError as exc:
            band_err.add(row, "Từ (%)", str(exc))
            continue
        out.bands.append((label, low))
    errors += band_err.errors

    # -- consistency of the whole set
    if not errors:
        if not out.nodes:
            errors.append(RowError(f"{filename}, trang '{SHEET_TREE}'", None, None, "Không có tiêu chí nào"))
        rows_by_code = {n.code: getattr(n, "_row", None) for n in out.nodes}
        for code, msg in scoring.validate(out.nodes, out.bands or None):
            errors.append(
                RowError(
                    f"{filename}, trang '{SHEET_TREE}'", rows_by_code.get(code), LABEL["ma"], f"{code}: {msg}"
                )
            )
        total = sum((n.max for n in out.nodes if not n.parent and n.section == "main"), Decimal(0))
        if out.nodes and total != 100:
            errors.append(
                RowError(
                    f"{filename}, trang '{SHEET_TREE}'",
                    None,
                    LABEL["diem_toi_da"],
                    f"Tổng điểm tối đa các lĩnh vực là {scoring._num(total)}, phải bằng 100",
                )
            )
    if errors:
        raise ImportFailed(errors)
    scoring.build_tree(out.nodes)
    return out


def write_workbook(parsed: ParsedSet) -> bytes:
    """The template, filled with a set (or empty when parsed has no nodes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE7F2")

    ws = wb.active
    ws.title = SHEET_INFO
    ws.append(["Thông tin", "Giá trị"])
    ws.append(["Tên bộ tiêu chí", parsed.name])
    ws.append(["Tỉnh", parsed.province])
    ws.append(["Năm", parsed.year])
    ws.append(["Loại đơn vị", UNIT_TYPE_OUT.get(parsed.unit_type, parsed.unit_type)])
    ws.append(["Không phát sinh", NA_OUT.get(parsed.na_policy, "loại khỏi thang điểm")])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60

    tree = wb.create_sheet(SHEET_TREE)
    tree.append([label for _, label in COLUMNS])
    for n in _ordered(parsed):
        tree.append(
            [
                n.code,
                n.title,
                float(n.max),
                SECTION_OUT.get(n.section, "chính") if not n.parent else "",
                SOURCE_OUT.get(n.source, "") if not n.children else "",
                n.rule.shape if n.rule else "",
                n.rule.text if n.rule else "",
                NA_OUT.get(n.na_policy, ""),
                "có" if n.evidence_required else "",
                n.guidance,
            ]
        )
        if not n.parent:
            for c in tree[tree.max_row]:
                c.font = bold
    for i, w in enumerate([10, 70, 12, 10, 14, 14, 36, 20, 12, 50]):
        tree.column_dimensions[chr(65 + i)].width = w
    for c in tree[3 - 2]:
        c.font, c.fill = bold, head_fill
    tree.freeze_panes = "A2"
    dv = DataValidation(type="list", formula1='"' + ",".join(scoring.SHAPES) + '"', allow_blank=True)
    tree.add_data_validation(dv)
    dv.add("F2:F2000")
    for row in tree.iter_rows(min_row=2, min_col=2, max_col=2):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")

    bands = wb.create_sheet(SHEET_BANDS)
    bands.append(["Xếp loại", "Từ (%)"])
    for label, low in parsed.bands or scoring.DEFAULT_BANDS:
        bands.append([label, float(low)])
    bands.column_dimensions["A"].width = 20

    helpws = wb.create_sheet(SHEET_HELP)
    helpws.append(["Cách chấm", "Ý nghĩa", "Tham số (ví dụ)", "Giá trị đơn vị nhập"])
    for row in HELP_ROWS:
        helpws.append(list(row))
    for col, w in zip("ABCD", [14, 30, 50, 50], strict=True):
        helpws.column_dimensions[col].width = w
    for ws_ in (ws, bands, helpws):
        for c in ws_[1]:
            c.font, c.fill = bold, head_fill
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


HELP_ROWS = [
    ("yesno", "Có / không: có → tối đa, không → 0", "(để trống)", "có / không"),
    (
        "deadline",
        "Thời hạn: đúng hạn → tối đa, trễ → một phần, không → 0",
        "han=15/01/2025; tre=50%",
        "ngày ban hành dd/mm/yyyy, hoặc đúng hạn / trễ hạn / không",
    ),
    (
        "tiers",
        "Theo mức tỷ lệ (mức đầu tiên thỏa mãn)",
        ">=95:1,5; >=80:1; *:0,5; có hồ sơ chưa xin lỗi=0   (thấp là tốt: <=2:1; *:0)",
        "tỷ lệ %, ví dụ 96,5",
    ),
    ("proportional", "Tỷ lệ × điểm tối đa; đủ điểm khi đạt mức, 0 dưới mức sàn", "dat=90; san=50", "tỷ lệ %"),
    ("count", "Điểm mỗi sản phẩm, có mức trần", "moi=0,5; toi_da=2", "số lượng"),
    (
        "levels",
        "Mức đánh giá → tỷ lệ điểm tối đa (hoặc số điểm)",
        "tốt=100%; đầy đủ=75%; một phần=50%; không=0",
        "tên mức",
    ),
    (
        "deduction",
        "Trừ điểm theo vi phạm, không âm",
        "moi=25%  hoặc  nhẹ=50%; nghiêm trọng=100%",
        "số vi phạm, hoặc tên mức, hoặc nhẹ:1, nghiêm trọng:1",
    ),
    (
        "survey",
        "Điều tra xã hội học: phương án → tỷ lệ điểm, bình quân theo phiếu (có thể theo nhóm, có trọng số)",
        "A=100%; B=60%; C=20%; D=0%; @người dân=60%; @công chức=40%",
        "không tự chấm; nhập từ tệp khảo sát",
    ),
    ("points", "Nhập điểm trực tiếp trong khoảng [0; tối đa]", "(để trống)", "số điểm"),
    (
        "",
        "Không phát sinh: nhập 'không phát sinh' (hoặc KPS)",
        "cột Không phát sinh: loại khỏi thang điểm / tính tối đa",
        "",
    ),
]


def _ordered(parsed: ParsedSet) -> list[scoring.Node]:
    out = []

    def walk(n):
        out.append(n)
        for c in n.children:
            walk(c)

    for r in scoring.build_tree(parsed.nodes):
        walk(r)
    return out
