"""Rule engine of internal PAR assessments (SCORING.md): plain Python, exact Decimal arithmetic.

A criteria set is a tree of `Node`s. Leaves carry a `Rule` of one of the shapes below that turns
a unit's input (yes/no, a date, a rate, a count, a level, violations, an answer distribution)
into points; parents sum their children capped at their own maximum. Not-applicable leaves
(*không phát sinh*) either get their maximum or are dropped from score and maximum. Bonus and
penalty sections have their own caps. The index is points / applicable maximum × 100.

Rule parameters are written as short text, the way an office fills a spreadsheet cell:
  yesno         (none)
  deadline      han=15/01/2025; tre=50%          late share (of max) or points
  tiers         >=95:1.5; >=80:1; >=0:0.5         first matching tier wins; "<=" for lower-is-better;
                [có hồ sơ chưa xin lỗi=0]         named override conditions, entered instead of the rate
  proportional  dat=100; san=50                  full at the target rate, zero under the floor
  count         moi=0.5; toi_da=2                points per item, capped
  levels        xuất sắc=100%; tốt=75%; hoàn thành=50%; không hoàn thành=0
  deduction     moi=25%  or  nhẹ=50%; nghiêm trọng=100%   subtracted from max, never below 0
  survey        A=100%; B=60%; C=20%; D=0%         answer option → share; averaged over answers;
                [@người dân=60%; @công chức=40%]  optional respondent groups and their weights
  points        (none)                           points entered directly within [0, max]
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

SHAPES = {
    "yesno": "Có / không",
    "deadline": "Thời hạn",
    "tiers": "Theo mức tỷ lệ",
    "proportional": "Tỷ lệ thuận",
    "count": "Theo số lượng",
    "levels": "Theo mức đánh giá",
    "deduction": "Trừ điểm vi phạm",
    "survey": "Điều tra xã hội học",
    "points": "Nhập điểm trực tiếp",
}
SECTIONS = ("main", "bonus", "penalty")
NA_MAX, NA_DROP = "max", "drop"


class RuleError(ValueError):
    """A rule or an input is invalid; the message is Vietnamese and names the problem."""


class _NotApplicable:
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst

    def __repr__(self) -> str:
        return "NA"


NA = _NotApplicable()


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(c for c in t if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", t.lower()).strip()


def fold(text) -> str:
    """Accent- and case-insensitive key (đ → d), whitespace collapsed."""
    return _fold(str(text or ""))


NA_WORDS = {"na", "n/a", "kp", "kps", "khong phat sinh", "khong ap dung", "kpdt"}
YES_WORDS = {"co", "x", "1", "yes", "true", "dat", "da thuc hien", "thuc hien", "hoan thanh"}
NO_WORDS = {"khong", "0", "no", "false", "chua", "chua thuc hien", "khong thuc hien", "khong dat", ""}
ON_TIME_WORDS = {"dung han", "dung thoi han", "som", "truoc han", "co", "1", "x"}
LATE_WORDS = {"tre", "tre han", "cham", "qua han", "muon"}


def to_decimal(text) -> Decimal:
    """86,98 / 86.98 / 1.234,5 / '95%' → Decimal; raises RuleError."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    t = str(text or "").strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if "," in t and "." in t:
        t = t.replace(".", "").replace(",", ".") if t.rfind(",") > t.rfind(".") else t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".")
    try:
        v = Decimal(t)
    except InvalidOperation:
        raise RuleError(f"'{text}' không phải là số") from None
    if not v.is_finite():
        raise RuleError(f"'{text}' không phải là số")
    return v


def _date(text: str) -> dt.date:
    t = str(text).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(t[:10], fmt).date()
        except ValueError:
            continue
    raise RuleError(f"Ngày '{text}' không hợp lệ (dùng dd/mm/yyyy)")


def _within(points: Decimal, maximum: Decimal) -> Decimal:
    if points < 0 or points > maximum:
        raise RuleError(f"Điểm {_num(points)} nằm ngoài khoảng 0 – {_num(maximum)}")
    return points


@dataclass(frozen=True)
class Amount:
    """A share of the maximum ("50%") or a number of points ("0.5")."""

    value: Decimal
    share: bool

    @classmethod
    def parse(cls, text: str) -> Amount:
        t = str(text).strip()
        return cls(to_decimal(t), t.endswith("%"))

    def points(self, maximum: Decimal) -> Decimal:
        return maximum * self.value / HUNDRED if self.share else self.value

    def __str__(self) -> str:
        return f"{_num(self.value)}%" if self.share else _num(self.value)


def _num(d: Decimal) -> str:
    s = format(d.normalize(), "f") if d == d.to_integral() else format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _pairs(params: str) -> list[tuple[str, str]]:
    out = []
    for part in re.split(r"[;\n]", params or ""):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(.*?)\s*(=|:)\s*(.+)$", part) if not part.startswith((">", "<", "*")) else None
        if part.startswith((">", "<", "*")):
            m2 = re.match(r"^(>=|<=|>|<|\*)\s*([^:=]*?)\s*[:=]\s*(.+)$", part)
            if not m2:
                raise RuleError(f"Không hiểu mức '{part}' (ví dụ: >=95:1,5)")
            out.append((m2.group(1) + m2.group(2), m2.group(3).strip()))
            continue
        if not m:
            raise RuleError(f"Không hiểu tham số '{part}' (dạng tên=giá trị)")
        out.append((m.group(1).strip(), m.group(3).strip()))
    return out


@dataclass(frozen=True)
class Rule:
    shape: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    text: str = ""

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def parse(cls, shape: str, text: str = "", maximum: Decimal | None = None) -> Rule:
        shape = (shape or "").strip().lower()
        aliases = {fold(v): k for k, v in SHAPES.items()}
        shape = aliases.get(fold(shape), shape)
        if shape not in SHAPES:
            raise RuleError(f"Cách chấm '{shape}' không có (chọn một trong: {', '.join(SHAPES)})")
        pairs = _pairs(text)
        p: dict = {}
        keyed = {fold(k).replace(" ", "_"): v for k, v in pairs}
        try:
            if shape == "deadline":
                if "han" in keyed:
                    p["deadline"] = _date(keyed["han"])
                p["late"] = Amount.parse(keyed.get("tre", "50%"))
            elif shape == "tiers":
                tiers, overrides = [], {}
                for k, v in pairs:
                    op = re.match(r"^(>=|<=|>|<|\*)(.*)$", k)
                    if not op:
                        if re.match(r"^[\d.,]+$", k.strip()):
                            raise RuleError(f"Mức '{k}' phải bắt đầu bằng >=, >, <=, < hoặc *")
                        # an override condition: a named situation that wins over the rate
                        overrides[fold(k)] = (k, Amount.parse(v))
                        continue
                    bound = to_decimal(op.group(2)) if op.group(1) != "*" else None
                    tiers.append((op.group(1), bound, Amount.parse(v)))
                if not tiers:
                    raise RuleError("Cách chấm theo mức cần ít nhất một mức (ví dụ: >=95:1,5; >=80:1; *:0,5)")
                p["tiers"] = tiers
                p["levels"] = overrides
            elif shape == "proportional":
                p["target"] = to_decimal(keyed.get("dat", "100"))
                p["floor"] = to_decimal(keyed.get("san", "0"))
                if p["target"] <= 0 or p["floor"] < 0 or p["floor"] > p["target"]:
                    raise RuleError("Tỷ lệ thuận cần 0 ≤ sàn ≤ mức đạt và mức đạt > 0")
            elif shape == "count":
                if "moi" not in keyed:
                    raise RuleError("Cách chấm theo số lượng cần 'moi=' (điểm mỗi sản phẩm)")
                p["each"] = Amount.parse(keyed["moi"])
                if "toi_da" in keyed:
                    p["cap"] = to_decimal(keyed["toi_da"])
            elif shape in ("levels", "survey"):
                if not pairs:
                    raise RuleError("Cần liệt kê các mức (ví dụ: tốt=100%; khá=75%)")
                p["levels"] = {fold(k): (k, Amount.parse(v)) for k, v in pairs if not k.startswith("@")}
                if shape == "survey":
                    # respondent groups and their weights: "@người dân=60%; @công chức=40%"
                    p["groups"] = {
                        fold(k[1:]): (k[1:].strip(), to_decimal(v)) for k, v in pairs if k.startswith("@")
                    }
                    if p["groups"] and any(w < 0 for _, w in p["groups"].values()):
                        raise RuleError("Trọng số nhóm không được âm")
                elif any(k.startswith("@") for k, _ in pairs):
                    raise RuleError("Nhóm người trả lời (@…) chỉ dùng cho cách chấm survey")
            elif shape == "deduction":
                if "moi" in keyed:
                    p["each"] = Amount.parse(keyed["moi"])
                p["levels"] = {fold(k): (k, Amount.parse(v)) for k, v in pairs if fold(k) != "moi"}
                if "each" not in p and not p["levels"]:
                    raise RuleError("Cách trừ điểm cần 'moi=' hoặc các mức vi phạm (ví dụ: nhẹ=50%)")
        except RuleError:
            raise
        except (ValueError, InvalidOperation) as exc:
            raise RuleError(str(exc)) from None
        rule = cls(shape, p, (text or "").strip())
        if maximum is not None:
            problems = rule.check(maximum)
            if problems:
                raise RuleError("; ".join(problems))
        return rule

    def check(self, maximum: Decimal) -> list[str]:
        """Consistency of the rule with the node's maximum."""
        out = []
        amounts: list[tuple[str, Amount]] = []
        if self.shape == "deadline":
            amounts.append(("trễ hạn", self.params["late"]))
        elif self.shape == "tiers":
            amounts += [
                (f"mức {op}{_num(b) if b is not None else ''}", a) for op, b, a in self.params["tiers"]
            ]
        if self.shape in ("tiers", "levels", "survey", "deduction"):
            amounts += [(label, a) for label, a in self.params.get("levels", {}).values()]
        if self.shape == "count":
            cap = self.params.get("cap")
            if cap is not None and cap > maximum:
                out.append(f"tối đa {_num(cap)} vượt điểm tối đa {_num(maximum)}")
        for label, a in amounts:
            pts = a.points(maximum)
            if pts < 0 or pts > maximum:
                out.append(f"{label}: {a} nằm ngoài [0; {_num(maximum)}]")
        return out

    # -- scoring -----------------------------------------------------------------------------
    def points(self, value, maximum: Decimal):
        """Points for an input (text, Decimal, or {option: count} for survey); NA when not applicable."""
        maximum = Decimal(maximum)
        if isinstance(value, str) and fold(value) in NA_WORDS:
            return NA
        if value is NA:
            return NA
        pts = self._raw(value, maximum)
        return min(max(pts, ZERO), maximum)

    def _raw(self, value, m: Decimal) -> Decimal:
        s = self.shape
        if s == "survey":
            return self._survey(value, m)
        text = str(value).strip() if value is not None else ""
        f = fold(text)
        if s == "yesno":
            if f in YES_WORDS:
                return m
            if f in NO_WORDS:
                return ZERO
            raise RuleError(f"'{text}' không hợp lệ (nhập có/không)")
        if s == "deadline":
            if f in NO_WORDS - {"1"}:
                return ZERO
            if f in ON_TIME_WORDS:
                return m
            if f in LATE_WORDS:
                return self.params["late"].points(m)
            deadline = self.params.get("deadline")
            if deadline is None:
                raise RuleError(f"'{text}' không hợp lệ (nhập đúng hạn / trễ hạn / không)")
            return m if _date(text) <= deadline else self.params["late"].points(m)
        if s == "points":
            return _within(to_decimal(text) if text else ZERO, m)
        if s in ("tiers", "proportional", "count"):
            if not text:
                return ZERO
            if s == "tiers" and f in self.params["levels"]:
                return self.params["levels"][f][1].points(m)
            x = to_decimal(text)
            if s == "count" or s == "tiers":
                if s == "count":
                    if x < 0 or x != x.to_integral():
                        raise RuleError(f"Số lượng '{text}' phải là số nguyên không âm")
                    pts = x * self.params["each"].points(m)
                    cap = self.params.get("cap")
                    return min(pts, cap) if cap is not None else pts
                for op, bound, amount in self.params["tiers"]:
                    if (
                        op == "*"
                        or (op == ">=" and x >= bound)
                        or (op == ">" and x > bound)
                        or (op == "<=" and x <= bound)
                        or (op == "<" and x < bound)
                    ):
                        return amount.points(m)
                return ZERO
            if x < 0 or x > HUNDRED:
                raise RuleError(f"Tỷ lệ '{text}' phải trong khoảng 0–100 %")
            if x < self.params["floor"]:
                return ZERO
            return m * min(x / self.params["target"], Decimal(1))
        if s == "levels":
            hit = self.params["levels"].get(f)
            if hit is None:
                names = ", ".join(lbl for lbl, _ in self.params["levels"].values())
                raise RuleError(f"Mức '{text}' không có (chọn: {names})")
            return hit[1].points(m)
        if s == "deduction":
            if not text:
                return m
            hit = self.params["levels"].get(f)
            if hit is not None:
                return m - hit[1].points(m)
            total = ZERO
            # "2" (violations), or "nhẹ:2, nghiêm trọng:1"
            for part in re.split(r"[,;]", text):
                part = part.strip()
                if not part:
                    continue
                if ":" in part:
                    name, n = part.rsplit(":", 1)
                    hit = self.params["levels"].get(fold(name))
                    if hit is None:
                        raise RuleError(f"Mức vi phạm '{name.strip()}' không có")
                    total += to_decimal(n) * hit[1].points(m)
                elif "each" in self.params:
                    n = to_decimal(part)
                    if n < 0:
                        raise RuleError("Số vi phạm không được âm")
                    total += n * self.params["each"].points(m)
                else:
                    names = ", ".join(lbl for lbl, _ in self.params["levels"].values())
                    raise RuleError(f"Mức vi phạm '{part}' không có (chọn: {names})")
            return m - total
        raise RuleError(f"Cách chấm '{s}' không có")

    def _survey(self, value, m: Decimal) -> Decimal:
        """value: {option: count}, {(group, option): count} or a number of points.

        Points = max × mean share over answers; with respondent groups, the mean share of each
        group weighted by the group weights of the rule (renormalised over the groups present)."""
        if not isinstance(value, Mapping):
            return _within(to_decimal(value), m) if str(value or "").strip() else ZERO
        by_group: dict[str, list[Decimal]] = {}
        for key, count in value.items():
            group, option = key if isinstance(key, tuple) else ("", key)
            hit = self.params["levels"].get(fold(option))
            if hit is None:
                names = ", ".join(lbl for lbl, _ in self.params["levels"].values())
                raise RuleError(f"Phương án '{option}' không có (chọn: {names})")
            c = to_decimal(count)
            if c < 0:
                raise RuleError("Số phiếu không được âm")
            g = fold(group)
            groups = self.params.get("groups") or {}
            if g and groups and g not in groups:
                names = ", ".join(lbl for lbl, _ in groups.values())
                raise RuleError(f"Nhóm '{group}' không có (chọn: {names})")
            acc = by_group.setdefault(g if groups else "", [ZERO, ZERO])
            acc[0] += c * hit[1].points(m)
            acc[1] += c
        groups = self.params.get("groups") or {}
        present = {g: acc for g, acc in by_group.items() if acc[1]}
        if not present:
            return ZERO
        if not groups or set(present) == {""}:
            num = sum((acc[0] for acc in present.values()), ZERO)
            den = sum((acc[1] for acc in present.values()), ZERO)
            return num / den
        weights = {g: groups[g][1] if g in groups else ZERO for g in present}
        total = sum(weights.values(), ZERO)
        if not total:
            return ZERO
        return sum((weights[g] * acc[0] / acc[1] for g, acc in present.items()), ZERO) / total


# --------------------------------------------------------------------------------------------
# The tree and its roll-up


@dataclass
class Node:
    code: str
    title: str
    max: Decimal
    parent: str | None = None
    section: str = "main"
    source: str = "self"  # self | survey
    rule: Rule | None = None
    na_policy: str = ""  # "" = the set's policy
    evidence_required: bool = False
    guidance: str = ""
    children: list[Node] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass
class NodeResult:
    points: Decimal
    max: Decimal  # applicable maximum (0 when dropped)
    dropped: bool = False

    @property
    def pct(self) -> Decimal | None:
        return pct(self.points, self.max)


@dataclass
class UnitResult:
    points: Decimal  # main + bonus − penalty, exact
    max: Decimal  # applicable maximum of the main section
    index: Decimal  # 0–100, two decimals
    bonus: Decimal
    penalty: Decimal
    nodes: dict[str, NodeResult]
    grade: str = ""
    rank: int | None = None


def q2(d: Decimal) -> Decimal:
    return Decimal(d).quantize(CENT, rounding=ROUND_HALF_UP)


def pct(points: Decimal, maximum: Decimal) -> Decimal | None:
    if not maximum:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        return q2(points * HUNDRED / maximum)


def build_tree(nodes: Iterable[Node]) -> list[Node]:
    """Link nodes by `parent`; returns the roots in input order (children in input order)."""
    by_code = {}
    for n in nodes:
        n.children = []
        by_code[n.code] = n
    roots = []
    for n in by_code.values():
        if n.parent:
            by_code[n.parent].children.append(n)
        else:
            roots.append(n)
    return roots


def compute(roots: list[Node], leaf_points: Mapping[str, object], na_policy: str = NA_DROP) -> UnitResult:
    """Roll leaf points up the tree. leaf_points: code → Decimal points, NA, or missing (= 0).

    Points are clamped to [0, max] at every node; a parent is capped at its own maximum.
    Dropped (not-applicable, policy "drop") nodes leave both the score and the maximum."""
    results: dict[str, NodeResult] = {}

    def walk(n: Node) -> NodeResult:
        if n.is_leaf:
            v = leaf_points.get(n.code)
            if v is NA:
                policy = n.na_policy or na_policy
                r = NodeResult(n.max, n.max) if policy == NA_MAX else NodeResult(ZERO, ZERO, True)
            else:
                v = ZERO if v is None else Decimal(v)
                r = NodeResult(min(max(v, ZERO), n.max), n.max)
        else:
            subs = [walk(c) for c in n.children]
            if all(s.dropped for s in subs):
                r = NodeResult(ZERO, ZERO, True)
            else:
                lost = sum((c.max - s.max for c, s in zip(n.children, subs, strict=True)), ZERO)
                app = max(n.max - lost, ZERO) if lost else n.max
                app = min(app, n.max)
                pts = sum((s.points for s in subs), ZERO)
                r = NodeResult(min(max(pts, ZERO), app), app)
        results[n.code] = r
        return r

    main_pts, main_max, bonus, penalty = ZERO, ZERO, ZERO, ZERO
    for root in roots:
        r = walk(root)
        if root.section == "bonus":
            bonus += r.points
        elif root.section == "penalty":
            penalty += r.points
        else:
            main_pts += r.points
            main_max += r.max
    total = main_pts + bonus - penalty
    if main_max:
        with localcontext() as ctx:
            ctx.prec = 40
            index = q2(min(max(total * HUNDRED / main_max, ZERO), HUNDRED))
    else:
        index = ZERO.quantize(CENT)
    return UnitResult(total, main_max, index, bonus, penalty, results)


def grade(index: Decimal, bands: Iterable[tuple[str, Decimal]]) -> str:
    """bands: (label, lower bound %); the highest bound not above the index wins."""
    for label, low in sorted(bands, key=lambda b: Decimal(b[1]), reverse=True):
        if index >= Decimal(low):
            return label
    return ""


def rank(values: Mapping[str, Decimal]) -> dict[str, int]:
    """Competition ranking (1, 1, 3) by value, highest first; ties share a rank."""
    ordered = sorted(values.values(), reverse=True)
    first = {}
    for i, v in enumerate(ordered, 1):
        first.setdefault(v, i)
    return {k: first[v] for k, v in values.items()}


DEFAULT_BANDS = [
    ("Xuất sắc", Decimal(90)),
    ("Tốt", Decimal(80)),
    ("Khá", Decimal(70)),
    ("Trung bình", Decimal(50)),
    ("Yếu", Decimal(0)),
]


def validate(nodes: list[Node], bands=None) -> list[tuple[str, str]]:
    """(code, message) for every inconsistency: children's maxima, rules against maxima, sections."""
    out: list[tuple[str, str]] = []
    codes = set()
    for n in nodes:
        if n.code in codes:
            out.append((n.code, "Mã bị trùng"))
        codes.add(n.code)
        if n.max < 0:
            out.append((n.code, "Điểm tối đa không được âm"))
        if n.parent and n.parent not in {m.code for m in nodes}:
            out.append((n.code, f"Không có mục cha '{n.parent}'"))
    roots = build_tree([n for n in nodes if not n.parent or n.parent in codes])
    for root in roots:
        if root.section not in SECTIONS:
            out.append((root.code, f"Phần '{root.section}' không hợp lệ"))

    def walk(n: Node, depth: int):
        if depth > 4:
            out.append((n.code, "Cây tiêu chí quá 4 cấp"))
        if n.children:
            total = sum((c.max for c in n.children), ZERO)
            if n.section == "main" and total != n.max:
                out.append(
                    (
                        n.code,
                        f"Tổng điểm tối đa của các mục con ({_num(total)}) khác điểm tối đa ({_num(n.max)})",
                    )
                )
            elif n.section != "main" and total < n.max:
                out.append((n.code, f"Tổng điểm mục con ({_num(total)}) nhỏ hơn mức trần ({_num(n.max)})"))
            for c in n.children:
                walk(c, depth + 1)
        else:
            if n.rule is None:
                out.append((n.code, "Thiếu cách chấm"))
            else:
                out.extend((n.code, p) for p in n.rule.check(n.max))
                if (n.source == "survey") != (n.rule.shape == "survey") and n.rule.shape != "points":
                    out.append((n.code, "Nguồn 'khảo sát' phải đi với cách chấm 'survey'"))

    for root in roots:
        walk(root, 1)
    labels = [b[0] for b in bands or []]
    if bands is not None and len(set(labels)) != len(labels):
        out.append(("", "Tên xếp loại bị trùng"))
    return out
