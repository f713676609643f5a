"""Fixtures of the dossiers tests: a small procedure catalogue on top of `world`, and helpers that
write dossier files in the portal's field names and import them."""

import csv
import datetime as dt

import pytest

from chiso.dossiers import extras, importer
from chiso.dossiers.models import Procedure
from chiso.lib.vntext import fold
from chiso.orgs import actions
from chiso.orgs.models import Unit, UnitKind

HEADER = [
    "MaHoSo",
    "MaTTHC",
    "DonViXuLy",
    "KenhThucHien",
    "TrangThaiHoSo",
    "NgayTiepNhan",
    "NgayHenTraBanDau",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "DuocThanhToanTrucTuyen",
    "Gia",
    "HoSoCoThanhPhanSoHoa",
    "SoLanYeuCauBoSung",
    "NgayYeuCauBoSung",
    "NgayHoanThanhBoSung",
    "NgayXinLoi",
]

# The hand-worked month (July 2025 has no holiday): see test_kpis.py for the expected figures.
JULY = [
    # code, proc, unit, channel, status, received, due original, due, finished, returned, paid, fee, digitised, sup n, sup req, sup done, apology
    (
        "D1",
        "P1",
        "T1XA.MC",
        2,
        9,
        "2025-07-01 08:00",
        "",
        "2025-07-04 08:00",
        "2025-07-03 10:00",
        "",
        1,
        10000,
        1,
        0,
        "",
        "",
        "",
    ),
    (
        "D2",
        "P1",
        "T1XA",
        1,
        10,
        "2025-07-01 09:00",
        "",
        "2025-07-04 09:00",
        "2025-07-04 08:30",
        "2025-07-04 09:30",
        0,
        10000,
        1,
        0,
        "",
        "",
        "",
    ),
    (
        "D3",
        "P1",
        "T1XA.MC",
        1,
        9,
        "2025-07-01 10:00",
        "2025-07-04 10:00",
        "2025-07-08 10:00",
        "2025-07-07 10:00",
        "",
        0,
        10000,
        0,
        0,
        "",
        "",
        "2025-07-04 08:00",
    ),
    (
        "D4",
        "P1",
        "T1XA.MC",
        1,
        9,
        "2025-07-01 08:00",
        "",
        "2025-07-04 08:00",
        "2025-07-04 16:00",
        "",
        0,
        0,
        1,
        1,
        "2025-07-02 08:00",
        "2025-07-03 08:00",
        "",
    ),
    (
        "D5",
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
        2,
        "",
        "",
        "",
    ),
    ("D6", "P2", "T1XA.MC", 1, 4, "2025-07-28 08:00", "", "", "", "", 0, 0, 1, 0, "", "", ""),
    ("D7", "P1", "T1XA.MC", 1, 4, "2025-07-01 08:00", "", "2025-07-04 08:00", "", "", 0, 0, 1, 0, "", "", ""),
    ("D8", "P1", "T1XA.MC", 2, 3, "", "", "", "", "", 0, 0, 0, 0, "", "", ""),
    (
        "D9",
        "P1",
        "T1XB",
        3,
        9,
        "2025-07-02 08:00",
        "",
        "2025-07-07 08:00",
        "2025-07-03 08:00",
        "",
        0,
        0,
        1,
        0,
        "",
        "",
        "",
    ),
]


def write_csv(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    return path


@pytest.fixture
def catalogue(world):
    return make_catalogue()


def make_catalogue() -> dict:
    """P1 (civil status, 3 working days, fully online, fee) and P2 (land, 5 days, partly online)."""
    P = [
        ("P1", "Đăng ký khai sinh", "HT", "Hộ tịch", 3, "working_days", "full", True),
        ("P2", "Cấp giấy chứng nhận quyền sử dụng đất", "DD", "Đất đai", 5, "working_days", "partial", False),
    ]
    out = {}
    for code, name, fc, fn, lim, unit, ol, fee in P:
        out[code] = Procedure.objects.create(
            code=code,
            name=name,
            field_code=fc,
            field_name=fn,
            limit_value=lim,
            limit_unit=unit,
            online_level=ol,
            fee_bearing=fee,
            search=fold(f"{code} {name} {fn}"),
        )
    return out


@pytest.fixture
def old_district(world):
    """A district and its commune that ended on 30/06/2025 (before the two-level reform)."""
    d = actions.save_unit(
        None,
        Unit(code="T1D"),
        name="Huyện Cũ",
        kind=UnitKind.DISTRICT,
        parent=world.province,
        valid_to=dt.date(2025, 6, 30),
    )[0]
    c = actions.save_unit(
        None, Unit(code="T1DX"), name="Xã Cũ", kind=UnitKind.COMMUNE, parent=d, valid_to=dt.date(2025, 6, 30)
    )[0]
    return d, c


@pytest.fixture
def july(world, catalogue, tmp_path):
    path = write_csv(tmp_path / "thang7.csv", JULY)
    return importer.import_dossiers(path)


__all__ = ["extras"]
