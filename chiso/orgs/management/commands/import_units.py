from django.core.management.base import BaseCommand, CommandError

from chiso.lib.tabular import ImportFailed
from chiso.orgs.importer import import_units
from chiso.orgs.models import Unit


class Command(BaseCommand):
    help = "Nhập đơn vị của một tỉnh từ CSV/XLSX (tất cả hoặc không; nhập lại không thay đổi gì)"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--province", required=True, help="Mã tỉnh, ví dụ 42")

    def handle(self, *args, **opts):
        province = Unit.objects.filter(code=opts["province"], kind="province").first()
        if province is None:
            raise CommandError(f"Không tìm thấy tỉnh có mã {opts['province']}")
        try:
            r = import_units(None, province, opts["file"])
        except ImportFailed as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            raise CommandError(f"{len(exc.errors)} lỗi — không lưu gì") from None
        self.stdout.write(
            f"{r.created} mới, {r.updated} cập nhật, {r.unchanged} không đổi, {r.links} liên kết"
        )
