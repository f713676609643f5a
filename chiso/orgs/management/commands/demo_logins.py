from django.core.management.base import BaseCommand

from chiso.orgs.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "In danh sách tài khoản mẫu"

    def handle(self, *args, **opts):
        self.stdout.write(f"\nTài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}) — mở http://127.0.0.1:8000\n")
        for username, name, scope in DEMO_LOGINS:
            self.stdout.write(f"  {username:<14} {name:<24} {scope}")
        self.stdout.write("")
