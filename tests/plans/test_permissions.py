"""Who may and who may not: a unit sees and updates only its own tasks and submissions (404 otherwise,
by URL, API and form tampering); the office sees all; a leader reads only."""

import json

import pytest

from chiso.plans.models import ReportingPeriod, Submission, Target, Task, TaskUpdate

pytestmark = pytest.mark.django_db


def _task(code):
    return Task.objects.get(unit__code=code, title="Rà soát quy trình nội bộ")


def test_task_list_is_scoped(world, applied):
    a, b = _task("T1XA"), _task("T1XB")
    page = world.client("officer_a").get("/ke-hoach/nhiem-vu/").content.decode()
    assert f"/ke-hoach/nhiem-vu/{a.pk}/" in page and f"/ke-hoach/nhiem-vu/{b.pk}/" not in page
    office = world.client("office").get("/ke-hoach/nhiem-vu/").content.decode()
    assert f"/ke-hoach/nhiem-vu/{a.pk}/" in office and f"/ke-hoach/nhiem-vu/{b.pk}/" in office
    leader = world.client("leader").get("/ke-hoach/nhiem-vu/").content.decode()
    assert f"/ke-hoach/nhiem-vu/{b.pk}/" in leader


@pytest.mark.parametrize(
    "who,status",
    [
        ("admin", 200),
        ("office", 200),
        ("leader", 200),
        ("officer_a", 200),
        ("head_a", 200),
        ("officer_b", 404),
        ("appraiser", 200),
        ("dept_officer", 200),
    ],
)
def test_task_detail_by_url(world, applied, who, status):
    # dept_officer: Sở Nội vụ coordinates (phối hợp) the commune task, so it may read it
    assert world.client(who).get(f"/ke-hoach/nhiem-vu/{_task('T1XA').pk}/").status_code == status


def test_anonymous_is_sent_to_login(world, applied):
    r = world.client(None).get(f"/ke-hoach/nhiem-vu/{_task('T1XA').pk}/")
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]
    assert world.client(None).get("/api/plans/tasks").status_code == 401


def test_update_own_task_and_not_others(world, applied, media):
    a = _task("T1XA")
    form = {"status": "in_progress", "progress": "40", "text": "Đã rà soát 3 quy trình"}
    r = world.client("officer_a").post(f"/ke-hoach/nhiem-vu/{a.pk}/", form)
    assert r.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.progress) == ("in_progress", 40)
    # officer of B tampering with A's task id: 404, nothing written
    assert (
        world.client("officer_b").post(f"/ke-hoach/nhiem-vu/{a.pk}/", {**form, "progress": "90"}).status_code
        == 404
    )
    # the leader reads but may not write
    assert (
        world.client("leader").post(f"/ke-hoach/nhiem-vu/{a.pk}/", {**form, "progress": "90"}).status_code
        == 403
    )
    # the coordinating department reads but may not write
    assert (
        world.client("dept_officer")
        .post(f"/ke-hoach/nhiem-vu/{a.pk}/", {**form, "progress": "90"})
        .status_code
        == 403
    )
    a.refresh_from_db()
    assert a.progress == 40 and TaskUpdate.objects.count() == 1
    # the office may update any task
    assert (
        world.client("office").post(f"/ke-hoach/nhiem-vu/{a.pk}/", {**form, "status": "done"}).status_code
        == 302
    )
    a.refresh_from_db()
    assert a.status == "done" and a.progress == 100


def test_update_form_errors_are_vietnamese(world, applied):
    a = _task("T1XA")
    r = world.client("officer_a").post(
        f"/ke-hoach/nhiem-vu/{a.pk}/", {"status": "done", "progress": "140", "text": ""}
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert "Tiến độ từ 0 đến 100" in page and "Hãy nêu nội dung cập nhật" in page
    assert not TaskUpdate.objects.exists()


def test_evidence_file_is_scoped(world, applied, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = _task("T1XA")
    f = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    world.client("officer_a").post(
        f"/ke-hoach/nhiem-vu/{a.pk}/",
        {"status": "in_progress", "progress": "10", "text": "Có biên bản", "evidence": f},
    )
    upd = TaskUpdate.objects.get()
    assert upd.evidence_name == "bien-ban.pdf"
    r = world.client("office").get(f"/ke-hoach/minh-chung/{upd.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 minh chung"
    assert world.client("officer_b").get(f"/ke-hoach/minh-chung/{upd.pk}/").status_code == 404


def test_api_scoping_and_writes(world, applied):
    a, b = _task("T1XA"), _task("T1XB")
    ids = {t["id"] for t in world.client("officer_a").get("/api/plans/tasks").json()}
    assert a.pk in ids and b.pk not in ids
    assert world.client("officer_a").get(f"/api/plans/tasks/{b.pk}").status_code == 404
    body = json.dumps({"status": "in_progress", "progress": 50, "text": "qua API"})
    r = world.client("officer_a").post(
        f"/api/plans/tasks/{a.pk}/updates", body, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["progress"] == 50
    assert (
        world.client("officer_a")
        .post(f"/api/plans/tasks/{b.pk}/updates", body, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        world.client("leader")
        .post(f"/api/plans/tasks/{a.pk}/updates", body, content_type="application/json")
        .status_code
        == 403
    )
    bad = json.dumps({"status": "xyz", "progress": 500, "text": ""})
    r = world.client("officer_a").post(
        f"/api/plans/tasks/{a.pk}/updates", bad, content_type="application/json"
    )
    assert r.status_code == 422 and "Trạng thái không hợp lệ" in r.json()["detail"]


def test_submission_scoping_and_tampering(world, applied):
    p = ReportingPeriod.objects.get(code="2025-Q4")
    target = Target.objects.get()
    a, b = _task("T1XA"), _task("T1XB")
    url_a, url_b = f"/ke-hoach/ky-bao-cao/{p.pk}/don-vi/T1XA/", f"/ke-hoach/ky-bao-cao/{p.pk}/don-vi/T1XB/"
    assert world.client("officer_a").get(url_a).status_code == 200
    assert world.client("officer_a").get(url_b).status_code == 404
    assert (
        world.client("officer_a").post(url_b, {f"v_{target.pk}": "90", "narrative": "x"}).status_code == 404
    )
    # A's own form, but naming B's task: form tampering → 404, nothing saved
    r = world.client("officer_a").post(url_a, {f"v_{target.pk}": "90", f"s_{b.pk}": "done", "narrative": "x"})
    assert r.status_code == 404 and not Submission.objects.exists()
    # the leader reads A's report but may not write it
    assert world.client("leader").get(url_a).status_code == 200
    assert world.client("leader").post(url_a, {f"v_{target.pk}": "90"}).status_code == 403
    r = world.client("officer_a").post(
        url_a,
        {
            f"v_{target.pk}": "92,5",
            f"s_{a.pk}": "in_progress",
            f"p_{a.pk}": "60",
            "narrative": "Kết quả quý IV",
            "submit": "1",
        },
    )
    assert r.status_code == 302
    sub = Submission.objects.get()
    assert sub.unit == world.commune_a and sub.status == "submitted"
    assert float(sub.values.get().value) == 92.5
    # API: B's officer cannot write A's submission
    body = json.dumps({"values": {str(target.pk): "80"}, "submit": True})
    assert (
        world.client("officer_b")
        .put(f"/api/plans/periods/{p.pk}/submissions/T1XA", body, content_type="application/json")
        .status_code
        == 404
    )


def test_review_pages_only_for_the_office(world, directive):
    for who, status in [
        ("office", 200),
        ("admin", 200),
        ("leader", 404),
        ("officer_a", 404),
        ("officer_b", 404),
    ]:
        assert world.client(who).get(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/").status_code == status, who
    assert (
        world.client("officer_a").post(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/ap-dung/").status_code
        == 404
    )
    assert world.client("leader").post(
        f"/ke-hoach/van-ban/{directive.pk}/ra-soat/t1/", {"decision": "accepted"}
    ).status_code in (403, 404)
    directive.refresh_from_db()
    assert all(it["decision"] == "pending" for it in directive.proposal["items"])


def test_upload_only_for_the_office(world, fake_parser, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import DIRECTIVE_TEXT

    f = SimpleUploadedFile("ct.txt", DIRECTIVE_TEXT.encode())
    assert world.client("officer_a").post("/ke-hoach/van-ban/", {"file": f}).status_code == 403
    assert world.client("leader").post("/ke-hoach/van-ban/", {"file": f}).status_code == 403
    f = SimpleUploadedFile("ct.txt", DIRECTIVE_TEXT.encode())
    r = world.client("office").post("/ke-hoach/van-ban/", {"file": f})
    assert r.status_code == 302 and "/ra-soat/" in r["Location"]


def test_pages_render_for_every_persona(world, applied):
    p = ReportingPeriod.objects.first()
    urls = [
        "/ke-hoach/",
        "/ke-hoach/van-ban/",
        "/ke-hoach/nhiem-vu/",
        "/ke-hoach/ky-bao-cao/",
        "/ke-hoach/cam-ket/",
        f"/ke-hoach/van-ban/{applied.pk}/",
        f"/ke-hoach/ky-bao-cao/{p.pk}/",
    ]
    for who in ("admin", "office", "leader", "officer_a", "head_a", "officer_b", "appraiser", "dept_officer"):
        c = world.client(who)
        for url in urls:
            assert c.get(url).status_code == 200, (who, url)


def test_directive_of_another_scope_is_404(world, applied):
    from chiso.orgs import actions as org_actions
    from chiso.orgs.models import Unit, UnitKind

    other = org_actions.save_unit(None, Unit(code="T2"), name="Tỉnh Khác", kind=UnitKind.PROVINCE)[0]
    applied.unit = other
    applied.save()
    Task.objects.update(unit=other)
    for t in Task.objects.all():
        t.partners.clear()
    assert world.client("office").get(f"/ke-hoach/van-ban/{applied.pk}/").status_code == 404
    t = Task.objects.first()
    assert world.client("office").get(f"/ke-hoach/nhiem-vu/{t.pk}/").status_code == 404
    assert world.client("admin").get(f"/ke-hoach/nhiem-vu/{t.pk}/").status_code == 200


def test_api_board_and_directives_are_scoped(world, applied):
    office = world.client("office").get("/api/plans/board").json()
    mine = world.client("officer_a").get("/api/plans/board").json()
    assert (
        office["total"] == Task.objects.count()
        and mine["total"] == Task.objects.filter(unit=world.commune_a).count()
    )
    assert {r["unit_code"] for r in mine["missing_reports"]} <= {"T1XA"}
    assert [d["id"] for d in world.client("officer_b").get("/api/plans/directives").json()] == [applied.pk]
    assert world.client("appraiser").get("/api/plans/directives").status_code == 200


def test_review_item_edit_through_the_web(world, directive):
    c = world.client("office")
    url = f"/ke-hoach/van-ban/{directive.pk}/ra-soat/t3/"
    r = c.post(
        url,
        {
            "decision": "accepted",
            "edit": "1",
            "summary": "Nâng cấp cổng DVC",
            "assignees": ["T1.SNV", "T1XA"],
            "deadline": "tháng 9/2025",
        },
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "Sở Nội vụ, Xã Hòa An" in r.content.decode()
    directive.refresh_from_db()
    it = next(i for i in directive.proposal["items"] if i["id"] == "t3")
    assert (
        it["assignees"] == ["T1.SNV", "T1XA"]
        and it["deadline"]["month"] == "2025-09"
        and it["decision"] == "accepted"
    )
    r = c.post(
        url, {"decision": "accepted", "edit": "1", "summary": "", "deadline": "abc"}, HTTP_HX_REQUEST="true"
    )
    page = r.content.decode()
    assert "Nội dung nhiệm vụ không được để trống" in page and "Không hiểu thời hạn" in page
    directive.refresh_from_db()
    assert next(i for i in directive.proposal["items"] if i["id"] == "t3")["summary"] == "Nâng cấp cổng DVC"
    assert (
        c.post(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/khong-co/", {"decision": "accepted"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    "who,status,written",
    [
        ("admin", 302, True),
        ("office", 302, True),
        ("leader", 403, False),
        ("officer_a", 302, True),
        ("head_a", 302, True),
        ("officer_b", 404, False),
        ("appraiser", 403, False),
        ("dept_officer", 403, False),
        ("anonymous", 302, False),
    ],
)
def test_who_may_update_a_commune_task(world, applied, who, status, written):
    a = _task("T1XA")
    r = world.client(who).post(
        f"/ke-hoach/nhiem-vu/{a.pk}/", {"status": "in_progress", "progress": "20", "text": "x"}
    )
    assert r.status_code == status
    assert TaskUpdate.objects.filter(task=a).exists() == written


def test_task_search_filters_and_export(world, applied):
    c = world.client("office")
    page = c.get("/ke-hoach/nhiem-vu/", {"q": "ra soat quy trinh"}).content.decode()
    assert "Rà soát quy trình nội bộ" in page and "Tham mưu kế hoạch" not in page
    page = c.get("/ke-hoach/nhiem-vu/", {"qua_han": "1"}).content.decode()
    assert "Tham mưu kế hoạch CCHC năm 2025" in page  # month 6/2025 has passed
    page = c.get("/ke-hoach/nhiem-vu/", {"q": "không có nhiệm vụ này"}).content.decode()
    assert "Không có nhiệm vụ nào khớp với bộ lọc" in page
    r = world.client("officer_a").get("/ke-hoach/nhiem-vu/", {"xuat": "xlsx"})
    import io

    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert [row[2] for row in rows[1:]] == ["Xã Hòa An"]


def test_upload_errors_are_shown_on_the_form(world, fake_parser, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.client("office").post("/ke-hoach/van-ban/", {"file": SimpleUploadedFile("bang.xlsx", b"PK")})
    assert r.status_code == 200 and "chỉ nhận văn bản .txt, .docx hoặc .pdf" in r.content.decode()


def test_periods_page_shows_own_reports(world, applied):
    q3 = ReportingPeriod.objects.get(code="2025-Q3")
    page = world.client("officer_a").get("/ke-hoach/ky-bao-cao/", {"ky": "tat_ca"}).content.decode()
    assert f"/ke-hoach/ky-bao-cao/{q3.pk}/don-vi/T1XA/" in page and "T1XB" not in page
    assert "quá hạn, chưa gửi" in page
    office = world.client("office").get("/ke-hoach/ky-bao-cao/", {"ky": "tat_ca"}).content.decode()
    assert "0/4" in office and "đơn vị quá hạn chưa gửi" in office


def test_task_page_with_a_system_update(world, applied):
    from chiso.plans import actions

    a = _task("T1XA")
    actions.update_task(None, a, status="in_progress", progress=10, text="Nhập từ báo cáo giấy")
    page = world.client("officer_a").get(f"/ke-hoach/nhiem-vu/{a.pk}/").content.decode()
    assert "Nhập từ báo cáo giấy" in page and "Hệ thống" in page


@pytest.mark.parametrize("code", ["T1XB", "KHONG-CO"])
def test_foreign_or_unknown_unit_filter_is_404(world, applied, code):
    """Filtering by a unit one may not read answers 404 (web and API), as the other apps do."""
    a = _task("T1XA")
    officer = world.client("officer_a")
    assert officer.get(f"/ke-hoach/nhiem-vu/?don_vi={code}").status_code == 404
    assert officer.get(f"/api/plans/tasks?unit={code}").status_code == 404
    # one's own unit still filters, and the office may filter by any unit of its province
    assert f"/ke-hoach/nhiem-vu/{a.pk}/" in officer.get("/ke-hoach/nhiem-vu/?don_vi=T1XA").content.decode()
    assert {t["unit_code"] for t in officer.get("/api/plans/tasks?unit=T1XA").json()} == {"T1XA"}
    assert world.client("office").get("/ke-hoach/nhiem-vu/?don_vi=T1XB").status_code == 200
    assert world.client("office").get("/api/plans/tasks?unit=T1XB").status_code == 200
