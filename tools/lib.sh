# Shared shell helpers for tools/*. Source it; it sets ROOT and a few helpers.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
DEPS="$BUILD/deps"
export NODE_PATH=/usr/share/nodejs   # Debian's node modules (acorn) for emcc at -O1+

# Pinned versions of what tools/setup builds for the browser (the cache keys).
IMGUI_DEB_VERSION="1.90.1+ds-1"       # Debian trixie
IMGUI_DIR="$DEPS/imgui-$IMGUI_DEB_VERSION"
SODIUM_DEB_VERSION="1.0.18-1+deb12u1" # Debian bookworm
SODIUM_DIR="$DEPS/libsodium-$SODIUM_DEB_VERSION"
FONT_DIR="$DEPS/font"

# log's clock: minutes and seconds since the outermost tool started (tools/test runs tools/setup:
# one clock for both), so that each phase's time shows in a CI log.
: "${MIMAMORI_LOG_START:=$(date +%s)}"
export MIMAMORI_LOG_START
elapsed() { local s=$(($(date +%s) - MIMAMORI_LOG_START)); printf '%02d:%02d' $((s / 60)) $((s % 60)); }
log()  { printf '\033[1;34m==>\033[0m [%s] %s\n' "$(elapsed)" "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Number of parallel build jobs: the machine's cores, at most 4.
jobs() { local n; n=$(nproc 2>/dev/null || echo 2); [ "$n" -gt 4 ] && n=4; echo "$n"; }

# The PostgreSQL 15 binaries (Debian puts them outside PATH).
PG_BIN=/usr/lib/postgresql/15/bin

# run_as_postgres CMD...: PostgreSQL refuses to run as root; run as the postgres user then.
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- A private PostgreSQL cluster (tools/run: var/pg, tools/test: build/test-pg).
# pg_up DATADIR [durable]: creates the cluster if needed and starts it listening only on a unix
# socket in DATADIR/socket. Sets PG_SOCKET and PG_URL (the "app" superuser, database "postgres").
# "durable" keeps fsync and synchronous commits (tools/run); otherwise they are off (tests).
pg_up() {
  local data mode=${2:-fast}
  data=$(realpath -m "$1")
  PG_SOCKET="$data/socket"
  mkdir -p "$data"
  if [ ! -f "$data/db/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $data/db"
    mkdir -p "$data/db"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$data"
    run_pg "$PG_BIN/initdb" -D "$data/db" -A trust -U app -E UTF8 --locale=C --no-sync >"$data/initdb.log" 2>&1 \
      || die "initdb failed: see $data/initdb.log"
  fi
  mkdir -p "$PG_SOCKET"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$data"
  local opts="-c listen_addresses='' -k $PG_SOCKET -c max_connections=300"
  [ "$mode" = durable ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if ! run_pg "$PG_BIN/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
    run_pg "$PG_BIN/pg_ctl" -D "$data/db" -l "$data/postgres.log" -o "$opts" -w -t 60 start >/dev/null \
      || die "PostgreSQL did not start: see $data/postgres.log"
  fi
  PG_URL="postgresql:///postgres?host=$PG_SOCKET&user=app"
  export PG_SOCKET PG_URL
}

# pg_down DATADIR: stops the cluster cleanly (fast shutdown: ends sessions, checkpoints).
pg_down() {
  local data
  data=$(realpath -m "$1")
  run_pg "$PG_BIN/pg_ctl" -D "$data/db" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}
