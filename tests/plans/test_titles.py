"""Task titles are the action phrase of the sentence, short and distinct (QA defect 4)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.plans.titles import MAX_LEN, distinct_titles, task_title

SUBJECT = (
    "Người đứng đầu các cơ quan chuyên môn, đơn vị sự nghiệp, Chủ tịch UBND các phường đẩy mạnh công tác "
    "tuyên truyền, quán triệt và tập trung chỉ đạo triển khai thực hiện nghiêm các nội dung liên quan việc "
    "cải thiện và nâng cao các chỉ số PAR Index, SIPAS, PAPI năm 2024 của thành phố"
)


@pytest.mark.parametrize(
    "summary,lead,expected",
    [
        (SUBJECT, "", "Đẩy mạnh công tác tuyên truyền, quán triệt"),
        (
            "Đối với nội dung “Công khai, minh bạch”, UBND cấp xã thực hiện tốt các nội dung công khai.",
            "",
            "Công khai, minh bạch: thực hiện tốt các nội dung công khai",
        ),
        (
            "Đối với chỉ số CCHC (PAR INDEX), tiếp tục phát huy vai trò người đứng đầu",
            "",
            "PAR INDEX: tiếp tục phát huy vai trò người đứng đầu",
        ),
        (
            "Các cơ quan thông tin, truyền thông của tỉnh thông tin, tuyên truyền kịp thời về SIPAS",
            "Các cơ quan thông tin, truyền thông của tỉnh",
            "Thông tin, tuyên truyền kịp thời về SIPAS",
        ),
        ("Rà soát quy trình nội bộ", "", "Rà soát quy trình nội bộ"),
        # an action that merely mentions an agency keeps its verb
        ("Tham mưu UBND tỉnh bố trí kinh phí", "", "Tham mưu UBND tỉnh bố trí kinh phí"),
    ],
)
def test_action_phrase(summary, lead, expected):
    assert task_title(summary, lead) == expected or task_title(summary, lead).startswith(expected)


def test_long_sentences_are_cut_at_a_word_with_an_ellipsis():
    t = task_title(SUBJECT)
    assert len(t) <= MAX_LEN + 1 and t.endswith("…") and not t.startswith("Người đứng đầu")
    assert t[:-1].split()[-1] in SUBJECT.split() or t[:-1].split()[-1] + "," in SUBJECT.split()


def test_same_sentence_twice_gets_distinct_titles():
    got = distinct_titles([("Rà soát quy trình", ""), ("rà soát quy trình", ""), ("Báo cáo quý", "")])
    assert got == ["Rà soát quy trình", "Rà soát quy trình (2)", "Báo cáo quý"]


words = st.sampled_from(
    ["Sở", "UBND", "các", "xã", "tăng", "cường", "rà", "soát", "thủ", "tục", ",", "đẩy", "mạnh"]
)


@given(st.lists(st.lists(words, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=8))
def test_titles_are_short_non_empty_and_distinct(sentences):
    got = distinct_titles([(s, "") for s in sentences])
    assert len(got) == len(sentences)
    assert len({t.lower() for t in got}) == len(got)
    assert all(t and len(t) <= MAX_LEN + 6 for t in got)
