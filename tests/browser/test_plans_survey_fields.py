"""Browser: the office opens the follow-up board; a satisfaction target on the land field is judged on
the land responses of the survey form that asks the field, and one whose unit only has responses of a
form without a field question says it cannot be judged, and why; the target page says the same."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from chiso.dossiers.models import Procedure
from chiso.lib import periods as lib_periods
from chiso.plans.models import Directive, Target
from tests.plans.test_survey_field_targets import BLIND_TITLE, forms, make_responses, respond  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_says_which_satisfaction_targets_cannot_be_judged(world, forms, page, login, live_server):  # noqa: F811
    Procedure.objects.create(code="P-DD-1", name="Đăng ký đất đai", field_code="DD", field_name="Đất đai")
    cur = lib_periods.period_containing(dt.date.today(), "quarter")
    make_responses(world, forms, cur.code, cur.previous().code)
    respond(forms[1], world.commune_b, cur.start, None, 3, 0)
    d = Directive.objects.create(unit=world.province, title="Kế hoạch hài lòng", status="active")
    common = {
        "directive": d,
        "metric_code": "satisfaction_pct",
        "operator": ">=",
        "value": Decimal("80"),
        "unit_label": "%",
        "scope": "field",
        "field": "lĩnh vực đất đai",
    }
    Target.objects.create(unit=world.commune_a, metric_text="Hài lòng đất đai của xã", **common)
    blind = Target.objects.create(unit=world.commune_b, metric_text="Hài lòng đất đai của phường", **common)
    login(world.office)
    page.goto(f"{live_server.url}/ke-hoach/")
    rows = page.locator("#targets tbody tr")
    judged = rows.filter(has_text="Hài lòng đất đai của xã")
    expect(judged.locator("td.num").first).to_have_text("75,00")
    expect(judged.locator(".badge.bad")).to_have_text("Chưa đạt")
    unjudged = rows.filter(has_text="Hài lòng đất đai của phường")
    expect(unjudged.locator(".badge.unjudged")).to_have_text("Chưa đánh giá được")
    assert f"biểu mẫu “{BLIND_TITLE}” không có câu hỏi lĩnh vực (3 phiếu)" in unjudged.inner_text()
    unjudged.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/ke-hoach/chi-tieu/{blind.pk}/")
    facts = page.locator("#target-actual").inner_text()
    assert "Chưa đánh giá được" in facts and "không lấy số liệu toàn đơn vị" in facts
