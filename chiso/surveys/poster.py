"""QR codes (segno) and the A5 poster PDF (fpdf2, DejaVu Sans for Vietnamese glyphs)."""

import io
from pathlib import Path

import segno

FONTS = Path(__file__).with_name("fonts")


def qr_svg(url: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False)
    return out.getvalue()


def qr_png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def poster_pdf(unit_name: str, url: str, parent_name: str = "", title: str = "") -> bytes:
    """An A5 portrait poster: the unit's name, a call to answer, the QR code and the short URL."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format=(148, 210))  # A5
    pdf.set_auto_page_break(False)
    pdf.set_margins(10, 10, 10)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Khảo sát sự hài lòng – {unit_name}")
    pdf.add_page()
    width = pdf.w - 20
    pdf.set_fill_color(0, 84, 147)
    pdf.rect(0, 0, pdf.w, 14, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_xy(10, 4)
    pdf.cell(width, 6, "KHẢO SÁT SỰ HÀI LÒNG", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(10, 20)
    if parent_name:
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(width, 5, parent_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(width, 7.5, unit_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(
        width,
        5.5,
        title or "Xin Ông/Bà dành 1 phút cho biết mức độ hài lòng với việc giải quyết thủ tục hành chính.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    qr = qr_png(url, scale=12)
    size = 90
    y = max(pdf.get_y() + 4, 62)
    pdf.image(io.BytesIO(qr), x=(pdf.w - size) / 2, y=y, w=size, h=size)
    pdf.set_xy(10, y + size + 3)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        width, 5, "Quét mã QR bằng camera điện thoại hoặc truy cập:", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(width, 6, url, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(10, pdf.h - 18)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(
        width,
        4,
        "Phiếu không ghi tên, không cần đăng nhập. Mỗi hồ sơ chỉ đánh giá một lần. Xin trân trọng cảm ơn!",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
