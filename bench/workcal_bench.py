"""Throughput of the working-day calendar (chiso.lib.workcal).

Run: .venv/bin/python bench/calendar.py [--rows 1000000] [--scalar-rows 10000] [--seed 1]
(or .venv/bin/python -m bench.calendar). Prints rows/s and the peak traced memory of each phase
(tracemalloc, numpy buffers included, measured in a second run of the phase) and the process's peak RSS at the end.
"""

import os
import sys

# This file is named like the stdlib module `calendar`: when run as a script its folder comes first
# on sys.path and would shadow it for every library that imports `calendar`. Drop it first.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
ROOT = os.path.dirname(_HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402

from chiso.lib.workcal import UNITS, WorkCalendar  # noqa: E402


def phase(label: str, rows: int, fn):
    """Time fn untraced (tracemalloc slows Python down), then run it again traced for its peak memory."""
    t0 = time.perf_counter()
    out = fn()
    secs = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{label:<58} {rows:>9,} rows {secs:8.3f} s {rows / secs:>14,.0f} rows/s  peak {peak / 2**20:8.1f} MiB"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--scalar-rows", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n, m = args.rows, args.scalar_rows
    rng = np.random.default_rng(args.seed)

    t0 = time.perf_counter()
    cal = WorkCalendar(years=range(2024, 2027))
    print(f"calendar built for 2024–2026 in {time.perf_counter() - t0:.3f} s")

    # receptions spread over 2025, mostly in office hours, some after closing / at weekends
    base = np.datetime64("2025-01-01T00:00:00", "s").astype(np.int64)
    day = rng.integers(0, 365, n)
    clock = np.where(rng.random(n) < 0.9, rng.integers(7 * 3600, 17 * 3600, n), rng.integers(0, 86400, n))
    starts = (base + day * 86400 + clock).view("datetime64[s]")
    amounts = rng.integers(1, 31, n).astype(np.float64)
    codes = rng.choice(np.arange(4, dtype=np.uint8), n, p=[0.7, 0.1, 0.15, 0.05])
    amounts = np.where(codes == 3, np.minimum(amounts, 6), amounts)
    ends = starts + rng.integers(0, 60 * 86400, n).astype("timedelta64[s]")
    k = n // 5  # one supplement pause for 20 % of the rows
    prow = np.sort(rng.choice(n, k, replace=False))
    pstart = starts[prow] + rng.integers(0, 10 * 86400, k).astype("timedelta64[s]")
    pend = pstart + rng.integers(0, 15 * 86400, k).astype("timedelta64[s]")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs\n")

    phase("add_np, working_days", n, lambda: cal.add_np(starts, amounts, "working_days"))
    phase("add_np, calendar_days", n, lambda: cal.add_np(starts, amounts, "calendar_days"))
    due = phase("add_np, mixed unit codes (70/10/15/5 %)", n, lambda: cal.add_np(starts, amounts, codes))
    phase("working_seconds_between_np", n, lambda: cal.working_seconds_between_np(starts, ends))
    phase(
        f"working_seconds_between_np + {k:,} pauses",
        n,
        lambda: cal.working_seconds_between_np(starts, ends, prow, pstart, pend),
    )

    s_obj = starts[:m].astype(object)
    e_obj = ends[:m].astype(object)
    a_list = amounts[:m].tolist()
    u_list = [UNITS[c] for c in codes[:m]]
    one = phase(
        "add (scalar), mixed units",
        m,
        lambda: [cal.add(s, a, u) for s, a, u in zip(s_obj, a_list, u_list, strict=True)],
    )
    phase(
        "working_time_between (scalar)",
        m,
        lambda: [cal.working_time_between(s, e) for s, e in zip(s_obj, e_obj, strict=True)],
    )
    agree = due[:m].astype(object).tolist() == one
    print(f"\nvectorised and scalar add agree on the first {m:,} rows: {'yes' if agree else 'NO'}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
