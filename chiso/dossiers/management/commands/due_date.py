from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers import workdays
from chiso.lib.tabular import parse_datetime


class Command(BaseCommand):
    help = "Tính ngày hẹn trả theo lịch làm việc (có ngày nghỉ, ngày làm bù của cơ quan)"

    def add_arguments(self, parser):
        parser.add_argument("--received", required=True, help='"2026-02-13 16:45" hoặc "13/02/2026 16:45"')
        parser.add_argument("--limit", required=True, type=float)
        parser.add_argument(
            "--unit",
            default="working_days",
            choices=["working_days", "working_hours", "calendar_days", "months"],
        )

    def handle(self, *args, **opts):
        try:
            received = parse_datetime(opts["received"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        cal = workdays.calendar([received.year, received.year + 1])
        try:
            due = cal.add(
                received,
                opts["limit"] if opts["unit"] in ("working_days", "working_hours") else int(opts["limit"]),
                opts["unit"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(due.strftime("%Y-%m-%d %H:%M"))
