import time

from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers import aggregates
from chiso.lib import periods


class Command(BaseCommand):
    help = "Tính lại các chỉ tiêu hồ sơ đã tổng hợp (mặc định: mọi năm có hồ sơ)"

    def add_arguments(self, parser):
        parser.add_argument("--period", help="Năm (2025) hoặc kỳ trong năm (2025-Q3): tính lại cả năm đó")

    def handle(self, *args, **opts):
        if opts.get("period"):
            try:
                years = [periods.parse(opts["period"]).start.year]
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        else:
            years = aggregates.years_with_dossiers()
        for y in years:
            t = time.perf_counter()
            n = aggregates.recompute_year(y)
            self.stdout.write(
                f"Năm {y}: {n} dòng tổng hợp, {time.perf_counter() - t:.2f} giây".replace(".", ",")
            )
