import csv

from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers import index766
from chiso.lib import periods, vnformat
from chiso.orgs.models import Unit, UnitKind


class Command(BaseCommand):
    help = "Chỉ số phục vụ 766 của các đơn vị cùng loại trong một kỳ, xếp hạng"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True)
        parser.add_argument(
            "--kind", default="commune", help="commune (xã, phường, đặc khu), department, district"
        )
        parser.add_argument("--province", default="", help="Mã tỉnh (mặc định: tỉnh đầu tiên có hồ sơ)")
        parser.add_argument("--csv", action="store_true", help="CSV: unit,total,rank,of,<nhóm>…")
        parser.add_argument(
            "--with-change",
            action="store_true",
            help="Thêm cột rank_change sau các nhóm: thay đổi thứ hạng so với kỳ trước cùng độ dài "
            "(+3 tăng, -2 giảm, 0 giữ nguyên, new: đơn vị chưa có ở kỳ trước)",
        )

    def handle(self, *args, **opts):
        try:
            period = periods.parse(opts["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if opts["province"]:
            province = Unit.objects.filter(code=opts["province"], kind=UnitKind.PROVINCE).first()
        else:
            from chiso.dossiers.models import Dossier

            d = Dossier.objects.select_related("unit").first()
            province = d.unit.province() if d else None
        if province is None:
            raise CommandError("Không xác định được tỉnh (dùng --province)")
        with_change = opts["with_change"]
        if with_change:
            rows = index766.ranking_with_change(province, period, opts["kind"])
        else:
            rows = index766.ranking(province, period, opts["kind"])
        groups = [g[0] for g in index766.GROUPS]
        out = csv.writer(self.stdout, lineterminator="\n")
        if opts["csv"]:
            # The contract header unit,total,rank,of,<groups>; --with-change appends one column.
            out.writerow(["unit", "total", "rank", "of", *groups, *(["rank_change"] if with_change else [])])
            for r in rows:
                gs = {g["code"]: g["score"] for g in r["groups"]}
                out.writerow(
                    [
                        r["unit"].code,
                        "" if r["total"] is None else f"{r['total']:.2f}",
                        r["rank"] or "",
                        r["of"],
                        *["" if gs[g] is None else f"{gs[g]:.2f}" for g in groups],
                        *([index766.rank_change_code(r)] if with_change else []),
                    ]
                )
            return
        for r in rows:
            total = "không đủ dữ liệu" if r["total"] is None else f"{r['total']:.2f}".replace(".", ",")
            line = f"{r['rank'] or '–'}/{r['of']}  {r['unit'].code}  {r['unit'].name}: {total}"
            if with_change and r["new"]:
                line += "  (mới)"
            elif with_change and r["rank_change"] is not None:
                line += f"  ({vnformat.rank_change(r['rank_change'])})"
            self.stdout.write(line)
