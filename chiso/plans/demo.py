"""Demo plans for Hà Tĩnh (42): two directives from the seed texts, their tasks and reporting calendar,
some progress updates, unit reports for the past quarters (on time, late, missing) and a commitment.

Idempotent: a directive is recognised by its file's hash; reports and updates are only added once."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from chiso.lib.vntext import fold
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


# The seed texts were issued by other localities (a city of Quảng Trị, the province of Hưng Yên); the
# demo province is Hà Tĩnh, so the demo adapts their wording the way the office would reuse a model
# text: issuer, place names and the administrative level (city → province, wards → communes and wards).
# The verbatim seeds stay in data/ (the parser's end-to-end tests read them).
ADAPT = {
    "cong-van-cam-ket-chi-so-2024.txt": [
        ("Đông Hà, ngày", "Hà Tĩnh, ngày"),
        ("Ủy ban nhân dân các phường", "Ủy ban nhân dân các xã, phường"),
        (
            "giữa Chủ tịch UBND thành phố Đông Hà với Trưởng Ban Chỉ đạo cải cách hành chính tỉnh Quảng Trị",
            "giữa Chủ tịch UBND các xã, phường với Trưởng Ban Chỉ đạo cải cách hành chính tỉnh Hà Tĩnh",
        ),
        ("tỉnh Quảng Trị", "tỉnh Hà Tĩnh"),
        (
            "; Kế hoạch số 53-KH/TU ngày 13/12/2021 của Thành ủy Đông Hà về việc triển khai thực hiện "
            "Nghị quyết số 02-NQ/TU, ngày 04/11/2021 của Tỉnh ủy",
            "",
        ),
        ("thành phố Đông Hà", "tỉnh Hà Tĩnh"),
        ("Hồ Sỹ Trung", "(đã ký)"),  # no real person's name in demo data
        ("Văn phòng HĐND và UBND thành phố", "Văn phòng UBND tỉnh"),
        ("Phòng Tài chính - Kế hoạch thành phố", "Sở Tài chính"),
        ("Phòng Văn hóa và Thông tin thành phố", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Phòng Nội vụ thành phố", "Sở Nội vụ"),
        ("Phòng Nội vụ", "Sở Nội vụ"),
        ("dự toán tỉnh giao", "dự toán được giao"),
        ("tại thành phố và các phường", "tại các cơ quan, đơn vị và các xã, phường"),
        ("UBND các phường", "UBND các xã, phường"),
        ("UBND thành phố", "UBND tỉnh"),
        ("BCD CCHC thành phố", "BCĐ CCHC tỉnh"),
        ("cấp tỉnh (PCI)", "cấp tỉnh (PCI)"),
        ("của thành phố", "của tỉnh"),
        ("thành phố", "tỉnh"),
    ],
    "cong-van-1487-UBND-NC-2025.txt": [
        ("Hưng Yên", "Hà Tĩnh"),
        ("UBND cấp huyện, cấp xã", "UBND cấp xã"),
        ("cấp huyện, cấp xã", "cấp xã"),
        (
            "Nguồn: https://baohungyen.vn/",
            "Nguồn (bản gốc của tỉnh khác, đã sửa cho dữ liệu mẫu): https://baohungyen.vn/",
        ),
        ("Bình luận (0)", ""),
    ],
}
# deadlines the office sets at review for tasks whose text gives none: days from the demo date,
# so some are already overdue and some come up soon; items of one sentence share one deadline
DEMO_OFFSETS = [-45, -20, -6, 4, 10, 21, 35, 60, 90, 120]


def adapted_text(name: str) -> bytes:
    text = (DATA / name).read_text(encoding="utf-8")
    for old, new in ADAPT.get(name, []):
        text = text.replace(old, new)
    return text.encode("utf-8")


def _set_deadlines(d: Directive, today: dt.date) -> None:
    """As the office does at review: every accepted task without a deadline gets one."""
    k = 0
    for it in d.proposal.get("items", []):
        if it["type"] != "task" or it["decision"] == "rejected":
            continue
        if (it.get("deadline") or {}).get("kind", "none") != "none":
            continue  # the text gives one: kept
        day = today + dt.timedelta(days=DEMO_OFFSETS[k % len(DEMO_OFFSETS)])
        k += 1
        actions.decide_item(None, d, it["id"], it["decision"], {"deadline": day.strftime("%d/%m/%Y")})


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
        d, created = actions.import_directive(None, province, adapted_text(name), name, title)
        if d.status == DirectiveStatus.REVIEW and "ha tinh" not in fold(d.issuer):
            # the office corrects what the text leaves unclear (a blank signature block, say)
            actions.update_metadata(
                None,
                d,
                kind=d.kind,
                number=d.number,
                date=d.date,
                issuer=f"Ủy ban nhân dân {province.name.replace('Tỉnh', 'tỉnh')}",
                title=d.title,
            )
            d.refresh_from_db()
        if d.status == DirectiveStatus.REVIEW:
            if d.date is None:
                Directive.objects.filter(pk=d.pk).update(date=default_date)
                d.refresh_from_db()
            actions.accept_pending(None, d)
            d.refresh_from_db()
            _set_deadlines(d, today)
            d.refresh_from_db()
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
