"""Property tests: the parser never crashes and every quote is a span of its input."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.lib.directive_parser import normalise_agency, parse, recurrence, recurrences
from chiso.lib.directive_parser.dates import find_deadlines
from chiso.lib.directive_parser.tables import split_cells
from chiso.lib.directive_parser.textutil import sfold

# Pieces of directive language, so generated texts reach the interesting branches.
PIECES = [
    "ỦY BAN NHÂN DÂN\n",
    "TỈNH AN BÌNH\n",
    "Số: 12/CT-UBND\n",
    "An Bình, ngày 03 tháng 02 năm 2025\n",
    "CHỈ THỊ\n",
    "I. MỤC TIÊU\n",
    "II. NHIỆM VỤ, GIẢI PHÁP\n",
    "III. TỔ CHỨC THỰC HIỆN\n",
    "UBND tỉnh yêu cầu các sở, ban, ngành thực hiện các nội dung sau:\n",
    "1. ",
    "1.1. ",
    "a) ",
    "- ",
    "+ ",
    "++ ",
    "• ",
    "Điều 2. ",
    "Sở Nội vụ:",
    "Văn phòng UBND tỉnh",
    "Đối với các sở, ban, ngành:",
    "Giao Sở TT&TT chủ trì, phối hợp với Sở KH&ĐT, Bưu điện tỉnh ",
    "tham mưu ban hành kế hoạch",
    "; hoàn thành trong tháng 6/2018",
    "; trước ngày 15/12/2024",
    " đến hết 31/12/2018, ",
    "trong quý III/2025",
    " đạt tối thiểu 70%",
    " đạt 98% trở lên",
    "100% hồ sơ ",
    " không quá 2%",
    " ít nhất 02 sáng kiến",
    "phấn đấu không có công chức bị kỷ luật",
    "Định kỳ hằng quý (chậm nhất ngày 12 của tháng cuối quý), năm (chậm nhất ngày 12/12) báo cáo UBND tỉnh (qua Sở Nội vụ)",
    "Năm 2017, Chỉ số PAPI xếp thứ 42/63 (giảm 05 bậc so với năm 2016)",
    ": ",
    ".",
    ";",
    "\n",
    "\n\n",
    "./.",
    "Nơi nhận:\n",
    "STT | Nội dung | Cơ quan chủ trì | Thời gian | Kết quả/sản phẩm\n",
    "STT\tChỉ tiêu\tKết quả năm 2024\tCam kết năm 2025\n",
    "II | CẢI CÁCH THỂ CHẾ | | | |\n",
    " | ",
    "\t",
    "Không có",
    "Cả năm 2025",
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
    "-------\t---------------\n",
    "không còn xã, phường nào dưới 75 điểm",
    "(năm 2024 đạt 63,7%)",
    "(",
    ")",
    "“",
    "”",
]

text_from_pieces = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
    max_size=40,
).map("".join)

any_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            list("ăâđêôơưĂÂĐÊÔƠƯáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ%/:;.,-+()\n ") + list(string.digits)
        ),
    ),
    max_size=400,
)


def _check_spans(text: str, result: dict) -> None:
    assert set(result) == {"document", "rankings", "targets", "tasks", "reporting"}
    for key in ("rankings", "targets", "tasks", "reporting"):
        for item in result[key]:
            assert 0 <= item["start"] <= item["end"] <= len(text)
            assert item["quote"] == text[item["start"] : item["end"]]
    for t in result["targets"]:
        assert t["operator"] in {">=", ">", "=", "<=", "<"}
    for t in result["tasks"]:
        assert t["deadline_kind"] in {"date", "month", "recurring", "none"}
        assert (t["deadline"] is None) == (t["deadline_kind"] == "none")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_never_crashes_on_arbitrary_unicode(text):
    _check_spans(text, parse(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_from_pieces)
def test_quotes_are_spans_on_directive_like_text(text):
    _check_spans(text, parse(text))


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_helpers_never_crash(text):
    assert len(sfold(text)) == len(text)
    for found in recurrences(text):
        assert found["frequency"] in {"weekly", "monthly", "quarterly", "half_yearly", "yearly"}
    r = recurrence(text)
    assert r is None or "start" not in r
    for deadline, kind, start, end in find_deadlines(text, default_year=2025):
        assert kind in {"date", "month"} and 0 <= start <= end <= len(text)
        assert len(deadline) in (7, 10)
    once = normalise_agency(text)
    assert normalise_agency(once) == once


cell = (
    st.text(alphabet=st.characters(blacklist_characters="|\t\n\r", blacklist_categories=("Cs",)), max_size=20)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(cell, min_size=3, max_size=7), st.sampled_from([" | ", "\t", "|"]))
def test_cells_of_a_row_come_back_as_written(cells, sep):
    line = sep.join(cells)
    assert [line[s:e] for s, e in split_cells(line)] == cells
    # written with outer pipes ("| a | b | c |") too
    if sep != "\t":
        framed = f"| {line} |"
        assert [framed[s:e] for s, e in split_cells(framed)] == cells


task_words = st.lists(
    st.sampled_from(["rà soát", "thủ tục", "hồ sơ", "công khai", "quy trình", "số hóa", "đất đai", "nội bộ"]),
    min_size=2,
    max_size=6,
).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.booleans(), task_words), min_size=1, max_size=8), st.sampled_from([" | ", "\t"]))
def test_each_data_row_of_a_task_table_is_one_task_and_group_rows_none(rows, sep):
    lines = [sep.join(["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"])]
    for i, (group, words) in enumerate(rows, start=1):
        if group:
            lines.append(sep.join(["IV", words.upper()]) + (" | | |" if sep == " | " else ""))
        else:
            lines.append(sep.join([str(i), words[:1].upper() + words[1:], "Sở Nội vụ", "Quý II/2025"]))
    text = "\n".join(lines) + "\n"
    r = parse(text)
    _check_spans(text, r)
    data = [line for line in lines[1:] if not line.startswith("IV")]
    assert [t["quote"] for t in r["tasks"]] == data
    assert all(t["lead_unit"] == "Sở Nội vụ" and t["deadline"] == "2025-06-30" for t in r["tasks"])
