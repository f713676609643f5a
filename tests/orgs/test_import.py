"""Unit import/export: row-level errors, all-or-nothing, re-import is a no-op."""

import io

import pytest

from chiso.lib.tabular import ImportFailed
from chiso.orgs.importer import export_csv, export_xlsx, import_units
from chiso.orgs.models import AuditEntry, Unit, UnitLink

pytestmark = pytest.mark.django_db

GOOD = """code,name,kind,parent_code,valid_from,valid_to,predecessors
T1H1,Huyện Một,district,T1,,30/06/2025,
T1H1X1,Xã Cũ Một,commune,T1H1,,30/06/2025,
T1H1X2,Xã Cũ Hai,commune,T1H1,,30/06/2025,
T1XM,Xã Hợp Nhất,commune,T1,01/07/2025,,T1H1X1;T1H1X2
"""


def _f(text, name="don_vi.csv"):
    f = io.BytesIO(text.encode("utf-8"))
    f.name = name
    return f


def test_import_then_reimport_is_noop(world):
    r = import_units(world.office, world.province, _f(GOOD))
    assert (r.created, r.updated, r.links) == (4, 0, 2)
    audit_count = AuditEntry.objects.count()
    r2 = import_units(world.office, world.province, _f(GOOD))
    assert (r2.created, r2.updated, r2.links, r2.unchanged) == (0, 0, 0, 4)
    assert AuditEntry.objects.count() == audit_count
    assert UnitLink.objects.filter(successor__code="T1XM").count() == 2


@pytest.mark.parametrize(
    "bad_line,column,needle",
    [
        ("T1X9,Xã Lỗi,commune,T1,31/02/2025,,", "valid_from", "không hợp lệ"),
        ("T1X9,Xã Lỗi,village,T1,,,", "kind", "không hợp lệ"),
        ("T1X9,,commune,T1,,,", "name", "Thiếu tên"),
        ("T1X9,Xã Lỗi,commune,KHONGCO,,,", "parent_code", "Không tìm thấy"),
        ("T1H1X1,Xã Trùng,commune,T1H1,,,", "code", "trùng"),
        ("T1X9,Xã Lỗi,commune,T1,01/07/2025,01/01/2025,", "valid_to", "trước"),
        ("T1X9,Xã Lỗi,commune,T1,,,KHONGCO", "predecessors", "tiền thân"),
    ],
)
def test_bad_row_is_named_and_nothing_saved(world, bad_line, column, needle):
    before = Unit.objects.count()
    with pytest.raises(ImportFailed) as exc:
        import_units(world.office, world.province, _f(GOOD + bad_line + "\n"))
    errs = exc.value.errors
    assert any(e.row == 6 and e.column == column and needle in e.message for e in errs), errs
    assert all(e.file == "don_vi.csv" for e in errs)
    assert Unit.objects.count() == before


def test_missing_column_is_reported(world):
    with pytest.raises(ImportFailed) as exc:
        import_units(world.office, world.province, _f("code,name\nA,B\n"))
    assert {e.column.split(" ")[0] for e in exc.value.errors} >= {"kind", "parent_code"}


def test_code_of_another_province_is_refused(world):
    from chiso.orgs import actions
    from chiso.orgs.models import UnitKind

    other = actions.save_unit(None, Unit(code="T2"), name="Tỉnh Khác", kind=UnitKind.PROVINCE)[0]
    actions.save_unit(None, Unit(code="T2X1"), name="Xã Khác", kind=UnitKind.COMMUNE, parent=other)
    with pytest.raises(ImportFailed) as exc:
        import_units(
            world.office,
            world.province,
            _f("code,name,kind,parent_code,valid_from,valid_to\nT2X1,Chiếm,commune,T2,,\n"),
        )
    assert any("không thuộc" in e.message or "ngoài" in e.message for e in exc.value.errors)
    assert Unit.objects.get(code="T2X1").name == "Xã Khác"


def test_broken_file_is_reported(world):
    with pytest.raises(ImportFailed) as exc:
        import_units(world.office, world.province, _f("\xff\xfe garbage", name="x.csv"))
    assert exc.value.errors
    with pytest.raises(ImportFailed):
        f = io.BytesIO(b"PK\x03\x04 not really a zip")
        f.name = "x.xlsx"
        import_units(world.office, world.province, f)


def test_export_round_trips_through_csv_and_xlsx(world):
    import_units(world.office, world.province, _f(GOOD))
    csv_bytes = export_csv(world.province)
    r = import_units(world.office, world.province, _f(csv_bytes.decode("utf-8-sig")))
    assert r.changed == 0
    xlsx = io.BytesIO(export_xlsx(world.province))
    xlsx.name = "don_vi.xlsx"
    r = import_units(world.office, world.province, xlsx)
    assert r.changed == 0 and r.unchanged >= 8


def test_import_page_permissions_and_errors(world):
    assert world.client("officer_a").get("/don-vi/T1/nhap/").status_code == 404
    c = world.client("office")
    r = c.post("/don-vi/T1/nhap/", {"file": _f(GOOD + "T1X9,Xã Lỗi,village,T1,,,\n")})
    body = r.content.decode()
    assert "chưa lưu gì" in body and "village" in body
    assert not Unit.objects.filter(code="T1H1").exists()
    r = c.post("/don-vi/T1/nhap/", {"file": _f(GOOD)}, follow=True)
    assert Unit.objects.filter(code="T1XM").exists()
    assert (
        world.client("office")
        .get("/don-vi/T1/xuat/?format=csv")
        .content.decode("utf-8-sig")
        .startswith("code,name")
    )
