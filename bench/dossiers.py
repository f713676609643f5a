"""Dossier pipeline benchmark: generate N dossiers, import them (parse, validate, classify, write,
aggregate), recompute every KPI of the year, compute the 766 index, time the KPI pages — on
SQLite and on PostgreSQL — and read the same CSV with DuckDB as the floor of parsing cost.

Run:   .venv/bin/python bench/dossiers.py [--rows 1000000] [--seed 1] [--db sqlite,postgresql]
DuckDB is for this benchmark only (not a product dependency):  .venv/bin/pip install duckdb
PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/chiso_bench_dossiers) — the
database is dropped and created again. Each database leg runs in its own process, so the peak
memory printed (max RSS) is that leg's alone.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

# bench/calendar.py would shadow the stdlib `calendar` when this folder is on sys.path: drop it.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
ROOT = os.path.dirname(_HERE)
sys.path.insert(0, ROOT)


def _rss_mb() -> float:
    """Peak resident memory of THIS process image. Linux keeps ru_maxrss across fork+exec, so the
    leg would report the parent's peak (e.g. the generator's); VmHWM belongs to the current image."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def leg(csv_path: str, procs_path: str) -> dict:
    """One database: runs in a child process with DATABASE_URL set."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from chiso.dossiers import aggregates, extras, importer, index766
    from chiso.lib import periods
    from chiso.orgs import demo
    from chiso.orgs.models import Unit

    demo.load(lambda *_: None)
    extras.import_procedures(procs_path)
    out = {"db": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]}
    rss0 = _rss_mb()
    t = time.perf_counter()
    res = importer.import_dossiers(csv_path)
    out["import_s"] = time.perf_counter() - t
    out["rows"] = res.rows
    out["phases"] = res.phases
    out["rows_per_s"] = res.rows / out["import_s"]
    out["writer_peak_mb"] = res.writer_peak_mb
    t = time.perf_counter()
    aggregates.recompute_years(aggregates.years_with_dossiers())  # what `chiso recompute-kpis` runs
    out["recompute_s"] = time.perf_counter() - t
    province = Unit.objects.get(code="42")
    t = time.perf_counter()
    n766 = 0
    for p in [periods.year(2025)] + [periods.month(2025, m) for m in range(1, 13)]:
        for kind in ("commune", "department"):
            n766 += len(index766.ranking(province, p, kind))
    out["index766_s"] = time.perf_counter() - t
    out["index766_rows"] = n766
    t = time.perf_counter()
    again = importer.import_dossiers(csv_path)
    out["reimport_s"] = time.perf_counter() - t
    out["reimport_unchanged"] = again.unchanged
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    c = Client()
    c.force_login(admin)
    pages = {
        "KPI tỉnh (năm)": "/ho-so/?don_vi=42&ky=2025",
        "KPI xã (quý)": "/ho-so/?don_vi=42X001&ky=2025-Q3",
        "766 xã (tháng)": "/ho-so/766/?don_vi=42X001&ky=2025-07",
        "Hồ sơ trễ hạn (tỉnh, năm)": "/ho-so/tre-han/?don_vi=42&ky=2025",
    }
    out["pages_ms"] = {}
    for name, url in pages.items():
        try:
            c.get(url)  # warm
            times = []
            for _ in range(5):
                t = time.perf_counter()
                r = c.get(url)
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (url, r.status_code)
            out["pages_ms"][name] = statistics.median(times)
        except Exception as exc:  # another app's broken URL must not lose the import figures
            out["pages_ms"][name] = f"lỗi: {type(exc).__name__}: {exc}"[:200]
    out["peak_rss_mb"] = _rss_mb()
    out["rss_before_import_mb"] = rss0
    return out


def pg_database(url: str, fresh: bool = True) -> bool:
    """Create the PostgreSQL database of `url`, dropped first when `fresh` (else an existing one is
    kept); False (said) when PostgreSQL cannot be reached."""
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if fresh or not exists:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"PostgreSQL không kết nối được ({exc}) — bỏ qua")
        return False
    return True


def leg_env(database_url: str) -> dict:
    """The environment of a leg's child process."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "CHISO_TESTING": "1"}
    env.setdefault("SECRET_KEY", "bench-only-secret-key")
    return env


def duckdb_floor(csv_path: str) -> float | None:
    try:
        import duckdb
    except ImportError:
        return None
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    t = time.perf_counter()
    con.execute(f"SELECT COUNT(*) FROM read_csv('{csv_path}', all_varchar = true, header = true)").fetchone()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default="sqlite,postgresql")
    ap.add_argument("--leg", help=argparse.SUPPRESS)
    ap.add_argument("--csv", help="Dùng lại tệp hồ sơ đã sinh (bỏ qua bước sinh)")
    ap.add_argument("--procs", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.leg:
        print(json.dumps(leg(args.csv, args.procs)))
        return
    from chiso.dossiers import generator

    tmp = tempfile.mkdtemp(prefix="chiso-bench-")
    csv_path = args.csv or os.path.join(tmp, "ho-so.csv")
    procs = os.path.join(tmp, "thu-tuc.csv")
    generator.write_procedures(procs)
    if not args.csv:
        t = time.perf_counter()
        generator.generate(args.rows, args.seed, 2025, csv_path)
        print(f"Sinh {args.rows:,} hồ sơ: {time.perf_counter() - t:.1f} s")
    print(f"Tệp {csv_path}: {os.path.getsize(csv_path) / 1e6:.0f} MB")
    floor = duckdb_floor(csv_path)
    if floor is None:
        print("DuckDB: chưa cài (.venv/bin/pip install duckdb) — bỏ qua mức sàn")
    else:
        print(
            f"DuckDB đọc CSV (2 luồng, mọi cột là văn bản): {floor:.2f} s = {args.rows / floor:,.0f} dòng/s (mức sàn)"
        )
    for db in args.db.split(","):
        if db == "sqlite":
            env = leg_env(f"sqlite:///{os.path.join(tmp, 'bench.sqlite3')}")
        else:
            url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/chiso_bench_dossiers")
            if not pg_database(url):
                continue
            env = leg_env(url)
        p = subprocess.run(
            [sys.executable, __file__, "--leg", db, "--csv", csv_path, "--procs", procs],
            env=env,
            capture_output=True,
            text=True,
        )
        if p.returncode != 0:
            print(p.stdout[-3000:], p.stderr[-3000:])
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        print(f"\n== {r['db']} ==")
        print(
            f"Nhập {r['rows']:,} hồ sơ (đọc, kiểm tra, phân loại, ghi, tổng hợp): {r['import_s']:.2f} s = {r['rows_per_s']:,.0f} dòng/s"
        )
        for k, v in r["phases"].items():
            print(f"  {k}: {v:.2f} s")
        if floor:
            print(f"  so với mức sàn DuckDB: ×{r['import_s'] / floor:.1f}")
        print(f"Tính lại mọi chỉ tiêu (như chiso recompute-kpis): {r['recompute_s']:.2f} s")
        print(f"Chỉ số 766 (13 kỳ × xã và sở, {r['index766_rows']} đơn vị-kỳ): {r['index766_s']:.2f} s")
        print(f"Nhập lại cùng tệp (không đổi {r['reimport_unchanged']:,}): {r['reimport_s']:.2f} s")
        for k, v in r["pages_ms"].items():
            print(f"Trang {k}: {v:.0f} ms (trung vị, máy chủ)" if isinstance(v, float) else f"Trang {k}: {v}")
        if r.get("writer_peak_mb"):
            print(f"Bộ nhớ đỉnh của tiến trình ghi SQLite (ADBC): {r['writer_peak_mb']:.0f} MB")
        print(f"Tải máy khi chạy (load average 1 phút): {os.getloadavg()[0]:.1f}")
        print(f"Bộ nhớ đỉnh (RSS) của tiến trình: {r['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
