"""A change of the working-day calendar reclassifies the dossiers by itself (no command), in a
background job shown on the calendar page.

Worked by hand: X1 (commune A, procedure P1) received Mon 07/07/2025 08:00, due Wed 09/07 08:00,
with the citizen Mon 07/07 09:00 → Tue 08/07 09:00 (8 working hours), finished Thu 10/07 08:30.
Ordinary calendar: the due date + 8 working hours = Wed 11:30 (3,5 h), 13:00–17:00 (4 h), Thu
07:30 + 0,5 h → Thu 10/07 08:00 < 08:30: late. With Wed 09/07 a day off the 8 hours run from Thu
07:30 to Thu 17:00: finished on time (the due day itself, so not early)."""

import datetime as dt
import io
import threading
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.dossiers import actions, importer, jobs, kpis, recalc
from chiso.dossiers.models import CalendarYear, Dossier, ImportJob, KpiAggregate, KpiRollup, Outcome
from chiso.lib import periods
from chiso.orgs.models import AuditEntry
from tests.dossiers.conftest import JULY, write_csv

pytestmark = pytest.mark.django_db

JUL = periods.parse("2025-07")
WED = dt.date(2025, 7, 9)
X1 = ("X1", "P1", "T1XA.MC", 1, 9, "2025-07-07 08:00", "", "2025-07-09 08:00", "2025-07-10 08:30", "")
X1 += (0, 0, 1, 1, "2025-07-07 09:00", "2025-07-08 09:00", "")
# Across the turn of the year: finished in January after a supplement, and still open.
Y1 = ("Y1", "P1", "T1XA.MC", 1, 9, "2024-12-30 08:00", "", "2025-01-03 08:00", "2025-01-06 10:00", "")
Y1 += (0, 0, 1, 1, "2024-12-31 08:00", "2025-01-02 08:00", "")
# Ended in 2024 on time, its due date extended by a pause into 2025 (16 working hours from Tue
# 31/12/2024 08:00, 1/1 a holiday → Fri 03/01/2025 08:00).
Y3 = ("Y3", "P1", "T1XA.MC", 1, 9, "2024-12-23 08:00", "", "2024-12-31 08:00", "2024-12-30 10:00", "")
Y3 += (0, 0, 1, 1, "2024-12-24 08:00", "2024-12-26 08:00", "")
Y2 = ("Y2", "P2", "T1XB", 2, 4, "2024-12-20 08:00", "", "2025-01-02 08:00", "", "", 0, 0, 1, 0, "", "", "")


@pytest.fixture
def dossiers(world, catalogue, tmp_path):
    importer.import_dossiers(write_csv(tmp_path / "hs.csv", JULY + [X1, Y1, Y2, Y3]))
    return world


def _outcome(code):
    return Dossier.objects.get(code=code).outcome


def _jobs():
    return ImportJob.objects.filter(kind=recalc.KIND).order_by("id")


def test_day_off_reclassifies_and_recomputes_without_the_command(dossiers):
    assert _outcome("X1") == Outcome.LATE
    before = kpis.sums(dossiers.commune_a, JUL)
    actions.save_calendar_year(dossiers.office, 2025, [WED], [], [], background=False)
    x1 = Dossier.objects.get(code="X1")
    assert x1.outcome == Outcome.ON_TIME
    assert x1.dt("due_effective") == dt.datetime(2025, 7, 10, 17, 0)
    after = kpis.sums(dossiers.commune_a, JUL)
    assert (after["late"], after["ontime"]) == (before["late"] - 1, before["ontime"] + 1)
    assert after["received"] == before["received"]
    assert after["days_sum"] < before["days_sum"]  # Wed 09/07 no longer counts
    job = _jobs().get()
    assert (job.state, job.user, job.filename) == ("done", dossiers.office, "Lịch làm việc năm 2025")
    assert job.updated >= 1 and job.rows_done >= job.updated and "2025" in job.phase
    entry = AuditEntry.objects.get(action="dossiers.reclassify")
    assert entry.actor == dossiers.office and entry.after["calendar_years"] == [2025]
    assert entry.after["changed"] == job.updated


def _state():
    fields = ("code", "end_ts", "pause_seconds", "due_effective_ts", "outcome", "outcome_original")
    ds = sorted(Dossier.objects.values_list(*fields, "working_days", "supplement_count"))
    aggs = sorted(KpiAggregate.objects.values_list("period", "unit_id", "procedure_id", *KpiAggregate.COUNTS))
    rolls = sorted(KpiRollup.objects.values_list("period", "unit_id", "field_code", *KpiAggregate.COUNTS))
    return ds, aggs, rolls


def test_automatic_run_equals_the_full_command(dossiers):
    # Y1 crosses the turn of the year: with the citizen Tue 31/12 08:00 → Thu 02/01 08:00 (1/1 is a
    # holiday) = 7,5 + 0,5 working hours, so due Fri 03/01 08:00 + 8 h → Mon 06/01 08:00.
    assert Dossier.objects.get(code="Y1").dt("due_effective") == dt.datetime(2025, 1, 6, 8, 0)
    assert Dossier.objects.get(code="Y3").dt("due_effective") == dt.datetime(2025, 1, 3, 8, 0)
    actions.save_calendar_year(dossiers.office, 2025, [WED, dt.date(2025, 1, 2)], [], [], background=False)
    # 02/01 off: 7,5 h with the citizen; Fri 03/01 08:00 + 7,5 h → Fri 17:00.
    assert Dossier.objects.get(code="Y1").dt("due_effective") == dt.datetime(2025, 1, 3, 17, 0)
    # Y3 ended in 2024, but its extension ran through 02/01: now 31/12 7,5 h + 03/01 8 h + 0,5 h.
    assert Dossier.objects.get(code="Y3").dt("due_effective") == dt.datetime(2025, 1, 6, 8, 0)
    auto = _state()
    call_command("recompute_kpis", reclassify=True, stdout=io.StringIO(), stderr=io.StringIO())
    assert _state() == auto


def test_only_the_dossiers_touching_the_year_are_examined(dossiers):
    actions.save_calendar_year(dossiers.office, 2024, [dt.date(2024, 12, 31)], [], [], background=False)
    job = _jobs().get()
    assert job.rows_done == 3  # Y1, Y2, Y3 span 2024; the July 2025 dossiers (and D8, never received) do not
    # Y1's pause shrinks to 0,5 h; Y3's extension starts on 02/01; Y2 (open, no pause) is unchanged.
    assert job.updated == 2
    assert Dossier.objects.get(code="Y1").pause_seconds == 1800
    assert Dossier.objects.get(code="Y3").dt("due_effective") == dt.datetime(2025, 1, 3, 17, 0)
    assert job.phase == "2024, 2025"  # Y1 spans 30/12/2024 → 06/01/2025


day = st.dates(dt.date(2024, 12, 20), dt.date(2025, 7, 31))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(off=st.lists(day, max_size=3), saturdays=st.lists(st.integers(0, 30), max_size=2))
def test_property_span_reclassification_equals_a_full_one(dossiers, off, saturdays):
    """For any days off and make-up Saturdays of one year, the automatic run (dossiers touching the
    year, aggregates of the years they span) leaves exactly what a full reclassification does."""
    CalendarYear.objects.all().delete()
    extras_full()
    year = off[0].year if off else 2025
    first_sat = dt.date(year, 1, 4) if year == 2025 else dt.date(2024, 1, 6)
    make_up = [first_sat + dt.timedelta(weeks=w) for w in saturdays]
    actions.save_calendar_year(
        dossiers.office, year, [d for d in off if d.year == year], make_up, [], background=False
    )
    auto = _state()
    extras_full()
    assert _state() == auto


def extras_full():
    from chiso.dossiers.extras import reclassify_all

    reclassify_all()


def test_note_only_or_default_hours_written_out_start_nothing_more(dossiers):
    hours = [("07:30", "11:30"), ("13:00", "17:00")]  # the default, as the form posts it
    actions.save_calendar_year(dossiers.office, 2025, [], [], hours, "QĐ số 1", background=False)
    assert not _jobs().exists()  # nothing moves a working day or hour
    actions.save_calendar_year(dossiers.office, 2025, [WED], [], hours, "QĐ số 2", background=False)
    assert [recalc.years_of(j) for j in _jobs()] == [[2025]]
    actions.save_calendar_year(dossiers.office, 2025, [WED], [], hours, "QĐ số 3", background=False)
    assert _jobs().count() == 1


def test_hours_change_reclassifies_every_year(dossiers):
    actions.save_calendar_year(
        dossiers.office, 2025, [], [], [("08:00", "12:00"), ("13:30", "17:30")], background=False
    )
    job = _jobs().get()
    assert recalc.years_of(job) is None and job.filename == "Giờ làm việc (mọi năm)"
    assert job.rows_done == Dossier.objects.count()
    assert job.phase == "2024, 2025"


def test_edits_queue_and_one_round_takes_them_together(dossiers):
    # Background (the default): queued, started after the commit — which a test transaction never does.
    actions.save_calendar_year(dossiers.office, 2025, [WED], [], [])
    first = _jobs().get()
    assert first.state == "pending" and _outcome("X1") == Outcome.LATE
    # The first one is being worked on when a second edit comes: it waits.
    ImportJob.objects.filter(pk=first.pk).update(state="running")
    actions.save_calendar_year(dossiers.office, 2024, [dt.date(2024, 12, 31)], [], [])
    st_ = recalc.status()
    assert st_["job"].pk == first.pk and st_["state"] == "running" and st_["waiting"] == 1
    # A round claims only what is pending (the running job is someone else's).
    ImportJob.objects.filter(pk=first.pk).update(state="pending")
    actions.save_calendar_year(dossiers.office, 2025, [WED, dt.date(2025, 7, 10)], [], [])
    jobs = recalc.run_pending()
    assert len(jobs) == 3 and {j.state for j in jobs} == {"done"}
    assert len({(j.rows_done, j.updated, j.phase) for j in jobs}) == 1  # one run for the three
    assert AuditEntry.objects.filter(action="dossiers.reclassify").count() == 1
    # Both days off are in: X1's extension now runs from Fri 11/07.
    assert Dossier.objects.get(code="X1").dt("due_effective") == dt.datetime(2025, 7, 11, 17, 0)
    assert recalc.run_pending() == []


def test_a_job_cut_off_by_a_crash_does_not_hide_later_ones(dossiers):
    actions.save_calendar_year(dossiers.office, 2025, [WED], [], [])
    stale = _jobs().get()
    ImportJob.objects.filter(pk=stale.pk).update(state="running")  # the process died mid-round
    assert recalc.status()["job"].pk == stale.pk  # nothing later: still shown as running
    actions.save_calendar_year(dossiers.office, 2025, [WED, dt.date(2025, 7, 10)], [], [], background=False)
    st_ = recalc.status()
    assert st_["state"] == "done" and st_["job"].pk != stale.pk and not st_["active"]


def test_a_failed_round_is_reported_and_rolled_back(dossiers, monkeypatch):
    from chiso.dossiers import extras

    def boom(*a, **k):
        raise RuntimeError("hỏng ổ đĩa")

    actions.save_calendar_year(dossiers.office, 2025, [WED], [], [])
    monkeypatch.setattr(extras, "reclassify_years", boom)
    (job,) = recalc.run_pending()
    assert job.state == "failed" and "hỏng ổ đĩa" in job.errors[0]["message"]
    assert _outcome("X1") == Outcome.LATE
    body = dossiers.client("office").get("/ho-so/lich/tinh-lai/").content.decode()
    assert "không thành công" in body and "hỏng ổ đĩa" in body
    body = dossiers.client("officer_a").get("/ho-so/lich/tinh-lai/").content.decode()
    assert "không thành công" in body and "hỏng ổ đĩa" not in body


# ---------------------------------------------------------------- the calendar page


def test_page_notice_while_pending_running_and_done(dossiers):
    office = dossiers.client("office")
    data = {
        "extra_days_off": "09/07/2025",
        "make_up_days": "",
        "hours": "07:30-11:30, 13:00-17:00",
        "note": "",
    }
    assert office.post("/ho-so/lich/2025/", data).status_code == 302
    body = office.get("/ho-so/lich/2025/").content.decode()
    assert "Đang tính lại hồ sơ" in body and 'hx-get="/ho-so/lich/tinh-lai/"' in body
    job = _jobs().get()
    # Running: the number of dossiers and the progress (live figures of the worker's tracker).
    ImportJob.objects.filter(pk=job.pk).update(state="running", rows_total=12, heartbeat_at=timezone.now())
    jobs.MEMORY.write([job.pk], {"rows_done": 6}, time.time())
    try:
        frag = office.get("/ho-so/lich/tinh-lai/").content.decode()
    finally:
        jobs.MEMORY.clear([job.pk])
    assert frag.lstrip().startswith('<div id="recalc"') and "<html" not in frag
    assert "Đang tính lại 12 hồ sơ" in frag and 'value="50"' in frag and "every 1s" in frag
    officer = dossiers.client("officer_a").get("/ho-so/lich/tinh-lai/").content.decode()
    assert "Đang tính lại hồ sơ" in officer and "12" not in officer  # no province-wide figure
    ImportJob.objects.filter(pk=job.pk).update(state="pending")
    recalc.run_pending()
    job.refresh_from_db()
    frag = office.get("/ho-so/lich/tinh-lai/").content.decode()
    assert f"Đã tính lại</strong> {job.rows_done} hồ sơ ({job.updated} hồ sơ thay đổi kết quả)" in frag
    assert "chỉ tiêu năm 2025 đã được tính lại" in frag and "hx-get" not in frag  # polling stops
    assert (
        "Đã tính lại</strong> các hồ sơ"
        in dossiers.client("officer_a").get("/ho-so/lich/2025/").content.decode()
    )


def test_who_may_start_a_reclassification(dossiers):
    data = {"extra_days_off": "09/07/2025", "make_up_days": "", "hours": "", "note": ""}
    for who in ("officer_a", "leader", "head_a", "appraiser"):
        assert dossiers.client(who).post("/ho-so/lich/2025/", data).status_code == 403
    assert not _jobs().exists()
    assert dossiers.client(None).get("/ho-so/lich/tinh-lai/").status_code == 302
    assert dossiers.client("admin").post("/ho-so/lich/2025/", data).status_code == 302
    assert _jobs().count() == 1
    with pytest.raises(Exception, match="cơ quan thường trực"):
        actions.reclassify_after_calendar_change(dossiers.officer_a, [2025])


def test_import_page_lists_no_reclassification(dossiers):
    actions.save_calendar_year(dossiers.office, 2025, [WED], [], [], background=False)
    job = _jobs().get()
    c = dossiers.client("office")
    assert "Lịch làm việc năm 2025" not in c.get("/ho-so/nhap/").content.decode()
    assert c.get(f"/ho-so/nhap/{job.pk}/").status_code == 404


# ---------------------------------------------------------------- the worker thread


@pytest.mark.django_db(transaction=True)
def test_background_worker_after_a_saved_change(world, catalogue, tmp_path):
    importer.import_dossiers(write_csv(tmp_path / "hs.csv", JULY + [X1]))
    data = {"extra_days_off": "09/07/2025", "make_up_days": "", "hours": "", "note": ""}
    assert world.client("office").post("/ho-so/lich/2025/", data).status_code == 302
    assert recalc.wait(timeout=120)
    job = _jobs().get()
    assert job.state == "done" and job.updated >= 1
    assert _outcome("X1") == Outcome.ON_TIME
    assert AuditEntry.objects.get(action="dossiers.reclassify").source == "web"
    assert "Đã tính lại" in world.client("office").get("/ho-so/lich/2025/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_one_worker_and_no_lost_job(world, monkeypatch):
    """A job queued while the worker runs a round is taken by its next round; start() never runs two."""
    gate, entered, rounds = threading.Event(), threading.Event(), []
    real = recalc.run_pending

    def slow_round():
        entered.set()
        gate.wait(30)
        rounds.append(real())
        return rounds[-1]

    monkeypatch.setattr(recalc, "run_pending", slow_round)
    recalc.queue(world.office, [2025])
    worker = recalc.start()
    assert worker is not None and recalc.start() is None  # one worker per process
    # Queued once the worker is in its round (what this test means); it also keeps the worker's
    # check apart from this insert on the in-memory test database, whose shared cache reports a
    # table lock at once instead of waiting.
    assert entered.wait(30)
    recalc.queue(world.office, [2026])  # while the first round waits
    gate.set()
    assert recalc.wait(timeout=60)
    assert {j.state for j in ImportJob.objects.filter(kind=recalc.KIND)} == {"done"}
    assert sum(len(r) for r in rounds) == 2
