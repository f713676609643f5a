"""Every page for who may and who may not (404 for outsiders), and the workflow through the web."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from chiso.assessments import actions
from chiso.assessments.data.demo_sets import parsed_set, workbook_path
from chiso.assessments.models import Assessment, Campaign, Entry

from .conftest import fill, publish

S = Assessment.Status


def status(world, who, url, method="get", data=None):
    c = world.client(who)
    return (c.post(url, data or {}) if method == "post" else c.get(url)).status_code


def test_home_and_lists(camp, world):
    for who in ("admin", "office", "leader", "officer_a", "head_a", "officer_b", "appraiser"):
        assert status(world, who, "/cham-diem/") == 200, who
        assert status(world, who, "/cham-diem/bo-tieu-chi/") == 200, who
    assert status(world, None, "/cham-diem/") == 302
    html = world.client("officer_a").get("/cham-diem/").content.decode()
    assert "Xã Hòa An" in html and "Phường Đông Sơn" not in html


def test_self_assessment_page_access(camp, world):
    url = f"/cham-diem/danh-gia/{camp.a.pk}/"
    for who in ("officer_a", "head_a", "office", "leader", "appraiser", "admin"):
        assert status(world, who, url) == 200, who
    for who in ("officer_b", "dept_officer"):
        assert status(world, who, url) == 404, who
        assert status(world, who, url, "post", {"v-3.2": "90"}) == 404, who
    assert status(world, None, url) == 302
    assert 'name="v-3.2"' in world.client("officer_a").get(url).content.decode()
    assert 'name="v-3.2"' not in world.client("leader").get(url).content.decode()
    assert status(world, "leader", url, "post", {"v-3.2": "90"}) == 403
    assert status(world, "appraiser", url, "post", {"v-3.2": "90"}) == 403
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.2").self_value == ""


def test_self_assessment_save_preview_and_submit_by_web(camp, world):
    url = f"/cham-diem/danh-gia/{camp.a.pk}/"
    c = world.client("officer_a")
    r = c.post(url, {"v-3.2": "97", "v-1.2": "kém"}, follow=True)
    html = r.content.decode()
    assert "Chưa lưu" in html and "Mức &#x27;kém&#x27; không có" in html
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.2").self_value == ""
    r = c.post(
        url, {"v-3.2": "98,5", "so-3.2": "", "ngay-3.2": "", "gc-3.2": "Theo hệ thống một cửa"}, follow=True
    )
    assert "Đã lưu" in r.content.decode()
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.2").self_points == 6
    r = c.post(url + "tinh-thu/", {"v-3.2": "82"})
    assert r.status_code == 200 and "<strong>3,00</strong> / 100,00" in r.content.decode()
    assert status(world, "officer_b", url + "tinh-thu/", "post", {"v-3.2": "82"}) == 404
    fill(world.officer_a, camp.a)
    assert status(world, "officer_a", url + "nop/", "post") == 403
    assert status(world, "officer_b", url + "nop/", "post") == 404
    r = world.client("head_a").post(url + "nop/", follow=True)
    assert "Đã nộp bản tự đánh giá" in r.content.decode()
    assert Assessment.objects.get(pk=camp.a.pk).status == S.SUBMITTED
    assert status(world, "officer_a", url, "post", {"v-3.2": "10"}) == 403  # locked


def test_appraisal_and_explanation_by_web(camp, world):
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    url = f"/cham-diem/danh-gia/{camp.a.pk}/tham-dinh/"
    assert status(world, "officer_b", url) == 404
    assert status(world, "officer_a", url, "post", {"p-3.2": "1"}) == 403
    assert status(world, "leader", url, "post", {"p-3.2": "1"}) == 403
    r = world.client("appraiser").post(
        url,
        {
            "p-3.2": "4,5",
            "nx-3.2": "Tỷ lệ đúng hạn thực tế 95,2 %",
            "yc-3.2": "1",
            "ycnd-3.2": "Cung cấp số liệu",
            "then": "giai-trinh",
        },
        follow=True,
    )
    assert "Đã gửi yêu cầu giải trình" in r.content.decode()
    assert Assessment.objects.get(pk=camp.a.pk).status == S.EXPLANATION
    ex = f"/cham-diem/danh-gia/{camp.a.pk}/giai-trinh/"
    assert status(world, "officer_b", ex) == 404
    html = world.client("officer_a").get(ex).content.decode()
    assert "Cung cấp số liệu" in html and 'name="gt-3.2"' in html
    assert status(world, "appraiser", ex, "post", {"gt-3.2": "x"}) == 403
    r = world.client("officer_a").post(
        ex, {"gt-3.2": "Số liệu trích xuất ngày 15/12", "send": "1"}, follow=True
    )
    assert "Đã gửi giải trình" in r.content.decode()
    r = world.client("appraiser").post(url, {"p-3.2": "4,5", "then": "chot"}, follow=True)
    assert "Đã chốt kết quả" in r.content.decode()
    assert Assessment.objects.get(pk=camp.a.pk).status == S.FINAL
    lost = world.client("officer_a").get(f"/cham-diem/danh-gia/{camp.a.pk}/diem-bi-tru/").content.decode()
    assert "Tỷ lệ đúng hạn thực tế 95,2 %" in lost and "1,50" in lost
    assert status(world, "officer_b", f"/cham-diem/danh-gia/{camp.a.pk}/diem-bi-tru/") == 404


def test_campaign_dashboard_access_and_actions(camp, world):
    url = f"/cham-diem/dot/{camp.pk}/"
    for who in ("office", "leader", "appraiser", "admin"):
        assert status(world, who, url) == 200, who
    for who in ("officer_a", "officer_b", "head_a"):
        assert status(world, who, url) == 404, who
    html = world.client("office").get(url).content.decode()
    assert "0/2" in html and "còn 5 ngày" in html
    for who in ("leader", "appraiser", "officer_a"):
        assert status(world, who, url + "tinh-diem/", "post") == 404, who
    assert status(world, "office", url + "nhac-nho/", "post") == 302
    assert status(world, "office", url + "khong-co/", "post") == 404


def test_open_campaign_page(world):
    cset, _ = actions.import_criteria(world.office, parsed_set("commune", 2025, "T1"), world.province)
    assert status(world, "officer_a", "/cham-diem/dot/moi/") == 404
    c = world.client("office")
    r = c.post(
        "/cham-diem/dot/moi/",
        {"criteria_set": str(cset.pk), "name": "Đợt 2025", "self_deadline": "31/02/2026"},
    )
    html = r.content.decode()
    assert "Hạn tự đánh giá: nhập ngày dạng dd/mm/yyyy" in html and "Hạn giải trình" in html
    r = c.post(
        "/cham-diem/dot/moi/",
        {
            "criteria_set": str(cset.pk),
            "name": "Đợt 2025",
            "self_deadline": "15/12/2025",
            "explanation_deadline": "25/12/2025",
            "appraisal_deadline": "10/01/2026",
        },
    )
    assert r.status_code == 302
    assert Campaign.objects.get().assessments.count() == 2
    r = c.post(
        "/cham-diem/dot/moi/",
        {
            "criteria_set": str(cset.pk),
            "name": "Đợt bổ sung",
            "self_deadline": "15/12/2025",
            "explanation_deadline": "25/12/2025",
            "appraisal_deadline": "10/01/2026",
            "exclude": "T1XB, T9",
        },
    )
    assert "Không có trong danh sách đơn vị được đánh giá: T9" in r.content.decode()
    r = c.post(
        "/cham-diem/dot/moi/",
        {
            "criteria_set": str(cset.pk),
            "name": "Đợt bổ sung",
            "self_deadline": "15/12/2025",
            "explanation_deadline": "25/12/2025",
            "appraisal_deadline": "10/01/2026",
            "exclude": "T1XB",
        },
    )
    assert [a.unit.code for a in Campaign.objects.get(name="Đợt bổ sung").assessments.all()] == ["T1XA"]


def test_criteria_import_page(world):
    data = workbook_path("commune", 2025).read_bytes()
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.client("officer_a").post(
        "/cham-diem/bo-tieu-chi/", {"province": "T1", "file": SimpleUploadedFile("b.xlsx", data)}
    )
    assert r.status_code == 404
    # the workbook names province 42; importing it into T1 is refused with a clear message
    r = world.client("office").post(
        "/cham-diem/bo-tieu-chi/", {"province": "T1", "file": SimpleUploadedFile("b.xlsx", data)}, follow=True
    )
    assert "khác tỉnh đã chọn" in r.content.decode()
    wb = load_workbook(io.BytesIO(data))
    wb["Thông tin"]["B3"] = "T1"
    buf = io.BytesIO()
    wb.save(buf)
    r = world.client("office").post(
        "/cham-diem/bo-tieu-chi/",
        {"province": "T1", "file": SimpleUploadedFile("b.xlsx", buf.getvalue())},
        follow=True,
    )
    assert "Đã nhập bộ tiêu chí" in r.content.decode() and "Hợp lệ" in r.content.decode()
    pk = r.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]
    r = world.client("leader").get(f"/cham-diem/bo-tieu-chi/{pk}/xlsx/")
    assert r.status_code == 200 and r.content.startswith(b"PK")
    assert status(world, "leader", f"/cham-diem/bo-tieu-chi/{pk}/sao-chep/", "post") == 404
    assert world.client(None).get("/cham-diem/bo-tieu-chi/mau.xlsx").status_code == 200


@pytest.fixture
def published(camp, world):
    for a, signer, officer in (
        (camp.a, world.head_a, world.officer_a),
        (camp.b, world.admin, world.officer_b),
    ):
        fill(officer, a)
        actions.submit(signer, a)
        actions.finalize(world.appraiser, a)
    return camp


def test_results_exports_and_public_page(published, world):
    camp = published
    pub = "/cham-diem/cong-khai/"
    assert "Chưa có kết quả nào được công bố" in world.client(None).get(pub).content.decode()
    assert status(world, None, f"/cham-diem/cong-khai/{camp.pk}/") == 404
    assert status(world, None, f"/cham-diem/dot/{camp.pk}/ket-qua/") == 302
    r = world.client("office").post(
        f"/cham-diem/dot/{camp.pk}/cong-bo/", {"decision_number": "", "decision_date": ""}, follow=True
    )
    assert "Nhập số quyết định" in r.content.decode()
    r = world.client("office").post(f"/cham-diem/dot/{camp.pk}/tinh-diem/", follow=True)
    assert "Đã tính chỉ số" in r.content.decode() and 'id="approve"' not in r.content.decode()
    assert status(world, "office", f"/cham-diem/dot/{camp.pk}/phe-duyet/", "post") == 404
    assert status(world, "officer_a", f"/cham-diem/dot/{camp.pk}/phe-duyet/", "post") == 404
    html = world.client("leader").get(f"/cham-diem/dot/{camp.pk}/ket-qua/").content.decode()
    assert 'id="approve"' in html
    r = world.client("leader").post(f"/cham-diem/dot/{camp.pk}/phe-duyet/", follow=True)
    assert "Đã phê duyệt kết quả" in r.content.decode()
    r = world.client("office").post(
        f"/cham-diem/dot/{camp.pk}/cong-bo/",
        {"decision_number": "15/QĐ-UBND", "decision_date": "20/02/2026"},
        follow=True,
    )
    assert "Đã công bố" in r.content.decode()
    html = world.client(None).get(pub).content.decode()
    assert "Xã Hòa An" in html and "15/QĐ-UBND" in html and "20/02/2026" in html
    assert world.client(None).get(pub + "?q=dong son").content.decode().count("<tr>") == 2  # header + one row
    r = world.client("leader").get(f"/cham-diem/dot/{camp.pk}/ket-qua.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A4"].value == "Xếp hạng" and ws["C5"].value in ("Xã Hòa An", "Phường Đông Sơn")
    r = world.client("leader").get(f"/cham-diem/dot/{camp.pk}/ket-qua.docx")
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kèm theo Quyết định số 15/QĐ-UBND ngày 20/02/2026" in text
    assert len(doc.tables[0].rows) == 3
    assert status(world, "officer_a", f"/cham-diem/dot/{camp.pk}/ket-qua/") == 404


def test_year_on_year_change(published, world):
    camp = published
    publish(world, camp, "1/QĐ", dt.date(2026, 1, 2))
    # next year's campaign: B overtakes A
    new_set = actions.copy_to_next_year(world.office, camp.criteria_set)
    c2 = actions.open_campaign(
        world.office,
        new_set,
        name="2026",
        self_deadline=dt.date(2027, 1, 1),
        explanation_deadline=dt.date(2027, 1, 2),
        appraisal_deadline=dt.date(2027, 1, 3),
    )
    a2, b2 = c2.assessments.get(unit=world.commune_a), c2.assessments.get(unit=world.commune_b)
    fill(world.officer_a, a2, {"3.2": {"value": "10"}})
    fill(world.officer_b, b2)
    actions.compute_campaign(world.office, c2)
    html = world.client("office").get(f"/cham-diem/dot/{c2.pk}/ket-qua/").content.decode()
    assert "giảm 01 bậc" in html or "tăng 01 bậc" in html


def test_points_lost_counts_penalties_not_missed_bonuses(camp, world):
    from chiso.assessments import queries

    fill(world.officer_a, camp.a, {"TR.1": {"value": "2"}, "TH.1": {"value": "0"}, "3.2": {"value": "90"}})
    rows = {r["c"].code: r["lost"] for r in queries.points_lost(camp.a)}
    assert rows["TR.1"] == 1  # 2 late dossiers without apology × 0,5
    assert "TH.1" not in rows
    assert rows["3.2"] == 3  # 90 % → 3 of 6
    assert "8.1" in rows  # no survey points yet: all lost


def test_hot_pages_query_counts(camp, world, django_assert_max_num_queries):
    fill(world.officer_a, camp.a)
    c = world.client("officer_a")
    c.get(f"/cham-diem/danh-gia/{camp.a.pk}/")  # warm the session
    with django_assert_max_num_queries(25):
        assert c.get(f"/cham-diem/danh-gia/{camp.a.pk}/").status_code == 200
    o = world.client("office")
    o.get(f"/cham-diem/dot/{camp.pk}/")
    with django_assert_max_num_queries(20):
        assert o.get(f"/cham-diem/dot/{camp.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert o.get(f"/cham-diem/dot/{camp.pk}/ket-qua/").status_code == 200
