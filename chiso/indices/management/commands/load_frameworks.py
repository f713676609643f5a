from django.core.management.base import BaseCommand

from chiso.indices import actions
from chiso.indices.demo import ensure_provinces


class Command(BaseCommand):
    help = "Nạp khung các chỉ số (PAR INDEX, SIPAS, PAPI, PCI, 766) từ tệp dữ liệu; chạy lại không tạo trùng"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Ghi đè các khung đã có bằng dữ liệu gốc (mất chỉnh sửa)"
        )

    def handle(self, *args, **opts):
        ensure_provinces(self.stdout.write)
        c = actions.load_frameworks(None, reset=opts["reset"])
        self.stdout.write(
            f"{c['indices']} chỉ số, {c['versions']} phiên bản, {c['nodes']} thành phần mới; {c['updated']} cập nhật"
        )
