"""Progress of long jobs (dossier imports, calendar reclassifications) that every worker process
of the server can read, and the detection of a job cut off by a crash.

The job row (`ImportJob`: kind, unit, state, started/finished, rows done/total, phase as the
message, errors) is the record. While a job runs, a `Tracker` writes its figures and a heartbeat
from a daemon thread, at most every WRITE_EVERY seconds (and at least every BEAT_EVERY, so that a
live job never looks dead): the job's own loop only sets numbers in memory, so it costs nothing.
Where the tracker writes depends on the database, because the job's work runs in ONE long
transaction (all or nothing) that nobody else sees before it commits:

- PostgreSQL: an UPDATE of the job row through the tracker's own connection, in autocommit.
- An SQLite file: the import (its ADBC writer process) or the reclassification holds the file's
  write lock for its whole transaction, so no connection can update the job row meanwhile. The
  figures go to a small side database next to it (`<database>-jobs`, WAL), which every process on
  the host reads (an SQLite database is only ever shared by processes of one host). The row gets
  the final figures when the job ends.
- An in-memory SQLite database, or on PostgreSQL a job started inside an outer transaction
  (tests): a dict in this process — no other process or connection could see the job anyway.

A job still "running" whose last heartbeat is older than stale_seconds() was cut off (its process
died and its transaction was rolled back): it is shown as "bị gián đoạn" and may be restarted
(actions.restart_job).
"""

import datetime as dt
import os
import sqlite3
import threading
import time

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Q
from django.utils import timezone

from chiso.dossiers.models import ImportJob
from chiso.orgs.permissions import READ, is_global_admin, scope_q

WRITE_EVERY = 0.5  # seconds: the most often a running job's figures are written
BEAT_EVERY = 5.0  # seconds: a heartbeat even when no figure changed
STALE_SECONDS = 60  # no heartbeat for this long while "running": the process is gone
FIGURES = ("rows_done", "rows_total", "phase")
PENDING, RUNNING, DONE, FAILED = (
    ImportJob.State.PENDING,
    ImportJob.State.RUNNING,
    ImportJob.State.DONE,
    ImportJob.State.FAILED,
)
INTERRUPTED = "interrupted"
RECLASSIFY = "reclassify"  # the kind of a calendar reclassification job (recalc.KIND)


def stale_seconds() -> float:
    """STALE_SECONDS, or CHISO_JOB_STALE_SECONDS from the environment (tests of a killed process)."""
    return float(os.environ.get("CHISO_JOB_STALE_SECONDS") or STALE_SECONDS)


# ---------------------------------------------------------------- where live figures go


class MemoryStore:
    """This process only: an in-memory database, or a job inside an outer transaction."""

    def __init__(self):
        self.live: dict[int, dict] = {}

    def open(self):
        return self

    def write(self, ids, fig: dict, beat: float) -> None:
        for pk in ids:
            self.live[pk] = {**fig, "beat": beat}

    def read(self, pk: int) -> dict | None:
        got = self.live.get(pk)
        return dict(got) if got else None

    def clear(self, ids) -> None:
        for pk in ids:
            self.live.pop(pk, None)

    def close(self) -> None:
        pass


MEMORY = MemoryStore()


class DbStore:
    """The job row itself, through a connection of the tracker's own (autocommit): the job's
    transaction on the default connection stays invisible until it commits, this does not."""

    def __init__(self, alias: str = DEFAULT_DB_ALIAS):
        self.alias = alias
        self.conn = None

    def open(self):
        """In the thread that writes (a Django connection belongs to the thread that made it)."""
        w = DbStore(self.alias)
        w.conn = connections.create_connection(self.alias)
        if w.conn.vendor == "postgresql":
            with w.conn.cursor() as cur:
                # Never wait on the job's own transaction (a row it locked): skip a beat instead.
                cur.execute("SET lock_timeout = '1s'")
        return w

    def write(self, ids, fig: dict, beat: float) -> None:
        marks = ", ".join(["%s"] * len(ids))
        sets = [f"{k} = %s" for k in FIGURES if fig.get(k) is not None]
        with self.conn.cursor() as cur:
            cur.execute(
                f"UPDATE dossiers_importjob SET {', '.join([*sets, 'heartbeat_at = %s'])} "
                f"WHERE id IN ({marks}) AND state = %s",
                [
                    *[fig[k] for k in FIGURES if fig.get(k) is not None],
                    _beat_time(beat),
                    *ids,
                    RUNNING,
                ],
            )

    def read(self, pk: int) -> dict | None:
        return None  # the row is live: nothing to add to it

    def clear(self, ids) -> None:
        pass

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


class SidecarStore:
    """A small SQLite database next to an SQLite database file, for the figures of the jobs
    running while that file is write-locked by them."""

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS job_progress (job_id INTEGER PRIMARY KEY, rows_done INTEGER, "
        "rows_total INTEGER, phase TEXT, beat REAL NOT NULL)"
    )

    def __init__(self, path: str):
        self.path = path
        self.conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=2, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(self.SCHEMA)
        return conn

    def open(self):
        w = SidecarStore(self.path)
        w.conn = w._connect()
        return w

    def write(self, ids, fig: dict, beat: float) -> None:
        self.conn.executemany(
            "INSERT INTO job_progress (job_id, rows_done, rows_total, phase, beat) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (job_id) DO UPDATE SET rows_done = COALESCE(excluded.rows_done, rows_done), "
            "rows_total = COALESCE(excluded.rows_total, rows_total), "
            "phase = COALESCE(excluded.phase, phase), beat = excluded.beat",
            [(pk, fig.get("rows_done"), fig.get("rows_total"), fig.get("phase"), beat) for pk in ids],
        )

    def read(self, pk: int) -> dict | None:
        if not os.path.exists(self.path):
            return None
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=2)
            try:
                row = conn.execute(
                    "SELECT rows_done, rows_total, phase, beat FROM job_progress WHERE job_id = ?", (pk,)
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:  # not created yet, or being created: nothing live
            return None
        return None if row is None else dict(zip((*FIGURES, "beat"), row, strict=True))

    def clear(self, ids) -> None:
        conn = self.conn or self._connect()
        try:
            conn.executemany("DELETE FROM job_progress WHERE job_id = ?", [(pk,) for pk in ids])
        finally:
            if conn is not self.conn:
                conn.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def store():
    """Where the running jobs' figures of the default database are (see the module docstring)."""
    if connection.vendor != "sqlite":
        return DbStore()
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name.startswith("file:") or connection.is_in_memory_db():
        return MEMORY
    return SidecarStore(f"{name}-jobs")


# ---------------------------------------------------------------- writing: the tracker

_ACTIVE: dict[int, "Tracker"] = {}


class Tracker:
    """The live figures of running jobs (several job rows run as one by a reclassification round),
    written by a daemon thread at most every `every` seconds. Use as a context manager around the
    work and the final save of the rows; `update(rows_done=…, rows_total=…, phase=…)` only sets
    numbers in memory."""

    def __init__(self, ids, *, into=None, every: float = WRITE_EVERY, beat_every: float = BEAT_EVERY):
        self.ids = list(ids)
        self.fig: dict = {}
        self.dirty = False
        self.every, self.beat_every = every, beat_every
        if into is None:
            into = store()
            if isinstance(into, DbStore) and connection.in_atomic_block:
                # The job row may be locked by that outer transaction: stay in this process.
                into = MEMORY
        self.store = into
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def update(self, **kw) -> None:
        self.fig.update({k: v for k, v in kw.items() if k in FIGURES and v is not None})
        self.dirty = True

    def __enter__(self) -> "Tracker":
        for pk in self.ids:
            _ACTIVE[pk] = self
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"chiso-job-{self.ids[0]}")
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(30)
        for pk in self.ids:
            _ACTIVE.pop(pk, None)
        try:
            self.store.clear(self.ids)  # the rows hold the final figures now
        except Exception:  # progress must never break a job
            pass

    def _run(self) -> None:
        w = None
        last = 0.0
        try:
            w = self.store.open()
            while True:
                stopped = self._stop.wait(self.every)
                if stopped:
                    return
                now = time.monotonic()
                if self.dirty or now - last >= self.beat_every:
                    self.dirty = False
                    try:
                        w.write(self.ids, dict(self.fig), time.time())
                    except Exception:  # a missed beat, not a failed job
                        pass
                    last = now
        except Exception:
            pass
        finally:
            if w is not None:
                w.close()


def report(job_id: int, **kw) -> None:
    """Figures of a running job, from code that only knows its id (the importer)."""
    t = _ACTIVE.get(job_id)
    if t is not None:
        t.update(**kw)


def claim_fields() -> dict:
    """What a job row gets when a process starts running it."""
    now = timezone.now()
    return {"state": RUNNING, "started_at": now, "heartbeat_at": now}


# ---------------------------------------------------------------- reading: any process


def _beat_time(beat: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(beat, dt.UTC)


def snapshot(job: ImportJob, now: dt.datetime | None = None) -> dict:
    """The job as any worker process sees it now: state ("interrupted" for one cut off), figures,
    percentage, last heartbeat, and whether the page should keep polling."""
    fig = {"rows_done": job.rows_done, "rows_total": job.rows_total, "phase": job.phase}
    beat = job.heartbeat_at or job.started_at or job.created_at
    if job.state == RUNNING:
        live = MEMORY.read(job.pk) or store().read(job.pk)
        if live:
            fig.update({k: live[k] for k in FIGURES if live.get(k) is not None})
            beat = max(filter(None, [beat, _beat_time(live["beat"])]))
    now = now or timezone.now()
    limit = dt.timedelta(seconds=stale_seconds())
    cut_off = (
        beat is not None
        and now - beat > limit
        and (
            job.state == RUNNING
            # An import is started at once (no queue): one still pending that long never started.
            or (job.state == PENDING and job.kind != RECLASSIFY)
        )
    )
    done, total = fig["rows_done"] or 0, fig["rows_total"]
    if total:
        pct = min(100, int(done * 100 / total))
    else:
        pct = 100 if job.state == DONE else 0
    return {
        "job": job,
        "state": INTERRUPTED if cut_off else job.state,
        "interrupted": cut_off,
        "active": job.state in (PENDING, RUNNING) and not cut_off,
        "rows_done": done,
        "rows_total": total,
        "pct": pct,
        "phase": fig["phase"],
        "beat": beat,
    }


def visible_q(user) -> Q:
    """Import jobs the user may see: his own and those of the units he may read (a job without a
    unit — an import by a global administrator — only to global administrators)."""
    if is_global_admin(user):
        return Q()  # (Q(...) | Q() would keep only the left side)
    return Q(user=user) | scope_q(user, READ, field="unit")


def import_unit(user):
    """The unit an import of `user` is filed under: the deepest unit covering every unit the user
    may import for (a global administrator: the province if there is one, else None — seen by
    global administrators only)."""
    from chiso.dossiers.index766 import _common_root_path
    from chiso.dossiers.queries import import_roots
    from chiso.orgs.models import Unit, UnitKind

    roots = import_roots(user)
    if roots is None:  # a global administrator: the province, when there is only one
        provinces = list(Unit.objects.filter(kind=UnitKind.PROVINCE, valid_to__isnull=True)[:2])
        return provinces[0] if len(provinces) == 1 else None
    if not roots:
        return None
    return Unit.objects.filter(path=_common_root_path(roots)).first()  # "/" (nothing common): None
