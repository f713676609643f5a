"""Smaller imports (procedure catalogue, supplement requests, apology letters) and re-classification
of dossiers whose supplements or apologies changed. These files are small (thousands of rows), so
they are read row by row with `chiso.lib.tabular`; still all-or-nothing."""

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction

from chiso.dossiers import classify as C
from chiso.dossiers.models import (
    EPOCH,
    Apology,
    Dossier,
    LimitUnit,
    OnlineLevel,
    Procedure,
    Supplement,
    dt_to_ts,
)
from chiso.dossiers.timeparse import NA
from chiso.lib.tabular import ErrorCollector, ImportFailed, RowError, iter_rows, parse_datetime, parse_decimal
from chiso.lib.vntext import fold


@dataclass
class SmallResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _get(row: dict, *names) -> str:
    keys = {k.replace("_", "").lower(): v for k, v in row.items()}
    for n in names:
        v = keys.get(n.replace("_", "").lower())
        if v is not None:
            return v.strip()
    return ""


LIMIT_UNIT_WORDS = {
    "working_days": LimitUnit.WORKING_DAYS,
    "ngay lam viec": LimitUnit.WORKING_DAYS,
    "working_hours": LimitUnit.WORKING_HOURS,
    "gio lam viec": LimitUnit.WORKING_HOURS,
    "gio": LimitUnit.WORKING_HOURS,
    "calendar_days": LimitUnit.CALENDAR_DAYS,
    "ngay": LimitUnit.CALENDAR_DAYS,
    "months": LimitUnit.MONTHS,
    "thang": LimitUnit.MONTHS,
}
ONLINE_WORDS = {
    "full": OnlineLevel.FULL,
    "toan trinh": OnlineLevel.FULL,
    "partial": OnlineLevel.PARTIAL,
    "mot phan": OnlineLevel.PARTIAL,
    "none": OnlineLevel.NONE,
    "khong": OnlineLevel.NONE,
    "": OnlineLevel.NONE,
}
YES = {"1", "co", "x", "true", "yes"}
NO = {"0", "khong", "false", "no", ""}
PROC_FIELDS = [
    "name",
    "field_code",
    "field_name",
    "limit_value",
    "limit_unit",
    "online_level",
    "fee_bearing",
    "paper_result",
]


@transaction.atomic
def import_procedures(path, filename=None, *, actor=None) -> SmallResult:
    """Columns: MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc, ThoiGianThucHien, DonViThoiGian
    (ngày làm việc | giờ làm việc | ngày | tháng), MucDoTrucTuyen (toàn trình | một phần | không),
    CoPhi (1/0), KetQuaGiayTo (1/0)."""
    import time

    from chiso.orgs import audit

    t0 = time.perf_counter()
    errors = ErrorCollector(filename or str(path))
    res = SmallResult()
    existing = {p.code: p for p in Procedure.objects.all()}
    parsed, seen = [], set()
    for n, row in iter_rows(path, filename):
        res.rows += 1
        code = _get(row, "MaTTHC", "ma_thu_tuc")
        name = _get(row, "TenTTHC", "ten_thu_tuc")
        if not code:
            errors.add(n, "MaTTHC", "Thiếu mã thủ tục")
            continue
        if code in seen:
            errors.add(n, "MaTTHC", f"Mã thủ tục {code} lặp lại trong tệp")
            continue
        seen.add(code)
        if not name:
            errors.add(n, "TenTTHC", "Thiếu tên thủ tục")
        limit_text = _get(row, "ThoiGianThucHien", "thoi_han")
        limit = None
        if limit_text:
            try:
                limit = parse_decimal(limit_text)
                if limit < 0:
                    raise ValueError("Thời hạn không được âm")
            except ValueError as exc:
                errors.add(n, "ThoiGianThucHien", str(exc))
        unit_word = fold(_get(row, "DonViThoiGian", "don_vi_thoi_han") or "ngay lam viec")
        unit = LIMIT_UNIT_WORDS.get(unit_word)
        if unit is None:
            errors.add(
                n,
                "DonViThoiGian",
                f"Đơn vị thời hạn '{unit_word}' không hợp lệ (ngày làm việc, giờ làm việc, ngày, tháng)",
            )
        if limit is not None and unit in (LimitUnit.CALENDAR_DAYS, LimitUnit.MONTHS) and limit != int(limit):
            errors.add(n, "ThoiGianThucHien", "Thời hạn tính theo ngày hoặc tháng phải là số nguyên")
        level = ONLINE_WORDS.get(fold(_get(row, "MucDoTrucTuyen", "muc_do_truc_tuyen")))
        if level is None:
            errors.add(n, "MucDoTrucTuyen", "Mức độ trực tuyến phải là toàn trình, một phần hoặc không")
        flags = {}
        for col, key in (("CoPhi", "fee_bearing"), ("KetQuaGiayTo", "paper_result")):
            v = fold(_get(row, col))
            if v not in YES | NO:
                errors.add(n, col, "Giá trị phải là 1 (có) hoặc 0 (không)")
            flags[key] = v in YES if v else key == "paper_result"
        parsed.append(
            (
                code,
                {
                    "name": name,
                    "field_code": _get(row, "MaLinhVuc", "ma_linh_vuc") or "KHAC",
                    "field_name": _get(row, "TenLinhVuc", "linh_vuc") or "Khác",
                    "limit_value": limit,
                    "limit_unit": unit,
                    "online_level": level,
                    **flags,
                },
            )
        )
    errors.raise_if_any()
    for code, values in parsed:
        p = existing.get(code)
        before = {f: getattr(p, f) for f in PROC_FIELDS} if p else None
        if p and all(before[f] == values[f] for f in PROC_FIELDS):
            res.unchanged += 1
            continue
        p = p or Procedure(code=code)
        for k, v in values.items():
            setattr(p, k, v)
        p.search = fold(f"{code} {values['name']} {values['field_name']}")
        p.save()
        audit.record("procedure.import", p, actor=actor, before=before, after=values)
        if before is None:
            res.created += 1
        else:
            res.updated += 1
    res.seconds = time.perf_counter() - t0
    return res


def _ts_cell(errors, n, col, text, required=True):
    if not text:
        if required:
            errors.add(n, col, "Thiếu giá trị")
        return None
    try:
        return dt_to_ts(parse_datetime(text))
    except ValueError as exc:
        errors.add(n, col, str(exc))
        return None


def _rows_of_known_dossiers(path, filename, errors, res):
    """(row number, dossier id, row) for rows whose MaHoSo exists; unknown codes become row errors."""
    rows = []
    for n, row in iter_rows(path, filename):
        res.rows += 1
        rows.append((n, _get(row, "MaHoSo"), row))
    ids = dict(Dossier.objects.filter(code__in=[c for _, c, _ in rows]).values_list("code", "id"))
    for n, code, row in rows:
        if code not in ids:
            errors.add(n, "MaHoSo", f"Không có hồ sơ mã '{code}'")
        else:
            yield n, ids[code], row


@transaction.atomic
def import_supplements(path, filename=None, *, actor=None) -> SmallResult:
    """Columns: MaHoSo, NgayYeuCauBoSung, NgayHoanThanhBoSung (empty while with the citizen), LyDo."""
    import time

    from chiso.orgs import audit

    t0 = time.perf_counter()
    errors = ErrorCollector(filename or str(path))
    res = SmallResult()
    parsed = []
    for n, did, row in _rows_of_known_dossiers(path, filename, errors, res):
        req = _ts_cell(errors, n, "NgayYeuCauBoSung", _get(row, "NgayYeuCauBoSung"))
        done = _ts_cell(
            errors,
            n,
            "NgayHoanThanhBoSung",
            _get(row, "NgayHoanThanhBoSung", "NgayNhanBoSung"),
            required=False,
        )
        if req is not None and done is not None and done < req:
            errors.add(n, "NgayHoanThanhBoSung", "Ngày nhận bổ sung trước ngày yêu cầu bổ sung")
        parsed.append((did, req, done, _get(row, "LyDo", "ly_do")))
    errors.raise_if_any()
    touched = set()
    for did, req, done, reason in parsed:
        obj, created = Supplement.objects.get_or_create(
            dossier_id=did, requested_ts=req, defaults={"completed_ts": done, "reason": reason}
        )
        if created:
            res.created += 1
            touched.add(did)
        elif obj.completed_ts != done or obj.reason != reason:
            obj.completed_ts, obj.reason = done, reason
            obj.save()
            res.updated += 1
            touched.add(did)
        else:
            res.unchanged += 1
    if touched:
        reclassify(touched)
        audit.record(
            "dossiers.import_supplements",
            None,
            actor=actor,
            after={"file": filename, "rows": res.rows, "dossiers": len(touched)},
            repr_text=f"Nhập yêu cầu bổ sung từ {filename}",
        )
    res.seconds = time.perf_counter() - t0
    return res


@transaction.atomic
def import_apologies(path, filename=None, *, actor=None) -> SmallResult:
    """Columns: MaHoSo, SoPhieu, NgayXinLoi, NgayHenTraMoi, LyDo."""
    import time

    from chiso.orgs import audit

    t0 = time.perf_counter()
    errors = ErrorCollector(filename or str(path))
    res = SmallResult()
    parsed = []
    for n, did, row in _rows_of_known_dossiers(path, filename, errors, res):
        day = _ts_cell(errors, n, "NgayXinLoi", _get(row, "NgayXinLoi"))
        new_due = _ts_cell(errors, n, "NgayHenTraMoi", _get(row, "NgayHenTraMoi"), required=False)
        parsed.append((did, day, new_due, _get(row, "SoPhieu", "SoPhieuXinLoi"), _get(row, "LyDo")))
    errors.raise_if_any()
    touched = set()
    for did, day, new_due, number, reason in parsed:
        issued = (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=day)).date()
        values = {"new_due_ts": new_due, "number": number, "reason": reason}
        obj = Apology.objects.filter(dossier_id=did, issued_on=issued).first()
        if obj is None:
            Apology.objects.create(dossier_id=did, issued_on=issued, source="import", **values)
            res.created += 1
            touched.add(did)
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            res.updated += 1
            touched.add(did)
        else:
            res.unchanged += 1
    if touched:
        apply_apologies(touched)
        audit.record(
            "dossiers.import_apologies",
            None,
            actor=actor,
            after={"file": filename, "rows": res.rows, "dossiers": len(touched)},
            repr_text=f"Nhập phiếu xin lỗi từ {filename}",
        )
    res.seconds = time.perf_counter() - t0
    return res


def apply_apologies(dossier_ids) -> None:
    """An apology sets a new current due date (the original is kept) and marks the dossier."""
    for d in Dossier.objects.filter(pk__in=dossier_ids):
        last = d.apologies.exclude(new_due_ts=None).order_by("-issued_on").first()
        if d.due_original_ts is None:
            d.due_original_ts = d.due_ts
        if last is not None:
            d.due_ts = last.new_due_ts
        d.has_apology = d.apologies.exists()
        d.save(update_fields=["due_ts", "due_original_ts", "has_apology"])
    reclassify(dossier_ids)


def reclassify(dossier_ids) -> set[int]:
    """Recompute pauses, effective due dates and outcomes of some dossiers from their stored data
    and supplement rows; then the aggregates of the years they touch. Returns the years."""
    from chiso.dossiers import aggregates, workdays

    cal = workdays.calendar()
    hpd = workdays.hours_per_day()
    ds = list(Dossier.objects.filter(pk__in=dossier_ids))
    if not ds:
        return set()
    sups = {}
    for s in Supplement.objects.filter(dossier_id__in=dossier_ids):
        sups.setdefault(s.dossier_id, []).append(s)

    def arr(vals):
        return np.array([NA if v is None else v for v in vals], dtype=np.int64)

    status = np.array([d.status for d in ds], dtype=np.int64)
    end = C.end_times(
        status,
        arr([d.finished_ts for d in ds]),
        arr([d.returned_ts for d in ds]),
        arr([d.rejected_ts for d in ds]),
        arr([d.withdrawn_ts for d in ds]),
    )
    # Sum the pauses of every supplement request (one vectorised call over all of them).
    owners, req, done = [], [], []
    for i, d in enumerate(ds):
        for s in sups.get(d.pk, []):
            owners.append(i)
            req.append(s.requested_ts)
            done.append(s.completed_ts)
    pause = np.zeros(len(ds), dtype=np.int64)
    if owners:
        own = np.array(owners)
        p = C.pause_seconds(cal, arr(req), arr(done), end[own])
        np.add.at(pause, own, p)
    count = np.array([max(d.supplement_count, len(sups.get(d.pk, []))) for d in ds], dtype=np.int64)
    due = arr([d.due_ts for d in ds])
    due_o = arr([d.due_original_ts if d.due_original_ts is not None else d.due_ts for d in ds])
    due_eff = C.extend(cal, due, pause)
    out = C.judge(status, end, due_eff, count)
    out_o = C.judge(status, end, C.extend(cal, due_o, pause), count)
    days = C.working_days(cal, arr([d.received_ts for d in ds]), end, pause, hpd)
    years = set()
    for i, d in enumerate(ds):
        d.pause_seconds = int(pause[i])
        d.supplement_count = int(count[i])
        d.end_ts = None if end[i] == NA else int(end[i])
        d.due_effective_ts = None if due_eff[i] == NA else int(due_eff[i])
        d.outcome, d.outcome_original = int(out[i]), int(out_o[i])
        d.working_days = (
            None if np.isnan(days[i]) else float(np.round(days[i], 3))
        )  # as the importer stores them
        for ts in (d.received_ts, d.end_ts):
            if ts is not None:
                years.add((dt.datetime(1970, 1, 1) + dt.timedelta(seconds=ts)).year)
    Dossier.objects.bulk_update(
        ds,
        [
            "pause_seconds",
            "supplement_count",
            "end_ts",
            "due_effective_ts",
            "outcome",
            "outcome_original",
            "working_days",
        ],
    )
    for y in sorted(years):
        aggregates.recompute_year(y)
    return years


__all__ = [
    "import_procedures",
    "import_supplements",
    "import_apologies",
    "reclassify",
    "ImportFailed",
    "RowError",
]


@dataclass
class Reclassified:
    examined: int = 0  # dossiers classified again
    changed: int = 0  # of which a stored value (outcome, due date with pauses, days…) changed
    years: list[int] = field(default_factory=list)  # years whose aggregates were recomputed


def span_filter(years) -> tuple[str, list]:
    """SQL condition (and parameters) for the dossiers the working-day calendar of `years` can
    change: received before the end of the last year and not ended before the start of the first
    one — or ended then but due, with the supplement pauses, inside the years. A dossier never
    received has no span and counts nowhere."""
    start = dt_to_ts(dt.date(min(years), 1, 1))
    end = dt_to_ts(dt.date(max(years) + 1, 1, 1))
    return (
        "received_ts < %s AND (end_ts IS NULL OR end_ts >= %s OR due_effective_ts >= %s)",
        [end, start, start],
    )


def count_dossiers(years=None) -> int:
    """How many dossiers reclassify(years) examines (years None: all)."""
    from django.db import connection

    where, params = span_filter(years) if years else ("1 = 1", [])
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM dossiers_dossier WHERE {where}", params)
        return cur.fetchone()[0]


_SELECT = (
    "id, status, received_ts, due_ts, due_original_ts, finished_ts, returned_ts, rejected_ts, withdrawn_ts, "
    "supplement_count, end_ts, pause_seconds, due_effective_ts, outcome, outcome_original, working_days"
)


def _reclassify_batches(
    cur, cal, hpd, where: str, params: list, batch: int, progress
) -> tuple[int, int, set]:
    """Classify the dossiers matching `where` again, by id ranges, vectorised; write only the rows
    whose stored classification changes. Returns (examined, changed, years the changed rows span:
    from reception to end, or to the last year with dossiers while open)."""
    cur.execute("SELECT MIN(id), MAX(id), MAX(COALESCE(end_ts, received_ts)) FROM dossiers_dossier")
    lo, hi, last_ts = cur.fetchone()
    if lo is None:
        return 0, 0, set()
    last_year = (EPOCH + dt.timedelta(seconds=last_ts)).year if last_ts is not None else dt.date.today().year
    examined = changed = 0
    years: set[int] = set()
    cond = f" AND {where}" if where else ""
    for start in range(lo, hi + 1, batch):
        cur.execute(
            f"SELECT {_SELECT} FROM dossiers_dossier WHERE id >= %s AND id < %s{cond} ORDER BY id",
            [start, start + batch, *params],
        )
        rows = cur.fetchall()
        if not rows:
            continue
        cols = list(zip(*rows, strict=True))
        old_days = np.array([np.nan if v is None else v for v in cols[-1]], dtype=float)
        a = [np.array([NA if v is None else v for v in c], dtype=np.int64) for c in cols[:-1]]
        (
            ids,
            status,
            rec,
            due,
            due_o,
            fin,
            ret,
            rej,
            wd,
            n,
            old_end,
            old_pause,
            old_eff,
            old_out,
            old_out_o,
        ) = a
        end = C.end_times(status, fin, ret, rej, wd)
        cur.execute(
            "SELECT dossier_id, requested_ts, completed_ts FROM dossiers_supplement "
            "WHERE dossier_id >= %s AND dossier_id < %s",
            [start, start + batch],
        )
        sups = cur.fetchall()
        if cond and sups:  # only those of the selected dossiers
            sups = [s for s, keep in zip(sups, np.isin([s[0] for s in sups], ids), strict=True) if keep]
        pause = np.zeros(len(ids), dtype=np.int64)
        count = n.copy()
        if sups:
            owner = np.searchsorted(ids, np.array([s[0] for s in sups]))
            req = np.array([s[1] for s in sups], dtype=np.int64)
            comp = np.array([NA if s[2] is None else s[2] for s in sups], dtype=np.int64)
            np.add.at(pause, owner, C.pause_seconds(cal, req, comp, end[owner]))
            count = np.maximum(count, np.bincount(owner, minlength=len(ids)))
        due_o = np.where(due_o != NA, due_o, due)
        due_eff = C.extend(cal, due, pause)
        out = C.judge(status, end, due_eff, count)
        out_o = C.judge(status, end, C.extend(cal, due_o, pause), count)
        days = np.round(C.working_days(cal, rec, end, pause, hpd), 3)  # as the importer stores them
        same_days = (np.isnan(days) & np.isnan(old_days)) | (np.abs(days - old_days) < 1e-9)
        diff = (
            (end != old_end)
            | (pause != old_pause)
            | (due_eff != old_eff)
            | (out != old_out)
            | (out_o != old_out_o)
            | (count != n)
            | ~same_days
        )
        idx = np.flatnonzero(diff)
        examined += len(ids)
        if len(idx):
            end_c, eff_c, days_c = end[idx].tolist(), due_eff[idx].tolist(), days[idx].tolist()
            cur.executemany(
                "UPDATE dossiers_dossier SET end_ts = %s, pause_seconds = %s, due_effective_ts = %s, outcome = %s, "
                "outcome_original = %s, working_days = %s, supplement_count = %s WHERE id = %s",
                list(
                    zip(
                        [None if v == NA else v for v in end_c],
                        pause[idx].tolist(),
                        [None if v == NA else v for v in eff_c],
                        out[idx].tolist(),
                        out_o[idx].tolist(),
                        [None if v != v else v for v in days_c],
                        count[idx].tolist(),
                        ids[idx].tolist(),
                        strict=True,
                    )
                ),
            )
            changed += len(idx)
            for r, e in zip(rec[idx].tolist(), end_c, strict=True):
                if r != NA:  # never received: in no aggregate
                    y0 = (EPOCH + dt.timedelta(seconds=r)).year
                    y1 = (EPOCH + dt.timedelta(seconds=e)).year if e != NA else max(last_year, y0)
                    years.update(range(y0, y1 + 1))
        if progress:
            progress(rows_done=examined)
    return examined, changed, years


def reclassify_years(years=None, batch: int = 100_000, progress=None) -> Reclassified:
    """Classify again the dossiers the calendar of `years` can change (span_filter; None: every
    dossier), in one transaction, then recompute the aggregates of the years the changed dossiers
    span (None: of every year with dossiers). `progress(**kw)` hears rows_done and phase."""
    from django.db import connection

    from chiso.dossiers import aggregates, workdays

    cal = workdays.calendar()
    hpd = workdays.hours_per_day()
    where, params = span_filter(years) if years else ("", [])
    with transaction.atomic(), connection.cursor() as cur:
        examined, changed, touched = _reclassify_batches(cur, cal, hpd, where, params, batch, progress)
        todo = aggregates.years_with_dossiers() if not years else sorted(touched)
        for y in todo:
            if progress:
                progress(phase=f"Tính lại chỉ tiêu năm {y}")
            aggregates.recompute_year(y)
    return Reclassified(examined, changed, list(todo))


def reclassify_all(batch: int = 100_000, log=None) -> int:
    """Reclassify every stored dossier (after the calendar or a procedure limit changed), by id
    ranges, vectorised; then recompute every year's aggregates. Returns the number of dossiers."""

    def progress(rows_done=None, phase=None):
        if log and rows_done is not None:
            log(f"  phân loại lại: {rows_done:,} hồ sơ".replace(",", "."))

    return reclassify_years(None, batch, progress).examined
