"""The five seeds and the held-out documents against their hand-written expected readings."""

import json
from pathlib import Path

import pytest

from chiso.lib.directive_parser import parse
from chiso.lib.directive_parser.evaluate import Score, anchor_pos, evaluate

FIXTURES = Path(__file__).parent / "fixtures"
SEED_FIXTURES = sorted(p for p in FIXTURES.glob("*.expected.json"))
HELDOUT_FIXTURES = sorted((FIXTURES / "heldout").glob("*.expected.json"))


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _check(text: str, expected: dict, floor: float = 0.9) -> None:
    result = parse(text)
    for key in ("rankings", "targets", "tasks", "reporting"):
        for item in result[key]:
            assert item["quote"] == text[item["start"] : item["end"]]
    scores = evaluate(text, expected, result)
    for kind in ("targets", "tasks", "deadlines"):
        s = scores[kind]
        assert s.precision >= floor and s.recall >= floor, (
            kind,
            s.misses,
            [x["quote"][:80] for x in s.extras],
        )
    assert scores["rankings"].tp == scores["rankings"].expected == scores["rankings"].predicted
    assert scores["document"].misses == []
    for exp in expected.get("reporting", []):
        got = [r for r in result["reporting"] if r["frequency"] == exp["frequency"]]
        assert got, exp
        if "due" in exp:
            assert any(r["due"] == exp["due"] for r in got), (exp, got)


def test_fixtures_cover_the_five_seeds():
    assert len(SEED_FIXTURES) == 5
    assert len(HELDOUT_FIXTURES) >= 2


@pytest.mark.parametrize("path", SEED_FIXTURES, ids=lambda p: p.name.split("_")[0])
def test_seed_against_expected_reading(path, shared_dir):
    expected = _load(path)
    text = (shared_dir / expected["source"]).read_text(encoding="utf-8")
    _check(text, expected)


@pytest.mark.parametrize("path", HELDOUT_FIXTURES, ids=lambda p: p.name.split(".")[0])
def test_heldout_against_expected_reading(path):
    expected = _load(path)
    text = (FIXTURES / expected["source"]).read_text(encoding="utf-8")
    _check(text, expected)


@pytest.mark.parametrize(
    "name, count, floor",
    [
        ("heldout2", 8, 0.9),
        ("heldout3", 7, 0.9),
        ("heldout4", 7, 0.9),
        ("heldout5", 7, 0.9),
        ("heldout6", 6, 0.9),
        ("heldout7", 4, 0.9),
        ("heldout8", 10, 1.0),  # every reading of the set after the changes made from it (see its README.md)
        ("heldout9", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout10", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout11", 10, 0.95),  # the readings left are listed in heldout12's README.md (round on heldout12)
        ("heldout12", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout13", 10, 0.9),  # the readings left are listed in its README.md (round on heldout13 and 14)
        ("heldout14", 10, 0.9),  # the readings left are listed in its README.md
        ("heldout15", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout16", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout17", 10, 0.9),  # the readings left are listed in its README.md
        ("heldout18", 10, 0.95),  # every reading of the set after the round (see its README.md)
        ("heldout19", 10, 0.95),  # every reading of the set after the round (see its README.md)
        ("heldout20", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout21", 10, 0.95),  # the readings left are listed in its README.md
        ("heldout22", 10, 0.75),  # round half done: the readings left are listed in its README.md
        ("heldout23", 10, 0.75),  # round half done: the readings left are listed in its README.md
    ],
)
def test_later_heldout_sets_overall(name, count, floor):
    """Each document is read; over the set, precision and recall stay >= the floor (the known extras are listed
    in the set's README.md)."""
    fixtures = sorted((FIXTURES / name).glob("*.expected.json"))
    assert len(fixtures) >= count
    # metadata too, over the set (heldout7 names an office's issuer differently, see its README)
    totals = {k: Score() for k in ("targets", "tasks", "deadlines", "document")}
    for path in fixtures:
        expected = _load(path)
        text = (FIXTURES / expected["source"]).read_text(encoding="utf-8")
        result = parse(text)
        for key in ("rankings", "targets", "tasks", "reporting"):
            for item in result[key]:
                assert item["quote"] == text[item["start"] : item["end"]]
        scores = evaluate(text, expected, result)
        for k, s in totals.items():
            s.add(scores[k])
    for k, s in totals.items():
        assert s.precision >= floor and s.recall >= floor, (k, s.precision, s.recall)


def test_seed_000_details(shared_dir):
    """Spot checks a reviewer would make on the Hải Phòng directive."""
    text = (shared_dir / "seeds" / "000_5e2218e77563c218.txt").read_text(encoding="utf-8")
    r = parse(text)
    papi = next(x for x in r["rankings"] if x["index"] == "PAPI")
    assert papi["quote"].endswith("(giảm 05 bậc so với năm 2016)")
    task = next(t for t in r["tasks"] if t["start"] <= anchor_pos(text, "Bưu điện thành phố") < t["end"])
    assert task["partners"][:2] == ["Sở Thông tin và Truyền thông", "Bưu điện thành phố"]
    assert task["deadline"] == "2018-06" and task["deadline_kind"] == "month"
    assert "Văn phòng Ủy ban nhân dân thành phố" in task["section"]
    target = next(t for t in r["targets"] if t["deadline"])
    assert target["metric"].startswith("cán bộ cấp xã") and target["deadline"] == "2018-12-31"


def test_seed_003_reporting(shared_dir):
    text = (shared_dir / "seeds" / "003_bf1301cbcc195029.txt").read_text(encoding="utf-8")
    r = parse(text)
    quarterly = next(x for x in r["reporting"] if x["frequency"] == "quarterly")
    assert quarterly["due"] == {"day": 12, "month_in_period": "last"}
    assert quarterly["due_rule"] == "chậm nhất ngày 12 của tháng cuối quý"
    assert quarterly["to"] == "Ủy ban nhân dân thành phố (qua Phòng Nội vụ)"
    # the periodic-report bullet is a reporting rule, not a task
    assert not any("Định kỳ hàng quý" in t["quote"] for t in r["tasks"])
