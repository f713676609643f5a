"""Run by test_jobs.py as separate processes sharing one database (DATABASE_URL: an SQLite file or
the PostgreSQL test database), as the worker processes of a server would:

  setup DIR             the test world, a catalogue, two dossier files and an import job for each
  run JOB DIR           run the import job, held after its first progress report until DIR/go exists
  read JOB DIR WHO… [--until TEXT]   the job's HTMX fragment as each persona sees it (the first
                        one polled until TEXT appears); prints {who: [status, body]}
  restart JOB DIR       the office restarts the job through the page, the import runs to its end

Each prints one JSON line last."""

import json
import os
import shutil
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from chiso.dossiers import importer, jobs  # noqa: E402
from chiso.dossiers.models import ImportJob  # noqa: E402

ROWS = 2000
USERS = {"office": "office_t", "leader": "leader_t", "officer_a": "officer_a", "officer_b": "officer_b"}


def client(who: str, work: str | None = None) -> Client:
    """Signed in before any job runs (setup): a login writes the session, which an SQLite file
    cannot take while an import holds its write lock — as on a server, people are signed in."""
    c = Client()
    if work is None:
        c.force_login(get_user_model().objects.get(username=USERS[who]))
    else:
        with open(os.path.join(work, "sessions.json")) as f:
            c.cookies[settings.SESSION_COOKIE_NAME] = json.load(f)[who]
    return c


def dossier_file(path: str, prefix: str) -> str:
    from tests.dossiers.conftest import write_csv

    row = ("P1", "T1XA.MC", 1, 9, "2025-07-01 08:00", "", "2025-07-04 08:00", "2025-07-03 10:00", "")
    row += (0, 0, 1, 0, "", "", "")
    return str(write_csv(path, [(f"{prefix}{i:05d}", *row) for i in range(ROWS)]))


def setup(work: str) -> dict:
    from tests.conftest import make_world
    from tests.dossiers.conftest import make_catalogue

    call_command("migrate", verbosity=0)
    world = make_world()
    make_catalogue()
    out = {}
    for name, prefix in (("first", "J"), ("second", "K")):
        path = dossier_file(os.path.join(work, f"{name}.csv"), prefix)
        upload = os.path.join(work, f"upload-{name}.csv")  # what start_import keeps of an upload
        shutil.copy(path, upload)
        job = ImportJob.objects.create(
            filename=f"{name}.csv", path=upload, user=world.office, unit=jobs.import_unit(world.office)
        )
        out[name] = job.pk
    out["unit"] = jobs.import_unit(world.office).code
    with open(os.path.join(work, "sessions.json"), "w") as f:
        json.dump({who: client(who).cookies[settings.SESSION_COOKIE_NAME].value for who in USERS}, f)
    return out


def run(job_id: int, work: str) -> dict:
    """The import, held (inside its write transaction) after the first progress report."""
    real = importer._progress
    held = []

    def gated(job, **kw):
        real(job, **kw)
        if kw.get("rows_done") and not held:
            held.append(True)
            open(os.path.join(work, "reached"), "w").close()
            t0 = time.perf_counter()
            while not os.path.exists(os.path.join(work, "go")) and time.perf_counter() - t0 < 120:
                time.sleep(0.05)

    importer._progress = gated
    office = get_user_model().objects.get(username=USERS["office"])
    importer.run_job(job_id, office)
    job = ImportJob.objects.get(pk=job_id)
    return {"state": job.state, "rows": job.rows_done, "created": job.created}


def read(job_id: int, work: str, who: list[str], until: str) -> dict:
    out = {}
    for i, w in enumerate(who):
        c = client(w, work)
        t0 = time.perf_counter()
        while True:
            r = c.get(f"/ho-so/nhap/{job_id}/", HTTP_HX_REQUEST="true")
            body = r.content.decode()
            if i or not until or until in body or r.status_code != 200 or time.perf_counter() - t0 > 60:
                break
            time.sleep(0.2)
        out[w] = [r.status_code, body]
    return out


def restart(job_id: int, work: str) -> dict:
    c = client("office", work)
    r = c.post(f"/ho-so/viec/{job_id}/chay-lai/")
    for th in threading.enumerate():
        if th.name.startswith("import-"):
            th.join(120)
    page = c.get(f"/ho-so/nhap/{job_id}/", HTTP_HX_REQUEST="true").content.decode()
    job = ImportJob.objects.get(pk=job_id)
    return {"status": r.status_code, "page": page, "state": job.state, "created": job.created}


if __name__ == "__main__":
    role, args = sys.argv[1], sys.argv[2:]
    if role == "setup":
        result = setup(args[0])
    elif role == "run":
        result = run(int(args[0]), args[1])
    elif role == "read":
        until = args[args.index("--until") + 1] if "--until" in args else ""
        who = [a for a in args[2:] if a not in ("--until", until)]
        result = read(int(args[0]), args[1], who, until)
    else:
        result = restart(int(args[0]), args[1])
    print(json.dumps(result))
