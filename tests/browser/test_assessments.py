"""A real browser through the whole assessment: an officer fills in and uploads, the head signs,
an appraiser asks for an explanation, the officer answers, the office computes, the leader approves,
the office publishes, the public sees the rank."""

import datetime as dt

import pytest

from chiso.assessments import actions
from chiso.assessments.data.demo_sets import parsed_set
from chiso.assessments.models import Assessment, Entry
from tests.assessments.conftest import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_assessment_from_self_assessment_to_public_rank(world, page, login, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cset, _ = actions.import_criteria(None, parsed_set("commune", 2025, "T1"), world.province)
    today = dt.date.today()
    camp = actions.open_campaign(
        None,
        cset,
        name="Chỉ số CCHC xã, phường năm 2025",
        self_deadline=today + dt.timedelta(days=5),
        explanation_deadline=today + dt.timedelta(days=10),
        appraisal_deadline=today + dt.timedelta(days=15),
    )
    a = camp.assessments.get(unit=world.commune_a)
    b = camp.assessments.get(unit=world.commune_b)
    # Commune B is already through; commune A has filled everything but two items.
    fill(world.officer_b, b, {"3.2": {"value": "80"}})
    actions.submit(None, b)
    actions.finalize(None, b)
    fill(world.officer_a, a, {"3.2": {"value": ""}, "1.1.1": {"value": "", "doc_number": "", "doc_date": ""}})

    # 1. The officer fills in, sees the running total, uploads evidence, saves.
    login(world.officer_a)
    page.goto(f"{live_server.url}/cham-diem/")
    page.get_by_role("link", name="Mở").first.click()
    assert "Tự đánh giá: Xã Hòa An" in page.locator("h1").inner_text()
    before = page.locator("#running-total").inner_text()
    page.fill("#v-3\\.2", "98,6")
    page.locator("#v-3\\.2").dispatch_event("change")
    page.wait_for_function("b => document.querySelector('#running-total').innerText !== b", arg=before)
    # rules read as sentences; a deadline item is a choice, not a free text box
    assert "Đúng hạn (trước 15/01/2025): đủ điểm; trễ hạn: 50 %" in page.locator("#tc-1\\.1\\.1").inner_text()
    page.select_option("#v-1\\.1\\.1", "đúng hạn")
    page.click("#save")
    assert "Đã lưu bản tự đánh giá" in page.locator(".messages").inner_text()
    assert "1.1.1: cần tài liệu kiểm chứng" in page.content()
    pdf = tmp_path / "Kế hoạch CCHC năm 2025.pdf"
    pdf.write_bytes(PDF)
    entry = Entry.objects.get(assessment=a, criterion__code="1.1.1")
    with page.expect_navigation():
        page.set_input_files(f"#f-{entry.pk}", str(pdf))
    assert "Đã tải lên" in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="Kế hoạch CCHC năm 2025.pdf").is_visible()
    assert page.locator("#submit").count() == 0  # the officer does not sign
    page.context.clear_cookies()

    # 2. The head signs and submits.
    login(world.head_a)
    page.goto(f"{live_server.url}/cham-diem/danh-gia/{a.pk}/")
    page.click("#submit")
    assert "Đã nộp bản tự đánh giá" in page.locator(".messages").inner_text()
    assert page.locator("#v-3\\.2").count() == 0  # locked
    page.context.clear_cookies()

    # 3. The appraiser lowers one item and asks for an explanation.
    login(world.appraiser)
    page.goto(f"{live_server.url}/cham-diem/dot/{camp.pk}/")
    page.get_by_role("row", name="Xã Hòa An").get_by_role("link", name="Thẩm định").click()
    page.fill("#p-3\\.2", "4,5")
    page.fill("#nx-3\\.2", "Số liệu trên hệ thống một cửa là 96,1 %")
    page.check("#yc-3\\.2")
    page.fill("input[name='ycnd-3.2']", "Cung cấp báo cáo trích xuất từ hệ thống")
    page.click("#request-explanation")
    assert "Đã gửi yêu cầu giải trình" in page.locator(".messages").inner_text()
    page.context.clear_cookies()

    # 4. The officer answers.
    login(world.officer_a)
    page.goto(f"{live_server.url}/cham-diem/")
    page.get_by_role("link", name="Giải trình").click()
    assert "Cung cấp báo cáo trích xuất" in page.content()
    page.fill("#gt-3\\.2", "Gửi kèm báo cáo số 20/BC-UBND ngày 12/12/2025")
    page.click("#send")
    assert "Đã gửi giải trình" in page.locator(".messages").inner_text()
    assert Assessment.objects.get(pk=a.pk).status == Assessment.Status.EXPLAINED
    page.context.clear_cookies()

    # 5. The council closes the appraisal; the office computes, the leader approves, the office publishes.
    login(world.appraiser)
    page.goto(f"{live_server.url}/cham-diem/danh-gia/{a.pk}/tham-dinh/")
    page.click("#finalize")
    assert "Đã chốt kết quả" in page.locator(".messages").inner_text()
    page.context.clear_cookies()
    login(world.office)
    page.goto(f"{live_server.url}/cham-diem/dot/{camp.pk}/")
    page.get_by_role("button", name="Tính chỉ số").click()
    assert "Đã tính chỉ số" in page.locator(".messages").inner_text()
    page.context.clear_cookies()
    login(world.leader)
    assert world.leader.notifications.filter(kind="assessments.approve").exists()  # told in the inbox
    page.goto(f"{live_server.url}/cham-diem/dot/{camp.pk}/ket-qua/")
    assert page.locator("#approve-warning").count() == 0  # every unit is through
    assert page.locator("#legend").is_visible()
    page.click("#approve")
    assert "Đã phê duyệt kết quả" in page.locator(".messages").inner_text()
    page.context.clear_cookies()
    login(world.office)
    page.goto(f"{live_server.url}/cham-diem/dot/{camp.pk}/")
    page.fill("#decision_number", "25/QĐ-UBND")
    page.fill("#decision_date", "20/02/2026")
    page.click("#publish")
    assert "Đã công bố kết quả" in page.locator(".messages").inner_text()
    page.context.clear_cookies()

    # 6. Anyone sees the ranking.
    page.goto(f"{live_server.url}/cham-diem/cong-khai/")
    row = page.locator("#public-results tbody tr").first
    assert row.locator("td").nth(1).inner_text() == "Xã Hòa An"
    assert row.locator("td").nth(0).inner_text() == "1"
    assert "25/QĐ-UBND" in page.content()
