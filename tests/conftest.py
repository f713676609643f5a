"""Shared fixtures: the personas every view and endpoint is tested with.

`world` builds a province with a department and two communes (A and B) and these people:
admin (system administrator), office (reform office of the province), leader, officer_a
(officer of commune A), head_a (head of commune A), officer_b (officer of commune B),
appraiser, and anonymous (no login)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from chiso.orgs import actions
from chiso.orgs.models import Role, Unit, UnitKind

PASSWORD = "test-password-123"


@dataclass
class World:
    province: Unit
    department: Unit
    commune_a: Unit
    commune_b: Unit
    desk_a: Unit
    admin: object
    office: object
    leader: object
    officer_a: object
    head_a: object
    officer_b: object
    appraiser: object
    dept_officer: object

    def client(self, who: str | None) -> Client:
        """A logged-in test client for a persona name, or anonymous for None/'anonymous'."""
        c = Client()
        if who and who != "anonymous":
            c.force_login(getattr(self, who))
        return c


PERSONAS = ["admin", "office", "leader", "officer_a", "head_a", "officer_b", "appraiser", "anonymous"]


def make_world() -> World:
    User = get_user_model()
    province = actions.save_unit(
        None, Unit(code="T1"), name="Tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE, aliases="Thử Nghiệm"
    )[0]
    department = actions.save_unit(
        None, Unit(code="T1.SNV"), name="Sở Nội vụ", kind=UnitKind.DEPARTMENT, parent=province
    )[0]
    commune_a = actions.save_unit(
        None,
        Unit(code="T1XA"),
        name="Xã Hòa An",
        kind=UnitKind.COMMUNE,
        parent=province,
        valid_from=dt.date(2025, 7, 1),
    )[0]
    commune_b = actions.save_unit(
        None,
        Unit(code="T1XB"),
        name="Phường Đông Sơn",
        kind=UnitKind.WARD,
        parent=province,
        valid_from=dt.date(2025, 7, 1),
    )[0]
    desk_a = actions.save_unit(
        None, Unit(code="T1XA.MC"), name="Bộ phận Một cửa xã Hòa An", kind=UnitKind.DESK, parent=commune_a
    )[0]

    def person(username, role=None, unit=None, **extra):
        user = User.objects.create_user(username, f"{username}@example.invalid", PASSWORD, **extra)
        if role:
            actions.assign_role(None, user, role, unit)
        return user

    return World(
        province=province,
        department=department,
        commune_a=commune_a,
        commune_b=commune_b,
        desk_a=desk_a,
        admin=person("admin_t", is_superuser=True, is_staff=True),
        office=person("office_t", Role.REFORM_OFFICE, province),
        leader=person("leader_t", Role.LEADER, province),
        officer_a=person("officer_a", Role.OFFICER, commune_a),
        head_a=person("head_a", Role.HEAD, commune_a),
        officer_b=person("officer_b", Role.OFFICER, commune_b),
        appraiser=person("appraiser_t", Role.APPRAISER, province),
        dept_officer=person("dept_officer", Role.OFFICER, department),
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def shared_dir():
    from django.conf import settings

    path = settings.CHISO_SHARED_DIR
    if not path.exists():
        pytest.skip("../shared is not present")
    return path
