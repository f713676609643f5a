"""Satisfaction indices from answer counts — plain Python, worked by hand in the tests.

Definitions (SIPAS style):
- item: n = valid answers (answers with a score; "không biết" and blanks are excluded),
  % satisfied = satisfied answers / n × 100, mean = mean score;
- element: the weighted pool of its items: Σ wᵢ·satᵢ / Σ wᵢ·nᵢ × 100; mean likewise; its n is the
  number of respondents with at least one valid answer in the element;
- pillar: mean of its elements' %;
- overall: mean of the elements' % (default) or of the pillars' % (SIPAS since 2022), as the
  questionnaire's settings say; elements with no valid answer are left out, never counted as 0;
- confidence interval: Wilson 95 % on the % with the scope's n (for pooled scopes this treats
  the % as one proportion over n respondents — conservative next to the number of answers);
- a scope with n < min_n carries a warning and is not ranked.
"""

import math
from dataclasses import dataclass, field

from chiso.surveys.xlsform import ELEMENTS, PILLARS

Z95 = 1.959963984540054


def wilson(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion p (0..1) over n trials → (low, high) in 0..1."""
    if n <= 0:
        return (math.nan, math.nan)
    p = min(max(p, 0.0), 1.0)
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class ItemCount:
    question: str
    element: str
    pillar: str
    weight: float
    n: int  # valid answers
    satisfied: int
    score_sum: float
    label: str = ""


@dataclass
class Scope:
    code: str
    label: str
    kind: str  # item | element | pillar | overall
    n: int
    pct: float | None
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    small: bool
    parts: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.pct is not None


@dataclass
class Result:
    items: list[Scope]
    elements: list[Scope]
    pillars: list[Scope]
    overall: Scope
    respondents: int
    min_n: int

    def element(self, code: str) -> Scope | None:
        return next((e for e in self.elements if e.code == code), None)


def _scope(code, label, kind, n, pct, mean, min_n, parts=None) -> Scope:
    if pct is None or n <= 0:
        return Scope(code, label, kind, n, None, None, None, None, True, parts or [])
    lo, hi = wilson(pct / 100.0, n)
    return Scope(code, label, kind, n, pct, mean, lo * 100, hi * 100, n < min_n, parts or [])


def compute(
    items: list[ItemCount],
    element_respondents: dict[str, int],
    pillar_respondents: dict[str, int],
    respondents: int,
    *,
    min_n: int = 30,
    overall: str = "elements",
    elements: dict[str, str] | None = None,
) -> Result:
    elements = elements if elements is not None else ELEMENTS
    item_scopes = []
    for it in items:
        pct = it.satisfied * 100.0 / it.n if it.n else None
        mean = it.score_sum / it.n if it.n else None
        item_scopes.append(_scope(it.question, it.label or it.question, "item", it.n, pct, mean, min_n))
    el_scopes = []
    for code, label in elements.items():
        mine = [it for it in items if it.element == code and it.n > 0]
        w_n = sum(it.weight * it.n for it in mine)
        if w_n:
            pct = sum(it.weight * it.satisfied for it in mine) * 100.0 / w_n
            mean = sum(it.weight * it.score_sum for it in mine) / w_n
        else:
            pct = mean = None
        n = element_respondents.get(code, 0) if mine else 0
        el_scopes.append(_scope(code, label, "element", n, pct, mean, min_n, [it.question for it in mine]))
    pillar_scopes = []
    for code, label in PILLARS.items():
        member_elements = {it.element for it in items if it.pillar == code and it.element}
        parts = [e for e in el_scopes if e.code in member_elements and e.has_data]
        # Pillar-only items (no element) count like one element each.
        loose = [it for it in items if it.pillar == code and not it.element and it.n > 0]
        values = [e.pct for e in parts] + [it.satisfied * 100.0 / it.n for it in loose]
        means = [e.mean for e in parts] + [it.score_sum / it.n for it in loose]
        pct = sum(values) / len(values) if values else None
        mean = sum(means) / len(means) if means else None
        n = pillar_respondents.get(code, 0) if values else 0
        pillar_scopes.append(
            _scope(
                code,
                label,
                "pillar",
                n,
                pct,
                mean,
                min_n,
                [e.code for e in parts] + [i.question for i in loose],
            )
        )
    basis = [s for s in (el_scopes if overall == "elements" else pillar_scopes) if s.has_data]
    if basis:
        pct = sum(s.pct for s in basis) / len(basis)
        mean = sum(s.mean for s in basis) / len(basis)
    else:
        pct = mean = None
    over = _scope(
        "overall",
        "Chỉ số hài lòng chung",
        "overall",
        respondents if basis else 0,
        pct,
        mean,
        min_n,
        [s.code for s in basis],
    )
    return Result(
        item_scopes, el_scopes, [p for p in pillar_scopes if p.parts or p.has_data], over, respondents, min_n
    )
