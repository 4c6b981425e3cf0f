#!/usr/bin/env bash
# Benchmark of the officers' console (issue 16: every page under 100 ms server-side with 10,000 requests in
# dsar-service's database). Seeds BENCH_REQUESTS privacy requests (with participants and audit entries) straight
# into privacy_dsar, signs olivia in on the real Keycloak login page, then times each page BENCH_ROUNDS times on
# the console itself (http://127.0.0.1:8085, so the figure is the console's work and the API calls it makes, not
# the network). Prints p50, p95 and max per page. The seeded rows carry the message 'bench-seed';
# `bench/console-pages.sh --clean` deletes them. See docs/console.md.
#
# Env: BENCH_REQUESTS (10000), BENCH_ROUNDS (40), DB_HOST/DB_PORT/DB_USER (127.0.0.1/3306/root); to measure a
# console started elsewhere: BENCH_ENTRY (where the sign-in starts, default the gateway), BENCH_CONSOLE,
# BENCH_CONSENT (where the purpose catalogue is read), BENCH_DSAR_DB (privacy_dsar).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REQUESTS="${BENCH_REQUESTS:-10000}"
ROUNDS="${BENCH_ROUNDS:-40}"
GATEWAY="${BENCH_ENTRY:-http://127.0.0.1:8080}"
CONSOLE="${BENCH_CONSOLE:-http://127.0.0.1:8085}"
CONSENT="${BENCH_CONSENT:-$GATEWAY}"
KEYCLOAK="${KEYCLOAK_URL:-http://127.0.0.1:8180}"
sql() { mysql -h "${DB_HOST:-127.0.0.1}" -P "${DB_PORT:-3306}" -u "${DB_USER:-root}" "${BENCH_DSAR_DB:-privacy_dsar}" "$@"; }
# shellcheck source=lib.sh
source bench/lib.sh

if [[ "${1:-}" == "--clean" ]]; then
  sql -e "DELETE p FROM request_participant p JOIN privacy_request r ON r.id = p.request_id WHERE r.message = 'bench-seed';
          DELETE a FROM request_audit a JOIN privacy_request r ON r.id = a.request_id WHERE r.message = 'bench-seed';
          DELETE FROM privacy_request WHERE message = 'bench-seed';"
  say "seeded requests deleted"
  exit 0
fi

if ! curl -sf "$CONSOLE/q/health/ready" >/dev/null || ! curl -sf "$GATEWAY/q/health/ready" >/dev/null; then
  [[ -z "${BENCH_ENTRY:-}" ]] || { say "nothing answers at $GATEWAY"; exit 1; }
  say "starting the suite (./suite up)"
  ./suite up
fi

seeded="$(sql -N -e "SELECT COUNT(*) FROM privacy_request WHERE message = 'bench-seed'")"
if ((seeded < REQUESTS)); then
  say "seeding $((REQUESTS - seeded)) requests into privacy_dsar"
  # Spread over every status, type, jurisdiction and source; due dates from 20 days ago to 40 days ahead, so that
  # some are overdue, some due within 7 days; the fulfilled ones with three answered participants. Row numbers
  # come from a cross join of digits (up to 100,000), which MySQL 8 and MariaDB both accept in INSERT ... SELECT.
  DIGITS="(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)"
  sql <<SQL
INSERT INTO privacy_request (id, type, jurisdiction, status, source, subject_id, email, message, received_at, due_at,
    fulfilled_at, version, email_proof, email_proven_at)
SELECT UUID(),
       ELT(1 + i % 6, 'ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'OBJECTION', 'QUESTION'),
       ELT(1 + i % 2, 'GDPR', 'CCPA'),
       ELT(1 + i % 7, 'PENDING_APPROVAL', 'IN_PROGRESS', 'STALLED', 'FULFILLED', 'DENIED', 'CLOSED', 'IN_PROGRESS'),
       ELT(1 + i % 3, 'WEB', 'ACCOUNT_CLOSURE', 'AUTHORISED_AGENT'),
       NULL, CONCAT('bench-', i, '@example.com'), 'bench-seed',
       UTC_TIMESTAMP(6) - INTERVAL (i % 50) DAY,
       UTC_TIMESTAMP(6) + INTERVAL ((i * 7) % 60 - 20) DAY,
       IF(i % 7 = 3, UTC_TIMESTAMP(6) - INTERVAL (i % 80) DAY, NULL),
       0, 'MAILED_CODE', UTC_TIMESTAMP(6) - INTERVAL (i % 50) DAY
FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS i
      FROM $DIGITS a CROSS JOIN $DIGITS b CROSS JOIN $DIGITS c CROSS JOIN $DIGITS e CROSS JOIN $DIGITS f) n
WHERE i <= $((REQUESTS - seeded));
INSERT INTO request_participant (request_id, service, outcome, records_json, retained_json, asked_at, asks, answered_at, failures)
SELECT r.id, s.service, 'ERASED',
       '[{"recordType":"profile","action":"DELETE","count":1},{"recordType":"orders","action":"ANONYMISE","count":3}]',
       '[{"recordType":"invoices","legalBasis":"LEGAL_OBLIGATION","until":"2033-12-31T00:00:00Z"}]',
       r.received_at, 1, r.received_at + INTERVAL 1 HOUR, 0
FROM privacy_request r
JOIN (SELECT 'consent-service' AS service UNION ALL SELECT 'account-service' UNION ALL SELECT 'newsletter-service') s
WHERE r.message = 'bench-seed'
  AND NOT EXISTS (SELECT 1 FROM request_participant p WHERE p.request_id = r.id);
INSERT INTO request_audit (request_id, at, actor, action, from_status, to_status, detail)
SELECT r.id, r.received_at, 'bench', 'received', NULL, r.status, NULL
FROM privacy_request r
WHERE r.message = 'bench-seed' AND NOT EXISTS (SELECT 1 FROM request_audit a WHERE a.request_id = r.id);
SQL
fi
total="$(sql -N -e "SELECT COUNT(*) FROM privacy_request")"
say "${BENCH_DSAR_DB:-privacy_dsar} holds $total requests"

# olivia signs in on Keycloak's login page; the console's session cookie is then used on the console directly.
jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT
login="$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$GATEWAY/console/")"
action="$(curl -s -c "$jar" -b "$jar" "$login" | grep -o 'action="[^"]*"' | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g')"
back="$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  --data-urlencode username=olivia --data-urlencode password=olivia-pass "$action")"
curl -s -c "$jar" -b "$jar" -o /dev/null "$back"
code="$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$CONSOLE/console/")"
[[ "$code" == 200 ]] || { say "olivia's session does not open the queue (HTTP $code)"; exit 1; }

request="$(sql -N -e "SELECT id FROM privacy_request WHERE message = 'bench-seed' AND status = 'FULFILLED' LIMIT 1")"
pending="$(sql -N -e "SELECT id FROM privacy_request WHERE message = 'bench-seed' AND status = 'PENDING_APPROVAL' LIMIT 1")"
cursor_page="$(curl -s -b "$jar" "$CONSOLE/console/" | grep -o 'href="/console/?[^"]*after=[^"]*"' | head -1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')"
purpose="$(curl -s "$CONSENT/api/consent/purposes" | grep -o '"key":"[^"]*"' | head -1 | cut -d'"' -f4)"
pages=(
  "/console/"
  "/console/?status=STALLED"
  "/console/?overdue=true&type=ERASURE"
  "/console/?dueWithinDays=7&source=AUTHORISED_AGENT"
  "$cursor_page"
  "/console/requests/$request"
  "/console/requests/$pending/confirm/deny"
  "/console/overview"
  "/console/purposes"
  "/console/purposes/$purpose"
  "/console/agents"
)

printf '\n%-58s %8s %8s %8s %6s\n' "page (server-side, ${ROUNDS} rounds)" "p50 ms" "p95 ms" "max ms" "HTTP"
for page in "${pages[@]}"; do
  for _ in 1 2 3 4 5; do curl -s -b "$jar" -o /dev/null "$CONSOLE$page"; done
  times=()
  status=""
  for _ in $(seq 1 "$ROUNDS"); do
    read -r s t <<<"$(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}' "$CONSOLE$page")"
    status="$s"
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v page="${page:0:58}" -v status="$status" '
    {t[NR] = $1 * 1000}
    END {p50 = t[int((NR + 1) / 2)]; p95 = t[int(NR * 0.95 + 0.5)]; printf "%-58s %8.1f %8.1f %8.1f %6s\n", page, p50, p95, t[NR], status}'
done
