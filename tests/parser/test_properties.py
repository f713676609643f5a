"""Property tests: the parser never crashes and every quote is a span of its input."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.lib.directive_parser import normalise_agency, parse, recurrence, recurrences
from chiso.lib.directive_parser.dates import find_deadlines
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
