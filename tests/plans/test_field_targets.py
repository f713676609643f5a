"""Field-scoped KPI targets are judged on their procedure field, never on the whole unit.

Hand-worked figures (province T1, KPI ontime_pct = (early + ontime) / completed × 100):

    quarter   field              completed  early  ontime  → ontime_pct
    2025-Q3   DD  Đất đai               20      2      16  → 18/20  = 90 %
    2025-Q3   DD2 Đất đai (cấp xã)      10      0      10  → 10/10  = 100 %
    2025-Q3   HT  Hộ tịch               70     30      38  → 68/70  = 97,142857 %
    2025-Q3   (all fields)             100     32      64  → 96/100 = 96 %
    2025-Q2   DD                        10      0       8  → 8/10   = 80 %

"tỷ lệ hồ sơ đất đai trả đúng hạn ≥ 95 %" on "đất đai" = DD + DD2 = 28/30 = 93,33 % → not met
(the whole unit's 96 % would wrongly say met)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chiso.dossiers.models import KpiRollup
from chiso.lib import periods as lib_periods
from chiso.lib.vntext import fold
from chiso.orgs.models import AuditEntry
from chiso.plans import actions, fields, queries, review
from chiso.plans.models import Target
from tests.plans.conftest import add_procedures

TODAY = dt.date(2025, 11, 1)  # Q4 has no data yet: the latest quarter with data is Q3


@pytest.fixture
def catalogue(db):
    add_procedures(
        [
            ("P-DD-1", "Đăng ký biến động đất đai", "DD", "Đất đai"),
            ("P-DD-2", "Cấp giấy chứng nhận lần đầu", "DD", "Đất đai"),
            ("P-DD2-1", "Hòa giải tranh chấp đất đai", "DD2", "Đất đai"),
            ("P-HT-1", "Đăng ký khai sinh", "HT", "Hộ tịch"),
        ]
    )


def make_rollups(unit, latest: str, previous: str) -> None:
    rows = [
        (latest, "DD", 20, 2, 16),
        (latest, "DD2", 10, 0, 10),
        (latest, "HT", 70, 30, 38),
        (latest, "", 100, 32, 64),
        (previous, "DD", 10, 0, 8),
    ]
    for period, field, completed, early, ontime in rows:
        KpiRollup.objects.create(
            period=period, unit=unit, field_code=field, completed=completed, early=early, ontime=ontime
        )


@pytest.fixture
def rollups(world, catalogue):
    make_rollups(world.province, "2025-Q3", "2025-Q2")


def _target(applied, world, **kw) -> Target:
    values = {
        "directive": applied,
        "unit": world.province,
        "metric_code": "ontime_pct",
        "metric_text": "Tỷ lệ hồ sơ đất đai trả đúng hạn",
        "operator": ">=",
        "value": Decimal("95"),
        "unit_label": "%",
        "scope": "field",
        "field": "lĩnh vực đất đai",
    }
    values.update(kw)
    return Target.objects.create(**values)


pytestmark = pytest.mark.django_db


def test_field_target_reads_its_fields_not_the_whole_unit(world, applied, rollups):
    t = _target(applied, world)
    r = queries.kpi_actual(t, TODAY)
    assert r["actual"] == pytest.approx(28 / 30 * 100)  # DD + DD2, not the unit's 96 %
    assert r["meets"] is False
    assert r["field"]["codes"] == ["DD", "DD2"] and r["field"]["label"] == "Đất đai (DD, DD2)"
    assert "Quý III/2025" in r["source"] and "lĩnh vực Đất đai (DD, DD2)" in r["source"]
    # previous quarter: only DD has data (8/10)
    assert r["previous"] == pytest.approx(80.0) and r["trend"] == "up"
    # the same target on the whole unit would be met: the field is what makes the difference
    whole = queries.kpi_actual(_target(applied, world, scope="all", field=""), TODAY)
    assert whole["actual"] == pytest.approx(96.0) and whole["meets"] is True and whole["field"] is None


@pytest.mark.parametrize("wording", ["đất đai", "Đất đai", "lĩnh vực đất đai", "TRONG LINH VUC DAT DAI"])
def test_wording_is_accent_and_case_insensitive(world, applied, rollups, wording):
    r = queries.kpi_actual(_target(applied, world, field=wording), TODAY)
    assert r["field"]["codes"] == ["DD", "DD2"] and r["actual"] == pytest.approx(28 / 30 * 100)


def test_a_picked_field_wins_over_the_wording(world, applied, rollups):
    r = queries.kpi_actual(_target(applied, world, field="đất đai", field_code="HT"), TODAY)
    assert r["field"]["label"] == "Hộ tịch (HT)" and r["field"]["how"] == "picked"
    assert r["actual"] == pytest.approx(68 / 70 * 100) and r["meets"] is True
    one = queries.kpi_actual(_target(applied, world, field_code="DD"), TODAY)
    assert one["actual"] == pytest.approx(90.0)


def test_unresolved_field_is_said_and_not_judged(world, applied, rollups):
    r = queries.kpi_actual(_target(applied, world, field="lĩnh vực khai khoáng"), TODAY)
    assert r["actual"] is None and r["meets"] is None
    assert "Không xác định được lĩnh vực “khai khoáng”" in r["source"]
    assert "không lấy số liệu toàn đơn vị" in r["source"]
    gone = queries.kpi_actual(_target(applied, world, field_code="XX"), TODAY)
    assert gone["actual"] is None and "“XX”" in gone["field"]["error"]


def test_a_kpi_that_cannot_be_split_by_field_is_not_judged(world, applied, rollups, monkeypatch):
    from chiso.dossiers import kpi_registry

    # (survey KPIs are split by the forms' field question: tests/plans/test_survey_field_targets.py)
    kpi = kpi_registry.KpiDef(
        code="test_sat",
        name_vi="Điểm tự đánh giá (thử)",
        definition="",
        numerator="",
        denominator="",
        source="assessments",
        provider=lambda unit, period, **kw: (9, 10),
    )
    monkeypatch.setitem(kpi_registry._REGISTRY, kpi.code, kpi)
    r = queries.kpi_actual(_target(applied, world, metric_code="test_sat"), TODAY)
    assert r["actual"] is None and "không tách được theo lĩnh vực" in r["source"]


def test_reported_field_target_shows_the_field(world, applied, rollups):
    r = queries.kpi_actual(_target(applied, world, metric_code=""), TODAY)
    assert r["field"]["label"] == "Đất đai (DD, DD2)" and r["source"] == "Chưa có số liệu"


def test_board_and_target_page_say_which_field(world, applied, catalogue):
    # pages judge on today's date: the figures sit in the current quarter
    cur = lib_periods.period_containing(dt.date.today(), "quarter")
    make_rollups(world.province, cur.code, cur.previous().code)
    good = _target(applied, world)
    bad = _target(applied, world, metric_text="Tỷ lệ hồ sơ khai khoáng đúng hạn", field="khai khoáng")
    page = world.client("office").get("/ke-hoach/").content.decode()
    assert "Lĩnh vực: Đất đai (DD, DD2)" in page
    assert "Không xác định được lĩnh vực “khai khoáng”" in page
    r = world.client("office").get(f"/ke-hoach/chi-tieu/{good.pk}/")
    text = r.content.decode()
    assert r.status_code == 200 and "Đất đai (DD, DD2)" in text and "93,33" in text
    assert (
        "Không xác định được lĩnh vực"
        in world.client("office").get(f"/ke-hoach/chi-tieu/{bad.pk}/").content.decode()
    )


def test_office_picks_the_field_on_the_target_page(world, applied, rollups):
    t = _target(applied, world, field="khai khoáng")
    form = {
        "metric_text": t.metric_text,
        "metric_code": "ontime_pct",
        "operator": ">=",
        "value": "95",
        "unit_label": "%",
        "scope": "field",
        "field": "khai khoáng",
        "field_code": "DD",
    }
    # the page offers the known fields as a select
    page = world.client("office").get(f"/ke-hoach/chi-tieu/{t.pk}/").content.decode()
    assert (
        '<option value="DD">Đất đai (DD)</option>' in page
        and '<option value="HT">Hộ tịch (HT)</option>' in page
    )
    assert world.client("office").post(f"/ke-hoach/chi-tieu/{t.pk}/", form).status_code == 302
    t.refresh_from_db()
    assert t.field_code == "DD"
    entry = AuditEntry.objects.filter(action="target.edit").get()
    assert entry.after["field_code"] == "DD"
    assert queries.kpi_actual(t, TODAY)["actual"] == pytest.approx(90.0)
    # the same form again changes nothing (no second audit entry)
    world.client("office").post(f"/ke-hoach/chi-tieu/{t.pk}/", form)
    assert AuditEntry.objects.filter(action="target.edit").count() == 1
    # tampering: a code that is not in the catalogue is refused, nothing changes
    r = world.client("office").post(f"/ke-hoach/chi-tieu/{t.pk}/", {**form, "field_code": "ZZ"})
    assert r.status_code == 200
    t.refresh_from_db()
    assert t.field_code == "DD"
    with pytest.raises(ValidationError, match="Lĩnh vực mã “ZZ” không có trong danh mục"):
        actions.edit_target(world.office, t, field_code="ZZ")
    with pytest.raises(ValidationError, match="cần nêu lĩnh vực"):
        actions.edit_target(world.office, t, field_code="", field="")


def test_who_may_read_and_edit_a_target(world, applied, rollups):
    t = _target(applied, world)
    form = {"metric_text": "x", "operator": ">=", "value": "1", "scope": "all"}
    for who, status in [("office", 200), ("leader", 200), ("officer_a", 200), ("officer_b", 200)]:
        assert world.client(who).get(f"/ke-hoach/chi-tieu/{t.pk}/").status_code == status
    for who in ("leader", "officer_a"):
        assert world.client(who).post(f"/ke-hoach/chi-tieu/{t.pk}/", form).status_code == 403
    t.refresh_from_db()
    assert t.metric_text == "Tỷ lệ hồ sơ đất đai trả đúng hạn" and t.scope == "field"
    # a commitment target of commune A: commune B learns nothing (404), by URL and by form
    c, _ = actions.save_commitment(world.head_a, world.commune_a, year=2025, title="Cam kết 2025")
    own = actions.create_target(
        world.officer_a,
        world.commune_a,
        commitment=c,
        metric_text="Hồ sơ đúng hạn",
        operator=">=",
        value=Decimal("90"),
        scope="unit",
    )
    assert world.client("officer_b").get(f"/ke-hoach/chi-tieu/{own.pk}/").status_code == 404
    assert world.client("officer_b").post(f"/ke-hoach/chi-tieu/{own.pk}/", form).status_code == 404
    assert world.client("officer_a").get(f"/ke-hoach/chi-tieu/{own.pk}/").status_code == 200
    # a unit-scoped target keeps its scope whatever the form says
    r = world.client("officer_a").post(
        f"/ke-hoach/chi-tieu/{own.pk}/", {**form, "metric_text": "Hồ sơ đúng hạn (sửa)"}
    )
    assert r.status_code == 302
    own.refresh_from_db()
    assert own.scope == "unit" and own.metric_text == "Hồ sơ đúng hạn (sửa)"


def test_review_field_edit_and_apply_make_a_field_target(world, directive, catalogue):
    with pytest.raises(ValidationError, match="Lĩnh vực mã “XX”"):
        actions.decide_item(world.office, directive, "g1", review.ACCEPTED, {"field_code": "XX"})
    actions.decide_item(world.office, directive, "g1", review.ACCEPTED, {"scope": "lĩnh vực đất đai"})
    page = world.client("office").get(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/").content.decode()
    assert "Lĩnh vực: Đất đai (DD, DD2)" in page and '<option value="HT">Hộ tịch (HT)</option>' in page
    actions.decide_item(world.office, directive, "r1", review.ACCEPTED)
    actions.apply_proposal(world.office, directive)
    t = Target.objects.get()
    assert (t.scope, t.field, t.field_code) == ("field", "lĩnh vực đất đai", "")
    assert queries.target_field(t)["codes"] == ["DD", "DD2"]


def test_review_card_warns_when_the_field_is_unknown(world, directive, catalogue):
    actions.decide_item(world.office, directive, "g1", review.ACCEPTED, {"scope": "lĩnh vực khai khoáng"})
    page = world.client("office").get(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/").content.decode()
    assert "Không xác định được lĩnh vực “khai khoáng”" in page and "hãy chọn lĩnh vực" in page


# ---------------------------------------------------------------- the resolver, as properties

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
word = st.text(alphabet=LETTERS, min_size=2, max_size=7)
name = st.lists(word, min_size=1, max_size=3).map(" ".join)
catalogue_st = st.lists(
    st.tuples(st.text(alphabet="ABCDEFGHKLMNPQRSTXY0123456789", min_size=2, max_size=5), name),
    min_size=1,
    max_size=8,
    unique_by=lambda f: f[0],
)


@settings(max_examples=200, deadline=None)
@given(catalogue_st, st.data())
def test_a_field_name_finds_every_code_of_that_name(cat, data):
    code, picked = data.draw(st.sampled_from(cat))
    assume(fields.field_key(picked))  # a name made only of lead words ("các ngành") names nothing
    same = [(c, n) for c, n in cat if fields.field_key(n) == fields.field_key(picked)]
    for text in (
        picked,
        picked.upper(),
        fold(picked),
        f"lĩnh vực {picked}",
        f"Trong lĩnh vực {picked.upper()}",
    ):
        got = fields.resolve(text, cat)
        assert set(same) <= set(got), text


@settings(max_examples=200, deadline=None)
@given(catalogue_st, st.text(max_size=40))
def test_resolution_is_within_the_catalogue_and_ignores_accents(cat, text):
    got = fields.resolve(text, cat)
    assert set(got) <= set(cat)
    assert fields.resolve(fold(text), cat) == got
    assert fields.resolve(text.upper(), cat) == fields.resolve(text.lower(), cat)


@settings(max_examples=100, deadline=None)
@given(catalogue_st)
def test_words_outside_every_name_resolve_to_nothing(cat):
    assert fields.resolve("lĩnh vực zzqq wwjj", cat) == []
    assert fields.resolve("lĩnh vực", cat) == [] and fields.resolve("", cat) == []
