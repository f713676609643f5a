import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers import kpis
from chiso.lib import periods, vnformat
from chiso.orgs.models import Unit


def _num(v):
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{float(v):.4f}"


class Command(BaseCommand):
    help = "Các chỉ tiêu hồ sơ của một đơn vị (gồm đơn vị trực thuộc) trong một kỳ"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--period", required=True, help="2025, 2025-H1, 2025-Q3 hoặc 2025-07")
        parser.add_argument("--field", default="", help="Mã lĩnh vực")
        parser.add_argument("--procedure", default="", help="Mã TTHC")
        parser.add_argument("--csv", action="store_true", help="CSV: kpi,numerator,denominator,value")

    def handle(self, *args, **opts):
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã '{opts['unit']}'")
        try:
            period = periods.parse(opts["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        rows = kpis.all_values(unit, period, opts["field"], opts["procedure"])
        if opts["csv"]:
            w = csv.writer(
                sys.stdout if self.stdout._out is sys.stdout else self.stdout._out, lineterminator="\n"
            )
            w.writerow(["kpi", "numerator", "denominator", "value"])
            for r in rows:
                val = "" if r["value"] is None else f"{r['value']:.4f}"
                w.writerow([r["code"], _num(r["numerator"]), _num(r["denominator"]), val])
            return
        self.stdout.write(f"{unit.name} — {period.label_vi}")
        for r in rows:
            k = r["kpi"]
            v = (
                "không đủ dữ liệu"
                if r["value"] is None
                else (
                    vnformat.percent(r["value"])
                    if k.unit == "%"
                    else f"{vnformat.number(r['value'], 2 if k.unit == 'ngày' else 0)} {k.unit}"
                )
            )
            self.stdout.write(f"  {k.name_vi}: {v}")
