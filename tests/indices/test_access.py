"""Who may see and do what, page by page and endpoint by endpoint."""

import json

import pytest

from chiso.indices import actions
from chiso.indices.models import Node, Responsibility, Result
from chiso.orgs.models import AuditEntry
from tests.conftest import PERSONAS
from tests.indices.conftest import papi_long

READ_PAGES = [
    "/chi-so/",
    "/chi-so/?tinh=42",
    "/chi-so/papi/nam/2024/",
    "/chi-so/papi/nam/2024/?che_do=34",
    "/chi-so/papi/nam/2024/?q=HA%20TINH&sap_xep=D3&chieu=giam",
    "/chi-so/papi/tinh/42/",
    "/chi-so/papi/tinh/42/?nam=2023",
    "/chi-so/papi/tinh/02/",
    "/chi-so/papi/tinh/08/",
    "/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1&gioi_han=best&w_D1=2",
    "/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=2&du_bao=on&gioi_han=max",
    "/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1&gioi_han=best&l_D1=0&l_D2=0%2C5",
    "/chi-so/par/",
    "/chi-so/khung/",
    "/chi-so/khung/papi-2018/",
]


@pytest.fixture
def data(world, papi_small):
    return world


@pytest.mark.parametrize("who", PERSONAS)
def test_read_pages(data, who):
    c = data.client(who)
    for url in READ_PAGES:
        r = c.get(url)
        if who == "anonymous":
            assert r.status_code == 302 and "/dang-nhap/" in r["Location"], url
        else:
            assert r.status_code == 200, (who, url)


def test_page_contents(data):
    c = data.client("leader")
    html = c.get("/chi-so/papi/tinh/42/").content.decode()
    assert "PAPI năm 2024:" in html and "xếp thứ" in html and "so với năm 2023" in html
    assert "Đoạn văn cho báo cáo" in html and "So với trung bình cả nước" in html
    assert 'data-chart="history-chart"' in html and 'data-chart="radar-chart"' in html
    html = c.get("/chi-so/?tinh=42").content.decode()
    assert "PAPI 2024 xếp thứ" in html and 'id="summary-line"' in html
    html = c.get("/chi-so/papi/nam/2024/?q=ha%20tinh").content.decode()
    assert "Hà Tĩnh" in html and "Nghệ An" not in html
    html = c.get("/chi-so/papi/nam/2024/?che_do=34").content.decode()
    assert "Ước tính" in html and "Hà Giang" in html  # Tuyên Quang (new) derived from Hà Giang + Tuyên Quang
    html = c.get("/chi-so/papi/tinh/08/").content.decode()
    assert "Ước tính" in html and "Hình thành ngày 01/07/2025" in html
    html = c.get("/chi-so/papi/tinh/02/").content.decode()
    assert "hợp nhất vào" in html
    html = c.get("/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1&gioi_han=best").content.decode()
    assert "Dư địa từng nội dung" in html
    html = c.get("/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1&gioi_han=best&w_D1=abc").content.decode()
    assert "Trọng số D1" in html
    html = c.get("/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=1&gioi_han=best&l_D1=-2").content.decode()
    assert "không được âm" in html
    r = c.get("/chi-so/papi/nam/2024/?xuat=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats") and r.content[:2] == b"PK"
    assert c.get("/chi-so/khong-co/").status_code == 404
    assert c.get("/chi-so/papi/tinh/ZZ/").status_code == 404


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("admin", True),
        ("office", True),
        ("leader", False),
        ("officer_a", False),
        ("appraiser", False),
        ("dept_officer", False),
    ],
)
def test_import_page_and_node_edit_need_manage(data, who, allowed, tmp_path):
    c = data.client(who)
    r = c.get("/chi-so/nhap-ket-qua/")
    assert r.status_code == (200 if allowed else 403)
    path = tmp_path / "x.csv"
    path.write_text("index,year,province,node_code,score\npapi,2024,Cao Bằng,,40\n", encoding="utf-8")
    with open(path, "rb") as f:
        r = c.post("/chi-so/nhap-ket-qua/", {"index": "papi", "fmt": "long", "file": f})
    assert r.status_code == (200 if allowed else 403)
    assert Result.objects.filter(province__code="04").exists() == allowed
    node = Node.objects.get(version__code="papi-2018", code="D8")
    r = c.post(f"/chi-so/khung/thanh-phan/{node.pk}/", {"name": "Quản trị điện tử (sửa)", "max_points": "10"})
    assert r.status_code == (302 if allowed else 403)
    node.refresh_from_db()
    assert (node.name == "Quản trị điện tử (sửa)") == allowed


def test_import_page_shows_row_errors(data, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("index,year,province,node_code,score\npapi,2024,Atlantis,,40\n", encoding="utf-8")
    with open(path, "rb") as f:
        r = data.client("office").post("/chi-so/nhap-ket-qua/", {"index": "papi", "fmt": "long", "file": f})
    html = r.content.decode()
    assert "chưa lưu gì" in html and "Atlantis" in html and "bad.csv" in html


def test_node_edit_validation(data):
    node = Node.objects.get(version__code="papi-2018", code="D1")
    c = data.client("office")
    c.post(f"/chi-so/khung/thanh-phan/{node.pk}/", {"name": "X", "max_points": "1"})
    node.refresh_from_db()
    assert node.max_points == 10  # published scores above 1 exist: refused
    assert AuditEntry.objects.filter(action="indices.node.update").count() == 0


@pytest.mark.parametrize(
    "who,status",
    [
        ("admin", 200),
        ("office", 200),
        ("leader", 200),
        ("appraiser", 200),
        ("officer_a", 200),  # people of the province read the mapping (not edit it)
        ("officer_b", 200),
        ("dept_officer", 200),
        ("anonymous", 302),
    ],
)
def test_mapping_page(data, who, status):
    r = data.client(who).get(f"/chi-so/phan-cong/{data.province.code}/")
    assert r.status_code == status


@pytest.mark.parametrize(
    "who,ok",
    [("admin", True), ("office", True), ("leader", False), ("appraiser", False), ("officer_a", False)],
)
def test_mapping_edit(data, who, ok):
    c = data.client(who)
    r = c.post(
        f"/chi-so/phan-cong/{data.province.code}/",
        {
            "index": "papi",
            "node_code": "D1",
            "agency": data.department.code,
            "lead": "on",
            "note": "Dân chủ cơ sở",
        },
    )
    assert r.status_code == (302 if ok else 404)
    assert Responsibility.objects.filter(province=data.province).exists() == ok
    # Another province's mapping is out of reach (404), whatever the role here.
    r = c.post("/chi-so/phan-cong/42/", {"index": "papi", "node_code": "D1", "agency": "42.SNV"})
    assert r.status_code == (302 if who == "admin" else 404) or (who == "admin" and r.status_code == 200)


def test_mapping_feeds_the_plan(data):
    actions.set_responsibility(None, data.province, data_index("papi"), "D1", data.department, True, "")
    # Give the test province results so it can be planned for.
    from chiso.indices.actions import import_results

    text = papi_long(
        provinces=["Thử Nghiệm", "Hà Tĩnh", "Quảng Ninh", "Nghệ An"],
        base={(2024, "Thử Nghiệm", d): 2 for d in range(1, 9)},
    )
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "t.csv"
        p.write_text(text, encoding="utf-8")
        import_results(None, data_index("papi"), p, fmt="long")
    html = (
        data.client("office")
        .get(
            f"/chi-so/papi/tinh/{data.province.code}/tang-hang/?nam=2024&hang=1&gioi_han=best&w_D2=1&w_D1=0,5"
        )
        .content.decode()
    )
    assert "Sở Nội vụ: +" in html and "D1 Tham gia" in html
    # An officer of the province reads the assignments too (see test_links_and_defaults for outsiders).
    html = (
        data.client("officer_b")
        .get(f"/chi-so/papi/tinh/{data.province.code}/tang-hang/?nam=2024&hang=1&gioi_han=best")
        .content.decode()
    )
    assert "Sở Nội vụ: +" in html and "chỉ hiển thị cho người dùng của tỉnh" not in html


def data_index(code):
    from chiso.indices.models import Index

    return Index.objects.get(code=code)


# ---------------------------------------------------------------- API


@pytest.mark.parametrize("who", PERSONAS)
def test_api_public_and_private(data, who):
    c = data.client(who)
    for url in [
        "/api/indices/",
        "/api/indices/papi/frameworks",
        "/api/indices/papi/results/2024",
        "/api/indices/papi/results/2024?derived=true",
    ]:
        assert c.get(url).status_code == 200, url
    r = c.get("/api/indices/papi/provinces/42")
    assert r.status_code == (401 if who == "anonymous" else 200)
    r = c.post(
        "/api/indices/papi/plan",
        json.dumps({"province": "42", "year": 2024, "target_rank": 1}),
        content_type="application/json",
    )
    assert r.status_code == (401 if who == "anonymous" else 200)
    r = c.get(f"/api/indices/mappings/{data.province.code}")
    expected = {"anonymous": 401}.get(who, 200)  # every persona here is of the province
    assert r.status_code == expected


def test_api_results_and_plan_content(data):
    c = data.client("leader")
    body = c.get("/api/indices/papi/results/2024").json()
    assert body["version"] == "papi-2018" and len(body["rows"]) == 6
    assert [r["rank"] for r in body["rows"]] == sorted(r["rank"] for r in body["rows"])
    plan = c.post(
        "/api/indices/papi/plan",
        json.dumps({"province": "42", "year": 2024, "target_rank": 1, "weights": {"D1": 3}}),
        content_type="application/json",
    ).json()
    assert {"needed_points", "reachable", "allocation", "total_effort"} <= set(plan)
    bad = c.post(
        "/api/indices/papi/plan",
        json.dumps({"province": "42", "year": 2024, "target_rank": 0}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    bad = c.post(
        "/api/indices/papi/plan",
        json.dumps({"province": "42", "year": 2024, "target_rank": 1, "weights": {"D9": 1}}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "D9" in bad.json()["detail"]


@pytest.mark.parametrize(
    "who,status", [("admin", 200), ("office", 200), ("leader", 403), ("officer_a", 403), ("anonymous", 401)]
)
def test_api_import(data, who, status, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    f = SimpleUploadedFile("r.csv", "index,year,province,node_code,score\npapi,2024,Cao Bằng,,40\n".encode())
    r = data.client(who).post("/api/indices/papi/import", {"file": f, "format": "long"})
    assert r.status_code == status
    assert Result.objects.filter(province__code="04").exists() == (status == 200)


@pytest.mark.parametrize(
    "who,status", [("admin", 201), ("office", 201), ("leader", 404), ("officer_a", 404), ("anonymous", 401)]
)
def test_api_mapping_write(data, who, status):
    payload = {"index": "papi", "node_code": "D5", "agency": data.department.code}
    r = data.client(who).post(
        f"/api/indices/mappings/{data.province.code}", json.dumps(payload), content_type="application/json"
    )
    assert r.status_code == status
    # An agency of another province is refused even for the office.
    if who == "office":
        r = data.client(who).post(
            f"/api/indices/mappings/{data.province.code}",
            json.dumps(payload | {"agency": "42.VP"}),
            content_type="application/json",
        )
        assert r.status_code == 422


@pytest.mark.parametrize(
    "who,ok",
    [("admin", True), ("office", True), ("leader", False), ("officer_a", False), ("anonymous", False)],
)
def test_mapping_defaults_and_delete(data, who, ok):
    c = data.client(who)
    r = c.post(f"/chi-so/phan-cong/{data.province.code}/mac-dinh/")
    assert r.status_code == (302 if ok else (302 if who == "anonymous" else 404))
    made = Responsibility.objects.filter(province=data.province)
    if ok:
        # The shipped defaults that name Sở Nội vụ (the only department here) were applied.
        assert made.exists() and set(made.values_list("agency__code", flat=True)) == {"T1.SNV"}
        assert made.filter(index__code="papi", node_code="D1", lead=True).exists()
    else:
        assert not made.exists()
    obj = actions.set_responsibility(None, data.province, data_index("par"), "LV4", data.department)[0]
    r = c.post(f"/chi-so/phan-cong/{data.province.code}/{obj.pk}/xoa/")
    assert Responsibility.objects.filter(pk=obj.pk).exists() != ok
    # GET is not allowed on state-changing URLs.
    if ok:
        assert c.get(f"/chi-so/phan-cong/{data.province.code}/mac-dinh/").status_code == 405
