"""KPIs worked by hand on the month in conftest.JULY (commune A = T1XA with its desk, ward B = T1XB).

Commune A, July 2025: received 7 (D8 not received is excluded); completed 5 (D1–D5):
early D1, D3 (against its new appointment), D4 (supplement pause moves the due date);
on time D2 (same day, before the clock time); late D5 (two supplement requests).
Against the original due date D3 is late too (late_original = 2), and it has an apology → 1/2.
Open at the end of July: D6 (due 04/08, not overdue) and D7 (due 04/07, overdue)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from chiso.dossiers import index766, kpis
from chiso.dossiers.kpi_registry import get, value
from chiso.dossiers.models import Dossier, Outcome
from chiso.lib import periods
from tests.dossiers.conftest import write_csv

pytestmark = pytest.mark.django_db

JUL = periods.parse("2025-07")


def test_outcomes_worked_by_hand(july):
    o = dict(Dossier.objects.values_list("code", "outcome"))
    assert o["D1"] == Outcome.EARLY
    assert o["D2"] == Outcome.ON_TIME
    assert o["D3"] == Outcome.EARLY  # against the new appointment of the apology
    assert o["D4"] == Outcome.EARLY  # the supplement pause extends the due date
    assert o["D5"] == Outcome.LATE  # two supplement requests
    assert o["D6"] == Outcome.OPEN and o["D7"] == Outcome.OPEN
    assert o["D8"] == Outcome.NOT_COUNTED
    orig = dict(Dossier.objects.values_list("code", "outcome_original"))
    assert orig["D3"] == Outcome.LATE


def test_due_date_computed_from_procedure_limit(july):
    d6 = Dossier.objects.get(code="D6")
    # Received Mon 28/07/2025 08:00 + 5 working days → Mon 04/08/2025 08:00.
    assert d6.due_at == dt.datetime(2025, 8, 4, 8, 0)


def test_supplement_pause(july):
    d4 = Dossier.objects.get(code="D4")
    assert d4.pause_seconds == 8 * 3600  # 02/07 08:00 → 03/07 08:00 is one working day
    # 04/07 08:00 + 8 working hours → Fri 17:00 is 7.5 h, then Mon 07:30 + 0.5 h.
    assert d4.dt("due_effective") == dt.datetime(2025, 7, 7, 8, 0)


def test_commune_kpis_july(world, july):
    s = kpis.sums(world.commune_a, JUL)
    assert s["received"] == 7
    assert s["completed"] == 5
    assert (s["early"], s["ontime"], s["late"]) == (3, 1, 1)
    assert s["late_original"] == 2
    assert s["late_apology"] == 1
    assert (s["open_end"], s["overdue_end"]) == (2, 1)
    assert s["online"] == 1
    assert s["fee_dossiers"] == 6  # P1 is fee-bearing: D1–D5, D7
    assert s["paid_online"] == 1
    v = {r["code"]: r for r in kpis.all_values(world.commune_a, JUL)}
    assert v["ontime_pct"]["value"] == pytest.approx(80.0)
    assert v["apology_pct"]["value"] == pytest.approx(50.0)
    assert v["progress_pct"]["value"] == pytest.approx(5 * 100 / 7)
    assert v["open_overdue"]["value"] == 1


def test_province_rolls_up_and_ward_separate(world, july):
    p = kpis.sums(world.province, JUL)
    b = kpis.sums(world.commune_b, JUL)
    assert p["received"] == 8 and b["received"] == 1
    assert b["postal"] == 1
    assert kpis.sums(world.department, JUL) is None  # no data, never a silent zero


def test_quarter_and_year_agree_with_month(world, july):
    for code in ("2025-Q3", "2025-H2", "2025"):
        s = kpis.sums(world.commune_a, periods.parse(code))
        assert s["received"] == 7 and s["completed"] == 6 - 1  # D6, D7 stay open
    # At the end of August D6 (due 04/08) is overdue as well.
    assert kpis.sums(world.commune_a, periods.parse("2025-08"))["overdue_end"] == 2


def test_registry_value_and_field_filter(world, july):
    assert get("ontime_pct").name_vi == "Tỷ lệ hồ sơ giải quyết đúng hạn"
    v = value("ontime_pct", world.commune_a, JUL)
    assert (v.numerator, v.denominator) == (4, 5)
    land = value("dossiers_received", world.commune_a, JUL, field="DD")
    assert land.value == 1
    assert value("ontime_pct", world.commune_a, JUL, procedure="P1").denominator == 5


def test_old_district_rolls_up_before_reform(world, catalogue, old_district, tmp_path):
    from chiso.dossiers import importer

    district, commune = old_district
    rows = [
        (
            "J1",
            "P1",
            "T1DX",
            1,
            9,
            "2025-06-02 08:00",
            "",
            "2025-06-05 08:00",
            "2025-06-03 08:00",
            "",
            0,
            0,
            1,
            0,
            "",
            "",
            "",
        )
    ]
    importer.import_dossiers(write_csv(tmp_path / "t6.csv", rows))
    june = periods.parse("2025-06")
    assert kpis.sums(district, june)["received"] == 1
    assert kpis.sums(world.province, june)["received"] == 1
    assert kpis.sums(world.commune_a, june) is None


def test_766_card_marks_missing_items(world, july):
    card = index766.unit_card(world.commune_a, JUL)
    items = {x["item"].code: x for x in card["items"]}
    assert items["pub_ontime"]["score"] is None  # not in dossier data: "không đủ dữ liệu"
    assert items["progress"]["score"] == pytest.approx(20 * 5 / 7)
    # online dossiers 1/7 with threshold 50 % → (1/7)/0.5 × 6
    assert items["online_dossiers"]["score"] == pytest.approx((1 / 7) / 0.5 * 6)
    # Counted over procedures: P1 (full online, fee) and P2 (partial) both offered online; only P1
    # had an online dossier (D1) and an online payment.
    assert (items["online_offered"]["numerator"], items["online_offered"]["denominator"]) == (2, 2)
    assert (items["online_used"]["numerator"], items["online_used"]["denominator"]) == (1, 2)
    assert (items["pay_used"]["numerator"], items["pay_used"]["denominator"]) == (1, 1)
    groups = {g["code"]: g for g in card["groups"]}
    assert groups["publication"]["score"] is None
    assert card["total"] == pytest.approx(sum(g["score"] for g in card["groups"] if g["score"] is not None))


def test_766_ranking_and_entry(world, july):
    from chiso.dossiers import actions

    rows = index766.ranking(world.province, JUL, "commune")
    assert [r["unit"].code for r in rows] == ["T1XB", "T1XA"] or rows[0]["rank"] == 1
    assert {r["of"] for r in rows} == {2}
    actions.save_index766_entry(world.office, world.commune_a, "2025-07", "pub_ontime", 9, 10)
    card = index766.unit_card(world.commune_a, JUL)
    pub = next(g for g in card["groups"] if g["code"] == "publication")
    assert pub["score"] == pytest.approx(6 * 0.9)
    with pytest.raises(PermissionDenied):
        actions.save_index766_entry(world.officer_a, world.commune_a, "2025-07", "pub_ontime", 9, 10)


def test_commands_csv(world, july):
    out = io.StringIO()
    call_command("kpis", unit="T1XA", period="2025-07", csv=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "kpi,numerator,denominator,value"
    assert "ontime_pct,4,5,80.0000" in lines
    out = io.StringIO()
    call_command("index766", period="2025-07", kind="commune", province="T1", csv=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "unit,total,rank,of,publication,progress,online,payment,digitisation,satisfaction"
    assert len(lines) == 3


def test_due_date_command():
    out = io.StringIO()
    call_command(
        "due-date".replace("-", "_"), received="2026-02-13 16:45", limit=5, unit="working_days", stdout=out
    )
    due = dt.datetime.strptime(out.getvalue().strip(), "%Y-%m-%d %H:%M")
    # Fri 13/02/2026 16:45 then Tết 2026 (16–20/02 off): the fifth working day is after Tết.
    assert due > dt.datetime(2026, 2, 23) and due.weekday() < 5
    assert due.time() == dt.time(16, 45)


def test_recompute_is_stable(world, july):
    before = kpis.sums(world.commune_a, JUL)
    call_command("recompute_kpis", period="2025", stdout=io.StringIO())
    assert kpis.sums(world.commune_a, JUL) == before


def test_calendar_change_and_reclassify(world, july):
    """An extra day off on Fri 04/07/2025 pushes the supplement-extended due date of D4 to Tuesday."""
    from chiso.dossiers import actions

    actions.save_calendar_year(world.office, 2025, [dt.date(2025, 7, 4)], [], [])
    call_command("recompute_kpis", reclassify=True, stdout=io.StringIO(), stderr=io.StringIO())
    d4 = Dossier.objects.get(code="D4")
    # The pause is still 8 working hours, but 04/07 is now a day off, so the extension counts from
    # Monday 07/07 07:30 and ends later than the Monday 08:00 it gave before.
    assert d4.dt("due_effective") > dt.datetime(2025, 7, 7, 8, 0)
    assert kpis.sums(world.commune_a, JUL)["received"] == 7
