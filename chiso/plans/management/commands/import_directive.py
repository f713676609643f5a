from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from chiso.orgs.models import Unit, UnitKind
from chiso.plans import actions


class Command(BaseCommand):
    help = "Nhập văn bản chỉ đạo: phân tích, in đề xuất, rồi tạo nhiệm vụ, chỉ tiêu, lịch báo cáo sau khi xác nhận"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .txt, .docx hoặc .pdf")
        parser.add_argument(
            "--yes", action="store_true", help="Không hỏi lại: chấp nhận mọi mục đề xuất và áp dụng"
        )
        parser.add_argument("--unit", help="Mã đơn vị phạm vi (mặc định: tỉnh đầu tiên)")
        parser.add_argument("--title", default="", help="Trích yếu")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}")
        if opts.get("unit"):
            scope = Unit.objects.filter(code=opts["unit"]).first()
            if scope is None:
                raise CommandError(f"Không có đơn vị mã {opts['unit']}")
        else:
            scope = (
                Unit.objects.filter(kind=UnitKind.PROVINCE, valid_to__isnull=True).order_by("code").first()
            )
            if scope is None:
                raise CommandError("Chưa có tỉnh nào: chạy chiso load-demo hoặc nhập đơn vị trước")
        try:
            d, created = actions.import_directive(None, scope, path.read_bytes(), path.name, opts["title"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if not created:
            self.stdout.write(
                f"Văn bản đã được nhập trước đó (#{d.pk}, {d.get_status_display().lower()}); không thay đổi gì."
            )
            return
        items = d.proposal["items"]
        self.stdout.write(f"{d} — {d.date or 'không rõ ngày'}; {len(items)} mục đề xuất:")
        for it in items:
            if it["type"] == "task":
                who = ", ".join(it["assignees"]) or f"? ({it['lead_text']})"
                self.stdout.write(f"  [{it['id']}] Nhiệm vụ → {who}: {it['summary'][:100]}")
            elif it["type"] == "target":
                self.stdout.write(
                    f"  [{it['id']}] Chỉ tiêu: {it['metric'][:80]} {it['operator']} {it['value']}{it['unit']}"
                )
            else:
                self.stdout.write(f"  [{it['id']}] Báo cáo: {it['frequency']} {it['due_rule']}")
        if not opts["yes"]:
            answer = input("Chấp nhận tất cả và tạo nhiệm vụ? [c/K] ").strip().lower()
            if answer not in ("c", "co", "có", "y", "yes"):
                self.stdout.write(
                    f"Đã lưu văn bản #{d.pk} ở trạng thái chờ rà soát (rà soát trên web: /ke-hoach/van-ban/{d.pk}/ra-soat/)."
                )
                return
        n = actions.accept_pending(None, d)
        if not n:
            self.stdout.write("Không có mục nào để tạo.")
            return
        counts = actions.apply_proposal(None, d)
        self.stdout.write(
            f"Đã tạo {counts['tasks']} nhiệm vụ, {counts['targets']} chỉ tiêu, {counts['periods']} kỳ báo cáo."
        )
        unresolved = [it for it in items if it["type"] == "task" and not it["assignees"]]
        if unresolved:
            self.stdout.write(
                f"{len(unresolved)} nhiệm vụ chưa xác định được đơn vị chủ trì: giao cho {scope.name}."
            )
