import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chiso.orgs import actions as org_actions
from chiso.orgs.models import AuditEntry, LinkKind, Unit, UnitKind
from chiso.plans import actions, review
from chiso.plans.models import DeadlineKind, Directive, DirectiveStatus, ReportingPeriod, Target, Task

from .conftest import DIRECTIVE_TEXT

pytestmark = pytest.mark.django_db


def test_import_stores_proposal_with_spans_and_resolved_units(world, directive):
    assert directive.status == DirectiveStatus.REVIEW
    assert directive.number == "12/CT-UBND" and directive.kind == "chi_thi"
    assert directive.date == dt.date(2025, 6, 20)
    items = {it["id"]: it for it in directive.proposal["items"]}
    assert {it["type"] for it in items.values()} == {"task", "target", "reporting"}
    for it in items.values():
        assert directive.text[it["start"] : it["end"]] == it["quote"]
    assert items["t1"]["assignees"] == ["T1.SNV"]
    # a group heading fans out to every commune and ward of the province
    assert items["t2"]["assignees"] == ["T1XB", "T1XA"] or set(items["t2"]["assignees"]) == {"T1XA", "T1XB"}
    assert items["t2"]["partners"] == ["T1.SNV"]
    assert items["t1"]["deadline"]["kind"] == "month" and items["t1"]["deadline"]["month"] == "2025-06"
    assert items["r1"]["rules"] == [{"freq": "quarter", "day": 12, "month": "last", "shift": "keep"}]
    assert directive.original.read() == DIRECTIVE_TEXT.encode()
    assert AuditEntry.objects.filter(action="directive.import").count() == 1


def test_reimport_same_file_changes_nothing(world, directive):
    again, created = actions.import_directive(
        world.office, world.province, DIRECTIVE_TEXT.encode(), "khac-ten.txt"
    )
    assert not created and again.pk == directive.pk
    assert Directive.objects.count() == 1


def test_only_the_office_may_import(world, fake_parser, media):
    for who in ("officer_a", "leader", "head_a", "dept_officer"):
        with pytest.raises(PermissionDenied):
            actions.import_directive(getattr(world, who), world.province, b"x", "a.txt")
    assert not Directive.objects.exists()


def test_bad_files_are_refused_in_vietnamese(world, fake_parser, media):
    with pytest.raises(ValidationError, match="chỉ nhận"):
        actions.import_directive(world.office, world.province, b"abc", "bang.xlsx")
    with pytest.raises(ValidationError, match="rỗng"):
        actions.import_directive(world.office, world.province, b"", "a.txt")
    assert not Directive.objects.exists()


def test_accept_edit_reject_then_apply(world, directive):
    actions.decide_item(
        world.office,
        directive,
        "t1",
        review.ACCEPTED,
        {"summary": "Tham mưu kế hoạch (sửa)", "deadline": "31/07/2025"},
    )
    actions.decide_item(world.office, directive, "t3", review.REJECTED)
    actions.decide_item(world.office, directive, "g1", review.ACCEPTED)
    actions.decide_item(world.office, directive, "r1", review.ACCEPTED)
    # t2 left pending: not created
    counts = actions.apply_proposal(world.office, directive, until=dt.date(2025, 12, 31))
    assert counts == {"tasks": 1, "targets": 1, "periods": 2}
    t = Task.objects.get()
    assert t.title == "Tham mưu kế hoạch (sửa)" and t.unit == world.department
    assert t.deadline_kind == DeadlineKind.DATE and t.deadline == dt.date(2025, 7, 31)
    assert Target.objects.get().operator == ">="
    # Q2/2025 was due 12/06/2025, before the directive: only Q3 and Q4
    assert list(ReportingPeriod.objects.values_list("code", "due")) == [
        ("2025-Q3", dt.date(2025, 9, 12)),
        ("2025-Q4", dt.date(2025, 12, 12)),
    ]
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.ACTIVE
    with pytest.raises(ValidationError):
        actions.apply_proposal(world.office, directive)
    with pytest.raises(ValidationError):
        actions.decide_item(world.office, directive, "t2", review.ACCEPTED)


def test_fan_out_creates_one_task_per_unit_with_partners(world, applied):
    tasks = Task.objects.filter(title="Rà soát quy trình nội bộ")
    assert {t.unit.code for t in tasks} == {"T1XA", "T1XB"}
    assert all(list(t.partners.values_list("code", flat=True)) == ["T1.SNV"] for t in tasks)
    # "Sở TT&TT" does not exist in the test province: assigned to the directive's scope
    assert Task.objects.get(title="Nâng cấp cổng dịch vụ công").unit == world.province


def test_edit_validation_names_the_problem(world, directive):
    with pytest.raises(ValidationError, match="Không hiểu thời hạn"):
        actions.decide_item(world.office, directive, "t1", review.ACCEPTED, {"deadline": "sớm nhất có thể"})
    with pytest.raises(ValidationError, match="không phải là số"):
        actions.decide_item(world.office, directive, "g1", review.ACCEPTED, {"value": "abc"})
    with pytest.raises(ValidationError, match="Mã KPI"):
        actions.decide_item(world.office, directive, "g1", review.ACCEPTED, {"metric_code": "khong_co"})
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        actions.decide_item(world.office, directive, "t1", review.ACCEPTED, {"assignees": ["NOPE"]})
    directive.refresh_from_db()
    assert all(it["decision"] == review.PENDING for it in directive.proposal["items"])


def test_apply_needs_an_accepted_item(world, directive):
    with pytest.raises(ValidationError, match="Chưa chấp nhận"):
        actions.apply_proposal(world.office, directive)


def test_resolver_accents_abbreviations_and_successors(world):
    province = world.province
    old = org_actions.save_unit(
        None,
        Unit(code="T1.STTTT"),
        name="Sở Thông tin và Truyền thông",
        kind=UnitKind.DEPARTMENT,
        parent=province,
        valid_to=dt.date(2025, 2, 28),
    )[0]
    new = org_actions.save_unit(
        None,
        Unit(code="T1.SKHCN"),
        name="Sở Khoa học và Công nghệ",
        kind=UnitKind.DEPARTMENT,
        parent=province,
        valid_from=dt.date(2025, 3, 1),
    )[0]
    org_actions.link_units(None, old, new, LinkKind.MERGE, dt.date(2025, 3, 1))
    org_actions.save_unit(
        None, Unit(code="T1.VP"), name="Văn phòng UBND tỉnh", kind=UnitKind.DEPARTMENT, parent=province
    )
    r = review.Resolver(province, dt.date(2026, 1, 1))
    assert r.codes("so noi vu") == ["T1.SNV"]
    assert r.codes("SỞ NỘI VỤ") == ["T1.SNV"]
    assert r.codes("Văn phòng Ủy ban nhân dân tỉnh") == ["T1.VP"]
    assert r.codes("VP UBND tỉnh") == ["T1.VP"]
    assert r.codes("Sở TT&TT") == ["T1.SKHCN"]  # merged into its successor
    assert r.codes("Sở Thông tin và Truyền thông") == ["T1.SKHCN"]
    assert r.codes("Ủy ban nhân dân tỉnh") == ["T1"]
    assert set(r.codes("Các sở, ban, ngành")) == {"T1.SNV", "T1.SKHCN", "T1.VP"}
    assert set(r.codes("Các cơ quan chuyên môn, UBND các phường")) == {"T1.SNV", "T1.SKHCN", "T1.VP", "T1XB"}
    assert set(r.codes("UBND các xã, phường")) == {"T1XA", "T1XB"}
    assert r.codes("Văn phòng HĐND và UBND thành phố") == ["T1.VP"]
    assert r.codes("Bộ Ngoại giao") == []
    assert r.codes("") == []


def test_highlight_segments_rebuild_the_text(world, directive):
    segs = review.highlighted(directive.text, directive.proposal["items"])
    assert "".join(s["text"] for s in segs) == directive.text
    anchors = [a for s in segs for a in s["anchors"]]
    assert sorted(anchors) == sorted(it["id"] for it in directive.proposal["items"])
    # the target sits inside the commune task's sentence: innermost wins where they overlap
    target_seg = next(s for s in segs if "100% văn bản" in s["text"])
    assert target_seg["item"]["type"] == "target"


def test_every_review_step_is_audited(world, directive):
    actions.decide_item(world.office, directive, "t1", review.REJECTED)
    actions.accept_pending(world.office, directive)
    actions.apply_proposal(world.office, directive)
    acts = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "directive.import",
        "directive.item.rejected",
        "directive.accept_pending",
        "directive.apply",
    } <= acts


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210)), max_size=8))
def test_highlight_never_loses_text(text, pairs):
    items = [
        {"id": f"x{i}", "type": "task", "decision": "pending", "start": a, "end": b}
        for i, (a, b) in enumerate(pairs)
    ]
    segs = review.highlighted(text, items)
    assert "".join(s["text"] for s in segs) == text
    valid = {it["id"] for it in items if 0 <= it["start"] < it["end"] <= len(text)}
    assert {a for s in segs for a in s["anchors"]} == valid
    for s in segs:
        for it in s["items"]:
            assert it["id"] in valid


def test_metadata_correction_anchors_the_calendar(world, directive):
    c = world.client("office")
    r = c.post(
        f"/ke-hoach/van-ban/{directive.pk}/ra-soat/thong-tin/",
        {"kind": "cong_van", "number": "99/UBND-NV", "date": "31/02/2025", "issuer": "", "title": "x"},
    )
    assert r.status_code == 302
    directive.refresh_from_db()
    assert directive.number == "12/CT-UBND"  # bad date: nothing saved
    c.post(
        f"/ke-hoach/van-ban/{directive.pk}/ra-soat/thong-tin/",
        {
            "kind": "cong_van",
            "number": "99/UBND-NV",
            "date": "05/01/2026",
            "issuer": "UBND tỉnh",
            "title": "Công văn thử",
        },
    )
    directive.refresh_from_db()
    assert (directive.kind, directive.number, directive.date) == (
        "cong_van",
        "99/UBND-NV",
        dt.date(2026, 1, 5),
    )
    assert (
        world.client("leader")
        .post(f"/ke-hoach/van-ban/{directive.pk}/ra-soat/thong-tin/", {"title": "y"})
        .status_code
        == 404
    )
    actions.decide_item(world.office, directive, "r1", review.ACCEPTED)
    actions.apply_proposal(world.office, directive)
    assert list(ReportingPeriod.objects.values_list("code", flat=True)) == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    assert actions.extend_calendar(world.office, directive, 2027) == 4
    assert actions.extend_calendar(world.office, directive, 2027) == 0


def test_recurring_task_is_reminded_before_each_due_date(world, directive):
    actions.decide_item(
        world.office,
        directive,
        "t1",
        review.ACCEPTED,
        {"deadline": "hằng quý, chậm nhất ngày 12 của tháng cuối quý"},
    )
    actions.apply_proposal(world.office, directive)
    t = Task.objects.get()
    assert t.deadline_kind == DeadlineKind.RECURRENCE and t.next_due(dt.date(2025, 9, 13)) == dt.date(
        2025, 12, 12
    )
    items = actions.reminders(dt.date(2025, 12, 8), 7)
    assert any("định kỳ (Quý IV/2025)" in r["title"] for r in items)
    assert not any("định kỳ" in r["title"] for r in actions.reminders(dt.date(2025, 11, 1), 7))


def test_kpi_is_suggested_from_the_wording_when_registered(monkeypatch):
    from chiso.dossiers import kpi_registry

    for code in ("full_online_pct", "apology_pct", "ontime_pct", "online_pct"):
        monkeypatch.setitem(
            kpi_registry._REGISTRY,
            code,
            kpi_registry.KpiDef(code=code, name_vi=code, definition="", numerator="", denominator=""),
        )
    monkeypatch.setitem(
        kpi_registry._REGISTRY,
        "satisfaction_pct",
        kpi_registry.KpiDef(code="satisfaction_pct", name_vi="", definition="", numerator="", denominator=""),
    )
    assert review.suggest_kpi("mức độ hài lòng của người dân", "%") == "satisfaction_pct"
    assert review.suggest_kpi("công khai mức độ hài lòng của người dân", "%") == ""
    monkeypatch.delitem(kpi_registry._REGISTRY, "satisfaction_pct")
    assert review.suggest_kpi("hồ sơ trực tuyến toàn trình của thành phố", "%") == "full_online_pct"
    assert review.suggest_kpi("xin lỗi đối với 100% hồ sơ trễ hạn", "%") == "apology_pct"
    assert review.suggest_kpi("Hồ sơ giải quyết ĐÚNG HẠN", "%") == "ontime_pct"
    quote = "thực hiện việc xin lỗi người dân, tổ chức đối với 100% hồ sơ thủ tục hành chính bị trễ hạn"
    assert review.suggest_kpi("hồ sơ thủ tục hành chính bị trễ hạn", "%", quote) == "apology_pct"
    assert review.suggest_kpi("hồ sơ giải quyết đúng hạn", "ngày") == ""  # a % KPI cannot measure days
    assert review.suggest_kpi("mức độ hài lòng của người dân", "%") == ""  # not registered here
    assert review.suggest_kpi("sáng kiến cải cách hành chính", "sáng kiến") == ""
    assert (
        review.suggest_kpi("số lượng TTHC đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình", "%")
        == ""
    )
    assert review.suggest_kpi("số hồ sơ được giải quyết đúng thời hạn", "%") == "ontime_pct"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["Sở Nội vụ", "Xã Hòa An", "Phường Đông Sơn"]),
    how=st.sampled_from(["plain", "fold", "upper", "spaces", "prefix"]),
)
def test_resolver_is_accent_and_case_insensitive(world, name, how):
    from chiso.lib.vntext import fold

    r = review.Resolver(world.province, dt.date(2026, 1, 1))
    variant = {
        "plain": name,
        "fold": fold(name),
        "upper": name.upper(),
        "spaces": "  " + name.replace(" ", "   ") + " ",
        "prefix": f"- {name}:",
    }[how]
    assert [u.name for u in r.resolve(variant)[0]] == [name]


def test_a_commitment_document_becomes_a_commitment(world, directive):
    from chiso.plans.models import Commitment

    actions.update_metadata(
        world.office,
        directive,
        kind="cam_ket",
        number="303/CK-BCĐCCHC",
        date=dt.date(2024, 3, 13),
        issuer="BCĐ CCHC tỉnh",
        title="Bản cam kết nâng cao chỉ số năm 2024",
    )
    actions.accept_pending(world.office, directive)
    actions.apply_proposal(world.office, directive)
    c = Commitment.objects.get()
    assert (c.unit, c.year, c.directive_id) == (world.province, 2024, directive.pk)
    assert list(c.targets.values_list("metric_text", flat=True)) == [
        "văn bản đến được xử lý trên môi trường mạng"
    ]


def test_every_kind_the_parser_names_is_a_directive_kind_with_the_same_label():
    from chiso.lib.directive_parser.parser import KINDS, NUMBER_KIND
    from chiso.plans.models import DirectiveKind
    from chiso.plans.review import _kind_of

    labels = {label for _, label in KINDS} | set(NUMBER_KIND.values())
    assert {"Nghị quyết", "Quy chế", "Hướng dẫn"} <= labels
    for label in labels:
        code = _kind_of(label)
        assert code in DirectiveKind.values and DirectiveKind(code).label == label, label
    assert _kind_of("") == "" and _kind_of("Tờ trình") == ""
