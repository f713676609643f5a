"""How a scoring rule reads to an officer, and which input it needs.

`describe(rule, maximum)` turns the office's short rule codes ("han=15/01/2025; tre=50%",
">=100:1; >=80:0,5; *:0") into a Vietnamese sentence; `widget(rule, maximum)` tells the form
which control to show (a choice, a percentage, a count, points, or free text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from chiso.lib import scoring

NA_LABEL = "Không phát sinh"
RATE_MIN, RATE_MAX = Decimal(0), Decimal(100)


def _n(d: Decimal) -> str:
    """1.5 → "1,5"; 2 → "2"."""
    return scoring._num(Decimal(d)).replace(".", ",")


def _amount(a: scoring.Amount, maximum: Decimal, full_word: bool = True) -> str:
    if a.share:
        if a.value == 100 and full_word:
            return "đủ điểm"
        return f"{_n(a.value)} % số điểm ({_n(a.points(maximum))} điểm)"
    if a.value == maximum and full_word:
        return "đủ điểm"
    return f"{_n(a.value)} điểm"


def _tiers(rule: scoring.Rule, maximum: Decimal) -> str:
    parts = []
    ops = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
    previous = None
    for op, bound, amount in rule.params["tiers"]:
        pts = f"{_n(amount.points(maximum))} điểm"
        if op == "*":
            if previous is None:
                parts.append(f"mọi mức: {pts}")
            elif previous[0] in (">=", ">"):
                parts.append(f"dưới {_n(previous[1])} %: {pts}")
            else:
                parts.append(f"trên {_n(previous[1])} %: {pts}")
        else:
            parts.append(f"{ops[op]} {_n(bound)} %: {pts}")
            previous = (op, bound)
    for label, amount in rule.params.get("levels", {}).values():
        parts.append(f"{label}: {_n(amount.points(maximum))} điểm")
    return "; ".join(parts)


def describe(rule: scoring.Rule | None, maximum) -> str:
    """A readable Vietnamese sentence for a rule, e.g. "≥ 100 %: 1 điểm; dưới 80 %: 0 điểm"."""
    if rule is None:
        return "Chưa có cách chấm"
    m = Decimal(maximum)
    p = rule.params
    s = rule.shape
    if s == "yesno":
        return "Có thực hiện: đủ điểm; không thực hiện: 0 điểm"
    if s == "deadline":
        late = p["late"]
        late_txt = f"{_n(late.value)} %" if late.share else f"{_n(late.value)} điểm"
        if p.get("deadline"):
            on_time = f"Đúng hạn (trước {p['deadline']:%d/%m/%Y})"
        else:
            on_time = "Đúng hạn"
        return f"{on_time}: đủ điểm; trễ hạn: {late_txt}; không thực hiện: 0 điểm"
    if s == "tiers":
        return _tiers(rule, m)
    if s == "proportional":
        target, floor = p["target"], p["floor"]
        out = f"Từ {_n(target)} % trở lên: đủ điểm"
        if floor:
            out += f"; từ {_n(floor)} % đến dưới {_n(target)} %: điểm tỷ lệ thuận với kết quả"
            out += f"; dưới {_n(floor)} %: 0 điểm"
        else:
            out += f"; dưới {_n(target)} %: điểm tỷ lệ thuận với kết quả (tỷ lệ ÷ {_n(target)} × điểm tối đa)"
        return out
    if s == "count":
        each = p["each"]
        out = f"Mỗi sản phẩm, kết quả (trường hợp): {_n(each.points(m))} điểm"
        cap = p.get("cap")
        out += f"; tối đa {_n(cap)} điểm" if cap is not None else f"; tối đa {_n(m)} điểm"
        return out
    if s == "levels":
        text = "; ".join(f"{label}: {_amount(a, m)}" for label, a in p["levels"].values())
        return text[:1].upper() + text[1:]
    if s == "deduction":
        parts = []
        if "each" in p:
            parts.append(f"Trừ {_n(p['each'].points(m))} điểm cho mỗi vi phạm")
        for label, a in p.get("levels", {}).values():
            parts.append(f"vi phạm {label}: trừ {_n(a.points(m))} điểm")
        parts.append("không vi phạm: đủ điểm")
        text = "; ".join(parts)
        return text[0].upper() + text[1:]
    if s == "survey":
        return "Điểm từ điều tra xã hội học, do Sở Nội vụ nhập"
    if s == "points":
        return f"Nhập trực tiếp số điểm, từ 0 đến {_n(m)}"
    return scoring.SHAPES.get(s, s)


@dataclass
class Widget:
    """The control for one answer: kind is select, rate, count, points or text."""

    kind: str
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    min: str = ""
    max: str = ""
    step: str = ""
    suffix: str = ""
    hint: str = ""


def widget(rule: scoring.Rule | None, maximum) -> Widget:
    if rule is None:
        return Widget("text")
    p = rule.params
    s = rule.shape
    na = [("không phát sinh", NA_LABEL)]
    if s == "yesno":
        return Widget("select", [("có", "Có"), ("không", "Không"), *na])
    if s == "deadline":
        opts = [("đúng hạn", "Đúng hạn"), ("trễ hạn", "Trễ hạn"), ("không", "Không thực hiện"), *na]
        return Widget("select", opts)
    if s == "levels":
        return Widget("select", [(label, label) for label, _ in p["levels"].values()] + na)
    if s == "deduction" and "each" not in p:
        return Widget(
            "select", [("", "Không vi phạm")] + [(lbl, lbl) for lbl, _ in p["levels"].values()] + na
        )
    if s in ("tiers", "proportional"):
        overrides = [(label, label) for label, _ in p.get("levels", {}).values()]
        return Widget(
            "rate",
            overrides,
            min="0",
            max="100",
            step="any",
            suffix="%",
            hint="Tỷ lệ từ 0 đến 100 %, ví dụ 86,98 (vượt 100 % thì nhập 100)",
        )
    if s == "count":
        return Widget("count", min="0", step="1", suffix="sản phẩm")
    if s == "deduction":
        return Widget("count", min="0", step="1", suffix="vi phạm")
    if s == "points":
        return Widget("points", min="0", max=scoring._num(Decimal(maximum)), step="0.01", suffix="điểm")
    return Widget("text")


def check_rate(rule: scoring.Rule | None, value: str) -> None:
    """Rates (tiers, proportional) must lie in [0, 100]; raises scoring.RuleError in Vietnamese."""
    if rule is None or rule.shape not in ("tiers", "proportional"):
        return
    text = (value or "").strip()
    f = scoring.fold(text)
    if not text or f in scoring.NA_WORDS or f in rule.params.get("levels", {}):
        return
    x = scoring.to_decimal(text)
    if x < RATE_MIN or x > RATE_MAX:
        raise scoring.RuleError(
            f"Tỷ lệ {_n(x)} % không hợp lệ: nhập từ 0 đến 100 % (vượt 100 % thì nhập 100)"
        )
