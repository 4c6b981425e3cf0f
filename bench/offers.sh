#!/usr/bin/env bash
# Benchmark of GET /api/offers (issue 22: p99 < 10 ms at 32 connections): a consenting device with a profile
# (personalised: consent decision from the cache, one profile read, the catalogue from memory) and a device without
# consent (the list everyone gets), on newsletter-service. (Through the gateway its per-client rate limit would
# answer most of them 429; what the gateway adds is bench/gateway/check-bench.sh's figure.) See docs/benchmarks.md.
#
# Each is measured flat out (hey as fast as the 32 connections go: on a 2-core machine shared with the load
# generator this measures queueing as much as the endpoint) and at a steady rate of BENCH_RATE requests/s per
# connection (default 15, 480 requests/s in all), the latency a visitor sees when the service is not saturated.
#
# Env: BENCH_DURATION (20s), BENCH_CONNECTIONS (32), BENCH_WARMUP (10s), BENCH_RATE (15).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${BENCH_DURATION:-20s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-10s}"
RATE="${BENCH_RATE:-15}"
CONSENT=http://127.0.0.1:8081
NEWSLETTER=http://127.0.0.1:8084

# shellcheck source=lib.sh
source bench/lib.sh
ensure_hey

started_suite=0
if ! curl -sf "$NEWSLETTER/q/health/ready" >/dev/null; then
  say "building and starting the suite"
  ./mvnw -q -DskipTests package -pl consent-service,newsletter-service -am
  ./suite up
  started_suite=1
fi
cleanup() { if ((started_suite)); then ./suite down >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

new_device() { cat /proc/sys/kernel/random/uuid; }
choose() {
  curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"choices\":{\"advertising-cookies\":$2},\"method\":\"custom\"}" \
    "$CONSENT/api/consent/devices/$1" >/dev/null
}
consenting="$(new_device)"
refusing="$(new_device)"
choose "$consenting" true
choose "$refusing" false
for topics in '"recipes"' '"recipes","appliances"' '"recipes"' '"care-tips"'; do
  curl -sf -X POST -H 'Content-Type: application/json' -d "{\"deviceId\":\"$consenting\",\"topics\":[$topics]}" \
    "$NEWSLETTER/api/offers/page-views" >/dev/null
done
curl -sf "$NEWSLETTER/api/offers?deviceId=$consenting" | grep -q '"personalised":true' \
  || { say "the consenting device's offers are not personalised; is the suite up to date?"; exit 1; }

measure() { hey -z "$DURATION" -c "$CONNECTIONS" "$@" | hey_figures; }

declare -A urls=(
  ["offers, personalised"]="$NEWSLETTER/api/offers?deviceId=$consenting&limit=4"
  ["offers, no consent"]="$NEWSLETTER/api/offers?deviceId=$refusing&limit=4"
)
order=("offers, personalised" "offers, no consent")

say "warming up ($WARMUP each)"
for name in "${order[@]}"; do hey -z "$WARMUP" -c "$CONNECTIONS" "${urls[$name]}" >/dev/null; done

say "measuring $DURATION each with $CONNECTIONS connections; load before: $(load_average)"
printf '\n%-28s %12s %10s %10s %8s\n' "endpoint" "requests/s" "p50 ms" "p99 ms" "non-2xx"
declare -A flat_rps flat_p99
for name in "${order[@]}"; do
  read -r rps p50 p99 bad <<<"$(measure "${urls[$name]}")"
  flat_rps[$name]=$rps
  flat_p99[$name]=$p99
  printf '%-28s %12s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "$bad"
  read -r rps p50 p99 bad <<<"$(measure -q "$RATE" "${urls[$name]}")"
  printf '%-28s %12s %10s %10s %8s\n' "  at $((RATE * CONNECTIONS)) requests/s" "$rps" "$p50" "$p99" "$bad"
done
say "load after: $(load_average)"
# machine-readable, for bench/run-all
echo "RESULT offers personalised_rps=${flat_rps["offers, personalised"]} personalised_p99=${flat_p99["offers, personalised"]}" \
  "standard_rps=${flat_rps["offers, no consent"]} standard_p99=${flat_p99["offers, no consent"]}"
