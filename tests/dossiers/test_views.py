"""Persona tests: who may and who may NOT see and change dossiers, by page, API and tampering."""

import io

import pytest
from docx import Document

from chiso.dossiers.models import Apology, CalendarYear, Dossier, Index766Entry
from chiso.orgs.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["admin", "office", "leader", "officer_a", "head_a"])
def test_kpi_page_of_commune_a(world, july, who):
    r = world.client(who).get("/ho-so/?don_vi=T1XA&ky=2025-07")
    assert r.status_code == 200
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in r.content.decode()
    assert "80,00 %" in r.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/ho-so/?don_vi=T1XA&ky=2025-07",
        "/ho-so/766/?don_vi=T1XA&ky=2025-07",
        "/ho-so/tre-han/?don_vi=T1XA&ky=2025-07",
        "/ho-so/hs/D1/",
    ],
)
@pytest.mark.parametrize("who", ["officer_b", "dept_officer"])
def test_others_get_404_for_a(world, july, url, who):
    assert world.client(who).get(url).status_code == 404


def test_anonymous_redirected(world, july):
    for url in ["/ho-so/", "/ho-so/hs/D1/", "/ho-so/nhap/", "/ho-so/lich/"]:
        r = world.client(None).get(url)
        assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


def test_default_unit_is_home_unit(world, july):
    body = world.client("officer_a").get("/ho-so/?ky=2025-07").content.decode()
    assert "Xã Hòa An" in body


def test_late_list_filters_search_and_export(world, july):
    c = world.client("officer_a")
    body = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07").content.decode()
    assert "D3" in body and "D5" in body and "D7" in body and "D1<" not in body
    body = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&xin_loi=chua").content.decode()
    assert ">D3<" not in body and ">D5<" in body
    body = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&q=KHAI SINH").content.decode()  # accent-insensitive
    assert ">D5<" in body
    body = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&q=dat dai").content.decode()
    assert "Không có hồ sơ trễ hạn" in body
    r = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&xuat=xlsx")
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    codes = [row[0] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert set(codes) == {"D3", "D5", "D7"}
    # The province view of the office includes nothing of other provinces, everything of T1.
    r = world.client("office").get("/ho-so/tre-han/?don_vi=T1&ky=2025-07&xuat=xlsx")
    assert set(
        row[0]
        for row in openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(min_row=4, values_only=True)
    ) == {"D3", "D5", "D7"}


def test_dossier_page_timeline(world, july):
    body = world.client("officer_a").get("/ho-so/hs/D4/").content.decode()
    assert "Yêu cầu bổ sung giấy tờ" in body and "Công dân nộp bổ sung" in body


def test_apology_letter_by_officer_of_a(world, july):
    c = world.client("officer_a")
    r = c.post(
        "/ho-so/hs/D5/xin-loi/",
        {
            "issued_on": "05/07/2025",
            "new_due": "10/07/2025 08:00",
            "reason": "Phải xác minh thêm tại địa phương",
            "signer": "Nguyễn Văn Thử",
            "signer_title": "Chủ tịch",
        },
    )
    assert r.status_code == 302
    ap = Apology.objects.get(dossier__code="D5")
    assert ap.source == "web" and ap.number
    assert AuditEntry.objects.filter(action="dossier.apology").count() == 1
    d5 = Dossier.objects.get(code="D5")
    assert d5.has_apology and d5.due_original_at.day == 4 and d5.due_at.day == 10
    r = c.get(f"/ho-so/hs/D5/xin-loi/{ap.pk}.docx")
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs
    )
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Số: ",
        "ngày 05 tháng 07 năm 2025",
        "D5",
        "CHỦ TỊCH",
        "Phải xác minh thêm",
    ):
        assert words in text, words
    # Second letter the same day is refused with a clear message; nothing added.
    r = c.post(
        "/ho-so/hs/D5/xin-loi/",
        {"issued_on": "05/07/2025", "new_due": "11/07/2025 08:00", "reason": "x"},
        follow=True,
    )
    assert "đã có phiếu xin lỗi" in r.content.decode()
    assert Apology.objects.filter(dossier__code="D5").count() == 1


def test_apology_refused_for_others(world, july):
    data = {"issued_on": "05/07/2025", "new_due": "10/07/2025 08:00", "reason": "x"}
    assert world.client("officer_b").post("/ho-so/hs/D5/xin-loi/", data).status_code == 404
    assert world.client("leader").post("/ho-so/hs/D5/xin-loi/", data).status_code == 403
    assert world.client("officer_a").post("/ho-so/hs/D9/xin-loi/", data).status_code == 404
    assert not Apology.objects.filter(source="web").exists()


def test_apology_validation(world, july):
    c = world.client("officer_a")
    r = c.post(
        "/ho-so/hs/D5/xin-loi/",
        {"issued_on": "32/07/2025", "new_due": "10/07/2025 08:00", "reason": ""},
        follow=True,
    )
    body = r.content.decode()
    assert "Ngày xin lỗi" in body
    r = c.post(
        "/ho-so/hs/D5/xin-loi/",
        {"issued_on": "05/07/2025", "new_due": "01/07/2025 08:00", "reason": "x"},
        follow=True,
    )
    assert "Ngày hẹn trả mới phải sau" in r.content.decode()
    assert not Apology.objects.filter(source="web").exists()


def test_import_page_permissions_and_sync_import(world, catalogue, tmp_path):
    from tests.dossiers.conftest import JULY, write_csv

    assert world.client("officer_a").get("/ho-so/nhap/").status_code == 403
    assert world.client("leader").get("/ho-so/nhap/").status_code == 403
    c = world.client("office")
    assert c.get("/ho-so/nhap/").status_code == 200
    path = write_csv(tmp_path / "t7.csv", JULY)
    with open(path, "rb") as f:
        r = c.post("/ho-so/nhap/", {"file": f, "dong_bo": "1"})
    assert r.status_code == 302
    job_page = c.get(r["Location"]).content.decode()
    assert "Hoàn thành" in job_page and "9 hồ sơ mới" in job_page
    assert Dossier.objects.count() == 9
    bad = write_csv(tmp_path / "loi.csv", [list(JULY[0][:2]) + ["KHONG"] + list(JULY[0][3:])])
    with open(bad, "rb") as f:
        r = c.post("/ho-so/nhap/", {"file": f, "dong_bo": "1"})
    body = c.get(r["Location"]).content.decode()
    assert "chưa lưu dòng nào" in body and "loi.csv" in body and "DonViXuLy" in body
    # The HTMX poll gets the fragment only.
    frag = c.get(r["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert frag.lstrip().startswith('<div id="job"') and "<html" not in frag
    # Job pages are private to their owner (and the office/admin).
    assert world.client("officer_a").get(r["Location"]).status_code == 404


def test_calendar_page_edit(world):
    assert world.client("officer_a").get("/ho-so/lich/2025/").status_code == 200
    data = {
        "extra_days_off": "29/12/2025",
        "make_up_days": "",
        "hours": "07:30-11:30, 13:00-17:00",
        "note": "QĐ thử",
    }
    assert world.client("officer_a").post("/ho-so/lich/2025/", data).status_code == 403
    r = world.client("office").post("/ho-so/lich/2025/", data)
    assert r.status_code == 302
    row = CalendarYear.objects.get(year=2025)
    assert row.extra_days_off == ["2025-12-29"]
    assert AuditEntry.objects.filter(action="calendar.update").count() == 1
    body = (
        world.client("office")
        .post("/ho-so/lich/2025/", dict(data, extra_days_off="29/12/2026"), follow=True)
        .content.decode()
    )
    assert "không thuộc năm 2025" in body
    body = (
        world.client("office")
        .post("/ho-so/lich/2025/", dict(data, hours="7h-11h"), follow=True)
        .content.decode()
    )
    assert "Giờ làm việc" in body and "không hợp lệ" in body


def test_766_page_and_entry(world, july):
    r = world.client("officer_a").get("/ho-so/766/?don_vi=T1XA&ky=2025-07")
    body = r.content.decode()
    assert r.status_code == 200 and "không đủ dữ liệu" in body
    assert (
        world.client("officer_a")
        .post(
            "/ho-so/766/?don_vi=T1XA&ky=2025-07", {"item": "pub_ontime", "numerator": "1", "denominator": "2"}
        )
        .status_code
        == 403
    )
    r = world.client("office").post(
        "/ho-so/766/?don_vi=T1XA&ky=2025-07", {"item": "pub_ontime", "numerator": "1", "denominator": "2"}
    )
    assert r.status_code == 302 and Index766Entry.objects.count() == 1


def test_api_scoped(world, july):
    c = world.client("officer_a")
    codes = {d["code"] for d in c.get("/api/dossiers/dossiers?limit=100").json()["items"]}
    assert codes == {"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"}
    assert c.get("/api/dossiers/dossiers/D9").status_code == 404
    assert c.get("/api/dossiers/dossiers/D1").json()["outcome"] == "Trước hạn"
    assert c.get("/api/dossiers/kpis?unit=T1XB&period=2025-07").status_code == 404
    kp = {k["kpi"]: k for k in c.get("/api/dossiers/kpis?unit=T1XA&period=2025-07").json()}
    assert kp["ontime_pct"]["value"] == pytest.approx(80.0)
    late = {d["code"] for d in c.get("/api/dossiers/dossiers?unit=T1XA&late_in=2025-07").json()["items"]}
    assert late == {"D3", "D5", "D7"}
    assert c.get("/api/dossiers/kpis?unit=T1XA&period=2025-13").status_code == 400
    assert world.client(None).get("/api/dossiers/dossiers").status_code == 401


def test_api_push_import(world, catalogue, tmp_path):
    import json

    from tests.dossiers.conftest import HEADER, JULY

    payload = json.dumps([dict(zip(HEADER, r, strict=True)) for r in JULY])
    f = io.BytesIO(payload.encode())
    f.name = "hoso.json"
    r = world.client("officer_a").post("/api/dossiers/import", {"file": f})
    assert r.status_code == 403 and Dossier.objects.count() == 0
    f.seek(0)
    r = world.client("office").post("/api/dossiers/import", {"file": f})
    assert r.status_code == 200 and r.json()["created"] == 9


@pytest.mark.parametrize(
    "who,may",
    [("admin", True), ("office", True), ("leader", False), ("appraiser", False), ("officer_a", False)],
)
def test_import_tab_only_for_those_who_may_import(world, july, who, may):
    c = world.client(who)
    assert (c.get("/ho-so/nhap/").status_code == 200) is may
    for url in ("/ho-so/?don_vi=T1XA&ky=2025-07", "/ho-so/766/?don_vi=T1XA&ky=2025-07", "/ho-so/lich/2025/"):
        body = c.get(url).content.decode()
        assert ('href="/ho-so/nhap/"' in body) is may, url


def test_default_period_is_latest_year_with_received_dossiers(world, july, tmp_path):
    from chiso.dossiers import importer
    from chiso.dossiers.models import KpiRollup
    from tests.dossiers.conftest import JULY, write_csv

    # received in 2025, finished in January 2026: 2026 has aggregates but nothing received
    late_dec = ("D-DEC", "P1", "T1XA", 1, 9, "2025-12-30 08:00", "", "2026-01-02 08:00", "2026-01-05 09:00")
    importer.import_dossiers(write_csv(tmp_path / "dec.csv", [late_dec + JULY[0][9:]]))
    assert KpiRollup.objects.filter(period="2026", unit=world.commune_a, received=0).exists()
    for url in ("/ho-so/?don_vi=T1XA", "/ho-so/766/?don_vi=T1XA", "/ho-so/tre-han/?don_vi=T1XA"):
        body = world.client("officer_a").get(url).content.decode()
        assert '<option value="2025" selected>' in body, url
        assert '<option value="2026">' in body, url  # the selector still offers the next year


def test_ontime_and_766_progress_show_their_definitions(world, july):
    c = world.client("officer_a")
    body = c.get("/ho-so/?don_vi=T1XA&ky=2025-07").content.decode()
    assert "không tính hồ sơ đang giải quyết" in body
    body = c.get("/ho-so/766/?don_vi=T1XA&ky=2025-07").content.decode()
    assert "+ đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết" in body
    assert "Thủ tục có dịch vụ công trực tuyến" in body  # every item says how it is counted


@pytest.mark.parametrize(
    "name,kind,parent,title",
    [
        ("Sở Tư pháp", "department", None, "Giám đốc"),
        ("Văn phòng UBND tỉnh", "department", None, "Chánh Văn phòng"),
        ("Thanh tra tỉnh", "department", None, "Chánh Thanh tra"),
        ("Ban Quản lý Khu kinh tế tỉnh", "department", None, "Trưởng ban"),
        ("Trung tâm Phục vụ hành chính công tỉnh", "desk", None, "Giám đốc"),
        ("Xã Hòa An", "commune", None, "Chủ tịch"),
        ("Phường Đông Sơn", "ward", None, "Chủ tịch"),
        ("Bộ phận Một cửa xã Hòa An", "desk", ("Xã Hòa An", "commune"), "Chủ tịch"),
        ("Bộ phận Một cửa Sở Xây dựng", "desk", ("Sở Xây dựng", "department"), "Giám đốc"),
    ],
)
def test_default_signer_title_follows_the_issuing_body(name, kind, parent, title):
    from chiso.dossiers.letters import default_signer_title
    from chiso.orgs.models import Unit

    up = Unit(name=parent[0], kind=parent[1]) if parent else None
    assert default_signer_title(Unit(name=name, kind=kind, parent=up)) == title


def test_apology_form_title_for_a_department(world, july, tmp_path):
    from chiso.dossiers import importer
    from tests.dossiers.conftest import JULY, write_csv

    late = next(r for r in JULY if r[0] == "D5")  # finished after its due date
    importer.import_dossiers(write_csv(tmp_path / "snv.csv", [("D5-SNV", late[1], "T1.SNV", *late[3:])]))
    body = world.client("office").get("/ho-so/hs/D5-SNV/").content.decode()
    assert 'name="signer_title" value="Giám đốc"' in body
    body = world.client("officer_a").get("/ho-so/hs/D5/").content.decode()
    assert 'name="signer_title" value="Chủ tịch"' in body
