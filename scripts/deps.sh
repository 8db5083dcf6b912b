#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs, only those missing.
#   scripts/deps.sh run    what `make run` needs (building the desktop app)
#   scripts/deps.sh test   what `make test` needs (also the external verifiers)
set -euo pipefail

build=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev)
verifiers=(openssl poppler-utils qpdf libnss3-tools)
# The PostgreSQL store's tests run on a throw-away server (scripts/postgres-test.sh);
# the PKCS#11 ones on SoftHSM2 tokens, checked with pkcs11-tool (scripts/softhsm-test.sh).
services=(postgresql softhsm2 opensc)

case "${1:-test}" in
run) want=("${build[@]}" openssl) ;;
test) want=("${build[@]}" "${verifiers[@]}" "${services[@]}") ;;
*) echo "uso: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v go >/dev/null 2>&1; then
  echo "Falta Go 1.26 o posterior: https://go.dev/dl/" >&2
  exit 1
fi
exec "$(dirname "$0")/apt-install.sh" "${want[@]}"
