"""End to end with the real parser: the seed texts shipped in chiso/plans/data become tasks,
targets and a reporting calendar, through the command and through the web review."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from chiso.orgs import actions as org_actions
from chiso.orgs.models import Unit, UnitKind
from chiso.plans.models import Directive, ReportingPeriod, ReportingRule, Target, Task

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "chiso" / "plans" / "data"
CAM_KET = DATA / "cong-van-cam-ket-chi-so-2024.txt"
CV_1487 = DATA / "cong-van-1487-UBND-NC-2025.txt"


@pytest.fixture
def province(world, media):
    for code, name in [
        ("T1.VP", "Văn phòng UBND tỉnh"),
        ("T1.STP", "Sở Tư pháp"),
        ("T1.STC", "Sở Tài chính"),
    ]:
        org_actions.save_unit(
            None, Unit(code=code), name=name, kind=UnitKind.DEPARTMENT, parent=world.province
        )
    return world.province


def test_import_command_with_yes(world, province):
    out = io.StringIO()
    call_command("import_directive", str(CAM_KET), "--unit", "T1", "--yes", stdout=out)
    assert "Đã tạo" in out.getvalue()
    d = Directive.objects.get()
    assert d.kind == "cong_van" and d.status == "active"
    for it in d.proposal["items"]:
        if it["start"] is not None:
            assert d.text[it["start"] : it["end"]] == it["quote"]
    # "Các cơ quan chuyên môn, đơn vị sự nghiệp, UBND các phường" → every department and the ward, not the commune
    leads = set(Task.objects.values_list("unit__code", flat=True))
    assert {"T1.SNV", "T1.VP", "T1.STP", "T1.STC", "T1XB"} <= leads and "T1XA" not in leads
    # "Văn phòng HĐND và UBND thành phố" is the office of the UBND
    assert Task.objects.filter(unit__code="T1.VP", lead_text__icontains="Văn phòng").exists()
    rules = sorted(r["freq"] for r in ReportingRule.objects.values_list("rule", flat=True))
    assert rules == ["quarter", "year"]
    q = ReportingRule.objects.get(rule__freq="quarter").rule
    assert q["day"] == 12 and q["month"] == "last"
    assert ReportingPeriod.objects.exists()
    ops = {(t.operator, float(t.value)) for t in Target.objects.all()}
    assert (">", 99.0) in ops and (">=", 70.0) in ops
    # targets whose wording names a registered KPI are measured by it; the others are reported by hand
    codes = {t.metric_code for t in Target.objects.all()}
    assert Target.objects.get(operator=">=", value=70).metric_code == "full_online_pct"
    assert "" in codes
    n_tasks = Task.objects.count()
    out = io.StringIO()
    call_command("import_directive", str(CAM_KET), "--unit", "T1", "--yes", stdout=out)
    assert "đã được nhập trước đó" in out.getvalue()
    assert Task.objects.count() == n_tasks and Directive.objects.count() == 1


def test_import_command_declined_keeps_review(world, province, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt="": "k")
    out = io.StringIO()
    call_command("import_directive", str(CV_1487), "--unit", "T1", stdout=out)
    d = Directive.objects.get()
    assert d.status == "review" and not Task.objects.exists()
    assert f"/ke-hoach/van-ban/{d.pk}/ra-soat/" in out.getvalue()
    assert d.number == "1487/UBND-NC"


def test_import_command_errors(world, province, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_directive", str(tmp_path / "khong-co.txt"), "--yes")
    bad = tmp_path / "bang.xlsx"
    bad.write_bytes(b"PK")
    with pytest.raises(CommandError, match="chỉ nhận"):
        call_command("import_directive", str(bad), "--unit", "T1", "--yes")
    assert not Directive.objects.exists()


def test_web_upload_review_accept_board(world, province):
    c = world.client("office")
    r = c.post("/ke-hoach/van-ban/", {"file": SimpleUploadedFile(CAM_KET.name, CAM_KET.read_bytes())})
    assert r.status_code == 302
    d = Directive.objects.get()
    page = c.get(r["Location"]).content.decode()
    assert 'class="task pending"' in page and 'class="target pending"' in page
    first = next(it for it in d.proposal["items"] if it["type"] == "task")
    r = c.post(
        f"/ke-hoach/van-ban/{d.pk}/ra-soat/{first['id']}/", {"decision": "rejected"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200 and "Loại bỏ" in r.content.decode() and 'id="counts"' in r.content.decode()
    c.post(f"/ke-hoach/van-ban/{d.pk}/ra-soat/chap-nhan-tat-ca/")
    r = c.post(f"/ke-hoach/van-ban/{d.pk}/ra-soat/ap-dung/")
    assert r.status_code == 302 and r["Location"] == "/ke-hoach/"
    assert not Task.objects.filter(quote=first["quote"]).exists()
    board = c.get("/ke-hoach/").content.decode()
    assert "Sở Tư pháp" in board and "Phường Đông Sơn" in board


def test_demo_loads_once(db, settings, tmp_path):
    from chiso.orgs import demo as org_demo
    from chiso.plans import demo
    from chiso.plans.models import Commitment, Submission, TaskUpdate

    settings.MEDIA_ROOT = tmp_path / "media"
    org_demo.load(lambda *a: None)
    demo.load(lambda *a: None)
    counts = (
        Directive.objects.count(),
        Task.objects.count(),
        Submission.objects.count(),
        TaskUpdate.objects.count(),
        Commitment.objects.count(),
    )
    assert counts[0] == 2 and counts[1] > 100 and counts[2] > 0 and counts[3] > 0 and counts[4] == 1
    assert (
        Submission.objects.filter(on_time=False).exists() and Submission.objects.filter(on_time=True).exists()
    )
    _demo_reads_like_a_ha_tinh_plan()
    demo.load(lambda *a: None)
    assert (
        Directive.objects.count(),
        Task.objects.count(),
        Submission.objects.count(),
        TaskUpdate.objects.count(),
        Commitment.objects.count(),
    ) == counts


def test_docx_upload_is_read(world, province):
    from docx import Document

    from chiso.plans import actions

    doc = Document()
    for line in CV_1487.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    d, created = actions.import_directive(world.office, province, buf.getvalue(), "cong-van.docx")
    assert created and d.number == "1487/UBND-NC"
    assert any(it["type"] == "task" for it in d.proposal["items"])
    assert d.original.name.endswith(".docx")


def _demo_reads_like_a_ha_tinh_plan():
    """QA defect 4: deadlines (some overdue, some upcoming), distinct action titles, Hà Tĩnh wording."""
    import datetime as dt
    from collections import Counter

    from chiso.plans import queries

    today = dt.date.today()
    assert not Task.objects.filter(deadline__isnull=True).exists()
    overdue = Task.objects.filter(status__in=queries.OPEN, deadline__lt=today).count()
    upcoming = Task.objects.filter(deadline__gte=today, deadline__lte=today + dt.timedelta(days=30)).count()
    assert overdue > 0 and upcoming > 0
    for d in Directive.objects.all():
        assert "Hà Tĩnh" in d.issuer, d.issuer
        assert "Hưng Yên" not in d.text and "Đông Hà" not in d.text and "của thành phố" not in d.text
        # one title per sentence of the directive, never the bare subject clause
        per_unit = Counter(d.tasks.values_list("unit_id", "title"))
        assert max(per_unit.values()) == 1
        titles = set(d.tasks.values_list("title", flat=True))
        assert not any(t.startswith(("Người đứng đầu", "Đối với", "UBND cấp")) for t in titles), titles
        assert all(len(t) <= 150 for t in titles)
    assert Task.objects.filter(title__startswith="Đẩy mạnh công tác tuyên truyền").exists()
