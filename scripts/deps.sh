#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs, only those missing.
#   scripts/deps.sh run    what `make run` needs (building the desktop app)
#   scripts/deps.sh test   what `make test` needs (also the external verifiers)
set -euo pipefail

build=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev)
verifiers=(openssl poppler-utils qpdf libnss3-tools)
# The PostgreSQL store's tests run on a throw-away server (scripts/postgres-test.sh).
services=(postgresql)

case "${1:-test}" in
run) want=("${build[@]}" openssl) ;;
test) want=("${build[@]}" "${verifiers[@]}" "${services[@]}") ;;
*) echo "uso: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v go >/dev/null 2>&1; then
  echo "Falta Go 1.26 o posterior: https://go.dev/dl/" >&2
  exit 1
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Este sistema no es Debian/Ubuntu: instale a mano ${want[*]} (vea README.md)." >&2
  exit 0
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Instalando: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
