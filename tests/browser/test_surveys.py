"""Real browser, phone-sized: open the form URL (no QR scan), answer, submit, see the thank-you page."""

import pytest

from chiso.surveys import actions
from chiso.surveys.demo import FORM
from chiso.surveys.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def point(world):
    version, _ = actions.import_form(None, FORM.read_bytes(), FORM.name, world.province)
    return actions.ensure_point(None, world.desk_a, version.questionnaire)[0]


def test_citizen_answers_on_a_phone(phone, live_server, point):
    phone.goto(f"{live_server.url}/khao-sat/{point.slug}/")
    assert "Bộ phận Một cửa xã Hòa An" in phone.content()
    # Nothing overflows sideways on a 360 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # The feedback question appears only after "Có".
    assert not phone.locator("#q-gop_y").is_visible()
    # Submitting empty: the page points at the first missing answer (the server would refuse it too).
    phone.click("button[type=submit]")
    assert phone.locator("#e-so_lan").is_visible()
    assert "Vui lòng cho biết số lần đi lại." in phone.locator("#e-so_lan").inner_text()
    phone.fill("#f-so_lan", "2")
    for name, value in [
        ("tiep_can", "5"),
        ("thu_tuc", "4"),
        ("cong_chuc", "5"),
        ("ket_qua", "4"),
        ("da_gop_y", "co"),
    ]:
        phone.check(f"input[name={name}][value='{value}']")
    assert phone.locator("#q-gop_y").is_visible()
    phone.check("input[name=gop_y][value='3']")
    phone.check("input[name=phi_ngoai][value='khong']")
    phone.check("input[name=kenh][value='truc_tuyen']")
    phone.fill("#f-y_kien", "Nên có thêm ghế chờ")
    phone.click("button[type=submit]")
    phone.wait_for_url(f"**/khao-sat/{point.slug}/cam-on/")
    assert "Xin trân trọng cảm ơn Ông/Bà!" in phone.content()
    r = Response.objects.get()
    assert (
        r.answers["gop_y"] == "3"
        and r.answers["kenh"] == ["truc_tuyen"]
        and r.comment == "Nên có thêm ghế chờ"
    )


def test_office_sees_results_with_charts(page, login, live_server, world, point):
    from tests.surveys.conftest import answers

    for _ in range(3):
        actions.submit_response(point, answers())
    login(world.officer_a)
    page.goto(f"{live_server.url}/khao-sat/ket-qua/?don_vi=T1XA")
    assert "Sự hài lòng – Xã Hòa An" in page.content()
    page.wait_for_selector("[data-chart=radar-opt] svg")
    assert page.locator("#overall").inner_text().endswith("%")


def test_results_radar_labels_fit_and_questions_are_named(page, login, live_server, world, point):
    from tests.surveys.conftest import answers

    for _ in range(3):
        actions.submit_response(point, answers(da_gop_y="co", gop_y="4"))
    login(world.office)
    page.goto(f"{live_server.url}/khao-sat/ket-qua/?don_vi=T1XA")
    page.wait_for_selector("[data-chart=radar-opt] svg text")
    # Every axis name of the radar is drawn whole inside the chart (none cut at the edge).
    outside = page.evaluate(
        """() => {
        const box = document.querySelector('[data-chart=radar-opt]').getBoundingClientRect();
        return [...document.querySelectorAll('[data-chart=radar-opt] svg text')]
          .filter(t => { const r = t.getBoundingClientRect();
                         return r.left < box.left - 1 || r.right > box.right + 1; })
          .map(t => t.textContent); }"""
    )
    assert outside == []
    names = page.evaluate(
        "() => [...document.querySelectorAll('[data-chart=radar-opt] svg text')].map(t => t.textContent)"
    )
    assert any("Góp ý, phản ánh" in n for n in names)
    # Questions by their Vietnamese text, not their codes.
    body = page.inner_text("main")
    assert "tiep_can" not in body and "Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ" in body
