"""Every state change of the indices app: permission check, write, audit entry."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from chiso.indices import frameworks
from chiso.indices.models import FrameworkVersion, Index, Node, Responsibility, Result, ResultImport
from chiso.indices.queries import can_manage_indices, version_for
from chiso.lib.tabular import ErrorCollector, ImportFailed, RowError, iter_rows, parse_decimal
from chiso.lib.vntext import fold, province_key
from chiso.orgs import audit
from chiso.orgs.models import Unit, UnitKind
from chiso.orgs.permissions import MANAGE, has_perm

SIX = Decimal("0.000001")
TOTAL_CODES = {"", "total", "tong", "tong diem", "tong_diem", "chi so", "index"}


def _require_manager(actor) -> None:
    if actor is not None and not can_manage_indices(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC của tỉnh được sửa khung chỉ số và nhập kết quả")


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# ---------------------------------------------------------------- frameworks


@transaction.atomic
def load_frameworks(actor=None, reset: bool = False) -> dict:
    """Create the shipped indices, versions and nodes that are missing (idempotent).
    `reset` also rewrites existing ones to the shipped values (the office's edits are lost)."""
    _require_manager(actor)
    counts = {"indices": 0, "versions": 0, "nodes": 0, "updated": 0}
    for path in frameworks.framework_files():
        data = frameworks.read_framework(path)
        spec = data["index"]
        idx_values = {
            k: spec.get(k, "")
            for k in ("short_name", "name", "name_en", "owner", "unit_label", "description")
        }
        idx_values["sort_order"] = spec.get("sort_order", 0)
        index = Index.objects.filter(code=spec["code"]).first()
        if index is None:
            index = Index.objects.create(code=spec["code"], **idx_values)
            audit.record("indices.index.create", index, actor=actor, after=idx_values)
            counts["indices"] += 1
        elif reset:
            counts["updated"] += _update(actor, index, idx_values, "indices.index.update")
        for v in data["versions"]:
            values = {
                "index": index,
                "name": v["name"],
                "year_from": v["year_from"],
                "year_to": v.get("year_to"),
                "source": v.get("source", ""),
                "max_total": _dec(v.get("max_total")),
                "aggregation": v.get("aggregation", "sum"),
                "grouping": _plain(v.get("grouping") or {}),
                "notes": v.get("notes", ""),
            }
            version = FrameworkVersion.objects.filter(code=v["code"]).first()
            if version is None:
                version = FrameworkVersion.objects.create(code=v["code"], **values)
                audit.record(
                    "indices.version.create",
                    version,
                    actor=actor,
                    after={"code": v["code"], "name": v["name"]},
                )
                counts["versions"] += 1
            elif reset:
                counts["updated"] += _update(actor, version, values, "indices.version.update")
            existing = {n.code: n for n in version.nodes.all()}
            _load_nodes(actor, version, v.get("nodes", []), None, 1, existing, counts, reset)
    return counts


def _plain(obj):
    """JSON-safe copy (Decimals from the data files become numbers)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if isinstance(obj, Decimal):
        return int(obj) if obj == obj.to_integral_value() else float(obj)
    return obj


def _update(actor, obj, values: dict, action: str) -> int:
    before = audit.snapshot(obj, list(values))
    for k, v in values.items():
        setattr(obj, k, v)
    after = audit.snapshot(obj, list(values))
    if before == after:
        return 0
    obj.save()
    audit.record(action, obj, actor=actor, before=before, after=after)
    return 1


def _load_nodes(actor, version, specs, parent, level, existing, counts, reset) -> None:
    for i, s in enumerate(specs):
        values = {
            "parent": parent,
            "name": s["name"],
            "name_en": s.get("name_en", ""),
            "short_name": s.get("short_name", ""),
            "level": level,
            "max_points": _dec(s.get("max")),
            "min_points": _dec(s.get("min")),
            "sort_order": i,
            "note": s.get("note", ""),
        }
        node = existing.get(s["code"])
        if node is None:
            node = Node.objects.create(version=version, code=s["code"], **values)
            existing[node.code] = node
            counts["nodes"] += 1
        elif reset:
            counts["updated"] += _update(actor, node, values, "indices.node.update")
        _load_nodes(actor, version, s.get("children", []), node, level + 1, existing, counts, reset)


NODE_FIELDS = ["name", "name_en", "short_name", "max_points", "min_points", "note"]
VERSION_FIELDS = ["name", "year_from", "year_to", "source", "max_total", "aggregation", "notes"]


@transaction.atomic
def save_node(actor, node: Node, **values) -> bool:
    _require_manager(actor)
    if values.get("max_points") is not None and values["max_points"] < 0:
        raise ValidationError("Điểm tối đa không được âm")
    mx = values.get("max_points", node.max_points)
    if mx is not None and node.pk and node.results.filter(score__gt=mx).exists():
        raise ValidationError(f"Đã có kết quả công bố lớn hơn {mx} ở {node.code}: không thể hạ điểm tối đa")
    unknown = set(values) - set(NODE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được trường {', '.join(sorted(unknown))}")
    return bool(_update(actor, node, values, "indices.node.update"))


@transaction.atomic
def save_version(actor, version: FrameworkVersion, **values) -> bool:
    _require_manager(actor)
    unknown = set(values) - set(VERSION_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được trường {', '.join(sorted(unknown))}")
    y_from = values.get("year_from", version.year_from)
    y_to = values.get("year_to", version.year_to)
    if y_to is not None and y_to < y_from:
        raise ValidationError("Năm kết thúc phải từ năm bắt đầu trở đi")
    for other in version.index.versions.exclude(pk=version.pk):
        if y_from <= (other.year_to or 9999) and other.year_from <= (y_to or 9999):
            raise ValidationError(f"Khoảng năm trùng với phiên bản “{other.name}” ({other.years_label})")
    return bool(_update(actor, version, values, "indices.version.update"))


# ---------------------------------------------------------------- results import


@dataclass
class ImportOutcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    years: list[int] = field(default_factory=list)
    batch: ResultImport | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class _Resolver:
    """Province names → units valid in the index year, through aliases and the 63 → 34 crosswalk."""

    def __init__(self):
        from chiso.orgs.queries import province_index

        self.by_key = province_index()
        self.by_code = {u.code: u for u in Unit.objects.filter(kind=UnitKind.PROVINCE)}
        self._memo: dict[tuple[str, int], tuple[Unit | None, str]] = {}

    def find(self, text: str, year: int) -> tuple[Unit | None, str]:
        key = (text, year)
        if key not in self._memo:
            self._memo[key] = self._find(text, year)
        return self._memo[key]

    def _find(self, text: str, year: int) -> tuple[Unit | None, str]:
        day = dt.date(year, 12, 31)
        cands = self.by_key.get(province_key(text), [])
        if not cands and text.strip() in self.by_code:
            cands = [self.by_code[text.strip()]]
        if not cands:
            return None, f"Không tìm thấy tỉnh, thành phố “{text}”"
        valid = [u for u in cands if u.is_valid_on(day)]
        if valid:
            return valid[0], ""
        # Existed, but not in that year (e.g. a former province after 1/7/2025).
        u = cands[0]
        if u.valid_to and u.valid_to < day:
            return (
                None,
                f"“{text}” không còn là đơn vị hành chính cấp tỉnh vào năm {year} (hết hiệu lực {u.valid_to:%d/%m/%Y})",
            )
        return None, f"“{text}” chưa là đơn vị hành chính cấp tỉnh vào năm {year}"


def _file_meta(source, filename):
    if hasattr(source, "read"):
        pos = source.tell() if hasattr(source, "tell") else 0
        data = source.read()
        source.seek(pos)
        name = filename or getattr(source, "name", "") or "tệp"
    else:
        with open(source, "rb") as f:
            data = f.read()
        name = filename or str(source).rsplit("/", 1)[-1]
    return name, hashlib.sha256(data).hexdigest()


def _records_long(index, source, name, errors, resolver):
    """(row, column, year, province, node_or_None, score) from the long format."""
    versions = {}
    for row_no, row in iter_rows(source, name):
        keys = {fold(k).replace(" ", "_"): k for k in row}
        missing = [c for c in ("year", "province", "score") if c not in keys]
        if missing:
            for c in missing:
                errors.add(1, c, "Thiếu cột bắt buộc (cần: index, year, province, node_code, score)")
            return
        idx_text = row.get(keys.get("index", ""), "").strip()
        if idx_text and fold(idx_text) not in {fold(index.code), fold(index.short_name)}:
            errors.add(row_no, "index", f"Chỉ số “{idx_text}” khác chỉ số đang nhập ({index.short_name})")
            continue
        yield from _record(
            index,
            row_no,
            row[keys["year"]],
            row[keys["province"]],
            row.get(keys.get("node_code", ""), ""),
            row[keys["score"]],
            "score",
            errors,
            resolver,
            versions,
        )


def _records_papi_wide(index, source, name, errors, resolver):
    versions = {}
    header_checked = False
    for row_no, row in iter_rows(source, name):
        if not header_checked:
            header_checked = True
            cols = set(row)
            prov_col = (
                "province_vi" if "province_vi" in cols else ("province" if "province" in cols else None)
            )
            if prov_col is None or "year" not in cols:
                errors.add(
                    1,
                    "province_vi" if prov_col is None else "year",
                    "Thiếu cột bắt buộc của tệp PAPI dạng rộng",
                )
                return
            dims = [c for c in row if c.upper().startswith("D") and c[1:].isdigit()]
            total_col = "total_papi" if "total_papi" in cols else None
        try:
            year = int(row["year"])
        except ValueError:
            errors.add(row_no, "year", f"Năm “{row['year']}” không hợp lệ")
            continue
        if resolver.find(row[prov_col], year)[0] is None:
            errors.add(row_no, prov_col, resolver.find(row[prov_col], year)[1])
            continue
        for col in dims + ([total_col] if total_col else []):
            text = row.get(col, "").strip()
            if not text:
                continue
            yield from _record(
                index,
                row_no,
                row["year"],
                row[prov_col],
                "" if col == total_col else col,
                text,
                col,
                errors,
                resolver,
                versions,
            )


def _record(
    index, row_no, year_text, prov_text, node_text, score_text, score_col, errors, resolver, versions
):
    try:
        year = int(str(year_text).strip())
        if not 1990 <= year <= 2100:
            raise ValueError
    except ValueError:
        errors.add(row_no, "year", f"Năm “{year_text}” không hợp lệ")
        return
    if year not in versions:
        versions[year] = version_for(index, year)
    version = versions[year]
    if version is None:
        errors.add(row_no, "year", f"{index.short_name} chưa có khung chỉ số cho năm {year}")
        return
    province, message = resolver.find(prov_text, year)
    if province is None:
        errors.add(row_no, "province", message)
        return
    code = (node_text or "").strip()
    node = None
    if code and fold(code) not in TOTAL_CODES:
        node = _nodes(version).get(code.upper())
        if node is None:
            errors.add(row_no, "node_code", f"Không có thành phần “{code}” trong khung “{version.name}”")
            return
    try:
        score = parse_decimal(score_text).quantize(SIX, rounding=ROUND_HALF_EVEN)
    except ValueError as exc:
        errors.add(row_no, score_col, str(exc))
        return
    top = node.max_points if node is not None else version.max_total
    label = node.code if node is not None else "tổng điểm"
    if score < 0:
        errors.add(row_no, score_col, f"Điểm {score_text} âm")
        return
    if top is not None and score > top:
        top_text = format(top.normalize(), "f").replace(".", ",")
        errors.add(row_no, score_col, f"Điểm {score_text} vượt điểm tối đa {top_text} của {label}")
        return
    yield row_no, score_col, year, province, version, node, score


_node_cache: dict[int, dict[str, Node]] = {}


def _nodes(version) -> dict[str, Node]:
    if version.pk not in _node_cache:
        _node_cache[version.pk] = {n.code.upper(): n for n in version.nodes.all()}
    return _node_cache[version.pk]


FORMATS = {"long": _records_long, "papi-wide": _records_papi_wide}


def import_results(
    actor, index: Index, source, filename: str | None = None, fmt: str = "long"
) -> ImportOutcome:
    """All or nothing: every row error is collected; nothing is saved if there is one.
    Re-importing the same data changes nothing (and leaves no batch or audit entry)."""
    _require_manager(actor)
    if fmt not in FORMATS:
        raise ValidationError(f"Định dạng “{fmt}” không hỗ trợ (dùng: {', '.join(FORMATS)})")
    _node_cache.clear()
    name, sha = _file_meta(source, filename)
    errors = ErrorCollector(name)
    resolver = _Resolver()
    seen: dict[tuple, int] = {}
    records = []
    try:
        for rec in FORMATS[fmt](index, source, name, errors, resolver):
            row_no, col, year, province, version, node, score = rec
            key = (year, province.pk, node.pk if node else None)
            if key in seen:
                what = node.code if node else "tổng điểm"
                errors.add(row_no, col, f"Trùng dòng {seen[key]}: {province.name}, năm {year}, {what}")
                continue
            seen[key] = row_no
            records.append(rec)
    except ImportFailed as exc:
        for e in exc.errors:
            errors.errors.append(e)
    if not records and not errors:
        errors.errors.append(RowError(name, None, None, "Tệp không có dòng kết quả nào"))
    errors.raise_if_any()
    return _save(actor, index, records, name, sha, fmt)


@transaction.atomic
def _save(actor, index, records, name, sha, fmt) -> ImportOutcome:
    years = sorted({r[2] for r in records})
    existing = {
        (y, p, n): (pk, score, vid)
        for pk, y, p, n, score, vid in Result.objects.filter(index=index, year__in=years).values_list(
            "pk", "year", "province_id", "node_id", "score", "version_id"
        )
    }
    out = ImportOutcome(rows=len(records), years=years)
    new, changed = [], []
    for _row, _col, year, province, version, node, score in records:
        cur = existing.get((year, province.pk, node.pk if node else None))
        if cur is None:
            new.append(
                Result(index=index, version=version, year=year, province=province, node=node, score=score)
            )
        elif cur[1] != score or cur[2] != version.pk:
            changed.append(Result(pk=cur[0], score=score, version=version))
        else:
            out.unchanged += 1
    out.created, out.updated = len(new), len(changed)
    if not out.changed:
        return out
    batch = ResultImport.objects.create(
        index=index,
        file_name=name[:300],
        file_format=fmt,
        sha256=sha,
        rows=out.rows,
        created=out.created,
        updated=out.updated,
        unchanged=out.unchanged,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for r in new:
        r.batch = batch
    Result.objects.bulk_create(new, batch_size=500)
    now = timezone.now()
    for r in changed:
        r.batch, r.updated_at = batch, now
    Result.objects.bulk_update(changed, ["score", "version", "batch", "updated_at"], batch_size=500)
    audit.record(
        "indices.results.import",
        batch,
        actor=actor,
        after={
            "index": index.code,
            "file": name,
            "format": fmt,
            "years": years,
            "created": out.created,
            "updated": out.updated,
            "unchanged": out.unchanged,
        },
        repr_text=f"{index.short_name}: {name}",
    )
    out.batch = batch
    return out


# ---------------------------------------------------------------- responsibilities


def _require_province_manager(actor, province: Unit) -> None:
    if actor is not None and not has_perm(actor, MANAGE, province):
        raise PermissionDenied("Chỉ cơ quan thường trực CCHC của tỉnh được phân công cơ quan phụ trách")


@transaction.atomic
def set_responsibility(
    actor, province: Unit, index: Index, node_code: str, agency: Unit, lead: bool = True, note: str = ""
) -> tuple[Responsibility, bool]:
    _require_province_manager(actor, province)
    if agency.pk != province.pk and not agency.path.startswith(province.path):
        raise ValidationError(f"{agency.name} không thuộc {province.name}")
    node_code = (node_code or "").strip().upper()
    if node_code and not Node.objects.filter(version__index=index, code__iexact=node_code).exists():
        raise ValidationError(f"{index.short_name} không có thành phần “{node_code}”")
    obj = Responsibility.objects.filter(
        province=province, index=index, node_code=node_code, agency=agency
    ).first()
    if obj is None:
        obj = Responsibility.objects.create(
            province=province, index=index, node_code=node_code, agency=agency, lead=lead, note=note[:300]
        )
        audit.record(
            "indices.responsibility.create",
            obj,
            actor=actor,
            unit=province,
            after={"index": index.code, "node": node_code, "agency": agency.code, "lead": lead, "note": note},
            repr_text=f"{index.short_name} {node_code} → {agency.name}",
        )
        return obj, True
    changed = _update(actor, obj, {"lead": lead, "note": note[:300]}, "indices.responsibility.update")
    return obj, bool(changed)


@transaction.atomic
def delete_responsibility(actor, obj: Responsibility) -> None:
    _require_province_manager(actor, obj.province)
    audit.record(
        "indices.responsibility.delete",
        obj,
        actor=actor,
        unit=obj.province,
        before={"index": obj.index.code, "node": obj.node_code, "agency": obj.agency.code},
        repr_text=f"{obj.index.short_name} {obj.node_code} → {obj.agency.name}",
    )
    obj.delete()


@transaction.atomic
def load_default_responsibilities(actor, province: Unit) -> int:
    """Apply the shipped mapping to a province whose departments follow the `<province>.<SUFFIX>` codes."""
    _require_province_manager(actor, province)
    made = 0
    indices = {i.code: i for i in Index.objects.all()}
    for row in frameworks.default_responsibilities():
        index = indices.get(row["index"])
        agency = Unit.objects.filter(code=f"{province.code}.{row['agency']}").first()
        if index is None or agency is None or not agency.is_current:
            continue
        _, created = set_responsibility(
            actor, province, index, row["node_code"], agency, row["lead"] == "1", row["note"]
        )
        made += created
    return made


@transaction.atomic
def add_node(
    actor,
    version: FrameworkVersion,
    code: str,
    name: str,
    parent: Node | None = None,
    max_points=None,
    name_en: str = "",
) -> Node:
    """A new criterion or sub-criterion (e.g. the criteria of a newly published methodology)."""
    _require_manager(actor)
    code = (code or "").strip().upper()
    if not code or not (name or "").strip():
        raise ValidationError("Cần mã và tên thành phần")
    if fold(code) in TOTAL_CODES:
        raise ValidationError(f"Mã “{code}” dành cho tổng điểm")
    if version.nodes.filter(code__iexact=code).exists():
        raise ValidationError(f"Mã “{code}” đã có trong khung “{version.name}”")
    if parent is not None and parent.version_id != version.pk:
        raise ValidationError("Thành phần cha không thuộc phiên bản này")
    if max_points is not None and max_points < 0:
        raise ValidationError("Điểm tối đa không được âm")
    siblings = version.nodes.filter(parent=parent).count()
    node = Node.objects.create(
        version=version,
        parent=parent,
        code=code,
        name=name.strip(),
        name_en=name_en,
        max_points=max_points,
        level=(parent.level + 1) if parent else 1,
        sort_order=siblings,
    )
    audit.record(
        "indices.node.create",
        node,
        actor=actor,
        after={
            "version": version.code,
            "code": code,
            "name": node.name,
            "parent": parent.code if parent else None,
            "max_points": max_points,
        },
    )
    return node


@transaction.atomic
def delete_node(actor, node: Node) -> None:
    _require_manager(actor)
    if Result.objects.filter(node__in=[node, *node.children.all()]).exists():
        raise ValidationError(f"{node.code} đã có kết quả công bố: không xóa được")
    if node.children.exists():
        raise ValidationError(f"{node.code} còn thành phần con: hãy xóa các thành phần con trước")
    audit.record(
        "indices.node.delete",
        node,
        actor=actor,
        before={"version": node.version.code, "code": node.code, "name": node.name},
    )
    node.delete()
