"""The province profile in a real browser: the sentence, the table and both charts drawn (SVG)."""

import pytest

from chiso.indices import actions
from chiso.indices.models import Index
from chiso.orgs.provinces import load_provinces
from tests.indices.conftest import papi_long

pytestmark = pytest.mark.browser


@pytest.fixture
def papi_data(transactional_db, tmp_path):
    from tests.conftest import make_world

    world = make_world()
    load_provinces()
    actions.load_frameworks(None)
    path = tmp_path / "papi.csv"
    path.write_text(papi_long(years=(2022, 2023, 2024)), encoding="utf-8")
    actions.import_results(None, Index.objects.get(code="papi"), path, fmt="long")
    return world


def test_profile_renders_charts(papi_data, page, login, live_server):
    login(papi_data.leader)
    page.goto(f"{live_server.url}/chi-so/papi/tinh/42/")
    assert "PAPI năm 2024:" in page.inner_text("#sentence")
    page.wait_for_selector("#chart-history svg")
    page.wait_for_selector("#chart-radar svg")
    # ECharts drew actual shapes: lines/bars in the history chart, polygons in the radar.
    assert page.locator("#chart-history svg path").count() > 5
    assert page.locator("#chart-radar svg path").count() > 3
    assert page.locator("#dimensions tbody tr").count() == 8
    # The year table: filter accent-insensitively, then open the planner from the profile.
    page.goto(f"{live_server.url}/chi-so/papi/nam/2024/?q=quang%20ninh")
    assert page.locator("#year-table tbody tr").count() == 1
    page.goto(f"{live_server.url}/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1&gioi_han=max")
    assert page.locator("#plan-result").is_visible()


def test_links_and_planner_first_visit(papi_data, page, login, live_server):
    """A department officer sees no import link (it would answer 403), reads the agency mapping,
    and the planner opens on a target one place better than today, with no "required" error."""
    login(papi_data.dept_officer)
    page.goto(f"{live_server.url}/chi-so/par/")
    assert "Chưa có kết quả công bố của PAR INDEX" in page.inner_text("#no-results")
    assert page.locator('a[href="/chi-so/nhap-ket-qua/"]').count() == 0
    page.goto(f"{live_server.url}/chi-so/")
    assert page.locator('a[href="/chi-so/nhap-ket-qua/"]').count() == 0
    page.click("text=Phân công cơ quan phụ trách")
    assert page.locator("h1").inner_text().startswith("Cơ quan phụ trách")
    page.goto(f"{live_server.url}/chi-so/papi/tinh/42/tang-hang/")
    assert page.locator(".errorlist").count() == 0
    assert "mục tiêu mặc định là giữ thứ 1" in page.inner_text("#default-note")  # Hà Tĩnh is 1st here
    assert page.locator("#plan-result").is_visible()
    assert page.locator("#id_gioi_han").input_value() == "best"
