"""The 766 ranking is set-based: a commune's score page costs the same number of queries whether
the province has 2 or 8 communes, and reads other apps' registry KPIs from a stamped cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chiso.dossiers import importer, index766, kpi_registry
from chiso.dossiers.kpi_registry import KpiDef
from chiso.dossiers.models import KpiValueCache
from chiso.lib import periods
from chiso.orgs import actions
from chiso.orgs.models import Unit, UnitKind
from tests.dossiers.conftest import JULY, write_csv

pytestmark = pytest.mark.django_db
URL = "/ho-so/766/?don_vi=T1XA&ky=2025-07"


def _queries(client, url=URL) -> int:
    client.get(url)  # warm (fills the registry-KPI cache for new units)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _add_communes(world, tmp_path, n, start=0):
    rows = []
    for i in range(start, start + n):
        u = actions.save_unit(
            None, Unit(code=f"T1XN{i}"), name=f"Xã Mới {i}", kind=UnitKind.COMMUNE, parent=world.province
        )[0]
        for r in JULY[:3]:
            rows.append((f"{r[0]}-N{i}", r[1], u.code, *r[3:]))
    importer.import_dossiers(write_csv(tmp_path / f"them-{start}.csv", rows))


def test_766_page_queries_do_not_grow_with_the_number_of_communes(world, july, tmp_path):
    # One commune in force before July too, so that the previous month's ranking (the rank change)
    # has units both times: its queries are then counted in `before` as well.
    _add_communes(world, tmp_path, 1)
    client = world.client("officer_a")
    before = _queries(client)
    _add_communes(world, tmp_path, 6, start=1)
    ranking = index766.ranking(world.province, periods.parse("2025-07"), "commune")
    assert len([r for r in ranking if r["total"] is not None]) >= 7
    after = _queries(client)
    assert after == before, (before, after)
    assert before <= 25


def test_ranking_matches_cards_and_one_query_per_source(world, july, tmp_path, django_assert_max_num_queries):
    _add_communes(world, tmp_path, 3)
    period = periods.parse("2025-07")
    index766.ranking(world.province, period, "commune")  # fill the cache
    with django_assert_max_num_queries(8):
        rows = index766.ranking(world.province, period, "commune")
    for r in rows:
        card = index766.unit_card(r["unit"], period)
        assert card["total"] == r["total"]
        assert [g["score"] for g in card["groups"]] == [g["score"] for g in r["groups"]]


def test_registry_kpi_cache_follows_its_source_stamp(world, july, monkeypatch):
    calls = []

    def provider(unit, period, **_):
        calls.append(unit.code)
        return (9, 10) if unit.code == "T1XA" else None

    monkeypatch.setitem(
        kpi_registry._REGISTRY,
        "test_sat",
        KpiDef("test_sat", "Thử", "", "", "", source="surveys", provider=provider),
    )
    period = periods.parse("2025-07")
    units = [world.commune_a, world.commune_b]
    stamps = {"v": "1"}
    monkeypatch.setattr(index766, "source_stamps", lambda kpi, us, p: {u.pk: stamps["v"] for u in us})
    assert index766.kpi_values_many("test_sat", units, period) == {
        world.commune_a.pk: (9, 10),
        world.commune_b.pk: None,
    }
    assert index766.kpi_values_many("test_sat", units, period) == {
        world.commune_a.pk: (9, 10),
        world.commune_b.pk: None,
    }
    assert len(calls) == 2 and KpiValueCache.objects.filter(code="test_sat").count() == 2
    stamps["v"] = "2"  # new survey answers: recomputed
    index766.kpi_values_many("test_sat", units, period)
    assert len(calls) == 4


def test_failing_provider_gives_no_data_and_is_not_cached(world, july, monkeypatch):
    def provider(unit, period, **_):
        raise RuntimeError("boom")

    kpi = KpiDef("test_boom", "Thử", "", "", "", source="surveys", provider=provider)
    monkeypatch.setitem(kpi_registry._REGISTRY, "test_boom", kpi)
    got = index766.kpi_values_many("test_boom", [world.commune_a], periods.parse("2025-07"))
    assert got == {world.commune_a.pk: None}
    assert not KpiValueCache.objects.filter(code="test_boom").exists()
