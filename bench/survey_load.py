"""Load test of the public survey form: a real server on loopback, concurrent citizens, bounded.

    .venv/bin/python bench/survey_load.py [--responses 3000] [--clients 12] [--seconds 120]
                                          [--workers 3] [--database-url postgres://…/chiso_bench]

Starts gunicorn (production settings, DEBUG off) on 127.0.0.1 against a fresh temporary SQLite
database (or the PostgreSQL database given, which it migrates and fills), creates one desk with the
default questionnaire, then each client repeats what a phone does — GET the form (CSRF cookie and
signed token), POST the answers — until the response budget or the time limit is spent. Every
response carries a unique dossier code; the first client also re-sends, every tenth time, a dossier already
accepted, which must be refused. Prints responses/s, p50/p95 latency of GET and POST, and a check
that every accepted response is stored exactly once and no refused one is stored. The per-client
rate limit is switched off for the run (all clients share 127.0.0.1); it is tested in tests/surveys.
Only loopback addresses are contacted.
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)

SETUP = """
import django, os
django.setup()
from chiso.orgs import actions as org
from chiso.orgs.models import Unit, UnitKind
from chiso.surveys import actions
from chiso.surveys.demo import FORM
p = Unit.objects.filter(code="B1").first() or org.save_unit(None, Unit(code="B1"), name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)[0]
c = Unit.objects.filter(code="B1X1").first() or org.save_unit(None, Unit(code="B1X1"), name="Xã Đo Tải", kind=UnitKind.COMMUNE, parent=p)[0]
d = Unit.objects.filter(code="B1X1.MC").first() or org.save_unit(None, Unit(code="B1X1.MC"), name="Bộ phận Một cửa xã Đo Tải", kind=UnitKind.DESK, parent=c)[0]
v, _ = actions.import_form(None, FORM.read_bytes(), FORM.name, p)
pt, _ = actions.ensure_point(None, d, v.questionnaire)
print(pt.slug)
"""

CHECK = """
import django, sys
django.setup()
from django.db.models import Count
from chiso.surveys.models import Response
prefix = sys.argv[1]
qs = Response.objects.filter(dossier_code__startswith=prefix)
dups = qs.values("dossier_code").annotate(c=Count("id")).filter(c__gt=1).count()
print(qs.count(), dups)
for code in qs.values_list("dossier_code", flat=True):
    print(code)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q / 100 * (len(values) - 1))))
    return values[k]


class Client(threading.Thread):
    def __init__(self, idx, port, slug, budget, deadline, prefix, stats, lock):
        super().__init__(daemon=True)
        self.idx, self.port, self.slug = idx, port, slug
        self.budget, self.deadline, self.prefix = budget, deadline, prefix
        self.stats, self.lock = stats, lock
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""

    def request(self, method, path, body=None):
        headers = {"Host": "127.0.0.1", "User-Agent": f"bench-{self.idx}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        t0 = time.perf_counter()
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt:
                    raise
        elapsed = time.perf_counter() - t0
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie" and v.startswith("csrftoken="):
                self.cookie = v.split(";", 1)[0]
        return resp.status, data, elapsed

    def run(self):
        path = f"/khao-sat/{self.slug}/"
        i = 0
        while time.monotonic() < self.deadline:
            with self.lock:
                if self.budget[0] <= 0:
                    return
                self.budget[0] -= 1
            i += 1
            try:
                status, html, g = self.request("GET", path)
                token = re.search(rb'name="_t" value="([^"]+)"', html).group(1).decode()
                csrf = self.cookie.split("=", 1)[1]
                code = f"{self.prefix}-{self.idx}-{i}"
                repeat = self.idx == 1 and i % 10 == 0 and bool(self.stats["accepted_codes"])
                if repeat:  # a citizen re-sending a dossier already rated: must be refused
                    with self.lock:
                        code = self.stats["accepted_codes"][-1]
                fields = {
                    "csrfmiddlewaretoken": csrf,
                    "_t": token,
                    "linh_vuc": "ho_tich",
                    "ma_ho_so": code,
                    "so_lan": "1",
                    "tiep_can": str(3 + i % 3),
                    "thu_tuc": "4",
                    "cong_chuc": "5",
                    "ket_qua": str(2 + i % 4),
                    "da_gop_y": "khong",
                    "phi_ngoai": "khong",
                }
                status, _, p = self.request("POST", path, urllib.parse.urlencode(fields))
            except Exception as exc:  # counted, never hidden
                with self.lock:
                    self.stats["errors"].append(repr(exc)[:120])
                continue
            with self.lock:
                self.stats["get"].append(g)
                self.stats["post"].append(p)
                if status == 302 and not repeat:
                    self.stats["accepted_codes"].append(code.upper())
                elif status == 409 and repeat:
                    self.stats["refused_repeats"] += 1
                else:
                    self.stats["other"][status] = self.stats["other"].get(status, 0) + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--responses", type=int, default=3000)
    ap.add_argument("--clients", type=int, default=12)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="chiso-bench-")
    db_url = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chiso.settings",
        "DATABASE_URL": db_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_hex(16),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SESSION_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CHISO_SURVEY_RATE": "0",
        "DB_CONN_MAX_AGE": "60",
        "PYTHONWARNINGS": "ignore::UserWarning",
    }
    env.pop("CHISO_TESTING", None)
    print(f"database: {db_url.split('@')[-1]}")
    subprocess.run([PY, "-m", "chiso", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    slug = subprocess.run(
        [PY, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "chiso.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        t_end = time.monotonic() + 30
        while time.monotonic() < t_end:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        prefix = "B" + secrets.token_hex(3).upper()
        stats = {"get": [], "post": [], "accepted_codes": [], "refused_repeats": 0, "other": {}, "errors": []}
        lock = threading.Lock()
        budget = [args.responses]
        t0 = time.monotonic()
        deadline = t0 + args.seconds
        clients = [
            Client(i + 1, port, slug, budget, deadline, prefix, stats, lock) for i in range(args.clients)
        ]
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=args.seconds + 60)
        wall = time.monotonic() - t0
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    out = subprocess.run(
        [PY, "-c", CHECK, prefix], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    lines = out.stdout.split()
    stored, dup_codes, stored_codes = int(lines[0]), int(lines[1]), set(lines[2:])
    accepted = stats["accepted_codes"]
    ok = stored == len(accepted) and dup_codes == 0 and stored_codes == set(accepted)
    ms = lambda v: v * 1000  # noqa: E731
    print(
        f"server: gunicorn, {args.workers} workers, 127.0.0.1:{port}; clients: {args.clients}; wall time {wall:.1f} s"
    )
    print(f"submissions: {len(stats['post'])} (GET form + POST answers each); errors: {len(stats['errors'])}")
    print(f"accepted responses: {len(accepted)} → {len(accepted) / wall:.1f} responses/s")
    print(f"POST latency: p50 {ms(pct(stats['post'], 50)):.1f} ms, p95 {ms(pct(stats['post'], 95)):.1f} ms")
    print(f"GET  latency: p50 {ms(pct(stats['get'], 50)):.1f} ms, p95 {ms(pct(stats['get'], 95)):.1f} ms")
    print(
        f"repeated dossier codes refused (409): {stats['refused_repeats']}; other statuses: {stats['other'] or 'none'}"
    )
    print(f"stored with the run's prefix: {stored}; codes stored twice: {dup_codes}")
    print(f"stored-exactly-once check: {'OK' if ok else 'FAILED'}")
    if stats["errors"]:
        print("first errors:", stats["errors"][:3])
    tmp.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
