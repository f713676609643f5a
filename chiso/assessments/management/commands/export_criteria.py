import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.assessments import actions, criteria_io
from chiso.assessments.models import CriteriaSet


class Command(BaseCommand):
    help = "Xuất bộ tiêu chí ra tệp XLSX theo mẫu (không có --province: xuất tệp mẫu trống)"

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Mã tỉnh")
        parser.add_argument("--year", type=int)
        parser.add_argument("--unit-type", choices=["department", "commune", "district"])
        parser.add_argument("-o", "--output", help="Tệp đích (mặc định: in ra stdout)")

    def handle(self, *args, **opts):
        if opts.get("province"):
            cset = CriteriaSet.objects.filter(
                province__code=opts["province"], year=opts.get("year"), unit_type=opts.get("unit_type")
            ).first()
            if cset is None:
                raise CommandError("Không có bộ tiêu chí cho tỉnh, năm và loại đơn vị này")
            data = criteria_io.write_workbook(actions.as_parsed(cset))
        else:
            data = criteria_io.write_workbook(criteria_io.ParsedSet(year=opts.get("year")))
        if opts.get("output"):
            Path(opts["output"]).write_bytes(data)
            self.stdout.write(f"Đã ghi {opts['output']}")
        else:
            sys.stdout.buffer.write(data)
