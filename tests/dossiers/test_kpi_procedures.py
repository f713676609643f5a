"""The KPI page filtered by procedure, and its "by procedure" table, worked by hand on conftest.JULY
plus a third procedure P3 with two late dossiers at commune A.

Commune A (T1XA with its desk), July 2025, procedure P1 (D1–D5, D7; D8 was not received):
received 6; completed 5 — early D1, D3, D4, on time D2, late D5 → on time 4/5 = 80 %; late against
the original due date D3, D5 = 2 (D3 has an apology); D7 open and overdue at the end of July;
online D1 → 1/6; P1 bears a fee, so 6 fee dossiers, D1 paid online; digitised all but D3 → 5/6.
P2 at A: D6 only (received, still open, not yet due). P3 at A: E1, E2 both late.
The province adds D9 (ward B, P1, early): P1 received 7, on time 5/6."""

import io
import json

import openpyxl
import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.dossiers import importer, kpis
from chiso.dossiers.models import Dossier, KpiAggregate, KpiRollup, Procedure
from chiso.lib import periods
from chiso.lib.vntext import fold
from tests.dossiers.conftest import JULY, write_csv

pytestmark = pytest.mark.django_db

JUL = periods.parse("2025-07")
# code, proc, unit, channel, status, received, due original, due, finished, then the JULY tail.
P3_ROWS = [
    ("E1", "P3", "T1XA.MC", 1, 9, "2025-07-07 08:00", "", "2025-07-08 08:00", "2025-07-09 08:00"),
    ("E2", "P3", "T1XA", 1, 10, "2025-07-14 08:00", "", "2025-07-15 08:00", "2025-07-16 08:00"),
]


@pytest.fixture
def data(world, catalogue, tmp_path):
    Procedure.objects.create(
        code="P3",
        name="Chứng thực bản sao từ bản chính",
        field_code="CT",
        field_name="Chứng thực",
        limit_value=1,
        search=fold("P3 Chứng thực bản sao từ bản chính Chứng thực"),
    )
    tail = ("", 0, 0, 0, 0, "", "", "")
    importer.import_dossiers(write_csv(tmp_path / "t7.csv", JULY + [r + tail for r in P3_ROWS]))
    return world


def _values(rows) -> dict:
    return {r["code"]: r["value"] for r in rows}


def test_page_filtered_by_procedure_worked_by_hand(data):
    r = data.client("officer_a").get("/ho-so/?don_vi=T1XA&ky=2025-07&thu_tuc=P1")
    assert r.status_code == 200
    v = _values(r.context["rows"])
    assert v["dossiers_received"] == 6  # 9 without the filter (7 of JULY + E1, E2)
    assert v["dossiers_completed"] == 5
    assert v["ontime_pct"] == pytest.approx(80.0)
    assert v["late_count"] == 1
    assert v["late_original_pct"] == pytest.approx(40.0)
    assert v["apology_pct"] == pytest.approx(50.0)
    assert v["open_overdue"] == 1
    assert v["online_pct"] == pytest.approx(100 / 6)
    assert v["online_payment_pct"] == pytest.approx(100 / 6)
    assert v["digitised_pct"] == pytest.approx(500 / 6)
    body = r.content.decode()
    assert "80,00 %" in body and "16,67 %" in body
    assert 'id="proc-scope"' in body and "Đăng ký khai sinh" in body
    # The field follows the procedure (P1 is Hộ tịch) and the field's procedures come first.
    assert '<option value="HT" selected>' in body
    assert body.index('value="P1" selected') < body.index('value="P2"')
    # The field chart is of no use for one procedure; the trend is there.
    assert "field-opt" not in body and "trend-opt" in body


def test_trend_reads_the_procedure_month_by_month(data):
    r = data.client("officer_a").get("/ho-so/?don_vi=T1XA&ky=2025-07&thu_tuc=P1")
    series = {s["name"]: s["data"] for s in r.context["trend"]["series"]}
    assert series["Hồ sơ tiếp nhận"] == [0] * 6 + [6] + [0] * 5
    assert series["Đúng hạn (%)"][6] == 80.0
    assert series["Đúng hạn (%)"][7] is None  # August: D7 still open, nothing completed
    # The chart options reach the page as JSON.
    body = r.content.decode()
    start = body.index('<script id="trend-opt" type="application/json">') + len(
        '<script id="trend-opt" type="application/json">'
    )
    opts = json.loads(body[start : body.index("</script>", start)])
    assert opts["series"][0]["data"][6] == 6


def test_province_sums_its_subtree_and_subunits_per_procedure(data):
    r = data.client("office").get("/ho-so/?don_vi=T1&ky=2025-07&thu_tuc=P1")
    v = _values(r.context["rows"])
    assert v["dossiers_received"] == 7  # + D9 of ward B
    assert v["ontime_pct"] == pytest.approx(500 / 6)
    assert v["postal_pct"] == pytest.approx(100 / 7)
    subs = {s["unit"].code: s for s in r.context["subunits"]}
    assert set(subs) == {"T1XA", "T1XB"}  # the department has no P1 dossier
    assert subs["T1XA"]["received"] == 6 and subs["T1XB"]["received"] == 1
    assert subs["T1XA"]["ontime"] == pytest.approx(80.0) and subs["T1XB"]["ontime"] == pytest.approx(100.0)
    r = data.client("office").get("/ho-so/?don_vi=T1&ky=2025-07&thu_tuc=P3")
    assert {s["unit"].code: s["received"] for s in r.context["subunits"]} == {"T1XA": 2}


def test_empty_state_when_the_unit_has_no_dossier_of_the_procedure(data):
    r = data.client("officer_b").get("/ho-so/?don_vi=T1XB&ky=2025-07&thu_tuc=P2")
    assert r.status_code == 200
    body = r.content.decode()
    assert 'id="kpi-empty"' in body
    assert "không có hồ sơ nào của thủ tục “Cấp giấy chứng nhận quyền sử dụng đất”" in body
    assert 'id="kpi-cards"' not in body
    # The same ward has P1 dossiers: cards, no empty state.
    body = data.client("officer_b").get("/ho-so/?don_vi=T1XB&ky=2025-07&thu_tuc=P1").content.decode()
    assert 'id="kpi-cards"' in body and 'id="kpi-empty"' not in body


def test_unknown_procedure_is_404_on_page_and_api(data):
    c = data.client("officer_a")
    assert c.get("/ho-so/?don_vi=T1XA&ky=2025-07&thu_tuc=KHONG-CO").status_code == 404
    assert c.get("/api/dossiers/kpis?unit=T1XA&period=2025-07&procedure=KHONG-CO").status_code == 404


def test_page_reads_aggregates_not_dossiers(data):
    """The figures come from the per-procedure aggregates: deleting the dossiers changes nothing."""
    c = data.client("officer_a")
    before = c.get("/ho-so/?don_vi=T1XA&ky=2025-07&thu_tuc=P1").context["rows"]
    Dossier.objects.all().delete()
    after = c.get("/ho-so/?don_vi=T1XA&ky=2025-07&thu_tuc=P1").context["rows"]
    assert _values(after) == _values(before)


@pytest.mark.parametrize(
    "unit,query",
    [
        ("T1XA", "procedure=P1"),
        ("T1XA", "field=HT&procedure=P1"),
        ("T1XA", "procedure=P2"),
        ("T1", "procedure=P1"),
        ("T1XB", "procedure=P2"),
    ],
)
def test_api_agrees_with_the_page(data, unit, query):
    c = data.client("office")
    code = query.split("procedure=")[1]
    page = c.get(f"/ho-so/?don_vi={unit}&ky=2025-07&thu_tuc={code}").context["rows"]
    api = c.get(f"/api/dossiers/kpis?unit={unit}&period=2025-07&{query}")
    assert api.status_code == 200
    got = {k["kpi"]: (k["numerator"], k["denominator"], k["value"]) for k in api.json()}
    assert got == {r["code"]: (r["numerator"], r["denominator"], r["value"]) for r in page}


def test_by_procedure_table_sorted_and_worked_by_hand(data):
    c = data.client("officer_a")
    r = c.get("/ho-so/?don_vi=T1XA&ky=2025-07")
    rows = r.context["proc_rows"]
    assert [p["code"] for p in rows] == ["P3", "P1", "P2"]  # by late count: 2, 1, 0
    p1 = rows[1]
    assert (p1["received"], p1["completed"], p1["late"], p1["late_original"], p1["overdue"]) == (
        6,
        5,
        1,
        2,
        1,
    )
    assert p1["ontime"] == pytest.approx(80.0)
    assert rows[0]["ontime"] == 0.0 and rows[2]["ontime"] is None  # P2: nothing completed

    def order(sort):
        got = c.get(f"/ho-so/?don_vi=T1XA&ky=2025-07&sap_xep_tt={sort}").context["proc_rows"]
        return [p["code"] for p in got]

    assert order("received") == ["P1", "P3", "P2"]
    assert order("ontime") == ["P3", "P1", "P2"]  # worst first, no completed dossier last
    assert order("name") == ["P2", "P3", "P1"]  # Cấp…, Chứng…, Đăng…
    body = r.content.decode()
    assert 'id="by-procedure"' in body and "Xuất XLSX" in body
    # A field narrows the table to its procedures.
    r = c.get("/ho-so/?don_vi=T1XA&ky=2025-07&linh_vuc=DD")
    assert [p["code"] for p in r.context["proc_rows"]] == ["P2"]


def test_by_procedure_table_shows_the_top_then_all(data, monkeypatch):
    from chiso.dossiers import views

    monkeypatch.setattr(views, "PROCEDURE_TOP", 2)
    c = data.client("officer_a")
    r = c.get("/ho-so/?don_vi=T1XA&ky=2025-07")
    assert [p["code"] for p in r.context["proc_rows"]] == ["P3", "P1"]
    assert "2 trên 3 thủ tục" in r.content.decode()
    r = c.get("/ho-so/?don_vi=T1XA&ky=2025-07&tt_tat_ca=1")
    assert len(r.context["proc_rows"]) == 3


def test_by_procedure_export_xlsx(data):
    r = data.client("officer_a").get("/ho-so/?don_vi=T1XA&ky=2025-07&xuat=xlsx&sap_xep_tt=received")
    assert r.status_code == 200
    assert "chi-tieu-theo-thu-tuc-T1XA-2025-07.xlsx" in r["Content-Disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert "Xã Hòa An" in ws.cell(1, 1).value
    head = [c.value for c in ws[3]]
    assert head[:5] == ["Mã TTHC", "Thủ tục", "Lĩnh vực", "Tiếp nhận", "Đã giải quyết"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [row[0] for row in rows] == ["P1", "P3", "P2"]  # the page's sort
    p1 = rows[0]
    assert p1[3:9] == (6, 5, 80.0, 1, 2, 1)
    assert rows[2][5] is None  # P2: no completed dossier, no rate (not 0)


def test_api_by_procedure_matches_the_table(data):
    c = data.client("officer_a")
    api = c.get("/api/dossiers/kpis/procedures?unit=T1XA&period=2025-07").json()
    page = c.get("/ho-so/?don_vi=T1XA&ky=2025-07").context["proc_rows"]
    assert [a["procedure"] for a in api] == [p["code"] for p in page]
    assert [(a["received"], a["late"], a["ontime_pct"]) for a in api] == [
        (p["received"], p["late"], p["ontime"]) for p in page
    ]


def test_procedure_search_accent_insensitive_field_first(data):
    c = data.client("officer_a")
    body = c.get("/ho-so/thu-tuc/chon/?tim_tt=khai sinh").content.decode()
    assert 'value="P1"' in body and 'value="P2"' not in body and 'value="P3"' not in body
    body = c.get("/ho-so/thu-tuc/chon/?tim_tt=CHUNG THUC").content.decode()
    assert 'value="P3"' in body and 'value="P1"' not in body
    body = c.get("/ho-so/thu-tuc/chon/?tim_tt=đất").content.decode()  # by field name, with accents
    assert 'value="P2"' in body and 'value="P1"' not in body
    # The chosen field's procedures first, then the others by field.
    body = c.get("/ho-so/thu-tuc/chon/?linh_vuc=DD").content.decode()
    assert body.index('value="P2"') < body.index('value="P3"') < body.index('value="P1"')
    body = c.get("/ho-so/thu-tuc/chon/?linh_vuc=HT").content.decode()
    assert body.index('value="P1"') < body.index('value="P2"')
    # The selected procedure stays listed (and selected) whatever the search says.
    body = c.get("/ho-so/thu-tuc/chon/?tim_tt=dat&thu_tuc=P1").content.decode()
    assert 'value="P1" selected' in body
    assert data.client(None).get("/ho-so/thu-tuc/chon/?tim_tt=dat").status_code == 302


def test_procedure_search_says_when_more_match(data):
    from chiso.dossiers import queries

    got, more = queries.procedure_choices("", "", "", limit=2)
    assert len(got) == 2 and more == 1
    # By field name: Chứng thực (P3), Hộ tịch (P1), Đất đai (P2); the selected P1 is added in place.
    got, more = queries.procedure_choices("", "", "P1", limit=1)
    assert [p.code for p in got] == ["P3", "P1"] and more == 2


def test_late_list_filtered_by_procedure(data):
    c = data.client("officer_a")
    body = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&thu_tuc=P3").content.decode()
    assert ">E1<" in body and ">E2<" in body and ">D5<" not in body
    body = c.get("/ho-so/tre-han/?don_vi=T1XA&ky=2025-07&thu_tuc=P1").content.decode()
    assert ">D5<" in body and ">E1<" not in body


# ---------------------------------------------------------------- who may read what


@pytest.mark.parametrize(
    "url",
    [
        "/ho-so/?don_vi=T1XB&ky=2025-07&thu_tuc=P1",
        "/ho-so/?don_vi=T1XB&ky=2025-07&xuat=xlsx",
        "/ho-so/?don_vi=T1&ky=2025-07&thu_tuc=P1",
        "/ho-so/tre-han/?don_vi=T1XB&ky=2025-07&thu_tuc=P1",
        "/api/dossiers/kpis?unit=T1XB&period=2025-07&procedure=P1",
        "/api/dossiers/kpis/procedures?unit=T1XB&period=2025-07",
        "/api/dossiers/kpis/procedures?unit=T1&period=2025-07",
    ],
)
def test_officer_of_a_cannot_read_b_procedure_figures(data, url):
    assert data.client("officer_a").get(url).status_code == 404


def test_officer_of_b_cannot_read_a_and_form_tampering_is_404(data):
    c = data.client("officer_b")
    # The filter form's unit box edited to commune A: the same 404 as the URL.
    assert c.get("/ho-so/", {"don_vi": "T1XA", "ky": "2025-07", "thu_tuc": "P1"}).status_code == 404
    assert c.get("/api/dossiers/kpis?unit=T1XA&period=2025-07&procedure=P3").status_code == 404
    # Its own ward is fine, and shows nothing of A (P3 is A's only).
    r = c.get("/ho-so/?don_vi=T1XB&ky=2025-07")
    assert [p["code"] for p in r.context["proc_rows"]] == ["P1"]


@pytest.mark.parametrize("who", ["admin", "office", "leader"])
def test_province_readers_see_b(data, who):
    c = data.client(who)
    assert c.get("/ho-so/?don_vi=T1XB&ky=2025-07&thu_tuc=P1").status_code == 200
    assert c.get("/api/dossiers/kpis/procedures?unit=T1XB&period=2025-07").status_code == 200


# ---------------------------------------------------------------- properties of the readers

UNITS = ["T1XA.MC", "T1XA", "T1XB", "T1.SNV"]
dossier = st.tuples(
    st.sampled_from(UNITS),
    st.sampled_from(["P1", "P2", "P3"]),
    st.sampled_from([1, 2, 3]),  # channel
    st.sampled_from([2, 4, 9, 10]),  # status
    st.integers(0, 80),  # received: days after 01/06/2025
    st.integers(1, 6),  # due: days after reception
    st.integers(0, 9),  # end: days after reception (terminal statuses)
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(dossier, min_size=1, max_size=12))
def test_per_procedure_readers_add_up_to_the_rollups(data, tmp_path, rows):
    """For any dossiers: the procedure table, the children and the months, read from the
    per-procedure aggregates, add up to the roll-ups the unfiltered page reads."""
    import datetime as dt

    Dossier.objects.all().delete()
    KpiAggregate.objects.all().delete()
    KpiRollup.objects.all().delete()
    base = dt.datetime(2025, 6, 1, 8, 0)
    out = []
    for i, (unit, proc, channel, status, rec, due, end) in enumerate(rows):
        r = base + dt.timedelta(days=rec)
        fmt = "%Y-%m-%d %H:%M"
        fin = (r + dt.timedelta(days=end)).strftime(fmt) if status in (9, 10) else ""
        due_s = (r + dt.timedelta(days=due)).strftime(fmt)
        out.append(
            (
                f"H{i}",
                proc,
                unit,
                channel,
                status,
                r.strftime(fmt),
                "",
                due_s,
                fin,
                "",
                0,
                0,
                0,
                0,
                "",
                "",
                "",
            )
        )
    importer.import_dossiers(write_csv(tmp_path / "h.csv", out))
    counts = KpiAggregate.COUNTS
    for code in ("2025-06", "2025-07", "2025-08", "2025-Q3", "2025"):
        period = periods.parse(code)
        for unit in (data.province, data.commune_a, data.commune_b):
            total = kpis.sums(unit, period)
            table = kpis.procedure_table(unit, period)
            if total is None:
                assert table == []
                continue
            for c in ("received", "completed", "late", "late_original"):
                assert sum(p[c] for p in table) == total[c], (code, unit.code, c)
            by_proc = {p["code"]: kpis.sums(unit, period, procedure=p["code"]) for p in table}
            for c in counts:
                assert sum(s[c] for s in by_proc.values()) == pytest.approx(total[c]), (code, unit.code, c)
        kids = [data.department, data.commune_a, data.commune_b]
        for proc in ("P1", "P2", "P3"):
            per_child = kpis.sums_children(data.province, kids, period, procedure=proc)
            for kid in kids:
                assert per_child.get(kid.pk) == kpis.sums(kid, period, procedure=proc), (code, proc, kid.code)
    months = [periods.month(2025, m) for m in range(1, 13)]
    for proc in ("", "P1", "P3"):
        per = kpis.sums_per_period(data.commune_a, months, procedure=proc)
        for m in months:
            assert per.get(m.code) == kpis.sums(data.commune_a, m, procedure=proc), (proc, m.code)
    # Every received dossier is in exactly one aggregate row of its month.
    june_to_aug = [periods.month(2025, m).code for m in (6, 7, 8)]
    got = KpiAggregate.objects.filter(period__in=june_to_aug).aggregate(n=Sum("received"))["n"]
    assert got == len(rows)
