"""Ranking arithmetic for published index results (plain Python, exact).

Scores are compared exactly (Decimal / Fraction / int): the published figures carry six
decimals and ties must be ties. Every function takes {key: score} and ignores None."""

from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

Number = int | Decimal | Fraction


def exact(value: Number | float) -> Fraction:
    """Exact rational of a score (floats by their decimal text, so 43.12 is 4312/100)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Rational | Decimal):
        return Fraction(value)
    return Fraction(Decimal(str(value)))


def _present(scores: Mapping[Hashable, Number | None]) -> dict:
    """Scored keys only. Decimals, ints and Fractions compare exactly as they are (and Decimal is
    much faster to sort than Fraction); floats and text are made exact."""
    out = {}
    for k, v in scores.items():
        if v is None:
            continue
        out[k] = v if isinstance(v, Decimal | int | Fraction) else exact(v)
    return out


def competition_ranks(scores: Mapping[Hashable, Number | None], higher_is_better: bool = True) -> dict:
    """Standard competition ranking: 1, 2, 2, 4. Keys with no score get no rank."""
    present = _present(scores)
    ordered = sorted(present.values(), reverse=higher_is_better)
    first_pos: dict[Fraction, int] = {}
    for i, v in enumerate(ordered):
        first_pos.setdefault(v, i + 1)
    return {k: first_pos[v] for k, v in present.items()}


def rank_of(score: Number, others: Sequence[Number]) -> int:
    """Rank a score would have among `others` (competition ranking, higher is better)."""
    s = exact(score)
    return 1 + sum(1 for o in others if exact(o) > s)


def quantile(values: Sequence[Number], q: Fraction | float) -> Fraction:
    """Quantile with linear interpolation between order statistics (numpy's default method)."""
    xs = sorted(values)
    if not xs:
        raise ValueError("no values")
    h = (len(xs) - 1) * exact(q)
    lo = int(h)  # h >= 0
    if lo + 1 >= len(xs):
        return exact(xs[-1])
    a, b = exact(xs[lo]), exact(xs[lo + 1])
    return a + (h - lo) * (b - a)


def quartile_tiers(scores: Mapping[Hashable, Number | None], labels: Sequence[str]) -> dict:
    """Four groups by the year's quartiles: strictly above Q3 → labels[0], above the median →
    labels[1], above Q1 → labels[2], otherwise labels[3] (PAPI's performance groups)."""
    present = _present(scores)
    if not present:
        return {}
    vals = list(present.values())
    q1, q2, q3 = (quantile(vals, Fraction(n, 4)) for n in (1, 2, 3))
    out = {}
    for k, v in present.items():
        v = exact(v)
        if v > q3:
            out[k] = labels[0]
        elif v > q2:
            out[k] = labels[1]
        elif v > q1:
            out[k] = labels[2]
        else:
            out[k] = labels[3]
    return out


def band(percent: Number | None, bands: Sequence[Mapping]) -> str | None:
    """First band whose `min` the percentage reaches (`min` None = catch-all): A ≥ 90, B ≥ 80…"""
    if percent is None:
        return None
    p = exact(percent)
    for b in bands:
        if b.get("min") is None or p >= exact(b["min"]):
            return b["label"]
    return None


def percentile_ranks(scores: Mapping[Hashable, Number | None]) -> dict:
    """Share (0–100) of the other scored keys that score strictly lower."""
    present = _present(scores)
    n = len(present)
    vals = sorted(present.values())
    out = {}
    for k, v in present.items():
        lower = _count_below(vals, v)
        out[k] = Fraction(100 * lower, n - 1) if n > 1 else Fraction(100)
    return out


def _count_below(sorted_vals: list[Fraction], v: Fraction) -> int:
    lo, hi = 0, len(sorted_vals)
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_vals[mid] < v:
            lo = mid + 1
        else:
            hi = mid
    return lo


def mean(values: Sequence[Number]) -> Fraction | None:
    vals = [v if isinstance(v, Decimal | int | Fraction) else exact(v) for v in values if v is not None]
    if not vals:
        return None
    if all(isinstance(v, Decimal | int) for v in vals):
        return exact(sum(vals, Decimal(0))) / len(vals)  # Decimal sums of 6-decimal scores are exact
    return sum((exact(v) for v in vals), Fraction(0)) / len(vals)
