from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import Unit
from chiso.surveys import actions


class Command(BaseCommand):
    help = "Nạp một biểu mẫu XLSForm (.xlsx) làm phiếu khảo sát của đơn vị (nạp lại cùng tệp không đổi gì)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp XLSForm .xlsx")
        parser.add_argument("--unit", required=True, help="Mã đơn vị sở hữu phiếu, ví dụ 42")

    def handle(self, *args, **opts):
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã {opts['unit']}")
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"Không có tệp {path}")
        try:
            version, created = actions.import_form(None, path.read_bytes(), path.name, unit)
        except ImportFailed as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            raise CommandError(f"{len(exc.errors)} lỗi — không lưu gì") from None
        q = version.questionnaire
        state = "đã nạp" if created else "không đổi (đã có)"
        self.stdout.write(f"{state}: phiếu {q.pk} “{q.title}” ({q.form_id}), phiên bản {version.version}")
        self.stdout.write(f"id={q.pk}")
