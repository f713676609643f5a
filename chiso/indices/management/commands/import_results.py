from django.core.management.base import BaseCommand, CommandError

from chiso.indices import actions, queries
from chiso.indices.demo import ensure_provinces
from chiso.lib.tabular import ImportFailed


class Command(BaseCommand):
    help = (
        "Nhập kết quả công bố của một chỉ số (tất cả hoặc không; nhập lại không thay đổi gì). "
        "Định dạng long: cột index, year, province, node_code, score (node_code trống = tổng điểm)"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--index", required=True, help="papi, par, sipas, pci, i766")
        parser.add_argument("--format", default="long", choices=sorted(actions.FORMATS), dest="fmt")

    def handle(self, *args, **opts):
        ensure_provinces(self.stdout.write)
        index = queries.get_index(opts["index"])
        if index is None:
            raise CommandError(f"Không có chỉ số “{opts['index']}” (hãy chạy chiso load-frameworks)")
        try:
            out = actions.import_results(None, index, opts["file"], fmt=opts["fmt"])
        except ImportFailed as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            raise CommandError(f"{len(exc.errors)} lỗi — không lưu gì") from None
        except FileNotFoundError:
            raise CommandError(f"Không có tệp {opts['file']}") from None
        self.stdout.write(
            f"{out.rows} điểm: {out.created} mới, {out.updated} cập nhật, {out.unchanged} không đổi "
            f"(năm {', '.join(map(str, out.years))})"
        )
