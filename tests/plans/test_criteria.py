"""Tasks linked to the indices frameworks: codes checked against the framework of the chosen index and
year, a searchable picker, the criterion shown on the task page, filters on the board and the task list,
older free-text values linked by a data migration (what does not resolve stays, flagged)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.indices import actions as index_actions
from chiso.indices.models import FrameworkVersion, Node
from chiso.orgs.models import AuditEntry
from chiso.plans import actions, criteria, queries, review
from chiso.plans.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def frameworks(db):
    index_actions.load_frameworks(None)


def _task(code):
    return Task.objects.get(unit__code=code, title="Rà soát quy trình nội bộ")


def _node(version, code):
    return Node.objects.get(version__code=version, code=code)


def test_office_links_a_task_to_a_criterion(world, applied, frameworks):
    t = _task("T1XA")
    actions.edit_task(world.office, t, index_code="PAR INDEX", index_year="", criterion_code="lv3")
    t.refresh_from_db()
    # the directive is of 2025: the 2022– framework (876/QĐ-BNV) applies, the code is written canonically
    assert (t.index_code, t.index_year, t.criterion_code) == ("par", 2025, "LV3")
    assert t.criterion == _node("par-876", "LV3") and not t.link_unresolved
    entry = AuditEntry.objects.get(action="task.edit")
    assert entry.after["criterion"] == t.criterion.pk and entry.after["index_year"] == 2025
    # the same code names another node in another year's framework
    actions.edit_task(world.office, t, index_code="par", index_year="2018", criterion_code="LV3")
    t.refresh_from_db()
    assert t.criterion == _node("par-2948", "LV3")
    # clearing the index clears the link
    actions.edit_task(world.office, t, index_code="", index_year="", criterion_code="")
    t.refresh_from_db()
    assert (t.index_code, t.index_year, t.criterion, t.criterion_code) == ("", None, None, "")


@pytest.mark.parametrize(
    "index,year,code,message",
    [
        ("par", "2025", "LV9", "Tiêu chí “LV9” không có trong khung PAR INDEX năm 2025"),
        ("papi", "2015", "D1.1", "Tiêu chí “D1.1” không có trong khung PAPI năm 2015"),
        ("ABC", "2025", "1.2", "Chỉ số “ABC” không có trong danh mục"),
        ("", "", "D5", "Hãy chọn chỉ số của tiêu chí “D5”"),
        ("sipas", "2016", "E1", "Chưa có khung SIPAS cho năm 2016"),
        ("papi", "năm nay", "D5", "Năm chỉ số “năm nay” không hợp lệ"),
    ],
)
def test_invalid_links_are_refused_in_vietnamese(world, applied, frameworks, index, year, code, message):
    t = _task("T1XA")
    with pytest.raises(ValidationError, match=message):
        actions.edit_task(world.office, t, index_code=index, index_year=year, criterion_code=code)
    t.refresh_from_db()
    assert (t.index_code, t.criterion_code, t.criterion) == ("", "", None)


def test_task_page_form_and_display(world, applied, frameworks):
    t = _task("T1XA")
    c = world.client("office")
    base = {"title": t.title, "unit": "T1XA", "deadline": "15/12/2025"}
    r = c.post(
        f"/ke-hoach/nhiem-vu/{t.pk}/sua/",
        {**base, "index_code": "papi", "index_year": "2024", "criterion_code": "D9"},
        follow=True,
    )
    assert "Tiêu chí “D9” không có trong khung PAPI năm 2024" in r.content.decode()
    t.refresh_from_db()
    assert t.criterion is None
    c.post(
        f"/ke-hoach/nhiem-vu/{t.pk}/sua/",
        {**base, "index_code": "papi", "index_year": "2024", "criterion_code": "d5"},
    )
    t.refresh_from_db()
    assert t.criterion == _node("papi-2018", "D5")
    page = c.get(f"/ke-hoach/nhiem-vu/{t.pk}/").content.decode()
    assert "PAPI" in page and "D5 Thủ tục hành chính công" in page and "khung năm 2024" in page
    assert "/chi-so/khung/papi-2018/" in page
    # the edit form offers the indices and keeps the chosen values
    assert '<option value="papi" selected>PAPI</option>' in page and 'value="D5"' in page
    # the unit reads the criterion too
    assert (
        "D5 Thủ tục hành chính công"
        in world.client("officer_a").get(f"/ke-hoach/nhiem-vu/{t.pk}/").content.decode()
    )


def test_only_the_office_links_tasks(world, applied, frameworks):
    t = _task("T1XA")
    form = {
        "title": t.title,
        "unit": "T1XA",
        "index_code": "papi",
        "index_year": "2024",
        "criterion_code": "D5",
    }
    assert world.client("officer_a").post(f"/ke-hoach/nhiem-vu/{t.pk}/sua/", form).status_code == 403
    assert world.client("leader").post(f"/ke-hoach/nhiem-vu/{t.pk}/sua/", form).status_code == 403
    assert world.client("officer_b").post(f"/ke-hoach/nhiem-vu/{t.pk}/sua/", form).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.edit_task(world.officer_a, t, index_code="papi", index_year=2024, criterion_code="D5")
    t.refresh_from_db()
    assert t.criterion is None and not AuditEntry.objects.filter(action="task.edit").exists()


def test_picker_searches_accent_insensitively(world, frameworks):
    c = world.client("officer_a")
    url = "/ke-hoach/tieu-chi/"
    for q in ("thủ tục", "THU TUC", "thu tuc hanh chinh"):
        page = c.get(url, {"index_code": "papi", "index_year": "2024", "criterion_code": q}).content.decode()
        assert "D5 — Thủ tục hành chính công" in page and "D5.3 — Thủ tục hành chính cấp xã, phường" in page
        assert "D1 — Tham gia" not in page
    # every word, in any order, anywhere in the code or name
    page = c.get(
        url, {"index_code": "papi", "index_year": "2024", "criterion_code": "cap xa thu tuc"}
    ).content.decode()
    assert 'data-code="D5.3"' in page and page.count("data-code=") == 1
    page = c.get(url, {"index_code": "papi", "index_year": "2024", "criterion_code": "d8.2"}).content.decode()
    assert 'data-code="D8.2"' in page and page.count("data-code=") == 1
    page = c.get(url, {"index_code": "par", "index_year": "2025", "criterion_code": "xyz"}).content.decode()
    assert "Không có tiêu chí nào khớp “xyz”" in page
    assert "Hãy chọn chỉ số trước" in c.get(url, {"criterion_code": "D5"}).content.decode()
    assert (
        "Chưa có khung SIPAS cho năm 2016"
        in c.get(url, {"index_code": "sipas", "index_year": "2016"}).content.decode()
    )
    r = world.client(None).get(url, {"index_code": "papi"})
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


def test_review_card_checks_and_apply_links(world, directive, frameworks):
    with pytest.raises(ValidationError, match="Tiêu chí “LV9” không có trong khung PAR INDEX năm 2025"):
        actions.decide_item(
            world.office, directive, "t2", review.ACCEPTED, {"index_code": "par", "criterion_code": "LV9"}
        )
    r = world.client("office").post(
        f"/ke-hoach/van-ban/{directive.pk}/ra-soat/t2/",
        {
            "decision": "accepted",
            "edit": "1",
            "summary": "Rà soát quy trình nội bộ",
            "index_code": "par",
            "index_year": "2025",
            "criterion_code": "LV9",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Tiêu chí “LV9” không có trong khung PAR INDEX năm 2025" in r.content.decode()
    actions.decide_item(
        world.office, directive, "t2", review.ACCEPTED, {"index_code": "par", "criterion_code": "lv3"}
    )
    page = world.client("office").get(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/").content.decode()
    assert "PAR INDEX (khung năm 2025) — LV3 Cải cách thủ tục hành chính" in page
    assert 'id="cp-t2"' in page  # the picker on the card's edit form
    actions.decide_item(world.office, directive, "r1", review.ACCEPTED)
    actions.apply_proposal(world.office, directive)
    tasks = Task.objects.filter(directive=directive)
    assert tasks.count() == 2  # "UBND các xã, phường" → one task per commune / ward
    assert {(t.index_code, t.index_year, t.criterion_id) for t in tasks} == {
        ("par", 2025, _node("par-876", "LV3").pk)
    }


def test_board_and_task_list_filter_by_index_and_criterion(world, applied, frameworks):
    a, b = _task("T1XA"), _task("T1XB")
    actions.edit_task(world.office, a, index_code="papi", index_year=2024, criterion_code="D5")
    actions.edit_task(world.office, b, index_code="papi", index_year=2024, criterion_code="D8")
    other = Task.objects.get(title="Tham mưu kế hoạch CCHC năm 2025")
    actions.edit_task(world.office, other, index_code="par", index_year=2025, criterion_code="LV1")
    office = world.client("office")
    page = office.get("/ke-hoach/nhiem-vu/", {"chi_so": "papi", "tieu_chi": "D5"}).content.decode()
    assert f"/ke-hoach/nhiem-vu/{a.pk}/" in page and f"/ke-hoach/nhiem-vu/{b.pk}/" not in page
    assert f"/ke-hoach/nhiem-vu/{other.pk}/" not in page
    assert '<option value="D8">D8 — Quản trị điện tử</option>' in page  # criteria the tasks serve
    page = office.get("/ke-hoach/nhiem-vu/", {"chi_so": "papi"}).content.decode()
    assert f"/ke-hoach/nhiem-vu/{a.pk}/" in page and f"/ke-hoach/nhiem-vu/{b.pk}/" in page
    assert f"/ke-hoach/nhiem-vu/{other.pk}/" not in page
    # commune B's officer filtering on A's criterion sees nothing of A
    page = (
        world.client("officer_b")
        .get("/ke-hoach/nhiem-vu/", {"chi_so": "papi", "tieu_chi": "D5"})
        .content.decode()
    )
    assert f"/ke-hoach/nhiem-vu/{a.pk}/" not in page and "khớp với bộ lọc" in page
    board = queries.board(world.office, dt.date(2025, 11, 1), index_code="papi", criterion_code="D5")
    assert board["total"] == 1 and [r["unit"].code for r in board["by_unit"]] == ["T1XA"]
    rows = {(r["index_code"], r["criterion_code"]): r for r in queries.board(world.office)["by_criterion"]}
    assert rows[("papi", "D5")]["total"] == 1 and rows[("par", "LV1")]["criterion_name"].startswith(
        "Công tác chỉ đạo"
    )
    page = office.get("/ke-hoach/", {"chi_so": "papi", "tieu_chi": "D5"}).content.decode()
    assert 'id="kpi-total">1<' in page
    assert "?chi_so=papi&tieu_chi=D5" in page
    assert {r["unit"].code for r in queries.board(world.officer_b)["by_unit"]} == {"T1XB"}
    # the API filters the same way, within the caller's scope
    ids = {t["id"] for t in office.get("/api/plans/tasks", {"index": "papi", "criterion": "D5"}).json()}
    assert ids == {a.pk}
    got = office.get(f"/api/plans/tasks/{a.pk}").json()
    assert got["criterion_name"] == "Thủ tục hành chính công" and got["index_year"] == 2024
    assert not world.client("officer_b").get("/api/plans/tasks", {"index": "papi", "criterion": "D5"}).json()


def _migration():
    return importlib.import_module("chiso.plans.migrations.0004_task_index_link_data")


def test_data_migration_links_what_resolves_and_flags_the_rest(world, applied, frameworks):
    legacy = [
        ("Tham mưu kế hoạch CCHC năm 2025", "PAR INDEX", "lv3"),  # → par 2025, LV3
        ("Nâng cấp cổng dịch vụ công", "Chỉ số PAPI", "D9"),  # index only: the criterion stays, flagged
    ]
    for title, index, code in legacy:
        Task.objects.filter(title=title).update(index_code=index, criterion_code=code)
    Task.objects.filter(unit__code="T1XA").update(
        index_code="Chỉ số XYZ", criterion_code="1.2"
    )  # nothing resolves
    _migration().link(django_apps, None)
    first = Task.objects.get(title="Tham mưu kế hoạch CCHC năm 2025")
    assert (first.index_code, first.index_year, first.criterion_code) == ("par", 2025, "LV3")
    assert first.criterion == _node("par-876", "LV3") and not first.link_unresolved
    second = Task.objects.get(title="Nâng cấp cổng dịch vụ công")
    assert (second.index_code, second.index_year, second.criterion, second.criterion_code) == (
        "papi",
        2025,
        None,
        "D9",
    )
    assert second.link_unresolved  # the index resolved, the criterion did not: kept as written, flagged
    third = Task.objects.get(unit__code="T1XA")
    assert (third.index_code, third.criterion_code, third.index_year) == ("Chỉ số XYZ", "1.2", None)
    assert third.link_unresolved
    assert set(Task.objects.filter(criteria.unresolved_q()).values_list("pk", flat=True)) == {
        second.pk,
        third.pk,
    }
    # running it again changes nothing
    before = list(
        Task.objects.order_by("pk").values_list("index_code", "index_year", "criterion_id", "criterion_code")
    )
    _migration().link(django_apps, None)
    assert before == list(
        Task.objects.order_by("pk").values_list("index_code", "index_year", "criterion_id", "criterion_code")
    )
    # the flagged ones are shown as such and can be filtered
    page = world.client("office").get(f"/ke-hoach/nhiem-vu/{third.pk}/").content.decode()
    assert "Chỉ số XYZ" in page and "Chưa khớp khung chỉ số" in page
    assert '<option value="Chỉ số XYZ" selected>Chỉ số XYZ (chưa khớp danh mục)</option>' in page
    page = world.client("office").get("/ke-hoach/nhiem-vu/", {"chua_khop": "1"}).content.decode()
    assert f"/ke-hoach/nhiem-vu/{third.pk}/" in page and f"/ke-hoach/nhiem-vu/{first.pk}/" not in page


def test_data_migration_links_an_index_without_criterion(world, applied, frameworks):
    t = Task.objects.get(title="Nâng cấp cổng dịch vụ công")
    Task.objects.filter(pk=t.pk).update(index_code="sipas")
    _migration().link(django_apps, None)
    t.refresh_from_db()
    assert (t.index_code, t.index_year, t.criterion, t.criterion_code) == ("sipas", 2025, None, "")
    assert not t.link_unresolved


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_framework_node_is_found_by_its_code_in_any_case(frameworks, data):
    versions = list(FrameworkVersion.objects.select_related("index").exclude(nodes=None))
    v = data.draw(st.sampled_from(versions))
    node = data.draw(st.sampled_from(list(v.nodes.all())))
    year = data.draw(st.integers(v.year_from, v.year_to or v.year_from + 10))
    code = data.draw(st.sampled_from([node.code, node.code.lower(), f" {node.code} "]))
    index_text = data.draw(st.sampled_from([v.index.code, v.index.short_name, v.index.short_name.lower()]))
    link = criteria.clean(index_text, year, code, default_year=2000)
    assert link.node == node and link.index == v.index and link.year == year


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(alphabet="ABCDEFGHXYZ0123456789.", min_size=1, max_size=6))
def test_an_unknown_code_is_named_in_the_error(frameworks, code):
    if criteria.find(criteria.index_for("papi"), 2024, code) is not None:
        return
    with pytest.raises(ValidationError) as exc:
        criteria.clean("papi", 2024, code, default_year=2024)
    assert f"“{code.strip()}”" in exc.value.messages[0]
