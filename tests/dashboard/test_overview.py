import datetime as dt

import pytest

from chiso.indices import actions as index_actions
from chiso.indices.models import Index
from chiso.orgs import actions
from chiso.orgs.models import Role, Unit
from chiso.orgs.provinces import load_provinces

pytestmark = pytest.mark.django_db


def test_anonymous_goes_to_login(world):
    r = world.client(None).get("/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize("who", ["admin", "office", "leader", "officer_a", "officer_b", "appraiser"])
def test_every_persona_gets_an_overview_of_their_own_unit(world, who):
    r = world.client(who).get("/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Tổng quan" in body
    if who == "officer_a":
        assert "Xã Hòa An" in body and "Phường Đông Sơn" not in body


def test_user_without_role_sees_an_explanation(world):
    from django.contrib.auth import get_user_model

    u = get_user_model().objects.create_user("norole", password="x-password-123")
    c = world.client(None)
    c.force_login(u)
    assert "chưa được giao vai trò" in c.get("/").content.decode()


def test_overview_shows_the_province_position_on_papi(world, tmp_path):
    load_provinces()
    index_actions.load_frameworks(None)
    ha_tinh = Unit.objects.get(code="42")
    lines = ["index,year,province,node_code,score"]
    for y in (2023, 2024):
        for i, p in enumerate(["Hà Tĩnh", "Nghệ An", "Quảng Ninh"]):
            for d in range(1, 9):
                lines.append(f"papi,{y},{p},D{d},{5 + ((i + y) % 3) / 2}")
    path = tmp_path / "papi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index_actions.import_results(None, Index.objects.get(code="papi"), path, fmt="long")
    actions.assign_role(None, world.leader, Role.LEADER, ha_tinh)
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.create_user("lanhdao_ht", password="x-password-123")
    actions.assign_role(None, leader, Role.LEADER, ha_tinh)
    c = world.client(None)
    c.force_login(leader)
    body = c.get("/").content.decode()
    assert "Vị trí của Tỉnh Hà Tĩnh" in body
    standings = body.split('id="standings"')[1].split("</section>")[0]
    assert "PAPI" in standings and "2024" in standings and "/3" in standings


def test_kpi_cards_say_no_data_rather_than_zero(world):
    body = world.client("office").get("/").content.decode()
    kpis = body.split('id="kpis"')[1].split("</section>")[0]
    assert "không đủ dữ liệu" in kpis
    assert dt.date.today().year - 1 <= int(kpis.split("Năm ")[1][:4]) <= dt.date.today().year
