#!/usr/bin/env python3
"""Server time of the dashboard pages and the analytics API on a running Amtfluencer.

Logs in as the demo's programme team (and one Amtfluencer for the personal page), warms
each page up, then requests it N times one after another on one keep-alive connection and
prints p50/p99/max of the server's own time (its `Server-Timing: app;dur=…` header) and of
the whole round trip on loopback.

Usage: bench/dashboards.py BASE_URL [N] [FROM TO]
  BASE_URL  e.g. http://127.0.0.1:8080 (the demo authority `musterstadt` must exist)
  N         requests per page (default 200)
  FROM TO   a period (YYYY-MM-DD) for every page; default: each page's own default (the
            twelve months up to today)

The server keeps the facts of a period between requests and, when they change, brings them
up to date with what changed. With BENCH_CHANGE_DB set to the database's URL, every measured
request follows a change of one post's figures (the authority's newest post with figures; the
impressions go up and down by one in turn, so the data stays as it was): the time after a
manual entry, an API fetch or a new post. With BENCH_NEW_PERIOD=1 every measured request asks
for a period not asked for before (a year ending one day earlier each time), so every request
reads its period in full: the time of the first view of a period, and of the first request
after a large import.
"""

import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse

SLUG = "musterstadt"
PASSWORD = "amtfluencer-demo"


class Session:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        total = (time.perf_counter() - started) * 1000
        for v in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = v.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        server = None
        m = re.search(r"dur=([0-9.]+)", r.headers.get("Server-Timing", ""))
        if m:
            server = float(m.group(1))
        return r.status, data, server, total

    def login(self, email):
        status, page, _, _ = self.request("GET", "/login")
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        form = urllib.parse.urlencode(
            {"csrf": csrf, "next": "", "email": email, "password": PASSWORD}
        )
        status, _, _, _ = self.request(
            "POST",
            "/login",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status not in (302, 303):
            sys.exit(f"login as {email} failed: HTTP {status}")


def changer():
    """A function that gives the facts a new stamp, or None without BENCH_CHANGE_DB."""
    url = os.environ.get("BENCH_CHANGE_DB")
    if not url:
        return None
    sql = (
        "UPDATE post_facts SET impressions = impressions "
        "+ CASE WHEN impressions % 2 = 0 THEN 1 ELSE -1 END "
        "WHERE post_id = (SELECT MAX(post_id) FROM post_facts WHERE impressions IS NOT NULL "
        f"AND tenant_id = (SELECT id FROM tenants WHERE slug = '{SLUG}'))"
    )
    if url.startswith("sqlite://"):
        import sqlite3

        conn = sqlite3.connect(url[len("sqlite://"):].split("?")[0], timeout=30)

        def change():
            conn.execute(sql)
            conn.commit()

        return change
    return lambda: subprocess.run(["psql", url, "-qc", sql], check=True)


CHANGE = changer()


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))]


NEW_PERIOD = os.environ.get("BENCH_NEW_PERIOD") == "1"


def new_period(path, i):
    """The path for a year ending i + 1 days before today (a period not asked for before)."""
    import datetime

    to = datetime.date.today() - datetime.timedelta(days=i + 1)
    start = to - datetime.timedelta(days=365)
    sep = "&" if "?" in path else "?"
    return f"{path}{sep}from={start}&to={to}"


def measure(session, path, n):
    for _ in range(5):
        status, _, _, _ = session.request("GET", path)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}")
    server, total = [], []
    for i in range(n):
        if CHANGE:
            CHANGE()
        asked = new_period(path, i) if NEW_PERIOD else path
        status, _, s, t = session.request("GET", asked)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}")
        server.append(s)
        total.append(t)
    print(
        f"{path:<62} server p50 {pct(server, 0.5):6.2f}  p99 {pct(server, 0.99):6.2f}"
        f"  max {max(server):6.2f} ms | round trip p99 {pct(total, 0.99):6.2f} ms",
        flush=True,
    )
    return pct(server, 0.99)


def main():
    base = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    period = ""
    if len(sys.argv) > 4:
        period = f"?from={sys.argv[3]}&to={sys.argv[4]}"
    team = Session(base)
    team.login(f"admin@{SLUG}.example")
    person = Session(base)
    person.login(f"katharina.brenner@{SLUG}.example")
    a = f"/t/{SLUG}/analytics"
    pages = [
        (team, f"{a}/programme{period}"),
        (team, f"{a}/topics{period}"),
        (team, f"{a}/page-effect{period}"),
        (team, f"{a}/participation"),
        (team, f"/t/{SLUG}/links"),
        (person, f"{a}/personal{period}"),
        (team, f"/api/v1/analytics/summary{period}"),
        (team, f"/api/v1/analytics/topics{period}"),
        (team, f"/api/v1/analytics/page-effect{period}"),
    ]
    if CHANGE:
        print("every request after new figures of one post (kept facts brought up to date):")
    if NEW_PERIOD:
        print("every request for a period not asked for before (read in full):")
        # The pages that take a period.
        pages = [(s, p) for s, p in pages if "analytics" in p and "participation" not in p]
    worst = max(measure(s, p, n) for s, p in pages)
    print(f"worst server p99 of the dashboards and the API: {worst:.2f} ms")
    if CHANGE or NEW_PERIOD:
        return
    # Other pages the team opens every week, for comparison.
    for s, p in [(team, f"/t/{SLUG}/"), (person, f"/t/{SLUG}/"), (team, f"/t/{SLUG}/topics")]:
        measure(s, p, max(20, n // 4))


if __name__ == "__main__":
    main()
