#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server for the tests:
#   scripts/postgres-test.sh COMMAND [ARGS...]
# Installs Debian's postgresql when missing, creates a cluster in a
# temporary directory (as the postgres user when run as root), starts it
# on a free 127.0.0.1 port with its socket in that directory, exports
# REFCA_TEST_POSTGRES, runs the command, and stops and removes the
# cluster on exit, whatever the command's outcome. The tests run it with
# fsync off; POSTGRES_TEST_FSYNC=on keeps commits durable (make bench).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "uso: $0 COMANDO [ARGUMENTOS...]" >&2; exit 2; }

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
  if command -v dpkg-query >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Instalando: postgresql" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
fi
bin="$(bindir)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres-test: PostgreSQL no está instalado; las pruebas con PostgreSQL se omiten (o fallan con NPIE_REQUIRE_TOOLS=1)" >&2
  exec "$@"
fi

# As root the server runs as postgres (it refuses root); otherwise as the
# current user.
como=()
if [ "$(id -u)" -eq 0 ]; then
  como=(runuser -u postgres --)
fi

# As root, under /tmp: a private $TMPDIR may not let postgres in.
tmp="${TMPDIR:-/tmp}"
[ "$(id -u)" -eq 0 ] && tmp=/tmp
dir="$(mktemp -d "$tmp/refca-pg.XXXXXX")"
chmod 700 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
parar() {
  "${como[@]}" "$bin/pg_ctl" -D "$dir/datos" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap parar EXIT
trap 'exit 130' INT TERM

"${como[@]}" "$bin/initdb" -D "$dir/datos" -A trust -U postgres -E UTF8 --no-sync >/dev/null

# A free port: ask the kernel for one, then start on it; another process
# may take it in between, so try a few times.
puerto_libre() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}
ok=""
for _ in 1 2 3 4 5; do
  port="$(puerto_libre)"
  if "${como[@]}" "$bin/pg_ctl" -D "$dir/datos" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${POSTGRES_TEST_FSYNC:-off} -c max_connections=200" start >/dev/null; then
    ok=1
    break
  fi
done
if [ -z "$ok" ]; then
  echo "postgres-test: no arrancó PostgreSQL:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

export REFCA_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "postgres-test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') en 127.0.0.1:$port" >&2
"$@"
