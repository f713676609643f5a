"""Upload of a filled report template: values per target and status / progress per task fill the unit's
draft; everything is checked first (wrong directive, unit or period, unknown rows, bad numbers and
statuses, hostile or oversized files) with errors naming file, sheet, row and column; all or nothing;
the same file again changes nothing; a unit cannot upload into another unit's report."""

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


def _fill(data: bytes, cells: dict | None = None, meta: dict | None = None) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for ref, value in (cells or {}).items():
        wb[SHEET][ref] = value
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
    r = _post(world, q4, _fill(data, FILLED))
    assert r.status_code == 302
    sub = Submission.objects.get(period=q4, unit=world.commune_a)
    assert sub.status == "draft"  # the unit reviews and sends it as usual
    assert sub.values.get().value == Decimal("97.5")
    row = sub.task_rows.get()
    assert (row.status, row.progress, row.note) == ("in_progress", 40, "Đã rà soát 4/10 quy trình")
    task.refresh_from_db()
    assert (task.status, task.progress) == ("not_started", 0)  # a draft moves nothing
    entry = AuditEntry.objects.get(action="submission.upload")
    assert entry.after["file"]["name"] == "mau-bao-cao.xlsx" and len(entry.after["file"]["sha256"]) == 64
    page = world.client("officer_a").get(_url(q4)).content.decode()
    assert 'value="97,5"' in page and "Đã rà soát 4/10 quy trình" in page
    # the template downloaded now carries the draft, so uploading it untouched changes nothing
    again = _download(world, q4)
    assert load_workbook(io.BytesIO(again))[SHEET][f"F{CT_ROW}"].value == 97.5
    assert _post(world, q4, again).status_code == 302
    assert AuditEntry.objects.filter(action="submission.upload").count() == 1


def test_the_same_file_again_changes_nothing(world, q4):
    data = _fill(_download(world, q4), FILLED)
    _post(world, q4, data)
    before = (list(SubmissionValue.objects.values()), list(SubmissionTask.objects.values()))
    r = _post(world, q4, data)
    assert r.status_code == 302
    assert AuditEntry.objects.filter(action="submission.upload").count() == 1
    assert (list(SubmissionValue.objects.values()), list(SubmissionTask.objects.values())) == before
    msgs = [m.message for m in r.wsgi_request._messages]
    assert any("không có gì khác bản nháp" in m for m in msgs)


def test_blank_cells_keep_the_draft_and_done_means_100(world, q4):
    target = Target.objects.get()
    task = Task.objects.get(unit=world.commune_a)
    actions.save_submission(
        world.officer_a, q4, world.commune_a, narrative="Giữ nguyên", values={str(target.pk): "80"}
    )
    _post(
        world,
        q4,
        _fill(_download(world, q4), {f"F{CT_ROW}": None, f"G{NV_ROW}": "hoan thanh", f"H{NV_ROW}": 30}),
    )
    sub = Submission.objects.get()
    assert sub.values.get().value == Decimal("80") and sub.narrative == "Giữ nguyên"
    assert (sub.task_rows.get(task=task).status, sub.task_rows.get(task=task).progress) == ("done", 100)


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


def test_a_sent_report_is_not_refilled(world, q4):
    target = Target.objects.get()
    actions.save_submission(world.officer_a, q4, world.commune_a, values={str(target.pk): "80"}, submit=True)
    data = _fill(_download(world, q4), {f"F{CT_ROW}": 99})
    assert "đã được gửi" in _errors(world, q4, data)
    assert SubmissionValue.objects.get().value == Decimal("80")


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
)
def test_what_is_written_is_what_is_read(world, q4, value, as_text, status, progress):
    from chiso.plans import report_upload
    from chiso.plans.models import TaskStatus

    label = dict(TaskStatus.choices)[status]
    cell = f"{value:f}".replace(".", ",") if as_text else float(value)
    data = _fill(
        _download(world, q4), {f"F{CT_ROW}": cell, f"G{NV_ROW}": label.upper(), f"H{NV_ROW}": progress}
    )
    template = queries.template_for(q4.directive, world.commune_a)
    got = report_upload.read(data, "m.xlsx", q4, world.commune_a, template)
    assert got.values == {Target.objects.get().pk: value}
    assert got.tasks == {Task.objects.get(unit=world.commune_a).pk: {"status": status, "progress": progress}}


def test_reader_refuses_without_the_view(world, q4):
    from chiso.plans import report_upload

    template = queries.template_for(q4.directive, world.commune_a)
    with pytest.raises(ValidationError, match="không phải là số"):
        report_upload.read(
            _fill(_download(world, q4), {f"F{CT_ROW}": "1e400"}), "m.xlsx", q4, world.commune_a, template
        )
