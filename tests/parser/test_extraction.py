"""The text layer: documents as they come out of PDF/DOCX extraction read as the clean document.

Every text here is invented; each test names the artefact it reads away.
"""

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.lib.directive_parser import parse
from chiso.lib.directive_parser.extraction import clean_text

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH HÒA LÂM\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 77/KH-UBND\nHòa Lâm, ngày 02 tháng 3 năm 2027\n"
    "KẾ HOẠCH\nNâng cao chất lượng phục vụ người dân năm 2027\n"
)
TAIL = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Khải\n"


def _task(result, words):
    found = [t for t in result["tasks"] if words in t["quote"]]
    assert found, [t["quote"] for t in result["tasks"]]
    return found[0]


def _reading(result, inside=""):
    """(lead, deadline) of the tasks whose quote holds `inside` (a tab, a line break, a pipe)."""
    return [(t["lead_unit"], t["deadline"]) for t in result["tasks"] if inside in t["quote"]]


def _quotes_are_spans(text, result):
    for kind in ("targets", "tasks", "reporting"):
        for item in result[kind]:
            assert item["quote"] == text[item["start"] : item["end"]]


def test_clean_text_keeps_every_offset():
    text = HEAD + "1. Sở Y tế rà soát hồ sơ1 và\n1 Theo Công văn số 5/SYT.\n- 2 -\nbáo cáo kết quả.\n" + TAIL
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert "Theo Công văn" not in cleaned and "- 2 -" not in cleaned


def test_bold_markers_left_by_conversion_do_not_hide_an_agency_heading():
    text = (
        HEAD
        + "II. NHIỆM VỤ\n**1. Sở Nông nghiệp và Môi trường**\n"
        + "a) Rà soát quy trình cấp đổi giấy chứng nhận trực tuyến; hoàn thành trước ngày 15/5/2027.\n"
        + "**2. Sở Văn hóa, Thể thao và Du lịch**\n"
        + "a) Số hóa hồ sơ di tích cấp tỉnh; hoàn thành trong tháng 9/2027.\n"
        + TAIL
    )
    result = parse(text)
    first = _task(result, "cấp đổi giấy chứng nhận")
    assert first["lead_unit"] == "Sở Nông nghiệp và Môi trường"
    assert first["deadline"] == "2027-05-15"
    assert _task(result, "di tích cấp tỉnh")["lead_unit"] == "Sở Văn hóa, Thể thao và Du lịch"
    _quotes_are_spans(text, result)


def test_footnote_and_page_number_inside_an_item_do_not_cut_its_sentence():
    text = (
        HEAD
        + "II. NHIỆM VỤ\nUBND tỉnh giao:\n"
        + "1. Sở Xây dựng rà soát quy trình cấp giấy phép xây dựng4 và gửi kết quả rà soát, danh mục thủ tục\n"
        + "4 Theo Quyết định số 12/QĐ-UBND ngày 05/01/2027 của UBND tỉnh, tỷ lệ đúng hạn đạt 97,5%.\n"
        + "3\n"
        + "cần đơn giản hóa về Sở Nội vụ trước ngày 30/9/2027.\n"
        + "2. Sở Tư pháp hướng dẫn chứng thực điện tử; hoàn thành trong tháng 10/2027.\n"
        + TAIL
    )
    result = parse(text)
    task = _task(result, "cấp giấy phép xây dựng")
    assert task["lead_unit"] == "Sở Xây dựng"
    assert task["deadline"] == "2027-09-30"
    # the footnote holds neither a task nor a target
    assert not [t for t in result["tasks"] if t["quote"].startswith("4 Theo")]
    assert not [t for t in result["targets"] if t["value"] == 97.5]
    _quotes_are_spans(text, result)


def test_page_number_between_the_halves_of_a_sentence():
    text = (
        HEAD
        + "II. NHIỆM VỤ\n"
        + "1. Sở Nội vụ tổ chức tập huấn nghiệp vụ cho công chức một cửa các xã, phường và\n"
        + "- 2 -\n"
        + "tổng hợp kết quả trước ngày 30/6/2027.\n"
        + "Trang 2/4\n"
        + "2. Sở Tài chính bố trí kinh phí số hóa hồ sơ; hoàn thành trong tháng 8/2027.\n"
        + TAIL
    )
    result = parse(text)
    assert not [t for t in result["tasks"] if "Trang 2/4" in t["quote"] or t["quote"].startswith("- 2 -")]
    task = _task(result, "tập huấn nghiệp vụ")
    assert task["lead_unit"] == "Sở Nội vụ"
    assert task["deadline"] == "2027-06-30"
    assert _task(result, "bố trí kinh phí")["deadline"] == "2027-08"


def test_hard_wrapped_lines_are_read_as_one_sentence():
    # a PDF copied line by line: every line full, the break falling inside "tối thiểu" and "ít nhất"
    first = (
        "a) Chỉ đạo các xã, phường rà soát, công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa và trên "
        "Cổng Dịch vụ công của tỉnh, bảo đảm người dân tra cứu được trạng thái hồ sơ ở mọi nơi; phấn đấu đến "
        "hết năm 2028, tỷ lệ hồ sơ nộp trực tuyến toàn trình đạt tối thiểu 65% trên tổng số hồ sơ tiếp nhận của "
        "các xã, phường, đặc khu trên địa bàn tỉnh."
    )
    second = (
        "b) Sắp xếp, bố trí đủ công chức làm việc tại Bộ phận Một cửa cấp xã, bảo đảm mỗi xã, phường có ít "
        "nhất 04 công chức tiếp nhận hồ sơ; hoàn thành trong Quý IV/2027 theo đúng lộ trình của Ủy ban nhân dân "
        "tỉnh đã phê duyệt cho giai đoạn 2027 - 2030."
    )
    wrapped = textwrap.fill(first, width=87) + "\n" + textwrap.fill(second, width=87) + "\n"
    assert "tối\nthiểu" in wrapped
    text = HEAD + "II. NHIỆM VỤ\n1. Đối với Ủy ban nhân dân các xã, phường\n" + wrapped + TAIL
    result = parse(text)
    floors = [t for t in result["targets"] if t["value"] == 65]
    assert floors and floors[0]["operator"] == ">="
    staff = [t for t in result["targets"] if t["value"] == 4]
    assert staff and staff[0]["operator"] == ">="
    _quotes_are_spans(text, result)


def test_short_lines_of_a_plain_document_are_not_joined():
    # a document that is not hard-wrapped keeps its line breaks (a table cell per line, a title)
    text = HEAD + "1. Sở Nội vụ rà soát hồ sơ\nSở Tư pháp hướng dẫn chứng thực\n" + TAIL
    assert clean_text(text) == text


def test_digital_signature_stamp_before_the_header_is_blanked():
    stamp = "Ký bởi: Ủy ban nhân dân tỉnh Hòa Lâm\nCơ quan: Tỉnh Hòa Lâm\nThời gian ký: 02.03.2027 09:15:40 +07:00\n"
    text = stamp + HEAD + "1. Sở Nội vụ rà soát hồ sơ; hoàn thành trong tháng 5/2027.\n" + TAIL
    cleaned = clean_text(text)
    assert cleaned[: len(stamp)].strip() == ""
    result = parse(text)
    assert result["document"]["number"] == "77/KH-UBND"
    assert result["document"]["date"] == "2027-03-02"


def test_table_flattened_to_one_cell_per_line():
    # a DOCX table copied as text: header cells one per line, then each row's number and cells, an empty cell
    # as an empty line
    table = (
        "III. PHÂN CÔNG THỰC HIỆN\nSTT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời hạn\n"
        "1\nCập nhật cơ sở dữ liệu đất đai của các xã vào hệ thống dùng chung\nSở Nông nghiệp và Môi trường\n"
        "Sở Khoa học và Công nghệ\nTháng 7/2027\n"
        "2\nTập huấn kỹ năng tiếp dân cho công chức một cửa\nSở Nội vụ\n\nTrước 20/9/2027\n"
        "3\nKiểm tra việc niêm yết thủ tục tại các xã\nVăn phòng UBND tỉnh\nSở Tư pháp\nQuý IV/2027\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai Kế hoạch này.\n"
    )
    result = parse(HEAD + table + TAIL)
    got = set(_reading(result, "\n"))
    assert got == {
        ("Sở Nông nghiệp và Môi trường", "2027-07"),
        ("Sở Nội vụ", "2027-09-20"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "2027-12-31"),
    }
    # the header cells are no tasks
    assert not [
        t for t in result["tasks"] if t["quote"].strip() in ("Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn")
    ]


def test_merged_cells_left_empty_take_the_row_above():
    table = (
        "PHỤ LỤC\n\n| TT | Cơ quan chủ trì | Thời hạn | Nội dung | Cơ quan phối hợp |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Sở Tài chính | Tháng 5/2027 | Rà soát định mức chi cho bộ phận một cửa | Sở Nội vụ |\n"
        "| 2 | | | Hướng dẫn thanh toán phí, lệ phí không dùng tiền mặt | Kho bạc |\n"
        "| 3 | Sở Y tế | Quý III/2027 | Kết nối hồ sơ sức khỏe điện tử với Cổng dịch vụ công | Bảo hiểm xã hội tỉnh |\n"
        "| 4 | | Tháng 11/2027 | Tổng kết việc kết nối dữ liệu khám chữa bệnh | Sở Khoa học và Công nghệ |\n"
    )
    result = parse(HEAD + "II. NHIỆM VỤ\nCác cơ quan thực hiện theo Phụ lục.\n" + TAIL + table)
    rows = {
        t["quote"].split("|")[1].strip(): (t["lead_unit"], t["deadline"])
        for t in result["tasks"]
        if t["quote"].startswith("|")
    }
    assert rows == {
        "1": ("Sở Tài chính", "2027-05"),
        "2": ("Sở Tài chính", "2027-05"),
        "3": ("Sở Y tế", "2027-09-30"),
        "4": ("Sở Y tế", "2027-11"),
    }


def test_lost_list_numbering_agency_line_heads_the_plain_lines_below():
    # a DOCX export that dropped the automatic numbering: headings and items are plain lines
    body = (
        "Chủ tịch UBND tỉnh chỉ thị:\n"
        "Sở Tài chính:\n"
        "Hướng dẫn các xã lập dự toán kinh phí số hóa hồ sơ; hoàn thành trước ngày 31/5/2027.\n"
        "Thẩm định phương án tự chủ của các đơn vị sự nghiệp công lập trong tháng 9/2027.\n"
        "Sở Xây dựng có trách nhiệm:\n"
        "Công bố quy trình nội bộ cấp giấy phép xây dựng; hoàn thành trong Quý III/2027.\n"
        "Sở Y tế báo cáo kết quả khắc phục như sau:\n"
        "Đã hoàn thành việc công khai thủ tục hành chính.\n"
    )
    result = parse(HEAD + body + TAIL)
    assert _task(result, "dự toán kinh phí")["lead_unit"] == "Sở Tài chính"
    assert _task(result, "phương án tự chủ")["lead_unit"] == "Sở Tài chính"
    assert _task(result, "quy trình nội bộ")["lead_unit"] == "Sở Xây dựng"
    # a sentence ending with a colon is no heading: the line after it is no task of Sở Y tế
    assert not [t for t in result["tasks"] if "Đã hoàn thành" in t["quote"] and t["lead_unit"] == "Sở Y tế"]


def test_chapter_headings_of_a_rule_are_no_tasks():
    body = (
        "Các bên thống nhất ban hành Quy chế phối hợp như sau:\n"
        "Chương I. QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi áp dụng\nQuy chế này áp dụng đối với các bên.\n"
        "Chương II. TRÁCH NHIỆM CỦA CÁC BÊN\nĐiều 2. Trách nhiệm của Sở Tư pháp\n"
        "1. Cung cấp danh sách hồ sơ hộ tịch trước ngày 05 hằng tháng.\n"
    )
    result = parse(HEAD + body + TAIL)
    assert not [t for t in result["tasks"] if t["quote"].startswith("Chương")]


def test_row_numbers_of_a_flattened_table_are_not_page_numbers():
    table = (
        "STT\nNội dung\nĐơn vị chủ trì\nThời gian\n"
        "1\nrà soát danh mục thủ tục tiếp nhận qua bưu chính công ích\nBưu điện tỉnh\nTháng 6/2027\n"
        "2\ntập huấn nhân viên bưu điện về số hóa hồ sơ\nSở Khoa học và Công nghệ\nTháng 8/2027\n"
    )
    text = HEAD + table + TAIL
    assert "\n1\n" in clean_text(text) and "\n2\n" in clean_text(text)
    leads = [t["lead_unit"] for t in parse(text)["tasks"] if "\n" in t["quote"]]
    assert leads == ["Bưu điện tỉnh", "Sở Khoa học và Công nghệ"]


def test_markdown_residue_headings_escapes_and_emphasis():
    body = (
        "## II. NHIỆM VỤ\n### 1\\. Sở Tư pháp\n"
        "\\- Rà soát quy trình chứng thực bản sao điện tử; hoàn thành trong tháng 6/2027.\n"
        "### 2\\. Sở Công Thương\n"
        "\\- Hướng dẫn *thương nhân* đăng ký trực tuyến; hoàn thành trong tháng 9/2027.\n"
    )
    result = parse(HEAD + body + TAIL)
    assert _task(result, "chứng thực bản sao")["lead_unit"] == "Sở Tư pháp"
    assert _task(result, "đăng ký trực tuyến")["lead_unit"] == "Sở Công Thương"


def test_superscript_and_bracketed_footnotes_are_read_away():
    body = (
        "II. NHIỆM VỤ\n"
        "1. Sở Xây dựng rà soát quy trình cấp phép xây dựng¹ và danh mục giấy tờ cắt giảm[2], gửi kết quả\n"
        "¹ Theo Quyết định số 40/QĐ-UBND ngày 10/01/2027, tỷ lệ đúng hạn đạt 96,4%.\n"
        "[2] Gồm 14 thủ tục, đạt 82,5% số thủ tục của lĩnh vực.\n"
        "về Sở Nội vụ trước ngày 31/8/2027.\n"
    )
    text = HEAD + body + TAIL
    result = parse(text)
    task = _task(result, "cấp phép xây dựng")
    assert (task["lead_unit"], task["deadline"]) == ("Sở Xây dựng", "2027-08-31")
    assert not [t for t in result["targets"] if t["value"] in (96.4, 82.5)]
    _quotes_are_spans(text, result)


def test_form_feed_and_invisible_characters_from_a_pdf():
    body = (
        "II. NHIỆM VỤ\n1. Sở\u00a0Nội vụ tổ chức\u200b tập huấn cho công chức một cửa các xã, phường và\f"
        "tổng hợp kết quả trước ngày 15/7/2027.\n"
    )
    text = "\ufeff" + HEAD + body + TAIL
    assert len(clean_text(text)) == len(text)
    result = parse(text)
    task = _task(result, "tập huấn")
    assert (task["lead_unit"], task["deadline"]) == ("Sở Nội vụ", "2027-07-15")
    _quotes_are_spans(text, result)


ARTEFACTS = [
    "1. Sở Nội vụ rà soát hồ sơ1 và\n",
    "1 Theo Kế hoạch số 5/KH-UBND.\n",
    "2\n",
    "- 2 -\n",
    "Trang 2/3\n",
    "gửi kết quả trước ngày 30/6/2027.\n",
    "**2. Sở Tư pháp**\n",
    "## III. TỔ CHỨC\n",
    "1\\. Sở Y tế\n",
    "¹ Ghi chú.\n",
    "[3]",
    "*nhấn*",
    "STT\nNội dung\nĐơn vị chủ trì\nThời gian\n",
    "Ký bởi: UBND tỉnh\n",
    "\f",
    "\u200b",
    "\n",
    "đạt tối",
    " thiểu 80%",
    "| 1 | | Quý II/2027 | Rà soát thủ tục |\n",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ARTEFACTS), max_size=40))
def test_clean_text_keeps_length_and_quotes_stay_spans(pieces):
    text = "".join(pieces)
    assert len(clean_text(text)) == len(text)
    result = parse(text)
    _quotes_are_spans(text, result)


def test_running_header_repeated_on_each_page_is_read_away():
    body = (
        "II. NHIỆM VỤ\n"
        "1. Sở Nội vụ tổ chức tập huấn nghiệp vụ cho công chức một cửa các xã, phường và\n"
        "Kế hoạch số 77/KH-UBND của UBND tỉnh Hòa Lâm\n"
        "tổng hợp kết quả trước ngày 30/6/2027.\n"
        "2. Sở Tài chính bố trí kinh phí số hóa hồ sơ của\n"
        "Kế hoạch số 77/KH-UBND của UBND tỉnh Hòa Lâm\n"
        "- 3 -\n"
        "các xã, phường; hoàn thành trong tháng 8/2027.\n"
    )
    text = HEAD + body + TAIL
    result = parse(text)
    assert not [t for t in result["tasks"] if t["quote"].startswith("Kế hoạch số 77")]
    assert (_task(result, "tập huấn")["deadline"], _task(result, "bố trí kinh phí")["deadline"]) == (
        "2027-06-30",
        "2027-08",
    )


def test_html_left_in_a_markdown_table_and_its_alignment_row():
    table = (
        "PHỤ LỤC\n\n| STT | Nội dung | Đơn vị chủ trì | Thời hạn |\n"
        "|:---:|:---|:---|:---:|\n"
        "| 1 | Kết nối dữ liệu dân cư<br>với hệ thống một cửa | Sở KH&amp;CN | Tháng 5/2027 |\n"
        "| 2 | Rà soát quy trình nội bộ&nbsp;cấp phép | | Tháng 7/2027 |\n"
    )
    text = HEAD + "II. NHIỆM VỤ\nCác cơ quan thực hiện theo Phụ lục.\n" + TAIL + table
    cleaned = clean_text(text)
    assert "<br>" not in cleaned and "KH&CN" in cleaned
    result = parse(text)
    rows = _reading(result, "| ")
    assert rows == [("Sở Khoa học và Công nghệ", "2027-05"), ("Sở Khoa học và Công nghệ", "2027-07")]
    _quotes_are_spans(text, result)


def test_alignment_row_of_a_markdown_table_is_no_row_to_carry_from():
    table = (
        "PHỤ LỤC\n\n| STT | Nội dung | Đơn vị chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| 1 | Tổng hợp ý kiến của các xã về quy trình | | Tháng 5/2027 |\n"
    )
    result = parse(HEAD + "II. NHIỆM VỤ\nCác cơ quan thực hiện theo Phụ lục.\n" + TAIL + table)
    rows = [t["lead_unit"] for t in result["tasks"] if t["quote"].startswith("|")]
    assert rows == [None]


def test_flattened_table_with_a_dropped_empty_cell_and_a_cell_over_two_lines():
    table = (
        "III. PHÂN CÔNG\nSTT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời gian\n"
        "1\nCập nhật dữ liệu hộ tịch lên hệ thống dùng chung\nSở Tư pháp\nTháng 6/2027\n"
        "2\nTập huấn kỹ năng số cho công chức một cửa;\nbiên soạn tài liệu hướng dẫn\nSở Nội vụ\n"
        "Sở Khoa học và Công nghệ\nTháng 9/2027\n"
        "3\nKiểm tra việc công khai thủ tục tại các xã\nVăn phòng UBND tỉnh\nSở Tư pháp\nQuý IV/2027\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai Kế hoạch này.\n"
    )
    result = parse(HEAD + table + TAIL)
    got = _reading(result, "\n")
    assert got == [
        ("Sở Tư pháp", "2027-06"),
        ("Sở Nội vụ", "2027-09"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "2027-12-31"),
    ]
    assert "biên soạn tài liệu" in _task(result, "Tập huấn kỹ năng số")["quote"]


def test_footnote_over_two_lines_stays_out_of_the_item_it_interrupts():
    body = (
        "II. NHIỆM VỤ\n"
        "1. Sở Y tế rà soát quy trình cấp giấy phép hành nghề7 và\n"
        "7 Theo Kết luận thanh tra số 12/KL-TTr ngày 05/01/2027, trong đó còn 214 hồ sơ quá hạn,\n"
        "chiếm 15,4% tổng số hồ sơ tiếp nhận của năm.\n"
        "2/3\n"
        "công bố quy trình mới trước ngày 31/7/2027.\n"
    )
    text = HEAD + body + TAIL
    result = parse(text)
    task = _task(result, "giấy phép hành nghề")
    assert (task["lead_unit"], task["deadline"]) == ("Sở Y tế", "2027-07-31")
    assert not [t for t in result["targets"] if t["value"] == 15.4]
    _quotes_are_spans(text, result)


def test_table_header_repeated_after_a_page_break_continues_the_table():
    head = "STT\tNội dung\tĐơn vị chủ trì\tThời gian\n"
    table = (
        "III. NHIỆM VỤ\n" + head + "1\tRà soát quy trình cấp phép kinh doanh\tSở Công Thương\tTháng 5/2027\n"
        "Kế hoạch số 77/KH-UBND ngày 02/3/2027\n"
        + head
        + "2\tTổng hợp kết quả rà soát của các xã\t\tTháng 8/2027\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai Kế hoạch này.\n"
    )
    result = parse(HEAD + table + TAIL)
    rows = _reading(result, "\t")
    assert rows == [("Sở Công Thương", "2027-05"), ("Sở Công Thương", "2027-08")]


def test_symbol_font_bullets_from_word_are_list_items():
    body = (
        "II. NHIỆM VỤ\n- Sở Nội vụ:\n"
        "\uf0b7\tTổ chức tập huấn nghiệp vụ cho công chức một cửa; hoàn thành trong tháng 5/2027.\n"
        "\uf0b7\tKiểm tra công vụ tại các xã; hoàn thành trong Quý III/2027.\n"
        "- Sở Tư pháp:\n"
        "§ Hướng dẫn chứng thực điện tử; hoàn thành trong tháng 6/2027.\n"
    )
    result = parse(HEAD + body + TAIL)
    got = _reading(result)
    assert got == [("Sở Nội vụ", "2027-05"), ("Sở Nội vụ", "2027-09-30"), ("Sở Tư pháp", "2027-06")]


def test_same_marker_indented_deeper_is_a_sub_item():
    # a Markdown or plain-text export keeps nesting only as indentation
    body = (
        "II. NHIỆM VỤ\n- Sở Nội vụ:\n    - Tổ chức tập huấn nghiệp vụ; hoàn thành trong tháng 5/2027.\n"
        "    - Kiểm tra công vụ; hoàn thành trong tháng 9/2027.\n- Sở Tư pháp:\n"
        "    - Hướng dẫn chứng thực điện tử; hoàn thành trong tháng 6/2027.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Văn phòng UBND tỉnh:\n\t1. Theo dõi việc thực hiện; hoàn thành trong tháng 12/2027.\n"
    )
    result = parse(HEAD + body + TAIL)
    got = _reading(result)
    assert got == [
        ("Sở Nội vụ", "2027-05"),
        ("Sở Nội vụ", "2027-09"),
        ("Sở Tư pháp", "2027-06"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "2027-12"),
    ]


def test_page_break_before_a_name_that_goes_on_with_the_clause():
    body = (
        "II. NHIỆM VỤ\n"
        "1. Sở Nội vụ chủ trì rà soát vị trí việc làm của công chức một cửa cấp xã, phối hợp với\n"
        "- 2 -\n"
        "Sở Tài chính bố trí kinh phí; hoàn thành trước ngày 30/9/2027.\n"
    )
    result = parse(HEAD + body + TAIL)
    got = _reading(result)
    assert got == [("Sở Nội vụ", "2027-09-30")]


def test_flattened_table_of_targets_beside_last_years_results():
    body = (
        "I. MỤC TIÊU\nSTT\nChỉ tiêu\nKết quả năm 2026\nCam kết năm 2027\n"
        "1\nTỷ lệ hồ sơ giải quyết đúng hạn\n92,5%\n98%\n"
        "2\nTỷ lệ hồ sơ trực tuyến toàn trình\n41%\n60%\n"
        "II. NHIỆM VỤ\n1. Sở Nội vụ tổ chức tập huấn; hoàn thành trong tháng 5/2027.\n"
    )
    result = parse(HEAD + body + TAIL)
    assert [(t["value"], t["metric"]) for t in result["targets"]] == [
        (98, "Tỷ lệ hồ sơ giải quyết đúng hạn"),
        (60, "Tỷ lệ hồ sơ trực tuyến toàn trình"),
    ]


def test_flattened_table_without_a_number_column():
    # blank line above the header run: a table pasted after a paragraph, one cell per line
    table = (
        "III. PHÂN CÔNG\nCác nhiệm vụ cụ thể như sau:\n\nNội dung công việc\nĐơn vị chủ trì\nThời gian\n"
        "Cập nhật dữ liệu hộ tịch lên hệ thống dùng chung\nSở Tư pháp\nTháng 6/2027\n"
        "Tập huấn kỹ năng số cho công chức một cửa\nSở Nội vụ\nTháng 9/2027\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai Kế hoạch này.\n"
    )
    for variant in (table, table.replace("như sau:\n\n", "như sau:\n")):
        result = parse(HEAD + variant + TAIL)
        assert _reading(result, "\n") == [("Sở Tư pháp", "2027-06"), ("Sở Nội vụ", "2027-09")]


def test_cells_of_a_flattened_table_are_not_joined_as_a_hard_wrap():
    # every line short, as in a hard-wrapped document, but the cells are lines of their own
    rows = "".join(
        f"{i}\nRà soát, cập nhật quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực số {i} của tỉnh\n"
        f"Sở Nông nghiệp và Môi trường\nTháng {i + 3}/2027\n"
        for i in range(1, 6)
    )
    text = HEAD + "III. PHÂN CÔNG\nSTT\nNội dung\nĐơn vị chủ trì\nThời gian\n" + rows + TAIL
    assert clean_text(text) == text
    assert len(_reading(parse(text), "\n")) == 5


def test_bare_page_number_between_a_cut_clause_and_a_name():
    body = (
        "II. NHIỆM VỤ\n"
        "1. Sở Nội vụ chủ trì rà soát vị trí việc làm của công chức một cửa cấp xã, phối hợp với\n"
        "4\n"
        "Sở Tài chính bố trí kinh phí; hoàn thành trước ngày 30/9/2027.\n"
    )
    result = parse(HEAD + body + TAIL)
    assert _reading(result) == [("Sở Nội vụ", "2027-09-30")]
