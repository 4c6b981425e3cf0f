#!/usr/bin/env python3
"""Benchmark of the privacy request saga (issue 18, goal 3): N concurrent ACCESS and N concurrent ERASURE requests,
each for a visitor's device with consent choices on record, sent to dsar-service at once; then every request is
followed until FULFILLED. Prints the intake rate (requests accepted per second of submission) and, from each
request's submission to the moment it was seen FULFILLED, p50, p99 and max.

Each comes from a client address of its own, as through the gateway, over a kept-alive connection per sending
thread. The requests are the suite's cookie-only kind (proof DEVICE_HELD, started at once, no officer), so the
figures are the saga's: intake, events to every participant, their answers, fulfilment.

How completion is seen: one observer, signed in as an officer, reads the list of open requests every 100 ms; a
request is done when it leaves that list, and each is then read once to check it is FULFILLED. (The first version
polled each request every 50 ms: 4,000 reads a second for 200 requests, which loaded dsar-service more than the
sagas did.) Figures are up to 100 ms late.

Usage: bench/dsar_saga.py [N]   (default 100; needs the suite up: ./suite up)
Env: DSAR_URL (http://127.0.0.1:8083), CONSENT_URL (http://127.0.0.1:8081), BENCH_CONCURRENCY (64),
     OFFICER_TOKEN (else `./suite token olivia`).
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

DSAR = os.environ.get("DSAR_URL", "http://127.0.0.1:8083")
CONSENT = os.environ.get("CONSENT_URL", "http://127.0.0.1:8081")
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "64"))
POLL = 0.1
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_connections = threading.local()


def call(method, url, body=None, headers=None):
    """One exchange over this thread's kept-alive connection to the URL's host (opened again if it was closed)."""
    parts = urllib.parse.urlsplit(url)
    pool = getattr(_connections, "pool", None)
    if pool is None:
        pool = _connections.pool = {}
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    path = parts.path + ("?" + parts.query if parts.query else "")
    for attempt in (1, 2):
        connection = pool.get(parts.netloc)
        if connection is None:
            connection = pool[parts.netloc] = http.client.HTTPConnection(parts.netloc, timeout=30)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            return response.status, json.loads(payload or b"null"), response.getheader("Link")
        except (http.client.HTTPException, ConnectionError):
            connection.close()
            del pool[parts.netloc]
            if attempt == 2:
                raise


def visitor():
    device = str(uuid.uuid4())
    call("PUT", f"{CONSENT}/api/consent/devices/{device}",
         {"choices": {"analytics-cookies": True, "advertising-cookies": False}, "method": "custom"})
    return device


def submit(kind, device, n, pending=None):
    # Each visitor comes through the gateway from an address of its own (X-Forwarded-For, believed from 127.0.0.1):
    # the per-client throttle (20 new requests an hour) sees 2N visitors, not one flooding client.
    client = {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
    sent = time.monotonic()
    status, body, _ = call("POST", f"{DSAR}/api/privacy-requests", {"type": kind, "deviceId": device}, client)
    if status != 201:
        raise RuntimeError(f"{kind} for {device}: {status} {body}")
    if pending is not None:
        pending.add(body["id"])
    return body["id"], device, sent, time.monotonic()


def officer_token():
    token = os.environ.get("OFFICER_TOKEN")
    if token:
        return token
    return subprocess.run([os.path.join(ROOT, "suite"), "token", "olivia"], check=True, capture_output=True,
                          text=True).stdout.strip()


def open_ids(token):
    """Every open request's id (all pages of the officers' list)."""
    ids, path = set(), "/api/privacy-requests?open=true&limit=200"
    while path:
        status, page, link = call("GET", DSAR + path, headers={"Authorization": f"Bearer {token}"})
        if status != 200:
            raise RuntimeError(f"the open list: {status} {page}")
        ids.update(r["id"] for r in page)
        path = link.split(">")[0].lstrip("<") if link and 'rel="next"' in link else None
    return ids


def observe(token, pending, done_at, submitted_all, deadline):
    """The time each submitted request was first seen out of the open list, until all are (or the deadline)."""
    while time.monotonic() < deadline and not (submitted_all.is_set() and not pending):
        # Read what was submitted before the list: a request that is neither listed nor known yet stays pending.
        candidates = list(pending)
        still_open = open_ids(token)
        now = time.monotonic()
        for request_id in candidates:
            if request_id not in still_open:
                done_at[request_id] = now
                pending.discard(request_id)
        time.sleep(POLL)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    token = officer_token()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        devices = list(pool.map(lambda _: visitor(), range(2 * n)))
        kinds = ["ACCESS"] * n + ["ERASURE"] * n
        pending, done_at, submitted_all = set(), {}, threading.Event()
        observer = threading.Thread(target=observe,
                                    args=(token, pending, done_at, submitted_all, time.monotonic() + 180))
        started = time.monotonic()
        observer.start()
        submitted = list(pool.map(lambda job: submit(*job, pending), zip(kinds, devices, range(2 * n))))
        intake = 2 * n / (max(s[3] for s in submitted) - started)
        submitted_all.set()
        observer.join()
        if pending:
            raise RuntimeError(f"{len(pending)} requests still open after 180 s")
        statuses = list(pool.map(lambda s: call("GET", f"{DSAR}/api/privacy-requests/{s[0]}",
                                                headers={"X-Device-Id": s[1]})[1]["status"], submitted))
    wrong = [st for st in statuses if st != "FULFILLED"]
    if wrong:
        raise RuntimeError(f"{len(wrong)} requests ended other than FULFILLED: {sorted(set(wrong))}")
    ms = [(done_at[s[0]] - s[2]) * 1000 for s in submitted]
    print(f"{'requests':<10} {'intake/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    print(f"{2 * n:<10} {intake:>9.0f} {percentile(ms, 50):>8.0f} {percentile(ms, 99):>8.0f} {max(ms):>8.0f}")
    print(f"RESULT dsar-saga requests={2 * n} intake={intake:.0f} p50={percentile(ms, 50):.0f}"
          f" p99={percentile(ms, 99):.0f} max={max(ms):.0f}")


if __name__ == "__main__":
    main()
