#!/usr/bin/env bash
# Local database for privacy-suite: MariaDB standing in for MySQL 8.
#
#   infra/db.sh ensure            make sure the server answers; start a local mariadbd if it does not
#   infra/db.sh create-databases  create the per-service databases (IF NOT EXISTS)
#   infra/db.sh drop-databases    drop them again (all data lost)
#   infra/db.sh status            print up/down (exit 0 up, 3 down)
#
# Env: DB_HOST (127.0.0.1), DB_PORT (3306), DB_ROOT_USER (root), DB_ROOT_PASSWORD (empty),
#      DB_START_TIMEOUT (60). See infra/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_ROOT_USER="${DB_ROOT_USER:-root}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-}"
START_TIMEOUT="${DB_START_TIMEOUT:-60}"
MARIADBD=/usr/sbin/mariadbd

# One database per service; a service never reads another one's tables.
DATABASES=(privacy_consent privacy_account privacy_dsar privacy_newsletter)

log() { printf 'database: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=infra/lib/process.sh
. "$SCRIPT_DIR/lib/process.sh"

usage() {
  sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
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

client() {
  local c
  for c in mariadb mysql; do
    if command -v "$c" >/dev/null 2>&1; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  die "no mariadb/mysql client found (apt-get install mariadb-client)"
}

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
  *) usage ;;
esac
