"""answers.clean never crashes on arbitrary input and never lets an impossible value through."""

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.surveys import answers, xlsform
from chiso.surveys.demo import FORM

DEFINITION = xlsform.load(FORM.read_bytes(), FORM.name)
QUESTIONS = xlsform.question_map(DEFINITION)
NAMES = sorted(QUESTIONS) + ["la"]
values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1", "2", "3", "4", "5", "co", "khong", "truc_tiep", "0", "21", "-3", ""]),
    st.lists(st.sampled_from(["truc_tiep", "buu_chinh", "x", "5"]), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), values, max_size=len(NAMES)))
def test_clean_is_total_and_sound(raw):
    clean, errors, tampered = answers.clean(DEFINITION, raw)
    if "la" in raw:
        assert tampered
    for name, value in clean.items():
        q = QUESTIONS[name]
        names = {c["name"] for c in q["choices"]}
        if q["type"] == "select_one":
            assert value in names
        elif q["type"] == "select_multiple":
            assert set(value) <= names
        elif q["type"] == "integer":
            assert 1 <= int(value) <= 20
    if not tampered and not errors:
        for q in DEFINITION["questions"]:
            asked = q["name"] != "gop_y" or clean.get("da_gop_y") == "co"
            if q["required"] and asked:
                assert q["name"] in clean
        if clean.get("da_gop_y") != "co":
            assert "gop_y" not in clean


def test_group_relevant_hides_the_whole_group():
    from chiso.surveys.xpathexpr import compile_expr

    rel = compile_expr("${co_gop_y} = 'co'")
    definition = {
        "questions": [
            {
                "name": "co_gop_y",
                "type": "select_one",
                "required": True,
                "choices": [{"name": "co"}, {"name": "khong"}],
                "relevant": None,
                "constraint": None,
                "group_relevant": [],
            },
            {
                "name": "muc_do",
                "type": "select_one",
                "required": True,
                "choices": [{"name": "1"}, {"name": "2"}],
                "relevant": None,
                "constraint": None,
                "group_relevant": [rel],
            },
        ]
    }
    clean, errors, tampered = answers.clean(definition, {"co_gop_y": "khong", "muc_do": "2"})
    assert clean == {"co_gop_y": "khong"} and not errors and not tampered
    clean, errors, _ = answers.clean(definition, {"co_gop_y": "co"})
    assert "muc_do" in errors
