"""Demo: criteria sets of Hà Tĩnh (departments, communes; 2024 and 2025), a published 2024
campaign for departments, and 2025 campaigns in progress (some units submitted, appraised,
asked to explain). Idempotent: an existing campaign is left as it is."""

import datetime as dt
import io
import random

from django.db import transaction
from django.utils import timezone

from chiso.assessments import actions, criteria_io
from chiso.assessments.data.demo_sets import workbook_path
from chiso.assessments.models import Assessment, Campaign, CriteriaSet
from chiso.lib import scoring
from chiso.orgs.models import Unit

PROVINCE = "42"
S = Assessment.Status


def demo_value(rule: scoring.Rule, rnd: random.Random, strength: float) -> str:
    """A plausible self-assessed input; `strength` (0–1) shifts a unit towards good answers."""
    good = rnd.random() < 0.55 + 0.4 * strength
    s = rule.shape
    if s == "yesno":
        return "có" if good else "không"
    if s == "deadline":
        return "đúng hạn" if good else rnd.choice(["trễ hạn", "trễ hạn", "không"])
    if s in ("tiers", "proportional"):
        low = 70 + 25 * strength if good else 40
        return f"{rnd.uniform(low, 100):.1f}".replace(".", ",")
    if s == "count":
        return str(rnd.randint(1, 4) if good else rnd.randint(0, 1))
    if s == "levels":
        labels = [label for label, _ in rule.params["levels"].values()]
        return labels[0] if good else rnd.choice(labels[1:] or labels)
    if s == "deduction":
        return "0" if good else rnd.choice(["1", "nhẹ", "2"])
    return "0"


def _fill(a: Assessment, rnd: random.Random, strength: float) -> None:
    data = {}
    for e in a.entries.select_related("criterion"):
        c = e.criterion
        if c.source == "survey":
            continue
        rule = c.rule()
        value = demo_value(rule, rnd, strength)
        if c.na_policy and rnd.random() < 0.08:
            value = "không phát sinh"
        row = {"value": value}
        if c.evidence_required:
            row["doc_number"] = f"{rnd.randint(10, 250)}/KH-{a.unit.code.replace('.', '')}"
            row["doc_date"] = f"{rnd.randint(5, 28):02d}/{rnd.randint(1, 11):02d}/{a.campaign.year}"
        data[c.code] = row
    errors = actions.save_self_assessment(None, a, data, "Số liệu tổng hợp đến 30/11.")
    assert not errors, errors


def _survey_csv(campaign: Campaign, units, rnd: random.Random) -> bytes:
    lines = ["unit,code,option,count"]
    for c in campaign.criteria_set.criteria.filter(source="survey"):
        options = [label for label, _ in c.rule().params["levels"].values()]
        for u in units:
            for i, opt in enumerate(options):
                lines.append(f"{u.code},{c.code},{opt},{max(0, int(rnd.gauss(60 - 15 * i, 10)))}")
    return ("\n".join(lines) + "\n").encode()


def _appraise(a: Assessment, rnd: random.Random, comment_share: float = 0.25) -> None:
    data = {}
    for e in a.entries.select_related("criterion"):
        c = e.criterion
        if c.source == "survey" or e.self_points is None:
            continue
        if rnd.random() < comment_share and e.self_points > 0:
            cut = min(
                e.self_points, c.max_points * rnd.choice([scoring.Decimal("0.25"), scoring.Decimal("0.5")])
            )
            data[c.code] = {
                "points": str(scoring.q2(e.self_points - cut)),
                "comment": rnd.choice(
                    [
                        "Tài liệu kiểm chứng chưa thể hiện đầy đủ kết quả thực hiện.",
                        "Văn bản ban hành sau thời hạn theo kế hoạch.",
                        "Số liệu tự đánh giá chưa khớp với số liệu trên Hệ thống thông tin giải quyết TTHC.",
                        "Chưa có báo cáo kết quả kiểm tra, xử lý sau kiểm tra.",
                    ]
                ),
            }
    assert not actions.appraise(None, a, data)


def _campaign(cset: CriteriaSet, name: str, deadlines) -> tuple[Campaign, bool]:
    existing = Campaign.objects.filter(criteria_set=cset).first()
    if existing:
        return existing, False
    c = actions.open_campaign(
        None,
        cset,
        name=name,
        self_deadline=deadlines[0],
        explanation_deadline=deadlines[1],
        appraisal_deadline=deadlines[2],
        survey_plan="Điều tra xã hội học qua phiếu tại Bộ phận Một cửa và phiếu điện tử (mẫu 600 phiếu/đơn vị).",
    )
    return c, True


@transaction.atomic
def load(log=print) -> None:
    province = Unit.objects.get(code=PROVINCE)
    sets = {}
    for ut in ("department", "commune"):
        for year in (2024, 2025):
            path = workbook_path(ut, year)
            parsed = criteria_io.parse_workbook(path.read_bytes(), path.name)
            sets[(ut, year)], changed = actions.import_criteria(None, parsed, province)
            log(f"  bộ tiêu chí {ut} {year}: {'đã nhập' if changed else 'không đổi'}")

    # 2024, departments: the whole cycle, published.
    c24, new = _campaign(
        sets[("department", 2024)],
        "Đánh giá Chỉ số CCHC các sở, ban, ngành năm 2024",
        (dt.date(2024, 12, 15), dt.date(2025, 1, 5), dt.date(2025, 1, 20)),
    )
    if new:
        rnd = random.Random(2024)
        assessments = list(c24.assessments.select_related("unit"))
        for i, a in enumerate(assessments):
            _fill(a, rnd, strength=1 - i / len(assessments))
            actions.submit(None, a, now=timezone.make_aware(dt.datetime(2024, 12, 10 + i % 8, 9, 0)))
            a.refresh_from_db()
            _appraise(a, rnd)
            actions.finalize(None, a, today=dt.date(2025, 1, 10))
        actions.import_survey_points(
            None, c24, io.BytesIO(_survey_csv(c24, [a.unit for a in assessments], rnd)), "khao-sat-2024.csv"
        )
        actions.compute_campaign(None, c24)
        actions.approve(None, c24)
        actions.publish(None, c24, "125/QĐ-UBND", dt.date(2025, 2, 20))
        log(f"  đợt 2024 (sở, ngành): công bố, {len(assessments)} đơn vị")

    # 2025: in progress, deadlines around today so "days left" means something.
    today = timezone.localdate()
    deadlines = (today + dt.timedelta(days=10), today + dt.timedelta(days=20), today + dt.timedelta(days=35))
    for ut, title, keep_draft in (
        ("department", "Đánh giá Chỉ số CCHC các sở, ban, ngành năm 2025", {"42.STP", "42.SYT", "42.SCT"}),
        ("commune", "Đánh giá Chỉ số CCHC UBND các xã, phường năm 2025", {"42X001"}),
    ):
        c, new = _campaign(sets[(ut, 2025)], title, deadlines)
        if not new:
            continue
        rnd = random.Random(2025 + len(ut))
        assessments = list(c.assessments.select_related("unit"))
        submitted = []
        for i, a in enumerate(assessments):
            if a.unit.code in keep_draft or (ut == "commune" and i % 3 == 2):
                continue  # still drafting
            _fill(a, rnd, strength=rnd.random())
            actions.submit(None, a)
            submitted.append(a)
        for j, a in enumerate(submitted[: max(3, len(submitted) // 2)]):
            a.refresh_from_db()
            _appraise(a, rnd)
            if j % 3 == 0:
                e = (
                    a.entries.filter(criterion__source="self", self_points__gt=0)
                    .order_by("criterion__order")
                    .first()
                )
                if e:
                    actions.appraise(
                        None,
                        a,
                        {
                            e.criterion.code: {
                                "request": True,
                                "request_text": "Đề nghị bổ sung văn bản chứng minh.",
                            }
                        },
                    )
                    actions.request_explanation(None, a)
        survey = _survey_csv(c, [a.unit for a in assessments], rnd)
        actions.import_survey_points(None, c, io.BytesIO(survey), f"khao-sat-{ut}-2025.csv")
        actions.compute_campaign(None, c)  # a preview ranking, with the change against 2024
        log(f"  đợt 2025 ({ut}): {len(submitted)}/{len(assessments)} đơn vị đã nộp")
