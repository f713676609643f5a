"""Plans on the demo province: import time of the seed directives and page times for each persona.

    .venv/bin/python bench/plans_board.py [--database-url sqlite:////tmp/plans_bench.sqlite3]

Creates a fresh database (default: a temporary SQLite file), loads the orgs demo (Hà Tĩnh, 237 units),
times `chiso load-demo --only plans` (two seed directives fanned out to their units, reports, updates),
then, in-process with Django's test client, times the board (also filtered by index), task list, review
page, period page, the consolidated XLSX/DOCX, a unit's submission page and its report template, the
criterion picker and a target page for the office (snv), the leader (lanhdao) and a commune officer (xa_a):
median of 5 requests after one warm-up, and the number of SQL queries; and the reading of a unit's
filled report template (upload check). Prints figures, asserts nothing.
"""

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHISO = str(ROOT / ".venv" / "bin" / "chiso")

PAGES = """
import logging, statistics, time, django
django.setup()
logging.disable(logging.WARNING)
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from chiso.orgs.permissions import home_unit
from chiso.plans import exports, queries, report_upload
from chiso.plans.models import Directive, ReportingPeriod, Target, Task
U = get_user_model()
d = Directive.objects.order_by("pk").first()
p = ReportingPeriod.objects.filter(directive=d).order_by("due").first()
t = Target.objects.filter(directive=d).first()
own = home_unit(U.objects.get(username="xa_a"))
unit = own if own in queries.reporting_units(d) else queries.reporting_units(d)[0]
print(f"{Directive.objects.count()} văn bản, {Task.objects.count()} nhiệm vụ, {ReportingPeriod.objects.count()} kỳ báo cáo")
urls = ["/ke-hoach/", "/ke-hoach/?chi_so=par", "/ke-hoach/nhiem-vu/", "/ke-hoach/nhiem-vu/?chi_so=par&chua_khop=1",
        f"/ke-hoach/van-ban/{d.pk}/", f"/ke-hoach/van-ban/{d.pk}/ra-soat/",
        f"/ke-hoach/ky-bao-cao/{p.pk}/", f"/ke-hoach/ky-bao-cao/{p.pk}/tong-hop.xlsx", f"/ke-hoach/ky-bao-cao/{p.pk}/tong-hop.docx",
        f"/ke-hoach/ky-bao-cao/{p.pk}/don-vi/{unit.code}/", f"/ke-hoach/ky-bao-cao/{p.pk}/don-vi/{unit.code}/mau-bao-cao.xlsx",
        "/ke-hoach/tieu-chi/?index_code=papi&index_year=2024&criterion_code=thu+tuc",
        "/api/plans/board"] + ([f"/ke-hoach/chi-tieu/{t.pk}/"] if t else [])
tpl = queries.template_for(d, unit)
data = exports.template_xlsx(d, [unit], period=p)
times = []
for _ in range(5):
    start = time.perf_counter()
    report_upload.read(data, "mau.xlsx", p, unit, tpl)
    times.append(time.perf_counter() - start)
print(f"đọc mẫu báo cáo {unit.code} ({len(tpl['targets'])} chỉ tiêu, {len(tpl['tasks'])} nhiệm vụ, {len(data):,} byte): "
      f"{statistics.median(times) * 1000:.0f} ms")
for who in ("snv", "lanhdao", "xa_a"):
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(U.objects.get(username=who))
    for url in urls:
        c.get(url)
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as q:
                t = time.perf_counter()
                r = c.get(url)
                times.append(time.perf_counter() - t)
        print(f"{who:8} {r.status_code} {statistics.median(times) * 1000:7.0f} ms {len(q):4d} truy vấn  {url}")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database-url")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="plans-bench-")
    env = {
        **os.environ,
        "DEBUG": "1",
        "MEDIA_ROOT": f"{tmp}/media",
        "DJANGO_SETTINGS_MODULE": "chiso.settings",
    }
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    subprocess.run([CHISO, "migrate", "-v0"], env=env, check=True)
    subprocess.run([CHISO, "load-demo", "--only", "none"], env=env, check=True, stdout=subprocess.DEVNULL)
    t = time.perf_counter()
    subprocess.run([CHISO, "load-demo", "--only", "plans"], env=env, check=True, stdout=subprocess.DEVNULL)
    first = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run([CHISO, "load-demo", "--only", "plans"], env=env, check=True, stdout=subprocess.DEVNULL)
    again = time.perf_counter() - t
    print(f"load-demo --only plans: {first:.1f} s lần đầu, {again:.1f} s chạy lại (không tạo trùng)")
    t = time.perf_counter()
    out = subprocess.run(
        [CHISO, "remind", "--dry-run"], env=env, check=True, capture_output=True, text=True
    ).stdout
    print(f"remind --dry-run: {time.perf_counter() - t:.1f} s — {out.strip().splitlines()[-1]}")
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", PAGES], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
