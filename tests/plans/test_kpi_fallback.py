"""A KPI target is judged on the latest quarter that has data, and says which quarter."""

import datetime as dt
from decimal import Decimal

import pytest

from chiso.dossiers.kpi_registry import _REGISTRY, KpiDef, register
from chiso.plans.models import Target
from chiso.plans.queries import kpi_actual

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_kpi():
    def provider(unit, period, **_):
        return {"2025-Q3": (80, 100), "2025-Q4": (95, 100)}.get(period.code)

    register(
        KpiDef(
            code="test_ontime",
            name_vi="Thử",
            definition="",
            numerator="a",
            denominator="b",
            provider=provider,
        )
    )
    yield "test_ontime"
    _REGISTRY.pop("test_ontime", None)


def test_latest_quarter_with_data_is_used(world, fake_kpi):
    t = Target(
        metric_code=fake_kpi, metric_text="đúng hạn", unit=world.commune_a, operator=">=", value=Decimal("90")
    )
    r = kpi_actual(t, dt.date(2026, 2, 10))  # Q1/2026 has no data yet
    assert r["actual"] == pytest.approx(95.0)
    assert r["previous"] == pytest.approx(80.0)
    assert r["trend"] == "up" and r["meets"] is True
    assert "Quý IV/2025" in r["source"]


def test_no_data_within_a_year_stays_unknown(world, fake_kpi):
    t = Target(
        metric_code=fake_kpi, metric_text="đúng hạn", unit=world.commune_a, operator=">=", value=Decimal("90")
    )
    r = kpi_actual(t, dt.date(2027, 6, 1))
    assert r["actual"] is None and r["meets"] is None
