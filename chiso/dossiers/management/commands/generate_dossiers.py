import time

from django.core.management.base import BaseCommand

from chiso.dossiers import generator


class Command(BaseCommand):
    help = "Sinh hồ sơ TTHC giả lập của tỉnh mẫu (Hà Tĩnh) theo định dạng Cổng DVC quốc gia"

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--out", required=True)
        parser.add_argument("--procedures-out", help="Ghi kèm danh mục thủ tục (CSV)")

    def handle(self, *args, **opts):
        t = time.perf_counter()
        generator.generate(opts["rows"], opts["seed"], opts["year"], opts["out"])
        if opts.get("procedures_out"):
            generator.write_procedures(opts["procedures_out"])
        self.stdout.write(
            f"Đã ghi {opts['rows']} hồ sơ vào {opts['out']} ({time.perf_counter() - t:.1f} giây)"
        )
