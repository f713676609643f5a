"""Browser: a commune officer downloads the unit's report template from the submission page, fills it
(openpyxl, as a spreadsheet program would) with results and the narrative, uploads it, and sees them in
the draft; a wrong value is refused with the row and column named; a file with a blank result clears
it and says so."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from chiso.plans.models import Directive, ReportingPeriod, ReportingRule, Submission, Target, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def period(world):
    d = Directive.objects.create(
        unit=world.province,
        title="Kế hoạch nâng cao chỉ số",
        number="7/KH-UBND",
        status="active",
        date=dt.date(2025, 6, 20),
    )
    Target.objects.create(
        directive=d,
        unit=world.province,
        metric_text="Hồ sơ trực tuyến",
        operator=">=",
        value=Decimal("80"),
        unit_label="%",
    )
    Task.objects.create(directive=d, title="Rà soát quy trình nội bộ", unit=world.commune_a)
    rule = ReportingRule.objects.create(directive=d, rule={"freq": "quarter"}, description="Hằng quý")
    return ReportingPeriod.objects.create(
        directive=d,
        rule=rule,
        code="2025-Q4",
        label="Quý IV/2025",
        start=dt.date(2025, 10, 1),
        end=dt.date(2025, 12, 31),
        due=dt.date(2025, 12, 12),
    )


def _fill(path, cells, narrative=None) -> bytes:
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb["Mẫu báo cáo"][ref] = value
    if narrative is not None:
        wb["Thuyết minh"]["A3"] = narrative
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_download_fill_and_upload_the_template(world, page, login, live_server, period, tmp_path):
    login(world.officer_a)
    page.goto(f"{live_server.url}/ke-hoach/ky-bao-cao/{period.pk}/don-vi/T1XA/")
    with page.expect_download() as got:
        page.click("#template-download")
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    assert path.name == f"mau-bao-cao-{period.directive_id}-T1XA-2025-Q4.xlsx"
    # a wrong value first: refused, the row and the column are named, nothing is filled
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(_fill(path, {"F5": "tám mươi"}))
    page.set_input_files("#report_file", str(bad))
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert (
        "dòng 5, cột F (Kết quả): “tám mươi” không phải là số" in page.locator("#upload-errors").inner_text()
    )
    assert not Submission.objects.exists()
    good = tmp_path / "dung.xlsx"
    good.write_bytes(
        _fill(
            path,
            {"F5": "86,5", "G6": "Đang thực hiện", "H6": 60, "I6": "Đã rà soát 6/10 quy trình"},
            narrative="Quý IV: hoàn thành rà soát 6/10 quy trình nội bộ.",
        )
    )
    page.set_input_files("#report_file", str(good))
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "đã điền 2 dòng, đã cập nhật thuyết minh" in page.locator(".messages").inner_text()
    form = page.locator("#submission-form")
    assert form.locator("input[name^=v_]").input_value() == "86,5"
    assert form.locator("select[name^=s_]").input_value() == "in_progress"
    assert form.locator("input[name^=p_]").input_value() == "60"
    assert form.locator("input[name^=n_]").input_value() == "Đã rà soát 6/10 quy trình"
    assert form.locator("textarea[name=narrative]").input_value() == (
        "Quý IV: hoàn thành rà soát 6/10 quy trình nội bộ."
    )
    assert "Đang soạn" in page.locator("main").inner_text()
    assert "ô để trống sẽ xóa giá trị đang có" in page.locator("#upload-rule").inner_text()
    # the same file with the result left blank: the result is cleared and the page says so
    cleared = tmp_path / "xoa.xlsx"
    cleared.write_bytes(_fill(good, {"F5": None}))
    page.set_input_files("#report_file", str(cleared))
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "đã xóa 1 giá trị" in page.locator(".messages").inner_text()
    assert form.locator("input[name^=v_]").input_value() == ""
    assert form.locator("input[name^=p_]").input_value() == "60"
