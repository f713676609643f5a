import datetime as dt

import pytest

from chiso.orgs import queries
from chiso.orgs.models import Unit, UnitKind
from chiso.orgs.provinces import load_provinces


@pytest.fixture
def provinces(db):
    load_provinces()


def test_63_before_and_34_after_the_reform(provinces):
    assert queries.provinces(dt.date(2025, 6, 30)).count() == 63
    assert queries.provinces(dt.date(2025, 7, 1)).count() == 34


def test_reload_changes_nothing(provinces):
    before = list(Unit.objects.order_by("code").values_list("code", "name", "valid_to", "updated_at"))
    result = load_provinces()
    assert result == {"created": 0, "updated": 0, "links": 0}
    assert list(Unit.objects.order_by("code").values_list("code", "name", "valid_to", "updated_at")) == before


def test_crosswalk(provinces):
    ha_giang = queries.find_province("Hà Giang")
    assert ha_giang.valid_to == dt.date(2025, 6, 30)
    assert [u.name for u in queries.became(ha_giang)] == ["Tỉnh Tuyên Quang"]
    new_tq = queries.find_province("tuyen quang", on=dt.date(2025, 8, 1))
    assert {u.name for u in queries.formed_from(new_tq)} == {"Tỉnh Tuyên Quang", "Tỉnh Hà Giang"}
    old_tq = queries.find_province("Tuyên Quang", on=dt.date(2020, 1, 1))
    assert old_tq.code == "08c" and new_tq.code == "08"
    hcm = queries.find_province("TP. Hồ Chí Minh", on=dt.date(2026, 1, 1))
    assert len(queries.formed_from(hcm)) == 3


def test_unchanged_provinces_keep_one_record(provinces):
    for name in [
        "Hà Nội",
        "Huế",
        "Lai Châu",
        "Điện Biên",
        "Sơn La",
        "Lạng Sơn",
        "Quảng Ninh",
        "Thanh Hóa",
        "Nghệ An",
        "Hà Tĩnh",
        "Cao Bằng",
    ]:
        u = queries.find_province(name)
        assert u is not None, name
        assert u.valid_to is None and u.valid_from is None, name


def test_names_match_accent_insensitively(provinces):
    assert queries.find_province("ba ria vung tau").code == "77"
    assert queries.find_province("Thừa Thiên Huế").code == "46"
    assert queries.find_province("DAK LAK", on=dt.date(2020, 1, 1)).code == "66c"
    assert Unit.objects.filter(kind=UnitKind.PROVINCE).search("ha noi").first().code == "01"
