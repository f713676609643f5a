from django.core.management.base import BaseCommand
from django.utils import timezone

from chiso.assessments import actions
from chiso.assessments.models import Campaign
from chiso.lib.tabular import parse_date


class Command(BaseCommand):
    help = (
        "Liệt kê và nhắc (hộp thư trong hệ thống và e-mail) các đơn vị chưa nộp tự đánh giá khi sắp đến "
        "hoặc đã quá hạn; chạy lại trong ngày không gửi trùng"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="Nhắc khi còn không quá số ngày này (mặc định 7)"
        )
        parser.add_argument("--date", help="Ngày tính (dd/mm/yyyy), mặc định hôm nay")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi")

    def handle(self, *args, **opts):
        today = parse_date(opts["date"]) if opts.get("date") else timezone.localdate()
        total = 0
        for c in Campaign.objects.exclude(status=Campaign.Status.PUBLISHED).select_related("criteria_set"):
            if opts["dry_run"]:
                items = [(a, 0) for a in actions.units_to_remind(c, today, opts["days"])]
            else:
                items = actions.remind(c, today, opts["days"])
            for a, sent in items:
                total += 1
                left = (c.self_deadline - today).days
                when = f"còn {left} ngày" if left >= 0 else f"quá hạn {-left} ngày"
                self.stdout.write(f"{c.name}\t{a.unit.code}\t{a.unit.name}\t{when}\t{sent} thông báo mới")
        self.stdout.write(f"{total} đơn vị chưa nộp cần nhắc.")
