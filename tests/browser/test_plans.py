"""Browser: the office uploads a seed directive, reviews the proposal, accepts, and sees the tasks on the
board; a commune officer reports progress on its own task."""

from pathlib import Path

import pytest

from chiso.orgs import actions as org_actions
from chiso.orgs.models import Unit, UnitKind
from chiso.plans.models import Directive, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2] / "chiso" / "plans" / "data" / "cong-van-cam-ket-chi-so-2024.txt"


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_upload_review_accept_and_see_board(world, page, login, live_server, media):
    org_actions.save_unit(
        None, Unit(code="T1.VP"), name="Văn phòng UBND tỉnh", kind=UnitKind.DEPARTMENT, parent=world.province
    )
    login(world.office)
    page.goto(f"{live_server.url}/ke-hoach/van-ban/")
    page.set_input_files("#id_file", str(SEED))
    page.click("#upload button[type=submit]")
    page.wait_for_url("**/ra-soat/")
    assert "Rà soát đề xuất" in page.locator("h1").inner_text()
    # the document text is shown with the proposed spans highlighted
    assert page.locator("#doc-text mark.task").count() > 3
    assert page.locator("#doc-text mark.target").count() > 0
    d = Directive.objects.get()
    first_task = next(it for it in d.proposal["items"] if it["type"] == "task")
    first_target = next(it for it in d.proposal["items"] if it["type"] == "target")
    # reject one task (HTMX swaps the card in place)
    card = page.locator(f"#item-{first_task['id']}")
    card.locator("button.reject").click()
    page.locator(f"#item-{first_task['id']}.is-rejected").wait_for()
    # edit a target's value, then accept it
    card = page.locator(f"#item-{first_target['id']}")
    card.locator("summary").click()
    card.locator("input[name=value]").fill("75")
    card.locator("form:has(input[name=edit]) button[type=submit]").click()
    page.locator(f"#item-{first_target['id']}.is-accepted").wait_for()
    assert "75" in page.locator(f"#item-{first_target['id']}").inner_text()
    assert "Loại bỏ: 1" in page.locator("#counts").inner_text()
    page.click("#accept-all")
    page.wait_for_load_state("networkidle")
    page.click("#apply")
    page.wait_for_url(f"{live_server.url}/ke-hoach/")
    assert "Đã tạo" in page.locator(".messages").inner_text()
    table = page.locator("#by-unit")
    assert "Sở Nội vụ" in table.inner_text() and "Văn phòng UBND tỉnh" in table.inner_text()
    assert int(page.locator("#kpi-total").inner_text().replace(".", "")) == Task.objects.count() > 0
    assert not Task.objects.filter(quote=first_task["quote"]).exists()


def test_unit_updates_its_task(world, page, login, live_server, media):

    t = Task.objects.create(title="Rà soát quy trình nội bộ", unit=world.commune_a)
    other = Task.objects.create(title="Nhiệm vụ của phường", unit=world.commune_b)
    login(world.officer_a)
    page.goto(f"{live_server.url}/ke-hoach/nhiem-vu/")
    assert "Nhiệm vụ của phường" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Rà soát quy trình nội bộ").click()
    page.select_option("#id_status", "in_progress")
    page.fill("#id_progress", "45")
    page.fill("#id_text", "Đã rà soát 5/11 quy trình")
    page.click("#update-form button[type=submit]")
    assert "Đã cập nhật tiến độ" in page.locator(".messages").inner_text()
    t.refresh_from_db()
    assert (t.status, t.progress) == ("in_progress", 45)
    resp = page.goto(f"{live_server.url}/ke-hoach/nhiem-vu/{other.pk}/")
    assert resp.status == 404
