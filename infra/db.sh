#!/usr/bin/env bash
# Local database for privacy-suite: MariaDB standing in for MySQL 8.
#
#   infra/db.sh ensure            make sure the server answers; start a local mariadbd if it does not
#   infra/db.sh create-databases  create the per-service databases (IF NOT EXISTS)
#   infra/db.sh drop-databases    drop them again (all data lost)
#   infra/db.sh status            print up/down (exit 0 up, 3 down)
#   infra/db.sh dump DIR          back up every suite database into DIR (one consistent dump each, a manifest)
#   infra/db.sh load DIR          replace every suite database with its dump in DIR (all newer data lost)
#   infra/db.sh replay-journal-from DB TIME   mark DB's service to replay the erasure journal from TIME
#
# Env: DB_HOST (127.0.0.1), DB_PORT (3306), DB_ROOT_USER (root), DB_ROOT_PASSWORD (empty),
#      DB_START_TIMEOUT (60), DB_DATABASES (the suite's). See infra/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_ROOT_USER="${DB_ROOT_USER:-root}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-}"
START_TIMEOUT="${DB_START_TIMEOUT:-60}"
MARIADBD=/usr/sbin/mariadbd

# One database per service (and the gateway's, for its shared rate limits); none reads another one's tables.
DATABASES=(privacy_consent privacy_account privacy_dsar privacy_newsletter privacy_gateway)
# DB_DATABASES (space separated) replaces the list, e.g. for a drill on scratch databases.
if [[ -n "${DB_DATABASES:-}" ]]; then read -r -a DATABASES <<<"$DB_DATABASES"; fi

log() { printf 'database: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=infra/lib/process.sh
. "$SCRIPT_DIR/lib/process.sh"

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}


# Reads the server greeting (MySQL protocol: the server speaks first) and prints
# the version, e.g. 5.5.5-10.11.6-MariaDB: proves a database answers, not just a port.
server_version() {
  local v
  # shellcheck disable=SC2016 # $1/$2 expand in the child shell
  v="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && head -c 96 <&3' _ "$DB_HOST" "$DB_PORT" 2>/dev/null \
    | tr -c '[:print:]' '\n' | grep -m 1 -E '^[0-9]+\.[0-9]+\.[0-9]+' || true)"
  [[ -n "$v" ]] || return 1
  v="${v#5.5.5-}" # MariaDB prefixes its real version with 5.5.5- for old clients
  printf '%s\n' "$v"
}

# Prints the first of the named commands that is installed, or dies naming them.
first_command() {
  local c
  for c in "$@"; do
    if command -v "$c" >/dev/null 2>&1; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  die "none of $* found (apt-get install mariadb-client)"
}

client() { first_command mariadb mysql; }

# Runs SQL as the root user over TCP; the password travels in MYSQL_PWD so it
# never shows up in the process list.
sql() {
  local cli
  cli="$(client)"
  MYSQL_PWD="$DB_ROOT_PASSWORD" "$cli" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" \
    -u "$DB_ROOT_USER" --batch --skip-column-names -e "$1"
}

is_local_host() {
  [[ "$DB_HOST" == 127.0.0.1 || "$DB_HOST" == localhost || "$DB_HOST" == ::1 ]]
}

start_server() {
  [[ -x "$MARIADBD" ]] || die "nothing answers on $DB_HOST:$DB_PORT and $MARIADBD is not installed (apt-get install mariadb-server)"
  [[ "$(id -u)" == 0 ]] || die "nothing answers on $DB_HOST:$DB_PORT; starting $MARIADBD needs root (or start MariaDB/MySQL yourself)"
  log "nothing answers on $DB_HOST:$DB_PORT; starting $MARIADBD"
  if command -v service >/dev/null 2>&1 && service mariadb start >&2; then
    return 0
  fi
  # Without an init system: the socket directory must exist, and mariadbd
  # refuses to run as root unless told which user to switch to.
  install -d -o mysql -g mysql /run/mysqld
  start-stop-daemon --start --oknodo --background --exec "$MARIADBD" -- --user=mysql
}

cmd_ensure() {
  local start now version dots=0
  if version="$(server_version)"; then
    log "up on $DB_HOST:$DB_PORT ($version)"
    return 0
  fi
  if port_open "$DB_HOST" "$DB_PORT"; then
    die "something answers on $DB_HOST:$DB_PORT but it is not a MySQL/MariaDB server"
  fi
  is_local_host || die "nothing answers on $DB_HOST:$DB_PORT (a remote host is not started by this script)"
  start_server
  start="$(date +%s)"
  until server_version >/dev/null; do
    now="$(date +%s)"
    if ((now - start >= START_TIMEOUT)); then
      if ((dots)); then printf '\n' >&2; fi
      die "MariaDB did not answer on $DB_HOST:$DB_PORT within ${START_TIMEOUT}s (see /var/log/mysql/ or journal)"
    fi
    printf '.' >&2
    dots=1
    sleep 1
  done
  if ((dots)); then printf '\n' >&2; fi
  log "up on $DB_HOST:$DB_PORT ($(server_version)) after $(($(date +%s) - start))s"
}

cmd_create() {
  local db stmt=""
  for db in "${DATABASES[@]}"; do
    stmt+="CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; "
  done
  sql "$stmt" || die "could not create the databases on $DB_HOST:$DB_PORT as $DB_ROOT_USER"
  log "databases ready: ${DATABASES[*]}"
}

cmd_drop() {
  local db stmt=""
  for db in "${DATABASES[@]}"; do
    stmt+="DROP DATABASE IF EXISTS \`$db\`; "
  done
  sql "$stmt" || die "could not drop the databases on $DB_HOST:$DB_PORT as $DB_ROOT_USER"
  log "dropped: ${DATABASES[*]}"
}

dump_client() { first_command mariadb-dump mysqldump; }

# One file per database (--single-transaction: a consistent snapshot of each without locking the services out),
# plus manifest.env with the time the backup started: a restore replays the erasure journal from that time on
# (docs/operations.md). The time is taken before the first dump, so the replay starts early rather than late.
cmd_dump() {
  local dir="${1:-}" dumper db taken
  [[ -n "$dir" ]] || die "usage: infra/db.sh dump DIR"
  mkdir -p "$dir"
  [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty; back up into a new directory"
  dumper="$(dump_client)"
  taken="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for db in "${DATABASES[@]}"; do
    MYSQL_PWD="$DB_ROOT_PASSWORD" "$dumper" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_ROOT_USER" \
      --single-transaction --routines --triggers --hex-blob --skip-dump-date "$db" | gzip >"$dir/$db.sql.gz" \
      || die "could not dump $db"
  done
  {
    printf 'BACKUP_TAKEN_AT=%s\n' "$taken"
    printf 'BACKUP_DATABASES="%s"\n' "${DATABASES[*]}"
    printf 'BACKUP_SERVER="%s"\n' "$(server_version || echo unknown)"
  } >"$dir/manifest.env"
  log "backed up ${DATABASES[*]} to $dir (taken at $taken)"
}

cmd_load() {
  local dir="${1:-}" cli db taken
  [[ -n "$dir" && -f "$dir/manifest.env" ]] || die "usage: infra/db.sh load DIR (a directory written by dump)"
  for db in "${DATABASES[@]}"; do
    [[ -f "$dir/$db.sql.gz" ]] || die "$dir has no dump of $db; nothing was changed"
  done
  cli="$(client)"
  for db in "${DATABASES[@]}"; do
    sql "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" \
      || die "could not recreate $db"
    gzip -dc "$dir/$db.sql.gz" | MYSQL_PWD="$DB_ROOT_PASSWORD" "$cli" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" \
      -u "$DB_ROOT_USER" "$db" || die "could not load $db"
  done
  taken="$(sed -n 's/^BACKUP_TAKEN_AT=//p' "$dir/manifest.env")"
  log "restored ${DATABASES[*]} from $dir (taken at $taken)"
  printf '%s\n' "$taken"
}

# After a restore: tells the participant owning DB to replay the erasure journal from TIME (minus five minutes for
# clock skew between the database host and the Kafka producers) on its next start. The table's shape is the
# contract with the services (docs/operations.md, "Restore"); they mark the row done once replayed.
cmd_replay_from() {
  local db="${1:-}" taken="${2:-}"
  [[ -n "$db" && "$taken" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] \
    || die "usage: infra/db.sh replay-journal-from DATABASE YYYY-MM-DDTHH:MM:SSZ"
  sql "CREATE TABLE IF NOT EXISTS \`$db\`.erasure_journal_replay (
         id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
         replay_from DATETIME(6) NOT NULL,
         requested_at DATETIME(6) NOT NULL,
         done_at DATETIME(6) NULL);
       INSERT INTO \`$db\`.erasure_journal_replay (replay_from, requested_at)
         VALUES (TIMESTAMPADD(MINUTE, -5, '${taken:0:10} ${taken:11:8}'), UTC_TIMESTAMP(6));" \
    || die "could not mark $db for replay"
  log "$db replays the erasure journal from $taken (minus 5 min) on its next start"
}

cmd_status() {
  local version
  if version="$(server_version)"; then
    echo "database: up ($DB_HOST:$DB_PORT, $version)"
    return 0
  fi
  echo "database: down ($DB_HOST:$DB_PORT)"
  return 3
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  create-databases) cmd_create ;;
  drop-databases) cmd_drop ;;
  status) cmd_status ;;
  dump) shift; cmd_dump "$@" ;;
  load) shift; cmd_load "$@" ;;
  replay-journal-from) shift; cmd_replay_from "$@" ;;
  *) usage ;;
esac
