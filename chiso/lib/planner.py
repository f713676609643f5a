"""Improvement planner: how many points a province needs to reach a target rank, and the
cheapest way to win them (plain Python, exact rational arithmetic).

The allocation problem is the linear programme

    minimise  Σ wᵢ·xᵢ   subject to  Σ xᵢ ≥ N,  0 ≤ xᵢ ≤ capᵢ,  Σ_{i∈G} xᵢ ≤ cap_G  for every group G,

where the groups are laminar (a sub-dimension belongs to one dimension). Such capacity
constraints define a polymatroid, and on a polymatroid the greedy algorithm — take items
cheapest-first, each as far as its remaining capacity allows — maximises every prefix sum
Σ_{j≤k} x_(j) at once. Since the cost of any feasible x with Σx = N equals
w_(n)·N − Σ_k (w_(k+1) − w_(k))·Σ_{j≤k} x_(j), maximising every prefix minimises the cost:
the greedy answer is optimal, not a heuristic (tests compare it with brute force)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from chiso.lib.ranking import Number, exact, rank_of


@dataclass(frozen=True)
class Item:
    """Something whose score can be raised: a dimension, or a sub-dimension inside `groups`."""

    code: str
    cap: Fraction
    weight: Fraction = Fraction(1)
    groups: tuple[str, ...] = ()
    order: int = 0  # tie-break among equal weights (lower first)


@dataclass
class Allocation:
    reachable: bool
    needed: Fraction
    allocation: dict[str, Fraction]
    total_effort: Fraction
    max_gain: Fraction
    shortfall: Fraction = Fraction(0)
    notes: list[str] = field(default_factory=list)

    @property
    def total_points(self) -> Fraction:
        return sum(self.allocation.values(), Fraction(0))


def points_needed(current: Number, others: Sequence[Number], target_rank: int) -> Fraction:
    """Least gain g ≥ 0 such that current + g ranks ≤ target_rank among `others`
    (ties share the better rank, so reaching the k-th best other score is enough)."""
    if target_rank < 1:
        raise ValueError("Thứ hạng mục tiêu phải từ 1 trở lên")
    ordered = sorted((exact(o) for o in others), reverse=True)
    if target_rank > len(ordered):
        return Fraction(0)
    return max(Fraction(0), ordered[target_rank - 1] - exact(current))


def allocate(
    items: Sequence[Item], needed: Number, group_caps: Mapping[str, Number] | None = None
) -> Allocation:
    """Minimum-effort gains reaching `needed` points within the caps (greedy on a polymatroid)."""
    need = exact(needed)
    remaining_group = {g: max(Fraction(0), exact(c)) for g, c in (group_caps or {}).items()}
    for it in items:
        if it.weight <= 0:
            raise ValueError(f"Trọng số nỗ lực của {it.code} phải lớn hơn 0")
    ordered = sorted(items, key=lambda it: (it.weight, it.order, it.code))
    alloc = {it.code: Fraction(0) for it in items}
    left = need
    # The most that could be won at all (to report a shortfall), by the same greedy without a target.
    rem_all = dict(remaining_group)
    max_gain = Fraction(0)
    for it in ordered:
        room = min([max(Fraction(0), it.cap)] + [rem_all[g] for g in it.groups if g in rem_all])
        for g in it.groups:
            if g in rem_all:
                rem_all[g] -= room
        max_gain += room
    if max_gain < need:
        # Unreachable: report the full effort as the best one can do.
        rem = dict(remaining_group)
        for it in ordered:
            room = min([max(Fraction(0), it.cap)] + [rem[g] for g in it.groups if g in rem])
            for g in it.groups:
                if g in rem:
                    rem[g] -= room
            alloc[it.code] = room
        effort = sum((alloc[it.code] * it.weight for it in items), Fraction(0))
        return Allocation(False, need, alloc, effort, max_gain, shortfall=need - max_gain)
    for it in ordered:
        if left <= 0:
            break
        room = min(
            [max(Fraction(0), it.cap), left] + [remaining_group[g] for g in it.groups if g in remaining_group]
        )
        if room <= 0:
            continue
        alloc[it.code] = room
        left -= room
        for g in it.groups:
            if g in remaining_group:
                remaining_group[g] -= room
    effort = sum((alloc[it.code] * it.weight for it in items), Fraction(0))
    return Allocation(True, need, alloc, effort, max_gain)


def rank_after(current: Number, gain: Number, others: Sequence[Number]) -> int:
    return rank_of(exact(current) + exact(gain), others)


def rank_gain_per_point(current: Number, cap: Number, others: Sequence[Number], step: Number = 1) -> int:
    """Places gained by adding `step` points (or the cap, if smaller) to the total."""
    gain = min(exact(step), max(Fraction(0), exact(cap)))
    return rank_of(current, others) - rank_of(exact(current) + gain, others)


def forecast_scores(history: Mapping[int, Number | None], year: int, window: int = 3) -> Fraction | None:
    """Next year's score if the province moves by its average yearly change over the last
    `window` years (only consecutive years that both have a score count)."""
    if history.get(year) is None:
        return None
    changes = []
    for y in range(year - window + 1, year + 1):
        a, b = history.get(y - 1), history.get(y)
        if a is not None and b is not None:
            changes.append(exact(b) - exact(a))
    drift = sum(changes, Fraction(0)) / len(changes) if changes else Fraction(0)
    return exact(history[year]) + drift


def parse_weights(text: str, codes: Sequence[str]) -> dict[str, Fraction]:
    """'D1=1,D2=2.5' or 'D1=1;D2=2,5' → {D1: 1, D2: 5/2}; unknown codes or non-positive weights raise ValueError."""
    out: dict[str, Fraction] = {}
    known = {c.upper(): c for c in codes}
    text = text or ""
    sep = ";" if ";" in text else ","  # "D1=1;D2=2,5" allows Vietnamese decimal commas
    for part in filter(None, (p.strip() for p in text.split(sep))):
        if "=" not in part:
            raise ValueError(f"Trọng số '{part}' phải có dạng MÃ=số, ví dụ D1=2")
        code, _, value = part.partition("=")
        key = known.get(code.strip().upper())
        if key is None:
            raise ValueError(f"Không có thành phần '{code.strip()}' (có: {', '.join(codes)})")
        try:
            w = exact(value.strip().replace(",", "."))
        except (ValueError, ArithmeticError):
            raise ValueError(f"Trọng số của {key} không phải là số: '{value.strip()}'") from None
        if w <= 0:
            raise ValueError(f"Trọng số của {key} phải lớn hơn 0")
        out[key] = w
    return out
