"""The self-assessment form reads like a form, not like the office's rule codes (QA defect 1)."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.assessments import actions, rulefmt
from chiso.assessments.models import Entry
from chiso.lib import scoring

CODES = re.compile(r"\b(han|tre|dat|san|moi|toi_da)=|>=|<=|\*:")


@pytest.mark.parametrize(
    "shape,params,maximum,expected",
    [
        ("deadline", "han=15/01/2025; tre=50%", "2", "Đúng hạn (trước 15/01/2025): đủ điểm; trễ hạn: 50 %"),
        ("tiers", ">=100:1; >=80:0,5; *:0", "1", "≥ 100 %: 1 điểm; ≥ 80 %: 0,5 điểm; dưới 80 %: 0 điểm"),
        ("proportional", "dat=30; san=0", "2", "Từ 30 % trở lên: đủ điểm"),
        ("proportional", "dat=60; san=10", "5", "dưới 10 %: 0 điểm"),
        ("count", "moi=0,5; toi_da=2", "2", "0,5 điểm; tối đa 2 điểm"),
        ("levels", "tốt=100%; đạt=60%; không đạt=0", "4", "Tốt: đủ điểm; đạt: 60 % số điểm (2,4 điểm)"),
        ("deduction", "moi=25%", "6", "Trừ 1,5 điểm cho mỗi vi phạm"),
        ("yesno", "", "3", "Có thực hiện: đủ điểm; không thực hiện: 0 điểm"),
        ("points", "", "3", "Nhập trực tiếp số điểm, từ 0 đến 3"),
    ],
)
def test_rules_read_as_sentences(shape, params, maximum, expected):
    text = rulefmt.describe(scoring.Rule.parse(shape, params), Decimal(maximum))
    assert expected in text
    assert not CODES.search(text), text


@given(
    bounds=st.lists(st.integers(0, 100), min_size=1, max_size=4, unique=True),
    pts=st.lists(st.decimals("0", "5", places=1), min_size=5, max_size=5),
)
def test_any_tier_rule_reads_without_codes(bounds, pts):
    tiers = sorted(bounds, reverse=True)
    params = "; ".join(f">={b}:{str(p).replace('.', ',')}" for b, p in zip(tiers, pts, strict=False))
    text = rulefmt.describe(scoring.Rule.parse("tiers", params + "; *:0"), Decimal(5))
    assert not CODES.search(text) and f"dưới {tiers[-1]} %: 0 điểm" in text


@pytest.mark.django_db
def test_form_offers_choices_and_bounded_rates(camp, world):
    html = world.client("officer_a").get(f"/cham-diem/danh-gia/{camp.a.pk}/").content.decode()
    assert "han=" not in html and "tre=" not in html and "dat=" not in html and "moi=" not in html
    assert ">=" not in html.split('id="self-form"')[1]
    # yes/no (3.1 of the commune set) and levels (1.2) are choices; rates are bounded numbers
    assert re.search(r'<select id="v-3\.1" name="v-3\.1">.*?<option value="có">Có</option>', html, re.S)
    assert re.search(r'<select id="v-1\.2" name="v-1\.2">', html)
    # rates take "98,6" (a comma) and say their bounds; counts are whole numbers
    assert re.search(
        r'<input type="text" inputmode="decimal" id="v-3\.2" name="v-3\.2"[^>]*data-max="100"', html
    )
    assert 'id="h-3.2">Từ 0 đến 100 %' in html
    assert 'name="na-3.2"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["150", "-5", "100,5"])
def test_rates_outside_0_100_are_refused(camp, world, value):
    url = f"/cham-diem/danh-gia/{camp.a.pk}/"
    r = world.client("officer_a").post(url, {"v-3.2": value, "v-3.4": "50"}, follow=True)
    html = r.content.decode()
    assert "Chưa lưu" in html and "nhập từ 0 đến 100 %" in html
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.2").self_value == ""
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.4").self_value == ""  # nothing half-saved
    errors = actions.save_self_assessment(world.officer_a, camp.a, {"3.4": {"value": value}})
    assert "3.4" in errors and "0 đến 100 %" in errors["3.4"]


@pytest.mark.django_db
def test_not_applicable_box_and_bounds_kept(camp, world):
    url = f"/cham-diem/danh-gia/{camp.a.pk}/"
    c = world.client("officer_a")
    r = c.post(url, {"v-3.2": "100", "v-3.4": "", "na-3.4": "1", "v-3.1": "có"}, follow=True)
    assert "Đã lưu" in r.content.decode()
    e = Entry.objects.get(assessment=camp.a, criterion__code="3.4")
    assert e.not_applicable and e.self_value == "không phát sinh"
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.2").self_points == 6
    assert Entry.objects.get(assessment=camp.a, criterion__code="3.1").self_points == 3
    html = c.get(url).content.decode()
    assert re.search(r'name="na-3\.4" value="1" checked', html)
    assert re.search(r'<option value="có" selected>Có</option>', html)
