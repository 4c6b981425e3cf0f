# Shared by the benchmark scripts (sourced): messages, the load generator, and reading its figures.

say() { printf 'bench: %s\n' "$*" >&2; }

# hey (https://github.com/rakyll/hey) from Debian when missing.
ensure_hey() {
  command -v hey >/dev/null && return 0
  say "installing hey (HTTP load generator) from Debian"
  apt-get install -y -qq hey >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hey >/dev/null; }
}

# Reads hey's report on stdin; prints "requests/s p50_ms p99_ms non-2xx" (connection errors count as non-2xx).
hey_figures() {
  awk '/Requests\/sec/ {rps=$2} /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
       /\[[1345][0-9][0-9]\]/ {bad+=$2} /Error distribution/ {errors=1} errors && /\[[0-9]+\]/ {bad+=substr($1,2)}
       END {printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad}'
}

# The machine's load average (1, 5, 15 minutes), for the record of a run.
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
