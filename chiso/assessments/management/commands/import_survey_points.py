from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from chiso.assessments import actions
from chiso.assessments.models import Campaign
from chiso.lib.tabular import ImportFailed


class Command(BaseCommand):
    help = "Nhập điểm điều tra xã hội học cho một đợt đánh giá (CSV/XLSX: unit,code,option,count hoặc unit,code,points)"

    def add_arguments(self, parser):
        parser.add_argument("campaign", type=int, help="Mã số (id) đợt đánh giá")
        parser.add_argument("file")

    def handle(self, *args, **opts):
        c = Campaign.objects.filter(pk=opts["campaign"]).first()
        if c is None:
            raise CommandError("Không có đợt đánh giá này")
        path = Path(opts["file"])
        try:
            with path.open("rb") as f:
                n = actions.import_survey_points(None, c, f, path.name)
        except ImportFailed as exc:
            raise CommandError("\n".join(str(e) for e in exc.errors)) from None
        except (ValidationError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã nhập: {n} mục thay đổi.")
