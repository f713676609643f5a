"""Run by test_bulk_paths.py in a child process with its own SQLite FILE database (DATABASE_URL):
a first load, a no-op re-import, an update, a failing import — then a dump of what was stored.
CHISO_BULK_WRITER=django forces the Django-connection writer; otherwise ADBC is used."""

import csv
import datetime as dt
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from chiso.dossiers import bulkwrite, extras, generator, importer  # noqa: E402
from chiso.lib.tabular import ImportFailed  # noqa: E402
from chiso.orgs import demo  # noqa: E402

work = sys.argv[1]
call_command("migrate", verbosity=0)
demo.load(lambda *_: None)
procs = os.path.join(work, "thu-tuc.csv")
generator.write_procedures(procs)
extras.import_procedures(procs)
first = os.path.join(work, "a.csv")
generator.generate(3000, 7, 2025, first)
out = {"writer": "adbc" if bulkwrite.adbc_target() else "django", "steps": []}


def step(path):
    try:
        r = importer.import_dossiers(path)
        out["steps"].append([r.rows, r.created, r.updated, r.unchanged])
    except ImportFailed as exc:
        out["steps"].append([(e.row, e.column) for e in exc.errors])


step(first)
step(first)  # unchanged: nothing written
with open(first, encoding="utf-8") as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:]
due = head.index("NgayHenTra")
out["moved"] = 0
for r in body[::30]:  # every 30th dossier with an appointment: due a day earlier
    if r[due]:
        r[due] = (dt.datetime.fromisoformat(r[due]) - dt.timedelta(days=1)).isoformat()
        out["moved"] += 1
extra = [list(r) for r in body[:40]]
for i, r in enumerate(extra):
    r[head.index("MaHoSo")] = f"MOI-{i:04d}"
changed = os.path.join(work, "b.csv")
with open(changed, "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([head, *body, *extra])
step(changed)
bad = [list(r) for r in extra[:3]]
for i, r in enumerate(bad):
    r[head.index("MaHoSo")] = f"LOI-{i}"
bad[-1][head.index("DonViXuLy")] = "KHONG-CO"
broken = os.path.join(work, "c.csv")
with open(broken, "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([head, *body[:10], *bad])
step(broken)


def aggregates_now():
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM dossiers_kpirollup ORDER BY period, unit_id, field_code")
        rollups = [r[1:] for r in cur.fetchall()]
        cur.execute("SELECT * FROM dossiers_kpiaggregate ORDER BY period, unit_id, procedure_id")
        return rollups, [r[1:] for r in cur.fetchall()]


# `chiso recompute-kpis` (read in parallel by the ADBC writer process, or through the Django
# connection) rebuilds exactly what the imports stored.
stored = aggregates_now()
call_command("recompute_kpis", stdout=open(os.devnull, "w"))
out["recompute_same"] = aggregates_now() == stored and bool(stored[0])
with connection.cursor() as cur:
    for table, order in (
        ("dossiers_dossier", "code"),
        ("dossiers_supplement", "dossier_id, requested_ts"),
        ("dossiers_apology", "dossier_id, issued_on"),
        ("dossiers_kpiaggregate", "period, unit_id, procedure_id"),
        ("dossiers_kpirollup", "period, unit_id, field_code"),
    ):
        cur.execute(f"SELECT * FROM {table} ORDER BY {order}")
        cols = [c[0] for c in cur.description]
        skip = {"id", "created_at"} if table != "dossiers_dossier" else set()
        out[table] = [[v for c, v in zip(cols, r, strict=True) if c not in skip] for r in cur.fetchall()]
    cur.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers_dossier' ORDER BY name"
    )
    out["indexes"] = [r[0] for r in cur.fetchall()]
print(json.dumps(out, default=str))
