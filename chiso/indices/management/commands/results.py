import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from chiso.indices import queries
from chiso.lib import vnformat


class Command(BaseCommand):
    help = "Bảng kết quả một chỉ số trong một năm: điểm, thứ hạng, thay đổi, nhóm"

    def add_arguments(self, parser):
        parser.add_argument("--index", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--csv", action="store_true", help="CSV: province,score,rank,of,rank_change,tier")
        parser.add_argument("--derived", action="store_true", help="34 tỉnh mới, ước tính từ các tỉnh cũ")
        parser.add_argument(
            "--full-labels",
            action="store_true",
            help="Tên nhóm đầy đủ (Trung bình cao) thay cho tên viết tắt của tệp công bố (TB cao)",
        )

    def handle(self, *args, **opts):
        index = queries.get_index(opts["index"])
        if index is None:
            raise CommandError(f"Không có chỉ số “{opts['index']}”")
        year = opts["year"]
        if opts["derived"]:
            table = queries.derived_table(queries.result_set(index), year)
        else:
            table = queries.year_table(index, year)
        rows = [r for r in table.rows if r.total.score is not None]
        if not rows:
            raise CommandError(f"{index.short_name} chưa có kết quả năm {year}")
        if opts["csv"]:
            w = csv.writer(
                self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout, lineterminator="\n"
            )
            w.writerow(["province", "score", "rank", "of", "rank_change", "tier"])
            for r in rows:
                change = "" if r.rank_change is None else f"{r.rank_change:+d}" if r.rank_change else "0"
                tier = r.tier if opts["full_labels"] else queries.short_tier(table.version, r.tier)
                w.writerow([r.name, _plain(r.total.score), r.total.rank, r.total.of, change, tier or ""])
            return
        for r in rows:
            self.stdout.write(
                f"{r.total.rank:>3}/{r.total.of}  {r.name:<22} {vnformat.number(r.total.score):>8}  "
                f"{vnformat.rank_change(r.rank_change):<16} {r.tier or ''}"
            )


def _plain(d) -> str:
    text = format(d.normalize(), "f")
    return text
