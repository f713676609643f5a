"""Importer: every kind of bad row is named and nothing is saved; re-import changes nothing."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.indices import actions, queries
from chiso.indices.models import Result, ResultImport
from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import AuditEntry
from tests.indices.conftest import PROVINCES, papi_long, write_csv


def _fails(papi, tmp_path, text, fmt="long"):
    path = write_csv(tmp_path, "bad.csv", text)
    with pytest.raises(ImportFailed) as exc:
        actions.import_results(None, papi, path, fmt=fmt)
    assert Result.objects.count() == 0 and ResultImport.objects.count() == 0
    return exc.value.errors


GOOD = "index,year,province,node_code,score\npapi,2024,Hà Tĩnh,D1,5.1\n"


@pytest.mark.parametrize(
    "row,column,message",
    [
        ("papi,2024,Tỉnh Không Có,D1,5", "province", "Không tìm thấy tỉnh"),
        ("papi,2024,Hà Tĩnh,D9,5", "node_code", "Không có thành phần “D9”"),
        ("papi,2015,Hà Tĩnh,D7,5", "node_code", "Không có thành phần “D7”"),
        ("papi,2024,Hà Tĩnh,D2,10.5", "score", "vượt điểm tối đa 10"),
        ("papi,2024,Hà Tĩnh,,81", "score", "vượt điểm tối đa 80"),
        ("papi,2024,Hà Tĩnh,D2,abc", "score", "không phải là số"),
        ("papi,2024,Hà Tĩnh,D2,-1", "score", "âm"),
        ("papi,2009,Hà Tĩnh,D2,5", "year", "chưa có khung chỉ số cho năm 2009"),
        ("papi,20x4,Hà Tĩnh,D2,5", "year", "không hợp lệ"),
        ("papi,2026,Hà Giang,D2,5", "province", "không còn là đơn vị hành chính cấp tỉnh vào năm 2026"),
        ("par,2024,Hà Tĩnh,D2,5", "index", "khác chỉ số đang nhập"),
        ("papi,2024,ha tinh,d1,5.2", "score", "Trùng dòng 2"),
    ],
)
def test_each_bad_row_is_named_and_nothing_is_saved(papi, tmp_path, row, column, message):
    errors = _fails(papi, tmp_path, GOOD + row + "\n")
    assert len(errors) == 1
    e = errors[0]
    assert (e.file, e.row, e.column) == ("bad.csv", 3, column)
    assert message in e.message
    assert "bad.csv, dòng 3, cột " + column in str(e)


def test_all_errors_are_reported_at_once(papi, tmp_path):
    text = GOOD + "papi,2024,Nowhere,D1,5\npapi,2024,Hà Tĩnh,D9,5\npapi,2024,Nghệ An,D1,11\n"
    errors = _fails(papi, tmp_path, text)
    assert [e.row for e in errors] == [3, 4, 5]


def test_missing_columns_and_empty_file(papi, tmp_path):
    errors = _fails(papi, tmp_path, "year,province\n2024,Hà Tĩnh\n")
    assert {e.column for e in errors} == {"score"}
    errors = _fails(papi, tmp_path, "index,year,province,node_code,score\n")
    assert "không có dòng" in errors[0].message


def test_wide_format_errors(papi, tmp_path):
    text = "province_id,province_vi,year,D1,D2,total_papi\n1,Hà Giang,2024,5,11,40\n2,Atlantis,2024,5,5,10\n"
    errors = _fails(papi, tmp_path, text, fmt="papi-wide")
    assert [(e.row, e.column) for e in errors] == [(2, "D2"), (3, "province_vi")]


def test_matching_accents_aliases_and_crosswalk(papi, tmp_path):
    text = (
        "index,year,province,node_code,score\n"
        "PAPI,2024,HA TINH,TOTAL,45\n"
        "papi,2024,TP. Hồ Chí Minh,,44\n"
        "papi,2024,Thành phố Huế,,43\n"
        "papi,2024,Tuyên Quang,,42\n"
        "papi,2024,Bà Rịa–Vũng Tàu,,41,\n"
        "papi,2026,Tuyên Quang,,40\n"
        'papi,2024,42,D1,"5,5"\n'
    )
    out = actions.import_results(None, papi, write_csv(tmp_path, "ok.csv", text), fmt="long")
    assert out.created == 7
    codes = dict(Result.objects.filter(node__isnull=True, year=2024).values_list("score", "province__code"))
    assert (
        codes[45] == "42"
        and codes[44] == "79c"
        and codes[43] == "46"
        and codes[42] == "08c"
        and codes[41] == "77"
    )
    # After the reform the same name is the new province.
    assert Result.objects.get(year=2026).province.code == "08"
    assert Result.objects.get(node__code="D1").score == 5.5


def test_reimport_is_a_noop_and_a_change_is_audited(papi, tmp_path):
    path = write_csv(tmp_path, "p.csv", papi_long())
    first = actions.import_results(None, papi, path, fmt="long")
    audits = AuditEntry.objects.filter(action="indices.results.import").count()
    assert first.created == 96 and audits == 1
    again = actions.import_results(None, papi, path, fmt="long")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 96)
    assert AuditEntry.objects.filter(action="indices.results.import").count() == 1
    assert ResultImport.objects.count() == 1
    changed = papi_long(base={(2024, "Hà Tĩnh", 3): 9.99})
    out = actions.import_results(None, papi, write_csv(tmp_path, "p2.csv", changed), fmt="long")
    assert (out.created, out.updated) == (0, 1)
    assert float(Result.objects.get(year=2024, province__code="42", node__code="D3").score) == 9.99


def test_totals_are_computed_from_parts_and_ranked(papi_small):
    table = queries.ResultSet(papi_small).table(2024)
    assert table.of == 6
    for r in table.rows:
        assert r.total.computed
        assert r.total.score == sum(r.nodes[f"D{d}"].score for d in range(1, 9))
    ranks = [r.total.rank for r in table.rows]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert all(r.rank_change is not None for r in table.rows)


def test_xlsx_long_format(papi, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["index", "year", "province", "node_code", "score"])
    ws.append(["papi", 2024, "Hà Tĩnh", "D1", 5.25])
    ws.append(["papi", 2024, "Hà Tĩnh", "D1", 5.25])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    with pytest.raises(ImportFailed) as exc:
        actions.import_results(None, papi, path, fmt="long")
    assert exc.value.errors[0].row == 3 and "Trùng dòng 2" in exc.value.errors[0].message


def test_derived_figures_for_the_34_provinces(papi_small):
    from decimal import Decimal

    from chiso.orgs.models import Unit

    rs = queries.result_set(papi_small)
    pub = rs.table(2024)
    derived = queries.derived_table(rs, 2024)
    by_code = {r.province.code: r for r in derived.rows}
    hg, tq_old = pub.row_for(Unit.objects.get(code="02")), pub.row_for(Unit.objects.get(code="08c"))
    tq_new = by_code["08"]  # Tuyên Quang since 01/07/2025 = Hà Giang + former Tuyên Quang
    assert tq_new.derived and {s.code for s in tq_new.sources} == {"02", "08c"}
    assert tq_new.total.score == ((hg.total.score + tq_old.total.score) / 2).quantize(Decimal("0.000001"))
    assert by_code["42"].total.score == pub.row_for(Unit.objects.get(code="42")).total.score
    # Only new provinces whose former provinces all have a score; ranked among themselves.
    assert set(by_code) == {"08", "42", "22", "40", "46"}
    assert sorted(r.total.rank for r in derived.rows) == [1, 2, 3, 4, 5]
    assert all(r.total.of == 5 for r in derived.rows)
    # The published table is untouched: former provinces, no derived rows.
    assert not any(r.derived for r in pub.rows) and pub.of == 6
    # A new province's profile: derived history, labelled.
    prof = queries.profile(papi_small, Unit.objects.get(code="08"))
    assert prof.derived and [y for y, _ in prof.history] == [2023, 2024]
    assert prof.history[1][1].rank_change is not None
    assert "(ước tính)" in queries.sentence(papi_small, prof.row, prof.table)


def test_par_bands(frameworks, tmp_path):
    par = frameworks["par"]
    text = "index,year,province,node_code,score\n" + "".join(
        f"par,2023,{p},,{s}\n"
        for p, s in [
            ("Quảng Ninh", "92.18"),
            ("Hà Tĩnh", '"86,98"'),
            ("Nghệ An", "80"),
            ("Hà Giang", "79.99"),
            ("Cao Bằng", "65"),
        ]
    )
    actions.import_results(None, par, write_csv(tmp_path, "par.csv", text), fmt="long")
    tiers = {r.name: r.tier for r in queries.result_set(par).table(2023).rows}
    assert tiers == {"Quảng Ninh": "A", "Hà Tĩnh": "B", "Nghệ An": "B", "Hà Giang": "C", "Cao Bằng": "Dưới C"}


def test_pages_read_in_a_bounded_number_of_queries(world, papi_small, django_assert_max_num_queries):
    c = world.client("leader")
    queries._CACHE.clear()
    with django_assert_max_num_queries(30):
        assert c.get("/chi-so/papi/tinh/42/").status_code == 200
    with django_assert_max_num_queries(20):
        assert c.get("/chi-so/papi/nam/2024/").status_code == 200


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 1_000_000), min_size=6, max_size=6), st.booleans())
def test_scores_round_trip_in_both_decimal_notations(papi, tmp_path_factory, micro, comma):
    path = tmp_path_factory.mktemp("rt") / "r.csv"
    rows = ["index,year,province,node_code,score"]
    for p, m in zip(PROVINCES, micro, strict=True):
        text = f"{m // 100000}.{m % 100000:05d}"
        rows.append(f'papi,2024,{p},D1,"{text.replace(".", ",")}"' if comma else f"papi,2024,{p},D1,{text}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    Result.objects.all().delete()
    actions.import_results(None, papi, path, fmt="long")
    got = dict(Result.objects.values_list("province__code", "score"))
    assert sorted(got.values()) == sorted(Decimal(m) / 100000 for m in micro)
    again = actions.import_results(None, papi, path, fmt="long")
    assert again.created == again.updated == 0
