"""Dossier pages and calendar benchmark: generate N dossiers of 2025, import them, then time
- a calendar change reclassifying by itself (the dossiers touching the year, the aggregates of the
  years the changed ones span) against the full `recompute-kpis --reclassify`;
- the KPI page filtered by procedure, its "by procedure" XLSX, and the 766 commune page with the
  rank change (median of 5, server side, and the number of queries).

Run:   .venv/bin/python bench/dossiers_pages.py [--rows 200000] [--seed 1] [--db sqlite|postgresql]
PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/chiso_bench_pages) — the
database is dropped and created again. Figures are printed, never asserted.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]  # bench/calendar.py
ROOT = os.path.dirname(_HERE)
sys.path.insert(0, ROOT)


def _database(kind: str, tmp: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{os.path.join(tmp, 'bench.sqlite3')}"
    url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/chiso_bench_pages")
    base, name = url.rsplit("/", 1)
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _page(client, url, runs=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(times), len(ctx)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="chiso-bench-pages-")
    os.environ["DATABASE_URL"] = _database(args.db, tmp)
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ["DEBUG"] = "0"
    os.environ["CHISO_TESTING"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from chiso.dossiers import actions, extras, generator, importer
    from chiso.dossiers.models import Dossier, ImportJob, KpiAggregate
    from chiso.orgs import demo

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    demo.load(lambda *_: None)
    procs, csv_path = os.path.join(tmp, "thu-tuc.csv"), os.path.join(tmp, "ho-so.csv")
    generator.write_procedures(procs)
    extras.import_procedures(procs)
    generator.generate(args.rows, args.seed, 2025, csv_path)
    t = time.perf_counter()
    importer.import_dossiers(csv_path)
    print(f"== {args.db}: {Dossier.objects.count():,} hồ sơ, nhập {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    n = extras.reclassify_all()
    print(
        f"Phân loại lại toàn bộ (recompute-kpis --reclassify): {n:,} hồ sơ, {time.perf_counter() - t:.2f} s"
    )
    admin = get_user_model().objects.get(username="admin")
    for year, day in ((2025, dt.date(2025, 7, 9)), (2024, dt.date(2024, 12, 31))):
        t = time.perf_counter()
        actions.save_calendar_year(admin, year, [day], [], [], background=False)
        job = ImportJob.objects.filter(kind="reclassify").order_by("-id").first()
        print(
            f"Sửa lịch năm {year} (nghỉ {day:%d/%m/%Y}), tự tính lại: {time.perf_counter() - t:.2f} s — "
            f"xét {job.rows_done:,} hồ sơ, {job.updated:,} thay đổi, chỉ tiêu năm {job.phase or '(không)'}"
        )

    c = Client()
    c.force_login(admin)
    top = (
        KpiAggregate.objects.filter(period="2025")
        .values_list("procedure__code", flat=True)
        .order_by("-received")
        .first()
    )
    for name, url in {
        "KPI tỉnh, năm": "/ho-so/?don_vi=42&ky=2025",
        f"KPI tỉnh, năm, thủ tục {top}": f"/ho-so/?don_vi=42&ky=2025&thu_tuc={top}",
        f"KPI xã, quý, thủ tục {top}": f"/ho-so/?don_vi=42X001&ky=2025-Q3&thu_tuc={top}",
        "XLSX theo thủ tục (tỉnh, năm)": "/ho-so/?don_vi=42&ky=2025&xuat=xlsx",
        "766 xã, tháng (hạng và thay đổi)": "/ho-so/766/?don_vi=42X001&ky=2025-07",
    }.items():
        ms, q = _page(c, url)
        print(f"Trang {name}: {ms:.0f} ms (trung vị), {q} truy vấn")


if __name__ == "__main__":
    main()
