"""The planner on stored results: target rank, forecast field, caps, sub-dimensions, agencies."""

import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chiso.indices import actions, planning, queries
from chiso.lib import ranking
from chiso.orgs.models import Unit
from tests.indices.conftest import PROVINCES, papi_long, write_csv


def _ht():
    return Unit.objects.get(code="42")


def test_plan_reaches_target_and_respects_caps(papi_small):
    table = queries.result_set(papi_small).table(2024)
    mine = table.row_for(_ht())
    for k in range(1, 7):
        plan = planning.make_plan(papi_small, _ht(), 2024, k)
        others = [r.total.score for r in table.rows if r.province.code != "42"]
        if plan.reachable:
            assert ranking.rank_of(ranking.exact(mine.total.score) + plan.result.total_points, others) <= k
        for ln in plan.lines:
            assert 0 <= ln.gain <= ln.cap
            assert ln.cap == ln.headroom_best  # default caps: up to the best province
        data = plan.as_json()
        assert set(data["allocation"]) == {f"D{i}" for i in range(1, 9)}
        assert data["needed_points"] >= 0 and isinstance(data["reachable"], bool)


def test_caps_and_weights(papi, tmp_path):
    # Everyone scores 5 everywhere except Quảng Ninh (9) — with caps "best" Hà Tĩnh can reach
    # the top only by matching Quảng Ninh in every dimension; with a tie it shares rank 1.
    base = {(y, p, d): 5 for y in (2023, 2024) for p in PROVINCES for d in range(1, 9)}
    base |= {(2024, "Quảng Ninh", d): 9 for d in range(1, 9)}
    actions.import_results(None, papi, write_csv(tmp_path, "p.csv", papi_long(base=base)), fmt="long")
    plan = planning.make_plan(papi, _ht(), 2024, 1)
    assert plan.needed == 32 and plan.reachable and plan.result.total_effort == 32
    plan = planning.make_plan(papi, _ht(), 2024, 1, weights="D1=2")
    assert plan.result.allocation["D1"] == 4 and plan.result.total_effort == 36
    # Up to the framework maximum instead: 10 − 5 = 5 points of room in every dimension.
    plan = planning.make_plan(papi, _ht(), 2024, 1, caps="max")
    assert plan.reachable and all(ln.cap == 5 for ln in plan.lines) and plan.needed == 32


def test_unreachable_is_stated(papi, tmp_path):
    base = {(y, p, d): 5 for y in (2023, 2024) for p in PROVINCES for d in range(1, 9)}
    base |= {(2024, "Quảng Ninh", d): 9 for d in range(1, 9)}
    base |= {(2024, "Hà Tĩnh", 1): 1}  # far behind in D1; the best D1 elsewhere is 9
    actions.import_results(None, papi, write_csv(tmp_path, "p.csv", papi_long(base=base)), fmt="long")
    plan = planning.make_plan(papi, _ht(), 2024, 1, caps="best")
    assert plan.needed == 36 and plan.reachable  # 8 in D1 + 4 × 7 elsewhere = 36
    base |= {(2024, "Quảng Ninh", 1): 10}
    actions.import_results(None, papi, write_csv(tmp_path, "q.csv", papi_long(base=base)), fmt="long")
    plan = planning.make_plan(papi, _ht(), 2024, 1, caps="best")
    assert plan.needed == 37 and plan.reachable
    buf = io.StringIO()
    call_command(
        "plan",
        index="papi",
        year=2024,
        province="ha tinh",
        target_rank=1,
        caps="best",
        json=True,
        stdout=buf,
        skip_checks=True,
    )
    assert json.loads(buf.getvalue())["reachable"] is True
    # With caps up to this year's best the top is always within reach (the best scores of each
    # dimension add up to at least the best total); a forecast field can put it out of reach.
    years = (2021, 2022, 2023, 2024)
    rising = {(y, p, d): 5 for y in years for p in PROVINCES for d in range(1, 9)}
    for i, y in enumerate(years):
        for d in range(1, 9):
            rising[(y, "Quảng Ninh", d)] = 5 + i  # +1 a year in every dimension: 2025 forecast 72
    actions.import_results(
        None, papi, write_csv(tmp_path, "r.csv", papi_long(years=years, base=rising)), fmt="long"
    )
    plan = planning.make_plan(papi, _ht(), 2024, 1, forecast=True, caps="best")
    assert plan.needed == 32 and not plan.reachable
    assert plan.result.max_gain == 24 and plan.result.shortfall == 8
    assert "Không thể đạt thứ 1" in plan.message()
    data = plan.as_json()
    assert data["reachable"] is False and data["shortfall"] == 8


def test_forecast_moves_others_by_their_average_change(papi, tmp_path):
    years = (2021, 2022, 2023, 2024)
    base = {(y, p, d): 5 for y in years for p in PROVINCES for d in range(1, 9)}
    # Quảng Ninh gains 0.3 a year in D1: forecast 2025 total = 40.9 + 0.3 = 41.2 … (2024: 40 + 0.9)
    for i, y in enumerate(years):
        base[(y, "Quảng Ninh", 1)] = Decimal("5") + Decimal("0.3") * i
    actions.import_results(
        None, papi, write_csv(tmp_path, "p.csv", papi_long(years=years, base=base)), fmt="long"
    )
    now = planning.make_plan(papi, _ht(), 2024, 1)
    assert now.needed == Fraction("0.9")
    fc = planning.make_plan(papi, _ht(), 2024, 1, forecast=True)
    assert fc.needed == Fraction("1.2") and fc.forecast
    assert "Dự báo" in fc.notes[0]


def test_sub_dimensions_are_planned_within_their_dimension(papi, tmp_path):
    text = papi_long()
    extra = [
        "papi,2024,Hà Tĩnh,D1.1,1",
        "papi,2024,Hà Tĩnh,D1.2,1",
        "papi,2024,Hà Tĩnh,D1.3,1",
        "papi,2024,Hà Tĩnh,D1.4,1.5",
    ]
    extra += [
        "papi,2024,Nghệ An,D1.1,2.5",
        "papi,2024,Nghệ An,D1.2,2",
        "papi,2024,Nghệ An,D1.3,2",
        "papi,2024,Nghệ An,D1.4,1",
    ]
    actions.import_results(
        None, papi, write_csv(tmp_path, "p.csv", text + "\n".join(extra) + "\n"), fmt="long"
    )
    plan = planning.make_plan(papi, _ht(), 2024, 1, caps="max", weights="D1.4=5")
    subs = [ln for ln in plan.lines if ln.is_sub]
    assert [ln.node.code for ln in subs] == ["D1.1", "D1.2", "D1.3", "D1.4"]
    d1 = next(ln for ln in plan.lines if ln.node.code == "D1")
    assert d1.gain == sum(ln.gain for ln in subs) <= d1.cap
    for ln in subs:
        assert ln.gain <= ln.cap and ln.cap == ranking.exact(ln.node.max_points) - ranking.exact(ln.score)
    assert "D1" not in plan.result.allocation  # the dimension is planned through its parts


def test_agencies_in_plan_and_command_errors(papi_small):
    last = queries.result_set(papi_small).table(2024).rows[-1].province
    # No departments exist in this test; map D5 to the province itself for the check.
    actions.set_responsibility(None, last, papi_small, "D5", last, True, "")
    plan = planning.make_plan(
        papi_small, last, 2024, 1, caps="max", weights="D1=9,D2=9,D3=9,D4=9,D6=9,D7=9,D8=9"
    )
    assert plan.lines[4].agencies and any(a.startswith(f"{last.name}: +") for a in plan.actions())
    for kwargs, msg in [
        ({"province": "Atlantis"}, "Không tìm thấy tỉnh"),
        ({"target_rank": 0}, "từ 1 trở lên"),
        ({"weights": "D1=x"}, "không phải là số"),
        ({"year": 2019}, "không có tổng điểm"),
        ({"target_rank": 99}, "vượt số tỉnh"),
    ]:
        args = {"index": "papi", "year": 2024, "province": "Hà Tĩnh", "target_rank": 3, "json": True} | kwargs
        with pytest.raises(CommandError, match=msg):
            call_command("plan", stdout=io.StringIO(), skip_checks=True, **args)


def test_flat_index_plan(frameworks, tmp_path):
    pci = frameworks["pci"]
    text = "index,year,province,node_code,score\n" + "".join(
        f"pci,2024,{p},,{60 + i}\n" for i, p in enumerate(PROVINCES)
    )
    actions.import_results(None, pci, write_csv(tmp_path, "pci.csv", text), fmt="long")
    plan = planning.make_plan(pci, _ht(), 2024, 1)  # Hà Tĩnh 60, best 65
    assert plan.needed == 5 and plan.reachable and plan.as_json()["allocation"] == {"TOTAL": 5.0}


def test_office_limits_make_a_target_unreachable(papi, tmp_path):
    base = {(y, p, d): 5 for y in (2023, 2024) for p in PROVINCES for d in range(1, 9)}
    base |= {(2024, "Quảng Ninh", d): 6 for d in range(1, 9)}
    actions.import_results(None, papi, write_csv(tmp_path, "p.csv", papi_long(base=base)), fmt="long")
    plan = planning.make_plan(papi, _ht(), 2024, 1, limits="D1=0.5,D2=0.5,D3=0,D4=0,D5=0,D6=0,D7=0,D8=2")
    assert (
        plan.needed == 8 and not plan.reachable and plan.result.max_gain == 2
    )  # D8 still capped at 1 by the best
    plan = planning.make_plan(papi, _ht(), 2024, 1, caps="max", limits={"D1": "0,5", "D8": 5})
    assert plan.reachable and plan.result.allocation["D1"] <= Fraction(1, 2)
    with pytest.raises(planning.PlanError, match="không được âm"):
        planning.make_plan(papi, _ht(), 2024, 1, limits="D1=-1")
    buf = io.StringIO()
    call_command(
        "plan",
        index="papi",
        year=2024,
        province="42",
        target_rank=1,
        limits="D1=0",
        json=True,
        stdout=buf,
        skip_checks=True,
    )
    assert json.loads(buf.getvalue())["allocation"]["D1"] == 0
