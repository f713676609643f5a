"""From the parser's reading to a reviewable proposal: items with spans, decisions and org units.

The parser (`chiso.lib.directive_parser`) is plain Python; this module adds what needs the
database: agency names resolved to org units of the directive's province."""

import datetime as dt
import re

from chiso.lib.vntext import fold
from chiso.orgs import queries as org_queries
from chiso.orgs.models import COMMUNE_KINDS, Unit, UnitKind
from chiso.plans import schedule

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
DECISIONS = {PENDING: "Chờ duyệt", ACCEPTED: "Chấp nhận", REJECTED: "Loại bỏ"}

KIND_WORDS = {
    "chi thi": "chi_thi",
    "ke hoach": "ke_hoach",
    "cong van": "cong_van",
    "quyet dinh": "quyet_dinh",
    "thong bao": "thong_bao",
    "cam ket": "cam_ket",
    "nghi quyet": "nghi_quyet",
    "ket luan": "ket_luan",
    "bao cao": "bao_cao",
    "chuong trinh": "chuong_trinh",
    "quy che": "quy_che",
    "quy dinh": "quy_dinh",
    "huong dan": "huong_dan",
}

OPERATORS = {">=", ">", "=", "<=", "<"}
_OP_WORDS = {"≥": ">=", "≤": "<=", "ge": ">=", "gt": ">", "eq": "=", "le": "<=", "lt": "<"}


def get_parser():
    """The directive parser module (import deferred so the app works while it is absent)."""
    from chiso.lib import directive_parser

    return directive_parser


# Abbreviations in folded form → their expansion.
ABBREVIATIONS = [
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bvp\b", "van phong"),
    (r"\btt\s*&\s*tt\b|\btt-tt\b|\btttt\b", "thong tin va truyen thong"),
    (r"\bkh\s*&\s*dt\b|\bkh-dt\b|\bkhdt\b", "ke hoach va dau tu"),
    (r"\bgd\s*&\s*dt\b|\bgddt\b", "giao duc va dao tao"),
    (r"\bkh\s*&\s*cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bvh\s*,?\s*tt\s*&\s*dl\b|\bvhttdl\b", "van hoa the thao va du lich"),
    (r"\bld\s*-?\s*tb\s*&\s*xh\b|\bldtbxh\b", "lao dong thuong binh va xa hoi"),
    (r"\btn\s*&\s*mt\b|\btnmt\b", "tai nguyen va moi truong"),
    (r"\bnn\s*&\s*ptnt\b|\bnnptnt\b", "nong nghiep va phat trien nong thon"),
    (r"\bsnv\b", "so noi vu"),
    (r"\bcchc\b", "cai cach hanh chinh"),
    (r"\btp\b", "thanh pho"),
]


def expand(text: str) -> str:
    """Folded text with abbreviations spelt out and punctuation reduced to spaces."""
    f = fold(text or "")
    for pat, rep in ABBREVIATIONS:
        f = re.sub(pat, rep, f)
    f = re.sub(r"[^a-z0-9 ]+", " ", f)
    return re.sub(r"\s+", " ", f).strip()


def _normalise(name: str) -> str:
    try:
        parser = get_parser()
        out = parser.normalise_agency(name)
        if isinstance(out, str) and out.strip():
            return out
    except Exception:  # noqa: BLE001 - the parser is optional; fall back to the raw name
        pass
    return name


GROUPS = [
    # (pattern on the expanded name, kinds)
    (r"\bcac so\b|\bso ban nganh\b|\bco quan chuyen mon\b|\bcac co quan don vi\b", (UnitKind.DEPARTMENT,)),
    (
        r"\bcap xa\b|\bxa phuong\b|\bphuong xa\b|\bxa phuong thi tran\b|\bcac don vi hanh chinh cap xa\b",
        tuple(COMMUNE_KINDS),
    ),
    (r"\bcac phuong\b", (UnitKind.WARD,)),
    (r"\bcac xa\b", (UnitKind.COMMUNE,)),
    (r"\bcac thi tran\b", (UnitKind.TOWN,)),
    (r"\b(?:cac|cap) huyen\b|\bcac quan huyen\b|\bhuyen thi xa thanh pho\b", (UnitKind.DISTRICT,)),
]


class Resolver:
    """Resolve agency names to units of one province, valid on a day (or their successors)."""

    def __init__(self, scope: Unit, on: dt.date | None = None):
        self.scope = scope
        self.on = on or dt.date.today()
        self.units = list(Unit.objects.under(scope).exclude(kind=UnitKind.DESK))
        self.keys = []
        for u in self.units:
            names = [u.name, *u.alias_list()]
            self.keys.append((u, {expand(n) for n in names if n}))

    def _current(self, unit: Unit) -> list[Unit]:
        if unit.is_valid_on(self.on):
            return [unit]
        succ = [s for s in org_queries.became(unit) if s.is_valid_on(self.on)]
        return succ or [unit]

    def resolve(self, name: str) -> tuple[list[Unit], str]:
        """(units, how): a single unit, a group fanned out to its members, or []."""
        if not (name or "").strip():
            return [], "none"
        key = expand(_normalise(name))
        raw = expand(name)
        if re.fullmatch(r"(?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)", raw):
            return [self.scope], "scope"
        kinds: set[str] = set()
        for pat, group_kinds in GROUPS:
            if re.search(pat, raw) or re.search(pat, key):
                kinds |= set(group_kinds)
        if kinds:
            members = [u for u in self.units if u.kind in kinds and u.is_valid_on(self.on)]
            if members:
                return sorted(members, key=lambda u: (u.kind != UnitKind.DEPARTMENT, u.name)), "group"
        variants = [key, raw]
        if self.scope.kind == UnitKind.PROVINCE:
            # a city-province calls itself "thành phố"; "Văn phòng HĐND và UBND" is the office of the UBND
            variants += [re.sub(r"\bthanh pho\b", "tinh", v) for v in variants]
        variants += [re.sub(r"\bhoi dong nhan dan va ", "", v) for v in variants]
        variants = list(dict.fromkeys(variants))
        if any(re.fullmatch(r"uy ban nhan dan tinh", v) for v in variants):
            return [self.scope], "scope"
        for k in variants:
            exact = [u for u, names in self.keys if k in names]
            if exact:
                return self._pick(exact), "exact"
        for k in variants:
            if len(k) < 6:
                continue
            inside = [
                (len(n), u)
                for u, names in self.keys
                for n in names
                if len(n) >= 6 and re.search(rf"\b{re.escape(n)}\b", k)
            ]
            if inside:
                best = max(size for size, _ in inside)
                return self._pick([u for size, u in inside if size == best]), "contains"
            around = [u for u, names in self.keys if any(re.search(rf"\b{re.escape(k)}\b", n) for n in names)]
            if len(around) == 1 or (around and len({u.pk for u in self._pick(around)}) == 1):
                return self._pick(around)[:1], "partial"
        return [], "none"

    def _pick(self, found: list[Unit]) -> list[Unit]:
        current = [u for u in found if u.is_valid_on(self.on)]
        if current:
            return current[:1]
        out: list[Unit] = []
        for u in found:
            for s in self._current(u):
                if s not in out:
                    out.append(s)
        return out[:1]

    def codes(self, name: str) -> list[str]:
        return [u.code for u in self.resolve(name)[0]]


def _date_or_none(value) -> str | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _deadline_of(task: dict) -> dict:
    """{"kind": date|month|recurrence|none, "date": iso|None, "month": "YYYY-MM"|"", "rule": {}|None, "text"}"""
    kind = (task.get("deadline_kind") or "").lower()
    raw = task.get("deadline")
    out = {"kind": "none", "date": None, "month": "", "rule": None, "text": ""}
    if isinstance(raw, dict):  # a recurrence object
        raw = raw.get("text") or ""
    if kind in ("recurrence", "recurring", "periodic") or (
        isinstance(raw, str) and raw and not re.match(r"\d{4}-\d{2}", raw)
    ):
        rules = schedule.rules_from_text(str(raw or task.get("quote") or ""))
        if rules:
            return {**out, "kind": "recurrence", "rule": rules[0], "text": str(raw or "")[:300]}
    iso = _date_or_none(raw)
    if iso and kind == "month":
        return {**out, "kind": "month", "date": iso, "month": iso[:7]}
    if iso:
        return {**out, "kind": "date", "date": iso}
    if raw is None and not kind:
        guess = schedule.deadline_from_text(task.get("quote") or "")
        if guess:
            if guess["kind"] == "recurrence":
                return {**out, "kind": "recurrence", "rule": guess["rule"]}
            return {
                **out,
                "kind": guess["kind"],
                "date": guess["date"].isoformat(),
                "month": guess.get("month", ""),
            }
    return out


def _kind_of(doc_kind: str) -> str:
    f = fold(doc_kind or "").strip()
    if f in KIND_WORDS:
        return KIND_WORDS[f]
    for word, code in KIND_WORDS.items():
        if word in f:
            return code
    return ""


def _operator(op) -> str:
    op = str(op or ">=").strip()
    op = _OP_WORDS.get(op, op)
    return op if op in OPERATORS else ">="


def _span(item: dict, text: str) -> tuple[int | None, int | None]:
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end
    quote = item.get("quote") or ""
    if quote:
        i = text.find(quote)
        if i >= 0:
            return i, i + len(quote)
    return None, None


FREQ_MAP = {
    "quarterly": "quarter",
    "quarter": "quarter",
    "half_yearly": "half",
    "half-yearly": "half",
    "semiannual": "half",
    "half": "half",
    "yearly": "year",
    "annual": "year",
    "year": "year",
    "monthly": "month",
    "month": "month",
}


def _rules_of(r: dict) -> list[dict]:
    """Recurrence rules of a parsed reporting statement: the parser's structured fields, else the wording."""
    freq = FREQ_MAP.get(str(r.get("frequency") or "").lower())
    if freq:
        rule = {"freq": freq, "day": None, "month": "last", "shift": "keep"}
        due = r.get("due") if isinstance(r.get("due"), dict) else {}
        if due.get("day"):
            rule["day"] = int(due["day"])
        if due.get("month"):
            rule["month"] = int(due["month"])
        elif due.get("month_in_period") in ("last", "first", "next"):
            rule["month"] = due["month_in_period"]
        if rule["day"] is None and r.get("due_rule"):
            got = schedule.rules_from_text(f"{freq_word(freq)} {r['due_rule']}")
            if got and got[0]["day"]:
                rule.update(day=got[0]["day"], month=got[0]["month"])
        return [rule]
    text = " ".join(str(r.get(k) or "") for k in ("frequency", "due_rule"))
    return schedule.rules_from_text(text) or schedule.rules_from_text(r.get("quote") or "")


def freq_word(freq: str) -> str:
    return {"quarter": "hằng quý", "half": "6 tháng", "year": "hằng năm", "month": "hằng tháng"}[freq]


# Wording of a target's metric → the KPI that measures it (checked in order; first match wins).
# Dossier KPIs count dossiers or results ("hồ sơ", "kết quả"), not procedures or documents.
_DOSSIER_WORDS = r"\bho so\b|\bket qua\b"
KPI_WORDS = [
    (r"xin loi", "apology_pct", _DOSSIER_WORDS),
    (r"so hoa", "digitised_pct", _DOSSIER_WORDS),
    (r"toan trinh", "full_online_pct", _DOSSIER_WORDS),
    (r"thanh toan truc tuyen", "online_payment_pct", _DOSSIER_WORDS),
    (r"ket qua dien tu", "e_result_pct", _DOSSIER_WORDS),
    (r"buu chinh", "postal_pct", _DOSSIER_WORDS),
    (r"hai long", "satisfaction_pct", None),
    (r"truoc han", "early_pct", _DOSSIER_WORDS),
    (r"tre han|qua han", "late_pct", _DOSSIER_WORDS),
    (r"dung (?:thoi )?han", "ontime_pct", _DOSSIER_WORDS),
    (r"truc tuyen", "online_pct", _DOSSIER_WORDS),
]


def suggest_kpi(metric: str, unit: str = "", quote: str = "") -> str:
    """A registered KPI code whose meaning the metric's wording names, or "" (the office confirms it).

    The metric phrase decides; the sentence only tells an apology target ("xin lỗi … 100% hồ sơ trễ
    hạn") from a late-rate one. Publishing something ("công khai mức độ hài lòng") is not a measure."""
    from chiso.dossiers import kpi_registry

    f = fold(metric or "")
    if re.search(r"\bcong khai\b", f):
        return ""
    if re.search(r"tre han|qua han", f) and re.search(r"xin loi", fold(quote or "")):
        f = "xin loi " + f
    for pat, code, needs in KPI_WORDS:
        if re.search(pat, f):
            if needs and not re.search(needs, f):
                return ""
            kpi = kpi_registry.get(code)
            if kpi is not None and (kpi.unit != "%" or (unit or "%").strip() == "%"):
                return code
            return ""
    return ""


def build_proposal(parsed: dict, text: str, resolver: Resolver) -> dict:
    """The review proposal: document metadata and one item per target, task and reporting rule."""
    doc = dict(parsed.get("document") or {})
    items: list[dict] = []

    for i, t in enumerate(parsed.get("targets") or [], 1):
        start, end = _span(t, text)
        try:
            value = float(str(t.get("value")).replace(",", "."))
        except (TypeError, ValueError):
            value = None
        items.append(
            {
                "id": f"g{i}",
                "type": "target",
                "decision": PENDING,
                "metric": str(t.get("metric") or "")[:500],
                "metric_code": suggest_kpi(
                    str(t.get("metric") or ""), str(t.get("unit") or ""), str(t.get("quote") or "")
                ),
                "operator": _operator(t.get("operator")),
                "value": value,
                "unit": str(t.get("unit") or "")[:40],
                "scope": str(t.get("scope") or "")[:120],
                "deadline": _date_or_none(t.get("deadline")),
                "quote": t.get("quote") or "",
                "start": start,
                "end": end,
            }
        )
    for i, t in enumerate(parsed.get("tasks") or [], 1):
        start, end = _span(t, text)
        lead = str(t.get("lead_unit") or "")
        units, how = resolver.resolve(lead)
        partners = t.get("partners") or []
        if isinstance(partners, str):
            partners = [p.strip() for p in re.split(r"[;,]", partners) if p.strip()]
        partner_codes: list[str] = []
        for p in partners:
            for code in resolver.codes(str(p)):
                if code not in partner_codes:
                    partner_codes.append(code)
        items.append(
            {
                "id": f"t{i}",
                "type": "task",
                "decision": PENDING,
                "summary": str(t.get("summary") or t.get("quote") or "")[:500],
                "lead_text": lead[:300],
                "assignees": [u.code for u in units],
                "resolved_how": how,
                "partners_text": "; ".join(str(p) for p in partners)[:300],
                "partners": partner_codes,
                "section": str(t.get("section") or "")[:200],
                "deadline": _deadline_of(t),
                "quote": t.get("quote") or "",
                "start": start,
                "end": end,
            }
        )
    for i, r in enumerate(parsed.get("reporting") or [], 1):
        start, end = _span(r, text)
        rules = _rules_of(r)
        items.append(
            {
                "id": f"r{i}",
                "type": "reporting",
                "decision": PENDING,
                "frequency": str(r.get("frequency") or ""),
                "due_rule": str(r.get("due_rule") or ""),
                "to": str(r.get("to") or "")[:300],
                "rules": rules,
                "quote": r.get("quote") or "",
                "start": start,
                "end": end,
            }
        )
    return {
        "document": {
            "kind": _kind_of(str(doc.get("kind") or "")),
            "number": str(doc.get("number") or "")[:80],
            "date": _date_or_none(doc.get("date")),
            "issuer": str(doc.get("issuer") or "")[:200],
        },
        "rankings": list(parsed.get("rankings") or []),
        "items": items,
    }


def highlighted(text: str, items: list[dict]) -> list[dict]:
    """The text cut into segments; each segment lists the items whose span covers it.

    Spans nest (a target inside a task sentence): `item` is the innermost covering item, `items` all of
    them, and `anchors` the items whose span starts at this segment."""
    spans = [
        (it["start"], it["end"], it)
        for it in items
        if isinstance(it.get("start"), int)
        and isinstance(it.get("end"), int)
        and 0 <= it["start"] < it["end"] <= len(text)
    ]
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[dict] = []
    started: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        covering = [(e - s_, it) for s_, e, it in spans if s_ <= a and b <= e]
        covering.sort(key=lambda x: x[0])
        cover_items = [it for _, it in covering]
        anchors = [it["id"] for it in cover_items if it["id"] not in started]
        started.update(anchors)
        out.append(
            {
                "text": text[a:b],
                "item": cover_items[0] if cover_items else None,
                "items": cover_items,
                "anchors": anchors,
            }
        )
    return out
