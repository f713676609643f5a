import datetime as dt

import pytest

from chiso.orgs import actions
from chiso.orgs.models import LinkKind, Unit, UnitKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_without_accents_open_unit_and_see_history(world, page, login, live_server):
    old = actions.save_unit(
        None,
        Unit(code="T1H1X1"),
        name="Xã Đức Thịnh",
        kind=UnitKind.COMMUNE,
        parent=world.province,
        valid_to=dt.date(2025, 6, 30),
    )[0]
    actions.link_units(None, old, world.commune_a, LinkKind.MERGE, dt.date(2025, 7, 1))
    login(world.office)
    page.goto(f"{live_server.url}/don-vi/")
    page.fill("#q", "hoa an")
    page.click("form[role=search] button[type=submit]")
    page.get_by_role("link", name="Xã Hòa An", exact=True).click()
    assert page.locator("h1").inner_text() == "Xã Hòa An"
    history = page.locator("#history")
    assert "Xã Đức Thịnh" in history.inner_text()
    assert "01/07/2025" in history.inner_text()
    # the former unit says what it became
    page.locator("#history").get_by_role("link", name="Xã Đức Thịnh").click()
    assert "Xã Hòa An" in page.locator("#history").inner_text()
    assert "Đã giải thể" in page.content()


def test_officer_cannot_open_another_commune(world, page, login, live_server):
    login(world.officer_a)
    resp = page.goto(f"{live_server.url}/don-vi/{world.commune_b.code}/")
    assert resp.status == 404
