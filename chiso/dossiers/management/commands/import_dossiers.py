from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers.importer import import_file
from chiso.lib import vnformat
from chiso.lib.tabular import ImportFailed
from chiso.orgs.context import set_source


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ TTHC (CSV, XLSX, JSON) theo tên trường của Cổng DVC quốc gia; cũng nhận tệp yêu cầu "
        "bổ sung, phiếu xin lỗi hoặc danh mục thủ tục (nhận biết theo dòng tiêu đề). Toàn bộ hoặc không gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--quiet", action="store_true", help="Không in tiến độ")

    def handle(self, *args, **opts):
        set_source("command")
        log = None if opts["quiet"] else (lambda m: self.stderr.write(m))
        try:
            r = import_file(opts["file"], log=log)
        except ImportFailed as exc:
            raise CommandError(f"Tệp có {len(exc.errors)} lỗi, chưa lưu gì:\n{exc}") from None
        phases = getattr(r, "phases", {})
        for name, secs in phases.items():
            self.stdout.write(f"  {name}: {vnformat.number(secs, 2)} giây")
        self.stdout.write(
            f"{vnformat.number(r.rows, 0)} dòng — {vnformat.number(r.created, 0)} mới, "
            f"{vnformat.number(r.updated, 0)} cập nhật, {vnformat.number(r.unchanged, 0)} không đổi; "
            f"{vnformat.number(r.seconds, 2)} giây, {vnformat.number(r.rows_per_s, 0)} dòng/giây"
        )
