"""Mẫu 04 — "Phiếu xin lỗi và hẹn lại ngày trả kết quả" as a DOCX in the layout of a Vietnamese
administrative document (Nghị định 30/2020/NĐ-CP): issuing body and number on the left, the
national motto on the right, place and date, title, body, signature block; Times New Roman."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from chiso.dossiers.models import Apology


def _font(run, size=13, bold=False, italic=False):
    run.font.name = "Times New Roman"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def _para(
    container,
    text="",
    size=13,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    space_after=3,
    indent=None,
):
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if indent is not None:
        p.paragraph_format.first_line_indent = Cm(indent)
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


# The head of the issuing body who signs a Mẫu 04, by the body's name (folded) and then by its kind.
_TITLE_BY_NAME = [
    ("van phong", "Chánh Văn phòng"),
    ("thanh tra", "Chánh Thanh tra"),
    ("ban ", "Trưởng ban"),
    ("so ", "Giám đốc"),
    ("trung tam", "Giám đốc"),
    ("chi cuc", "Chi cục trưởng"),
    ("cuc ", "Cục trưởng"),
    ("uy ban nhan dan", "Chủ tịch"),
    ("ubnd", "Chủ tịch"),
]
_TITLE_BY_KIND = {
    "department": "Giám đốc",
    "province": "Chủ tịch",
    "district": "Chủ tịch",
    "commune": "Chủ tịch",
    "ward": "Chủ tịch",
    "town": "Chủ tịch",
    "special_zone": "Chủ tịch",
}


def default_signer_title(unit) -> str:
    """The usual title of who signs an apology letter for the unit handling the dossier: "Giám đốc"
    for a Sở or a service centre, "Chánh Văn phòng" for Văn phòng UBND, "Chủ tịch" for a People's
    Committee; a one-stop desk (Bộ phận Một cửa) answers for its commune or agency."""
    from chiso.lib.vntext import fold

    seen = 0
    while unit is not None and seen < 5:
        name = fold(unit.name or "")
        for prefix, title in _TITLE_BY_NAME:
            if name.startswith(prefix):
                return title
        if unit.kind in _TITLE_BY_KIND:
            return _TITLE_BY_KIND[unit.kind]
        unit, seen = unit.parent, seen + 1  # a desk: its parent's head signs
    return "Thủ trưởng cơ quan"


def _when(d) -> str:
    return f"{d:%H} giờ {d:%M} phút, ngày {d:%d} tháng {d:%m} năm {d:%Y}" if d else "…"


def apology_docx(ap: Apology) -> bytes:
    d = ap.dossier
    unit = d.unit
    parent = unit.parent
    province = unit.province()
    place = province.name.replace("Tỉnh ", "").replace("Thành phố ", "") if province else ""
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin = sec.bottom_margin = Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(left.paragraphs[0].add_run((parent.name if parent else "").upper()), 12)
    _para(left, unit.name.upper(), 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(left, "———————", 12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    _para(left, f"Số: {ap.number or '…'}", 13, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "———————————", 12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    _para(
        right,
        f"{place}, ngày {ap.issued_on:%d} tháng {ap.issued_on:%m} năm {ap.issued_on:%Y}",
        13,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(doc, "", space_after=6)
    _para(
        doc,
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    who = d.applicant or "Ông/Bà"
    _para(doc, f"Kính gửi: {who}.", 14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    received = d.received_at
    _para(
        doc,
        f"Ngày {received:%d/%m/%Y}, {unit.name} tiếp nhận hồ sơ của {who} đề nghị giải quyết thủ tục "
        f"{d.procedure.name}.",
        indent=1,
    )
    _para(doc, f"Mã hồ sơ: {d.code}.", indent=1)
    _para(
        doc, f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {_when(d.due_original_at or d.due_at)}.", indent=1
    )
    _para(
        doc,
        f"Tuy nhiên, đến nay, {unit.name} chưa trả kết quả giải quyết hồ sơ cho {who} đúng hẹn ghi trên "
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        indent=1,
    )
    _para(doc, f"Lý do: {ap.reason}", indent=1)
    _para(
        doc,
        f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của {who}. {unit.name} xin lỗi "
        f"{who} và hẹn lại ngày trả kết quả giải quyết hồ sơ vào {_when(ap.new_due_at)}.",
        indent=1,
    )
    _para(doc, f"Mong nhận được sự thông cảm của {who}./.", indent=1, space_after=12)
    sign = doc.add_table(rows=1, cols=2)
    l2, r2 = sign.rows[0].cells
    l2.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(l2.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    _para(l2, "- Như trên;", 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _para(l2, "- Lưu: VT, hồ sơ.", 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    r2.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(r2.paragraphs[0].add_run((ap.signer_title or "Thủ trưởng cơ quan").upper()), 13, bold=True)
    _para(
        r2,
        "(Ký, ghi rõ họ tên và đóng dấu)",
        12,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=48,
    )
    _para(r2, ap.signer or "", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
