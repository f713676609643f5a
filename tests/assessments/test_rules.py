"""The rule engine: each shape with worked examples, and properties of the roll-up."""

import random
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.lib import scoring
from chiso.lib.scoring import NA, Node, Rule, RuleError


def pts(shape, params, value, mx):
    return Rule.parse(shape, params, D(mx)).points(value, D(mx))


@pytest.mark.parametrize(
    "value,expected", [("có", "2"), ("Có", "2"), ("x", "2"), ("không", "0"), ("", "0"), ("KPS", NA)]
)
def test_yesno(value, expected):
    got = pts("yesno", "", value, 2)
    assert got is NA if expected is NA else got == D(expected)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("đúng hạn", "2"),
        ("trễ hạn", "1"),
        ("không", "0"),
        ("14/01/2025", "2"),
        ("15/01/2025", "2"),
        ("16/01/2025", "1"),
        ("2025-02-01", "1"),
    ],
)
def test_deadline_half_when_late(value, expected):
    assert pts("deadline", "han=15/01/2025; tre=50%", value, 2) == D(expected)


def test_deadline_late_in_points_and_bad_date():
    assert pts("deadline", "han=15/01/2025; tre=0,25", "20/01/2025", 1) == D("0.25")
    with pytest.raises(RuleError, match="không hợp lệ"):
        pts("deadline", "han=15/01/2025", "31/02/2025", 1)


@pytest.mark.parametrize(
    "value,expected",
    [("100", "1.5"), ("95", "1.5"), ("94,99", "1.0"), ("80", "1.0"), ("79.9", "0.5"), ("0", "0.5")],
)
def test_tiers_on_time_rate(value, expected):
    # SCORING.md: on-time ≥ 95 % → 1.5; 80 – < 95 % → 1.0; < 80 % → 0.5
    assert pts("tiers", ">=95:1,5; >=80:1; *:0,5", value, "1.5") == D(expected)


def test_tiers_lower_is_better_and_shares():
    assert pts("tiers", "<=1:100%; <=5:50%; *:0", "0,5", 2) == D(2)
    assert pts("tiers", "<=1:100%; <=5:50%; *:0", "3", 2) == D(1)
    assert pts("tiers", "<=1:100%; <=5:50%; *:0", "9", 2) == D(0)


def test_proportional_target_and_floor():
    assert pts("proportional", "", "57", 5) == D("2.85")
    assert pts("proportional", "dat=70; san=20", "35", 5) == D(5) * D(35) / D(70)
    assert pts("proportional", "dat=70; san=20", "19,9", 5) == 0
    assert pts("proportional", "dat=70; san=20", "85", 5) == 5
    with pytest.raises(RuleError):
        pts("proportional", "", "120", 5)


def test_count_capped():
    assert pts("count", "moi=0,5; toi_da=2", "3", 2) == D("1.5")
    assert pts("count", "moi=0,5; toi_da=2", "7", 2) == D(2)
    assert pts("count", "moi=0,5", "7", 3) == D(3)  # capped at the maximum
    with pytest.raises(RuleError, match="nguyên"):
        pts("count", "moi=0,5", "1,5", 3)


def test_levels():
    params = "xuất sắc=100%; tốt=75%; hoàn thành=50%; không hoàn thành=0"
    assert pts("levels", params, "Xuất sắc", 4) == 4
    assert pts("levels", params, "tot", 4) == 3
    assert pts("levels", params, "hoàn thành", 4) == 2
    with pytest.raises(RuleError, match="xuất sắc"):
        pts("levels", params, "khá", 4)


def test_deduction_by_count_and_severity():
    params = "nhẹ=50%; nghiêm trọng=100%; moi=25%"
    assert pts("deduction", params, "0", 6) == 6
    assert pts("deduction", params, "1", 6) == D("4.5")
    assert pts("deduction", params, "nhẹ", 6) == 3
    assert pts("deduction", params, "nghiêm trọng", 6) == 0
    assert pts("deduction", params, "nhẹ:1, nghiêm trọng:1", 6) == 0  # never below zero
    assert pts("deduction", params, "9", 6) == 0


def test_survey_distribution_average():
    rule = Rule.parse("survey", "A=100%; B=60%; C=20%; D=0%", D(5))
    # 50 A, 30 B, 20 C → (50×5 + 30×3 + 20×1) / 100 = 3.6
    assert rule.points({"A": 50, "B": 30, "C": 20, "D": 0}, D(5)) == D("3.6")
    assert rule.points({}, D(5)) == 0
    with pytest.raises(RuleError, match="Phương án"):
        rule.points({"E": 1}, D(5))


def test_rule_inconsistent_with_max_is_refused():
    with pytest.raises(RuleError, match="nằm ngoài"):
        Rule.parse("tiers", ">=95:2; *:0", D("1.5"))
    with pytest.raises(RuleError, match="Cách chấm"):
        Rule.parse("magic", "", D(1))
    with pytest.raises(RuleError):
        Rule.parse("count", "", D(1))


def _tree(na="drop"):
    nodes = [
        Node("1", "LV1", D(6)),
        Node("1.1", "a", D(2), "1", rule=Rule.parse("yesno")),
        Node("1.2", "b", D(4), "1", rule=Rule.parse("points"), na_policy=na),
        Node("2", "LV2", D(4)),
        Node("2.1", "c", D(4), "2", rule=Rule.parse("points")),
        Node("TH", "Thưởng", D(1), section="bonus"),
        Node("TH.1", "t", D(2), "TH", rule=Rule.parse("count", "moi=1")),
        Node("TR", "Trừ", D(2), section="penalty"),
        Node("TR.1", "p", D(3), "TR", rule=Rule.parse("count", "moi=1")),
    ]
    return scoring.build_tree(nodes)


def test_rollup_not_applicable_drop_and_max_and_sections():
    roots = _tree()
    r = scoring.compute(roots, {"1.1": D(2), "1.2": NA, "2.1": D(3)})
    assert r.max == D(6) and r.points == D(5) and r.index == D("83.33")
    assert r.nodes["1"].max == D(2)  # 1.2 dropped from the field's maximum
    # the node's own policy wins over the set's
    assert scoring.compute(roots, {"1.2": NA}, na_policy="max").max == D(6)
    r = scoring.compute(_tree(na=""), {"1.1": D(2), "1.2": NA, "2.1": D(3)}, na_policy="max")
    assert r.points == D(9) and r.index == D("90.00")
    # bonus capped at 1, penalty capped at 2
    r = scoring.compute(roots, {"1.1": D(2), "1.2": D(4), "2.1": D(3), "TH.1": D(2), "TR.1": D(3)})
    assert r.bonus == 1 and r.penalty == 2 and r.points == D(8) and r.index == D("80.00")


def test_grade_and_rank_ties():
    assert scoring.grade(D("90.00"), scoring.DEFAULT_BANDS) == "Xuất sắc"
    assert scoring.grade(D("89.99"), scoring.DEFAULT_BANDS) == "Tốt"
    assert scoring.grade(D("12"), scoring.DEFAULT_BANDS) == "Yếu"
    assert scoring.rank({"a": D(90), "b": D(95), "c": D(90), "d": D(80)}) == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_validate_finds_inconsistent_maxima():
    nodes = [Node("1", "x", D(5)), Node("1.1", "y", D(2), "1", rule=Rule.parse("yesno"))]
    msgs = scoring.validate(nodes)
    assert msgs and "khác điểm tối đa" in msgs[0][1]


# -- properties ------------------------------------------------------------------------------

maxes = st.integers(min_value=0, max_value=2000).map(lambda n: D(n) / 100)


@st.composite
def trees(draw):
    nodes, leaves = [], []
    for f in range(draw(st.integers(1, 4))):
        fcode = str(f + 1)
        children = []
        for s in range(draw(st.integers(1, 4))):
            code = f"{fcode}.{s + 1}"
            m = draw(maxes)
            children.append(
                Node(
                    code,
                    code,
                    m,
                    fcode,
                    rule=Rule.parse("points"),
                    na_policy=draw(st.sampled_from(["", "max", "drop"])),
                )
            )
        nodes.append(Node(fcode, fcode, sum((c.max for c in children), D(0))))
        nodes += children
        leaves += children
    cap = draw(maxes)
    nodes.append(Node("TH", "b", cap, section="bonus"))
    b = Node("TH.1", "b1", cap + draw(maxes), "TH", rule=Rule.parse("points"))
    nodes.append(b)
    leaves.append(b)
    pen = draw(maxes)
    nodes.append(Node("TR", "p", pen, section="penalty"))
    p = Node("TR.1", "p1", pen + draw(maxes), "TR", rule=Rule.parse("points"))
    nodes.append(p)
    leaves.append(p)
    values = {}
    for leaf in leaves:
        v = draw(st.one_of(st.none(), st.just(NA), st.integers(-500, 3000).map(lambda n: D(n) / 100)))
        values[leaf.code] = v
    policy = draw(st.sampled_from(["max", "drop"]))
    return nodes, values, policy


@settings(max_examples=150, deadline=None)
@given(trees(), st.randoms())
def test_properties_bounds_caps_rescaling_order(data, rnd):
    nodes, values, policy = data
    roots = scoring.build_tree(nodes)
    r = scoring.compute(roots, values, policy)
    by_code = {n.code: n for n in nodes}
    for code, res in r.nodes.items():
        assert D(0) <= res.points <= res.max <= by_code[code].max  # within [0, max] at every node
    assert r.nodes["TH"].points <= by_code["TH"].max  # bonus cap
    assert r.nodes["TR"].points <= by_code["TR"].max  # penalty cap
    assert D(0) <= r.index <= D(100)  # NA rescaling keeps the index in range
    # order independence: shuffled inputs and shuffled siblings give the same index
    items = list(values.items())
    rnd.shuffle(items)
    shuffled = nodes[:]
    rnd.shuffle(shuffled)
    by_parent_first = sorted(shuffled, key=lambda n: n.parent is not None)
    r2 = scoring.compute(scoring.build_tree(by_parent_first), dict(items), policy)
    assert r2.index == r.index and r2.points == r.points


@settings(max_examples=200, deadline=None)
@given(
    shape=st.sampled_from(["tiers", "proportional", "count", "deduction"]),
    value=st.integers(0, 10000).map(lambda n: D(n) / 100),
    mx=st.integers(1, 1000).map(lambda n: D(n) / 100),
)
def test_property_rule_points_within_bounds(shape, value, mx):
    params = {
        "tiers": ">=95:100%; >=80:2/3; *:25%".replace("2/3", "60%"),
        "proportional": "dat=70; san=20",
        "count": "moi=0,5",
        "deduction": "moi=25%",
    }[shape]
    if shape in ("count", "deduction"):
        value = value.to_integral()
    p = Rule.parse(shape, params, mx).points(str(value), mx)
    assert D(0) <= p <= mx


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCD"), st.integers(0, 500), min_size=1))
def test_property_survey_points_within_bounds(dist):
    rule = Rule.parse("survey", "A=100%; B=60%; C=20%; D=0%", D(5))
    p = rule.points(dist, D(5))
    assert D(0) <= p <= D(5)
    # order of answers does not matter
    items = list(dist.items())
    random.Random(1).shuffle(items)
    assert rule.points(dict(items), D(5)) == p


def test_survey_weighted_by_respondent_group():
    rule = Rule.parse("survey", "A=100%; B=50%; C=0%; @người dân=60%; @công chức=40%", D(10))
    # citizens: all A (share 1); officials: half B, half C (share 0,25) → 10 × (0,6 × 1 + 0,4 × 0,25) = 7
    dist = {("người dân", "A"): 30, ("công chức", "B"): 5, ("công chức", "C"): 5}
    assert rule.points(dist, D(10)) == D(7)
    # a group without answers: the weights of the others are renormalised
    assert rule.points({("Người dân", "A"): 3}, D(10)) == D(10)
    with pytest.raises(RuleError, match="Nhóm 'doanh nghiệp'"):
        rule.points({("doanh nghiệp", "A"): 1}, D(10))
    with pytest.raises(RuleError, match="chỉ dùng cho cách chấm survey"):
        Rule.parse("levels", "tốt=100%; @x=1", D(1))


def test_tiers_with_an_override_condition():
    params = ">=98:100%; >=95:75%; *:25%; có hồ sơ trễ hạn chưa xin lỗi=0"
    assert pts("tiers", params, "99", 2) == 2
    assert pts("tiers", params, "Có hồ sơ trễ hạn chưa xin lỗi", 2) == 0
    with pytest.raises(RuleError, match="phải bắt đầu"):
        Rule.parse("tiers", "95:1", D(1))
    with pytest.raises(RuleError, match="nằm ngoài"):
        Rule.parse("tiers", ">=95:1; vi phạm=3", D(1))


def test_points_entered_directly_must_be_within_bounds():
    assert pts("points", "", "1,25", 2) == D("1.25")
    with pytest.raises(RuleError, match="nằm ngoài khoảng 0 – 2"):
        pts("points", "", "2,5", 2)
    with pytest.raises(RuleError, match="nằm ngoài"):
        pts("survey", "A=100%", "-1", 2)
