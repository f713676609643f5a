"""Every state change of the dossiers app: checks permission, writes, records the audit entry."""

import datetime as dt
import os
import tempfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from chiso.dossiers import jobs, queries, recalc
from chiso.dossiers.models import Apology, CalendarYear, Dossier, ImportJob, Index766Entry, dt_to_ts
from chiso.orgs import audit
from chiso.orgs.permissions import MANAGE, WRITE, can_manage_anything, has_perm, require


@transaction.atomic
def save_calendar_year(
    actor, year: int, extra_days_off, make_up_days, hours, note: str = "", background: bool = True
) -> CalendarYear:
    """Store the office's overrides for a year; validated by building the calendar. A change of the
    days reclassifies the dossiers of that year, a change of the hours those of every year: in a
    background job started once the change is committed (recalc), or here when not `background`."""
    from chiso.dossiers import workdays
    from chiso.dossiers.workdays import parse_hours
    from chiso.lib.workcal import WorkCalendar

    if actor is not None and not can_manage_anything(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC hoặc quản trị hệ thống được sửa lịch làm việc")
    off = sorted({d.isoformat() for d in extra_days_off})
    make_up = sorted({d.isoformat() for d in make_up_days})
    for d in list(extra_days_off) + list(make_up_days):
        if d.year != year:
            raise ValidationError(f"Ngày {d:%d/%m/%Y} không thuộc năm {year}")
    try:
        WorkCalendar(
            [year],
            [dt.date.fromisoformat(d) for d in off],
            [dt.date.fromisoformat(d) for d in make_up],
            parse_hours(hours),
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    row = CalendarYear.objects.filter(year=year).first()
    before = audit.snapshot(row, ["extra_days_off", "make_up_days", "hours", "note"]) if row else None
    hours_before = workdays.effective_hours()
    row = row or CalendarYear(year=year)
    row.extra_days_off, row.make_up_days, row.hours, row.note = (
        off,
        make_up,
        [list(h) for h in hours or []],
        note,
    )
    after = {"extra_days_off": off, "make_up_days": make_up, "hours": row.hours, "note": note}
    if before == after:
        return row
    row.save()
    audit.record(
        "calendar.update", row, actor=actor, before=before, after=after, repr_text=f"Lịch làm việc năm {year}"
    )
    old = before or {"extra_days_off": [], "make_up_days": [], "hours": []}
    if workdays.effective_hours() != hours_before:  # one set of hours applies to every year
        recalc.queue(actor, None)
    elif (old["extra_days_off"], old["make_up_days"]) != (off, make_up):
        recalc.queue(actor, [year])
    else:
        return row  # nothing that moves a working day or hour (the note, the default hours written out)
    if background:
        transaction.on_commit(recalc.start)
    else:
        recalc.run_pending()
    return row


def reclassify_after_calendar_change(actor, years, job=None, progress=None):
    """Classify again the dossiers the changed calendar of `years` (None: every year) can affect
    and recompute the aggregates they touch; audited. Run by recalc for its queued jobs."""
    from chiso.dossiers.extras import reclassify_years

    if actor is not None and not can_manage_anything(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC hoặc quản trị hệ thống được sửa lịch làm việc")
    with transaction.atomic():
        res = reclassify_years(years, progress=progress)
        audit.record(
            "dossiers.reclassify",
            job,
            actor=actor,
            after={
                "calendar_years": years or "all",
                "dossiers": res.examined,
                "changed": res.changed,
                "aggregates_years": res.years,
            },
            repr_text="Tính lại hồ sơ theo lịch làm việc "
            + ("mọi năm" if years is None else "năm " + ", ".join(map(str, years))),
            only_changes=False,
        )
    return res


@transaction.atomic
def issue_apology(
    actor,
    dossier: Dossier,
    *,
    issued_on: dt.date,
    new_due: dt.datetime,
    reason: str,
    number: str = "",
    signer: str = "",
    signer_title: str = "",
) -> Apology:
    """Mẫu 04: record the apology and the new appointment; the dossier keeps its original due date."""
    from chiso.dossiers.extras import apply_apologies

    require(actor, WRITE, dossier.unit)
    if not reason.strip():
        raise ValidationError("Cần nêu lý do trễ hạn")
    if dossier.received_ts is not None and dt_to_ts(new_due) <= (dossier.due_ts or 0):
        raise ValidationError("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại")
    if Apology.objects.filter(dossier=dossier, issued_on=issued_on).exists():
        raise ValidationError(f"Hồ sơ đã có phiếu xin lỗi ngày {issued_on:%d/%m/%Y}")
    if not number:
        n = Apology.objects.filter(issued_on__year=issued_on.year, source="web").count() + 1
        number = f"{n:03d}/PXL"
    ap = Apology.objects.create(
        dossier=dossier,
        number=number,
        issued_on=issued_on,
        new_due_ts=dt_to_ts(new_due),
        reason=reason.strip(),
        signer=signer,
        signer_title=signer_title,
        source="web",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        "dossier.apology",
        ap,
        actor=actor,
        unit=dossier.unit,
        after={
            "dossier": dossier.code,
            "number": number,
            "issued_on": issued_on,
            "new_due": new_due,
            "reason": reason,
        },
        repr_text=str(ap),
        only_changes=False,
    )
    apply_apologies([dossier.pk])
    return ap


@transaction.atomic
def save_index766_entry(
    actor, unit, period_code: str, item: str, numerator: float, denominator: float, note: str = ""
) -> Index766Entry:
    from chiso.dossiers.index766 import ITEM_BY_CODE

    require(actor, MANAGE, unit)
    if item not in ITEM_BY_CODE:
        raise ValidationError(f"Không có tiêu chí '{item}'")
    if denominator <= 0 or numerator < 0 or numerator > denominator:
        raise ValidationError("Tử số phải từ 0 đến mẫu số, mẫu số phải lớn hơn 0")
    row = Index766Entry.objects.filter(unit=unit, period=period_code, item=item).first()
    before = audit.snapshot(row, ["numerator", "denominator", "note"]) if row else None
    row = row or Index766Entry(unit=unit, period=period_code, item=item)
    row.numerator, row.denominator, row.note = numerator, denominator, note
    row.entered_by = actor
    row.save()
    audit.record(
        "index766.entry",
        row,
        actor=actor,
        before=before,
        after=audit.snapshot(row, ["numerator", "denominator", "note"]),
        repr_text=f"766 {item} {period_code} {unit.code}",
    )
    return row


def start_import(actor, upload, background: bool = True) -> ImportJob:
    """Save the upload to a temporary file and import it (in a thread for the web page)."""
    if not queries.can_import(actor):
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ")
    fd, path = tempfile.mkstemp(prefix="chiso-upload-", suffix=os.path.splitext(upload.name)[1])
    with os.fdopen(fd, "wb") as f:
        for part in upload.chunks():
            f.write(part)
    job = ImportJob.objects.create(filename=upload.name, path=path, user=actor, unit=jobs.import_unit(actor))
    return _run_import(job, actor, background)


def _run_import(job: ImportJob, actor, background: bool) -> ImportJob:
    from chiso.dossiers import importer

    if background:
        importer.start_job_thread(job, actor)
    else:
        importer.run_job(job.pk, actor)
        job.refresh_from_db()
    return job


def can_restart(actor, job: ImportJob) -> bool:
    """A calendar reclassification: whoever may edit the calendar. An import: whoever may import,
    if it was theirs or they may manage its unit (the file is imported again with their rights)."""
    if job.kind == recalc.KIND:
        return can_manage_anything(actor)
    if not queries.can_import(actor):
        return False
    return job.user_id == actor.pk or (job.unit is not None and has_perm(actor, MANAGE, job.unit))


def restart_job(actor, job: ImportJob, background: bool = True) -> ImportJob:
    """Run again a job whose process died (jobs.snapshot says "interrupted"): its transaction was
    rolled back, so nothing of it is stored and running it again from the start is safe. Audited."""
    if not can_restart(actor, job):
        raise PermissionDenied("Bạn không có quyền chạy lại công việc này")
    if not jobs.snapshot(job)["interrupted"]:
        raise ValidationError("Công việc không bị gián đoạn: không cần chạy lại")
    if job.kind != recalc.KIND and not (job.path and os.path.exists(job.path)):
        raise ValidationError("Tệp đã tải lên không còn trên máy chủ: hãy tải tệp lên và nhập lại")
    before = audit.snapshot(job, ["state", "rows_done", "heartbeat_at"])
    # Only if no other request restarted it meanwhile (the state is checked in the UPDATE). The
    # heartbeat is the restart: a pending import is timed from it, not from the dead run's start
    # (else it would look cut off again until its thread claims it, and could be restarted twice).
    reset = {"state": ImportJob.State.PENDING, "rows_done": 0, "errors": [], "heartbeat_at": timezone.now()}
    with transaction.atomic():
        if not ImportJob.objects.filter(pk=job.pk, state=job.state).update(**reset):
            raise ValidationError("Công việc vừa được chạy lại")
        job.refresh_from_db()
        audit.record(
            "dossiers.job_restart",
            job,
            actor=actor,
            before=before,
            after={"state": job.state},
            unit=job.unit,
            repr_text=f"Chạy lại: {job.filename}",
        )
    if job.kind == recalc.KIND:
        if background:
            transaction.on_commit(recalc.start)
        else:
            recalc.run_pending()
        job.refresh_from_db()
        return job
    return _run_import(job, actor, background)
