#!/usr/bin/env bash
# Benchmark of the officers' queue at scale: seeds 1,000,000 privacy requests (5% open, one in ten with three
# participants, some re-asks due) into a database of its own, starts dsar-service on it, and prints
#   - the latency of the queue's first page (open requests by deadline), of a status filter, of the page after
#     twenty others (keyset), and of the summary, as p50/p99 over sequential requests with an officer token;
#   - the cost of one round of the periodic job (re-asks, anonymisation, export deletion) from its timer.
# Goal (issue #13): first page < 50 ms. The summary is cached for dsar.summary-max-age (15 s), so its figure is
# mostly the cache; its first computation shows in p99. See docs/benchmarks.md.
#
# Needs what ./suite up needs (Kafka on 9092 and Keycloak on 8180 are started when absent), hey and mysql clients.
# Env: BENCH_REQUESTS (1000000), BENCH_SAMPLES (200), BENCH_PORT (8093).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REQUESTS="${BENCH_REQUESTS:-1000000}"
SAMPLES="${BENCH_SAMPLES:-200}"
PORT="${BENCH_PORT:-8093}"
DB=privacy_dsar_bench
DSAR="http://127.0.0.1:$PORT"
JAR=dsar-service/target/quarkus-app/quarkus-run.jar
LOG="${TMPDIR:-/tmp}/dsar-queue-bench.log"
MYSQL=(mysql -h 127.0.0.1 -P 3306 -u root --protocol=TCP)

# shellcheck source=lib.sh
source bench/lib.sh

ensure_hey
infra/db.sh ensure >/dev/null
infra/kafka.sh start >/dev/null
[[ -f "$JAR" ]] || ./mvnw -q -DskipTests package -pl dsar-service -am

say "fresh database $DB"
"${MYSQL[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"

DB_URL="jdbc:mysql://127.0.0.1:3306/$DB" DSAR_EXPORT_KEY=bench-only-dsar-export-key DSAR_JOBS_EVERY=2s \
  PRIVACY_EVENTS_CONSUMER_GROUP_ID_PREFIX="bench-$$." \
  java -Xmx512m -Dquarkus.http.port="$PORT" -jar "$JAR" >"$LOG" 2>&1 &
dsar_pid=$!
stop_dsar() { kill "$dsar_pid" 2>/dev/null && wait "$dsar_pid" 2>/dev/null || true; }
trap stop_dsar EXIT
for _ in $(seq 1 120); do
  curl -sf "$DSAR/q/health/ready" >/dev/null && break
  kill -0 "$dsar_pid" 2>/dev/null || { tail -30 "$LOG" >&2; exit 1; }
  sleep 1
done

say "seeding $REQUESTS requests (set-based INSERT ... SELECT; the schema is dsar-service's own, from Liquibase)"
seed_started=$(date +%s)
"${MYSQL[@]}" "$DB" <<SQL
CREATE TABLE bench_digit (d INT PRIMARY KEY);
INSERT INTO bench_digit VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
CREATE TABLE bench_seq (n INT PRIMARY KEY);
INSERT INTO bench_seq SELECT a.d + 10*b.d + 100*c.d + 1000*e.d + 10000*f.d + 100000*g.d
  FROM bench_digit a, bench_digit b, bench_digit c, bench_digit e, bench_digit f, bench_digit g
  WHERE a.d + 10*b.d + 100*c.d + 1000*e.d + 10000*f.d + 100000*g.d < $REQUESTS;
INSERT INTO privacy_request (id, type, jurisdiction, status, source, subject_id, received_at, due_at, fulfilled_at,
    closed_at, anonymised_at, version, export_data_held)
SELECT LOWER(CONCAT(LPAD(HEX(n), 8, '0'), '-0000-4000-8000-', LPAD(HEX(n), 12, '0'))),
       ELT(1 + CRC32(n) % 4, 'ACCESS', 'ERASURE', 'QUESTION', 'PORTABILITY'),
       ELT(1 + CRC32(n + 1) % 2, 'GDPR', 'CCPA'),
       CASE WHEN n % 20 = 0 THEN ELT(1 + (n DIV 20) % 4, 'UNVERIFIED', 'PENDING_APPROVAL', 'IN_PROGRESS', 'STALLED')
            WHEN n % 20 = 1 THEN 'CLOSED' ELSE 'FULFILLED' END,
       ELT(1 + CRC32(n + 2) % 3, 'WEB', 'ACCOUNT_CLOSURE', 'AUTHORISED_AGENT'),
       CONCAT('bench-subject-', n),
       NOW(6) - INTERVAL (n % 730) DAY,
       NOW(6) - INTERVAL (n % 730) DAY + INTERVAL 30 DAY,
       CASE WHEN n % 20 > 1 THEN NOW(6) - INTERVAL (n % 730) DAY + INTERVAL (n % 29) DAY END,
       CASE WHEN n % 20 = 1 THEN NOW(6) - INTERVAL (n % 730) DAY + INTERVAL 20 DAY END,
       CASE WHEN n % 20 = 1 THEN NOW(6) - INTERVAL (n % 730) DAY + INTERVAL 50 DAY END,
       0, FALSE
  FROM bench_seq;
INSERT INTO request_participant (request_id, service, outcome, asked_at, asks, next_ask_at, failures)
SELECT r.id, s.service, CASE WHEN r.status = 'FULFILLED' THEN 'ERASED' END, r.received_at, 1,
       CASE WHEN r.status IN ('IN_PROGRESS', 'STALLED') AND s.service = 'newsletter-service'
            THEN NOW(6) + INTERVAL 1 HOUR END, 0
  FROM privacy_request r
  JOIN (SELECT 'consent-service' AS service UNION ALL SELECT 'account-service'
        UNION ALL SELECT 'newsletter-service') s
 WHERE CONV(SUBSTRING(r.id, 25), 16, 10) % 10 = 0;
DROP TABLE bench_seq;
DROP TABLE bench_digit;
ANALYZE TABLE privacy_request, request_participant;
SQL
say "seeded in $(( $(date +%s) - seed_started ))s: $("${MYSQL[@]}" -N "$DB" -e 'SELECT COUNT(*) FROM privacy_request') requests, $("${MYSQL[@]}" -N "$DB" -e 'SELECT COUNT(*) FROM request_participant') participants"

infra/keycloak.sh start >/dev/null
# A fresh officer token for each measurement: the realm's tokens live five minutes.
officer() { auth=(-H "Authorization: Bearer $(infra/keycloak.sh token olivia olivia-pass)"); }
officer

# Prints "p50_ms p99_ms non2xx" of SAMPLES sequential requests.
latency() {
  officer
  hey -n "$SAMPLES" -c 1 "${auth[@]}" "$1" | awk '/50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
    /\[[1345][0-9][0-9]\]/ {bad+=$2} END {printf "%.1f %.1f %d\n", p50, p99, bad}'
}

# The address of the page after twenty others, followed through the Link headers.
deep="/api/privacy-requests?open=true"
for _ in $(seq 1 20); do
  next="$(curl -sS -D - -o /dev/null "${auth[@]}" "$DSAR$deep" | tr -d '\r' | sed -n 's/^[Ll]ink: <\([^>]*\)>; rel="next"$/\1/p')"
  [[ -n "$next" ]] || break
  deep="$next"
done

hey -n 50 -c 1 "${auth[@]}" "$DSAR/api/privacy-requests?open=true" >/dev/null # warm-up

printf '\n%-52s %8s %8s %8s\n' "$REQUESTS-request queue ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))" "p50 ms" "p99 ms" "non-2xx"
for path in "/api/privacy-requests?open=true" "/api/privacy-requests?status=STALLED&type=ERASURE" \
    "/api/privacy-requests?overdue=true&source=AUTHORISED_AGENT" "$deep" "/api/privacy-requests/summary"; do
  read -r p50 p99 bad <<<"$(latency "$DSAR$path")"
  printf '%-52s %8s %8s %8s\n' "${path:0:52}" "$p50" "$p99" "$bad"
done

# The job's steady cost: rounds in a 20 s window after the first rounds have met the full tables.
job_totals() { curl -sf "$DSAR/q/metrics" | awk '/^dsar_jobs_round_seconds_count/ {n=$2} /^dsar_jobs_round_seconds_sum/ {s=$2} END {print n, s}'; }
sleep 10
read -r n1 s1 <<<"$(job_totals)"
sleep 20
read -r n2 s2 <<<"$(job_totals)"
awk -v n1="$n1" -v s1="$s1" -v n2="$n2" -v s2="$s2" 'BEGIN {
  printf "\n%-52s %8.1f ms per round (%d rounds in 20 s)\n", "periodic job (re-asks, anonymise, exports)", (s2-s1)/(n2-n1)*1000, n2-n1 }'

stop_dsar
"${MYSQL[@]}" -e "DROP DATABASE $DB"
