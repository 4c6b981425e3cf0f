#!/usr/bin/env bash
# Throughput and latency of one endpoint called directly on consent-service and through the gateway, in the same
# run, with the same load: prints requests/s, p50 and p99 of both and the ratios (gateway / direct).
#
#   bench/gateway/check-bench.sh [PATH]
#
# PATH defaults to /api/consent/check?subject=<a fresh device with consent>&purpose=analytics-cookies. Any path that
# consent-service serves works (e.g. /api/consent/purposes); it must answer 2xx both ways or the run stops.
#
# The gateway measured is a dedicated one started here on BENCH_GATEWAY_PORT from a copy of the packaged gateway,
# with the rate limits lifted: a gateway with its default limits (50 requests/s per address) would mostly answer
# 429 under load. It is stopped at the end. Its access log is on, as in production.
#
# Env: BENCH_DURATION (20s), BENCH_CONNECTIONS (32), BENCH_WARMUP (5s), BENCH_GATEWAY_PORT (18080),
#      CONSENT_URL (http://127.0.0.1:8081), BENCH_TOKEN (else a privacy-services token from the local realm).
# Needs the suite (./suite up; started here, and stopped again, if consent-service is not running) and hey.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${BENCH_DURATION:-20s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-5s}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-18080}"
CONSENT_URL="${CONSENT_URL:-http://127.0.0.1:8081}"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench.XXXXXX")"

# shellcheck source=../lib.sh
source bench/lib.sh
die() { say "ERROR: $*"; exit 1; }

started_suite=0
gateway_pid=""
cleanup() {
  if [[ -n "$gateway_pid" ]]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  if ((started_suite)); then ./suite down >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

ensure_hey

if ! curl -sf "$CONSENT_URL/q/health/ready" >/dev/null; then
  say "consent-service is not running: starting the suite"
  ./suite up
  started_suite=1
fi

# A copy, so that rebuilding the gateway module during the run cannot pull jars from under it.
[[ -f gateway/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -q -DskipTests package -pl gateway -am
cp -r gateway/target/quarkus-app "$WORK/gateway"
say "starting a gateway on $GATEWAY_URL in front of $CONSENT_URL (log: $WORK/gateway.log)"
HTTP_PORT="$GATEWAY_PORT" CONSENT_SERVICE_URL="$CONSENT_URL" \
  GATEWAY_RATE_LIMIT_PER_IP_REQUESTS_PER_SECOND=1000000 GATEWAY_RATE_LIMIT_PER_IP_BURST=1000000 \
  GATEWAY_RATE_LIMIT_PER_CLIENT_REQUESTS_PER_SECOND=1000000 GATEWAY_RATE_LIMIT_PER_CLIENT_BURST=1000000 \
  java -Xmx256m -jar "$WORK/gateway/quarkus-run.jar" >"$WORK/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$GATEWAY_URL/q/health/live" >/dev/null && break
  kill -0 "$gateway_pid" 2>/dev/null || { tail -n 30 "$WORK/gateway.log" >&2; die "the gateway did not start"; }
  sleep 0.5
done

token="${BENCH_TOKEN:-$(infra/keycloak.sh client-token privacy-services local-services-secret)}"
path="${1:-}"
if [[ -z "$path" ]]; then
  device="$(cat /proc/sys/kernel/random/uuid)"
  curl -sf -X PUT -H 'Content-Type: application/json' \
    -d '{"choices":{"analytics-cookies":true},"method":"custom"}' \
    "$CONSENT_URL/api/consent/devices/$device" >/dev/null || die "could not record a consent to check"
  path="/api/consent/check?subject=$device&purpose=analytics-cookies"
fi

for base in "$CONSENT_URL" "$GATEWAY_URL"; do
  code="$(curl -s -o "$WORK/probe" -w '%{http_code}' -H "Authorization: Bearer $token" "$base$path")"
  [[ "$code" == 2* ]] || die "$base$path answers $code: $(head -c 300 "$WORK/probe")"
done

# Prints "requests/s p50_ms p99_ms non-2xx" of one hey run.
measure() { hey -z "$DURATION" -c "$CONNECTIONS" -H "Authorization: Bearer $token" "$1" | hey_figures; }

say "warming up ($WARMUP each)"
hey -z "$WARMUP" -c "$CONNECTIONS" -H "Authorization: Bearer $token" "$CONSENT_URL$path" >/dev/null
hey -z "$WARMUP" -c "$CONNECTIONS" -H "Authorization: Bearer $token" "$GATEWAY_URL$path" >/dev/null

say "measuring GET ${path%%\?*} for $DURATION each with $CONNECTIONS connections"
read -r d_rps d_p50 d_p99 d_bad <<<"$(measure "$CONSENT_URL$path")"
read -r g_rps g_p50 g_p99 g_bad <<<"$(measure "$GATEWAY_URL$path")"

printf '\n%-24s %12s %10s %10s %8s\n' "GET ${path%%\?*}" "requests/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-24s %12s %10s %10s %8s\n' "direct (consent)" "$d_rps" "$d_p50" "$d_p99" "$d_bad"
printf '%-24s %12s %10s %10s %8s\n' "through the gateway" "$g_rps" "$g_p50" "$g_p99" "$g_bad"
awk -v dr="$d_rps" -v gr="$g_rps" -v d50="$d_p50" -v g50="$g_p50" -v d99="$d_p99" -v g99="$g_p99" 'BEGIN {
  printf "%-24s %12.2f %10.2f %10.2f\n", "gateway / direct", gr/dr, g50/d50, g99/d99
  printf "%-24s %12s %10.2f %10.2f\n", "added by the gateway", "", g50-d50, g99-d99 }'
# machine-readable, for bench/run-all
awk -v dr="$d_rps" -v gr="$g_rps" -v d50="$d_p50" -v g50="$g_p50" 'BEGIN {
  printf "RESULT gateway direct_rps=%s gateway_rps=%s ratio=%.2f added_p50=%.2f\n", dr, gr, gr/dr, g50-d50 }'
