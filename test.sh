#!/usr/bin/env bash
# The one test command: installs what the tests need if missing, starts throwaway servers on
# 127.0.0.1, runs every test project, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1m[test.sh]\033[0m %s\n' "$*"; }

# --- packages -------------------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)   # the browser tests drive Debian's Chromium through Playwright
if ((${#need[@]})); then
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- throwaway PostgreSQL -------------------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/sori-test.XXXXXX)
chmod 755 "$work"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pgport=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"

cleanup() {
  set +e
  if [ -f "$work/pg/postmaster.pid" ]; then as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1; fi
  rm -rf "$work"
}
trap cleanup EXIT

log "starting PostgreSQL on 127.0.0.1:$pgport"
as_pg "$pgbin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -w -l "$work/pg.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -c unix_socket_directories=$work -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
export SORI_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Include Error Detail=true"

# --- tests ----------------------------------------------------------------------------------
log "building"
dotnet build Sori.slnx -c Release -nologo -v q -clp:ErrorsOnly
log "running tests"
dotnet test Sori.slnx -c Release --no-build -nologo -v q "$@"
log "all tests passed"
