"""QA findings on the results page: Vietnamese question labels, a CSV for people next to the
command's machine contract, ranking within a kind among units in force, readable radar axes."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from chiso.lib import periods
from chiso.orgs import actions as org_actions
from chiso.orgs.models import Unit, UnitKind
from chiso.surveys import actions, charts, queries

from .conftest import answers


def _add(version, unit, n, sat, month=8, tag=""):
    pairs = []
    for i in range(n):
        v = "5" if i < sat else "2"
        a = answers(tiep_can=v, thu_tuc=v, cong_chuc=v, ket_qua=v, da_gop_y="co", gop_y=v)
        when = timezone.make_aware(dt.datetime(2025, month, 1 + i % 28, 9, 0))
        pairs.append(
            actions.build_response(version, unit, a, when, "demo", import_key=f"p:{unit.code}:{tag}{i}")
        )
    actions.save_generated(pairs)


@pytest.fixture
def data(world, version):
    district = org_actions.save_unit(
        None,
        Unit(code="T1H1"),
        name="Huyện Cũ",
        kind=UnitKind.DISTRICT,
        parent=world.province,
        valid_to=dt.date(2025, 6, 30),
    )[0]
    _add(version, world.desk_a, 40, 30)  # commune A (through its desk): 75 %
    _add(version, world.commune_b, 35, 35)  # ward B: 100 %
    _add(version, world.department, 31, 31)  # a department: 100 %, not to be ranked with communes
    _add(version, district, 33, 33, month=3)  # dissolved on 30/06/2025
    world.district = district
    return world


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_questions_show_vietnamese_labels_not_codes(data):
    html = data.client("office").get("/khao-sat/ket-qua/?don_vi=T1&ky=2025").content.decode()
    table = html[html.index("<h2>Theo câu hỏi</h2>") : html.index('<div id="ranking">')]
    text = _visible_text(table)
    assert "Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ" in text
    for code in ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua", "gop_y"):
        assert code not in text, code
    assert 'title="Mã câu hỏi: tiep_can"' in table  # the code, at most, in a tooltip


def test_csv_download_is_for_people(data):
    r = data.client("office").get("/khao-sat/ket-qua.csv?don_vi=T1XA&ky=2025")
    assert r["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the diacritics
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Đơn vị", "Kỳ", "Nhóm", "Nội dung", "Số trả lời hợp lệ", "% hài lòng"]
    by_name = {row[3]: row for row in rows[1:]}
    access = by_name["Tiếp cận dịch vụ"]
    assert access[:3] == ["Xã Hòa An", "Năm 2025", "Yếu tố"]
    assert access[4] == "40" and access[5] == "75,00"
    assert re.fullmatch(r"\d+,\d\d", access[6]) and re.fullmatch(r"\d+,\d\d", access[8])
    assert by_name["Chỉ số hài lòng chung"][2] == "Chỉ số chung"
    assert any(row[2] == "Câu hỏi" and row[3].startswith("Ông/Bà") for row in rows[1:])
    text = r.content.decode("utf-8-sig")
    assert "scope" not in text and "overall" not in text and "tiep_can" not in text
    assert not re.search(r"\d\.\d\d", text)  # no dot decimals


def test_command_csv_keeps_the_machine_contract(data):
    out = io.StringIO()
    call_command("satisfaction", unit="T1XA", period="2025", csv=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "scope,n,satisfied_pct,ci_low,ci_high"
    assert lines[1] == "access,40,75.00," + lines[1].split(",", 3)[3]
    assert re.fullmatch(r"access,40,75\.00,\d+\.\d\d,\d+\.\d\d", lines[1])
    assert lines[-1].startswith("overall,40,")


def test_ranking_groups_units_of_a_kind_in_force(data):
    groups, _ = queries.ranking(data.province, periods.parse("2025"))
    by_label = {g["label"]: [(r["unit"].code, r["rank"]) for r in g["rows"]] for g in groups}
    assert by_label == {
        "Xã, phường, đặc khu": [("T1XB", 1), ("T1XA", 2)],
        "Sở, ban, ngành": [("T1.SNV", 1)],
    }  # the district dissolved on 30/06/2025 is not in force at the end of 2025
    groups, _ = queries.ranking(data.province, periods.parse("2025-H1"))
    by_label = {g["label"]: [(r["unit"].code, r["rank"]) for r in g["rows"]] for g in groups}
    assert by_label == {"Quận, huyện, thị xã": [("T1H1", 1)]}  # new communes not yet in force
    html = data.client("office").get("/khao-sat/ket-qua/?don_vi=T1&ky=2025").content.decode()
    ranking = html[html.index('<div id="ranking">') :]
    assert "<h3>Xã, phường, đặc khu</h3>" in ranking and "<h3>Sở, ban, ngành</h3>" in ranking
    assert "Huyện Cũ" not in ranking and "còn hiệu lực đến 31/12/2025" in ranking


def test_radar_axis_names_fit(data):
    res = queries.indices(data.province, periods.parse("2025"))
    opts = charts.radar(res, res, data.province, data.province)
    names = [i["name"] for i in opts["radar"]["indicator"]]
    assert "Góp ý, phản ánh" in names
    assert all(len(line) <= charts.AXIS_CHARS for n in names for line in n.split("\n")), names


@given(st.lists(st.text(alphabet="abcđêơ", min_size=1, max_size=charts.AXIS_CHARS), min_size=1, max_size=12))
def test_wrapped_labels_keep_words_and_fit(words):
    text = charts.short_label("x", " ".join(words))
    lines = text.split("\n")
    assert all(len(line) <= charts.AXIS_CHARS for line in lines)
    assert " ".join(lines).split() == words
