"""Import and export a province's units (CSV/XLSX): all-or-nothing, re-import is a no-op.

Columns: code, name, kind, parent_code, valid_from, valid_to, and optionally aliases and
predecessors (codes separated by ';' — the units this one was formed from)."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction

from chiso.lib.tabular import ErrorCollector, ImportFailed, RowError, iter_rows, parse_date, require_columns
from chiso.lib.vntext import fold
from chiso.orgs import actions
from chiso.orgs.models import LinkKind, Unit, UnitKind, UnitLink
from chiso.orgs.permissions import MANAGE, require

COLUMNS = {
    "code": "mã đơn vị",
    "name": "tên đơn vị",
    "kind": "loại",
    "parent_code": "mã đơn vị cấp trên",
    "valid_from": "hiệu lực từ",
    "valid_to": "hiệu lực đến",
}
ALIASES = {
    "code": ["ma", "ma_don_vi"],
    "name": ["ten", "ten_don_vi"],
    "kind": ["loai", "loai_don_vi"],
    "parent_code": ["parent", "ma_cap_tren", "ma_don_vi_cap_tren"],
    "valid_from": ["hieu_luc_tu", "tu_ngay"],
    "valid_to": ["hieu_luc_den", "den_ngay"],
}
_KIND_BY_TEXT = {fold(v): v for v in UnitKind.values} | {fold(label): v for v, label in UnitKind.choices}
_KIND_BY_TEXT |= {
    "tinh": "province",
    "thanh pho": "province",
    "so": "department",
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "ward",
    "thi tran": "town",
    "dac khu": "special_zone",
    "mot cua": "desk",
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    links: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.links


def import_units(actor, province: Unit, fobj_or_path, filename: str | None = None) -> ImportResult:
    """Validate every row first; save only if no row has an error."""
    name = filename or getattr(fobj_or_path, "name", None) or str(fobj_or_path)
    errors = ErrorCollector(name)
    rows = iter_rows(fobj_or_path, name)
    parsed = []
    mapping = None
    for n, row in rows:
        if mapping is None:
            mapping = require_columns(row.keys(), COLUMNS, name, ALIASES)
            opt = {k: h for h in row for k in ("aliases", "predecessors") if h.strip().lower() == k}
        get = lambda key, row=row, mapping=mapping: row.get(mapping[key], "").strip()  # noqa: E731
        rec = {"row": n, "code": get("code"), "name": get("name"), "parent_code": get("parent_code")}
        if not rec["code"]:
            errors.add(n, "code", "Thiếu mã đơn vị")
        if not rec["name"]:
            errors.add(n, "name", "Thiếu tên đơn vị")
        kind = _KIND_BY_TEXT.get(fold(get("kind")))
        if kind is None:
            errors.add(n, "kind", f"Loại '{get('kind')}' không hợp lệ (dùng: {', '.join(UnitKind.values)})")
        rec["kind"] = kind
        for key in ("valid_from", "valid_to"):
            raw = get(key)
            rec[key] = None
            if raw:
                try:
                    rec[key] = parse_date(raw)
                except ValueError as exc:
                    errors.add(n, key, str(exc))
        if rec["valid_from"] and rec["valid_to"] and rec["valid_to"] < rec["valid_from"]:
            errors.add(n, "valid_to", "Ngày hết hiệu lực trước ngày bắt đầu hiệu lực")
        rec["aliases"] = row.get(opt.get("aliases", ""), "").strip() if opt.get("aliases") else None
        rec["predecessors"] = (
            [c.strip() for c in row.get(opt.get("predecessors", ""), "").split(";") if c.strip()]
            if opt.get("predecessors")
            else []
        )
        parsed.append(rec)
    if mapping is None:
        raise ImportFailed([RowError(name, 1, None, "Tệp không có dòng dữ liệu nào")])

    seen: dict[str, int] = {}
    for rec in parsed:
        if rec["code"] in seen:
            errors.add(rec["row"], "code", f"Mã '{rec['code']}' trùng với dòng {seen[rec['code']]}")
        elif rec["code"]:
            seen[rec["code"]] = rec["row"]
    in_file = {r["code"] for r in parsed}
    existing = {
        u.code: u
        for u in Unit.objects.filter(
            code__in=in_file
            | {r["parent_code"] for r in parsed}
            | {p for r in parsed for p in r["predecessors"]}
        )
    }
    for rec in parsed:
        if rec["code"] == province.code:
            continue
        pc = rec["parent_code"]
        if not pc:
            errors.add(rec["row"], "parent_code", "Thiếu mã đơn vị cấp trên")
        elif pc == rec["code"]:
            errors.add(rec["row"], "parent_code", "Đơn vị không thể trực thuộc chính nó")
        elif pc not in in_file and pc not in existing:
            errors.add(rec["row"], "parent_code", f"Không tìm thấy đơn vị cấp trên '{pc}'")
        elif pc in existing and pc not in in_file and not existing[pc].path.startswith(province.path):
            errors.add(rec["row"], "parent_code", f"Đơn vị cấp trên '{pc}' không thuộc {province.name}")
        ex = existing.get(rec["code"])
        if ex is not None and not ex.path.startswith(province.path):
            errors.add(rec["row"], "code", f"Mã '{rec['code']}' đã dùng cho đơn vị ngoài {province.name}")
        if ex is not None and ex.parent and pc and ex.parent.code != pc:
            errors.add(
                rec["row"],
                "parent_code",
                f"Đơn vị '{rec['code']}' đang trực thuộc '{ex.parent.code}': không đổi cấp trên được",
            )
        for p in rec["predecessors"]:
            if p not in in_file and p not in existing:
                errors.add(rec["row"], "predecessors", f"Không tìm thấy đơn vị tiền thân '{p}'")
    # Parents must not form a cycle inside the file.
    parent_of = {r["code"]: r["parent_code"] for r in parsed}
    for rec in parsed:
        cur, steps = rec["code"], 0
        while cur in parent_of and steps <= len(parent_of):
            cur, steps = parent_of[cur], steps + 1
        if steps > len(parent_of):
            errors.add(rec["row"], "parent_code", "Quan hệ cấp trên tạo thành vòng lặp")
    errors.raise_if_any()
    if actor is not None:
        require(actor, MANAGE, province)
    return _save(actor, province, parsed)


@transaction.atomic
def _save(actor, province: Unit, parsed: list[dict]) -> ImportResult:
    result = ImportResult()
    by_code = {u.code: u for u in Unit.objects.filter(code__in=[r["code"] for r in parsed])}
    by_code[province.code] = province
    pending = [r for r in parsed if r["code"] != province.code]
    # Parents first, whatever the row order.
    while pending:
        progressed, rest = False, []
        for rec in pending:
            parent = by_code.get(rec["parent_code"]) or Unit.objects.filter(code=rec["parent_code"]).first()
            if parent is None or parent.pk is None:
                rest.append(rec)
                continue
            unit = by_code.get(rec["code"]) or Unit(code=rec["code"])
            values = {
                "name": rec["name"],
                "kind": rec["kind"],
                "valid_from": rec["valid_from"],
                "valid_to": rec["valid_to"],
            }
            if rec["aliases"] is not None:
                values["aliases"] = rec["aliases"]
            if unit.pk is None:
                values["parent"] = parent
            was_new = unit.pk is None
            unit, changed = actions.save_unit(actor, unit, **values)
            if was_new:
                result.created += 1
            elif changed:
                result.updated += 1
            else:
                result.unchanged += 1
            by_code[unit.code] = unit
            progressed = True
        if not progressed:
            raise ImportFailed(
                [RowError("", r["row"], "parent_code", "Không xác định được đơn vị cấp trên") for r in rest]
            )
        pending = rest
    for rec in parsed:
        for p in rec["predecessors"]:
            pred = by_code.get(p) or Unit.objects.get(code=p)
            _, created = actions.link_units(actor, pred, by_code[rec["code"]], LinkKind.MERGE)
            result.links += int(created)
    return result


EXPORT_HEADER = ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "aliases", "predecessors"]


def export_rows(province: Unit) -> list[list[str]]:
    units = list(
        Unit.objects.under(province).select_related("parent").order_by("depth", "sort_order", "code")
    )
    preds: dict[int, list[str]] = {}
    for link in UnitLink.objects.filter(successor__in=units).select_related("predecessor"):
        preds.setdefault(link.successor_id, []).append(link.predecessor.code)
    rows = []
    for u in units:
        rows.append(
            [
                u.code,
                u.name,
                u.kind,
                u.parent.code if u.parent_id else "",
                u.valid_from.strftime("%d/%m/%Y") if u.valid_from else "",
                u.valid_to.strftime("%d/%m/%Y") if u.valid_to else "",
                u.aliases,
                ";".join(sorted(preds.get(u.pk, []))),
            ]
        )
    return rows


def export_csv(province: Unit) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(EXPORT_HEADER)
    w.writerows(export_rows(province))
    return buf.getvalue().encode("utf-8-sig")


def export_xlsx(province: Unit) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("don_vi")
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    ws.write_row(0, 0, EXPORT_HEADER, bold)
    for i, row in enumerate(export_rows(province), start=1):
        ws.write_row(i, 0, row)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 40)
    ws.freeze_panes(1, 0)
    wb.close()
    return buf.getvalue()
