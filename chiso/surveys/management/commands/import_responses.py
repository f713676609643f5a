from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.lib.tabular import ImportFailed
from chiso.orgs.models import Unit
from chiso.surveys import actions
from chiso.surveys.models import Questionnaire, Source


class Command(BaseCommand):
    help = (
        "Nhập phiếu khảo sát từ tệp CSV/XLSX (xuất từ Kobo/ODK hoặc phiếu giấy): tất cả hoặc không; "
        "nhập lại cùng tệp không tạo phiếu trùng"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--form", required=True, help="Số hiệu (id) hoặc mã (form_id) của phiếu")
        parser.add_argument("--unit", help="Mã đơn vị khi tệp không có cột unit")
        parser.add_argument("--paper", action="store_true", help="Tệp nhập tay từ phiếu giấy")

    def handle(self, *args, **opts):
        ref = opts["form"]
        q = Questionnaire.objects.filter(pk=int(ref)).first() if ref.isdigit() else None
        q = q or Questionnaire.objects.filter(form_id=ref).first()
        if q is None or q.current is None:
            raise CommandError(f"Không tìm thấy phiếu '{ref}'")
        unit = None
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                raise CommandError(f"Không tìm thấy đơn vị có mã {opts['unit']}")
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"Không có tệp {path}")
        try:
            with open(path, "rb") as fobj:
                s = actions.import_responses(
                    None,
                    fobj,
                    path.name,
                    q.current,
                    unit=unit,
                    source=Source.PAPER if opts["paper"] else Source.IMPORT,
                )
        except ImportFailed as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            raise CommandError(f"{len(exc.errors)} lỗi — không lưu phiếu nào") from None
        self.stdout.write(f"{s.rows} dòng: {s.created} phiếu mới, {s.skipped} đã có (bỏ qua)")
