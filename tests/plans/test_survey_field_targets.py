"""A field-scoped target on the surveys' satisfaction KPI is judged on the responses of that field, read
through each survey form's field question (the surveys' own codes, "dat_dai", mapped to the procedure
fields of the catalogue); a form without a field question is said, never counted as the field's.

Hand-worked figures (commune A, every answer of a response the same: 5 = satisfied, 2 = not; the
overall index is the mean of the elements' %, so a response counts fully satisfied or not):

    quarter   form                    field      responses (satisfied)  → satisfaction_pct
    2025-Q3   Một cửa (field question) dat_dai    4 (3)                  → 75 %
    2025-Q3   Một cửa                  ho_tich    4 (4)                  → 100 %
    2025-Q3   Không hỏi lĩnh vực       —          2 (2)                  → (no field)
    2025-Q3   whole unit, both forms              10 (9)                 → 90 %
    2025-Q2   Một cửa                  dat_dai    2 (1)                  → 50 %

"Tỷ lệ hài lòng lĩnh vực đất đai ≥ 80 %" → 75 %: not met (the whole unit's 90 % would say met)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from chiso.dossiers import kpi_registry
from chiso.lib import periods as lib_periods
from chiso.lib.vntext import fold
from chiso.plans import fields, queries
from chiso.plans.models import Target
from chiso.surveys import actions as survey_actions
from chiso.surveys.demo import FORM
from tests.plans.conftest import add_procedures

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 11, 1)  # Q4 has no responses yet: the latest quarter with some is Q3
BLIND_TITLE = "Phiếu khảo sát nhanh (không hỏi lĩnh vực)"


@pytest.fixture
def catalogue(db):
    add_procedures(
        [
            ("P-DD-1", "Đăng ký biến động đất đai", "DD", "Đất đai"),
            ("P-HT-1", "Đăng ký khai sinh", "HT", "Hộ tịch"),
            ("P-KS-1", "Cấp phép khai thác khoáng sản", "KS", "Khoáng sản"),
        ]
    )


@pytest.fixture
def forms(world):
    """The default form (with its field question) and a form without one."""
    with_field, _ = survey_actions.import_form(None, FORM.read_bytes(), FORM.name, world.province)
    wb = load_workbook(FORM)
    survey = wb["survey"]
    row = next(r[0].row for r in survey.iter_rows() if r[1].value == "linh_vuc")
    survey.delete_rows(row)
    wb["settings"]["A2"], wb["settings"]["B2"] = BLIND_TITLE, "chiso_nhanh"
    buf = io.BytesIO()
    wb.save(buf)
    blind, _ = survey_actions.import_form(None, buf.getvalue(), "nhanh.xlsx", world.province)
    return with_field, blind


def _answers(score: str, field: str | None) -> dict:
    out = {"so_lan": "1", "tiep_can": score, "thu_tuc": score, "cong_chuc": score, "ket_qua": score}
    out |= {"da_gop_y": "khong", "phi_ngoai": "khong"}
    return out | ({"linh_vuc": field} if field else {})


def respond(version, unit, day: dt.date, field: str | None, satisfied: int, not_satisfied: int) -> None:
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    pairs = [
        survey_actions.build_response(version, unit, _answers(score, field), when, "web")
        for score in ["5"] * satisfied + ["2"] * not_satisfied
    ]
    survey_actions.save_generated(pairs)


def make_responses(world, forms, quarter: str, previous: str) -> None:
    with_field, blind = forms
    q, p = lib_periods.parse(quarter), lib_periods.parse(previous)
    respond(with_field, world.commune_a, q.start, "dat_dai", 3, 1)
    respond(with_field, world.commune_a, q.start, "ho_tich", 4, 0)
    respond(blind, world.commune_a, q.start, None, 2, 0)
    respond(with_field, world.commune_a, p.start, "dat_dai", 1, 1)


@pytest.fixture
def responses(world, forms, catalogue):
    make_responses(world, forms, "2025-Q3", "2025-Q2")


def _target(world, directive=None, **kw) -> Target:
    values = {
        "directive": directive,
        "unit": world.commune_a,
        "metric_code": "satisfaction_pct",
        "metric_text": "Tỷ lệ hài lòng của người dân lĩnh vực đất đai",
        "operator": ">=",
        "value": Decimal("80"),
        "unit_label": "%",
        "scope": "field",
        "field": "lĩnh vực đất đai",
    }
    return Target.objects.create(**(values | kw))


def test_a_satisfaction_field_target_reads_that_fields_responses(world, responses):
    r = queries.kpi_actual(_target(world), TODAY)
    assert r["actual"] == pytest.approx(75.0) and r["meets"] is False  # not the unit's 90 %
    assert r["previous"] == pytest.approx(50.0) and r["trend"] == "up"
    assert r["unjudged"] == "" and r["field"]["label"] == "Đất đai (DD)"
    assert r["source"].startswith("KPI satisfaction_pct — Quý III/2025 — lĩnh vực Đất đai (DD)")
    # which survey choice was used, and the form that cannot tell the field is left out and said
    assert "khảo sát: lĩnh vực “Đất đai”" in r["source"]
    assert f"không tính: biểu mẫu “{BLIND_TITLE}” không có câu hỏi lĩnh vực (2 phiếu)" in r["source"]
    # the same target on the whole unit reads every response of both forms
    whole = queries.kpi_actual(_target(world, scope="unit", field=""), TODAY)
    assert whole["actual"] == pytest.approx(90.0) and whole["meets"] is True
    assert kpi_registry.value("satisfaction_pct", world.commune_a, lib_periods.parse("2025-Q3")).value == (
        pytest.approx(90.0)
    )
    # a picked procedure field wins over the wording: Hộ tịch ↔ the survey's "Tư pháp – Hộ tịch"
    picked = queries.kpi_actual(_target(world, field_code="HT"), TODAY)
    assert picked["actual"] == pytest.approx(100.0) and "“Tư pháp – Hộ tịch”" in picked["source"]


def test_only_forms_without_a_field_question_is_not_judged(world, forms, catalogue):
    _, blind = forms
    respond(blind, world.commune_b, dt.date(2025, 8, 1), None, 5, 0)
    t = _target(world, unit=world.commune_b)
    r = queries.kpi_actual(t, TODAY)
    assert r["actual"] is None and r["meets"] is None
    assert r["unjudged"] == (
        f"Chưa đánh giá được: biểu mẫu “{BLIND_TITLE}” không có câu hỏi lĩnh vực (5 phiếu) — "
        "Quý III/2025, không lấy số liệu toàn đơn vị"
    )
    assert r["source"] == r["unjudged"]
    # the unit's figure exists (100 %) and would have said "met": it is not used
    assert queries.kpi_actual(_target(world, unit=world.commune_b, scope="unit"), TODAY)["meets"] is True


def test_a_field_the_forms_question_does_not_list_is_not_judged(world, responses):
    r = queries.kpi_actual(_target(world, field="khoáng sản"), TODAY)
    assert r["actual"] is None and r["meets"] is None
    # the latest quarter with responses (Q3) says why: one form lacks the field, the other any field
    assert r["unjudged"].startswith("Chưa đánh giá được: ")
    assert "câu hỏi lĩnh vực của biểu mẫu “Phiếu khảo sát sự hài lòng" in r["unjudged"]
    assert "không có lĩnh vực Khoáng sản (KS) (8 phiếu)" in r["unjudged"]
    assert f"biểu mẫu “{BLIND_TITLE}” không có câu hỏi lĩnh vực (2 phiếu)" in r["unjudged"]
    assert r["unjudged"].endswith("— Quý III/2025, không lấy số liệu toàn đơn vị")


def test_no_response_at_all_is_no_data_not_a_judgement(world, forms, catalogue):
    r = queries.kpi_actual(_target(world), TODAY)
    assert r["actual"] is None and r["meets"] is None and r["unjudged"] == ""
    assert r["source"] == "KPI satisfaction_pct — Quý IV/2025 — lĩnh vực Đất đai (DD)"


def test_board_target_page_and_api_say_it(world, applied, forms, catalogue):
    # pages judge on today's date: the responses sit in the current quarter
    cur = lib_periods.period_containing(dt.date.today(), "quarter")
    make_responses(world, forms, cur.code, cur.previous().code)
    respond(forms[1], world.commune_b, cur.start, None, 3, 0)
    judged = _target(world, applied)
    blind = _target(world, applied, unit=world.commune_b, metric_text="Hài lòng đất đai của phường")
    page = world.client("office").get("/ke-hoach/").content.decode()
    assert "Lĩnh vực: Đất đai (DD)" in page and "khảo sát: lĩnh vực “Đất đai”" in page
    assert f"Chưa đánh giá được: biểu mẫu “{BLIND_TITLE}” không có câu hỏi lĩnh vực (3 phiếu)" in page
    assert '<span class="badge warn unjudged">Chưa đánh giá được</span>' in page
    text = world.client("office").get(f"/ke-hoach/chi-tieu/{judged.pk}/").content.decode()
    assert "75,00" in text and "Chưa đạt" in text
    text = world.client("office").get(f"/ke-hoach/chi-tieu/{blind.pk}/").content.decode()
    assert "Chưa đánh giá được" in text and "không lấy số liệu toàn đơn vị" in text
    rows = world.client("office").get("/api/plans/board").json()["targets_at_risk"]
    got = {r["metric"]: r for r in rows}
    assert got["Hài lòng đất đai của phường"]["unjudged"].startswith("Chưa đánh giá được: biểu mẫu")
    assert got[judged.metric_text]["actual"] == pytest.approx(75.0)
    # a unit reads the same judgement (the province's directive is read by its units); anonymous: login
    page = world.client("officer_b").get("/ke-hoach/").content.decode()
    assert "Chưa đánh giá được: biểu mẫu" in page
    assert world.client(None).get(f"/ke-hoach/chi-tieu/{blind.pk}/").status_code == 302


# ---------------------------------------------------------------- the mapping, each side

SURVEY = [
    ("ho_tich", "Tư pháp – Hộ tịch"),
    ("chung_thuc", "Chứng thực"),
    ("dat_dai", "Đất đai"),
    ("xay_dung", "Xây dựng"),
    ("kinh_doanh", "Đăng ký kinh doanh"),
    ("lao_dong", "Lao động – Người có công – Xã hội"),
    ("khac", "Lĩnh vực khác"),
]


@pytest.mark.parametrize(
    "procedure_field,expected",
    [
        (("DD", "Đất đai"), ["dat_dai"]),
        (("G09-TN", "ĐẤT ĐAI"), ["dat_dai"]),
        (("x", "Lĩnh vực Đất đai"), ["dat_dai"]),
        (("x", "Dat dai"), ["dat_dai"]),
        (("HT", "Hộ tịch"), ["ho_tich"]),  # a whole-word part of the survey's label
        (("TP", "Tư pháp - hộ tịch"), ["ho_tich"]),  # another dash
        (("LD", "Lao động, người có công và xã hội"), ["lao_dong"]),  # the code read as words
        (("DDX", "Đất đai xây dựng"), ["dat_dai", "xay_dung"]),
        (("LD", "Lao động"), ["lao_dong"]),
        (("KS", "Khoáng sản"), []),
        (("XD", "Xây dựng"), ["xay_dung"]),
    ],
)
def test_procedure_side_wordings_find_the_survey_choice(procedure_field, expected):
    assert fields.survey_choices([procedure_field], SURVEY) == expected


@pytest.mark.parametrize(
    "choice,matches",
    [
        (("dat_dai", "ĐẤT ĐAI"), True),
        (("dat_dai", "Dat dai"), True),
        (("dat_dai", ""), True),  # no label: the code read as words
        (("DD", "Nhóm 1"), True),  # the catalogue's code as the choice's name
        (("ldd", "Đất đai – Môi trường"), True),
        (("dat", "Đất nông nghiệp"), False),  # one syllable names nothing
        (("dai", "Đài phát thanh"), False),
        (("khac", "Lĩnh vực khác"), False),
    ],
)
def test_survey_side_codes_and_labels_find_the_procedure_field(choice, matches):
    assert fields.survey_choices([("DD", "Đất đai")], [choice]) == ([choice[0]] if matches else [])


LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
label_st = st.lists(st.text(alphabet=LETTERS, min_size=2, max_size=6), min_size=1, max_size=3).map(" ".join)
choices_st = st.lists(
    st.tuples(st.text(alphabet="abcdhkt_", min_size=2, max_size=8), label_st),
    max_size=8,
    unique_by=lambda c: c[0],
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.text(alphabet="ABDHKT", min_size=1, max_size=3), label_st), max_size=4), choices_st
)
def test_mapping_stays_within_the_choices_and_ignores_accents_and_case(found, choices):
    got = fields.survey_choices(found, choices)
    assert set(got) <= {name for name, _ in choices}
    assert fields.survey_choices(found, [(n, fold(t).upper()) for n, t in choices]) == got
    assert fields.survey_choices([(c, fold(n)) for c, n in found], choices) == got
    # every choice whose label is a field's name is found
    for _, name in found:
        same = [n for n, t in choices if fields.field_key(t) == fields.field_key(name)]
        assert set(same) <= set(got)
