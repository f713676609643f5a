"""Job progress that every worker process reads (jobs.py): the tracker's throttled writes, its
stores (the job row through its own connection on PostgreSQL, a side database next to an SQLite
file), an import watched from another process while it runs, killed, seen as "bị gián đoạn" and
restarted; who sees which job and who may restart it."""

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from chiso.dossiers import actions, importer, jobs, recalc
from chiso.dossiers.models import CalendarYear, Dossier, ImportJob
from chiso.orgs.models import AuditEntry, Role
from tests.dossiers.conftest import JULY, write_csv

SCRIPT = Path(__file__).with_name("jobs_script.py")
ROOT = SCRIPT.parents[2]


class CountingStore(jobs.MemoryStore):
    def __init__(self):
        super().__init__()
        self.writes = []

    def write(self, ids, fig, beat):
        self.writes.append(dict(fig))
        super().write(ids, fig, beat)


def _until(check, timeout=20.0):
    t0 = time.perf_counter()
    while not check():
        assert time.perf_counter() - t0 < timeout, "timed out"
        time.sleep(0.02)


def test_tracker_writes_at_most_every_half_second_whatever_the_updates():
    store = CountingStore()
    t0 = time.perf_counter()
    n = 0
    with jobs.Tracker([1], into=store) as t:
        while time.perf_counter() - t0 < 1.2:
            n += 1
            t.update(rows_done=n, phase="Đọc, kiểm tra và ghi")
    elapsed = time.perf_counter() - t0
    assert n > 1000  # a hot loop …
    assert 1 <= len(store.writes) <= elapsed / jobs.WRITE_EVERY + 1  # … costs a write per 0,5 s
    assert store.writes[-1]["phase"] == "Đọc, kiểm tra và ghi"
    assert store.read(1) is None  # cleared once the job row holds the outcome


def test_tracker_beats_without_updates():
    store = CountingStore()
    with jobs.Tracker([7, 8], into=store, every=0.01, beat_every=0.05):
        _until(lambda: len(store.writes) >= 2)
        assert store.read(7)["beat"] > 0 and store.read(8) is not None


def test_sidecar_is_read_through_another_connection(tmp_path):
    """An SQLite database file is write-locked by a running import: the figures go next to it."""
    side = jobs.SidecarStore(str(tmp_path / "db.sqlite3-jobs"))
    assert side.read(5) is None  # no file yet: nothing live
    with jobs.Tracker([5], into=side) as t:
        t.update(rows_done=1200, rows_total=5000, phase="Phân loại lại hồ sơ")
        reader = jobs.SidecarStore(side.path)  # e.g. another worker process
        _until(lambda: (reader.read(5) or {}).get("rows_done") == 1200)
        got = reader.read(5)
        assert (got["rows_total"], got["phase"]) == (5000, "Phân loại lại hồ sơ")
        assert abs(got["beat"] - time.time()) < 60
    assert reader.read(5) is None


@pytest.mark.django_db(transaction=True)
def test_row_progress_seen_through_a_second_connection_during_the_transaction(world):
    """PostgreSQL: the job's work is one open transaction; the tracker's own connection updates the
    row, and a second connection sees the figures before that transaction commits."""
    if connection.vendor != "postgresql":
        pytest.skip("the job row is written live on PostgreSQL (SQLite: the side database)")
    job = ImportJob.objects.create(filename="a.csv", user=world.office, **jobs.claim_fields())
    other = connections.create_connection("default")
    try:
        with jobs.Tracker([job.pk]) as t, transaction.atomic():
            CalendarYear.objects.create(year=2031)  # the job's own (uncommitted) writes
            t.update(rows_done=300_000, phase="Đọc, kiểm tra và ghi")

            def seen():
                with other.cursor() as cur:
                    cur.execute("SELECT rows_done, phase FROM dossiers_importjob WHERE id = %s", [job.pk])
                    return cur.fetchone() == (300_000, "Đọc, kiểm tra và ghi")

            _until(seen)
            with other.cursor() as cur:
                cur.execute("SELECT COUNT(*) FROM dossiers_calendaryear WHERE year = 2031")
                assert cur.fetchone()[0] == 0  # the job's transaction itself is still invisible
    finally:
        other.close()


# ---------------------------------------------------------------- two processes


def _env(tmp_path: Path, **extra) -> dict:
    if connection.vendor == "postgresql":
        s = connection.settings_dict  # the test database: this test's rows are committed
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    else:
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "test-only-secret",
        "CHISO_TESTING": "1",
        "ALLOWED_HOSTS": "testserver",  # the children's test client
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("CHISO_BULK_WRITER", None)
    return env


def _popen(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), *map(str, args)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(p: subprocess.Popen):
    stdout, stderr = p.communicate(timeout=300)
    assert p.returncode == 0, stderr[-3000:]
    return json.loads(stdout.strip().splitlines()[-1])


def _child(env, *args):
    return _result(_popen(env, *args))


@pytest.mark.django_db(transaction=True)
def test_an_import_watched_from_another_process_killed_and_restarted(tmp_path):
    """Worker process W imports; another process R serves the progress page. R sees W's live
    figures while W's transaction is open; W killed → R shows "bị gián đoạn"; restarted → done."""
    work = tmp_path / "work"
    work.mkdir()
    env = _env(tmp_path)
    ids = _child(env, "setup", work)
    assert ids["unit"] == "T1"  # the office imports for its province

    w = _popen(env, "run", ids["first"], work)
    _until(lambda: (work / "reached").exists() or w.poll() is not None, timeout=120)
    assert w.poll() is None, w.communicate()[1][-3000:]
    seen = _child(
        env, "read", ids["first"], work, "office", "leader", "officer_a", "officer_b", "--until", "2.000 dòng"
    )
    status, body = seen["office"]
    assert status == 200 and "Đang nhập" in body and "2.000 dòng" in body and "every 1s" in body
    assert seen["leader"][0] == 200  # reads the province
    assert seen["officer_a"][0] == seen["officer_b"][0] == 404  # the province's job is not theirs
    (work / "go").touch()
    assert _result(w) == {"state": "done", "rows": 2000, "created": 2000}
    status, body = _child(env, "read", ids["first"], work, "office")["office"]
    assert "Hoàn thành" in body and "2.000 hồ sơ mới" in body and "hx-get" not in body

    # The second import's process dies while it holds its transaction open.
    (work / "reached").unlink()
    (work / "go").unlink()
    w = _popen(env, "run", ids["second"], work)
    _until(lambda: (work / "reached").exists() or w.poll() is not None, timeout=120)
    assert w.poll() is None
    w.kill()
    w.communicate()
    stale = _env(tmp_path, CHISO_JOB_STALE_SECONDS="1")
    body = _child(stale, "read", ids["second"], work, "office", "--until", "bị gián đoạn")["office"][1]
    assert "Lần nhập bị gián đoạn" in body and "Chạy lại" in body and "hx-get" not in body
    got = _child(stale, "restart", ids["second"], work)
    assert got["status"] == 302 and got["state"] == "done" and got["created"] == 2000
    assert "Hoàn thành" in got["page"] and "bị gián đoạn" not in got["page"]


# ---------------------------------------------------------------- in one process


def _stale(job: ImportJob) -> None:
    old = timezone.now() - dt.timedelta(seconds=jobs.STALE_SECONDS + 5)
    ImportJob.objects.filter(pk=job.pk).update(state="running", started_at=old, heartbeat_at=old)
    job.refresh_from_db()


@pytest.fixture
def import_job(world, catalogue, tmp_path):
    """An import of the office for commune A, left running by a process that died."""
    upload = write_csv(tmp_path / "upload.csv", JULY)
    job = ImportJob.objects.create(
        filename="thang7.csv", path=str(upload), user=world.office, unit=world.commune_a
    )
    _stale(job)
    return job


def test_import_job_unit_follows_the_importers_rights(world):
    assert jobs.import_unit(world.office) == world.province
    assert jobs.import_unit(world.admin) == world.province  # the only province
    assert jobs.import_unit(world.officer_a) is None  # may import nowhere
    from chiso.orgs import actions as org_actions

    org_actions.assign_role(None, world.officer_b, Role.REFORM_OFFICE, world.commune_b)
    assert jobs.import_unit(world.officer_b) == world.commune_b


def test_a_live_job_is_not_interrupted(world):
    job = ImportJob.objects.create(filename="a.csv", user=world.office, **jobs.claim_fields())
    snap = jobs.snapshot(job)
    assert snap["state"] == "running" and snap["active"] and not snap["interrupted"]
    # A heartbeat kept fresh by the tracker (here: the process's memory) outlives the row's.
    old = timezone.now() - dt.timedelta(seconds=jobs.STALE_SECONDS * 2)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=old, started_at=old)
    job.refresh_from_db()
    assert jobs.snapshot(job)["interrupted"]
    jobs.MEMORY.write([job.pk], {"rows_done": 10}, time.time())
    try:
        assert not jobs.snapshot(job)["interrupted"] and jobs.snapshot(job)["rows_done"] == 10
    finally:
        jobs.MEMORY.clear([job.pk])
    # A pending import never taken (imports start at once); a pending reclassification waits its turn.
    ImportJob.objects.filter(pk=job.pk).update(state="pending")
    ImportJob.objects.filter(pk=job.pk).update(created_at=old)
    job.refresh_from_db()
    assert jobs.snapshot(job)["interrupted"]
    job.kind = recalc.KIND
    assert not jobs.snapshot(job)["interrupted"]


@pytest.mark.parametrize(
    "who,status",
    [("office", 200), ("admin", 200), ("leader", 200), ("officer_a", 200), ("head_a", 200)]
    + [("officer_b", 404), ("dept_officer", 404), ("appraiser", 200), (None, 302)],
)
def test_who_sees_a_job_of_commune_a(import_job, world, who, status):
    """Jobs of units one may read: an officer of A sees A's import, an officer of B does not."""
    r = world.client(who).get(f"/ho-so/nhap/{import_job.pk}/", HTTP_HX_REQUEST="true")
    assert r.status_code == status
    if status == 200:
        assert "Lần nhập bị gián đoạn" in r.content.decode()


def test_import_list_shows_the_jobs_of_readable_units(import_job, world):
    ImportJob.objects.create(filename="xa-b.csv", user=world.admin, unit=world.commune_b)
    body = world.client("office").get("/ho-so/nhap/").content.decode()
    assert "thang7.csv" in body and "xa-b.csv" in body and "Bị gián đoạn" in body


def test_polling_a_running_import_does_not_look_up_who_may_restart(world, monkeypatch):
    """The fragment is polled every second: the restart rights (the importer's units) are looked
    up only for an interrupted job, the only one showing "Chạy lại"."""
    job = ImportJob.objects.create(
        filename="a.csv", user=world.office, unit=world.province, **jobs.claim_fields()
    )
    asked, real = [], actions.can_restart
    monkeypatch.setattr(actions, "can_restart", lambda user, j: asked.append(j.pk) or real(user, j))
    body = world.client("office").get(f"/ho-so/nhap/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" in body and asked == []
    _stale(job)
    body = world.client("office").get(f"/ho-so/nhap/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Chạy lại" in body and asked == [job.pk]


def test_restart_an_interrupted_import(import_job, world):
    body = world.client("office").get(f"/ho-so/nhap/{import_job.pk}/").content.decode()
    assert "Chạy lại" in body and "(đã xử lý 0)" in body
    # Reads it but may not import: no button, and the POST is refused.
    body = world.client("officer_a").get(f"/ho-so/nhap/{import_job.pk}/").content.decode()
    assert "bị gián đoạn" in body and "Chạy lại" not in body
    assert world.client("officer_a").post(f"/ho-so/viec/{import_job.pk}/chay-lai/").status_code == 403
    assert world.client("officer_b").post(f"/ho-so/viec/{import_job.pk}/chay-lai/").status_code == 404
    assert ImportJob.objects.get(pk=import_job.pk).state == "running"
    job = actions.restart_job(world.office, import_job, background=False)
    assert job.state == "done" and job.created == len(JULY) and Dossier.objects.count() == len(JULY)
    entry = AuditEntry.objects.get(action="dossiers.job_restart")
    assert entry.actor == world.office and entry.before["state"] == "running"
    with pytest.raises(Exception, match="không bị gián đoạn"):
        actions.restart_job(world.office, job, background=False)


def test_a_restarted_import_waiting_for_its_thread_is_not_interrupted(import_job, world, monkeypatch):
    """Between the restart and the claim by the import's thread the job is pending: not cut off
    (its pending time counts from the restart, not from the dead run's start), so a second
    restart is refused instead of running the file twice."""
    started = []
    monkeypatch.setattr(importer, "start_job_thread", lambda job, actor: started.append(job.pk))
    job = actions.restart_job(world.office, import_job)
    assert started == [job.pk] and job.state == "pending"
    assert not jobs.snapshot(job)["interrupted"]
    with pytest.raises(ValidationError, match="không bị gián đoạn"):
        actions.restart_job(world.office, job)
    assert started == [job.pk]


def test_restart_needs_the_uploaded_file(import_job, world):
    os.remove(import_job.path)
    r = world.client("office").post(f"/ho-so/viec/{import_job.pk}/chay-lai/", follow=True)
    assert "Tệp đã tải lên không còn trên máy chủ" in r.content.decode()
    assert ImportJob.objects.get(pk=import_job.pk).state == "running"


def test_an_interrupted_reclassification_on_the_calendar_page(world, catalogue, tmp_path):
    importer.import_dossiers(write_csv(tmp_path / "hs.csv", JULY))
    job = recalc.queue(world.office, [2025])
    _stale(job)
    ImportJob.objects.filter(pk=job.pk).update(rows_total=9, rows_done=4)
    frag = world.client("office").get("/ho-so/lich/tinh-lai/").content.decode()
    assert "Tính lại hồ sơ theo lịch làm việc năm 2025 bị gián đoạn" in frag
    assert "(đã xử lý 4/9)" in frag and "Chạy lại" in frag and "hx-get" not in frag
    frag = world.client("officer_a").get("/ho-so/lich/tinh-lai/").content.decode()
    assert "bị gián đoạn" in frag and "Chạy lại" not in frag and "4/9" not in frag
    assert world.client("officer_a").post(f"/ho-so/viec/{job.pk}/chay-lai/").status_code == 403
    assert world.client("office").post(f"/ho-so/viec/{job.pk}/chay-lai/").status_code == 302
    assert ImportJob.objects.get(pk=job.pk).state == "pending"  # the worker starts after the commit
    (done,) = recalc.run_pending()
    assert done.pk == job.pk and done.state == "done" and done.rows_done == len(JULY) - 1
    assert "Đã tính lại" in world.client("office").get("/ho-so/lich/tinh-lai/").content.decode()
