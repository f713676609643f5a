"""Precision and recall of the directive parser against the hand-written expected readings.

Run: .venv/bin/python bench/parser.py [-v]
Seeds are read from ../shared/seeds (skipped when absent); held-out documents from
every tests/parser/fixtures/heldout* folder (each written after the previous round of changes). Prints targets, tasks (by lead unit) and deadlines per document,
for the seeds overall, for each held-out set overall, and all together.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ itself must not shadow standard modules (bench/calendar.py exists)
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from chiso.lib.directive_parser import parse  # noqa: E402
from chiso.lib.directive_parser.evaluate import Score, evaluate  # noqa: E402

FIXTURES = ROOT / "tests" / "parser" / "fixtures"
# every held-out folder, in the order they were written (heldout, heldout2, … heldout12, …)
SETS = tuple(sorted((p.name for p in FIXTURES.glob("heldout*") if p.is_dir()), key=lambda n: int(n[7:] or 1)))
SOURCES = {"seeds": ROOT.parent / "shared" / "seeds", **{s: FIXTURES / s for s in SETS}}
KINDS = ("targets", "tasks", "deadlines", "reporting", "rankings", "document")


def load_cases():
    for path in sorted(FIXTURES.glob("**/*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        group, name = expected["source"].split("/", 1)
        src = SOURCES[group] / name
        if not src.exists():
            continue
        yield group, name, src.read_text(encoding="utf-8"), expected


def fmt(s: Score) -> str:
    return f"P {s.precision:5.2f}  R {s.recall:5.2f}  ({s.tp}/{s.predicted} proposed, {s.tp}/{s.expected} expected)"


def main(verbose: bool = False) -> None:
    groups = ("seeds", *SETS, "all")
    totals = {g: {k: Score() for k in KINDS} for g in groups}
    parse_seconds = 0.0
    n_docs = 0
    for group, name, text, expected in load_cases():
        t0 = time.perf_counter()
        result = parse(text)
        parse_seconds += time.perf_counter() - t0
        n_docs += 1
        scores = evaluate(text, expected, result)
        print(f"\n{group}/{name}")
        for k in KINDS:
            print(f"  {k:<10} {fmt(scores[k])}")
            totals[group][k].add(scores[k])
            totals["all"][k].add(scores[k])
            if verbose:
                for m in scores[k].misses:
                    print(f"      MISS  {m}")
                for x in scores[k].extras:
                    brief = {
                        f: x.get(f)
                        for f in ("lead_unit", "operator", "value", "deadline", "frequency")
                        if f in x
                    }
                    print(f"      EXTRA {brief} {x['quote'][:90]!r}")
    for group in groups:
        if not totals[group]["document"].expected:
            continue
        print(f"\n== {group} overall")
        for k in KINDS:
            print(f"  {k:<10} {fmt(totals[group][k])}")
    # one pass over every document (the machine is shared: compare runs made close together)
    print(f"\nparse time: {parse_seconds:.2f} s for {n_docs} documents")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
