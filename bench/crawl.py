"""QA crawler: log in as each demo persona and follow same-site GET links breadth-first.

Usage (server must already run on 127.0.0.1, e.g. `chiso runserver 127.0.0.1:8765 --noreload`):

    .venv/bin/python -m bench.crawl --base http://127.0.0.1:8765 [--max-pages 400] [--max-seconds 120]
        [--personas snv,lanhdao,...] [--json out.json]

Per persona it prints the pages visited, every non-200 answer with the page that linked to it,
the 10 slowest pages and all pages over 1 s. Only 127.0.0.1 / localhost is ever contacted.
Stdlib only (urllib + http.cookiejar + html.parser).
"""

from __future__ import annotations

import os
import sys

# bench/calendar.py shadows the stdlib module when this file is run as a script: drop bench/ from the path.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import argparse  # noqa: E402
import collections  # noqa: E402
import heapq  # noqa: E402
import http.cookiejar  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

PERSONAS = ["snv", "lanhdao", "thamdinh", "motcua", "sotuphap", "xa_a", "xa_b", "admin"]
PASSWORD = "chiso-demo-2026"
MAX_BYTES = 2 * 1024 * 1024
# Links that change state or end the session, never followed (a GET should have no side effects anyway).
SKIP_PATTERNS = [
    r"/dang-xuat/",
    r"/logout",
    r"/admin/logout",
    r"/admin/.*/(delete|xoa)/",
    r"/(xoa|delete|huy|cancel|remove)/?$",
    r"[?&](action|do)=",
    r"/static/",
    r"/media/",
]
SKIP_RE = re.compile("|".join(SKIP_PATTERNS))
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# "Raw" leftovers a Vietnamese user should never read.
# Checked on the visible text (scripts and styles removed), one text node per line.
TEXT_SMELLS = [
    (re.compile(r"^\s*(None|nan|NaN|null|undefined|True|False)\s*$", re.M), "raw value"),
    (re.compile(r"\{\{|\{%"), "unrendered template tag"),
    (re.compile(r"Traceback \(most recent call last\)"), "traceback"),
]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.csrf: str | None = None
        self.in_script = False
        self.text_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for attr in ("hx-get", "data-hx-get"):
            if a.get(attr):
                self.links.append(a[attr])
        if tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self.csrf = a.get("value")
        if tag in ("script", "style"):
            self.in_script = True

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.in_script = False

    def handle_data(self, data):
        if not self.in_script:
            self.text_parts.append(data)


class Session:
    def __init__(self, base: str, timeout: float = 30):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.timeout = timeout

    def request(self, url: str, data: dict | None = None, referer: str | None = None):
        """→ (status, headers, body bytes or None if too big, seconds, location)."""
        assert urllib.parse.urlsplit(url).hostname in LOCAL_HOSTS, url
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, method="POST" if data is not None else "GET")
        req.add_header("User-Agent", "chiso-qa-crawl")
        if referer:
            req.add_header("Referer", referer)
        t0 = time.perf_counter()
        try:
            resp = self.opener.open(req, timeout=self.timeout)
        except urllib.error.HTTPError as e:
            resp = e
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            return -1, {}, str(e).encode(), time.perf_counter() - t0, None
        status = resp.status if hasattr(resp, "status") else resp.code
        headers = resp.headers
        length = headers.get("Content-Length")
        if length and int(length) > MAX_BYTES:
            resp.close()
            return status, headers, None, time.perf_counter() - t0, None
        raw = resp.read(MAX_BYTES + 1)
        resp.close()
        elapsed = time.perf_counter() - t0
        if len(raw) > MAX_BYTES:
            raw = None
        return status, headers, raw, elapsed, headers.get("Location")

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None

    def login(self, username: str, password: str) -> bool:
        url = f"{self.base}/dang-nhap/"
        status, _, body, _, _ = self.request(url)
        p = LinkParser()
        p.feed((body or b"").decode("utf-8", "replace"))
        token = p.csrf or self.cookie("csrftoken")
        status, _, _, _, loc = self.request(
            url,
            {"csrfmiddlewaretoken": token or "", "username": username, "password": password},
            referer=url,
        )
        return status in (302, 303) and self.cookie("sessionid") is not None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def pattern(url: str) -> str:
    """A URL's shape: path segments with a digit folded, query values dropped (/ho-so/hs/42.STP-1/?ky=2025 → /ho-so/hs/N/?ky)."""
    parts = urllib.parse.urlsplit(url)
    keys = sorted({k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
    path = "/".join("N" if re.search(r"\d", seg) else seg for seg in parts.path.split("/"))
    return path + ("?" + "&".join(keys) if keys else "")


class Frontier:
    """Breadth-first, but the URL whose shape was visited least goes first, so 400 pages cover every kind
    of page before the 50th variant of a filter. Lazy re-prioritisation on a heap."""

    def __init__(self):
        self.heap: list = []
        self.seq = 0
        self.count: collections.Counter = collections.Counter()

    def append(self, item):
        pat = pattern(item[0])
        heapq.heappush(self.heap, (self.count[pat], self.seq, pat, item))
        self.seq += 1

    def popleft(self):
        while True:
            n, seq, pat, item = heapq.heappop(self.heap)
            if n == self.count[pat]:
                return item
            heapq.heappush(self.heap, (self.count[pat], seq, pat, item))

    def visited(self, url):
        self.count[pattern(url)] += 1

    def __len__(self):
        return len(self.heap)

    def __bool__(self):
        return bool(self.heap)


def normalise(base: str, page_url: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urllib.parse.urljoin(page_url, href)
    parts = urllib.parse.urlsplit(url)
    b = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != b.netloc:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def crawl(base: str, username: str, max_pages: int, max_seconds: float, per_path: int) -> dict:
    s = Session(base)
    res = {
        "persona": username,
        "login_ok": False,
        "visited": 0,
        "problems": [],
        "times": [],
        "skipped": collections.Counter(),
        "smells": [],
        "stopped": "",
    }
    if not s.login(username, PASSWORD):
        res["stopped"] = "login failed"
        return res
    res["login_ok"] = True
    start = time.monotonic()
    queue = Frontier()
    queue.append((f"{base}/", "(start)"))
    seen = {f"{base}/"}
    path_counts: collections.Counter = collections.Counter()
    while queue:
        if res["visited"] >= max_pages:
            res["stopped"] = f"page limit {max_pages}"
            break
        if time.monotonic() - start > max_seconds:
            res["stopped"] = f"time limit {max_seconds:.0f}s"
            break
        url, source = queue.popleft()
        queue.visited(url)
        status, headers, body, secs, loc = s.request(
            url, referer=source if source.startswith("http") else None
        )
        res["visited"] += 1
        res["times"].append((secs, url, status))
        if status in (301, 302, 303, 307, 308):
            target = normalise(base, url, loc or "")
            if target and "/dang-nhap/" in target:
                res["problems"].append((status, url, source, "redirected to login"))
            elif target is None and loc:
                res["problems"].append((status, url, source, f"redirect off-site: {loc}"))
            if target and target not in seen and not SKIP_RE.search(target):
                seen.add(target)
                queue.append((target, url))
            continue
        if status != 200:
            note = ""
            if status == -1:
                note = (body or b"").decode("utf-8", "replace")[:120]
            res["problems"].append((status, url, source, note))
            continue
        if body is None:
            res["skipped"]["over 2 MB"] += 1
            continue
        ctype = headers.get("Content-Type", "")
        if "text/html" not in ctype:
            continue
        text = body.decode("utf-8", "replace")
        p = LinkParser()
        try:
            p.feed(text)
        except Exception as e:  # noqa: BLE001 - a broken page is reported, not fatal
            res["problems"].append((status, url, source, f"HTML parse error {e}"))
            continue
        visible = "\n".join(part.strip() for part in p.text_parts if part.strip())
        for rx, label in TEXT_SMELLS:
            m = rx.search(visible)
            if m:
                ctx = visible[max(0, m.start() - 80) : m.end() + 40]
                res["smells"].append((label, url, re.sub(r"\s+", " ", ctx)))
        for href in p.links:
            target = normalise(base, url, href)
            if target is None or target in seen:
                continue
            if SKIP_RE.search(target):
                res["skipped"]["side effect / logout / static"] += 1
                seen.add(target)
                continue
            tpath = urllib.parse.urlsplit(target).path
            # Bound near-infinite spaces (sort/filter/page permutations): at most per_path URLs per path.
            if path_counts[tpath] >= per_path:
                res["skipped"]["same path over limit"] += 1
                seen.add(target)
                continue
            path_counts[tpath] += 1
            seen.add(target)
            queue.append((target, url))
    else:
        res["stopped"] = "queue empty"
    res["elapsed"] = time.monotonic() - start
    res["queued_left"] = len(queue)
    return res


def report(res: dict, base: str) -> None:
    short = lambda u: u[len(base) :] if u.startswith(base) else u  # noqa: E731
    print(f"\n=== {res['persona']} ===")
    if not res["login_ok"]:
        print("  LOGIN FAILED")
        return
    print(
        f"  pages visited: {res['visited']}  ({res.get('elapsed', 0):.0f}s, stopped: {res['stopped']},"
        f" left in queue: {res.get('queued_left', 0)})"
    )
    if res["skipped"]:
        print("  skipped: " + ", ".join(f"{k}: {v}" for k, v in res["skipped"].items()))
    probs = res["problems"]
    print(f"  non-200 ({len(probs)}):")
    for status, url, source, note in sorted(probs, key=lambda p: (-p[0], p[1])):
        print(f"    {status}  {short(url)}  <- {short(source)}  {note}")
    times = sorted(res["times"], reverse=True)
    print("  slowest 10:")
    for secs, url, status in times[:10]:
        print(f"    {secs:6.2f}s  {status}  {short(url)}")
    slow = [t for t in times if t[0] > 1.0]
    print(f"  pages over 1 s: {len(slow)}")
    for secs, url, _status in slow:
        print(f"    {secs:6.2f}s  {short(url)}")
    if res["smells"]:
        print(f"  text smells ({len(res['smells'])}):")
        for label, url, ctx in res["smells"][:30]:
            print(f"    [{label}] {short(url)}  …{ctx}…")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="http://127.0.0.1:8765")
    ap.add_argument("--personas", default=",".join(PERSONAS))
    ap.add_argument("--max-pages", type=int, default=400)
    ap.add_argument("--max-seconds", type=float, default=150, help="per persona")
    ap.add_argument("--per-path", type=int, default=15, help="max distinct URLs (query variants) per path")
    ap.add_argument("--json", help="write raw results here")
    args = ap.parse_args(argv)
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in LOCAL_HOSTS:
        ap.error("only 127.0.0.1/localhost may be crawled")
    results = []
    for persona in args.personas.split(","):
        res = crawl(args.base, persona.strip(), args.max_pages, args.max_seconds, args.per_path)
        report(res, args.base)
        sys.stdout.flush()
        res["skipped"] = dict(res["skipped"])
        results.append(res)
    print("\n=== summary ===")
    for r in results:
        n500 = sum(1 for p in r["problems"] if p[0] >= 500)
        nother = len(r["problems"]) - n500
        slow = sum(1 for t in r["times"] if t[0] > 1.0)
        print(
            f"  {r['persona']:10} pages {r['visited']:4}  5xx {n500:3}  other non-200 {nother:3}  >1s {slow:3}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
