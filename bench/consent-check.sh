#!/usr/bin/env bash
# Benchmark of consent-service's hot path: GET /api/consent/check (bearer token validated, decision from the cache)
# against a bare Quarkus JSON endpoint (bench/json-baseline) in the same run, same load, same machine.
# Prints requests/s, p50 and p99 of both and their ratios. See docs/benchmarks.md.
#
# Env: BENCH_DURATION (20s), BENCH_CONNECTIONS (32), BENCH_WARMUP (5s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${BENCH_DURATION:-20s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-5s}"
BASELINE_PORT=8099
CONSENT=http://127.0.0.1:8081
BASELINE_JAR=bench/json-baseline/target/quarkus-app/quarkus-run.jar

# shellcheck source=lib.sh
source bench/lib.sh
ensure_hey

started_suite=0
if ! curl -sf "$CONSENT/q/health/ready" >/dev/null; then
  say "building consent-service and the baseline"
  ./mvnw -q -DskipTests package -pl consent-service,bench/json-baseline -am
  ./suite up
  started_suite=1
elif [[ ! -f "$BASELINE_JAR" ]]; then
  ./mvnw -q -DskipTests package -pl bench/json-baseline -am
fi

java -Xmx256m -jar "$BASELINE_JAR" >"${TMPDIR:-/tmp}/json-baseline.log" 2>&1 &
baseline_pid=$!
cleanup() {
  kill "$baseline_pid" 2>/dev/null || true
  if ((started_suite)); then ./suite down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$BASELINE_PORT/baseline" >/dev/null && break
  sleep 0.5
done

token="$(infra/keycloak.sh client-token privacy-services local-services-secret)"
device="$(cat /proc/sys/kernel/random/uuid)"
curl -sf -X PUT -H 'Content-Type: application/json' \
  -d '{"choices":{"analytics-cookies":true},"method":"custom"}' \
  "$CONSENT/api/consent/devices/$device" >/dev/null
check_url="$CONSENT/api/consent/check?subject=$device&purpose=analytics-cookies"
baseline_url="http://127.0.0.1:$BASELINE_PORT/baseline?subject=$device&purpose=analytics-cookies"
curl -sf -H "Authorization: Bearer $token" "$check_url" | grep -q '"allowed":true' \
  || { say "the check does not answer allowed=true; is the suite up to date?"; exit 1; }

measure() { hey -z "$DURATION" -c "$CONNECTIONS" "$@" | hey_figures; }

say "warming up ($WARMUP each)"
hey -z "$WARMUP" -c "$CONNECTIONS" "$baseline_url" >/dev/null
hey -z "$WARMUP" -c "$CONNECTIONS" -H "Authorization: Bearer $token" "$check_url" >/dev/null

say "measuring $DURATION each with $CONNECTIONS connections"
read -r b_rps b_p50 b_p99 b_bad <<<"$(measure "$baseline_url")"
read -r c_rps c_p50 c_p99 c_bad <<<"$(measure -H "Authorization: Bearer $token" "$check_url")"

printf '\n%-28s %12s %10s %10s %8s\n' "endpoint" "requests/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-28s %12s %10s %10s %8s\n' "bare Quarkus JSON" "$b_rps" "$b_p50" "$b_p99" "$b_bad"
printf '%-28s %12s %10s %10s %8s\n' "/api/consent/check" "$c_rps" "$c_p50" "$c_p99" "$c_bad"
awk -v br="$b_rps" -v cr="$c_rps" -v b50="$b_p50" -v c50="$c_p50" -v b99="$b_p99" -v c99="$c_p99" \
  'BEGIN {printf "%-28s %12.2f %10.2f %10.2f\n", "check / baseline", cr/br, c50/b50, c99/b99}'

# Goal 1's latency: p99 at half the check's maximum rate (hey -q is per connection, and fires the connections'
# requests together, so this is bursty load at that average).
half_per_connection=$(( c_rps / 2 / CONNECTIONS ))
((half_per_connection > 0)) || half_per_connection=1
read -r h_rps h_p50 h_p99 h_bad <<<"$(measure -q "$half_per_connection" -H "Authorization: Bearer $token" "$check_url")"
printf '%-28s %12s %10s %10s %8s\n' "/check at half its maximum" "$h_rps" "$h_p50" "$h_p99" "$h_bad"
echo "RESULT consent-check baseline_rps=$b_rps check_rps=$c_rps ratio=$(awk -v b="$b_rps" -v c="$c_rps" 'BEGIN {printf "%.2f", c/b}')" \
  "half_rate_rps=$h_rps half_rate_p99=$h_p99"
