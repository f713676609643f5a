"""The whole campaign workflow through its actions, with personas: who may, and who may not."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chiso.assessments import actions
from chiso.assessments.models import Assessment, Campaign, Entry
from chiso.orgs.models import AuditEntry, Notification

from .conftest import fill

S = Assessment.Status


def test_campaign_has_both_communes_and_all_leaves(camp, world):
    assert {a.unit.code for a in camp.assessments.all()} == {"T1XA", "T1XB"}
    leaves = [c for c in camp.criteria_set.criteria.all() if not c.children.exists()]
    assert camp.a.entries.count() == len(leaves)


def test_only_the_office_opens_campaigns(camp, world):
    cset = camp.criteria_set
    for who in (world.leader, world.officer_a, world.appraiser):
        with pytest.raises(PermissionDenied):
            actions.open_campaign(
                who,
                cset,
                name="x",
                self_deadline=dt.date.today(),
                explanation_deadline=dt.date.today(),
                appraisal_deadline=dt.date.today(),
            )


def test_deadlines_must_be_in_order(camp, world):
    with pytest.raises(ValidationError) as exc:
        actions.open_campaign(
            world.office,
            camp.criteria_set,
            name="x",
            self_deadline=dt.date(2026, 1, 10),
            explanation_deadline=dt.date(2026, 1, 5),
            appraisal_deadline=dt.date(2026, 1, 20),
        )
    assert "explanation_deadline" in exc.value.message_dict


def test_self_assessment_computes_points_and_reports_bad_values(camp, world):
    assert fill(world.officer_a, camp.a) == {}
    e = Entry.objects.get(assessment=camp.a, criterion__code="3.2")
    assert e.self_value == "96" and e.self_points == 4.5  # tiers: >=95 → 4,5
    errors = fill(world.officer_a, camp.a, {"3.2": {"value": "nhiều"}, "1.2": {"value": "tuyệt vời"}})
    assert set(errors) == {"3.2", "1.2"}
    assert "không phải là số" in errors["3.2"]
    e.refresh_from_db()
    assert e.self_value == "96"  # nothing half-saved
    # not applicable
    assert fill(world.officer_a, camp.a, {"1.3.1": {"value": "không phát sinh"}}) == {}
    assert Entry.objects.get(assessment=camp.a, criterion__code="1.3.1").not_applicable


def test_survey_items_are_never_self_scored(camp, world):
    fill(world.officer_a, camp.a, {"8.1": {"value": "10"}})
    assert Entry.objects.get(assessment=camp.a, criterion__code="8.1").self_value == ""


def test_officer_cannot_write_or_submit_for_another_unit(camp, world):
    with pytest.raises(PermissionDenied):
        fill(world.officer_b, camp.a)
    fill(world.officer_a, camp.a)
    with pytest.raises(PermissionDenied):
        actions.submit(world.officer_b, camp.a)
    with pytest.raises(PermissionDenied):
        actions.submit(world.officer_a, camp.a)  # only the head signs
    with pytest.raises(PermissionDenied):
        actions.submit(world.head_a, camp.b)


def test_submission_needs_values_and_evidence(camp, world):
    with pytest.raises(ValidationError) as exc:
        actions.submit(world.head_a, camp.a)
    assert any("chưa nhập" in m for m in exc.value.messages)
    fill(world.officer_a, camp.a, {"1.1.1": {"value": "đúng hạn", "doc_number": ""}})
    with pytest.raises(ValidationError) as exc:
        actions.submit(world.head_a, camp.a)
    assert exc.value.messages == ["1.1.1: cần tài liệu kiểm chứng (tệp đính kèm hoặc số, ngày văn bản)"]


def test_submit_locks_and_late_is_marked(camp, world):
    fill(world.officer_a, camp.a)
    a = actions.submit(world.head_a, camp.a)
    assert a.status == S.SUBMITTED and not a.late and a.submitted_by == world.head_a
    with pytest.raises(ValidationError):
        fill(world.officer_a, a)
    with pytest.raises(ValidationError):
        actions.submit(world.head_a, a)
    assert AuditEntry.objects.filter(action="assessments.assessment.submit", object_pk=str(a.pk)).exists()
    notified = set(
        Notification.objects.filter(kind="assessments.submitted").values_list("user__username", flat=True)
    )
    assert notified == {"office_t", "appraiser_t"}
    # late
    fill(world.officer_b, camp.b)
    Campaign.objects.filter(pk=camp.pk).update(self_deadline=dt.date.today() - dt.timedelta(days=1))
    camp.b.refresh_from_db()
    b = actions.submit(world.admin, camp.b)
    assert b.late


def test_appraiser_cannot_change_the_units_values(camp, world):
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    with pytest.raises(PermissionDenied):
        actions.save_self_assessment(world.appraiser, camp.a, {"3.2": {"value": "50"}})
    errors = actions.appraise(
        world.appraiser, camp.a, {"3.2": {"points": "3", "comment": "Số liệu chưa khớp", "value": "1"}}
    )
    assert errors == {}
    e = Entry.objects.get(assessment=camp.a, criterion__code="3.2")
    assert e.self_value == "96" and e.self_points == 4.5 and e.appraised_points == 3
    assert actions.appraise(world.appraiser, camp.a, {"3.2": {"points": "7"}}) == {
        "3.2": "Điểm thẩm định phải trong khoảng 0 – 6"
    }
    for who in (world.officer_a, world.head_a, world.leader):
        with pytest.raises(PermissionDenied):
            actions.appraise(who, camp.a, {"3.2": {"points": "6"}})


def test_cannot_appraise_a_draft(camp, world):
    with pytest.raises(ValidationError):
        actions.appraise(world.appraiser, camp.a, {"3.2": {"points": "3"}})


def test_explanation_round(camp, world):
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    with pytest.raises(ValidationError, match="ít nhất một"):
        actions.request_explanation(world.appraiser, camp.a)
    actions.appraise(
        world.appraiser, camp.a, {"3.2": {"points": "3", "request": True, "request_text": "Bổ sung số liệu"}}
    )
    a = actions.request_explanation(world.appraiser, camp.a)
    assert a.status == S.EXPLANATION
    assert Notification.objects.filter(user=world.officer_a, kind="assessments.explanation").count() == 1
    assert not Notification.objects.filter(user=world.officer_b).exists()
    with pytest.raises(PermissionDenied):
        actions.explain(world.officer_b, a, {"3.2": "x"})
    with pytest.raises(ValidationError):
        actions.explain(world.officer_a, a, {"1.2": "không được yêu cầu"})
    with pytest.raises(ValidationError, match="Chưa giải trình"):
        actions.explain(world.officer_a, a, {}, send=True)
    with pytest.raises(ValidationError, match="hết hạn"):
        actions.explain(
            world.officer_a, a, {"3.2": "muộn"}, today=camp.explanation_deadline + dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="còn trong thời hạn"):
        actions.finalize(world.appraiser, a)
    a = actions.explain(world.officer_a, a, {"3.2": "Đã bổ sung báo cáo số 15/BC-UBND"}, send=True)
    assert a.status == S.EXPLAINED
    with pytest.raises(ValidationError):
        actions.explain(world.officer_a, a, {"3.2": "sửa lại"})  # locked
    a = actions.finalize(world.appraiser, a)
    assert a.status == S.FINAL
    assert Entry.objects.get(assessment=a, criterion__code="3.2").final_points == 3


def _through_to_final(camp, world):
    for (
        a,
        officer,
    ) in ((camp.a, world.officer_a), (camp.b, world.officer_b)):
        fill(officer, a)
        actions.submit(world.admin if officer == world.officer_b else world.head_a, a)
    actions.appraise(
        world.appraiser, camp.b, {"3.2": {"points": "1", "comment": "Tỷ lệ đúng hạn thực tế 78 %"}}
    )
    actions.finalize(world.appraiser, camp.a)
    actions.finalize(world.appraiser, camp.b)


SURVEY = (
    "unit,code,option,count\n"
    "T1XA,8.1,Rất hài lòng,60\nT1XA,8.1,Hài lòng,40\n"
    "T1XB,8.1,Rất hài lòng,10\nT1XB,8.1,Không hài lòng,90\n"
)


def test_survey_import_compute_publish_and_rank(camp, world):
    _through_to_final(camp, world)
    n = actions.import_survey_points(world.office, camp, io.BytesIO(SURVEY.encode()), "ks.csv")
    assert n == 2
    assert actions.import_survey_points(world.office, camp, io.BytesIO(SURVEY.encode()), "ks.csv") == 0
    # 60×100 % + 40×80 % over 100 answers × 10 points = 9,2
    assert Entry.objects.get(assessment=camp.a, criterion__code="8.1").survey_points == Decimal("9.2")
    pts = actions.import_survey_points(
        world.office, camp, io.BytesIO(b"unit,code,points\nT1XA,8.2,4.5\n"), "p.csv"
    )
    assert pts == 1
    with pytest.raises(PermissionDenied):
        actions.publish(world.leader, camp, "1/QĐ-UBND", dt.date(2026, 2, 1))
    with pytest.raises(ValidationError, match="chưa được lãnh đạo phê duyệt"):
        actions.publish(world.office, camp, "1/QĐ-UBND", dt.date(2026, 2, 1))
    actions.compute_campaign(world.office, camp)
    with pytest.raises(PermissionDenied):
        actions.approve(world.office, camp)  # the office computes, the leadership approves
    with pytest.raises(PermissionDenied):
        actions.compute_campaign(world.leader, camp)
    actions.approve(world.leader, camp)
    # a change after computation makes the results stale: compute and approve again
    actions.import_survey_points(world.office, camp, io.BytesIO(b"unit,code,points\nT1XA,8.2,5\n"), "p.csv")
    with pytest.raises(ValidationError, match="chưa được lãnh đạo phê duyệt"):
        actions.publish(world.office, camp, "1/QĐ-UBND", dt.date(2026, 2, 1))
    actions.compute_campaign(world.office, camp)
    actions.approve(world.leader, camp)
    with pytest.raises(ValidationError):
        actions.publish(world.office, camp, "", None)
    c = actions.publish(world.office, camp, "12/QĐ-UBND", dt.date(2026, 2, 1))
    assert c.status == Campaign.Status.PUBLISHED
    a, b = Assessment.objects.get(pk=camp.a.pk), Assessment.objects.get(pk=camp.b.pk)
    assert a.rank == 1 and b.rank == 2 and a.index > b.index
    assert a.grade and 0 <= b.index <= 100
    assert set(a.field_pct) >= {"1", "8"}
    with pytest.raises(ValidationError):
        actions.compute_campaign(world.office, c)


def test_survey_file_errors_name_row_and_column(camp, world):
    from chiso.lib.tabular import ImportFailed

    bad = "unit,code,option,count\nT1XA,8.1,Rất hài lòng,abc\nT9,8.1,A,1\nT1XA,3.2,A,1\nT1XA,8.1,Tuyệt,1\n"
    with pytest.raises(ImportFailed) as exc:
        actions.import_survey_points(world.office, camp, io.BytesIO(bad.encode()), "ks.csv")
    msgs = [str(e) for e in exc.value.errors]
    assert msgs[0].startswith("ks.csv, dòng 2, cột count")
    assert any("dòng 3, cột unit" in m for m in msgs)
    assert any("dòng 4, cột code" in m for m in msgs)
    assert any("dòng 5, cột option" in m for m in msgs)
    assert not Entry.objects.filter(assessment__campaign=camp, survey_points__isnull=False).exists()


def test_publish_requires_every_unit_final(camp, world):
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    actions.finalize(world.appraiser, camp.a)
    actions.compute_campaign(world.office, camp)  # a preview is allowed
    with pytest.raises(ValidationError) as exc:
        actions.approve(world.leader, camp)
    assert "1 đơn vị" in str(exc.value)
    with pytest.raises(ValidationError):
        actions.publish(world.office, camp, "1/QĐ", dt.date(2026, 1, 1))


def test_reminders_once_a_day(camp, world):
    today = camp.self_deadline - dt.timedelta(days=3)
    sent = actions.remind(camp, today)
    assert {a.unit.code for a, _ in sent} == {"T1XA", "T1XB"}
    assert Notification.objects.filter(kind="assessments.remind").count() == 3  # officer_a, head_a, officer_b
    actions.remind(camp, today)
    assert Notification.objects.filter(kind="assessments.remind").count() == 3
    actions.remind(camp, today + dt.timedelta(days=5))  # after the deadline: reminded again
    assert Notification.objects.filter(kind="assessments.remind").count() == 6
    assert actions.remind(camp, camp.self_deadline - dt.timedelta(days=30)) == []


def test_remind_command(camp, world, capsys):
    from django.core.management import call_command

    day = (camp.self_deadline - dt.timedelta(days=2)).strftime("%d/%m/%Y")
    call_command("remind_assessments", "--date", day)
    out = capsys.readouterr().out
    assert "T1XA" in out and "2 đơn vị chưa nộp" in out
    call_command("remind_assessments", "--date", day)
    assert "0 thông báo mới" in capsys.readouterr().out


def test_leader_reads_but_cannot_write(camp, world):
    from chiso.assessments import queries

    assert queries.assessment_or_404(world.leader, camp.a.pk) == camp.a
    with pytest.raises(PermissionDenied):
        fill(world.leader, camp.a)
    fill(world.officer_a, camp.a)
    for call in (
        lambda: actions.submit(world.leader, camp.a),
        lambda: actions.compute_campaign(world.leader, camp),
        lambda: actions.import_survey_points(world.leader, camp, io.BytesIO(b"unit,code,points\n"), "x.csv"),
        lambda: actions.copy_to_next_year(world.leader, camp.criteria_set),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_survey_import_with_respondent_groups(camp, world):
    from chiso.assessments.models import Criterion

    Criterion.objects.filter(criteria_set=camp.criteria_set, code="8.2").update(
        rule_params="A=100%; B=60%; C=20%; D=0%; @người dân=60%; @công chức=40%"
    )
    data = "unit,code,group,option,count\nT1XA,8.2,người dân,A,10\nT1XA,8.2,công chức,D,10\n"
    assert actions.import_survey_points(world.office, camp, io.BytesIO(data.encode()), "g.csv") == 1
    assert Entry.objects.get(assessment=camp.a, criterion__code="8.2").survey_points == 3  # 5 × 60 %
    from chiso.lib.tabular import ImportFailed

    with pytest.raises(ImportFailed) as exc:
        actions.import_survey_points(
            world.office,
            camp,
            io.BytesIO(b"unit,code,group,option,count\nT1XA,8.2,doanh nghiep,A,1\n"),
            "g.csv",
        )
    assert str(exc.value.errors[0]).startswith("g.csv, dòng 2, cột group")
