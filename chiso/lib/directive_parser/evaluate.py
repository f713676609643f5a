"""Score a parse against a hand-written expected reading (used by tests/parser and bench/parser.py).

An expected item names a short `anchor` string that occurs exactly once in the document; a proposed item
matches it when the anchor lies inside the proposed span and the compared fields agree:

- targets: same operator and value;
- tasks: same lead unit (abbreviations expanded, accents/punctuation ignored; a name that contains the
  other, of at least two words, also counts — "Bộ phận một cửa" ~ "Bộ phận một cửa (…) phường"); both None
  also agree;
- deadlines: every target or task with a deadline, compared on the matched item;
- reporting: same frequency.
Each expected item is matched at most once.
"""

from dataclasses import dataclass, field

from .agencies import normalise_agency
from .textutil import sfold


def agency_key(name: str | None) -> str:
    if not name:
        return ""
    import re

    key = sfold(normalise_agency(name))
    key = re.sub(r"[^\w\s]", " ", key)
    key = re.sub(r"\b(?:cac|va)\b", " ", key)
    return " ".join(key.split())


def same_agency(a: str | None, b: str | None) -> bool:
    ka, kb = agency_key(a), agency_key(b)
    if ka == kb:
        return True
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return len(short.split()) >= 2 and (f" {short} " in f" {long_} ")


def same_deadline(a: str | None, b: str | None) -> bool:
    """Dates and months compare as text; recurring deadlines compare by their reading."""
    import re

    if a == b:
        return True
    if not a or not b or re.match(r"\d{4}-\d{2}", a) or re.match(r"\d{4}-\d{2}", b):
        return False
    from .dates import recurrence

    return recurrence(a) is not None and recurrence(a) == recurrence(b)


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected


class AnchorError(ValueError):
    pass


def anchor_pos(text: str, anchor: str) -> int:
    first = text.find(anchor)
    if first < 0:
        raise AnchorError(f"anchor not found: {anchor!r}")
    if text.find(anchor, first + 1) >= 0:
        raise AnchorError(f"anchor not unique: {anchor!r}")
    return first


def _match(text, expected_items, predicted_items, agree) -> tuple[Score, list]:
    """Greedy one-to-one matching; returns the score and the (expected, predicted) pairs."""
    score = Score(predicted=len(predicted_items), expected=len(expected_items))
    used: set[int] = set()
    pairs = []
    for exp in expected_items:
        pos = anchor_pos(text, exp["anchor"])
        end = pos + len(exp["anchor"])
        hit = None
        for i, pred in enumerate(predicted_items):
            if i in used:
                continue
            if pred["start"] <= pos < pred["end"] or (pos <= pred["start"] < end):
                if agree(exp, pred):
                    hit = i
                    break
        if hit is None:
            score.misses.append(exp)
        else:
            used.add(hit)
            score.tp += 1
            pairs.append((exp, predicted_items[hit]))
    score.extras = [p for i, p in enumerate(predicted_items) if i not in used]
    return score, pairs


def _num(v):
    return float(v) if v is not None else None


def evaluate(text: str, expected: dict, result: dict) -> dict[str, Score]:
    targets, tpairs = _match(
        text,
        expected["targets"],
        result["targets"],
        lambda e, p: e["operator"] == p["operator"] and _num(e["value"]) == _num(p["value"]),
    )
    tasks, kpairs = _match(
        text, expected["tasks"], result["tasks"], lambda e, p: same_agency(e["lead_unit"], p["lead_unit"])
    )
    # deadlines: the items (matched on position only) that carry one
    dl = Score()
    for kind in ("targets", "tasks"):
        exp_items = [e for e in expected[kind] if e.get("deadline")]
        pred_items = [p for p in result[kind] if p.get("deadline")]
        s, _pairs = _match(
            text, exp_items, pred_items, lambda e, p: same_deadline(e["deadline"], p["deadline"])
        )
        dl.add(s)
        dl.misses += s.misses
        dl.extras += s.extras
    reporting, _ = _match(
        text,
        expected.get("reporting", []),
        result["reporting"],
        lambda e, p: e["frequency"] == p["frequency"],
    )
    rankings = Score(predicted=len(result["rankings"]), expected=len(expected.get("rankings", [])))
    keyf = ("index", "year", "rank", "of", "change")
    pred_keys = [tuple(r[k] for k in keyf) for r in result["rankings"]]
    for r in expected.get("rankings", []):
        k = tuple(r[x] for x in keyf)
        if k in pred_keys:
            pred_keys.remove(k)
            rankings.tp += 1
        else:
            rankings.misses.append(r)
    doc = Score(predicted=4, expected=4)
    for k in ("kind", "number", "date", "issuer"):
        want, got = expected["document"].get(k), result["document"].get(k)
        if (want == got) or (k == "issuer" and want and got and agency_key(want) == agency_key(got)):
            doc.tp += 1
        else:
            doc.misses.append({k: want, "got": got})
    del tpairs, kpairs
    return {
        "targets": targets,
        "tasks": tasks,
        "deadlines": dl,
        "reporting": reporting,
        "rankings": rankings,
        "document": doc,
    }
