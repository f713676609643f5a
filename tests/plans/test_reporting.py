import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from chiso.dossiers import kpi_registry
from chiso.orgs.models import Notification
from chiso.plans import actions, exports, queries
from chiso.plans.models import ReportingPeriod, Target, Task

pytestmark = pytest.mark.django_db


def _when(d: dt.date):
    return dt.datetime.combine(d, dt.time(9, 0), tzinfo=dt.UTC)


def test_submission_on_time_and_late(world, applied):
    q3, q4 = ReportingPeriod.objects.get(code="2025-Q3"), ReportingPeriod.objects.get(code="2025-Q4")
    target = Target.objects.get()
    s = actions.save_submission(
        world.officer_a,
        q3,
        world.commune_a,
        values={str(target.pk): "95"},
        submit=True,
        now=_when(dt.date(2025, 9, 12)),
    )
    assert s.on_time is True
    s = actions.save_submission(
        world.officer_b,
        q3,
        world.commune_b,
        values={str(target.pk): "80"},
        submit=True,
        now=_when(dt.date(2025, 9, 15)),
    )
    assert s.on_time is False
    with pytest.raises(ValidationError, match="đã được gửi"):
        actions.save_submission(world.officer_a, q3, world.commune_a, values={str(target.pk): "99"})
    with pytest.raises(ValidationError, match="Chưa nhập kết quả"):
        actions.save_submission(world.officer_a, q4, world.commune_a, submit=True)
    with pytest.raises(ValidationError, match="không phải là số"):
        actions.save_submission(world.officer_a, q4, world.commune_a, values={str(target.pk): "nhiều"})


def test_report_template_per_unit(world, applied):
    tpl = queries.template_for(applied, world.commune_a)
    assert [t.title for t in tpl["tasks"]] == ["Rà soát quy trình nội bộ"]
    assert len(tpl["targets"]) == 1
    assert {u.code for u in queries.reporting_units(applied)} == {"T1", "T1.SNV", "T1XA", "T1XB"}


def test_consolidated_xlsx_and_docx(world, applied):
    from docx import Document
    from openpyxl import load_workbook

    q3 = ReportingPeriod.objects.get(code="2025-Q3")
    target = Target.objects.get()
    actions.save_submission(
        world.officer_a,
        q3,
        world.commune_a,
        values={str(target.pk): "97,5"},
        narrative="Tốt",
        submit=True,
        now=_when(dt.date(2025, 9, 1)),
    )
    wb = load_workbook(io.BytesIO(exports.consolidated_xlsx(q3)))
    rows = list(wb.active.values)
    assert rows[0][0] == "TỔNG HỢP BÁO CÁO QUÝ III/2025"
    body = {r[1]: r for r in rows[5:]}
    assert body["Xã Hòa An"][2] == "Đúng hạn" and body["Xã Hòa An"][4] == 97.5
    assert body["Phường Đông Sơn"][2] == "Chưa gửi"
    doc = Document(io.BytesIO(exports.consolidated_docx(q3)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "BÁO CÁO" in text and "Quý III/2025" in text
    assert "97,5" in cells and "Nơi nhận:" in cells
    c = world.client("office")
    assert c.get(f"/ke-hoach/ky-bao-cao/{q3.pk}/tong-hop.xlsx").status_code == 200
    assert c.get(f"/ke-hoach/ky-bao-cao/{q3.pk}/tong-hop.docx").status_code == 200
    assert world.client("officer_a").get(f"/ke-hoach/ky-bao-cao/{q3.pk}/tong-hop.docx").status_code == 404


def test_board_overdue_missing_rates_and_targets(world, applied):
    q3 = ReportingPeriod.objects.get(code="2025-Q3")
    target = Target.objects.get()
    actions.save_submission(
        world.officer_a,
        q3,
        world.commune_a,
        values={str(target.pk): "90"},
        submit=True,
        now=_when(dt.date(2025, 9, 10)),
    )
    actions.save_submission(
        world.officer_b,
        q3,
        world.commune_b,
        values={str(target.pk): "70"},
        submit=True,
        now=_when(dt.date(2025, 9, 20)),
    )
    today = dt.date(2025, 11, 1)
    b = queries.board(world.office, today)
    overdue = {t.title for t in b["overdue"]}
    assert overdue == {"Tham mưu kế hoạch CCHC năm 2025"}  # month 6/2025 has passed; 15/12 not yet
    missing = {(m["unit"].code, m["period"].code) for m in b["missing"]}
    assert ("T1XA", "2025-Q4") in missing and ("T1XB", "2025-Q4") in missing
    rates = {r["unit"].code: r for r in b["rates"]}
    assert rates["T1XA"]["rate"] == 100.0 and rates["T1XB"]["rate"] == 0.0 and rates["T1XB"]["late"] == 1
    assert rates["T1.SNV"]["missing"] == 1
    risk = b["at_risk"][0]
    assert risk["actual"] == 80.0 and risk["meets"] is False  # mean of 90 and 70 vs ≥ 100
    # the commune officer's board shows only its own unit
    mine = queries.board(world.officer_a, today)
    assert {r["unit"].code for r in mine["rates"]} == {"T1XA"}
    assert {m["unit"].code for m in mine["missing"]} == {"T1XA"}
    page = world.client("office").get("/ke-hoach/").content.decode()
    assert "Nhiệm vụ theo đơn vị và trạng thái" in page and "Xã Hòa An" in page


def test_kpi_target_reads_the_registry_with_trend(world, applied, monkeypatch):
    def provider(unit, period, **kw):
        return (90, 100) if period.code.endswith("Q4") else (80, 100)

    kpi = kpi_registry.KpiDef(
        code="test_ontime_pct",
        name_vi="Tỷ lệ đúng hạn (thử)",
        definition="",
        numerator="",
        denominator="",
        provider=provider,
    )
    monkeypatch.setitem(kpi_registry._REGISTRY, kpi.code, kpi)
    t = Target.objects.create(
        directive=applied,
        unit=world.province,
        metric_code=kpi.code,
        metric_text="Tỷ lệ hồ sơ đúng hạn",
        operator=">=",
        value=Decimal("95"),
        unit_label="%",
    )
    row = queries.kpi_actual(t, dt.date(2025, 11, 1))
    assert (
        row["actual"] == 90.0 and row["previous"] == 80.0 and row["trend"] == "up" and row["meets"] is False
    )
    t.value = Decimal("85")
    assert queries.kpi_actual(t, dt.date(2025, 11, 1))["meets"] is True


def test_target_operators():
    t = Target(operator=">=", value=Decimal("70"))
    assert t.meets(70) and not t.meets(69.99) and t.meets(None) is None
    assert Target(operator="<", value=Decimal("5")).meets(4.9)
    assert not Target(operator="<=", value=Decimal("5")).meets(5.1)
    assert Target(operator="=", value=Decimal("100")).meets(100.0)


def test_remind_is_idempotent_per_day(world, applied, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today = dt.date(2025, 12, 8)  # Q4 report due 12/12 and the commune tasks due 15/12 are within 7 days
    out = io.StringIO()
    call_command("remind", "--days", "7", "--dry-run", "--date", "08/12/2025", stdout=out)
    assert "Sẽ nhắc" in out.getvalue() and not Notification.objects.exists()
    res = actions.send_reminders(today, 7)
    assert res["sent"] > 0
    titles = set(Notification.objects.filter(user=world.officer_a).values_list("title", flat=True))
    assert any("Rà soát quy trình nội bộ" in t for t in titles)
    assert any("Báo cáo Quý IV/2025 đến hạn ngày 12/12/2025" in t for t in titles)
    assert not Notification.objects.filter(user=world.officer_b, title__contains="Xã Hòa An").exists()
    assert len(mail.outbox) == res["sent"]
    digest = Notification.objects.get(user=world.office, kind="plans.digest")
    assert "Tổng hợp nhắc việc ngày 08/12/2025" in digest.title and "Xã Hòa An" in digest.body
    again = actions.send_reminders(today, 7)
    assert again["sent"] == 0 and again["skipped"] == res["sent"]
    n = Notification.objects.count()
    call_command("remind", "--date", "08/12/2025", stdout=io.StringIO())
    assert Notification.objects.count() == n
    # the next day it reminds again (overdue items too)
    assert actions.send_reminders(dt.date(2025, 12, 16), 7)["sent"] > 0
    overdue = Notification.objects.filter(user=world.officer_a, title__startswith="Nhiệm vụ quá hạn")
    assert overdue.exists()


def test_done_tasks_are_not_reminded(world, applied):
    for t in Task.objects.filter(unit=world.commune_a):
        actions.update_task(world.officer_a, t, status="done", progress=100, text="Xong")
    items = actions.reminders(dt.date(2025, 12, 8), 7)
    assert not any(r["unit"] == world.commune_a and "Rà soát" in r["title"] for r in items)


def test_commitment_sign_flow(world, applied):
    c, created = actions.save_commitment(
        world.head_a, world.commune_a, year=2025, title="Bản cam kết nâng cao chỉ số PAR INDEX"
    )
    assert created
    with pytest.raises(ValidationError, match="chưa có chỉ tiêu"):
        actions.sign_commitment(world.head_a, c)
    actions.create_target(
        world.officer_a,
        world.commune_a,
        commitment=c,
        metric_text="Hồ sơ trực tuyến toàn trình",
        operator=">=",
        value=Decimal("70"),
        unit_label="%",
        scope="unit",
        period_code="2025",
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.sign_commitment(world.officer_a, c)  # only the head signs
    with pytest.raises(PermissionDenied):
        actions.create_target(
            world.officer_b, world.commune_a, commitment=c, metric_text="x", operator=">=", value=Decimal("1")
        )
    actions.sign_commitment(world.head_a, c)
    c.refresh_from_db()
    assert c.signed_at and c.signer_name
    assert world.client("officer_b").get(f"/ke-hoach/cam-ket/{c.pk}/").status_code == 404
    assert world.client("leader").get(f"/ke-hoach/cam-ket/{c.pk}/").status_code == 200


def test_numbers_are_shown_the_vietnamese_way(world, applied):
    from chiso.plans.models import value_label

    assert value_label(Decimal("70.0000")) == "70" and value_label(99.5) == "99,5" and value_label(None) == ""
    assert Target.objects.get().goal_label == "≥ 100%"
    q4 = ReportingPeriod.objects.get(code="2025-Q4")
    target = Target.objects.get()
    actions.save_submission(world.officer_a, q4, world.commune_a, values={str(target.pk): "92,5"})
    page = world.client("officer_a").get(f"/ke-hoach/ky-bao-cao/{q4.pk}/don-vi/T1XA/").content.decode()
    assert 'value="92,5"' in page and "≥ 100%" in page and "Đang soạn" in page


def test_report_template_xlsx_is_scoped(world, applied):
    from openpyxl import load_workbook

    r = world.client("officer_a").get(f"/ke-hoach/van-ban/{applied.pk}/mau-bao-cao.xlsx")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)[4:]
    assert {row[0] for row in rows} == {"Xã Hòa An"}
    assert ("Chỉ tiêu", "≥ 100%") in {(row[1], row[4]) for row in rows}
    assert any(row[3] == "Rà soát quy trình nội bộ" and row[4] == "15/12/2025" for row in rows)
    assert (
        world.client("officer_a")
        .get(f"/ke-hoach/van-ban/{applied.pk}/mau-bao-cao.xlsx?don_vi=T1XB")
        .status_code
        == 404
    )
    office = list(
        load_workbook(
            io.BytesIO(world.client("office").get(f"/ke-hoach/van-ban/{applied.pk}/mau-bao-cao.xlsx").content)
        ).active.values
    )[4:]
    assert {row[0] for row in office} >= {"Xã Hòa An", "Phường Đông Sơn", "Sở Nội vụ"}


def test_sent_report_moves_the_tasks(world, applied):
    q4 = ReportingPeriod.objects.get(code="2025-Q4")
    t = Task.objects.get(unit=world.commune_a)
    target = Target.objects.get()
    actions.save_submission(
        world.officer_a,
        q4,
        world.commune_a,
        values={str(target.pk): "90"},
        task_rows={str(t.pk): {"status": "in_progress", "progress": "30"}},
    )
    t.refresh_from_db()
    assert t.progress == 0  # a draft changes nothing
    actions.save_submission(
        world.officer_a,
        q4,
        world.commune_a,
        values={str(target.pk): "90"},
        task_rows={str(t.pk): {"status": "done", "progress": "10", "note": "Đã ban hành quy trình"}},
        submit=True,
    )
    t.refresh_from_db()
    assert (t.status, t.progress) == ("done", 100)
    assert t.updates.get().text == "Đã ban hành quy trình"


def test_quarter_and_year_due_the_same_day_are_both_current(world, directive):
    from chiso.plans import review

    actions.decide_item(
        world.office,
        directive,
        "r1",
        review.ACCEPTED,
        {"rule_text": "Định kỳ hằng quý (chậm nhất ngày 12 của tháng cuối quý), năm (chậm nhất ngày 12/12)"},
    )
    actions.decide_item(world.office, directive, "t2", review.ACCEPTED)
    actions.apply_proposal(world.office, directive)
    assert set(ReportingPeriod.objects.filter(due=dt.date(2025, 12, 12)).values_list("code", flat=True)) == {
        "2025-Q4",
        "2025",
    }
    missing = {
        (m["unit"].code, m["period"].code)
        for m in queries.board(world.office, dt.date(2025, 11, 1))["missing"]
    }
    assert {("T1XA", "2025-Q4"), ("T1XA", "2025")} <= missing
