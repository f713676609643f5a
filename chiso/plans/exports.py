"""Consolidated period report (XLSX and DOCX in Vietnamese administrative layout) and task list export."""

import datetime as dt
import io

from chiso.plans import queries
from chiso.plans.models import (
    CONTROL_CHARS,
    NARRATIVE_MAX,
    ReportingPeriod,
    SubmissionStatus,
    TaskStatus,
)

STATUS_VI = dict(TaskStatus.choices)


def consolidated(period: ReportingPeriod, today: dt.date | None = None) -> dict:
    """Rows across units for one period: submission state, value per target, status per task."""
    today = today or dt.date.today()
    d = period.directive
    units = queries.reporting_units(d)
    targets = list(d.targets.order_by("id"))
    subs = {
        s.unit_id: s
        for s in period.submissions.select_related("unit").prefetch_related("values", "task_rows__task")
    }
    rows = []
    for u in units:
        s = subs.get(u.pk)
        submitted = s is not None and s.status == SubmissionStatus.SUBMITTED
        vals = {v.target_id: v.value for v in s.values.all()} if s else {}
        tasks = list(s.task_rows.all()) if s else []
        done = sum(1 for r in tasks if r.status == TaskStatus.DONE)
        rows.append(
            {
                "unit": u,
                "submitted": submitted,
                "submitted_at": s.submitted_at if submitted else None,
                "on_time": s.on_time if submitted else None,
                "values": [vals.get(t.pk) for t in targets],
                "tasks_done": done,
                "tasks_total": len(tasks) or d.tasks.filter(unit=u).count(),
                "narrative": s.narrative if s else "",
            }
        )
    n_sub = sum(1 for r in rows if r["submitted"])
    return {
        "period": period,
        "directive": d,
        "targets": targets,
        "rows": rows,
        "submitted": n_sub,
        "on_time": sum(1 for r in rows if r["on_time"]),
        "expected": len(rows),
        "today": today,
    }


def _state(r) -> str:
    if not r["submitted"]:
        return "Chưa gửi"
    return "Đúng hạn" if r["on_time"] else "Trễ hạn"


def consolidated_xlsx(period: ReportingPeriod) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    data = consolidated(period)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    d = data["directive"]
    ws.append([f"TỔNG HỢP BÁO CÁO {period.label.upper()}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Thực hiện {d}"])
    ws.append(
        [
            f"Hạn báo cáo: {period.due:%d/%m/%Y} — đã gửi {data['submitted']}/{data['expected']} đơn vị, đúng hạn {data['on_time']}"
        ]
    )
    ws.append([])
    header = ["STT", "Đơn vị", "Tình trạng", "Ngày gửi"]
    header += [f"{t.metric_text[:80]} ({t.goal_label})" for t in data["targets"]]
    header += ["Nhiệm vụ hoàn thành", "Tổng số nhiệm vụ", "Thuyết minh"]
    ws.append(header)
    for c in ws[5]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for i, r in enumerate(data["rows"], 1):
        ws.append(
            [
                i,
                r["unit"].name,
                _state(r),
                r["submitted_at"].strftime("%d/%m/%Y") if r["submitted_at"] else "",
            ]
            + [float(v) if v is not None else None for v in r["values"]]
            + [r["tasks_done"], r["tasks_total"], r["narrative"]]
        )
    for row in ws.iter_rows(min_row=6, min_col=5, max_col=4 + len(data["targets"])):
        for c in row:
            c.number_format = "#,##0.00"
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 12
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def vnformat_number(v, decimals: int = 2) -> str:
    if v is None:
        return ""
    f = float(v)
    if f == int(f):
        return f"{int(f):,}".replace(",", ".")
    return f"{f:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def consolidated_docx(period: ReportingPeriod, place: str = "") -> bytes:
    """A report in the layout of Nghị định 30/2020/NĐ-CP: header table, national motto, title, body,
    a results table, recipients and signature block. Times New Roman 13."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    data = consolidated(period)
    d = data["directive"]
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def para(text="", bold=False, italic=False, align=None, size=None, container=None):
        p = (container or doc).add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        return p

    province = d.unit.province() or d.unit
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.paragraphs[0].text = ""
    para(f"UBND {province.name.upper()}", container=left, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    para(
        "CƠ QUAN THƯỜNG TRỰC CẢI CÁCH HÀNH CHÍNH",
        bold=True,
        container=left,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=12,
    )
    para("Số:        /BC-CCHC", container=left, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    para(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        bold=True,
        container=right,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=12,
    )
    para("Độc lập - Tự do - Hạnh phúc", bold=True, container=right, align=WD_ALIGN_PARAGRAPH.CENTER)
    today = data["today"]
    where = place or province.name.replace("Tỉnh ", "").replace("Thành phố ", "")
    para(
        f"{where}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
        italic=True,
        container=right,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    para()
    para("BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    para(
        f"Kết quả thực hiện {d.get_kind_display() or 'văn bản'} {d.number}".strip(),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=14,
    )
    para(period.label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    para("_______________", align=WD_ALIGN_PARAGRAPH.CENTER)
    para()
    body = (
        f"Thực hiện {d}, đến ngày {today:%d/%m/%Y} có {data['submitted']}/{data['expected']} đơn vị gửi báo cáo "
        f"{period.label.lower()} (hạn {period.due:%d/%m/%Y}), trong đó {data['on_time']} đơn vị gửi đúng hạn. "
        "Kết quả tổng hợp như sau:"
    )
    p = para(body, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    p.paragraph_format.first_line_indent = Cm(1)
    para("I. TÌNH HÌNH GỬI BÁO CÁO VÀ KẾT QUẢ THỰC HIỆN", bold=True)
    cols = (
        ["STT", "Đơn vị", "Tình trạng"]
        + [t.metric_text[:40] for t in data["targets"][:4]]
        + ["Nhiệm vụ hoàn thành"]
    )
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, text in zip(table.rows[0].cells, cols, strict=True):
        c.paragraphs[0].add_run(text).bold = True
    for i, r in enumerate(data["rows"], 1):
        cells = table.add_row().cells
        vals = [str(i), r["unit"].name, _state(r)]
        vals += [vnformat_number(v) for v in r["values"][:4]]
        vals += [f"{r['tasks_done']}/{r['tasks_total']}"]
        for c, text in zip(cells, vals, strict=True):
            c.paragraphs[0].add_run(text).font.size = Pt(11)
    para()
    para("II. ĐƠN VỊ CHƯA GỬI BÁO CÁO", bold=True)
    missing = [r["unit"].name for r in data["rows"] if not r["submitted"]]
    para(
        "; ".join(missing) + "." if missing else "Tất cả đơn vị đã gửi báo cáo.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    para()
    sign = doc.add_table(rows=1, cols=2)
    lcell, rcell = sign.rows[0].cells
    para("Nơi nhận:", bold=True, italic=True, container=lcell, size=12)
    para("- UBND tỉnh (báo cáo);", container=lcell, size=11)
    para("- Các đơn vị liên quan;", container=lcell, size=11)
    para("- Lưu: VT.", container=lcell, size=11)
    para("THỦ TRƯỞNG CƠ QUAN", bold=True, container=rcell, align=WD_ALIGN_PARAGRAPH.CENTER)
    para("(Ký, ghi rõ họ tên)", italic=True, container=rcell, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def tasks_xlsx(tasks) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append(
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Văn bản", "Thời hạn", "Trạng thái", "Tiến độ (%)", "Quá hạn"]
    )
    for c in ws[1]:
        c.font = Font(bold=True)
    today = dt.date.today()
    for i, t in enumerate(tasks, 1):
        ws.append(
            [
                i,
                t.title,
                t.unit.name,
                t.directive.number if t.directive_id else "",
                t.deadline_label(),
                STATUS_VI.get(t.status, t.status),
                t.progress,
                "Quá hạn" if t.is_overdue(today) else "",
            ]
        )
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 30
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# The report template carries what an upload needs to check it belongs to this directive, unit and
# period: a hidden sheet of metadata and two hidden columns (row key, unit code). Version 1 (before
# uploads) had neither; version 2 had no narrative and left blank cells alone. Both are refused on
# upload with a clear message: since version 3 the file is the unit's whole draft (a blank cell clears).
TEMPLATE_FORMAT = "chiso.plans.mau-bao-cao"
TEMPLATE_VERSION = 3
TEMPLATE_SHEET = "Mẫu báo cáo"
META_SHEET = "_chiso"
TEMPLATE_HEADER = [
    "Đơn vị",
    "Loại",
    "STT",
    "Nội dung",
    "Mục tiêu / Thời hạn",
    "Kết quả",
    "Trạng thái",
    "Tiến độ (%)",
    "Ghi chú",
    "Mã dòng",
    "Mã đơn vị",
]
HEADER_ROW = 4
# The narrative of a unit's report (period templates only): its own sheet, two fixed label cells, the
# text from NARRATIVE_ROW down in column A.
NARRATIVE_SHEET = "Thuyết minh"
NARRATIVE_LABELS = (
    "THUYẾT MINH (NỘI DUNG BÁO CÁO) CỦA ĐƠN VỊ",
    "Ghi thuyết minh vào ô A3 (xuống dòng trong ô: Alt+Enter); có thể viết tiếp ở các ô bên dưới trong "
    "cột A, mỗi ô một đoạn. Ô để trống là xóa thuyết minh đang có trong bản nháp. Tối đa "
    f"{NARRATIVE_MAX:,} ký tự. Không sửa hai dòng hướng dẫn này.".replace(",", "."),
)
NARRATIVE_ROW = 3


def _cell_text(text: str | None) -> str | None:
    """Text as a cell can hold it (an XLSX refuses control characters, e.g. a PDF's form feed)."""
    return CONTROL_CHARS.sub("", text) if text else None


def template_xlsx(directive, units, period=None, submissions: dict | None = None) -> bytes:
    """The report template (appendix) of a directive: one sheet listing, per unit, its targets and
    tasks with columns for the result, status, progress and notes. With a period (the unit's
    submission page), the file names it, is pre-filled with the unit's current report
    (`submissions` {unit id: Submission}) and has a sheet for the narrative; such a file can be
    uploaded back, as the unit's whole draft."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from chiso.plans import queries

    submissions = submissions or {}
    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLATE_SHEET
    ws.append([_cell_text(f"PHỤ LỤC: MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN {str(directive).upper()[:200]}")])
    ws["A1"].font = Font(bold=True, size=12)
    status_list = "trạng thái: " + ", ".join(STATUS_VI.values())
    ws.append(
        [
            "(Tệp này là toàn bộ báo cáo nháp của đơn vị: điền cột Kết quả, Trạng thái, Tiến độ, Ghi chú "
            f"và trang “{NARRATIVE_SHEET}”; ô để trống sẽ xóa giá trị đang có trong bản nháp; {status_list}; "
            "không sửa hai cột ẩn Mã dòng, Mã đơn vị)"
        ]
        if period is not None
        else [
            f"(Đơn vị điền cột Kết quả, Trạng thái, Tiến độ và Ghi chú; {status_list}; "
            "không sửa hai cột ẩn Mã dòng, Mã đơn vị)"
        ]
    )
    where = "; ".join(f"{u.name} ({u.code})" for u in units)
    ws.append(
        [f"Đơn vị: {where} — {period.label}, hạn báo cáo {period.due:%d/%m/%Y}"]
        if period is not None
        else [f"Đơn vị: {where}"]
    )
    ws.append(TEMPLATE_HEADER)
    for c in ws[HEADER_ROW]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for u in units:
        tpl = queries.template_for(directive, u)
        sub = submissions.get(u.pk)
        vals = {v.target_id: v.value for v in sub.values.all()} if sub else {}
        rows = {r.task_id: r for r in sub.task_rows.all()} if sub else {}
        for i, t in enumerate(tpl["targets"], 1):
            v = vals.get(t.pk)
            ws.append(
                [u.name, "Chỉ tiêu", i, _cell_text(t.metric_text), t.goal_label]
                + [float(v) if v is not None else None, None, None, None, f"CT-{t.pk}", u.code]
            )
        for i, t in enumerate(tpl["tasks"], 1):
            r = rows.get(t.pk)
            filled = [STATUS_VI[r.status], r.progress, _cell_text(r.note)] if r else [None, None, None]
            ws.append(
                [u.name, "Nhiệm vụ", i, _cell_text(t.title), t.deadline_label(), None]
                + filled
                + [f"NV-{t.pk}", u.code]
            )
    if ws.max_row > HEADER_ROW:
        statuses = DataValidation(
            type="list", formula1='"' + ",".join(STATUS_VI.values()) + '"', allow_blank=True
        )
        statuses.error = "Chọn một trạng thái trong danh sách"
        ws.add_data_validation(statuses)
        statuses.add(f"G{HEADER_ROW + 1}:G{ws.max_row}")
    for col, width in zip("ABCDEFGHI", (28, 10, 5, 70, 22, 12, 16, 10, 30), strict=True):
        ws.column_dimensions[col].width = width
    for col in "JK":
        ws.column_dimensions[col].hidden = True
    if period is not None:
        _narrative_sheet(wb, submissions.get(units[0].pk) if units else None)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for row in [
        ("format", TEMPLATE_FORMAT),
        ("version", TEMPLATE_VERSION),
        ("directive", directive.pk),
        ("directive_number", directive.number),
        ("directive_sha256", directive.sha256),
        ("units", ",".join(u.code for u in units)),
        ("period", period.code if period is not None else ""),
    ]:
        meta.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _narrative_sheet(wb, sub) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(NARRATIVE_SHEET)
    for row, text in enumerate(NARRATIVE_LABELS, 1):
        ws.cell(row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"].font = Font(italic=True)
    cell = ws.cell(NARRATIVE_ROW, 1, _cell_text(sub.narrative) if sub else None)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 120
    ws.row_dimensions[2].height = 45
    ws.row_dimensions[NARRATIVE_ROW].height = 300
