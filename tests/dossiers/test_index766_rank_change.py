"""The 766 rank and its change against the previous period of the same length, worked by hand.

Scores come from entered items only (no dossier): "Công bố TTHC đúng hạn" (pub_ontime, max 6,
score = ratio × 6), so a unit's total is 6 × numerator / denominator.

Communes (commune A and ward B formed 1/7/2025, commune C formed 1/9/2025):
  08/2025  A 5/10 → 3,0   B 10/10 → 6,0               ranks B 1, A 2
  09/2025  A 10/10 → 6,0  B 4/10 → 2,4  C 8/10 → 4,8  ranks A 1, C 2, B 3
           → A tăng 01 bậc, B giảm 02 bậc, C mới (not in force on 31/08)
  Q3/2025  A 1/10, B 9/10                              ranks B 1, A 2 (both mới against Q2)
  Q4/2025  A 9/10, B 9/10                              tie: both 1 → A tăng 01 bậc, B giữ nguyên
           (against September instead of Q3, B would have gone up two places)
Departments (no founding date):
  2024     SNV 9/10, STP 10/10 → STP 1, SNV 2;  12/2024 SNV 10/10, STP 1/10 (a decoy month)
  2025     SNV 10/10, STP 5/10 → SNV 1, STP 2  → SNV tăng 01 bậc, STP giảm 01 bậc"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chiso.dossiers import actions, index766
from chiso.lib import periods
from chiso.orgs import actions as org_actions
from chiso.orgs.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

SCORES = {
    "2025-08": {"T1XA": 5, "T1XB": 10},
    "2025-09": {"T1XA": 10, "T1XB": 4, "T1XC": 8},
    "2025-Q3": {"T1XA": 1, "T1XB": 9},
    "2025-Q4": {"T1XA": 9, "T1XB": 9},
    "2024": {"T1.SNV": 9, "T1.STP": 10},
    "2024-12": {"T1.SNV": 10, "T1.STP": 1},
    "2025": {"T1.SNV": 10, "T1.STP": 5},
}


@pytest.fixture
def scored(world):
    org_actions.save_unit(
        None,
        Unit(code="T1XC"),
        name="Xã Tân Lập",
        kind=UnitKind.COMMUNE,
        parent=world.province,
        valid_from=dt.date(2025, 9, 1),
    )
    org_actions.save_unit(
        None, Unit(code="T1.STP"), name="Sở Tư pháp", kind=UnitKind.DEPARTMENT, parent=world.province
    )
    for period, per_unit in SCORES.items():
        for code, num in per_unit.items():
            unit = Unit.objects.get(code=code)
            actions.save_index766_entry(world.office, unit, period, "pub_ontime", num, 10)
    return world


def _by_code(rows) -> dict:
    return {r["unit"].code: r for r in rows}


def test_month_against_previous_month(scored):
    rows = _by_code(index766.ranking_with_change(scored.province, periods.parse("2025-09"), "commune"))
    assert {c: (r["rank"], r["of"]) for c, r in rows.items()} == {
        "T1XA": (1, 3),
        "T1XC": (2, 3),
        "T1XB": (3, 3),
    }
    assert rows["T1XA"]["total"] == pytest.approx(6.0)
    assert (rows["T1XA"]["prev_rank"], rows["T1XA"]["prev_of"], rows["T1XA"]["rank_change"]) == (2, 2, 1)
    assert (rows["T1XB"]["prev_rank"], rows["T1XB"]["rank_change"]) == (1, -2)
    assert rows["T1XC"]["new"] and rows["T1XC"]["rank_change"] is None and rows["T1XC"]["prev_rank"] is None
    assert not rows["T1XA"]["new"] and not rows["T1XB"]["new"]
    assert rows["T1XA"]["previous"].code == "2025-08"
    assert rows["T1XA"]["prev_total"] == pytest.approx(3.0)


def test_quarter_against_previous_quarter_not_month(scored):
    rows = _by_code(index766.ranking_with_change(scored.province, periods.parse("2025-Q4"), "commune"))
    assert rows["T1XA"]["rank"] == rows["T1XB"]["rank"] == 1  # a tie shares the rank
    assert rows["T1XA"]["previous"].code == "2025-Q3"
    assert rows["T1XA"]["rank_change"] == 1 and rows["T1XB"]["rank_change"] == 0
    # Q3 against Q2: the communes formed on 1/7/2025 are new.
    rows = _by_code(index766.ranking_with_change(scored.province, periods.parse("2025-Q3"), "commune"))
    assert rows["T1XA"]["new"] and rows["T1XB"]["new"]


def test_year_against_previous_year(scored):
    rows = _by_code(index766.ranking_with_change(scored.province, periods.parse("2025"), "department"))
    assert rows["T1.SNV"]["previous"].code == "2024"
    assert (rows["T1.SNV"]["rank"], rows["T1.SNV"]["prev_rank"], rows["T1.SNV"]["rank_change"]) == (1, 2, 1)
    assert (rows["T1.STP"]["rank"], rows["T1.STP"]["prev_rank"], rows["T1.STP"]["rank_change"]) == (2, 1, -1)


def test_commune_formed_on_1_july_is_new_with_dossiers(world, july):
    rows = _by_code(index766.ranking_with_change(world.province, periods.parse("2025-07"), "commune"))
    assert rows["T1XA"]["new"] and rows["T1XB"]["new"]
    assert rows["T1XA"]["rank"] is not None
    body = world.client("officer_a").get("/ho-so/766/?don_vi=T1XA&ky=2025-07").content.decode()
    card = body[body.index('id="rank-card"') : body.index('id="rank-card"') + 900]
    assert ">mới<" in card and "chưa có ở tháng 06/2025" in card


def test_card_shows_rank_and_change_in_vietnamese(scored):
    c = scored.client("officer_a")
    body = c.get("/ho-so/766/?don_vi=T1XA&ky=2025-09").content.decode()
    card = body[body.index('id="rank-card"') : body.index('id="rank-card"') + 900]
    assert ">1/3<" in card
    assert '<strong class="up">tăng 01 bậc</strong>' in card
    assert "so với tháng 08/2025 (2/2)" in card
    # The officer of A does not see the other units' table.
    assert "Xếp hạng các đơn vị cùng loại" not in body
    body = scored.client("office").get("/ho-so/766/?don_vi=T1XB&ky=2025-09").content.decode()
    card = body[body.index('id="rank-card"') : body.index('id="rank-card"') + 900]
    assert ">3/3<" in card and '<strong class="down">giảm 02 bậc</strong>' in card
    body = scored.client("office").get("/ho-so/766/?don_vi=T1XB&ky=2025-Q4").content.decode()
    card = body[body.index('id="rank-card"') : body.index('id="rank-card"') + 900]
    assert "giữ nguyên vị trí" in card and "so với quý iii/2025 (1/2)" in card
    # The score change is against the same previous period: 2,4 − 6,0.
    assert "Điểm so với tháng 08/2025" in c.get("/ho-so/766/?don_vi=T1XA&ky=2025-09").content.decode()
    assert "+3,00" in c.get("/ho-so/766/?don_vi=T1XA&ky=2025-09").content.decode()


def test_ranking_table_has_the_change_column(scored):
    body = scored.client("office").get("/ho-so/766/?don_vi=T1XA&ky=2025-09").content.decode()
    table = body[body.index("Xếp hạng các đơn vị cùng loại") :]
    assert "<th" in table and "Thay đổi</th>" in table
    rows = table.split("<tr")[2:]
    assert "Xã Hòa An" in rows[0] and "tăng 01 bậc" in rows[0]
    assert "Xã Tân Lập" in rows[1] and ">mới<" in rows[1]
    assert "Phường Đông Sơn" in rows[2] and "giảm 02 bậc" in rows[2]


def test_csv_keeps_the_contract_and_appends_the_change_on_request(scored):
    out = io.StringIO()
    call_command("index766", period="2025-09", kind="commune", province="T1", csv=True, stdout=out)
    head, *lines = out.getvalue().splitlines()
    assert head == "unit,total,rank,of,publication,progress,online,payment,digitisation,satisfaction"
    out = io.StringIO()
    call_command(
        "index766", period="2025-09", kind="commune", province="T1", csv=True, with_change=True, stdout=out
    )
    head, *lines = out.getvalue().splitlines()
    assert (
        head == "unit,total,rank,of,publication,progress,online,payment,digitisation,satisfaction,rank_change"
    )
    assert lines == [
        "T1XA,6.00,1,3,6.00,,,,,,+1",
        "T1XC,4.80,2,3,4.80,,,,,,new",
        "T1XB,2.40,3,3,2.40,,,,,,-2",
    ]
    out = io.StringIO()
    call_command("index766", period="2025-Q4", kind="commune", province="T1", with_change=True, stdout=out)
    text = out.getvalue()
    assert "T1XA  Xã Hòa An: 5,40  (tăng 01 bậc)" in text and "(giữ nguyên vị trí)" in text


def _page_queries(client, url) -> int:
    client.get(url)  # warm the registry-KPI cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_rank_change_costs_the_same_whatever_the_number_of_units(scored):
    """Both periods are ranked set-based: more communes (with scores in both months) add no query."""
    url = "/ho-so/766/?don_vi=T1XA&ky=2025-09"
    client = scored.client("office")
    before = _page_queries(client, url)
    for i in range(6):
        u = org_actions.save_unit(
            None, Unit(code=f"T1XN{i}"), name=f"Xã Mới {i}", kind=UnitKind.COMMUNE, parent=scored.province
        )[0]
        for period in ("2025-08", "2025-09"):
            actions.save_index766_entry(scored.office, u, period, "pub_ontime", i + 1, 10)
    rows = index766.ranking_with_change(scored.province, periods.parse("2025-09"), "commune")
    assert len(rows) == 9 and sum(r["rank_change"] is not None for r in rows) == 8
    assert _page_queries(client, url) == before


# ---------------------------------------------------------------- the API


def _api(client, query) -> dict:
    r = client.get(f"/api/dossiers/index766?{query}")
    assert r.status_code == 200, r.content
    return {row["unit"]: row for row in r.json()}


def test_api_returns_the_previous_rank_and_the_change(scored):
    rows = _api(scored.client("office"), "province=T1&period=2025-09&kind=commune")
    assert list(rows) == ["T1XA", "T1XC", "T1XB"]  # rank order, as before
    a, b, c = rows["T1XA"], rows["T1XB"], rows["T1XC"]
    assert (a["rank"], a["of"], a["previous_period"], a["prev_rank"], a["prev_of"]) == (1, 3, "2025-08", 2, 2)
    assert (a["rank_change"], a["new"]) == (1, False) and a["prev_total"] == pytest.approx(3.0)
    assert (b["prev_rank"], b["rank_change"], b["new"]) == (1, -2, False)
    assert (c["prev_rank"], c["prev_of"], c["prev_total"], c["rank_change"], c["new"]) == (
        None,
        None,
        None,
        None,
        True,
    )
    # Quarter against the previous quarter (not September): a tie keeps both at rank 1.
    rows = _api(scored.client("office"), "province=T1&period=2025-Q4&kind=commune")
    assert {u: (r["previous_period"], r["rank"], r["rank_change"]) for u, r in rows.items()} == {
        "T1XA": ("2025-Q3", 1, 1),
        "T1XB": ("2025-Q3", 1, 0),
        "T1XC": ("2025-Q3", None, None),  # no score in Q4: no rank, no change
    }
    rows = _api(scored.client("office"), "province=T1&period=2025&kind=department")
    assert (rows["T1.SNV"]["previous_period"], rows["T1.SNV"]["rank_change"]) == ("2024", 1)
    assert rows["T1.STP"]["rank_change"] == -1


def test_api_change_is_the_csv_change_and_the_old_fields_stay(scored):
    """Same computation as `index766 --csv --with-change`; the fields of before are unchanged."""
    out = io.StringIO()
    call_command(
        "index766", period="2025-09", kind="commune", province="T1", csv=True, with_change=True, stdout=out
    )
    csv_change = {line.split(",")[0]: line.split(",")[-1] for line in out.getvalue().splitlines()[1:]}
    rows = _api(scored.client("admin"), "province=T1&period=2025-09&kind=commune")
    api_change = {
        u: "new" if r["new"] else f"{r['rank_change']:+d}" if r["rank_change"] else "0"
        for u, r in rows.items()
    }
    assert api_change == csv_change == {"T1XA": "+1", "T1XC": "new", "T1XB": "-2"}
    plain = index766.ranking(scored.province, periods.parse("2025-09"), "commune")
    for r in plain:
        got = rows[r["unit"].code]
        assert (got["name"], got["total"], got["rank"], got["of"]) == (
            r["unit"].name,
            pytest.approx(r["total"]),
            r["rank"],
            r["of"],
        )
        assert got["groups"] == {g["code"]: g["score"] for g in r["groups"]}
    assert set(rows["T1XA"]) == {
        *("unit", "name", "total", "rank", "of", "groups"),
        *("previous_period", "prev_rank", "prev_of", "prev_total", "rank_change", "new"),
    }


# Who reads the province reads its ranking; a commune's or a department's officer gets 404.
API_ACCESS = {"admin": 200, "office": 200, "leader": 200, "appraiser": 200, None: 401}
API_ACCESS |= dict.fromkeys(("officer_a", "head_a", "officer_b", "dept_officer"), 404)


@pytest.mark.parametrize("who,status", API_ACCESS.items())
def test_api_ranking_with_change_who_may(scored, who, status):
    r = scored.client(who).get("/api/dossiers/index766?province=T1&period=2025-09&kind=commune")
    assert r.status_code == status
    if status == 200:
        assert {row["unit"]: row["rank_change"] for row in r.json()} == {"T1XA": 1, "T1XC": None, "T1XB": -2}


def test_api_bad_period_is_400(scored):
    assert scored.client("office").get("/api/dossiers/index766?province=T1&period=2025-13").status_code == 400
