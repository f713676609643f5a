"""Precision and recall of the index-criterion suggester (chiso.lib.criteria_suggest) on the tasks of the
five seeds, against the hand-written links of tests/plans/fixtures/criteria_links.json.

Run: .venv/bin/python bench/criteria_suggest.py [-v]

Two readings of each expected task (matched by its anchor, as the parser's evaluation does):
- "parser": the task the directive parser proposes (its summary and quote, what the review card shows);
  an expected task the parser does not propose is counted apart (not the suggester's miss);
- "text": the seed's own wording from the anchor to the next task's anchor or the end of the line
  (independent of the parser).
The frameworks are those the directive names (its rankings and text; all when it names none), in force
in the year the fixture gives. A suggestion is right when it is in the task's `links` or `also`;
recall counts the `links` found. -v lists every task's suggestions and misses.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from chiso.lib import criteria_suggest as cs  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
LINKS = ROOT / "tests" / "plans" / "fixtures" / "criteria_links.json"
FRAMEWORKS = ROOT / "chiso" / "indices" / "data" / "frameworks"


def frameworks() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(FRAMEWORKS.glob("*.json"))}


def criteria_for(data: dict, codes: list[str], year: int) -> list[cs.Criterion]:
    """The nodes of each index's framework version in force in `year`, parents first."""
    out = []
    for code in codes:
        for v in data[code]["versions"]:
            if v["year_from"] <= year <= (v["year_to"] or 9999):
                stack = list(reversed(v.get("nodes") or []))
                while stack:
                    n = stack.pop()
                    out.append(cs.Criterion(code, n["code"], n["name"], n.get("short_name") or ""))
                    stack += list(reversed(n.get("children") or []))
    return out


def text_reading(text: str, anchors: list[str]) -> list[str]:
    starts = [text.find(a) for a in anchors]
    out = []
    for a, i in zip(anchors, starts, strict=True):
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        later = [s for s in starts if s > i]
        out.append(text[i : min([end, *later])] if i >= 0 else a)
    return out


def measure(seeds: Path = SEEDS, modes=("parser", "text"), verbose: bool = False, out=print) -> dict:
    """{mode: [right, proposed, found, expected]} over the five seeds; prints a line per seed."""
    fixture = json.loads(LINKS.read_text(encoding="utf-8"))["seeds"]
    data = frameworks()
    # each index by its code and short name, in the indices app's order (as criteria.concerned_indices)
    names = {
        c: [data[c]["index"]["short_name"]]
        for c in sorted(data, key=lambda c: data[c]["index"]["sort_order"])
    }
    totals = {m: [0, 0, 0, 0] for m in modes}  # right, proposed, found, expected
    totals["unread"], totals["seconds"] = 0, 0.0
    for seed, case in fixture.items():
        text = (seeds / f"{seed}.txt").read_text(encoding="utf-8")
        parsed = _parse(text) if "parser" in modes else {}
        codes = cs.concerned(text, parsed.get("rankings"), names)
        crit = criteria_for(data, codes, case["year"])
        suggester = cs.Suggester(crit)
        anchors = [t["anchor"] for t in case["tasks"]]
        by_anchor = {}
        for t in parsed.get("tasks") or []:
            quote = t.get("quote") or ""
            for a in anchors:
                if a not in by_anchor and a in quote:
                    by_anchor[a] = f"{t.get('summary') or ''}. {quote}"
        readings = {"parser": [by_anchor.get(a) for a in anchors], "text": text_reading(text, anchors)}
        per = {}
        for mode in modes:
            score = [0, 0, 0, 0]
            for task, reading in zip(case["tasks"], readings[mode], strict=True):
                if reading is None:
                    totals["unread"] += 1
                    continue
                t0 = time.perf_counter()
                got = [f"{s.index}:{s.code}" for s in suggester.suggest(reading)]
                totals["seconds"] += time.perf_counter() - t0
                ok = set(task["links"]) | set(task["also"])
                score[0] += sum(1 for g in got if g in ok)
                score[1] += len(got)
                score[2] += sum(1 for link in task["links"] if link in got)
                score[3] += len(task["links"])
                if verbose and mode == modes[-1] and (set(got) - ok or set(task["links"]) - set(got)):
                    out(
                        f"  {seed} {task['anchor'][:60]!r}: got {got} want {task['links']} also {task['also']}"
                    )
            per[mode] = score
            totals[mode] = [a + b for a, b in zip(totals[mode], score, strict=True)]
        out(
            f"{seed} ({case['year']}, {', '.join(codes)}; {len(crit)} criteria, {len(anchors)} tasks): "
            + "  ".join(f"{m} {_fmt(s)}" for m, s in per.items())
        )
    return totals


def _parse(text: str) -> dict:
    from chiso.lib.directive_parser import parse  # only the "parser" reading needs it

    return parse(text)


def main(verbose: bool = False) -> None:
    if not SEEDS.exists():
        print(f"seeds not found in {SEEDS}: nothing measured")
        return
    totals = measure(verbose=verbose)
    for mode in ("parser", "text"):
        print(f"ALL {mode:6}: {_fmt(totals[mode])}")
    print(f"expected tasks the parser did not propose: {totals['unread']}")
    print(f"suggester time: {totals['seconds'] * 1000:.1f} ms for all calls")


def _fmt(s: list[int]) -> str:
    right, proposed, found, expected = s
    p = right / proposed if proposed else 1.0
    r = found / expected if expected else 1.0
    return f"P {p:4.2f} R {r:4.2f} ({right}/{proposed}, {found}/{expected})"


if __name__ == "__main__":
    main("-v" in sys.argv)
