from django.core.management.base import BaseCommand

from chiso.orgs.provinces import load_provinces


class Command(BaseCommand):
    help = "Nạp 63 tỉnh (trước 1/7/2025), 34 tỉnh (từ 1/7/2025) và bảng chuyển đổi sáp nhập"

    def handle(self, *args, **opts):
        r = load_provinces()
        self.stdout.write(
            f"Tỉnh, thành phố: {r['created']} mới, {r['updated']} cập nhật, {r['links']} liên kết sáp nhập mới"
        )
