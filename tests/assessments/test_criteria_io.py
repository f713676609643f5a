"""The criteria workbook: round trip, errors naming sheet/row/column, idempotent re-import,
copy to next year, and the command-line contracts."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from chiso.assessments import actions, criteria_io
from chiso.assessments.data.demo_sets import parsed_set, workbook_path
from chiso.assessments.models import CriteriaSet, Criterion
from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import AuditEntry


def edit(data: bytes, sheet: str, cell: str, value) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb[sheet][cell] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def demo_bytes():
    return workbook_path("commune", 2025).read_bytes()


def test_shipped_workbooks_match_their_source():
    for ut in ("department", "commune"):
        for year in (2024, 2025):
            parsed = criteria_io.parse_workbook(workbook_path(ut, year).read_bytes())
            src = parsed_set(ut, year)
            assert [(n.code, n.max, n.rule and n.rule.text) for n in parsed.nodes] == [
                (n.code, n.max, n.rule and n.rule.text) for n in src.nodes
            ]
            assert parsed.year == year and parsed.unit_type == ut


def test_round_trip(demo_bytes):
    parsed = criteria_io.parse_workbook(demo_bytes)
    again = criteria_io.parse_workbook(criteria_io.write_workbook(parsed))
    assert [
        (n.code, n.title, n.max, n.section, n.source, n.na_policy, n.evidence_required) for n in again.nodes
    ] == [
        (n.code, n.title, n.max, n.section, n.source, n.na_policy, n.evidence_required) for n in parsed.nodes
    ]
    assert again.bands == parsed.bands


def test_errors_name_sheet_row_and_column(demo_bytes):
    bad = edit(demo_bytes, "Tiêu chí", "C4", "hai")  # row 4: max of 1.1.1
    bad = edit(bad, "Tiêu chí", "G6", ">=100:9")  # row 6: a tier above the max
    bad = edit(bad, "Thông tin", "B4", "năm ngoái")
    with pytest.raises(ImportFailed) as exc:
        criteria_io.parse_workbook(bad, "bo.xlsx")
    msgs = [str(e) for e in exc.value.errors]
    assert "bo.xlsx, trang 'Thông tin', dòng 4, cột Giá trị: Năm 'năm ngoái' không hợp lệ" in msgs
    assert any(m.startswith("bo.xlsx, trang 'Tiêu chí', dòng 4, cột Điểm tối đa") for m in msgs)
    assert any(
        m.startswith("bo.xlsx, trang 'Tiêu chí', dòng 6, cột Tham số") and "nằm ngoài" in m for m in msgs
    )


def test_maxima_must_add_up(demo_bytes):
    bad = edit(demo_bytes, "Tiêu chí", "C3", 4)  # 1.1 max 3 → 4
    with pytest.raises(ImportFailed) as exc:
        criteria_io.parse_workbook(bad, "bo.xlsx")
    msgs = [str(e) for e in exc.value.errors]
    assert any("dòng 3" in m and "khác điểm tối đa" in m for m in msgs)


def test_not_a_workbook():
    with pytest.raises(ImportFailed, match="không phải bảng tính"):
        criteria_io.parse_workbook(b"unit,code\n", "x.xlsx")


def test_import_is_idempotent_and_audited(world, demo_bytes):
    parsed = criteria_io.parse_workbook(demo_bytes)
    cset, changed = actions.import_criteria(world.office, parsed, world.province)
    assert changed and cset.criteria.count() == len(parsed.nodes)
    n_audit = AuditEntry.objects.count()
    cset2, changed = actions.import_criteria(
        world.office, criteria_io.parse_workbook(demo_bytes), world.province
    )
    assert cset2.pk == cset.pk and not changed
    assert AuditEntry.objects.count() == n_audit
    # a changed title is updated in place
    parsed = criteria_io.parse_workbook(edit(demo_bytes, "Tiêu chí", "B4", "Ban hành kế hoạch năm"))
    _, changed = actions.import_criteria(world.office, parsed, world.province)
    assert changed and Criterion.objects.get(criteria_set=cset, code="1.1.1").title == "Ban hành kế hoạch năm"


def test_only_the_office_imports(world, demo_bytes):
    from django.core.exceptions import PermissionDenied

    parsed = criteria_io.parse_workbook(demo_bytes)
    for who in (world.leader, world.officer_a, world.appraiser):
        with pytest.raises(PermissionDenied):
            actions.import_criteria(who, parsed, world.province)


def test_copy_to_next_year_moves_deadlines(world):
    cset, _ = actions.import_criteria(world.office, parsed_set("commune", 2025, "T1"), world.province)
    new = actions.copy_to_next_year(world.office, cset)
    assert new.year == 2026 and "2026" in new.name
    assert new.criteria.count() == cset.criteria.count()
    assert new.criteria.get(code="1.1.1").rule_params == "han=15/01/2026; tre=50%"
    with pytest.raises(Exception, match="Đã có"):
        actions.copy_to_next_year(world.office, cset)


def test_import_and_export_commands(world, tmp_path, capsys):
    path = workbook_path("department", 2025)
    call_command(
        "import_criteria", str(path), "--province", "T1", "--year", "2025", "--unit-type", "department"
    )
    assert "đã cập nhật" in capsys.readouterr().out
    call_command(
        "import_criteria", str(path), "--province", "T1", "--year", "2025", "--unit-type", "department"
    )
    assert "không thay đổi" in capsys.readouterr().out
    out = tmp_path / "x.xlsx"
    call_command(
        "export_criteria", "--province", "T1", "--year", "2025", "--unit-type", "department", "-o", str(out)
    )
    parsed = criteria_io.parse_workbook(out.read_bytes())
    assert len(parsed.nodes) == CriteriaSet.objects.get(year=2025).criteria.count()
    with pytest.raises(CommandError, match="Không có tỉnh"):
        call_command("import_criteria", str(path), "--province", "ZZ")


def test_score_command(tmp_path, capsys):
    inputs = tmp_path / "in.csv"
    rows = ["unit,code,value"]
    parsed = criteria_io.parse_workbook(workbook_path("commune", 2025).read_bytes())
    for n in parsed.nodes:
        if n.children or n.section != "main":
            continue
        good = {
            "yesno": "có",
            "deadline": "đúng hạn",
            "tiers": "100",
            "proportional": "100",
            "count": "9",
            "deduction": "0",
        }.get(n.rule.shape) or next(iter(n.rule.params["levels"].values()))[0]
        if n.rule.shape == "survey":
            good += "=10"  # an answer distribution: all respondents chose the best option
        rows.append(f"X1,{n.code},{good}")
        rows.append(f"X2,{n.code},{'không phát sinh' if n.na_policy == 'drop' else good}")
    rows.append("X3,3.2,50")
    with inputs.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(r.split(",", 2) for r in rows)
    call_command(
        "score", "--criteria", str(workbook_path("commune", 2025)), "--inputs", str(inputs), "--json"
    )
    out = json.loads(capsys.readouterr().out)
    assert [r["unit"] for r in out] == ["X1", "X2", "X3"]
    assert out[0] == {
        "unit": "X1",
        "points": 100.0,
        "max": 100.0,
        "index": 100.0,
        "grade": "Xuất sắc",
        "rank": 1,
    }
    assert out[1]["rank"] == 1 and out[1]["index"] == 100.0 and out[1]["max"] < 100
    # X3 only reports 50 % on time: the last tier, 1 point of 100
    assert out[2]["points"] == 1.0 and out[2]["grade"] == "Yếu" and out[2]["rank"] == 3
    call_command("score", "--criteria", str(workbook_path("commune", 2025)), "--inputs", str(inputs))
    assert "Xuất sắc  (100,00/100,00)" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,code,value\nX1,9.9,1\nX1,3.2,abc\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("score", "--criteria", str(workbook_path("commune", 2025)), "--inputs", str(bad))
    assert "bad.csv, dòng 2, cột code" in str(exc.value) and "dòng 3, cột value" in str(exc.value)


def test_edit_a_criterion_of_an_unused_set(world):
    cset, _ = actions.import_criteria(world.office, parsed_set("commune", 2026, "T1"), world.province)
    url = f"/cham-diem/bo-tieu-chi/{cset.pk}/tieu-chi/3.2/"
    assert world.client("leader").get(url).status_code == 404
    assert world.client("officer_a").post(url, {"title": "x"}).status_code == 404
    c = world.client("office")
    assert c.get(url).status_code == 200
    r = c.post(
        url,
        {"title": "Tỷ lệ hồ sơ đúng hạn", "max_points": "6", "rule_shape": "tiers", "rule_params": ">=99:7"},
    )
    assert "nằm ngoài" in r.content.decode()
    r = c.post(
        url,
        {
            "title": "Tỷ lệ hồ sơ đúng hạn",
            "max_points": "6",
            "rule_shape": "tiers",
            "rule_params": ">=99:6; *:2",
        },
    )
    assert r.status_code == 302
    crit = Criterion.objects.get(criteria_set=cset, code="3.2")
    assert crit.rule_params == ">=99:6; *:2" and crit.title == "Tỷ lệ hồ sơ đúng hạn"
    assert AuditEntry.objects.filter(action="assessments.criterion.update").count() == 1
    # a set used by a campaign is locked
    import datetime as dt

    actions.open_campaign(
        world.office,
        cset,
        name="x",
        self_deadline=dt.date(2027, 1, 1),
        explanation_deadline=dt.date(2027, 1, 2),
        appraisal_deadline=dt.date(2027, 1, 3),
    )
    with pytest.raises(Exception, match="sao chép sang năm sau"):
        actions.update_criterion(world.office, crit, title="y")
