#!/usr/bin/env python3
"""Benchmark of issue 18, goal 5: the access export and the erasure of a subject with many consent records (10,000
by default), against the same two requests for a subject with a handful, on the running suite.

A visitor's device records RECORDS consent decisions (PUT /api/consent/devices/{id}, four purposes per call, one call
after the other: the ledger takes a device's decisions in order). Then a cookie-only ACCESS request for the device
goes to dsar-service and is followed (every 50 ms) until it ends; then an ERASURE, likewise; then the same for a
fresh device with four records. What the records add is the difference: the rest (intake, the relays' hops, the
other participants) is the same for both. It prints each time, the difference, and how each request ended (an
access request the suite cannot answer ends STALLED, or is still open at the deadline: both are printed as such).

Usage: bench/heavy_subject.py [RECORDS]   (default 10000; needs the suite up: ./suite up)
Env: DSAR_URL (http://127.0.0.1:8083), CONSENT_URL (http://127.0.0.1:8081), BENCH_DEADLINE (120 s per request).
"""
import http.client
import json
import os
import sys
import time
import urllib.parse
import uuid

DSAR = os.environ.get("DSAR_URL", "http://127.0.0.1:8083")
CONSENT = os.environ.get("CONSENT_URL", "http://127.0.0.1:8081")
DEADLINE = float(os.environ.get("BENCH_DEADLINE", "120"))
PURPOSES = ["advertising-cookies", "analytics-cookies", "newsletter-personalisation", "app-usage-data"]
OPEN = ("UNVERIFIED", "PENDING_APPROVAL", "IN_PROGRESS")


class Client:
    """Kept-alive JSON exchanges with one service."""

    def __init__(self, base):
        self.netloc = urllib.parse.urlsplit(base).netloc
        self.connection = http.client.HTTPConnection(self.netloc, timeout=60)

    def call(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, ConnectionError):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.netloc, timeout=60)
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
        payload = response.read()
        return response.status, json.loads(payload or b"null")


def fill(consent, device, records):
    for n in range((records + len(PURPOSES) - 1) // len(PURPOSES)):
        status, body = consent.call("PUT", f"/api/consent/devices/{device}",
                                    {"choices": {p: n % 2 == 0 for p in PURPOSES}, "method": "custom"})
        if status >= 300:
            raise RuntimeError(f"consent choice {n}: {status} {body}")


def request(dsar, kind, device, client_number):
    started = time.monotonic()
    status, body = dsar.call("POST", "/api/privacy-requests", {"type": kind, "deviceId": device},
                             {"X-Forwarded-For": f"10.250.{client_number // 256 % 256}.{client_number % 256}"})
    if status != 201:
        raise RuntimeError(f"{kind}: {status} {body}")
    while time.monotonic() - started < DEADLINE:
        _, view = dsar.call("GET", f"/api/privacy-requests/{body['id']}", headers={"X-Device-Id": device})
        if view["status"] not in OPEN:
            return view["status"], (time.monotonic() - started) * 1000, view.get("stalledReason")
        time.sleep(0.05)
    return "open", (time.monotonic() - started) * 1000, None


def main():
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    consent, dsar = Client(CONSENT), Client(DSAR)
    heavy, light = str(uuid.uuid4()), str(uuid.uuid4())
    started = time.monotonic()
    fill(consent, heavy, records)
    print(f"bench: {records} consent records written in {time.monotonic() - started:.1f} s", file=sys.stderr)
    fill(consent, light, len(PURPOSES))
    base = int(time.time()) % 20000
    results = {}
    for label, device in (("heavy", heavy), ("light", light)):
        for i, kind in enumerate(("ACCESS", "ERASURE")):
            results[(label, kind)] = request(dsar, kind, device, base + i + (2 if label == "light" else 0))
    print(f"{'request':<10} {'records':>8} {'ended':>10} {'ms':>9}")
    for (label, kind), (status, ms, reason) in results.items():
        print(f"{kind:<10} {records if label == 'heavy' else len(PURPOSES):>8} {status:>10} {ms:>9.0f}"
              + (f"  ({reason})" if reason else ""))
    line = [f"RESULT heavy-subject records={records}"]
    for kind in ("ACCESS", "ERASURE"):
        status, ms, _ = results[("heavy", kind)]
        _, light_ms, _ = results[("light", kind)]
        added = ms - light_ms if status == "FULFILLED" else float("nan")
        print(f"{kind.lower()}: the records add {added:.0f} ms" if status == "FULFILLED"
              else f"{kind.lower()}: not answered ({status})")
        line.append(f"{kind.lower()}_status={status} {kind.lower()}_ms={ms:.0f} {kind.lower()}_added_ms={added:.0f}")
    print(" ".join(line))


if __name__ == "__main__":
    main()
