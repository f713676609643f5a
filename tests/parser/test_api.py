"""The parser's public API: shapes, spans, the command-line contract."""

import json
import unicodedata

import pytest

from chiso.lib.directive_parser import extract_text, normalise_agency, parse, recurrence

SAMPLE = """ỦY BAN NHÂN DÂN
TỈNH MẪU
Số: 12/CT-UBND

Mẫu, ngày 03 tháng 02 năm 2025

CHỈ THỊ
Về nâng cao Chỉ số cải cách hành chính

Năm 2024, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh xếp thứ 30/63 (giảm 04 bậc so với năm 2023).
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành thực hiện các nội dung sau:
1. Sở Nội vụ:
- Chủ trì, phối hợp với Sở TT&TT tham mưu ban hành kế hoạch; hoàn thành trong tháng 3/2025.
- Định kỳ hằng quý (chậm nhất ngày 15 của tháng cuối quý) báo cáo UBND tỉnh.
2. Văn phòng UBND tỉnh:
- Bảo đảm tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98%, trước ngày 31/12/2025.
"""


def test_shapes_and_spans():
    r = parse(SAMPLE)
    assert set(r) == {"document", "rankings", "targets", "tasks", "reporting"}
    assert r["document"] == {
        "kind": "Chỉ thị",
        "number": "12/CT-UBND",
        "date": "2025-02-03",
        "issuer": "Ủy ban nhân dân tỉnh Mẫu",
    }
    for key in ("rankings", "targets", "tasks", "reporting"):
        for item in r[key]:
            assert item["quote"] == SAMPLE[item["start"] : item["end"]]
    (rank,) = r["rankings"]
    assert (rank["index"], rank["year"], rank["rank"], rank["of"], rank["change"]) == (
        "PAR INDEX",
        2024,
        30,
        63,
        -4,
    )
    (target,) = r["targets"]
    assert (target["operator"], target["value"], target["unit"]) == (">=", 98, "%")
    assert target["deadline"] == "2025-12-31"
    leads = [t["lead_unit"] for t in r["tasks"]]
    assert leads == ["Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"]
    assert r["tasks"][0]["deadline"] == "2025-03" and r["tasks"][0]["deadline_kind"] == "month"
    assert r["tasks"][0]["partners"] == ["Sở Thông tin và Truyền thông"]
    assert r["tasks"][1]["deadline"] == "2025-12-31"
    (rep,) = r["reporting"]
    assert rep["frequency"] == "quarterly" and rep["due"] == {"day": 15, "month_in_period": "last"}
    assert rep["to"] == "Ủy ban nhân dân tỉnh"


def test_public_helpers():
    assert normalise_agency("Sở KH&ĐT") == "Sở Kế hoạch và Đầu tư"
    assert recurrence("hằng năm trước 12/12") == {"frequency": "yearly", "day": 12, "month": 12}


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as combining characters after a precomposed base."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258"])
def test_extract_txt_encodings(encoding):
    text = "Sở Nội vụ: hoàn thành trong tháng 6/2018."
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    assert extract_text(data, "a.txt") == text


def test_command_json(tmp_path, capsys):
    from django.core.management import call_command

    f = tmp_path / "ct.txt"
    f.write_text(SAMPLE, encoding="utf-8")
    call_command("parse_directive", str(f), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["document"]["number"] == "12/CT-UBND"
    assert out["tasks"][0]["lead_unit"] == "Sở Nội vụ"


def test_extract_docx_keeps_paragraphs_and_tables():
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("CHỈ THỊ")
    d.add_paragraph("- Sở Nội vụ: hoàn thành trong tháng 6/2018.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Chỉ tiêu"
    table.rows[0].cells[1].text = "tối thiểu 70%"
    buf = io.BytesIO()
    d.save(buf)
    text = extract_text(buf.getvalue(), "chi-thi.docx")
    assert text.splitlines()[:2] == ["CHỈ THỊ", "- Sở Nội vụ: hoàn thành trong tháng 6/2018."]
    assert "Chỉ tiêu\ttối thiểu 70%" in text
    assert text == unicodedata.normalize("NFC", text)


def test_extract_pdf_text_layer(tmp_path):
    from pathlib import Path

    from fpdf import FPDF

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf = FPDF()
    pdf.add_page()
    if font.exists():
        pdf.add_font("dejavu", fname=str(font))
        pdf.set_font("dejavu", size=12)
        line = "Sở Nội vụ: hoàn thành trong tháng 6/2018."
    else:  # the core fonts have no Vietnamese letters
        pdf.set_font("helvetica", size=12)
        line = "So Noi vu: hoan thanh trong thang 6/2018."
    pdf.cell(text=line)
    text = extract_text(bytes(pdf.output()), "a.pdf")
    assert line in text


def test_extract_rejects_scans_and_old_doc():
    from fpdf import FPDF

    from chiso.lib.directive_parser import ExtractError

    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(ExtractError, match="không có lớp văn bản"):
        extract_text(bytes(pdf.output()), "scan.pdf")
    with pytest.raises(ExtractError, match=r"\.doc"):
        extract_text(b"\xd0\xcf\x11\xe0", "old.doc")
    with pytest.raises(ExtractError):
        extract_text(b"PK\x03\x04 not a real docx", "broken.docx")


def test_command_errors_and_text_output(tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("parse_directive", str(tmp_path / "missing.txt"))
    f = tmp_path / "ct.txt"
    f.write_text(SAMPLE, encoding="utf-8")
    call_command("parse_directive", str(f))
    out = capsys.readouterr().out
    assert "Số: 12/CT-UBND" in out and "Ngày: 03/02/2025" in out
    assert "Sở Nội vụ: Chủ trì, phối hợp với Sở TT&TT tham mưu ban hành kế hoạch" in out
    assert "≥ 98%" in out


def test_pdf_lines_wrapped_at_the_page_width_are_joined():
    from chiso.lib.directive_parser.extract import _unwrap

    page = (
        "UBND tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:\n"
        "1. Sở Nội vụ:\n"
        "- Chủ trì, phối hợp với Sở Tư pháp, Sở Thông tin và Truyền thông, Văn phòng\n"
        "UBND tỉnh tham mưu ban hành Quy chế đánh giá cán bộ, công chức gắn với kết\n"
        "quả giải quyết thủ tục hành chính; hoàn thành trong tháng 9/2025.\n"
        "- Tổng hợp kết quả thực hiện, báo cáo UBND tỉnh trước ngày 15/12/2025.\n"
        "2. Văn phòng UBND tỉnh:\n"
    )
    lines = _unwrap(page).splitlines()
    assert lines[2].startswith("- Chủ trì") and lines[2].endswith("trong tháng 9/2025.")
    assert lines[3].startswith("- Tổng hợp") and lines[4] == "2. Văn phòng UBND tỉnh:"
    tasks = parse(_unwrap(page))["tasks"]
    assert [(t["lead_unit"], t["deadline"]) for t in tasks] == [
        ("Sở Nội vụ", "2025-09"),
        ("Sở Nội vụ", "2025-12-15"),
    ]
    assert tasks[0]["partners"] == [
        "Sở Tư pháp",
        "Sở Thông tin và Truyền thông",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ]


def test_docx_automatic_list_numbers_are_rebuilt():
    """Word keeps "1.", "a)", "-" of automatic lists outside the text; the reader puts them back."""
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Chủ tịch UBND tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:")
    d.add_paragraph("Sở Nội vụ:", style="List Number")
    d.add_paragraph("Tham mưu kiện toàn Ban Chỉ đạo; hoàn thành trong tháng 6/2025.", style="List Bullet 2")
    d.add_paragraph("Văn phòng UBND tỉnh:", style="List Number")
    d.add_paragraph("Theo dõi tiến độ thực hiện.", style="List Bullet 2")
    buf = io.BytesIO()
    d.save(buf)
    text = extract_text(buf.getvalue(), "ct.docx")
    assert text.splitlines()[1:] == [
        "1. Sở Nội vụ:",
        "- Tham mưu kiện toàn Ban Chỉ đạo; hoàn thành trong tháng 6/2025.",
        "2. Văn phòng UBND tỉnh:",
        "- Theo dõi tiến độ thực hiện.",
    ]
    tasks = parse(text)["tasks"]
    assert [(t["lead_unit"], t["deadline"]) for t in tasks] == [
        ("Sở Nội vụ", "2025-06"),
        ("Văn phòng Ủy ban nhân dân tỉnh", None),
    ]
