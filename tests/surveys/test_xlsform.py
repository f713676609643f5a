"""XLSForm: our default form and a form written for KoboToolbox both load; errors name row and column."""

import io

import openpyxl
import pytest

from chiso.lib.tabular import ImportFailed
from chiso.surveys import actions, xlsform
from chiso.surveys.demo import FORM
from chiso.surveys.models import FormVersion, Questionnaire


def kobo_form(extra_survey=None, settings=None, element="procedures") -> bytes:
    """A form as KoboToolbox's builder writes it: 'begin group', metadata rows, plain labels."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    rows = [
        [
            "type",
            "name",
            "label",
            "required",
            "relevant",
            "constraint",
            "chiso_element",
            "chiso_satisfied",
            "chiso_weight",
            "chiso_pillar",
        ],
        ["start", "start", "", "", "", "", "", "", "", ""],
        ["end", "end", "", "", "", "", "", "", "", ""],
        ["deviceid", "deviceid", "", "", "", "", "", "", "", ""],
        ["begin group", "g1", "Đánh giá", "", "", "", "", "", "", ""],
        ["select_one hl", "q_thutuc", "Thủ tục có đơn giản không?", "true", "", "", element, "A B", "2", ""],
        [
            "select_one hl",
            "q_chinhsach",
            "Chính sách có phù hợp không?",
            "false",
            "",
            "",
            "",
            "A B",
            "",
            "policy",
        ],
        ["select_multiple kenh", "kenh", "Kênh", "false", "", "", "", "", "", ""],
        ["integer", "tuoi", "Tuổi", "false", "", ". >= 18 and . < 100", "", "", "", ""],
        ["end group", "", "", "", "", "", "", "", "", ""],
        ["text", "gopy", "Góp ý", "false", "${q_thutuc} = 'D'", "", "", "", "", ""],
    ]
    rows += extra_survey or []
    for r in rows:
        ws.append(r)
    ch = wb.create_sheet("choices")
    for r in [
        ["list_name", "name", "label", "chiso_score"],
        ["hl", "A", "Rất tốt", "4"],
        ["hl", "B", "Tốt", "3"],
        ["hl", "C", "Chưa tốt", "2"],
        ["hl", "D", "Kém", "1"],
        ["hl", "X", "Không biết", ""],
        ["kenh", "tt", "Trực tiếp", ""],
        ["kenh", "tx", "Trực tuyến", ""],
    ]:
        ch.append(r)
    st = wb.create_sheet("settings")
    st.append(list((settings or {"form_id": "kobo_test", "version": "3"}).keys()))
    st.append(list((settings or {"form_id": "kobo_test", "version": "3"}).values()))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_default_form_loads_with_elements_roles_and_rules():
    d = xlsform.load(FORM.read_bytes(), FORM.name)
    qs = xlsform.question_map(d)
    assert d["form_id"] == "chiso_mot_cua" and d["version"] == "2025.1"
    assert {q["element"] for q in d["questions"] if q["element"]} == set(xlsform.ELEMENTS)
    assert qs["tiep_can"]["label"].startswith("Ông/Bà hài lòng thế nào về việc tiếp cận")
    assert qs["tiep_can"]["label_en"].startswith("Access")
    assert [c["label"] for c in qs["tiep_can"]["choices"]][0] == "Rất không hài lòng"
    assert qs["tiep_can"]["satisfied"] == ["4", "5"] and qs["tiep_can"]["required"]
    assert qs["gop_y"]["relevant"] == ["cmp", "=", ["ref", "da_gop_y"], ["str", "co"]]
    assert qs["so_lan"]["constraint"] is not None and qs["kenh"]["type"] == "select_multiple"
    assert {q["role"] for q in d["questions"]} >= {"dossier_code", "field", "comment"}
    assert qs["tiep_can"]["group"] == "danh_gia"


def test_kobo_form_loads_metadata_ignored_pillar_and_weights():
    d = xlsform.load(kobo_form(), "kobo.xlsx")
    qs = xlsform.question_map(d)
    assert set(qs) == {"q_thutuc", "q_chinhsach", "kenh", "tuoi", "gopy"}  # start/end/deviceid ignored
    assert qs["q_thutuc"]["weight"] == 2.0 and qs["q_thutuc"]["pillar"] == "service"
    assert qs["q_chinhsach"]["pillar"] == "policy" and not qs["q_chinhsach"]["element"]
    assert [c["score"] for c in qs["q_thutuc"]["choices"]] == [4.0, 3.0, 2.0, 1.0, None]
    assert qs["q_thutuc"]["required"] and not qs["q_chinhsach"]["required"]


def test_bad_extra_columns_are_named_with_row_and_column():
    with pytest.raises(ImportFailed) as exc:
        xlsform.load(kobo_form(element="speed"), "kobo.xlsx")
    err = exc.value.errors[0]
    assert err.row == 6 and err.column == "chiso_element" and "speed" in err.message
    assert "kobo.xlsx" in str(err) and "dòng 6" in str(err)


def test_unknown_reference_and_unsupported_type_are_refused():
    bad = kobo_form(extra_survey=[["geopoint", "vitri", "Vị trí", "", "", "", "", "", "", ""]])
    with pytest.raises(ImportFailed) as exc:
        xlsform.load(bad, "kobo.xlsx")
    assert "geopoint" in str(exc.value) and exc.value.errors[0].row == 12
    bad = kobo_form(extra_survey=[["text", "t2", "T2", "", "${khong_co} = 'x'", "", "", "", "", ""]])
    with pytest.raises(ImportFailed) as exc:
        xlsform.load(bad, "kobo.xlsx")
    assert "khong_co" in str(exc.value) and exc.value.errors[0].row == 12


def test_broken_file_is_refused_in_vietnamese():
    with pytest.raises(ImportFailed) as exc:
        xlsform.load(b"not a workbook", "x.xlsx")
    assert "XLSForm" in str(exc.value)


def test_import_form_is_idempotent_and_versions(world):
    v1, created = actions.import_form(None, kobo_form(), "kobo.xlsx", world.province)
    assert created
    again, created = actions.import_form(None, kobo_form(), "kobo.xlsx", world.province)
    assert not created and again.pk == v1.pk
    v2, created = actions.import_form(
        None, kobo_form(settings={"form_id": "kobo_test", "version": "4"}), "k.xlsx", world.province
    )
    assert created and v2.questionnaire_id == v1.questionnaire_id
    assert Questionnaire.objects.count() == 1 and FormVersion.objects.count() == 2
    assert v1.questionnaire.current.pk == v2.pk
    # Same version label with different content: refused, nothing saved.
    changed = kobo_form(settings={"form_id": "kobo_test", "version": "4"}, element="results")
    with pytest.raises(ImportFailed) as exc:
        actions.import_form(None, changed, "k.xlsx", world.province)
    assert exc.value.errors[0].column == "version"
    assert FormVersion.objects.count() == 2


def test_import_form_needs_manage(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.import_form(world.officer_a, kobo_form(), "kobo.xlsx", world.commune_a)
    assert not Questionnaire.objects.exists()
