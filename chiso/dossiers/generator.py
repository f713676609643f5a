"""Synthetic dossiers for the demo province (Hà Tĩnh, 42), in the portal's field names.

Vectorised with numpy (1,000,000 rows in a few seconds). Handling units are written with our own
unit codes (DonViXuLy = 42X001.MC, 42.STP, 42D1X03 …), so no agency-code mapping is needed; the
dossier code follows the portal pattern `{DonViXuLy}-{yyMMdd}-{seq}`.

Realism: fields and procedures with their legal limits; channels by unit (online share grows over
the year); monthly seasonality and the Tết slow-down; communes until 30/06/2025 then the new
communes and wards; some units late far more often; supplements (a few dossiers twice); apologies
for most, not all, late dossiers (with the original due date kept); open dossiers at the end.
"""

import csv
import datetime as dt

import numpy as np

# code, name, field code, field name, limit, limit unit, online level, fee, paper result, level
PROCEDURES = [
    ("1.001193.000.00.00.H42", "Đăng ký khai sinh", "HT", "Hộ tịch", 1, "working_days", "full", 0, 1, "xa"),
    ("1.000656.000.00.00.H42", "Đăng ký khai tử", "HT", "Hộ tịch", 1, "working_days", "full", 0, 1, "xa"),
    ("1.000894.000.00.00.H42", "Đăng ký kết hôn", "HT", "Hộ tịch", 1, "working_days", "partial", 0, 1, "xa"),
    (
        "1.004873.000.00.00.H42",
        "Cấp bản sao trích lục hộ tịch",
        "HT",
        "Hộ tịch",
        1,
        "working_days",
        "full",
        1,
        1,
        "xa",
    ),
    (
        "2.000908.000.00.00.H42",
        "Chứng thực bản sao từ bản chính",
        "CT",
        "Chứng thực",
        1,
        "working_days",
        "partial",
        1,
        1,
        "xa",
    ),
    (
        "2.000815.000.00.00.H42",
        "Chứng thực chữ ký",
        "CT",
        "Chứng thực",
        1,
        "working_days",
        "none",
        1,
        1,
        "xa",
    ),
    (
        "1.012755.000.00.00.H42",
        "Đăng ký biến động quyền sử dụng đất",
        "DD",
        "Đất đai",
        10,
        "working_days",
        "partial",
        1,
        1,
        "xa",
    ),
    (
        "1.012756.000.00.00.H42",
        "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
        "DD",
        "Đất đai",
        20,
        "working_days",
        "partial",
        1,
        1,
        "xa",
    ),
    (
        "1.004227.000.00.00.H42",
        "Tách thửa, hợp thửa đất",
        "DD",
        "Đất đai",
        15,
        "working_days",
        "partial",
        1,
        1,
        "xa",
    ),
    (
        "1.009994.000.00.00.H42",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "XD",
        "Xây dựng",
        15,
        "working_days",
        "full",
        1,
        1,
        "xa",
    ),
    (
        "2.000046.000.00.00.H42",
        "Đăng ký hộ kinh doanh",
        "KD",
        "Đăng ký kinh doanh",
        3,
        "working_days",
        "full",
        1,
        1,
        "xa",
    ),
    (
        "1.001776.000.00.00.H42",
        "Xác nhận hộ nghèo, cận nghèo",
        "BTXH",
        "Bảo trợ xã hội",
        7,
        "working_days",
        "full",
        0,
        1,
        "xa",
    ),
    (
        "1.001758.000.00.00.H42",
        "Trợ cấp xã hội hằng tháng",
        "BTXH",
        "Bảo trợ xã hội",
        20,
        "working_days",
        "partial",
        0,
        1,
        "xa",
    ),
    (
        "1.008004.000.00.00.H42",
        "Cấp lý lịch tư pháp",
        "LLTP",
        "Lý lịch tư pháp",
        10,
        "working_days",
        "full",
        1,
        1,
        "tinh:42.STP",
    ),
    (
        "2.000488.000.00.00.H42",
        "Công chứng hợp đồng",
        "CC",
        "Công chứng",
        2,
        "working_days",
        "none",
        1,
        1,
        "tinh:42.STP",
    ),
    (
        "2.001610.000.00.00.H42",
        "Đăng ký thành lập doanh nghiệp",
        "KD",
        "Đăng ký kinh doanh",
        3,
        "working_days",
        "full",
        1,
        1,
        "tinh:42.STC",
    ),
    (
        "2.002155.000.00.00.H42",
        "Cấp giấy chứng nhận đăng ký đầu tư",
        "DT",
        "Đầu tư",
        15,
        "working_days",
        "partial",
        0,
        1,
        "tinh:42.STC",
    ),
    (
        "1.011466.000.00.00.H42",
        "Cấp giấy phép xây dựng công trình",
        "XD",
        "Xây dựng",
        20,
        "working_days",
        "partial",
        1,
        1,
        "tinh:42.SXD",
    ),
    (
        "1.004347.000.00.00.H42",
        "Cấp giấy phép lái xe",
        "GTVT",
        "Giao thông vận tải",
        10,
        "working_days",
        "full",
        1,
        1,
        "tinh:42.SXD",
    ),
    (
        "1.002804.000.00.00.H42",
        "Đổi giấy phép lái xe",
        "GTVT",
        "Giao thông vận tải",
        5,
        "working_days",
        "full",
        1,
        1,
        "tinh:42.SXD",
    ),
    (
        "1.012100.000.00.00.H42",
        "Cấp giấy phép môi trường",
        "MT",
        "Môi trường",
        30,
        "working_days",
        "partial",
        1,
        1,
        "tinh:42.SNNMT",
    ),
    (
        "1.003464.000.00.00.H42",
        "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
        "YT",
        "Y tế",
        20,
        "working_days",
        "partial",
        1,
        1,
        "tinh:42.SYT",
    ),
    (
        "1.005099.000.00.00.H42",
        "Cấp bản sao văn bằng, chứng chỉ",
        "GD",
        "Giáo dục và Đào tạo",
        1,
        "working_days",
        "full",
        0,
        1,
        "tinh:42.SGDDT",
    ),
    (
        "2.000190.000.00.00.H42",
        "Cấp giấy phép kinh doanh bán lẻ rượu",
        "TM",
        "Thương mại",
        10,
        "working_days",
        "full",
        1,
        1,
        "tinh:42.SCT",
    ),
    (
        "1.000105.000.00.00.H42",
        "Giải quyết trợ cấp thất nghiệp",
        "VL",
        "Việc làm",
        20,
        "working_days",
        "partial",
        0,
        1,
        "tinh:42.SNV",
    ),
    (
        "1.009645.000.00.00.H42",
        "Xác nhận thông tin quy hoạch",
        "XD",
        "Xây dựng",
        48,
        "working_hours",
        "full",
        0,
        0,
        "tinh:42.SXD",
    ),
    (
        "1.001009.000.00.00.H42",
        "Cấp giấy phép tổ chức lễ hội",
        "VH",
        "Văn hóa",
        15,
        "calendar_days",
        "partial",
        0,
        1,
        "tinh:42.SVHTTDL",
    ),
]
PROC_HEADER = [
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
HEADER = [
    "MaHoSo",
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "DonViXuLy",
    "KenhThucHien",
    "TrangThaiHoSo",
    "NgayNopHoSo",
    "NgayTiepNhan",
    "NgayHenTraBanDau",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "NgayTuChoi",
    "HinhThuc",
    "HoSoCoThanhPhanSoHoa",
    "TaiSuDung",
    "DaSoHoaKetQua",
    "DuocThanhToanTrucTuyen",
    "Gia",
    "SoLanYeuCauBoSung",
    "NgayYeuCauBoSung",
    "NgayHoanThanhBoSung",
    "NgayXinLoi",
]
DEPARTMENTS = [
    "42.STP",
    "42.STC",
    "42.SXD",
    "42.SNNMT",
    "42.SYT",
    "42.SGDDT",
    "42.SCT",
    "42.SNV",
    "42.SVHTTDL",
]
OLD_COMMUNES = [f"42D{d}X{j:02d}" for d in range(1, 7) for j in range(1, 16)]
NEW_DESKS = [f"42X{i:03d}.MC" for i in range(1, 61)]
SWITCH = dt.date(2025, 7, 1)
MONTH_WEIGHT = np.array([0.75, 0.6, 1.1, 1.05, 1.0, 1.05, 1.1, 1.1, 1.0, 1.05, 1.05, 1.15])


def write_procedures(path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(PROC_HEADER)
        labels = {
            "working_days": "ngày làm việc",
            "working_hours": "giờ làm việc",
            "calendar_days": "ngày",
            "months": "tháng",
        }
        levels = {"full": "toàn trình", "partial": "một phần", "none": "không"}
        for code, name, fc, fn, lim, unit, ol, fee, paper, _lvl in PROCEDURES:
            w.writerow([code, name, fc, fn, lim, labels[unit], levels[ol], fee, paper])


def _holidays(year: int) -> list[np.datetime64]:
    import holidays as hol

    out = []
    for y in (year, year + 1):
        out += [np.datetime64(d) for d in hol.country_holidays("VN", years=y)]
    return out


def _ts_str(days: np.ndarray, secs: np.ndarray, valid: np.ndarray) -> list[str]:
    t = days.astype("datetime64[D]").astype("datetime64[s]") + secs.astype("timedelta64[s]")
    s = np.datetime_as_string(t, unit="s")
    return np.where(valid, s, "").tolist()


def generate(rows: int, seed: int = 1, year: int = 2025, out=None, now: dt.date | None = None) -> int:
    """Write `rows` dossiers received in `year` to `out` (a path). Returns the row count."""
    rng = np.random.default_rng(seed)
    hols = _holidays(year)
    cal = np.busdaycalendar(weekmask="1111100", holidays=hols)
    # Reception days: working days of the year weighted by month (Tết month and February low).
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
    work = np.is_busday(days, busdaycal=cal)
    days = days[work]
    months = days.astype("datetime64[M]").astype(int) % 12
    w = MONTH_WEIGHT[months] * rng.uniform(0.85, 1.15, len(days))
    end_of_data = np.datetime64(now or dt.date(year, 12, 31))
    day = np.sort(rng.choice(days, size=rows, p=w / w.sum()))
    # Procedure: commune-level 62 %, department-level 38 %.
    lvl = np.array([p[9] for p in PROCEDURES])
    commune_procs = np.flatnonzero(lvl == "xa")
    dept_procs = np.flatnonzero(lvl != "xa")
    cw = np.array([30, 6, 5, 6, 20, 6, 8, 3, 3, 2, 4, 3, 2], dtype=float)[: len(commune_procs)]
    is_commune = rng.random(rows) < 0.62
    proc = np.where(
        is_commune,
        rng.choice(commune_procs, size=rows, p=cw / cw.sum()),
        rng.choice(dept_procs, size=rows),
    )
    # Unit: communes by date (old before 1/7, new after), departments by procedure.
    switch = np.datetime64(SWITCH)
    before = day < switch
    units_old = np.array(OLD_COMMUNES)
    units_new = np.array(NEW_DESKS)
    cidx_old = rng.integers(0, len(units_old), rows)
    cidx_new = rng.integers(0, len(units_new), rows)
    dept_of = np.array([p[9].split(":")[1] if ":" in p[9] else "" for p in PROCEDURES])
    unit = np.where(is_commune, np.where(before, units_old[cidx_old], units_new[cidx_new]), dept_of[proc])
    # Unit "lateness": a few units are late much more often.
    uniq, uinv = np.unique(unit, return_inverse=True)
    ur = np.random.default_rng(seed + 7).random(len(uniq))
    unit_late = np.where(ur < 0.15, 0.12, np.where(ur < 0.5, 0.03, 0.008))[uinv]
    unit_online = (0.35 + 0.45 * np.random.default_rng(seed + 11).random(len(uniq)))[uinv]
    # Times of day within working hours.
    rec_secs = np.where(
        rng.random(rows) < 0.55,
        rng.integers(7 * 3600 + 1800, 11 * 3600 + 1800, rows),
        rng.integers(13 * 3600, 17 * 3600, rows),
    )
    sub_days = day - rng.integers(0, 2, rows).astype("timedelta64[D]")
    limit = np.array([p[4] for p in PROCEDURES])[proc]
    limit_unit = np.array([p[5] for p in PROCEDURES])[proc]
    limit_wd = np.where(limit_unit == "working_hours", np.maximum(limit // 8, 1), limit)
    due_day = np.busday_offset(day, limit_wd, roll="forward", busdaycal=cal)
    due_day = np.where(limit_unit == "calendar_days", day + limit.astype("timedelta64[D]"), due_day)
    due_secs = rec_secs
    # Status and end.
    late = rng.random(rows) < unit_late * np.where(
        np.isin(months[np.searchsorted(days, day)], (0, 1)), 2.0, 1.0
    )
    frac = rng.beta(2, 3, rows)
    take = np.where(late, limit_wd + rng.integers(1, 6, rows), np.floor(frac * limit_wd).astype(np.int64))
    on_due = ~late & (rng.random(rows) < 0.15)
    take = np.where(on_due, limit_wd, take)
    fin_day = np.busday_offset(day, take, roll="forward", busdaycal=cal)
    fin_secs = np.where(
        take == 0,
        np.minimum(rec_secs + rng.integers(600, 7200, rows), 16 * 3600 + 3000),
        rng.integers(7 * 3600 + 1800, 16 * 3600 + 3000, rows),
    )
    fin_secs = np.where(take == 0, np.maximum(fin_secs, rec_secs + 60), fin_secs)
    fin_secs = np.where(
        on_due & (take > 0), np.maximum(rec_secs - rng.integers(60, 3600, rows), 7 * 3600 + 1800), fin_secs
    )
    fin_secs = np.where(late & (take == limit_wd), np.maximum(fin_secs, due_secs + 60), fin_secs)
    r = rng.random(rows)
    status = np.where(r < 0.01, 3, np.where(r < 0.02, 7, np.where(r < 0.03, 8, np.where(r < 0.55, 10, 9))))
    open_ = fin_day > end_of_data
    status = np.where(open_ & ~np.isin(status, (3,)), np.where(rng.random(rows) < 0.7, 4, 2), status)
    ended = np.isin(status, (7, 8, 9, 10))
    # Supplements: 7 % once, 1 % twice; pause of 1–5 working days pushes the end.
    sup_r = rng.random(rows)
    sup_n = np.where(sup_r < 0.01, 2, np.where(sup_r < 0.08, 1, 0))
    sup_n = np.where(np.isin(status, (3,)), 0, sup_n)
    sup_req_day = np.busday_offset(day, np.minimum(1, limit_wd - 1).clip(0), roll="forward", busdaycal=cal)
    pause = rng.integers(1, 6, rows)
    sup_done_day = np.busday_offset(sup_req_day, pause, roll="forward", busdaycal=cal)
    fin_day = np.where(sup_n > 0, np.busday_offset(fin_day, pause, roll="forward", busdaycal=cal), fin_day)
    has_sup = sup_n > 0
    # Apologies: 75 % of late dossiers; the original due date is kept and a new one set.
    apol = late & ended & (rng.random(rows) < 0.75)
    new_due = np.busday_offset(due_day, take - limit_wd + 1, roll="forward", busdaycal=cal)
    ap_day = np.busday_offset(due_day, 0, roll="forward", busdaycal=cal)
    channel = np.where(
        rng.random(rows)
        < unit_online * (0.8 + 0.4 * (day - np.datetime64(f"{year}-01-01")).astype(int) / 365),
        2,
        np.where(rng.random(rows) < 0.03, 3, 1),
    )
    ol = np.array([p[6] for p in PROCEDURES])[proc]
    channel = np.where(ol == "none", np.where(channel == 2, 1, channel), channel)
    fee = np.array([p[7] for p in PROCEDURES])[proc]
    paper = np.array([p[8] for p in PROCEDURES])[proc]
    digitised = rng.random(rows) < 0.93
    reused = rng.random(rows) < 0.35
    e_result = (paper == 1) & ended & (rng.random(rows) < 0.75)
    paid = np.where(
        (fee == 1) & (rng.random(rows) < np.where(channel == 2, 0.8, 0.25)), rng.integers(1, 3, rows), 0
    )
    price = np.where(fee == 1, rng.choice([10000, 20000, 50000, 100000], size=rows), 0)
    method = np.where(channel == 3, 2, np.where(e_result & (channel == 2), 3, 1))
    # Dossier codes: {unit}-{yyMMdd}-{seq} with a per unit-and-day sequence.
    dint = day.astype(int)
    order = np.lexsort((dint, uinv))
    key = uinv[order].astype(np.int64) * 100000 + dint[order]
    first = np.r_[0, np.flatnonzero(np.diff(key)) + 1]
    seq_sorted = np.arange(rows) - np.repeat(first, np.diff(np.r_[first, rows]))
    seq = np.empty(rows, dtype=np.int64)
    seq[order] = seq_sorted + 1
    ymd = np.char.replace(np.datetime_as_string(day, unit="D"), "-", "").astype("U8")
    ymd = np.strings.slice(ymd, 2, 8)
    codes = np.char.add(
        np.char.add(np.char.add(unit, "-"), np.char.add(ymd, "-")), np.char.zfill(seq.astype(str), 4)
    )
    on = np.ones(rows, dtype=bool)
    finished_col = _ts_str(fin_day, fin_secs, ended & np.isin(status, (9, 10)))
    returned = np.busday_offset(fin_day, rng.integers(0, 2, rows), roll="forward", busdaycal=cal)
    cols = [
        codes.tolist(),
        np.array([p[0] for p in PROCEDURES])[proc].tolist(),
        np.array([p[1] for p in PROCEDURES])[proc].tolist(),
        np.array([p[2] for p in PROCEDURES])[proc].tolist(),
        unit.tolist(),
        channel.astype(str).tolist(),
        status.astype(str).tolist(),
        _ts_str(sub_days, rec_secs - 600, on),
        _ts_str(day, rec_secs, status != 3),
        _ts_str(due_day, due_secs, apol),
        _ts_str(np.where(apol, new_due, due_day), due_secs, status != 3),
        finished_col,
        _ts_str(returned, fin_secs, status == 10),
        _ts_str(fin_day, fin_secs, np.isin(status, (7, 8))),
        method.astype(str).tolist(),
        digitised.astype(int).astype(str).tolist(),
        reused.astype(int).astype(str).tolist(),
        e_result.astype(int).astype(str).tolist(),
        paid.astype(str).tolist(),
        price.astype(str).tolist(),
        sup_n.astype(str).tolist(),
        _ts_str(sup_req_day, np.where(sup_req_day == day, rec_secs + 60, 9 * 3600), has_sup),
        _ts_str(sup_done_day, np.full(rows, 10 * 3600), has_sup & (ended | (rng.random(rows) < 0.5))),
        _ts_str(ap_day, np.full(rows, 8 * 3600), apol),
    ]
    with open(out, "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(HEADER)
        wr.writerows(zip(*cols, strict=True))
    return rows
