import sys

from django.core.management.base import BaseCommand, CommandError

from chiso.orgs.importer import export_csv, export_xlsx
from chiso.orgs.models import Unit


class Command(BaseCommand):
    help = "Xuất đơn vị của một tỉnh ra CSV hoặc XLSX"

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True)
        parser.add_argument("--out", help="Tệp .csv hoặc .xlsx (mặc định: CSV ra màn hình)")

    def handle(self, *args, **opts):
        province = Unit.objects.filter(code=opts["province"], kind="province").first()
        if province is None:
            raise CommandError(f"Không tìm thấy tỉnh có mã {opts['province']}")
        out = opts.get("out")
        if not out:
            sys.stdout.write(export_csv(province).decode("utf-8-sig"))
            return
        data = export_xlsx(province) if out.endswith(".xlsx") else export_csv(province)
        with open(out, "wb") as f:
            f.write(data)
        self.stdout.write(f"Đã ghi {out}")
