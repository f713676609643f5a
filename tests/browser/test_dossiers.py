"""Real-browser tests of the dossiers pages: the KPI page with its charts, its procedure filter (typed
without accents, options swapped in by HTMX) and its "by procedure" table with the XLSX export, and
issuing an apology letter (Mẫu 04) from the dossier page, then downloading the DOCX; a calendar
change reclassifying the dossiers in the background while the calendar page shows the progress."""

import io
import threading

import openpyxl
import pytest
from docx import Document

from chiso.dossiers import importer
from chiso.dossiers.models import Apology
from tests.dossiers.conftest import JULY, catalogue, write_csv  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(world, catalogue, tmp_path):  # noqa: F811
    importer.import_dossiers(write_csv(tmp_path / "t7.csv", JULY))
    return world


def test_kpi_page_renders_charts(loaded, page, login, live_server):
    login(loaded.officer_a)
    page.goto(f"{live_server.url}/ho-so/?don_vi=T1XA&ky=2025-07")
    page.wait_for_selector(".chart[data-rendered] svg")
    assert page.locator(".chart[data-rendered]").count() == 2
    assert "80,00 %" in page.locator("#kpi-cards").inner_text()
    # Changing the period through the filter form keeps the unit.
    page.select_option("#f-period", "2025-Q3")
    page.click("form.toolbar button[type=submit]")
    page.wait_for_selector(".chart[data-rendered] svg")
    assert "Quý III/2025" in page.locator("h1").inner_text()


def test_issue_apology_letter(loaded, page, login, live_server):
    login(loaded.officer_a)
    page.goto(f"{live_server.url}/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&xin_loi=chua")
    page.click("text=D5")
    page.fill("#a-date", "05/07/2025")
    page.fill("#a-due", "10/07/2025 08:00")
    page.fill("#a-signer", "Nguyễn Văn Thử")
    page.fill("#a-reason", "Phải xác minh thêm hồ sơ tại địa phương")
    page.click("text=Lập phiếu xin lỗi")
    page.wait_for_selector("text=Đã lập phiếu xin lỗi")
    ap = Apology.objects.get(dossier__code="D5")
    with page.expect_download() as info:
        page.click("text=Tải phiếu (DOCX)")
    data = open(info.value.path(), "rb").read()
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert ap.number in "\n".join(
        p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs
    )


def test_kpi_page_by_procedure(loaded, page, login, live_server):
    login(loaded.officer_a)
    page.goto(f"{live_server.url}/ho-so/?don_vi=T1XA&ky=2025-07")
    page.wait_for_selector(".chart[data-rendered] svg")
    assert page.locator("#by-procedure tbody tr").count() == 2
    # Typed without accents: HTMX replaces the options with the matching procedure only.
    page.fill("#f-proc-q", "khai sinh")
    page.wait_for_function(
        "document.querySelectorAll('#f-proc option[value=\"P2\"]').length === 0"
        " && document.querySelectorAll('#f-proc option[value=\"P1\"]').length === 1"
    )
    page.select_option("#f-proc", "P1")
    page.click("form.toolbar button[type=submit]")
    page.wait_for_selector("#proc-scope")
    assert "Đăng ký khai sinh" in page.locator("#proc-scope").inner_text()
    cards = page.locator("#kpi-cards").inner_text()
    assert "80,00 %" in cards and "16,67 %" in cards
    page.wait_for_selector(".chart[data-rendered] svg")
    assert page.locator("#by-procedure").count() == 0
    # The procedure of another field on a unit without its dossiers: the empty state.
    page.goto(f"{live_server.url}/ho-so/?don_vi=T1XA&ky=2025-06&thu_tuc=P2")
    assert "không có hồ sơ nào của thủ tục" in page.locator("#kpi-empty").inner_text()


def test_by_procedure_table_sort_and_export(loaded, page, login, live_server):
    login(loaded.office)
    page.goto(f"{live_server.url}/ho-so/?don_vi=T1&ky=2025-07")
    first = page.locator("#by-procedure tbody tr").first
    assert "Đăng ký khai sinh" in first.inner_text()  # P1 has the late dossier
    page.click("#by-procedure th >> text=Thủ tục")
    assert "Cấp giấy chứng nhận" in page.locator("#by-procedure tbody tr").first.inner_text()
    with page.expect_download() as info:
        page.click("#by-procedure >> text=Xuất XLSX")
    ws = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
    assert [r[0] for r in ws.iter_rows(min_row=4, values_only=True)] == ["P2", "P1"]


def test_calendar_change_reclassifies_with_progress(
    world,
    catalogue,  # noqa: F811
    tmp_path,
    page,
    login,
    live_server,
    monkeypatch,
):
    """Saving a day off starts the reclassification in the background; the page polls (HTMX) from
    "Đang tính lại" to "Đã tính lại" without a reload. The worker is held until the first notice
    has been seen."""
    from chiso.dossiers import actions
    from chiso.dossiers.models import Dossier, Outcome
    from tests.dossiers.test_recalc import X1

    importer.import_dossiers(write_csv(tmp_path / "t7.csv", JULY + [X1]))
    gate = threading.Event()
    real = actions.reclassify_after_calendar_change

    def held(*args, **kwargs):
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "reclassify_after_calendar_change", held)
    login(world.office)
    page.goto(f"{live_server.url}/ho-so/lich/2025/")
    page.fill("#c-off", "09/07/2025")
    page.click("text=Lưu lịch")
    page.wait_for_selector("#recalc >> text=Đang tính lại")
    assert "lịch làm việc năm 2025" in page.locator("#recalc").inner_text()
    gate.set()
    page.wait_for_selector("#recalc >> text=Đã tính lại", timeout=60000)
    assert "hồ sơ thay đổi kết quả" in page.locator("#recalc").inner_text()
    assert Dossier.objects.get(code="X1").outcome == Outcome.ON_TIME


def test_interrupted_import_is_restarted_from_its_page(loaded, tmp_path, page, login, live_server):
    """An import whose process died (heartbeat too old) shows "bị gián đoạn" with a restart button;
    the restarted import is followed by HTMX polling to its end."""
    import datetime as dt

    from django.utils import timezone

    from chiso.dossiers import jobs
    from chiso.dossiers.models import Dossier, ImportJob

    old = timezone.now() - dt.timedelta(seconds=jobs.STALE_SECONDS + 30)
    more = [(f"R{r[0]}", *r[1:]) for r in JULY]  # dossiers not imported yet
    job = ImportJob.objects.create(
        filename="thang7-bo-sung.csv",
        path=str(write_csv(tmp_path / "upload.csv", more)),
        user=loaded.office,
        unit=loaded.province,
        state="running",
        started_at=old,
        heartbeat_at=old,
    )
    login(loaded.office)
    page.goto(f"{live_server.url}/ho-so/nhap/")
    assert "Bị gián đoạn" in page.locator("table").inner_text()
    page.goto(f"{live_server.url}/ho-so/nhap/{job.pk}/")
    assert "Lần nhập bị gián đoạn" in page.locator("#job").inner_text()
    page.click("#job >> text=Chạy lại")
    page.wait_for_selector("#job >> text=Hoàn thành", timeout=60000)
    assert f"{len(JULY)} hồ sơ mới" in page.locator("#job").inner_text()
    assert Dossier.objects.count() == 2 * len(JULY)
