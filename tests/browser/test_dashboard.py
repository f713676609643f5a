import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_lands_on_the_overview_and_navigates(world, page, login, live_server):
    login(world.leader)
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text().startswith("Tổng quan")
    assert page.locator("#kpis").is_visible()
    assert "không đủ dữ liệu" in page.locator("#kpis").inner_text()
    assert page.locator("#plans").is_visible()
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.wait_for_url("**/don-vi/")
    assert "Tỉnh Thử Nghiệm" in page.content()
