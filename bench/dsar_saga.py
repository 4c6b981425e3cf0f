#!/usr/bin/env python3
"""Benchmark of the privacy request saga (issue 18, goal 3): N concurrent ACCESS and N concurrent ERASURE requests,
each for a visitor's device with consent choices on record, sent to dsar-service at once; then every request is
followed until FULFILLED. Prints the intake rate (requests accepted per second of submission) and, from each
request's submission to the moment it was seen FULFILLED, p50, p99 and max (seen by polling every 50 ms, so each
figure may be up to 50 ms late).

Each comes from a client address of its own, as through the gateway. The requests are the suite's cookie-only kind (proof DEVICE_HELD, started at once, no officer), so the figures are
the saga's: intake, events to every participant, their answers, fulfilment.

Usage: bench/dsar_saga.py [N]   (default 100; needs the suite up: ./suite up)
Env: DSAR_URL (http://127.0.0.1:8083), CONSENT_URL (http://127.0.0.1:8081), BENCH_CONCURRENCY (64).
"""
import json
import os
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

DSAR = os.environ.get("DSAR_URL", "http://127.0.0.1:8083")
CONSENT = os.environ.get("CONSENT_URL", "http://127.0.0.1:8081")
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "64"))
POLL = 0.05


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read() or b"null")


def visitor():
    device = str(uuid.uuid4())
    call("PUT", f"{CONSENT}/api/consent/devices/{device}",
         {"choices": {"analytics-cookies": True, "advertising-cookies": False}, "method": "custom"})
    return device


def submit(kind, device, n):
    # Each visitor comes through the gateway from an address of its own (X-Forwarded-For, believed from 127.0.0.1):
    # the per-client throttle (20 new requests an hour) sees 2N visitors, not one flooding client.
    client = {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
    sent = time.monotonic()
    status, body = call("POST", f"{DSAR}/api/privacy-requests", {"type": kind, "deviceId": device}, client)
    if status != 201:
        raise RuntimeError(f"{kind} for {device}: {status} {body}")
    return body["id"], device, sent, time.monotonic()


def await_fulfilled(request_id, device, sent, deadline):
    while time.monotonic() < deadline:
        _, body = call("GET", f"{DSAR}/api/privacy-requests/{request_id}", headers={"X-Device-Id": device})
        if body["status"] == "FULFILLED":
            return time.monotonic() - sent
        if body["status"] in ("STALLED", "DENIED", "CLOSED"):
            raise RuntimeError(f"{request_id}: {body['status']}")
        time.sleep(POLL)
    raise RuntimeError(f"{request_id}: not FULFILLED in time")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        devices = list(pool.map(lambda _: visitor(), range(2 * n)))
        kinds = ["ACCESS"] * n + ["ERASURE"] * n
        started = time.monotonic()
        submitted = list(pool.map(lambda job: submit(*job), zip(kinds, devices, range(2 * n))))
        intake = 2 * n / (max(s[3] for s in submitted) - started)
        deadline = time.monotonic() + 120
        durations = list(pool.map(lambda s: await_fulfilled(s[0], s[1], s[2], deadline), submitted))
    ms = [d * 1000 for d in durations]
    print(f"{'requests':<10} {'intake/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    print(f"{2 * n:<10} {intake:>9.0f} {percentile(ms, 50):>8.0f} {percentile(ms, 99):>8.0f} {max(ms):>8.0f}")


if __name__ == "__main__":
    main()
