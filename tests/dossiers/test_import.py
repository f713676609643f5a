"""Import: every bad-input case names file, row and column and saves nothing; idempotence;
updates in place; CSV, XLSX, JSON and the minimal CSV; separate supplement and apology files."""

import json

import pytest

from chiso.dossiers import extras, importer
from chiso.dossiers.models import Apology, Dossier, KpiRollup, Outcome, Supplement
from chiso.lib.tabular import ImportFailed
from tests.dossiers.conftest import HEADER, JULY, write_csv

pytestmark = pytest.mark.django_db


def good(code="G1", **over):
    row = dict(
        zip(
            HEADER,
            (
                "",
                "P1",
                "T1XA.MC",
                1,
                9,
                "2025-07-01 08:00",
                "",
                "2025-07-04 08:00",
                "2025-07-02 08:00",
                "",
                0,
                0,
                1,
                0,
                "",
                "",
                "",
            ),
            strict=True,
        )
    )
    row["MaHoSo"] = code
    row.update(over)
    return [row[h] for h in HEADER]


def failing(tmp_path, rows, header=HEADER):
    path = write_csv(tmp_path / "loi.csv", rows, header)
    with pytest.raises(ImportFailed) as exc:
        importer.import_dossiers(path)
    assert Dossier.objects.count() == 0
    assert KpiRollup.objects.count() == 0
    return exc.value.errors


@pytest.mark.parametrize(
    "over, column, words",
    [
        ({"DonViXuLy": "KHONGCO"}, "DonViXuLy", "Không có đơn vị"),
        ({"MaTTHC": "P999"}, "MaTTHC", "Không có thủ tục"),
        ({"TrangThaiHoSo": "11"}, "TrangThaiHoSo", "Trạng thái"),
        ({"TrangThaiHoSo": "xong"}, "TrangThaiHoSo", "Trạng thái"),
        ({"NgayTiepNhan": "31/02/2025 08:00"}, "NgayTiepNhan", "không hợp lệ"),
        ({"NgayTra": "2025-06-30 08:00", "TrangThaiHoSo": 10}, "NgayTra", "trước ngày tiếp nhận"),
        ({"NgayKetThucXuLy": "2025-06-30 08:00"}, "NgayKetThucXuLy", "trước ngày tiếp nhận"),
        ({"NgayKetThucXuLy": ""}, "TrangThaiHoSo", "thiếu ngày kết thúc"),
        ({"KenhThucHien": "7"}, "KenhThucHien", "Kênh"),
        ({"NgayTiepNhan": ""}, "NgayTiepNhan", "Thiếu ngày tiếp nhận"),
    ],
)
def test_bad_rows_name_file_row_column_and_save_nothing(world, catalogue, tmp_path, over, column, words):
    errors = failing(tmp_path, [good("OK1"), good("BAD", **over), good("OK2")])
    bad = [e for e in errors if e.column == column]
    assert bad, errors
    assert bad[0].file == "loi.csv" and bad[0].row == 3
    assert words.lower() in bad[0].message.lower()


def test_missing_required_column(world, catalogue, tmp_path):
    header = [h for h in HEADER if h != "DonViXuLy"]
    rows = [[v for h, v in zip(HEADER, good(), strict=True) if h != "DonViXuLy"]]
    errors = failing(tmp_path, rows, header)
    assert errors[0].column == "DonViXuLy" and errors[0].row == 1


def test_duplicate_code_in_file(world, catalogue, tmp_path):
    errors = failing(tmp_path, [good("X"), good("X")])
    assert errors[0].row == 3 and "lặp lại" in errors[0].message


def test_reimport_same_file_changes_nothing(world, catalogue, tmp_path):
    path = write_csv(tmp_path / "t7.csv", JULY)
    first = importer.import_dossiers(path)
    assert first.created == 9
    snapshot = list(Dossier.objects.order_by("code").values())
    rollups = list(KpiRollup.objects.order_by("period", "unit", "field_code").values())
    again = importer.import_dossiers(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 9)
    assert list(Dossier.objects.order_by("code").values()) == snapshot
    assert list(KpiRollup.objects.order_by("period", "unit", "field_code").values()) == rollups
    assert Apology.objects.count() == 1 and Supplement.objects.count() == 1


def test_reimport_updates_in_place(world, catalogue, tmp_path):
    importer.import_dossiers(write_csv(tmp_path / "a.csv", JULY))
    pk = Dossier.objects.get(code="D7").pk
    changed = [list(r) for r in JULY]
    d7 = next(r for r in changed if r[0] == "D7")
    d7[4], d7[8] = 9, "2025-07-10 08:00"  # D7 now finished, late
    r = importer.import_dossiers(write_csv(tmp_path / "b.csv", changed))
    assert (r.created, r.updated, r.unchanged) == (0, 1, 8)
    d = Dossier.objects.get(code="D7")
    assert d.pk == pk and d.outcome == Outcome.LATE


def test_minimal_csv(world, catalogue, tmp_path):
    header = ["ma_ho_so", "ma_thu_tuc", "don_vi", "trang_thai", "ngay_tiep_nhan", "ngay_ket_thuc", "kenh"]
    rows = [["M1", "P1", "T1XA", "9", "01/07/2025 08:00", "07/07/2025 08:00", "2"]]
    importer.import_dossiers(write_csv(tmp_path / "toi-gian.csv", rows, header))
    d = Dossier.objects.get(code="M1")
    assert d.outcome == Outcome.LATE  # due computed: 01/07 08:00 + 3 working days = 04/07 08:00
    assert d.channel == 2


def test_json_array_and_ndjson(world, catalogue, tmp_path):
    objs = [dict(zip(HEADER, good(f"J{i}"), strict=True)) for i in range(3)]
    p = tmp_path / "hoso.json"
    p.write_text(json.dumps(objs, ensure_ascii=False), encoding="utf-8")
    assert importer.import_dossiers(p).created == 3
    p2 = tmp_path / "hoso.ndjson"
    p2.write_text("\n".join(json.dumps(dict(o, MaHoSo=o["MaHoSo"] + "n")) for o in objs), encoding="utf-8")
    assert importer.import_dossiers(p2).created == 3


def test_bad_json(world, catalogue, tmp_path):
    p = tmp_path / "hong.json"
    p.write_text('[{"MaHoSo": "A"', encoding="utf-8")
    with pytest.raises(ImportFailed):
        importer.import_dossiers(p)


def test_xlsx(world, catalogue, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(good("X1"))
    ws.append(good("X2", DonViXuLy="NOPE"))
    path = tmp_path / "hoso.xlsx"
    wb.save(path)
    with pytest.raises(ImportFailed) as exc:
        importer.import_dossiers(path)
    assert exc.value.errors[0].row == 3 and exc.value.errors[0].column == "DonViXuLy"
    ws.delete_rows(3)
    wb.save(path)
    assert importer.import_dossiers(path).created == 1


def test_separate_supplements_and_apologies(world, catalogue, tmp_path):
    importer.import_dossiers(write_csv(tmp_path / "a.csv", JULY))
    sup = write_csv(
        tmp_path / "bosung.csv",
        [
            ["D2", "2025-07-02 08:00", "2025-07-03 08:00", "Thiếu bản sao"],
            ["D2", "2025-07-03 09:00", "2025-07-03 10:00", "Lần hai"],
        ],
        ["MaHoSo", "NgayYeuCauBoSung", "NgayHoanThanhBoSung", "LyDo"],
    )
    r = importer.import_file(sup)
    assert r.created == 2
    d2 = Dossier.objects.get(code="D2")
    assert d2.supplement_count == 2 and d2.outcome == Outcome.LATE
    assert importer.import_file(sup).unchanged == 2
    bad = write_csv(
        tmp_path / "bosung-loi.csv",
        [["KHONG", "2025-07-02 08:00", "", ""]],
        ["MaHoSo", "NgayYeuCauBoSung", "NgayHoanThanhBoSung", "LyDo"],
    )
    with pytest.raises(ImportFailed) as exc:
        importer.import_file(bad)
    assert exc.value.errors[0].column == "MaHoSo"
    ap = write_csv(
        tmp_path / "xinloi.csv",
        [["D5", "12/PXL", "2025-07-04", "2025-07-10 08:00", "Chờ xác minh"]],
        ["MaHoSo", "SoPhieu", "NgayXinLoi", "NgayHenTraMoi", "LyDo"],
    )
    assert importer.import_file(ap).created == 1
    d5 = Dossier.objects.get(code="D5")
    assert d5.has_apology and d5.due_original_at.day == 4 and d5.due_at.day == 10
    assert importer.import_file(ap).unchanged == 1


def test_procedure_catalogue(world, tmp_path):
    header = [
        "MaTTHC",
        "TenTTHC",
        "MaLinhVuc",
        "TenLinhVuc",
        "ThoiGianThucHien",
        "DonViThoiGian",
        "MucDoTrucTuyen",
        "CoPhi",
        "KetQuaGiayTo",
    ]
    rows = [
        ["Q1", "Thủ tục một", "HT", "Hộ tịch", "3", "ngày làm việc", "toàn trình", "1", "1"],
        ["Q2", "Thủ tục hai", "DD", "Đất đai", "2", "tháng", "một phần", "0", "1"],
    ]
    path = write_csv(tmp_path / "tt.csv", rows, header)
    assert extras.import_procedures(path).created == 2
    assert extras.import_procedures(path).unchanged == 2
    rows[1][5] = "tuần"
    with pytest.raises(ImportFailed) as exc:
        extras.import_procedures(write_csv(tmp_path / "tt2.csv", rows, header))
    assert exc.value.errors[0].row == 3 and exc.value.errors[0].column == "DonViThoiGian"


def test_operator_of_a_commune_cannot_import_other_units(world, catalogue, tmp_path):
    # officer_a has no import scope at all; the office imports anything in the province.
    from chiso.dossiers.queries import can_import

    assert not can_import(world.officer_a)
    assert can_import(world.office)
    path = write_csv(tmp_path / "a.csv", [good("A1")])
    assert importer.import_dossiers(path, actor=world.office).created == 1


def test_generator_output_imports_cleanly(world, tmp_path):
    """The synthetic generator writes the demo province's units; here the units are missing,
    so every row is reported — and nothing saved."""
    from chiso.dossiers import generator

    out = tmp_path / "gen.csv"
    generator.generate(200, seed=3, out=out)
    with pytest.raises(ImportFailed) as exc:
        importer.import_dossiers(out)
    assert all(e.column in ("DonViXuLy", "MaTTHC") for e in exc.value.errors)


@pytest.mark.parametrize("chunk", [1, 2, 3, 50_000])
def test_csv_row_numbers_across_blank_short_and_long_rows(tmp_path, chunk):
    head = "MaHoSo,MaTTHC,DonViXuLy,TrangThaiHoSo,NgayTiepNhan\n"
    path = tmp_path / "a.csv"
    path.write_text(head + 'A,P,U,9,x\n\nB,P,U\n"C\nD",P,U,9,x,,\nE,P,U,9,x\n', encoding="utf-8")
    got = []
    for ch in importer.read_chunks(path, chunk=chunk):
        got += list(
            zip(
                ch.rows.tolist(),
                ch.cols["MaHoSo"].to_pylist(),
                ch.cols["TrangThaiHoSo"].to_pylist(),
                strict=True,
            )
        )
    # row numbers count records (the blank one too), short rows are padded, empty extra cells dropped
    assert [(n, a, b) for n, a, b in got] == [(2, "A", "9"), (4, "B", ""), (5, "C\nD", "9"), (6, "E", "9")]
    path.write_text(head + "A,P,U,9,x\nB,P,U,9,x,thừa\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as exc:
        list(importer.read_chunks(path, chunk=chunk))
    assert [(e.row, e.message) for e in exc.value.errors] == [(3, "Dòng có 6 cột, tiêu đề có 5 cột")]


def test_mixed_new_updated_unchanged_in_one_chunk_equals_a_fresh_load(world, catalogue, tmp_path):
    from chiso.dossiers.models import KpiAggregate

    cols = ["code", "status", "due_effective_ts", "end_ts", "outcome", "outcome_original", "working_days"]
    importer.import_dossiers(write_csv(tmp_path / "a.csv", JULY[1:6]))
    final = [list(r) for r in JULY]
    d3 = next(r for r in final if r[0] == "D3")
    d3[8] = "2025-07-15 08:00"  # D3 finishes later: updated, between new rows
    r = importer.import_dossiers(write_csv(tmp_path / "b.csv", final))
    assert r.updated == 1 and r.created == len(JULY) - 5 and r.unchanged == 4
    got = sorted(Dossier.objects.values_list(*cols))
    aggs = sorted(KpiAggregate.objects.values_list("period", "unit_id", "procedure_id", *KpiAggregate.COUNTS))
    Dossier.objects.all().delete()
    KpiAggregate.objects.all().delete()
    importer.import_dossiers(write_csv(tmp_path / "c.csv", final))
    assert sorted(Dossier.objects.values_list(*cols)) == got
    assert (
        sorted(KpiAggregate.objects.values_list("period", "unit_id", "procedure_id", *KpiAggregate.COUNTS))
        == aggs
    )


def _table(cols=("code", "unit_id", "procedure_id", "status", "channel", "received_ts", "due_ts", "end_ts")):
    return sorted(Dossier.objects.values_list(*cols, "outcome", "outcome_original", "working_days", "search"))


def test_error_in_a_later_chunk_rolls_back_what_earlier_chunks_wrote(world, catalogue, tmp_path):
    """One pass writes chunk by chunk inside one transaction: a bad row in the last chunk still
    leaves nothing saved, and every bad row of the file is reported."""
    rows = [good(f"OK{i}") for i in range(7)] + [good("BAD1", DonViXuLy="X"), good("BAD2", MaTTHC="Y")]
    path = write_csv(tmp_path / "loi.csv", rows)
    with pytest.raises(ImportFailed) as exc:
        importer.import_dossiers(path, chunk=2)
    assert [(e.row, e.column) for e in exc.value.errors] == [(9, "DonViXuLy"), (10, "MaTTHC")]
    assert Dossier.objects.count() == 0 and KpiRollup.objects.count() == 0


def test_fast_csv_reader_and_csv_module_write_the_same(world, catalogue, tmp_path):
    path = write_csv(tmp_path / "a.csv", JULY)
    fast = list(importer.read_chunks(path, fast=True))
    slow = list(importer.read_chunks(path, fast=False))
    assert [c.rows.tolist() for c in fast] == [c.rows.tolist() for c in slow]
    assert [{k: v.to_pylist() for k, v in c.cols.items()} for c in fast] == [
        {k: v.to_pylist() for k, v in c.cols.items()} for c in slow
    ]
    importer.import_dossiers(path)
    via_csv = _table()
    Dossier.objects.all().delete()
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in JULY:
        ws.append([str(v) for v in r])
    wb.save(tmp_path / "a.xlsx")
    importer.import_dossiers(tmp_path / "a.xlsx")
    assert _table() == via_csv


def test_irregular_csv_falls_back_to_the_csv_module(world, catalogue, tmp_path):
    """A short row (trailing empty cells cut off) makes the Arrow reader give up; the import is
    redone with the csv module, which pads the row — the file imports whole."""
    path = write_csv(tmp_path / "a.csv", [good("S1"), good("S2")])
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].rstrip(",")
    path.write_text("\n".join(text) + "\n\n", encoding="utf-8")
    with pytest.raises(importer._Irregular):
        list(importer.read_chunks(path, fast=True))
    r = importer.import_dossiers(path)
    assert r.created == 2 and Dossier.objects.count() == 2


def test_blank_lines_are_skipped_and_counted_by_the_fast_reader(world, catalogue, tmp_path):
    path = write_csv(tmp_path / "a.csv", [good("B1"), good("B2", DonViXuLy="X")])
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(text[:2] + [""] + text[2:]) + "\n", encoding="utf-8")
    [chunk] = importer.read_chunks(path, fast=True)
    assert chunk.rows.tolist() == [2, 4]
    with pytest.raises(ImportFailed) as exc:
        importer.import_dossiers(path)
    assert [(e.row, e.column) for e in exc.value.errors] == [(4, "DonViXuLy")]


def test_bad_utf8_is_reported_not_crashed(world, catalogue, tmp_path):
    path = write_csv(tmp_path / "a.csv", [good("U1"), good("U2")])
    path.write_bytes(path.read_bytes().replace(b"U2", b"U\xff2"))
    with pytest.raises(ImportFailed) as exc:
        importer.import_dossiers(path)
    assert "UTF-8" in exc.value.errors[0].message
    assert Dossier.objects.count() == 0
