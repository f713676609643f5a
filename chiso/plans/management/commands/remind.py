import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from chiso.lib.tabular import parse_date
from chiso.plans.actions import send_reminders


class Command(BaseCommand):
    help = "Nhắc việc: nhiệm vụ và báo cáo đến hạn trong N ngày hoặc đã quá hạn (chạy nhiều lần trong ngày không gửi trùng)"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Số ngày nhìn trước (mặc định 7)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi")
        parser.add_argument("--date", help="Coi hôm nay là ngày này (dd/mm/yyyy)")

    def handle(self, *args, **opts):
        if opts["days"] < 0:
            raise CommandError("--days phải là số không âm")
        try:
            today = parse_date(opts["date"]) if opts.get("date") else dt.date.today()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        out = send_reminders(today, opts["days"], opts["dry_run"])
        for r in out["reminders"]:
            who = ", ".join(u.username for u in r["users"]) or "(đơn vị chưa có người nhận)"
            self.stdout.write(f"- {r['unit'].name}: {r['title']} → {who}")
        for d in out["digests"]:
            who = ", ".join(u.username for u in d["users"]) or "(chưa có cơ quan thường trực)"
            self.stdout.write(f"- {d['title']} → {who}")
        verb = "Sẽ nhắc" if opts["dry_run"] else "Đã gửi"
        self.stdout.write(
            f"{verb} {out['items']} việc; {out['sent']} thông báo mới, {out['skipped']} đã gửi hôm nay trước đó."
        )
