"""Demo plans for Hà Tĩnh (42): two directives from the seed texts, their tasks and reporting calendar,
some progress updates, unit reports for the past quarters (on time, late, missing) and a commitment.

Idempotent: a directive is recognised by its file's hash; reports and updates are only added once."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from chiso.orgs.models import Unit
from chiso.plans import actions, queries
from chiso.plans.models import Commitment, Directive, DirectiveStatus, Submission, TaskStatus, TaskUpdate

DATA = Path(__file__).parent / "data"
# file, date to use when the text gives none (the seeds leave the day blank or omit the year)
DIRECTIVES = [
    (
        "cong-van-cam-ket-chi-so-2024.txt",
        dt.date(2026, 1, 15),
        "Nghiêm túc thực hiện các nội dung cam kết nâng cao các chỉ số PAR INDEX, SIPAS, PAPI",
    ),
    (
        "cong-van-1487-UBND-NC-2025.txt",
        dt.date(2025, 5, 21),
        "Triển khai nhiệm vụ cải thiện, nâng cao các chỉ số PAR INDEX, SIPAS, PAPI cấp tỉnh năm 2025",
    ),
]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


@transaction.atomic
def load(log=print) -> None:
    province = Unit.objects.filter(code="42").first()
    if province is None:
        log("Bỏ qua kế hoạch mẫu: chưa có tỉnh 42")
        return
    today = dt.date.today()
    made = []
    for name, default_date, title in DIRECTIVES:
        data = (DATA / name).read_bytes()
        d, created = actions.import_directive(None, province, data, name, title)
        if d.status == DirectiveStatus.REVIEW:
            if d.date is None:
                Directive.objects.filter(pk=d.pk).update(date=default_date)
                d.refresh_from_db()
            actions.accept_pending(None, d)
            actions.apply_proposal(None, d, until=dt.date(max(today.year, d.date.year), 12, 31))
            d.refresh_from_db()
        made.append(d)
    for d in made:
        _reports(d, today)
    _updates(province, today)
    _commitment()
    log(
        f"Kế hoạch mẫu: {len(made)} văn bản, {sum(d.tasks.count() for d in made)} nhiệm vụ, "
        f"{sum(d.periods.count() for d in made)} kỳ báo cáo"
    )


def _reports(d: Directive, today: dt.date) -> None:
    """Reports for periods already due: most on time, some late, some never sent."""
    units = queries.reporting_units(d)
    for p in d.periods.filter(due__lt=today):
        tpl_targets = list(d.targets.all())
        for i, u in enumerate(units):
            if Submission.objects.filter(period=p, unit=u).exists():
                continue
            mode = (i + p.start.month) % 6
            if mode == 0:
                continue  # not sent
            when = p.due - dt.timedelta(days=2) if mode != 1 else p.due + dt.timedelta(days=5)
            values = {str(t.pk): str(_value(t, i, p.start.month)) for t in tpl_targets if t.applies_to(u)}
            rows = {
                str(t.pk): {
                    "status": TaskStatus.IN_PROGRESS if (i + t.pk) % 3 else TaskStatus.DONE,
                    "progress": 50 + (i * 7 + t.pk) % 50,
                }
                for t in d.tasks.filter(unit=u)
            }
            actions.save_submission(
                None,
                p,
                u,
                narrative=f"Đơn vị đã triển khai các nhiệm vụ {p.label.lower()}.",
                values=values,
                task_rows=rows,
                submit=True,
                now=_at(when),
            )


def _value(target, i: int, month: int) -> Decimal:
    base = float(target.value)
    if target.unit_label == "%":
        got = min(100.0, base - 6 + ((i * 3 + month) % 9))
    else:
        got = base * (0.8 + ((i + month) % 5) / 10)
    return Decimal(str(round(got, 2)))


def _updates(province: Unit, today: dt.date) -> None:
    for code in ("42X001", "42X002", "42.STP", "42.SNV"):
        if TaskUpdate.objects.filter(task__unit__code=code).exists():
            continue  # already done on an earlier run
        for j, t in enumerate(
            queries.Task.objects.filter(unit__code=code, updates__isnull=True).order_by("id")[:6]
        ):
            status = (
                TaskStatus.DONE,
                TaskStatus.IN_PROGRESS,
                TaskStatus.IN_PROGRESS,
                TaskStatus.NOT_STARTED,
            )[j % 4]
            if status == TaskStatus.NOT_STARTED:
                continue
            actions.update_task(
                None,
                t,
                status=status,
                progress=100 if status == TaskStatus.DONE else 30 + 10 * j,
                text="Đã ban hành văn bản triển khai; đang tổ chức thực hiện.",
            )


def _commitment() -> None:
    unit = Unit.objects.filter(code="42X001").first()
    if unit is None or Commitment.objects.filter(unit=unit, year=2026).exists():
        return
    c, _ = actions.save_commitment(
        None,
        unit,
        year=2026,
        title="Bản cam kết nâng cao các chỉ số PAR INDEX, SIPAS, PAPI năm 2026",
        signer_name="Chủ tịch UBND xã",
    )
    actions.create_target(
        None,
        unit,
        commitment=c,
        metric_code="",
        metric_text="Tỷ lệ hồ sơ trực tuyến toàn trình",
        operator=">=",
        value=Decimal("70"),
        unit_label="%",
        scope="unit",
        period_code="2026",
    )
    actions.create_target(
        None,
        unit,
        commitment=c,
        metric_code="",
        metric_text="Tỷ lệ hồ sơ trễ hạn được xin lỗi",
        operator="=",
        value=Decimal("100"),
        unit_label="%",
        scope="unit",
        period_code="2026",
    )
    actions.sign_commitment(None, c)
