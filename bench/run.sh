#!/usr/bin/env bash
# Runs a Sori.Bench scenario on SQLite and on a throwaway PostgreSQL cluster that it starts on a
# free 127.0.0.1 port and removes afterwards.   usage: bench/run.sh <scenario> [options]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[bench/run.sh]\033[0m %s\n' "$*" >&2; }
[ $# -ge 1 ] || { dotnet run -c Release --project bench/Sori.Bench -- --help; exit 2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/sori-bench-pg.XXXXXX)
chmod 755 "$work"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pgport=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"

cleanup() {
  set +e
  if [ -f "$work/pg/postmaster.pid" ]; then as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1; fi
  rm -rf "$work"
}
trap cleanup EXIT

# fsync stays on; synchronous_commit=off gives the durability SQLite has in Sori (WAL, synchronous=NORMAL):
# a power cut may lose the last commits but never corrupts. Anything laxer would flatter PostgreSQL.
log "starting PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport"
as_pg "$pgbin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -w -l "$work/pg.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -c unix_socket_directories=$work -c max_connections=300 -c synchronous_commit=off" \
  start >/dev/null

# SORI_BENCH_PG_EXTRA adds connection-string settings, e.g. "Max Auto Prepare=20" to try Npgsql's statement preparation.
export SORI_BENCH_COMMAND="${SORI_BENCH_PG_EXTRA:+SORI_BENCH_PG_EXTRA=\"$SORI_BENCH_PG_EXTRA\" }bench/run.sh $*"
set +e
dotnet run -c Release --project bench/Sori.Bench -- "$@" \
  --postgres "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres${SORI_BENCH_PG_EXTRA:+;$SORI_BENCH_PG_EXTRA}"
rc=$?
set -e
exit $rc
