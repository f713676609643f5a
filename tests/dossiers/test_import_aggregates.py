"""A first import into an empty table computes the aggregates from the columns it has in memory
(no read-back); the result must equal recomputing them from the stored dossiers."""

import csv

import pytest

from chiso.dossiers import aggregates, extras, generator, importer
from chiso.dossiers.models import KpiAggregate, KpiRollup

pytestmark = pytest.mark.django_db
UNITS = ["T1XA.MC", "T1XA", "T1XB", "T1.SNV"]


def _snapshot():
    agg = sorted(
        tuple(r)
        for r in KpiAggregate.objects.values_list("period", "unit_id", "procedure_id", *KpiAggregate.COUNTS)
    )
    roll = sorted(
        tuple(r)
        for r in KpiRollup.objects.values_list("period", "unit_id", "field_code", *KpiAggregate.COUNTS)
    )
    return agg, roll


def _generated(tmp_path, rows=3000):
    """Generator output (supplements, apologies, open and cross-year dossiers) moved onto the test units."""
    procs = tmp_path / "thu-tuc.csv"
    generator.write_procedures(procs)
    extras.import_procedures(procs)
    src, out = tmp_path / "gen.csv", tmp_path / "ho-so.csv"
    generator.generate(rows, seed=7, year=2025, out=src)
    with open(src, newline="", encoding="utf-8-sig") as f, open(out, "w", newline="", encoding="utf-8") as g:
        r, w = csv.DictReader(f), None
        for i, row in enumerate(r):
            if w is None:
                w = csv.DictWriter(g, fieldnames=r.fieldnames)
                w.writeheader()
            row["DonViXuLy"] = UNITS[i % len(UNITS)]
            w.writerow(row)
    return out


def test_first_load_aggregates_from_memory_equal_a_recompute(world, tmp_path, monkeypatch):
    path = _generated(tmp_path)
    calls = []
    real = aggregates.load_year
    monkeypatch.setattr(aggregates, "load_year", lambda y, w=None: calls.append(y) or real(y, w))
    res = importer.import_dossiers(path)
    assert res.created == 3000 and len(res.years) >= 2  # dossiers finishing in 2026 too
    assert calls == []  # nothing read back
    first = _snapshot()
    assert first[0] and first[1]
    for y in aggregates.years_with_dossiers():
        aggregates.recompute_year(y)
    assert calls  # this time from the table
    assert _snapshot() == first


def test_second_import_reads_back_and_counts_both_files(world, tmp_path):
    path = _generated(tmp_path, rows=400)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    half = len(rows) // 2
    for name, part in (("a.csv", rows[:half]), ("b.csv", rows[half:])):
        with open(tmp_path / name, "w", newline="", encoding="utf-8") as g:
            w = csv.DictWriter(g, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(part)
        importer.import_dossiers(tmp_path / name)
    both = _snapshot()
    for y in aggregates.years_with_dossiers():
        aggregates.recompute_year(y)
    assert _snapshot() == both
    total = KpiRollup.objects.get(period="2025", unit=world.province, field_code="").received
    assert total == sum(
        1 for r in rows if r["NgayTiepNhan"].startswith("2025") and r["TrangThaiHoSo"] not in ("1", "3")
    )
