"""Re-classification in the background after the working-day calendar changed.

A saved change of the days off, make-up days or hours (actions.save_calendar_year) queues a job:
an `ImportJob` of kind "reclassify" (no model change: the import page's job table, whose `kind`
is free text; `filename` names the change, `path` holds the years, "*" = every year since the
working hours apply to all years). `importer.start_job_thread` cannot run it (its `run_job`
imports a file), so this module starts its own worker thread with the same context (source
"web", the editing user for the audit trail, its own database connection closed at the end).

One worker per process runs the pending jobs in rounds: a round claims every pending job, reads
the calendar as it is then (so it always sees the latest edit), reclassifies the dossiers whose
span touches the union of their years and recomputes the aggregates of the years the changed
dossiers span (extras.reclassify_years). A second edit while a round runs stays pending and is
taken by the next round: nothing is interrupted, and a burst of edits costs one more round, not
one each. Live progress and a heartbeat go through a `jobs.Tracker` (readable by every worker
process); the job row gets the total when claimed and the figures when done. A job whose process
died shows as interrupted (jobs.snapshot) and is restarted by actions.restart_job.
"""

import threading
import time

from django.db import connection
from django.utils import timezone

from chiso.dossiers import jobs
from chiso.dossiers.jobs import DONE, FAILED, PENDING, RUNNING
from chiso.dossiers.models import ImportJob

KIND = jobs.RECLASSIFY
ALL_YEARS = "*"
_lock = threading.Lock()
_worker: threading.Thread | None = None


def years_of(job: ImportJob) -> list[int] | None:
    return None if job.path == ALL_YEARS else [int(y) for y in job.path.split(",") if y]


def queue(actor, years: list[int] | None) -> ImportJob:
    """Record a pending job for the calendar of `years` (None: every year), in the caller's
    transaction; start() it once that is committed."""
    label = (
        "Giờ làm việc (mọi năm)"
        if years is None
        else "Lịch làm việc năm " + ", ".join(map(str, sorted(years)))
    )
    return ImportJob.objects.create(
        kind=KIND,
        filename=label,
        path=ALL_YEARS if years is None else ",".join(str(y) for y in sorted(years)),
        user=actor if getattr(actor, "is_authenticated", False) else None,
    )


def start() -> threading.Thread | None:
    """Start this process's worker unless one is alive (it takes new pending jobs in its next
    round). Never from inside a transaction: the worker's connection could not see the job."""
    global _worker
    if connection.in_atomic_block:
        return None
    with _lock:
        if _worker is not None and _worker.is_alive():
            return None
        _worker = threading.Thread(target=_work, daemon=True, name="chiso-reclassify")
        _worker.start()
        return _worker


def resume() -> threading.Thread | None:
    """Start a worker for jobs left pending (e.g. queued just before a restart)."""
    if connection.in_atomic_block or not ImportJob.objects.filter(kind=KIND, state=PENDING).exists():
        return None
    return start()


def wait(timeout: float | None = None) -> bool:
    """Wait for this process's worker to finish (tests, commands). True if none is running."""
    th = _worker
    if th is not None:
        th.join(timeout)
    return th is None or not th.is_alive()


def _work() -> None:
    global _worker
    from chiso.orgs.context import set_source

    set_source("web")  # the audit trail: started by a change made on the web page
    try:
        while True:
            with _lock:  # the check and the exit under one lock: start() never misses a job
                if not ImportJob.objects.filter(kind=KIND, state=PENDING).exists():
                    _worker = None
                    return
            run_pending()
    finally:
        with _lock:
            if _worker is threading.current_thread():
                _worker = None
        connection.close()


def run_pending() -> list[ImportJob]:
    """One round in the calling thread: claim every pending job, run them as one, record the
    outcome on each. Returns the jobs of the round (none: nothing was pending)."""
    from chiso.dossiers import actions, extras

    claim = {**jobs.claim_fields(), "phase": "Đang chuẩn bị", "rows_done": 0, "rows_total": None}
    ids = [
        pk
        for pk in ImportJob.objects.filter(kind=KIND, state=PENDING)
        .order_by("id")
        .values_list("id", flat=True)
        if ImportJob.objects.filter(pk=pk, state=PENDING).update(**claim) == 1
    ]
    if not ids:
        return []
    round_jobs = list(ImportJob.objects.filter(pk__in=ids).select_related("user").order_by("id"))
    spans = [years_of(j) for j in round_jobs]
    years = None if any(s is None for s in spans) else sorted({y for s in spans for y in s})
    actor = round_jobs[-1].user  # the latest editor: the audit entry names them

    t0 = time.perf_counter()
    # Live figures and a heartbeat for every worker process (the reclassification itself is one
    # transaction nobody sees before it commits).
    with jobs.Tracker(ids) as tracker:
        try:
            total = extras.count_dossiers(years)  # committed at once: other processes show it too
            ImportJob.objects.filter(pk__in=ids).update(rows_total=total, phase="Phân loại lại hồ sơ")
            res = actions.reclassify_after_calendar_change(
                actor, years, round_jobs[-1], progress=tracker.update
            )
        except Exception as exc:  # report, never leave a job "running"
            ImportJob.objects.filter(pk__in=ids).update(
                state=FAILED,
                errors=[{"file": "", "row": None, "column": None, "message": f"Lỗi hệ thống: {exc}"}],
                seconds=time.perf_counter() - t0,
                finished_at=timezone.now(),
            )
        else:
            ImportJob.objects.filter(pk__in=ids).update(
                state=DONE,
                rows_done=res.examined,
                rows_total=res.examined,
                updated=res.changed,
                unchanged=res.examined - res.changed,
                phase=", ".join(str(y) for y in res.years),  # the years whose aggregates were recomputed
                seconds=time.perf_counter() - t0,
                finished_at=timezone.now(),
            )
    return [ImportJob.objects.get(pk=pk) for pk in ids]


def status() -> dict | None:
    """What the calendar page says: the job running (or the oldest pending one), else the latest
    finished one; None when there never was any. Read from the job rows (and the live figures of
    jobs.py), so every worker process shows the same; a job whose process died is "interrupted"."""
    qs = ImportJob.objects.filter(kind=KIND)
    # A job still "running" behind a later finished one was cut off (a crash rolled it back).
    last_done = qs.filter(state__in=(DONE, FAILED)).order_by("-id").values_list("id", flat=True).first() or 0
    active = list(
        qs.filter(state__in=(PENDING, RUNNING)).exclude(state=RUNNING, id__lt=last_done).order_by("id")
    )
    job = next((j for j in active if j.state == RUNNING), active[0] if active else qs.order_by("-id").first())
    if job is None:
        return None
    snap = jobs.snapshot(job)
    return {
        **snap,
        "waiting": len([j for j in active if j.pk != job.pk and j.state == PENDING]),
        "years": years_of(job),
        "recomputed": job.phase if job.state == DONE else "",
    }
