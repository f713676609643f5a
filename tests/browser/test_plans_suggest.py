"""Browser: the office uploads a directive about the 2024 indices; on the review page a task card
suggests index criteria, none ticked; the office ticks one and accepts (HTMX), the card names the link,
and applying the proposal links the task to that criterion."""

import pytest

from chiso.indices import actions as index_actions
from chiso.plans.models import Directive, Task
from tests.browser.test_plans import SEED, media  # noqa: F401  (the 2024 commitment letter, media root)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tick_a_suggested_criterion_and_accept(world, page, login, live_server, media):  # noqa: F811
    index_actions.load_frameworks(None)
    login(world.office)
    page.goto(f"{live_server.url}/ke-hoach/van-ban/")
    page.set_input_files("#id_file", str(SEED))
    page.click("#upload button[type=submit]")
    page.wait_for_url("**/ra-soat/")
    fieldsets = page.locator("fieldset.suggestions")
    assert fieldsets.count() > 0
    # suggestions are shown unticked: the office confirms
    assert page.locator("fieldset.suggestions input[type=radio]:checked").count() == 0
    card = page.locator("article.item.task:has(fieldset.suggestions)").first
    item_id = card.get_attribute("id").removeprefix("item-")
    choice = card.locator("fieldset.suggestions input[type=radio]").first
    value = choice.get_attribute("value")  # "par:2024:LV3"
    index_code, year, code = value.split(":")
    choice.check()
    card.locator("button.accept").click()
    accepted = page.locator(f"#item-{item_id}.is-accepted")
    accepted.wait_for()
    assert f"— {code} " in accepted.locator("p.small", has_text="Phục vụ chỉ số").inner_text()
    assert accepted.locator(f"input[type=radio][value='{value}']").is_checked()
    d = Directive.objects.get()
    item = next(it for it in d.proposal["items"] if it["id"] == item_id)
    assert (item["index_code"], item["index_year"], item["criterion_code"]) == (index_code, int(year), code)
    page.click("#apply")
    page.wait_for_url(f"{live_server.url}/ke-hoach/")
    linked = Task.objects.exclude(criterion=None)
    assert linked.exists() and {t.criterion.code for t in linked} == {code}
    assert {t.index_code for t in linked} == {index_code}
