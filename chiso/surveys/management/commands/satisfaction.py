from django.core.management.base import BaseCommand, CommandError

from chiso.lib import periods, vnformat
from chiso.orgs.models import Unit
from chiso.surveys import export, queries
from chiso.surveys.models import Questionnaire


class Command(BaseCommand):
    help = "Chỉ số hài lòng của một đơn vị (gồm đơn vị trực thuộc) trong một kỳ"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã đơn vị, ví dụ 42X001")
        parser.add_argument("--period", required=True, help="2025, 2025-H1, 2025-Q3 hoặc 2025-07")
        parser.add_argument("--field", default="", help="Mã lĩnh vực (tùy chọn)")
        parser.add_argument("--form", default="", help="Số hiệu hoặc mã phiếu (tùy chọn)")
        parser.add_argument("--csv", action="store_true", help="In CSV: scope,n,satisfied_pct,ci_low,ci_high")

    def handle(self, *args, **opts):
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã {opts['unit']}")
        try:
            period = periods.parse(opts["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        q = None
        if opts["form"]:
            ref = opts["form"]
            q = Questionnaire.objects.filter(pk=int(ref)).first() if ref.isdigit() else None
            q = q or Questionnaire.objects.filter(form_id=ref).first()
            if q is None:
                raise CommandError(f"Không tìm thấy phiếu '{ref}'")
        res = queries.indices(unit, period, opts["field"], q)
        if opts["csv"]:
            self.stdout.write(export.satisfaction_csv(res), ending="")
            return
        self.stdout.write(f"{unit.name} – {period.label_vi}: {res.respondents} người trả lời")
        for s in [*res.elements, *res.pillars, res.overall]:
            warn = "  (chưa đủ mẫu)" if s.has_data and s.small else ""
            ci = (
                f"[{vnformat.number(s.ci_low)} – {vnformat.number(s.ci_high)}]"
                if s.has_data
                else "chưa có dữ liệu"
            )
            self.stdout.write(f"  {s.label:<48} n={s.n:<6} {vnformat.percent(s.pct):>9} {ci}{warn}")
