"""Upload of a filled report template: values per target, status / progress per task and the narrative
fill the unit's draft; the file is the unit's whole draft (a blank cell clears the draft's value);
everything is checked first (wrong directive, unit or period, unknown rows, bad numbers and statuses,
hostile or oversized files) with errors naming file, sheet, row and column; all or nothing; the same
file again changes nothing; a sent report is never changed; a unit cannot upload into another unit's
report."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from chiso.orgs.models import AuditEntry
from chiso.plans import actions, exports, queries
from chiso.plans.models import ReportingPeriod, Submission, SubmissionTask, SubmissionValue, Target, Task

pytestmark = pytest.mark.django_db

SHEET = "Mẫu báo cáo"
NARRATIVE = "Thuyết minh"
CT_ROW, NV_ROW = 5, 6  # commune A's template: the target, then its task


@pytest.fixture
def q4(applied):
    return ReportingPeriod.objects.get(code="2025-Q4")


def _url(period, code="T1XA"):
    return f"/ke-hoach/ky-bao-cao/{period.pk}/don-vi/{code}/"


def _download(world, period, code="T1XA", who="officer_a") -> bytes:
    r = world.client(who).get(_url(period, code) + "mau-bao-cao.xlsx")
    assert r.status_code == 200
    return r.content


def _fill(
    data: bytes, cells: dict | None = None, meta: dict | None = None, narrative: dict | None = None
) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for ref, value in (cells or {}).items():
        wb[SHEET][ref] = value
    for ref, value in (narrative or {}).items():
        wb[NARRATIVE][ref] = value
    for key, value in (meta or {}).items():
        ws = wb[exports.META_SHEET]
        row = next(r for r in ws.iter_rows() if r[0].value == key)
        row[1].value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _post(world, period, data: bytes, name="mau-bao-cao.xlsx", code="T1XA", who="officer_a"):
    f = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return world.client(who).post(_url(period, code), {"upload": "1", "report_file": f}, follow=False)


def _errors(world, period, data, name="mau-bao-cao.xlsx", who="officer_a") -> str:
    r = _post(world, period, data, name, who=who)
    assert r.status_code == 200, r.status_code
    page = r.content.decode()
    assert 'id="upload-errors"' in page
    return page


FILLED = {
    f"F{CT_ROW}": 97.5,
    f"G{NV_ROW}": "Đang thực hiện",
    f"H{NV_ROW}": 40,
    f"I{NV_ROW}": "Đã rà soát 4/10 quy trình",
}


def test_download_fill_upload_fills_the_draft(world, q4):
    data = _download(world, q4)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    target, task = Target.objects.get(), Task.objects.get(unit=world.commune_a)
    assert [c.value for c in ws[4]][-2:] == ["Mã dòng", "Mã đơn vị"] and ws.column_dimensions["J"].hidden
    assert (ws[f"J{CT_ROW}"].value, ws[f"J{NV_ROW}"].value) == (f"CT-{target.pk}", f"NV-{task.pk}")
    assert "Quý IV/2025" in ws["A3"].value and wb[exports.META_SHEET].sheet_state == "hidden"
    # the instructions say what a blank cell does; the narrative has its own, clearly labelled sheet
    assert "ô để trống sẽ xóa giá trị đang có trong bản nháp" in ws["A2"].value
    assert wb.sheetnames == [SHEET, NARRATIVE, exports.META_SHEET]
    assert wb[NARRATIVE]["A1"].value == "THUYẾT MINH (NỘI DUNG BÁO CÁO) CỦA ĐƠN VỊ"
    assert "Ô để trống là xóa thuyết minh" in wb[NARRATIVE]["A2"].value and wb[NARRATIVE]["A3"].value is None
    text = "Quý IV: đã rà soát 4/10 quy trình.\nKhó khăn: thiếu nhân lực."
    r = _post(world, q4, _fill(data, FILLED, narrative={"A3": text}))
    assert r.status_code == 302
    sub = Submission.objects.get(period=q4, unit=world.commune_a)
    assert sub.status == "draft"  # the unit reviews and sends it as usual
    assert sub.narrative == text
    assert sub.values.get().value == Decimal("97.5")
    row = sub.task_rows.get()
    assert (row.status, row.progress, row.note) == ("in_progress", 40, "Đã rà soát 4/10 quy trình")
    task.refresh_from_db()
    assert (task.status, task.progress) == ("not_started", 0)  # a draft moves nothing
    entry = AuditEntry.objects.get(action="submission.upload")
    assert entry.after["file"]["name"] == "mau-bao-cao.xlsx" and len(entry.after["file"]["sha256"]) == 64
    assert [str(m) for m in r.wsgi_request._messages] == [
        "Từ tệp “mau-bao-cao.xlsx”: đã điền 2 dòng, đã cập nhật thuyết minh. Hãy kiểm tra rồi bấm “Gửi báo cáo”."
    ]
    page = world.client("officer_a").get(_url(q4)).content.decode()
    assert 'value="97,5"' in page and "Đã rà soát 4/10 quy trình" in page and "thiếu nhân lực" in page
    # the template downloaded now carries the draft, so uploading it untouched changes nothing
    again = _download(world, q4)
    assert load_workbook(io.BytesIO(again))[SHEET][f"F{CT_ROW}"].value == 97.5
    assert load_workbook(io.BytesIO(again))[NARRATIVE]["A3"].value == text
    assert _post(world, q4, again).status_code == 302
    assert AuditEntry.objects.filter(action="submission.upload").count() == 1


def test_the_same_file_again_changes_nothing(world, q4):
    target = Target.objects.get()
    actions.save_submission(world.officer_a, q4, world.commune_a, values={str(target.pk): "80"})
    # a file that fills, and clears (the result), and states a narrative
    data = _fill(_download(world, q4), {**FILLED, f"F{CT_ROW}": None}, narrative={"A3": "Đã làm"})
    _post(world, q4, data)
    sub = Submission.objects.get()
    assert (sub.values.get().value, sub.narrative) == (None, "Đã làm")
    before = (list(SubmissionValue.objects.values()), list(SubmissionTask.objects.values()), sub.narrative)
    r = _post(world, q4, data)
    assert r.status_code == 302
    assert AuditEntry.objects.filter(action="submission.upload").count() == 1
    sub.refresh_from_db()
    assert (
        list(SubmissionValue.objects.values()),
        list(SubmissionTask.objects.values()),
        sub.narrative,
    ) == before
    msgs = [m.message for m in r.wsgi_request._messages]
    assert any("không có gì khác bản nháp" in m for m in msgs)


def _draft(world, q4, narrative="Thuyết minh cũ"):
    """Commune A's draft: result 80, the task in progress at 40 % with a note, a narrative."""
    target, task = Target.objects.get(), Task.objects.get(unit=world.commune_a)
    actions.save_submission(
        world.officer_a,
        q4,
        world.commune_a,
        narrative=narrative,
        values={str(target.pk): "80"},
        task_rows={str(task.pk): {"status": "in_progress", "progress": "40", "note": "Đang rà soát"}},
    )
    return target, task


def test_blank_cells_clear_the_draft_and_the_audit_keeps_the_old_values(world, q4):
    target, task = _draft(world, q4)
    data = _download(world, q4)
    wb = load_workbook(io.BytesIO(data))
    assert (wb[SHEET][f"F{CT_ROW}"].value, wb[SHEET][f"H{NV_ROW}"].value) == (80, 40)  # pre-filled
    blank = {f"F{CT_ROW}": None, f"G{NV_ROW}": None, f"H{NV_ROW}": None, f"I{NV_ROW}": None}
    r = _post(world, q4, _fill(data, blank, narrative={"A3": None}))
    assert r.status_code == 302
    # value, status, progress, note and narrative: five values cleared, the task no longer reported
    assert [str(m) for m in r.wsgi_request._messages] == [
        "Từ tệp “mau-bao-cao.xlsx”: đã xóa 5 giá trị (ô để trống trong tệp). Hãy kiểm tra rồi bấm “Gửi báo cáo”."
    ]
    sub = Submission.objects.get()
    assert sub.status == "draft" and sub.values.get().value is None and sub.narrative == ""
    assert not sub.task_rows.exists()
    entry = AuditEntry.objects.get(action="submission.upload")
    assert entry.after["cleared"] == {
        "values": {str(target.pk): "80.0000"},
        "tasks": {str(task.pk): {"status": "in_progress", "progress": 40, "note": "Đang rà soát"}},
        "narrative": "Thuyết minh cũ",
    }
    assert entry.after["cleared_count"] == 5 and entry.after["tasks_dropped"] == [task.pk]
    # the page's form shows what the draft now holds
    page = world.client("officer_a").get(_url(q4)).content.decode()
    assert f'name="v_{target.pk}" value=""' in page and "Thuyết minh cũ" not in page


def test_a_blank_progress_or_note_clears_that_cell_only_and_done_means_100(world, q4):
    target, task = _draft(world, q4)
    r = _post(world, q4, _fill(_download(world, q4), {f"H{NV_ROW}": None, f"I{NV_ROW}": None}))
    # the row only lost cells: nothing is said to be filled
    assert [str(m) for m in r.wsgi_request._messages] == [
        "Từ tệp “mau-bao-cao.xlsx”: đã xóa 2 giá trị (ô để trống trong tệp). Hãy kiểm tra rồi bấm “Gửi báo cáo”."
    ]
    row = SubmissionTask.objects.get()
    assert (row.status, row.progress, row.note) == (
        "in_progress",
        0,
        "",
    )  # blank progress is 0, as on the form
    sub = Submission.objects.get()
    assert sub.values.get().value == Decimal("80") and sub.narrative == "Thuyết minh cũ"  # filled cells kept
    entry = AuditEntry.objects.get(action="submission.upload")
    assert entry.after["cleared"] == {"tasks": {str(task.pk): {"progress": 40, "note": "Đang rà soát"}}}
    # Hoàn thành (accents optional) means 100 %, whatever the progress cell says
    _post(world, q4, _fill(_download(world, q4), {f"G{NV_ROW}": "hoan thanh", f"H{NV_ROW}": 30}))
    row.refresh_from_db()
    assert (row.status, row.progress) == ("done", 100)


def test_a_row_missing_from_the_file_keeps_the_draft(world, q4):
    _draft(world, q4)
    wb = load_workbook(io.BytesIO(_download(world, q4)))
    wb[SHEET].delete_rows(NV_ROW)  # the unit removed the task's row
    wb[SHEET][f"F{CT_ROW}"] = 85
    buf = io.BytesIO()
    wb.save(buf)
    r = _post(world, q4, buf.getvalue())
    assert [str(m) for m in r.wsgi_request._messages] == [
        "Từ tệp “mau-bao-cao.xlsx”: đã điền 1 dòng. Hãy kiểm tra rồi bấm “Gửi báo cáo”. "
        "Tệp thiếu 1 dòng của mẫu: các dòng đó giữ nguyên."
    ]
    row = SubmissionTask.objects.get()
    assert (row.status, row.progress, row.note) == ("in_progress", 40, "Đang rà soát")
    assert SubmissionValue.objects.get().value == Decimal("85")


def test_a_reported_task_needs_a_status(world, q4):
    _draft(world, q4)
    page = _errors(world, q4, _fill(_download(world, q4), {f"G{NV_ROW}": None}))
    assert (
        f"dòng {NV_ROW}, cột G (Trạng thái): chưa chọn trạng thái — để trống cả Trạng thái, Tiến độ, Ghi chú"
        in page
    )
    assert SubmissionTask.objects.get().status == "in_progress"


def test_narrative_across_cells_and_its_errors(world, q4):
    data = _download(world, q4)
    _post(world, q4, _fill(data, narrative={"A3": "Đoạn một.", "A5": "Đoạn hai.", "A6": 2025}))
    assert Submission.objects.get().narrative == "Đoạn một.\nĐoạn hai.\n2025"
    cases = [
        ({"B4": "lệch cột"}, "trang “Thuyết minh”, dòng 4, cột B: thuyết minh chỉ ghi ở cột A (từ ô A3)"),
        ({"A2": "Báo cáo của xã"}, "trang “Thuyết minh”, dòng 2, cột A: dòng hướng dẫn đã bị sửa"),
        (
            {"A3": "x" * 30001},
            "trang “Thuyết minh”, dòng 3, cột A: thuyết minh dài 30.001 ký tự, tối đa 30.000 ký tự",
        ),
    ]
    for cells, message in cases:
        page = _errors(world, q4, _fill(data, {f"F{CT_ROW}": "nhiều"}, narrative=cells), name="m.xlsx")
        # every problem is listed: the row error of the first sheet, then the narrative's
        assert "Tệp “m.xlsx”, trang “Mẫu báo cáo”, dòng 5, cột F (Kết quả)" in page
        assert f"Tệp “m.xlsx”, {message}" in page
    assert Submission.objects.get().narrative == "Đoạn một.\nĐoạn hai.\n2025"
    wb = load_workbook(io.BytesIO(data))
    del wb[NARRATIVE]
    buf = io.BytesIO()
    wb.save(buf)
    assert "Tệp “m.xlsx”: thiếu trang “Thuyết minh”" in _errors(world, q4, buf.getvalue(), name="m.xlsx")


def test_the_web_form_and_the_api_share_the_narrative_rule(world, q4):
    r = world.client("officer_a").post(_url(q4), {"save": "1", "narrative": "y" * 30001})
    assert r.status_code == 200 and "Thuyết minh dài 30.001 ký tự, tối đa 30.000 ký tự" in r.content.decode()
    assert not Submission.objects.exists()
    r = world.client("officer_a").put(
        f"/api/plans/periods/{q4.pk}/submissions/T1XA",
        {"narrative": "y" * 30001},
        content_type="application/json",
    )
    assert r.status_code == 422 and "tối đa 30.000 ký tự" in r.json()["detail"]
    # line ends of a textarea and control characters (a PDF's form feed) are normalised, then the
    # template round-trips the narrative unchanged
    world.client("officer_a").post(_url(q4), {"save": "1", "narrative": " Dòng 1\r\nDòng\x0c 2 "})
    assert Submission.objects.get().narrative == "Dòng 1\nDòng 2"
    r = _post(world, q4, _download(world, q4))
    assert "không có gì khác bản nháp" in [str(m) for m in r.wsgi_request._messages][0]


@pytest.mark.parametrize(
    "cells,message",
    [
        ({f"F{CT_ROW}": "nhiều"}, f"dòng {CT_ROW}, cột F (Kết quả): “nhiều” không phải là số"),
        (
            {f"G{NV_ROW}": "Xong rồi"},
            f"dòng {NV_ROW}, cột G (Trạng thái): trạng thái “Xong rồi” không có trong danh sách",
        ),
        (
            {f"H{NV_ROW}": 140},
            f"dòng {NV_ROW}, cột H (Tiến độ (%)): tiến độ “140” phải là số nguyên từ 0 đến 100",
        ),
        ({f"H{NV_ROW}": "45,5"}, f"dòng {NV_ROW}, cột H (Tiến độ (%)): tiến độ “45,5” phải là số nguyên"),
        (
            {f"J{CT_ROW}": "CT-999999"},
            f"dòng {CT_ROW}, cột J (Mã dòng): chỉ tiêu CT-999999 không thuộc báo cáo của Xã Hòa An",
        ),
        ({f"J{CT_ROW}": "X1"}, f"dòng {CT_ROW}, cột J (Mã dòng): mã dòng “X1” không hợp lệ"),
        ({f"J{CT_ROW}": None, f"F{CT_ROW}": 90}, f"dòng {CT_ROW}, cột J (Mã dòng): thiếu mã dòng"),
        (
            {f"K{NV_ROW}": "T1XB"},
            f"dòng {NV_ROW}, cột K (Mã đơn vị): dòng của đơn vị “T1XB”, không phải Xã Hòa An",
        ),
        ({"J7": "NV-0", "K7": "T1XA"}, "dòng 7, cột J (Mã dòng): nhiệm vụ NV-0 không thuộc báo cáo"),
        ({"I6": "x" * 501}, f"dòng {NV_ROW}, cột I (Ghi chú): ghi chú dài 501 ký tự, tối đa 500"),
        ({"J4": "Mã"}, "dòng 4: thiếu cột “Mã dòng” ở dòng tiêu đề"),
    ],
)
def test_row_errors_name_file_sheet_row_and_column(world, q4, cells, message):
    data = _fill(_download(world, q4), {**FILLED, **cells})
    page = _errors(world, q4, data, name="bao-cao-xa.xlsx")
    assert f"Tệp “bao-cao-xa.xlsx”, trang “Mẫu báo cáo”, {message}" in page
    assert not Submission.objects.exists()  # all or nothing: the valid rows were not written either


def test_every_error_is_listed_and_nothing_is_written(world, q4):
    target = Target.objects.get()
    actions.save_submission(world.officer_a, q4, world.commune_a, values={str(target.pk): "80"})
    page = _errors(
        world, q4, _fill(_download(world, q4), {f"F{CT_ROW}": 99, f"G{NV_ROW}": "?", f"H{NV_ROW}": -1})
    )
    assert page.count("<li>Tệp “mau-bao-cao.xlsx”") == 2
    assert SubmissionValue.objects.get().value == Decimal("80") and not SubmissionTask.objects.exists()
    assert not AuditEntry.objects.filter(action="submission.upload").exists()


def test_another_units_row_smuggled_in_is_refused(world, q4):
    b_task = Task.objects.get(unit=world.commune_b)
    page = _errors(
        world, q4, _fill(_download(world, q4), {f"J{NV_ROW}": f"NV-{b_task.pk}", f"G{NV_ROW}": "Hoàn thành"})
    )
    assert f"nhiệm vụ NV-{b_task.pk} không thuộc báo cáo của Xã Hòa An" in page
    assert not SubmissionTask.objects.exists()


def test_file_of_another_directive_unit_or_period_is_refused(world, q4, applied):
    data = _download(world, q4)
    q3 = ReportingPeriod.objects.get(code="2025-Q3")
    cases = [
        (_fill(data, meta={"period": "2025-Q3"}), "là mẫu báo cáo kỳ 2025-Q3, không phải Quý IV/2025"),
        (_fill(data, meta={"units": "T1XB"}), "là mẫu báo cáo của đơn vị T1XB, không phải Xã Hòa An (T1XA)"),
        (_fill(data, meta={"directive": 999, "directive_number": "99/KH-UBND"}), "văn bản khác (99/KH-UBND)"),
        (_fill(data, meta={"directive_sha256": "0" * 64}), "văn bản khác"),
        (_fill(data, meta={"version": 1}), "là mẫu phiên bản 1"),
        (_fill(data, meta={"version": 2}), "là mẫu phiên bản 2 (chưa có trang Thuyết minh"),
        (_fill(data, meta={"format": "khác"}), "không phải mẫu báo cáo của hệ thống"),
    ]
    for content, message in cases:
        assert message in _errors(world, q4, content)
    # the directive page's template names no period; the Q3 template is not the Q4 one
    plain = (
        world.client("officer_a").get(f"/ke-hoach/van-ban/{applied.pk}/mau-bao-cao.xlsx?don_vi=T1XA").content
    )
    assert "không ghi kỳ báo cáo" in _errors(world, q4, plain)
    assert "là mẫu báo cáo kỳ 2025-Q3" in _errors(world, q4, _download(world, q3))
    assert not Submission.objects.exists()
    # the directive page's template (several units, no period) has no narrative sheet
    assert NARRATIVE not in load_workbook(io.BytesIO(plain)).sheetnames


def test_old_template_is_refused_clearly(world, q4):
    wb = Workbook()
    wb.active.title = SHEET  # version 1: one sheet, no hidden metadata
    wb.active.append(["PHỤ LỤC: MẪU BÁO CÁO"])
    buf = io.BytesIO()
    wb.save(buf)
    page = _errors(world, q4, buf.getvalue(), name="mau-cu.xlsx")
    assert "Tệp “mau-cu.xlsx”: là mẫu báo cáo kiểu cũ" in page and "hãy tải mẫu mới" in page


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("mau.xlsx", b"day khong phai bang tinh", "không phải bảng tính Excel .xlsx"),
        ("mau.csv", b"a,b\n1,2\n", "chỉ nhận bảng tính Excel .xlsx"),
        ("mau.xlsx", b"", "không phải bảng tính Excel .xlsx"),
        ("mau.xlsx", _zip({"word/document.xml": b"<w/>"}), "thiếu xl/workbook.xml"),
        (
            "mau.xlsx",
            _zip(
                {
                    "xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><workbook>&a;</workbook>'
                }
            ),
            "có khai báo DOCTYPE/ENTITY",
        ),
        ("mau.xlsx", b"PK" + b"\0" * (5 * 1024 * 1024), "vượt quá 5 MB"),
    ],
)
def test_hostile_or_wrong_files_are_refused(world, q4, name, content, message):
    page = _errors(world, q4, content, name=name)
    assert f"Tệp “{name}”: " in page and message in page
    assert not Submission.objects.exists()


def test_zip_bomb_stops_early(world, q4):
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert "giải nén ra quá 50 MB" in _errors(world, q4, bomb)


def test_a_sent_report_is_never_changed(world, q4):
    target, _ = _draft(world, q4)
    data = _download(world, q4)
    actions.save_submission(
        world.officer_a, q4, world.commune_a, narrative="Đã gửi", values={str(target.pk): "80"}, submit=True
    )
    sub = Submission.objects.get()
    before = (list(SubmissionValue.objects.values()), list(SubmissionTask.objects.values()), sub.narrative)
    # neither values nor blanks (which would clear) touch a sent report, by the page or the action
    for cells in ({f"F{CT_ROW}": 99}, {f"F{CT_ROW}": None, f"G{NV_ROW}": None, f"H{NV_ROW}": None}):
        assert "đã được gửi" in _errors(world, q4, _fill(data, cells, narrative={"A3": None}))
        with pytest.raises(ValidationError, match="đã được gửi"):
            actions.upload_submission(world.officer_a, q4, world.commune_a, _fill(data, cells), "m.xlsx")
    sub.refresh_from_db()
    assert sub.status == "submitted"
    assert (
        list(SubmissionValue.objects.values()),
        list(SubmissionTask.objects.values()),
        sub.narrative,
    ) == before
    assert not AuditEntry.objects.filter(action="submission.upload").exists()
    # reopened by the office, it is a draft again and takes the file
    actions.reopen_submission(world.office, sub)
    assert _post(world, q4, _fill(data, {f"F{CT_ROW}": 99})).status_code == 302
    assert SubmissionValue.objects.get().value == Decimal("99")


def test_personas(world, q4):
    data = _fill(_download(world, q4), FILLED)
    # commune B: A's page, A's template and A's upload answer 404; nothing written
    assert world.client("officer_b").get(_url(q4) + "mau-bao-cao.xlsx").status_code == 404
    assert _post(world, q4, data, who="officer_b").status_code == 404
    assert not Submission.objects.exists()
    # B uploading A's file into its own report: the file names another unit
    r = world.client("officer_b").post(
        _url(q4, "T1XB"), {"upload": "1", "report_file": SimpleUploadedFile("a.xlsx", data)}
    )
    assert (
        r.status_code == 200
        and "là mẫu báo cáo của đơn vị T1XA, không phải Phường Đông Sơn (T1XB)" in r.content.decode()
    )
    assert not Submission.objects.exists()
    # the leader reads but may not write; the action refuses without the view too
    assert _post(world, q4, data, who="leader").status_code == 403
    with pytest.raises(PermissionDenied):
        actions.upload_submission(world.officer_b, q4, world.commune_a, data, "a.xlsx")
    assert not Submission.objects.exists()
    # the reform office may fill a unit's report for it
    assert _post(world, q4, data, who="office").status_code == 302
    assert Submission.objects.get().unit == world.commune_a


def test_anonymous_cannot_download_or_upload(world, q4):
    assert world.client(None).get(_url(q4) + "mau-bao-cao.xlsx").status_code == 302
    r = world.client(None).post(_url(q4), {"upload": "1"})
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.decimals(min_value=-99999, max_value=99999, places=2, allow_nan=False, allow_infinity=False),
    as_text=st.booleans(),
    status=st.sampled_from(["not_started", "in_progress", "done", "cancelled"]),
    progress=st.integers(0, 100),
    narrative=st.text(alphabet=st.sampled_from("aăâđêôơư ÁÀẢÃẠỆỮ\n\t,.:;–%0123456789"), max_size=200),
)
def test_what_is_written_is_what_is_read(world, q4, value, as_text, status, progress, narrative):
    from chiso.plans import report_upload
    from chiso.plans.models import TaskStatus, clean_narrative

    label = dict(TaskStatus.choices)[status]
    cell = f"{value:f}".replace(".", ",") if as_text else float(value)
    data = _fill(
        _download(world, q4),
        {f"F{CT_ROW}": cell, f"G{NV_ROW}": label.upper(), f"H{NV_ROW}": progress},
        narrative={"A3": narrative or None},
    )
    template = queries.template_for(q4.directive, world.commune_a)
    got = report_upload.read(data, "m.xlsx", q4, world.commune_a, template)
    assert got.values == {Target.objects.get().pk: value}
    task_pk = Task.objects.get(unit=world.commune_a).pk
    assert got.tasks == {task_pk: {"status": status, "progress": progress, "note": ""}}
    assert got.narrative == clean_narrative(narrative)[0] and got.missing == []


def test_reader_refuses_without_the_view(world, q4):
    from chiso.plans import report_upload

    template = queries.template_for(q4.directive, world.commune_a)
    with pytest.raises(ValidationError, match="không phải là số"):
        report_upload.read(
            _fill(_download(world, q4), {f"F{CT_ROW}": "1e400"}), "m.xlsx", q4, world.commune_a, template
        )
