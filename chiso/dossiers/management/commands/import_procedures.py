from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers.extras import import_procedures
from chiso.lib.tabular import ImportFailed
from chiso.orgs.context import set_source


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính (CSV/XLSX)"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **opts):
        set_source("command")
        try:
            r = import_procedures(opts["file"])
        except ImportFailed as exc:
            raise CommandError(f"Tệp có lỗi, chưa lưu gì:\n{exc}") from None
        self.stdout.write(
            f"Thủ tục: {r.rows} dòng — {r.created} mới, {r.updated} cập nhật, {r.unchanged} không đổi"
        )
