"""Imported responses: Kobo/ODK exports and paper sheets; row-level errors; all-or-nothing; idempotent."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied  # noqa: F401

from chiso.lib.tabular import ImportFailed
from chiso.surveys import actions
from chiso.surveys.models import Response, ResponseItem, Source

KOBO = (
    "start,end,thong_tin/linh_vuc,thong_tin/ma_ho_so,thong_tin/so_lan,danh_gia/tiep_can,danh_gia/thu_tuc,"
    "danh_gia/cong_chuc,danh_gia/ket_qua,danh_gia/da_gop_y,danh_gia/gop_y,phi_ngoai,kenh,kenh/truc_tiep,"
    "y_kien,_id,_uuid,_submission_time,unit\n"
    "2025-08-01T09:00:00+07:00,2025-08-01T09:03:00+07:00,Đất đai,,2,Hài lòng,Rất hài lòng,4,5,Có,Bình thường,Không,"
    "truc_tiep,1,Chờ hơi lâu,101,uuid-1,2025-08-01T09:03:10+07:00,T1XA.MC\n"
    "2025-08-02T10:00:00+07:00,2025-08-02T10:02:00+07:00,ho_tich,HS-0002,1,5,5,5,5,khong,,khong,,0,,102,uuid-2,"
    "2025-08-02T10:02:30+07:00,T1XA\n"
)


def _f(text, name="kobo.csv"):
    f = io.BytesIO(text.encode("utf-8"))
    f.name = name
    return f


def test_kobo_csv_with_labels_and_group_paths_imports_once(world, version):
    s = actions.import_responses(world.office, _f(KOBO), "kobo.csv", version)
    assert (s.created, s.skipped) == (2, 0)
    first = Response.objects.get(import_key__isnull=False, dossier_code="")
    assert (
        first.unit == world.desk_a
        and first.answers["tiep_can"] == "4"
        and first.answers["linh_vuc"] == "dat_dai"
    )
    assert first.answers["gop_y"] == "3" and first.source == Source.IMPORT and first.comment == "Chờ hơi lâu"
    assert first.submitted_on.isoformat() == "2025-08-01"
    assert Response.objects.get(dossier_code="HS-0002").unit == world.commune_a
    items = ResponseItem.objects.count()
    again = actions.import_responses(world.office, _f(KOBO), "kobo.csv", version)
    assert (again.created, again.skipped) == (0, 2)
    assert Response.objects.count() == 2 and ResponseItem.objects.count() == items


def test_row_errors_name_row_and_column_and_nothing_is_saved(world, version):
    bad = KOBO + (
        "2025-08-03T10:00:00+07:00,,ho_tich,,30,5,5,5,Tuyệt vời,khong,,khong,,,,103,uuid-3,2025-08-03T10:02:30+07:00,T1XA\n"
        "2025-08-03T11:00:00+07:00,,ho_tich,,1,,5,5,5,khong,,khong,,,,104,uuid-4,2025-08-03T11:02:30+07:00,T9ZZ\n"
    )
    with pytest.raises(ImportFailed) as exc:
        actions.import_responses(world.office, _f(bad), "kobo.csv", version)
    errs = {(e.row, e.column): e.message for e in exc.value.errors}
    assert errs[(4, "thong_tin/so_lan")] == "Số lần đi lại phải từ 1 đến 20."
    assert "Tuyệt vời" in errs[(4, "danh_gia/ket_qua")]
    assert errs[(5, "unit")] == "Không có đơn vị mã 'T9ZZ'"
    assert "kobo.csv, dòng 4, cột thong_tin/so_lan" in str(exc.value)
    assert not Response.objects.exists()  # the two good rows were not saved either


def test_duplicate_dossier_in_file_and_in_database(world, version, point_a):
    actions.submit_response(
        point_a,
        {
            "so_lan": "1",
            "tiep_can": "5",
            "thu_tuc": "5",
            "cong_chuc": "5",
            "ket_qua": "5",
            "da_gop_y": "khong",
            "phi_ngoai": "khong",
            "ma_ho_so": "HS-0002",
        },
    )
    with pytest.raises(ImportFailed) as exc:
        actions.import_responses(world.office, _f(KOBO), "kobo.csv", version)
    assert any("HS-0002" in e.message for e in exc.value.errors)
    assert Response.objects.count() == 1


def test_paper_sheet_xlsx_without_ids_is_idempotent(world, version):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "thoi_gian",
            "so_lan",
            "tiep_can",
            "thu_tuc",
            "cong_chuc",
            "ket_qua",
            "da_gop_y",
            "phi_ngoai",
            "y_kien",
        ]
    )
    ws.append(
        ["05/09/2025", 1, "Hài lòng", "Hài lòng", "Rất hài lòng", "Không hài lòng", "Không", "Không", ""]
    )
    ws.append(
        ["05/09/2025", 1, "Hài lòng", "Hài lòng", "Rất hài lòng", "Không hài lòng", "Không", "Không", ""]
    )
    ws.append(
        [
            "06/09/2025",
            3,
            "rat khong hai long",
            "2",
            "3",
            "4",
            "Không",
            "Không muốn trả lời",
            "Phải đi lại nhiều lần",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    s = actions.import_responses(
        world.head_a, io.BytesIO(data), "phieu-giay.xlsx", version, unit=world.commune_a, source=Source.PAPER
    )
    assert s.created == 3  # two identical paper forms are two responses
    s = actions.import_responses(
        world.head_a, io.BytesIO(data), "phieu-giay.xlsx", version, unit=world.commune_a, source=Source.PAPER
    )
    assert (s.created, s.skipped) == (0, 3)
    assert Response.objects.filter(source=Source.PAPER, unit=world.commune_a).count() == 3
    assert Response.objects.filter(answers__tiep_can="1").count() == 1  # accent-free label matched


def test_import_for_a_unit_outside_scope_is_refused(world, version):
    with pytest.raises(ImportFailed) as exc:
        actions.import_responses(world.officer_b, _f(KOBO), "kobo.csv", version)
    assert all("không có quyền" in e.message for e in exc.value.errors)
    assert not Response.objects.exists()


def test_missing_unit_and_empty_file(world, version):
    text = "so_lan,tiep_can,thu_tuc,cong_chuc,ket_qua,da_gop_y,phi_ngoai\n1,5,5,5,5,khong,khong\n"
    with pytest.raises(ImportFailed) as exc:
        actions.import_responses(world.office, _f(text), "a.csv", version)
    assert exc.value.errors[0].column == "unit"
    with pytest.raises(ImportFailed):
        actions.import_responses(world.office, _f("so_lan,tiep_can\n"), "b.csv", version)
