"""Rule engine throughput: score N units against the demo commune set (pure Python, no database).

Run: .venv/bin/python bench/assessments_score.py [N]"""

import random
import sys
import time
from decimal import Decimal

from chiso.assessments.criteria_io import parse_workbook
from chiso.assessments.data.demo_sets import workbook_path
from chiso.lib import scoring


def main(n: int = 2000) -> None:
    t0 = time.perf_counter()
    data = workbook_path("commune", 2025).read_bytes()
    parsed = parse_workbook(data)
    t_parse = time.perf_counter() - t0
    roots = parsed.roots()
    leaves = [x for x in parsed.nodes if not x.children]
    by_code = {x.code: x for x in leaves}
    rnd = random.Random(1)
    inputs = []
    for _ in range(n):
        values = {}
        for leaf in leaves:
            if leaf.rule.shape == "survey":
                labels = list(leaf.rule.params["levels"])
                values[leaf.code] = {lab: rnd.randint(0, 200) for lab in labels}
            elif leaf.rule.shape in ("tiers", "proportional"):
                values[leaf.code] = f"{rnd.uniform(40, 100):.1f}"
            elif leaf.rule.shape in ("count", "deduction"):
                values[leaf.code] = str(rnd.randint(0, 3))
            elif leaf.rule.shape == "levels":
                values[leaf.code] = rnd.choice([lab for lab, _ in leaf.rule.params["levels"].values()])
            elif leaf.rule.shape == "deadline":
                values[leaf.code] = rnd.choice(["đúng hạn", "trễ hạn", "không"])
            else:
                values[leaf.code] = rnd.choice(["có", "không", "không phát sinh"])
        inputs.append(values)
    t0 = time.perf_counter()
    results = {}
    for i, values in enumerate(inputs):
        pts = {c: by_code[c].rule.points(v, by_code[c].max) for c, v in values.items()}
        results[i] = scoring.compute(roots, pts, parsed.na_policy)
    ranks = scoring.rank({i: r.index for i, r in results.items()})
    t_score = time.perf_counter() - t0
    mean = sum((r.index for r in results.values()), Decimal(0)) / n
    print(
        f"criteria workbook parse: {t_parse * 1000:.1f} ms ({len(parsed.nodes)} nodes, {len(leaves)} leaves)"
    )
    print(
        f"scored {n} units in {t_score:.2f} s = {n / t_score:,.0f} units/s ({n * len(leaves) / t_score:,.0f} rules/s)"
    )
    print(f"mean index {mean:.2f}, best rank {min(ranks.values())}, worst rank {max(ranks.values())}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
