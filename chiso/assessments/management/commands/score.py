"""`chiso score --criteria FILE.xlsx --inputs FILE.csv --json`: try a set without a campaign."""

import json
import re
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.assessments import criteria_io
from chiso.lib import scoring, vnformat
from chiso.lib.tabular import ErrorCollector, ImportFailed, iter_rows


def score_inputs(parsed: criteria_io.ParsedSet, rows, filename: str) -> list[dict]:
    """rows: (row number, {unit, code, value}); survey items take `option=count, ...` or points."""
    nodes = {n.code: n for n in parsed.nodes}
    roots = parsed.roots()
    errors = ErrorCollector(filename)
    leaf_points: dict[str, dict] = defaultdict(dict)
    order: list[str] = []
    for row, v in rows:
        unit, code, value = v.get("unit", "").strip(), v.get("code", "").strip(), v.get("value", "")
        if not unit:
            errors.add(row, "unit", "Thiếu mã đơn vị")
            continue
        if unit not in leaf_points:
            order.append(unit)
            leaf_points[unit] = {}
        n = nodes.get(code)
        if n is None or n.children or n.rule is None:
            errors.add(row, "code", f"'{code}' không phải tiêu chí thành phần của bộ tiêu chí")
            continue
        try:
            if n.rule.shape == "survey" and "=" in value:
                dist = {}
                for part in re.split(r"[;,]", value):
                    opt, cnt = part.rsplit("=", 1)
                    dist[opt.strip()] = scoring.to_decimal(cnt)
                pts = n.rule.points(dist, n.max)
            else:
                pts = n.rule.points(value, n.max)
        except (scoring.RuleError, ValueError) as exc:
            errors.add(row, "value", str(exc))
            continue
        leaf_points[unit][code] = pts
    errors.raise_if_any()
    results = {u: scoring.compute(roots, leaf_points[u], parsed.na_policy) for u in order}
    ranks = scoring.rank({u: r.index for u, r in results.items()})
    bands = parsed.bands or scoring.DEFAULT_BANDS
    out = []
    for u in order:
        r = results[u]
        out.append(
            {
                "unit": u,
                # exact Decimal arithmetic, rounded half-up to two decimals, printed as JSON numbers
                "points": float(scoring.q2(r.points)),
                "max": float(scoring.q2(r.max)),
                "index": float(r.index),
                "grade": scoring.grade(r.index, bands),
                "rank": ranks[u],
            }
        )
    out.sort(key=lambda d: (d["rank"], d["unit"]))
    return out


class Command(BaseCommand):
    help = "Chấm thử bộ tiêu chí với dữ liệu đầu vào (CSV: unit,code,value), không cần đợt đánh giá"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--criteria", required=True, help="Tệp XLSX bộ tiêu chí")
        parser.add_argument("--inputs", required=True, help="Tệp CSV/XLSX, cột unit,code,value")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **opts):
        cpath, ipath = Path(opts["criteria"]), Path(opts["inputs"])
        for p in (cpath, ipath):
            if not p.exists():
                raise CommandError(f"Không tìm thấy tệp {p}")
        try:
            parsed = criteria_io.parse_workbook(cpath.read_bytes(), cpath.name)
            rows = list(iter_rows(ipath))
            if rows:
                missing = [c for c in ("unit", "code", "value") if c not in rows[0][1]]
                if missing:
                    raise ImportFailed(
                        [criteria_io.RowError(ipath.name, 1, c, "Thiếu cột bắt buộc") for c in missing]
                    )
            results = score_inputs(parsed, rows, ipath.name)
        except ImportFailed as exc:
            raise CommandError("\n".join(str(e) for e in exc.errors)) from None
        if opts["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=1))
        else:
            for r in results:
                self.stdout.write(
                    f"{r['rank']:>3}  {r['unit']:<12} {vnformat.number(r['index'])}  {r['grade']}  "
                    f"({vnformat.number(r['points'])}/{vnformat.number(r['max'])})"
                )
