from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.lib import periods
from chiso.orgs.models import Unit
from chiso.surveys import export


class Command(BaseCommand):
    help = (
        "Xuất điểm khảo sát cho kỳ chấm điểm: CSV unit,code,option,count (phân bố câu trả lời) "
        "hoặc unit,code,points, theo ánh xạ câu hỏi → mã tiêu chí"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Đơn vị cấp trên (mỗi đơn vị trực thuộc một dòng)")
        parser.add_argument("--period", required=True)
        parser.add_argument(
            "--map", required=True, help="'tiep_can=TC5.1,thu_tuc=TC5.2' hoặc tệp CSV question,code"
        )
        parser.add_argument("--format", choices=["option", "points"], default="option")
        parser.add_argument(
            "--max-points", type=float, default=1.0, help="Điểm tối đa mỗi tiêu chí (dạng points)"
        )
        parser.add_argument(
            "--labels",
            action="store_true",
            help="Ghi nhãn câu trả lời (Rất hài lòng…) thay cho mã (5…) ở cột option",
        )
        parser.add_argument("--output", help="Ghi ra tệp thay vì màn hình")
        parser.add_argument(
            "--campaign",
            type=int,
            help="Chỉ các đơn vị của đợt chấm điểm CCHC này (ghi nhãn câu trả lời như cách chấm của đợt)",
        )

    def handle(self, *args, **opts):
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã {opts['unit']}")
        try:
            period = periods.parse(opts["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        raw = opts["map"]
        path = Path(raw)
        mapping = (
            export.parse_mapping_csv(path.read_text("utf-8")) if path.exists() else export.parse_mapping(raw)
        )
        if not mapping:
            raise CommandError("Ánh xạ câu hỏi → mã tiêu chí trống")
        units = None
        if opts.get("campaign"):
            from chiso.assessments.models import Campaign

            campaign = Campaign.objects.filter(pk=opts["campaign"]).first()
            if campaign is None:
                raise CommandError(f"Không tìm thấy đợt chấm điểm {opts['campaign']}")
            units = [a.unit for a in campaign.assessments.select_related("unit").order_by("unit__code")]
            units = [u for u in units if u.path.startswith(unit.path)]
            opts["labels"] = True
        body = export.survey_points_csv(
            unit, period, mapping, opts["format"], opts["max_points"], labels=opts["labels"], units=units
        )
        if opts.get("output"):
            Path(opts["output"]).write_text(body, "utf-8")
            self.stdout.write(f"Đã ghi {opts['output']}")
        else:
            self.stdout.write(body, ending="")
