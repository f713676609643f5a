"""`chiso parse-directive FILE [--json]`: propose a structured reading of a directive (no database writes)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.lib.directive_parser import ExtractError, extract_text, parse

OPERATOR_SIGNS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


class Command(BaseCommand):
    help = "Đọc một văn bản chỉ đạo (.txt, .docx, .pdf) và đề xuất nhiệm vụ, chỉ tiêu, chế độ báo cáo"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp văn bản: .txt, .docx hoặc .pdf có lớp chữ")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}")
        try:
            text = extract_text(path.read_bytes(), path.name)
        except ExtractError as exc:
            raise CommandError(f"{path.name}: {exc}")
        result = parse(text)
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self._print(path.name, result)

    def _print(self, name, r):
        w = self.stdout.write
        d = r["document"]
        w(f"Tệp: {name}")
        w(
            f"Loại: {d['kind'] or '—'}  Số: {d['number'] or '—'}  Ngày: {_vn_date(d['date'])}  Cơ quan: {d['issuer'] or '—'}"
        )
        if r["rankings"]:
            w(f"\nXếp hạng ({len(r['rankings'])}):")
            for x in r["rankings"]:
                change = ""
                if x["change"]:
                    change = f" ({'tăng' if x['change'] > 0 else 'giảm'} {abs(x['change']):02d} bậc)"
                w(f"  - {x['index'] or '?'} năm {x['year'] or '?'}: {x['rank']}/{x['of']}{change}")
        w(f"\nChỉ tiêu ({len(r['targets'])}):")
        for x in r["targets"]:
            value = str(x["value"]).replace(".", ",")
            w(
                f"  - {x['metric']} {OPERATOR_SIGNS[x['operator']]} {value}{x['unit'] if x['unit'] == '%' else ' ' + x['unit']}"
                + (f" (hạn {_vn_date(x['deadline'])})" if x["deadline"] else "")
            )
        w(f"\nNhiệm vụ ({len(r['tasks'])}):")
        for x in r["tasks"]:
            due = f" [hạn: {_vn_date(x['deadline'])}]" if x["deadline"] else ""
            w(f"  - {x['lead_unit'] or '(chưa rõ đơn vị)'}: {x['summary']}{due}")
        w(f"\nChế độ báo cáo ({len(r['reporting'])}):")
        for x in r["reporting"]:
            w(f"  - {x['frequency'] or 'định kỳ'}: {x['due_rule'] or '—'} → {x['to'] or '—'}")


def _vn_date(value):
    if not value:
        return "—"
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    return value
