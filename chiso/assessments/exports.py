"""Exports of results: the XLSX table and the DOCX appendix of the publication decision."""

import io

from chiso.assessments.models import Campaign
from chiso.lib import vnformat


def results_xlsx(campaign: Campaign, rows, roots) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    ws.append([f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {campaign.year}"])
    ws.append([campaign.name])
    ws.append([])
    head = ["Xếp hạng", "Mã đơn vị", "Đơn vị", "Tổng điểm", "Điểm tối đa áp dụng", "Chỉ số (%)", "Xếp loại"]
    head += [f"LV {r.code} (%)" for r in roots]
    head += ["Chỉ số năm trước", "Thay đổi thứ hạng"]
    ws.append(head)
    for c in ws[4]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    ws["A1"].font = Font(bold=True, size=13)
    for r in rows:
        a = r["a"]
        line = [a.rank, a.unit.code, a.unit.name, _f(a.points), _f(a.max_points), _f(a.index), a.grade]
        line += [_f(v) for _, v in r["fields"]]
        line += [
            _f(r["prev_index"]),
            vnformat.rank_change(r["rank_change"]) if r["rank_change"] is not None else "",
        ]
        ws.append(line)
        for c in ws[ws.max_row][3:6]:
            c.number_format = "0.00"
    for col, w in zip("ABCDEFG", [9, 12, 40, 11, 12, 11, 12], strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "D5"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _f(v):
    return float(v) if v not in (None, "") else None


def decision_appendix_docx(campaign: Campaign, rows) -> bytes:
    """Phụ lục kèm theo Quyết định công bố: a table laid out as a Vietnamese administrative appendix."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def para(text, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=None):
        p = doc.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return p

    para("Phụ lục", bold=True)
    para(f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {campaign.year}", bold=True)
    para(campaign.criteria_set.get_unit_type_display().upper(), bold=True)
    num = campaign.decision_number or "……"
    when = vnformat.date(campaign.decision_date) if campaign.decision_date else "…/…/……"
    para(f"(Kèm theo Quyết định số {num} ngày {when} của Ủy ban nhân dân tỉnh)", italic=True)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["STT", "Đơn vị", "Tổng điểm", "Chỉ số (%)", "Xếp loại", "Xếp hạng"], strict=True
    ):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, r in enumerate(rows, 1):
        a = r["a"]
        cells = table.add_row().cells
        values = [
            str(i),
            a.unit.name,
            vnformat.number(a.points),
            vnformat.number(a.index),
            a.grade,
            str(a.rank or ""),
        ]
        for j, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            if j != 1:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(1.2), Cm(7)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
