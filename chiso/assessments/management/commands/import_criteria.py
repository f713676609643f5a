from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from chiso.assessments import actions, criteria_io
from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import Unit

UNIT_TYPES = ["department", "commune", "district"]


class Command(BaseCommand):
    help = "Nhập bộ tiêu chí chấm điểm chỉ số CCHC từ tệp XLSX theo mẫu (nhập lại không thay đổi gì)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp XLSX theo mẫu (trang Thông tin, Tiêu chí, Xếp loại)")
        parser.add_argument("--province", required=True, help="Mã tỉnh, ví dụ 42")
        parser.add_argument("--year", type=int, help="Năm (ghi đè trang Thông tin)")
        parser.add_argument("--unit-type", choices=UNIT_TYPES, help="Loại đơn vị (ghi đè trang Thông tin)")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}")
        province = Unit.objects.filter(code=opts["province"], kind="province").first()
        if province is None:
            raise CommandError(f"Không có tỉnh mã {opts['province']}")
        try:
            parsed = criteria_io.parse_workbook(path.read_bytes(), path.name)
        except ImportFailed as exc:
            raise CommandError("\n".join(str(e) for e in exc.errors)) from None
        if opts.get("year"):
            parsed.year = opts["year"]
        if opts.get("unit_type"):
            parsed.unit_type = opts["unit_type"]
        if not parsed.year or not parsed.unit_type:
            raise CommandError("Thiếu năm hoặc loại đơn vị (trang Thông tin, hoặc --year, --unit-type)")
        try:
            cset, changed = actions.import_criteria(None, parsed, province)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        n = cset.criteria.count()
        state = "đã cập nhật" if changed else "không thay đổi"
        self.stdout.write(f"{cset.name}: {n} mục, {state} (id {cset.pk})")
