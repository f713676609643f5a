"""Figures for the indices app on the real PAPI file (63 provinces × 2011–2024).

Run: DATABASE_URL=sqlite:////tmp/indices_bench.sqlite3 .venv/bin/python -m bench.indices_bench
(creates the schema in that database if needed; never asserts timings)."""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/indices_bench.sqlite3")
django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from chiso.indices import actions, demo, planning, queries  # noqa: E402
from chiso.indices.models import Index, Result  # noqa: E402
from chiso.orgs.models import Unit  # noqa: E402
from chiso.orgs.provinces import load_provinces  # noqa: E402


def timed(label, fn, repeat=1):
    runs = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append((time.perf_counter() - t) * 1000)
    med = statistics.median(runs)
    print(f"{label:<58} {med:9.1f} ms" + (f"  (median of {repeat})" if repeat > 1 else ""))
    return out


load_provinces()
actions.load_frameworks(None)
papi = Index.objects.get(code="papi")
Result.objects.filter(index=papi).delete()
path = demo.papi_file()
out = timed(
    "import agg_province_year.csv (papi-wide, first time)",
    lambda: actions.import_results(None, papi, path, fmt="papi-wide"),
)
print(f"  {out.created} scores stored")
timed("re-import of the same file (no-op)", lambda: actions.import_results(None, papi, path, fmt="papi-wide"))
queries._CACHE.clear()
timed("load all PAPI results (ResultSet, cold)", lambda: queries.ResultSet(papi))
rs = queries.ResultSet(papi)
timed(
    "rank + tier + change tables for 14 years", lambda: [queries.ResultSet.table(rs, y) for y in rs.years()]
)
ht = Unit.objects.get(code="42")
queries._CACHE.clear()
timed("province profile, cold cache (all years)", lambda: queries.profile(papi, ht))
timed("province profile, warm cache", lambda: queries.profile(papi, ht), repeat=20)
timed(
    "derived 34-province table for 2024",
    lambda: queries.derived_table(queries.ResultSet(papi), 2024),
    repeat=5,
)
timed("plan: Hà Tĩnh → rank 1, this year's field", lambda: planning.make_plan(papi, ht, 2024, 1), repeat=20)
timed(
    "plan: Hà Tĩnh → rank 1, forecast field",
    lambda: planning.make_plan(papi, ht, 2024, 1, forecast=True),
    repeat=20,
)

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

User = get_user_model()
user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
    "bench_admin", "b@example.invalid", "x"
)
c = Client()
c.force_login(user)
for url in [
    "/chi-so/?tinh=42",
    "/chi-so/papi/nam/2024/",
    "/chi-so/papi/tinh/42/",
    "/chi-so/papi/tinh/42/tang-hang/?nam=2024&hang=3&gioi_han=best",
]:
    c.get(url, HTTP_HOST="localhost")
    timed(f"GET {url}", lambda url=url: c.get(url, HTTP_HOST="localhost"), repeat=10)
