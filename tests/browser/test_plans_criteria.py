"""Browser: the office links a task to a PAPI criterion with the searchable picker (HTMX, typed without
accents), saves, and sees the criterion's name on the task page."""

import pytest
from playwright.sync_api import expect

from chiso.indices import actions as index_actions
from chiso.plans.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pick_a_criterion_by_name(world, page, login, live_server):
    index_actions.load_frameworks(None)
    t = Task.objects.create(title="Rà soát thủ tục cấp xã", unit=world.commune_a)
    login(world.office)
    page.goto(f"{live_server.url}/ke-hoach/nhiem-vu/{t.pk}/")
    page.click("summary:has-text('Sửa nhiệm vụ')")
    page.select_option("#cp-task select[name=index_code]", "papi")
    page.fill("#cp-task input[name=index_year]", "2024")
    page.fill("#cp-task input[name=criterion_code]", "thu tuc cap xa")
    # the list narrows to the one node whose name holds the words, accents or not
    expect(page.locator("#cp-task-list button")).to_have_count(1)
    page.locator("#cp-task-list button[data-code='D5.3']").click()
    assert page.input_value("#cp-task input[name=criterion_code]") == "D5.3"
    page.click("#task-edit button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Đã lưu nhiệm vụ" in page.locator(".messages").inner_text()
    assert "D5.3 Thủ tục hành chính cấp xã, phường" in page.locator("#task-criterion").inner_text()
    t.refresh_from_db()
    assert (t.index_code, t.index_year, t.criterion.code) == ("papi", 2024, "D5.3")
