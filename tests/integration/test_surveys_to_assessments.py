"""Satisfaction survey results become the survey points of an internal PAR assessment campaign."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from chiso.assessments import actions as assessment_actions
from chiso.assessments.models import Entry
from chiso.lib import periods
from chiso.surveys import actions as survey_actions
from chiso.surveys import export
from tests.assessments.conftest import camp  # noqa: F401  (fixture)
from tests.surveys.conftest import answers, point_a, version  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _respond(point, scores):
    when = dt.datetime(2025, 9, 15, 9, 0, tzinfo=dt.UTC)
    for s in scores:
        survey_actions.submit_response(point, answers(tiep_can=str(s)), when=when)


def test_survey_distribution_feeds_campaign_points(world, camp, point_a):  # noqa: F811
    # Commune A: 3 "Rất hài lòng" (5), 1 "Hài lòng" (4), 1 "Rất không hài lòng" (1).
    _respond(point_a, [5, 5, 5, 4, 1])
    units = [a.unit for a in camp.assessments.select_related("unit")]
    body = export.survey_points_csv(
        world.province, periods.parse("2025"), {"tiep_can": "8.1"}, labels=True, units=units
    )
    assert "T1XA,8.1,Rất hài lòng,3" in body
    assert "T1XA,8.1,Rất không hài lòng,1" in body
    assert "T1.SNV" not in body  # departments are not in a commune campaign
    n = assessment_actions.import_survey_points(world.office, camp, io.BytesIO(body.encode()), "khao-sat.csv")
    assert n >= 1
    entry = Entry.objects.get(assessment=camp.a, criterion__code="8.1")
    # 8.1 is worth 10 points: (3×100 % + 1×80 % + 1×0 %) / 5 × 10 = 7.6
    assert entry.survey_points == Decimal("7.6")
    # Re-importing the same export changes nothing.
    assert (
        assessment_actions.import_survey_points(world.office, camp, io.BytesIO(body.encode()), "khao-sat.csv")
        == 0
    )


def test_command_restricts_rows_to_the_campaign(world, camp, point_a, tmp_path):  # noqa: F811
    _respond(point_a, [4, 4])
    out = tmp_path / "sp.csv"
    call_command(
        "survey_points",
        unit=world.province.code,
        period="2025",
        map="tiep_can=8.1",
        campaign=camp.pk,
        output=str(out),
    )
    text = out.read_text("utf-8")
    assert text.splitlines()[0] == "unit,code,option,count"
    assert "T1XA,8.1,Hài lòng,2" in text
    assert {line.split(",")[0] for line in text.splitlines()[1:]} <= {"T1XA", "T1XB"}
