"""QA findings: links are shown only to those who may follow them; the agency mapping is read by
the people of the province; the planner opens with a sensible target and two-decimal points."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from chiso.indices import actions, queries
from chiso.indices.models import Index
from chiso.orgs import actions as org_actions
from chiso.orgs.models import Role, Unit
from tests.conftest import PERSONAS

LINKED = re.compile(r'href="(/chi-so/(?:nhap-ket-qua|phan-cong)/[^"]*)"')


@pytest.fixture
def data(world, papi_small):
    return world


def _outsider():
    """An officer of Hà Tĩnh (42): a person of another province than the test one (T1)."""
    user = get_user_model().objects.create_user("outsider", "o@example.invalid", "x-password-123")
    org_actions.assign_role(None, user, Role.OFFICER, Unit.objects.get(code="42"))
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("who", [p for p in PERSONAS if p != "anonymous"] + ["dept_officer"])
def test_every_management_link_shown_can_be_followed(data, who):
    c = data.client(who)
    pages = ["/chi-so/", f"/chi-so/?tinh={data.province.code}", "/chi-so/par/", "/chi-so/papi/nam/2024/"]
    for url in pages:
        html = c.get(url, follow=True).content.decode()
        for link in set(LINKED.findall(html)):
            assert c.get(link).status_code == 200, (who, url, link)


def test_par_empty_state_says_what_is_missing(data):
    for who in ("leader", "appraiser", "officer_a", "dept_officer"):
        html = data.client(who).get("/chi-so/par/").content.decode()
        assert "Chưa có kết quả công bố của PAR INDEX" in html, who
        assert "/chi-so/nhap-ket-qua/" not in html, who
    html = data.client("office").get("/chi-so/par/").content.decode()
    assert "Chưa có kết quả công bố của PAR INDEX" in html and 'href="/chi-so/nhap-ket-qua/"' in html


def test_overview_cards_link_import_for_managers_only(data):
    url = f"/chi-so/?tinh={data.province.code}"
    html = data.client("leader").get(url).content.decode()
    assert "Chưa có kết quả công bố của Tỉnh Thử Nghiệm" in html and "nhap-ket-qua" not in html
    html = data.client("office").get(url).content.decode()
    assert "Nhập kết quả PAR INDEX" in html


@pytest.mark.parametrize(
    "who", ["admin", "office", "leader", "appraiser", "officer_a", "officer_b", "dept_officer"]
)
def test_people_of_the_province_read_the_mapping(data, who):
    c = data.client(who)
    assert c.get(f"/chi-so/phan-cong/{data.province.code}/").status_code == 200
    assert c.get(f"/api/indices/mappings/{data.province.code}").status_code == 200
    html = c.get(f"/chi-so/?tinh={data.province.code}").content.decode()
    assert f'href="/chi-so/phan-cong/{data.province.code}/"' in html


def test_outsiders_do_not_read_the_mapping(data):
    c = _outsider()
    assert c.get(f"/chi-so/phan-cong/{data.province.code}/").status_code == 404
    assert c.get(f"/api/indices/mappings/{data.province.code}").status_code == 404
    html = c.get(f"/chi-so/?tinh={data.province.code}").content.decode()
    assert "/chi-so/phan-cong/" not in html
    # ... but their own province's, yes.
    assert c.get("/chi-so/phan-cong/42/").status_code == 200


def test_readers_cannot_edit_the_mapping(data):
    c = data.client("officer_a")
    r = c.post(
        f"/chi-so/phan-cong/{data.province.code}/",
        {"index": "papi", "node_code": "D1", "agency": data.department.code, "lead": "on"},
    )
    assert r.status_code == 404
    html = c.get(f"/chi-so/phan-cong/{data.province.code}/").content.decode()
    assert "Thêm / sửa phân công" not in html and "mac-dinh" not in html


def test_plan_shows_agencies_to_the_people_of_the_province(data):
    papi = Index.objects.get(code="papi")
    actions.set_responsibility(None, Unit.objects.get(code="42"), papi, "", Unit.objects.get(code="42"), True)
    url = "/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1"
    assert "Cơ quan phụ trách</th>" in _outsider().get(url).content.decode()
    assert "Cơ quan phụ trách</th>" not in data.client("officer_a").get(url).content.decode()


def _third():
    row = queries.result_set(Index.objects.get(code="papi")).table(2024).rows[2]
    return row.province, row.total.rank


def test_planner_first_visit_defaults(data):
    province, rank = _third()
    assert rank == 3
    base = f"/chi-so/papi/tinh/{province.code}/tang-hang/"
    html = data.client("leader").get(base).content.decode()
    assert "Trường này là bắt buộc" not in html and 'class="errorlist"' not in html
    assert "Mục tiêu mặc định: thứ 2, hơn một bậc so với thứ 3 của năm 2024" in html
    assert 'name="hang" value="2"' in html
    assert 'id="plan-result"' in html and "Mục tiêu: thứ 2." in html
    # A link naming only the year gets the same defaults; an explicit target is kept, no note.
    html = data.client("leader").get(base + "?nam=2023").content.decode()
    assert "Trường này là bắt buộc" not in html and "Mục tiêu mặc định" in html
    # A year without results is not silently replaced: the page says so.
    html = data.client("leader").get(base + "?nam=2019").content.decode()
    assert "không có tổng điểm PAPI năm 2019" in html and "Trường này là bắt buộc" not in html
    html = data.client("leader").get(base + "?nam=2024&hang=1").content.decode()
    assert "Mục tiêu mặc định" not in html and "Mục tiêu: thứ 1." in html
    assert 'value="best" selected' in html


def test_planner_default_for_the_first(data):
    first = queries.result_set(Index.objects.get(code="papi")).table(2024).rows[0].province
    html = data.client("leader").get(f"/chi-so/papi/tinh/{first.code}/tang-hang/").content.decode()
    assert "đã xếp thứ 1: mục tiêu mặc định là giữ thứ 1" in html
    assert "Đã đạt thứ hạng 1" in html


def test_planner_points_have_two_decimals_and_no_code(data):
    province, _ = _third()
    for q in ("?nam=2024&hang=1&gioi_han=best", "?nam=2024&hang=1&gioi_han=max", ""):
        html = data.client("office").get(f"/chi-so/papi/tinh/{province.code}/tang-hang/{q}").content.decode()
        result = html[html.index('id="plan-result"') : html.index('id="headroom"')]
        text = re.sub(r"<[^>]+>", " ", result)
        assert not re.search(r"\d,\d{3}", text), text
        assert re.search(r"(Cần thêm|cần) \d+,\d\d điểm", text), text
        assert "best =" not in html and "max =" not in html
        assert "Giới hạn đang dùng: điểm tăng đến" in html


def test_needed_points_round_up():
    from fractions import Fraction

    from chiso.indices.planning import _pts

    assert _pts(Fraction(15736, 10000), up=True) == "1,58"
    assert _pts(Fraction(15736, 10000)) == "1,57"
    assert _pts(Fraction(3, 2), up=True) == "1,50"
