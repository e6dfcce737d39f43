#!/usr/bin/env bash
# The one test command: installs what the tests need if missing, starts throwaway servers on
# 127.0.0.1, runs every test project, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1m[test.sh]\033[0m %s\n' "$*"; }

# --- packages -------------------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || need+=(chromium)   # the browser tests drive Debian's Chromium through Playwright
[ -x /usr/bin/redis-server ] || need+=(redis-server)   # live updates between nodes
command -v openssl >/dev/null || need+=(openssl)   # a throwaway certificate for the TLS mail listeners
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
  for pidfile in "$work/dovecot.pid" "$work/smtp.pid" "$work/smtp-tls.pid" "$work/redis.pid"; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null; wait "$(cat "$pidfile")" 2>/dev/null; fi
  done
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

# --- a throwaway self-signed certificate for the TLS listeners below (never trusted by the system) ---
tls="$work/tls"
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=sori-test-mail" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
chmod 644 "$tls/key.pem" "$tls/cert.pem"
fingerprint=$(openssl x509 -in "$tls/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2)
# An OAuth2 access token both servers accept for XOAUTH2 / OAUTHBEARER (the tests' token endpoint hands it out).
oauthtoken="ya29.sori-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# --- throwaway Dovecot IMAP server on loopback: plain (with STARTTLS) and implicit TLS, one user,
#     maildir under $work; the user signs in with a password, or with the OAuth2 token above -------
imapport=$(free_port)
imapsport=$(free_port)
dc="$work/dovecot"
mkdir -p "$dc/run" "$dc/mail/sori"
if [ "$(id -u)" = 0 ]; then
  mailuid=$(id -u nobody); mailgid=$(id -g nobody); loginuser=dovenull; internaluser=dovecot
  chown -R "$mailuid:$mailgid" "$dc/mail"
else
  mailuid=$(id -u); mailgid=$(id -g); loginuser=$(id -un); internaluser=$(id -un)
fi
imappass="sori-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
echo "sori:{PLAIN}$imappass:$mailuid:$mailgid::$dc/mail/sori::" > "$dc/users"
echo "sori:{PLAIN}$oauthtoken:$mailuid:$mailgid::$dc/mail/sori::" > "$dc/tokens"
{
  echo "protocols = imap"
  echo "listen = 127.0.0.1"
  echo "base_dir = $dc/run"
  echo "state_dir = $dc/run"
  echo "log_path = $dc/dovecot.log"
  echo "ssl = yes"
  echo "ssl_cert = <$tls/cert.pem"
  echo "ssl_key = <$tls/key.pem"
  echo "disable_plaintext_auth = no"
  echo "auth_mechanisms = plain login xoauth2 oauthbearer"
  echo "auth_failure_delay = 0"
  echo "login_trusted_networks = 127.0.0.0/8"
  echo "default_login_user = $loginuser"
  echo "default_internal_user = $internaluser"
  echo "first_valid_uid = 1"
  echo "mail_location = maildir:~/Maildir"
  echo "mailbox_idle_check_interval = 1 secs"
  echo "passdb {"
  echo "  driver = passwd-file"
  echo "  args = scheme=PLAIN username_format=%u $dc/users"
  echo "  mechanisms = plain login"
  echo "}"
  echo "passdb {"
  echo "  driver = passwd-file"
  echo "  args = scheme=PLAIN username_format=%u $dc/tokens"
  echo "  mechanisms = xoauth2 oauthbearer"
  echo "}"
  echo "userdb {"
  echo "  driver = passwd-file"
  echo "  args = username_format=%u $dc/users"
  echo "}"
  echo "service imap-login {"
  echo "  inet_listener imap {"
  echo "    address = 127.0.0.1"
  echo "    port = $imapport"
  echo "  }"
  echo "  inet_listener imaps {"
  echo "    address = 127.0.0.1"
  echo "    port = $imapsport"
  echo "    ssl = yes"
  echo "  }"
  echo "}"
} > "$dc/dovecot.conf"
log "starting Dovecot IMAP on 127.0.0.1:$imapport (STARTTLS) and :$imapsport (TLS)"
/usr/sbin/dovecot -F -c "$dc/dovecot.conf" > "$dc/stdout.log" 2>&1 &
echo $! > "$work/dovecot.pid"
export SORI_TEST_IMAP="Host=127.0.0.1;Port=$imapport;TlsPort=$imapsport;Username=sori;Password=$imappass;OAuthToken=$oauthtoken;Fingerprint=$fingerprint;Certificate=$tls/cert.pem"

# --- SMTP sink (aiosmtpd): every message it receives lands as a file in $work/smtp/new ----------
smtpport=$(free_port)
mkdir -p "$work/smtp"
log "starting the SMTP sink on 127.0.0.1:$smtpport"
PYTHONPATH="$PWD/tests/tools" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtpport" -c smtp_sink.Sink "$work/smtp" \
  > "$work/smtp.log" 2>&1 &
echo $! > "$work/smtp.pid"
export SORI_TEST_SMTP="Host=127.0.0.1;Port=$smtpport;Directory=$work/smtp"

# --- the same sink behind STARTTLS and implicit TLS, signing in by password or OAuth2 token -------
smtpstartport=$(free_port)
smtpsport=$(free_port)
smtppass="smtp-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
log "starting the TLS SMTP sink on 127.0.0.1:$smtpstartport (STARTTLS) and :$smtpsport (TLS)"
PYTHONPATH="$PWD/tests/tools" SMTP_PASSWORD="$smtppass" SMTP_OAUTH_TOKEN="$oauthtoken" /usr/bin/python3 "$PWD/tests/tools/smtp_tls_sink.py" \
  --starttls "127.0.0.1:$smtpstartport" --tls "127.0.0.1:$smtpsport" --cert "$tls/cert.pem" --key "$tls/key.pem" \
  --user sori "$work/smtp" > "$work/smtp-tls.log" 2>&1 &
echo $! > "$work/smtp-tls.pid"
export SORI_TEST_SMTP_TLS="Host=127.0.0.1;StartTlsPort=$smtpstartport;TlsPort=$smtpsport;Username=sori;Password=$smtppass;OAuthToken=$oauthtoken;Fingerprint=$fingerprint;Directory=$work/smtp"

# --- throwaway Redis: no persistence, loopback only, for live updates between two Sori nodes -----
redisport=$(free_port)
mkdir -p "$work/redis"
log "starting Redis on 127.0.0.1:$redisport"
/usr/bin/redis-server --bind 127.0.0.1 --port "$redisport" --save '' --appendonly no --dir "$work/redis" \
  --daemonize no --protected-mode yes > "$work/redis.log" 2>&1 &
echo $! > "$work/redis.pid"
export SORI_TEST_REDIS="127.0.0.1:$redisport"

wait_port() { # port name logfile...
  local port=$1 name=$2; shift 2
  for _ in $(seq 100); do
    /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()" 2>/dev/null && return 0
    sleep 0.1
  done
  log "$name did not start; its log:"; cat "$@" >&2 || true
  exit 1
}
wait_port "$imapport" Dovecot "$dc/stdout.log" "$dc/dovecot.log"
wait_port "$imapsport" Dovecot "$dc/stdout.log" "$dc/dovecot.log"
wait_port "$smtpport" "the SMTP sink" "$work/smtp.log"
wait_port "$redisport" Redis "$work/redis.log"
wait_port "$smtpstartport" "the TLS SMTP sink" "$work/smtp-tls.log"
wait_port "$smtpsport" "the TLS SMTP sink" "$work/smtp-tls.log"

# --- tests ----------------------------------------------------------------------------------
log "building"
dotnet build Sori.slnx -c Release -nologo -v q -clp:ErrorsOnly
corpus="${SORI_SHARED_DATA:-$PWD/../shared/data}/email"
[ -d "$corpus" ] || log "warning: the shared email corpus is missing ($corpus); the tests that read it will fail. Set SORI_SHARED_DATA to the folder that holds email/."
log "running tests"
# The console logger at "minimal" still prints each failing test's message and stack trace, which "-v q" alone hides.
dotnet test Sori.slnx -c Release --no-build -nologo -v q --logger "console;verbosity=minimal" "$@"
log "all tests passed"
