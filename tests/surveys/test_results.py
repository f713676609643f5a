"""Indices from stored responses (rolled up the tree), persona tests for the results pages, commands."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from chiso.dossiers import kpi_registry
from chiso.lib import periods
from chiso.surveys import actions, queries
from chiso.surveys.models import Response

from .conftest import answers

Y2025 = periods.parse("2025")


def _add(version, unit, n, sat, **extra):
    """n responses at `unit`, the first `sat` satisfied on every element (5), the rest 2."""
    pairs = []
    for i in range(n):
        v = "5" if i < sat else "2"
        a = answers(tiep_can=v, thu_tuc=v, cong_chuc=v, ket_qua=v, **extra)
        when = timezone.make_aware(dt.datetime(2025, 8, 1 + i % 28, 9, 0))
        pairs.append(
            actions.build_response(version, unit, a, when, "demo", import_key=f"t:{unit.code}:{i}:{extra}")
        )
    actions.save_generated(pairs)


@pytest.fixture
def data(world, version):
    _add(version, world.desk_a, 32, 24)  # desk of A: 75 %
    _add(version, world.commune_a, 8, 8, y_kien="Cán bộ xã A hướng dẫn tận tình")  # A itself: 100 %
    _add(version, world.commune_b, 10, 5, y_kien="Phải chờ đợi lâu ở phường B")  # B: 50 %, n < 30
    return world


def test_indices_roll_up_the_tree(data, version):
    a = queries.indices(data.commune_a, Y2025)
    assert a.respondents == 40
    assert a.element("access").pct == pytest.approx(80.0)  # (24 + 8) / 40
    assert a.element("feedback").pct is None and a.element("feedback").n == 0  # nobody asked
    assert a.overall.pct == pytest.approx(80.0) and not a.overall.small
    desk = queries.indices(data.desk_a, Y2025)
    assert desk.overall.pct == pytest.approx(75.0) and desk.respondents == 32
    b = queries.indices(data.commune_b, Y2025)
    assert b.overall.pct == pytest.approx(50.0) and b.overall.small  # 10 < 30
    province = queries.indices(data.province, Y2025)
    assert province.respondents == 50 and province.overall.pct == pytest.approx(74.0)
    assert queries.indices(data.province, periods.parse("2024")).respondents == 0
    assert queries.indices(data.province, Y2025, field="dat_dai").respondents == 0


def test_ranking_skips_small_units(data):
    groups, min_n = queries.ranking(data.province, Y2025)
    assert min_n == 30
    assert [g["label"] for g in groups] == ["Xã, phường, đặc khu"]
    assert [(r["unit"].code, r["rank"]) for r in groups[0]["rows"]] == [("T1XA", 1), ("T1XB", None)]


def test_kpi_is_registered_and_answers(data):
    kpi = kpi_registry.get("satisfaction_pct")
    assert kpi is not None and kpi.source == "surveys" and kpi.unit == "%"
    v = kpi_registry.value("satisfaction_pct", data.commune_a, Y2025)
    assert v.value == pytest.approx(80.0) and v.denominator == 40
    assert kpi_registry.value("satisfaction_pct", data.commune_a, periods.parse("2024")) is None


def test_satisfaction_command_csv(data):
    out = io.StringIO()
    call_command("satisfaction", unit="T1XA", period="2025", csv=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "scope,n,satisfied_pct,ci_low,ci_high"
    assert [line.split(",")[0] for line in lines[1:]] == [
        "access",
        "procedures",
        "civil_servants",
        "results",
        "feedback",
        "overall",
    ]
    assert lines[1] == "access,40,80.00,65.24,89.50"
    assert lines[5] == "feedback,0,,,"
    assert lines[6].startswith("overall,40,80.00,")


def test_survey_points_export(data):
    out = io.StringIO()
    call_command("survey_points", unit="T1", period="2025", map="tiep_can=TC5.1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "unit,code,option,count"
    assert "T1XA,TC5.1,5,32" in lines and "T1XA,TC5.1,2,8" in lines and "T1XB,TC5.1,5,5" in lines
    out = io.StringIO()
    call_command(
        "survey_points",
        unit="T1",
        period="2025",
        map="tiep_can=TC5.1",
        format="points",
        max_points=2,
        stdout=out,
    )
    assert "T1XA,TC5.1,1.60" in out.getvalue().splitlines()
    out = io.StringIO()
    call_command("survey_points", unit="T1", period="2025", map="tiep_can=TC5.1", labels=True, stdout=out)
    assert "T1XA,TC5.1,Rất hài lòng,32" in out.getvalue().splitlines()


def test_import_commands(world, tmp_path):
    from chiso.surveys.demo import FORM

    out = io.StringIO()
    call_command("import_form", str(FORM), unit="T1", stdout=out)
    assert "đã nạp" in out.getvalue()
    out = io.StringIO()
    call_command("import_form", str(FORM), unit="T1", stdout=out)
    assert "không đổi" in out.getvalue()
    csv_file = tmp_path / "p.csv"
    csv_file.write_text(
        "unit,so_lan,tiep_can,thu_tuc,cong_chuc,ket_qua,da_gop_y,phi_ngoai\nT1XA,1,5,5,5,5,khong,khong\n"
    )
    call_command("import_responses", str(csv_file), form="chiso_mot_cua", stdout=io.StringIO())
    call_command("import_responses", str(csv_file), form="chiso_mot_cua", stdout=io.StringIO())
    assert Response.objects.count() == 1


# --- persona tests for the pages ---------------------------------------------------------------

RESULTS_ACCESS = {
    "admin": 200,
    "office": 200,
    "leader": 200,
    "officer_a": 200,
    "head_a": 200,
    "officer_b": 404,
    "appraiser": 200,
}


@pytest.mark.parametrize("who, status", RESULTS_ACCESS.items())
def test_results_of_a_by_persona(data, who, status):
    r = data.client(who).get("/khao-sat/ket-qua/?don_vi=T1XA&ky=2025")
    assert r.status_code == status
    if status == 200:
        html = r.content.decode()
        assert "80,00 %" in html and "Chưa có câu trả lời hợp lệ" in html


def test_anonymous_is_sent_to_login(data):
    for url in [
        "/khao-sat/",
        "/khao-sat/ket-qua/",
        "/khao-sat/y-kien/",
        "/khao-sat/bieu-mau/",
        "/khao-sat/ket-qua.csv",
    ]:
        r = data.client(None).get(url)
        assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


def test_officer_a_cannot_see_b_results_comments_csv_or_poster(data, point_b):
    c = data.client("officer_a")
    assert c.get("/khao-sat/ket-qua/?don_vi=T1XB").status_code == 404
    assert c.get("/khao-sat/ket-qua.csv?don_vi=T1XB").status_code == 404
    assert c.get("/khao-sat/y-kien/?don_vi=T1XB").status_code == 404
    assert c.get(f"/khao-sat/diem/{point_b.slug}/poster.pdf").status_code == 404
    assert c.get(f"/khao-sat/diem/{point_b.slug}/").status_code == 404
    # the province view of officer_a: only A's comments, never B's
    own = c.get("/khao-sat/y-kien/?ky=2025").content.decode()
    assert "xã A" in own and "phường B" not in own
    office = data.client("office").get("/khao-sat/y-kien/?don_vi=T1&ky=2025").content.decode()
    assert "xã A" in office and "phường B" in office


def test_comment_search_is_accent_insensitive(data):
    c = data.client("office")
    html = c.get("/khao-sat/y-kien/?don_vi=T1&ky=2025&q=cho doi lau").content.decode()
    assert "Phải chờ đợi lâu" in html and "hướng dẫn tận tình" not in html
    html = c.get("/khao-sat/y-kien/?don_vi=T1&ky=2025&q=HƯỚNG DẪN").content.decode()
    assert "hướng dẫn tận tình" in html
    assert "Không có ý kiến nào chứa" in c.get("/khao-sat/y-kien/?don_vi=T1&ky=2025&q=xyz").content.decode()


def test_results_page_has_charts_ranking_and_csv(data):
    c = data.client("office")
    html = c.get("/khao-sat/ket-qua/?don_vi=T1&ky=2025").content.decode()
    assert (
        'data-chart="radar-opt"' in html
        and 'data-chart="trend-opt"' in html
        and 'data-chart="dist-opt"' in html
    )
    assert 'id="ranking"' in html and "chưa xếp" in html
    csv_text = c.get("/khao-sat/ket-qua.csv?don_vi=T1&ky=2025").content.decode("utf-8-sig")
    assert csv_text.startswith("Đơn vị;Kỳ;Nhóm;Nội dung;")  # for people; the command keeps the contract
    assert (
        "Kỳ &#x27;20x5&#x27; không hợp lệ" in c.get("/khao-sat/ket-qua/?don_vi=T1&ky=20x5").content.decode()
    )
    empty = c.get("/khao-sat/ket-qua/?don_vi=T1&ky=2024").content.decode()
    assert "Chưa có phiếu khảo sát nào" in empty
    points = c.get("/khao-sat/diem-khao-sat.csv?don_vi=T1&ky=2025&map=tiep_can%3DTC5.1").content.decode()
    assert points.splitlines()[0] == "unit,code,option,count"


def test_point_page_poster_and_toggle(data, point_a):
    c = data.client("officer_a")
    assert c.get(f"/khao-sat/diem/{point_a.slug}/").status_code == 200
    pdf = c.get(f"/khao-sat/diem/{point_a.slug}/poster.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert c.post(f"/khao-sat/diem/{point_a.slug}/", {"active": "0"}).status_code == 302
    point_a.refresh_from_db()
    assert not point_a.active
    # the leader may read but not write
    assert data.client("leader").post(f"/khao-sat/diem/{point_a.slug}/", {"active": "1"}).status_code == 404
    point_a.refresh_from_db()
    assert not point_a.active


def test_create_point_needs_write_on_the_unit(data, version):
    q = version.questionnaire
    assert (
        data.client("officer_a").post("/khao-sat/diem/tao/", {"phieu": q.pk, "don_vi": "T1XB"}).status_code
        == 404
    )
    r = data.client("officer_a").post("/khao-sat/diem/tao/", {"phieu": q.pk, "don_vi": "T1XA"})
    assert r.status_code == 302 and q.points.filter(unit=data.commune_a).exists()


def test_form_upload_needs_manage(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chiso.surveys.demo import FORM

    up = SimpleUploadedFile("f.xlsx", FORM.read_bytes())
    r = data.client("officer_a").post("/khao-sat/bieu-mau/", {"unit": "T1XA", "file": up})
    assert r.status_code == 404
    up = SimpleUploadedFile("f.xlsx", FORM.read_bytes())
    r = data.client("office").post("/khao-sat/bieu-mau/", {"unit": "T1", "file": up}, follow=True)
    assert r.status_code == 200 and "không có gì thay đổi" in r.content.decode()


def test_import_page_reports_errors_and_saves_nothing(data, version):
    from django.core.files.uploadedfile import SimpleUploadedFile

    q = version.questionnaire
    before = Response.objects.count()
    up = SimpleUploadedFile("x.csv", b"unit,so_lan,tiep_can\nT1XA,99,5\n")
    r = data.client("officer_a").post(f"/khao-sat/bieu-mau/{q.pk}/nhap-phieu/", {"file": up}, follow=True)
    html = r.content.decode()
    assert "chưa có phiếu nào được lưu" in html and "x.csv, dòng 2, cột so_lan" in html
    assert Response.objects.count() == before
    up = SimpleUploadedFile(
        "y.csv",
        b"unit,so_lan,tiep_can,thu_tuc,cong_chuc,ket_qua,da_gop_y,phi_ngoai\nT1XB,1,5,5,5,5,khong,khong\n",
    )
    html = (
        data.client("officer_a")
        .post(f"/khao-sat/bieu-mau/{q.pk}/nhap-phieu/", {"file": up}, follow=True)
        .content.decode()
    )
    assert "không có quyền" in html and Response.objects.count() == before


def test_index_and_questionnaire_pages(data, point_a, version):
    c = data.client("officer_a")
    html = c.get("/khao-sat/").content.decode()
    assert point_a.slug in html
    html = c.get(f"/khao-sat/bieu-mau/{version.questionnaire_id}/").content.decode()
    assert "Tiếp cận dịch vụ" in html and "Hài lòng; Rất hài lòng" in html
    r = c.get(f"/khao-sat/bieu-mau/{version.questionnaire_id}/tai/{version.pk}/")
    assert r.status_code == 200 and r.content.startswith(b"PK")
    # officer_b sees no point of A in the list
    assert point_a.slug not in data.client("officer_b").get("/khao-sat/").content.decode()


# --- API -----------------------------------------------------------------------------------------


def test_api_indices_and_comments_by_persona(data):
    r = data.client("officer_a").get("/api/surveys/indices?unit=T1XA&period=2025")
    assert r.status_code == 200
    body = r.json()
    assert body["respondents"] == 40 and body["overall"]["satisfied_pct"] == 80.0
    assert [e["scope"] for e in body["elements"]][-1] == "feedback" and body["elements"][-1][
        "satisfied_pct"
    ] is None
    assert data.client("officer_a").get("/api/surveys/indices?unit=T1XB&period=2025").status_code == 404
    assert data.client(None).get("/api/surveys/indices?unit=T1XA&period=2025").status_code == 401
    items = (
        data.client("officer_a").get("/api/surveys/comments?unit=T1XA&period=2025&q=tan tinh").json()["items"]
    )
    assert len(items) == 8 and all(i["unit"] == "T1XA" for i in items)
    assert data.client("officer_a").get("/api/surveys/comments?unit=T1XB&period=2025").status_code == 404
    assert data.client("officer_a").get("/api/surveys/comments?unit=T1&period=2025").status_code == 404
    b = data.client("office").get("/api/surveys/comments?unit=T1&period=2025&q=cho doi").json()
    assert b["count"] == 10 and {i["unit"] for i in b["items"]} == {"T1XB"}


def test_api_points_are_scoped(data, point_a, point_b):
    slugs = {p["slug"] for p in data.client("officer_a").get("/api/surveys/points").json()["items"]}
    assert slugs == {point_a.slug}
    slugs = {p["slug"] for p in data.client("office").get("/api/surveys/points").json()["items"]}
    assert slugs == {point_a.slug, point_b.slug}


def test_poster_pdf_carries_unit_name_and_url(data, point_a):
    from pypdf import PdfReader

    pdf = data.client("head_a").get(f"/khao-sat/diem/{point_a.slug}/poster.pdf").content
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 148 and round(float(box.height) / 72 * 25.4) == 210  # A5
    assert "Bộ phận Một cửa xã Hòa An" in text and f"/khao-sat/{point_a.slug}/" in text
