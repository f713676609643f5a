"""Who may and who may not: every orgs view and API endpoint, with the personas."""

import pytest

from chiso.orgs import actions
from chiso.orgs.models import AuditEntry, RoleAssignment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["admin", "office", "leader", "officer_a", "officer_b", "appraiser"])
def test_logged_in_people_see_the_directory(world, who):
    assert world.client(who).get("/don-vi/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/don-vi/",
        "/don-vi/T1/",
        "/quan-tri/nguoi-dung/",
        "/quan-tri/nhat-ky/",
        "/tai-khoan/",
        "/thong-bao/",
    ],
)
def test_anonymous_is_sent_to_login(world, url):
    r = world.client(None).get(url)
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")


def test_officer_sees_own_commune_not_the_other(world):
    c = world.client("officer_a")
    assert c.get("/don-vi/T1XA/").status_code == 200
    assert c.get("/don-vi/T1XA.MC/").status_code == 200
    assert c.get("/don-vi/T1XB/").status_code == 404
    assert c.get("/don-vi/T1/").status_code == 404
    r = c.get("/don-vi/?q=dong son")
    assert "Phường Đông Sơn" not in r.content.decode()
    r = c.get("/don-vi/?q=hoa an")
    assert "Xã Hòa An" in r.content.decode()


def test_search_is_accent_insensitive(world):
    c = world.client("office")
    for q in ["hoa an", "HOA AN", "Hòa An", "hòa"]:
        assert "Xã Hòa An" in c.get("/don-vi/", {"q": q}).content.decode(), q


@pytest.mark.parametrize(
    "who,status", [("office", 200), ("admin", 200), ("leader", 403), ("officer_a", 403), ("appraiser", 403)]
)
def test_user_management_is_for_the_reform_office(world, who, status):
    assert world.client(who).get("/quan-tri/nguoi-dung/").status_code == status
    assert world.client(who).get("/quan-tri/nhat-ky/").status_code == status


def test_office_creates_user_with_role_and_it_is_audited(world):
    c = world.client("office")
    r = c.post(
        "/quan-tri/nguoi-dung/",
        {
            "username": "moi",
            "full_name": "Người Mới",
            "email": "",
            "password": "mat-khau-dai-123",
            "role": "officer",
            "unit_code": "T1XB",
        },
    )
    assert r.status_code == 302
    ra = RoleAssignment.objects.get(user__username="moi")
    assert ra.unit == world.commune_b
    assert AuditEntry.objects.filter(action="user.create", actor=world.office).exists()
    assert AuditEntry.objects.filter(action="role.assign", actor=world.office, source="web").exists()


def test_role_assignment_tampering_outside_scope_is_refused(world):
    from chiso.orgs.models import Unit, UnitKind

    other = actions.save_unit(None, Unit(code="T2"), name="Tỉnh Khác", kind=UnitKind.PROVINCE)[0]
    c = world.client("office")
    c.post(
        f"/quan-tri/nguoi-dung/{world.officer_a.pk}/vai-tro/",
        {"role": "reform_office", "unit_code": other.code},
    )
    assert not RoleAssignment.objects.filter(user=world.officer_a, unit=other).exists()
    # an officer cannot grant roles at all, even on their own unit
    r = world.client("officer_a").post(
        f"/quan-tri/nguoi-dung/{world.officer_b.pk}/vai-tro/", {"role": "officer", "unit_code": "T1XA"}
    )
    assert r.status_code == 403
    assert not RoleAssignment.objects.filter(user=world.officer_b, unit=world.commune_a).exists()


def test_office_cannot_grant_admin(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.assign_role(world.office, world.officer_a, "admin", world.province)


def test_revoke_outside_scope_is_404(world):
    ra = RoleAssignment.objects.get(user=world.officer_b)
    r = world.client("officer_a").post(f"/quan-tri/vai-tro/{ra.pk}/thu-hoi/")
    assert r.status_code in (403, 404)
    assert RoleAssignment.objects.filter(pk=ra.pk).exists()


def test_audit_trail_is_read_only(world):
    entry = AuditEntry.objects.first()
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert world.client("office").post("/quan-tri/nhat-ky/").status_code in (403, 405, 200)
    assert AuditEntry.objects.filter(pk=entry.pk).exclude(action="changed").exists()


def test_unit_update_records_before_and_after(world):
    actions.save_unit(world.office, world.commune_a, name="Xã Hòa An Mới")
    e = AuditEntry.objects.filter(action="unit.update").latest("id")
    assert e.before == {"name": "Xã Hòa An"} and e.after == {"name": "Xã Hòa An Mới"}
    assert e.actor == world.office


def test_officer_cannot_edit_units(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.save_unit(world.officer_a, world.commune_a, name="Đổi tên")


# --- API ---------------------------------------------------------------------------------------


def _bearer(world, who):
    _, secret = actions.create_api_token(getattr(world, who), getattr(world, who), "thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_api_requires_auth(world):
    c = world.client(None)
    assert c.get("/api/me").status_code == 401
    assert c.get("/api/units").status_code == 401
    assert c.get("/api/units", HTTP_AUTHORIZATION="Bearer sai").status_code == 401


def test_api_token_scopes_like_the_web(world):
    c = world.client(None)
    h = _bearer(world, "officer_a")
    me = c.get("/api/me", **h).json()
    assert me["username"] == "officer_a" and me["roles"][0]["unit"] == "T1XA"
    codes = {u["code"] for u in c.get("/api/units?limit=100", **h).json()["items"]}
    assert codes == {"T1XA", "T1XA.MC"}
    assert c.get("/api/units/T1XB", **h).status_code == 404
    assert c.get("/api/units/T1XA", **h).json()["ancestors"] == ["T1"]
    assert c.get("/api/units/T1/tree", **h).status_code == 404


def test_api_search_and_tree_for_office(world):
    c = world.client(None)
    h = _bearer(world, "office")
    items = c.get("/api/units?q=dong son", **h).json()["items"]
    assert [u["code"] for u in items] == ["T1XB"]
    tree = c.get("/api/units/T1/tree?on=2025-08-01", **h).json()
    assert {ch["code"] for ch in tree["children"]} == {"T1.SNV", "T1XA", "T1XB"}
    tree_before = c.get("/api/units/T1/tree?on=2025-01-01", **h).json()
    assert {ch["code"] for ch in tree_before["children"]} == {"T1.SNV"}


def test_revoked_token_stops_working(world):
    token, secret = actions.create_api_token(world.office, world.office, "thu hồi")
    c = world.client(None)
    assert c.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    actions.revoke_api_token(world.office, token)
    assert c.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    token.refresh_from_db()
    assert secret not in token.key_hash


def test_tokens_page_shows_secret_once(world):
    c = world.client("officer_a")
    r = c.post("/tai-khoan/", {"name": "một cửa"})
    body = r.content.decode()
    assert "chiso_" in body
    secret = body.split('id="new-token">')[1].split("<")[0]
    assert secret not in c.get("/tai-khoan/").content.decode()


def test_cannot_revoke_someone_elses_token(world):
    token, _ = actions.create_api_token(world.officer_b, world.officer_b, "b")
    r = world.client("officer_a").post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/")
    assert r.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_api_openapi_document(world):
    r = world.client("office").get("/api/openapi.json")
    assert r.status_code == 200
    assert "/api/units" in r.json()["paths"]


def test_notifications_are_private_and_idempotent(world):
    n = actions.notify(world.officer_a, "Nhắc việc", "Hạn nộp báo cáo", dedupe_key="x:1")
    assert actions.notify(world.officer_a, "Nhắc việc", "Hạn nộp báo cáo", dedupe_key="x:1") is None
    assert world.client("officer_b").post(f"/thong-bao/{n.pk}/doc/").status_code == 404
    assert "Nhắc việc" in world.client("officer_a").get("/thong-bao/").content.decode()


def test_admin_sees_the_whole_audit_trail(world):
    actions.save_unit(world.office, world.commune_a, name="Xã Hòa An Mới")
    body = world.client("admin").get("/quan-tri/nhat-ky/").content.decode()
    assert "unit.update" in body and "Chưa có thay đổi nào" not in body


def test_unit_page_links_only_to_units_the_user_may_read(world):
    import datetime as dt

    from chiso.orgs.models import LinkKind, Unit, UnitKind

    old = actions.save_unit(
        None,
        Unit(code="T1OLD"),
        name="Xã Cũ",
        kind=UnitKind.COMMUNE,
        parent=world.province,
        valid_to=dt.date(2025, 6, 30),
    )[0]
    actions.link_units(None, old, world.commune_a, LinkKind.MERGE, dt.date(2025, 7, 1))
    body = world.client("officer_a").get("/don-vi/T1XA/").content.decode()
    assert "Xã Cũ" in body and 'href="/don-vi/T1OLD/"' not in body
    assert "Tỉnh Thử Nghiệm" in body and 'href="/don-vi/T1/"' not in body
    body = world.client("office").get("/don-vi/T1XA/").content.decode()
    assert 'href="/don-vi/T1OLD/"' in body and 'href="/don-vi/T1/"' in body
