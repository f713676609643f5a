import time

from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers import aggregates
from chiso.lib import periods


class Command(BaseCommand):
    help = "Tính lại các chỉ tiêu hồ sơ đã tổng hợp (mặc định: mọi năm có hồ sơ)"

    def add_arguments(self, parser):
        parser.add_argument("--period", help="Năm (2025) hoặc kỳ trong năm (2025-Q3): tính lại cả năm đó")
        parser.add_argument(
            "--reclassify",
            action="store_true",
            help="Phân loại lại mọi hồ sơ trước (sau khi sửa lịch làm việc hoặc thời hạn thủ tục)",
        )

    def handle(self, *args, **opts):
        if opts.get("reclassify"):
            from chiso.dossiers.extras import reclassify_all

            t = time.perf_counter()
            n = reclassify_all(log=self.stderr.write)
            self.stdout.write(
                f"Đã phân loại lại {n} hồ sơ và tính lại chỉ tiêu, {time.perf_counter() - t:.2f} giây".replace(
                    ".", ","
                )
            )
            return
        if opts.get("period"):
            try:
                years = [periods.parse(opts["period"]).start.year]
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        else:
            years = aggregates.years_with_dossiers()
        t = time.perf_counter()
        # Every year in one pass (the dossiers read once, as columns) and one transaction.
        for y, n in aggregates.recompute_years(years).items():
            self.stdout.write(f"Năm {y}: {n} dòng tổng hợp")
        self.stdout.write(f"Tính lại chỉ tiêu: {time.perf_counter() - t:.2f} giây".replace(".", ","))
