"""Frameworks as data: loading is idempotent, the office edits them, versions never overlap."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.indices import actions, queries
from chiso.indices.models import FrameworkVersion, Node, Result
from chiso.lib import ranking
from chiso.orgs.models import AuditEntry, Unit


def test_shipped_frameworks(frameworks):
    assert set(frameworks) == {"papi", "par", "sipas", "pci", "i766"}
    papi = frameworks["papi"]
    assert queries.version_for(papi, 2017).code == "papi-2011"
    assert queries.version_for(papi, 2018).code == "papi-2018"
    assert queries.version_for(papi, 2010) is None
    v18 = FrameworkVersion.objects.get(code="papi-2018")
    top = Node.objects.filter(version=v18, parent__isnull=True)
    assert top.count() == 8 and Node.objects.filter(version=v18, parent__isnull=False).count() == 28
    assert Node.objects.filter(version__code="papi-2011").count() == 6
    par = FrameworkVersion.objects.get(code="par-2948")
    assert sum(n.max_points for n in par.nodes.all()) == 100
    # The 2022–2030 fields are named but their maxima are not invented.
    assert not FrameworkVersion.objects.get(code="par-876").nodes.filter(max_points__isnull=False).exists()
    assert FrameworkVersion.objects.get(code="par-876").grouping["kind"] == "bands"
    assert v18.grouping["labels"] == ["Cao nhất", "Trung bình cao", "Trung bình thấp", "Thấp nhất"]
    assert Node.objects.filter(version__code="sipas-2022", code="P2").get().children.count() == 5
    assert FrameworkVersion.objects.get(code="pci").nodes.count() == 0
    for v in FrameworkVersion.objects.filter(code__startswith="i766"):
        groups = v.nodes.filter(parent__isnull=True)
        assert sum(n.max_points for n in groups) == 100


def test_load_frameworks_is_idempotent(frameworks):
    before = (FrameworkVersion.objects.count(), Node.objects.count(), AuditEntry.objects.count())
    buf = io.StringIO()
    call_command("load_frameworks", stdout=buf, skip_checks=True)
    assert "0 chỉ số, 0 phiên bản, 0 thành phần mới; 0 cập nhật" in buf.getvalue()
    assert (FrameworkVersion.objects.count(), Node.objects.count(), AuditEntry.objects.count()) == before
    # An office edit survives a plain reload and is undone by --reset.
    node = Node.objects.get(version__code="par-876", code="LV3")
    actions.save_node(None, node, max_points=15)
    call_command("load_frameworks", stdout=io.StringIO(), skip_checks=True)
    node.refresh_from_db()
    assert node.max_points == 15
    call_command("load_frameworks", reset=True, stdout=io.StringIO(), skip_checks=True)
    node.refresh_from_db()
    assert node.max_points is None


def test_version_edits_are_checked_and_audited(world, frameworks):
    v = FrameworkVersion.objects.get(code="papi-2011")
    with pytest.raises(ValidationError, match="trùng"):
        actions.save_version(world.office, v, year_to=2019)
    with pytest.raises(ValidationError, match="Năm kết thúc"):
        actions.save_version(world.office, v, year_from=2015, year_to=2012)
    with pytest.raises(PermissionDenied):
        actions.save_version(world.officer_a, v, notes="x")
    assert actions.save_version(world.office, v, notes="Ghi chú mới")
    assert not actions.save_version(world.office, v, notes="Ghi chú mới")
    entry = AuditEntry.objects.get(action="indices.version.update")
    assert entry.after == {"notes": "Ghi chú mới"} and entry.actor == world.office


def test_version_page_edit(world, frameworks):
    r = world.client("office").post(
        "/chi-so/khung/papi-2011/", {"name": "PAPI 2011–2017", "year_from": 2011, "year_to": 2018}
    )
    assert r.status_code == 200 and "trùng" in r.content.decode()
    assert (
        world.client("leader").post("/chi-so/khung/papi-2011/", {"name": "x", "year_from": 2011}).status_code
        == 403
    )


scores = st.dictionaries(st.integers(0, 80), st.integers(0, 60), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(scores)
def test_competition_rank_definition(values):
    ranks = ranking.competition_ranks(values)
    for k, v in values.items():
        assert ranks[k] == 1 + sum(1 for o in values.values() if o > v)


@settings(max_examples=200, deadline=None)
@given(scores)
def test_quartile_tiers_against_numpy(values):
    numpy = pytest.importorskip("numpy")
    labels = ["H", "MH", "ML", "L"]
    tiers = ranking.quartile_tiers(values, labels)
    vals = list(values.values())
    q1, q2, q3 = (numpy.percentile(vals, p) for p in (25, 50, 75))
    for k, v in values.items():
        expected = "H" if v > q3 else "MH" if v > q2 else "ML" if v > q1 else "L"
        # numpy's float interpolation can land a hair off an exact boundary; ours is exact.
        if min(abs(v - q) for q in (q1, q2, q3)) > 1e-9:
            assert tiers[k] == expected


@pytest.mark.parametrize(
    "who,ok", [("office", True), ("admin", True), ("leader", False), ("officer_a", False)]
)
def test_add_and_delete_nodes(world, frameworks, who, ok):
    c = world.client(who)
    r = c.post(
        "/chi-so/khung/par-876/them/",
        {"parent": "LV3", "code": "lv3.1", "name": "Công khai TTHC", "max_points": "1,5"},
    )
    assert r.status_code == (302 if ok else 403)
    node = Node.objects.filter(version__code="par-876", code="LV3.1").first()
    assert (node is not None) == ok
    if not ok:
        return
    assert node.parent.code == "LV3" and node.level == 2 and node.max_points == Decimal("1.5")
    assert AuditEntry.objects.filter(action="indices.node.create").count() == 1
    # Duplicates and a parent with children are refused; a node with results cannot go.
    c.post("/chi-so/khung/par-876/them/", {"code": "LV3.1", "name": "Trùng"})
    assert Node.objects.filter(version__code="par-876", code="LV3.1").count() == 1
    parent = node.parent
    c.post(f"/chi-so/khung/thanh-phan/{parent.pk}/xoa/")
    assert Node.objects.filter(pk=parent.pk).exists()
    r = c.post(f"/chi-so/khung/thanh-phan/{node.pk}/xoa/")
    assert r.status_code == 302 and not Node.objects.filter(pk=node.pk).exists()
    d1 = Node.objects.get(version__code="papi-2018", code="D1")
    Result.objects.create(
        index=d1.version.index,
        version=d1.version,
        year=2024,
        province=Unit.objects.get(code="42"),
        node=d1,
        score=5,
    )
    c.post(f"/chi-so/khung/thanh-phan/{d1.pk}/xoa/")
    assert Node.objects.filter(pk=d1.pk).exists()
