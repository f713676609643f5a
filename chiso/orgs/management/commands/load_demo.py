import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from chiso.orgs import demo

# Each capability may ship `chiso/<app>/demo.py` with `load(log)`: idempotent, run in this order.
DEMO_APPS = ["indices", "dossiers", "assessments", "plans", "surveys", "dashboard"]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo trùng)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", help="Chỉ nạp dữ liệu mẫu của các ứng dụng này (phân cách bởi dấu phẩy)"
        )

    def handle(self, *args, **opts):
        only = set(filter(None, (opts.get("only") or "").split(",")))
        # Demo notifications go to the in-app inbox only; no e-mail flood on the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._load(only)

    def _load(self, only):
        log = self.stdout.write
        demo.load(log)
        for app in DEMO_APPS:
            if only and app not in only:
                continue
            try:
                module = importlib.import_module(f"chiso.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"chiso.{app}.demo":
                    raise
                continue
            log(f"— {app}")
            module.load(log)
        log(self.style.SUCCESS(f"Xong. Cơ sở dữ liệu: {settings.DATABASES['default']['NAME']}"))
