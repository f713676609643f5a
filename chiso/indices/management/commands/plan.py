import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from chiso.indices import planning, queries
from chiso.lib import vnformat
from chiso.orgs.queries import find_province


class Command(BaseCommand):
    help = "Phương án tăng hạng: số điểm cần thêm để đạt thứ hạng mục tiêu và cách phân bổ ít nỗ lực nhất"

    def add_arguments(self, parser):
        parser.add_argument("--index", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--province", required=True, help="Tên (không dấu cũng được) hoặc mã tỉnh")
        parser.add_argument("--target-rank", required=True, type=int)
        parser.add_argument("--forecast", action="store_true", help="So với dự báo năm sau của các tỉnh khác")
        parser.add_argument("--weights", default="", help="Trọng số nỗ lực, ví dụ D1=1,D2=2")
        parser.add_argument(
            "--caps",
            default="best",
            choices=sorted(planning.CAP_MODES),
            help="Dư địa mỗi nội dung: đến tỉnh cao nhất (best, mặc định) hoặc đến điểm tối đa (max)",
        )
        parser.add_argument(
            "--limits", default="", help="Trần điểm tăng thêm từng nội dung, ví dụ D3=0.5,D8=0"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        index = queries.get_index(opts["index"])
        if index is None:
            raise CommandError(f"Không có chỉ số “{opts['index']}”")
        year = opts["year"]
        from chiso.orgs.models import Unit

        province = Unit.objects.filter(code=opts["province"], kind="province").first() or find_province(
            opts["province"], on=dt.date(year, 12, 31)
        )
        if province is None:
            raise CommandError(f"Không tìm thấy tỉnh “{opts['province']}”")
        try:
            plan = planning.make_plan(
                index,
                province,
                year,
                opts["target_rank"],
                opts["forecast"],
                opts["weights"],
                opts["caps"],
                limits=opts["limits"],
            )
        except planning.PlanError as exc:
            raise CommandError(str(exc)) from None
        if opts["json"]:
            self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{queries.short_name(province)} — {index.short_name} {year}: "
            f"{vnformat.number(plan.current_score)} điểm, thứ {plan.current_rank}/{plan.of}"
        )
        self.stdout.write(plan.message())
        for line in plan.actions():
            self.stdout.write(f"  • {line}")
        for note in plan.notes:
            self.stdout.write(f"  ({note})")
