"""`chiso recompute-kpis` at scale: the aggregates of every year with dossiers rebuilt from the
stored dossiers (after an import, a change of procedure limits…), on SQLite and on PostgreSQL.

Run:   .venv/bin/python bench/dossiers_recompute.py [--rows 1000000] [--db sqlite,postgresql] [--runs 3]
The database of each leg is prepared once (generated file, import) under bench/out/recompute/ and
in the PostgreSQL database BENCH_RECOMPUTE_PG_URL (default
postgres://postgres@127.0.0.1:5432/chiso_bench_recompute); later runs reuse it unless --fresh.
Each run times the command as a user runs it (its own process, `--code DIR` chooses the source
tree: compare with an earlier commit exported by `git archive REV | tar -x -C DIR`), checks that
the result equals the aggregates stored before, then times the phases of one more run (read the
dossiers, compute, store). Figures are printed, never asserted.
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
ROOT = os.path.dirname(_HERE)
sys.path.insert(0, ROOT)
OUT = os.path.join(_HERE, "out", "recompute")


def _digest() -> str:
    """Fingerprint of both aggregate tables (order-independent), to compare runs."""
    from django.db import connection

    from chiso.dossiers.aggregates import AGG_COLS, ROLLUP_COLS

    h = hashlib.sha256()
    with connection.cursor() as cur:
        for table, cols in (("dossiers_kpiaggregate", AGG_COLS), ("dossiers_kpirollup", ROLLUP_COLS)):
            cur.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {', '.join(cols[:4])}")
            for row in cur.fetchall():
                h.update(repr([round(v, 3) if isinstance(v, float) else v for v in row]).encode())
    return h.hexdigest()[:16]


def leg(csv_path: str, procs_path: str, runs: int, code: str) -> dict:
    """One database, in a child process with DATABASE_URL set."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from chiso.dossiers import aggregates, extras, importer
    from chiso.dossiers.models import Dossier

    call_command("migrate", verbosity=0)
    out = {"db": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]}
    if not Dossier.objects.exists():
        from chiso.orgs import demo

        demo.load(lambda *_: None)
        extras.import_procedures(procs_path)
        t = time.perf_counter()
        importer.import_dossiers(csv_path)
        out["import_s"] = time.perf_counter() - t
    out["dossiers"] = Dossier.objects.count()
    before = _digest()
    # The command as a user runs it: its own process (Django's start included), the code of `code`.
    env = {**os.environ, "PYTHONPATH": code}
    out["command_s"] = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(
            [sys.executable, "-m", "chiso", "recompute-kpis"],
            env=env,
            cwd=code,
            capture_output=True,
            text=True,
        )
        out["command_s"].append(time.perf_counter() - t)
        if p.returncode:
            raise RuntimeError(p.stderr[-2000:])
    out["command_output"] = p.stdout.strip().splitlines()
    out["same_as_import"] = _digest() == before
    if os.path.samefile(code, ROOT):  # phases of one more run, taken apart
        out["phases"] = {}
        aggregates.recompute_years(aggregates.years_with_dossiers(), timings=out["phases"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default="sqlite,postgresql")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--fresh", action="store_true", help="Sinh lại tệp và nhập lại từ đầu")
    ap.add_argument(
        "--code",
        default=ROOT,
        help="Thư mục mã nguồn chạy lệnh (so sánh trước/sau: git archive REV | tar -x -C DIR)",
    )
    ap.add_argument("--leg", help=argparse.SUPPRESS)
    ap.add_argument("--csv", help=argparse.SUPPRESS)
    ap.add_argument("--procs", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.leg:
        print(json.dumps(leg(args.csv, args.procs, args.runs, os.path.abspath(args.code)), default=str))
        return
    from bench.dossiers import leg_env, pg_database
    from chiso.dossiers import generator

    os.makedirs(OUT, exist_ok=True)
    csv_path = os.path.join(OUT, f"ho-so-{args.rows}-{args.seed}.csv")
    procs = os.path.join(OUT, "thu-tuc.csv")
    sqlite_path = os.path.join(OUT, f"bench-{args.rows}-{args.seed}.sqlite3")
    pg_url = os.environ.get(
        "BENCH_RECOMPUTE_PG_URL", "postgres://postgres@127.0.0.1:5432/chiso_bench_recompute"
    )
    if args.fresh or not os.path.exists(csv_path):
        generator.write_procedures(procs)
        t = time.perf_counter()
        generator.generate(args.rows, args.seed, 2025, csv_path)
        print(f"Sinh {args.rows:,} hồ sơ: {time.perf_counter() - t:.1f} s")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(sqlite_path + suffix):
                os.remove(sqlite_path + suffix)
        args.fresh = True
    for db in args.db.split(","):
        if db == "sqlite":
            if args.fresh and os.path.exists(sqlite_path):
                os.remove(sqlite_path)
            env = leg_env(f"sqlite:///{sqlite_path}")
        elif pg_database(pg_url, fresh=args.fresh):
            env = leg_env(pg_url)
        else:
            continue
        cmd = [sys.executable, __file__, "--leg", db, "--csv", csv_path, "--procs", procs]
        cmd += ["--runs", str(args.runs), "--code", os.path.abspath(args.code)]
        p = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            print(p.stdout[-3000:], p.stderr[-3000:])
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        print(f"\n== {r['db']}: {r['dossiers']:,} hồ sơ ==")
        if "import_s" in r:
            print(f"(chuẩn bị: nhập tệp {r['import_s']:.1f} s)")
        runs = ", ".join(f"{s:.2f}" for s in r["command_s"])
        print(
            f"chiso recompute-kpis ({args.code}): {runs} s (trung vị {statistics.median(r['command_s']):.2f} s)"
        )
        print("  lệnh in: " + " | ".join(r["command_output"]))
        print(f"Kết quả giống chỉ tiêu đã lưu trước đó: {'có' if r['same_as_import'] else 'KHÔNG'}")
        if "phases" in r:
            print("  một lần nữa, từng bước: " + ", ".join(f"{k} {v:.2f} s" for k, v in r["phases"].items()))
        print(f"Tải máy (load average 1 phút): {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
