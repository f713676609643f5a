"""The KPI registry: every measurable KPI has a stable code that targets elsewhere refer to.

Providers register their KPIs at start-up (AppConfig.ready). A provider answers
(numerator, denominator) for a unit (including its descendants) and a period, or None when
there is no data — never a silent zero.

    from chiso.dossiers.kpi_registry import KpiDef, register, value
    register(KpiDef(code="ontime_pct", name_vi="Tỷ lệ hồ sơ đúng hạn", ..., provider=my_fn))
    value("ontime_pct", unit, periods.parse("2025-Q3"))  # → KpiValue | None
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from chiso.lib.periods import Period


@dataclass(frozen=True)
class KpiValue:
    numerator: Decimal | float | int
    denominator: Decimal | float | int
    value: float | None  # numerator / denominator × scale; None when the denominator is 0


@dataclass(frozen=True)
class KpiDef:
    code: str
    name_vi: str
    definition: str
    numerator: str
    denominator: str
    unit: str = "%"  # "%" (ratio × 100), "ngày" (working days), "hồ sơ" (a count)…
    higher_is_better: bool = True
    source: str = "dossiers"  # which app provides it
    # provider(unit, period, **filters) -> (numerator, denominator) | None
    provider: Callable | None = None

    def compute(self, unit, period: Period, **filters) -> KpiValue | None:
        if self.provider is None:
            return None
        got = self.provider(unit, period, **filters)
        if got is None:
            return None
        num, den = got
        if self.unit == "%":
            val = float(num) * 100.0 / float(den) if den else None
        elif self.unit in ("hồ sơ", "count"):
            val = float(num)
        else:  # averages: numerator is a sum, denominator a count
            val = float(num) / float(den) if den else None
        return KpiValue(num, den, val)


_REGISTRY: dict[str, KpiDef] = {}


def register(kpi: KpiDef) -> KpiDef:
    _REGISTRY[kpi.code] = kpi
    return kpi


def get(code: str) -> KpiDef | None:
    return _REGISTRY.get(code)


def all_kpis() -> list[KpiDef]:
    return sorted(_REGISTRY.values(), key=lambda k: (k.source, k.code))


def value(code: str, unit, period: Period, **filters) -> KpiValue | None:
    kpi = _REGISTRY.get(code)
    return kpi.compute(unit, period, **filters) if kpi else None
