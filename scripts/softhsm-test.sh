#!/usr/bin/env bash
# Runs a command with a throw-away SoftHSM2 for the PKCS#11 tests:
#   scripts/softhsm-test.sh COMMAND [ARGS...]
# Installs Debian's softhsm2 (and opensc, for pkcs11-tool) when missing,
# makes a temporary directory with its own softhsm2.conf whose token
# directory is inside it, exports SOFTHSM2_CONF and
# REFCA_TEST_PKCS11_MODULE, runs the command, and removes the directory
# on exit, whatever the command's outcome. The tests make their own
# tokens (internal/testtool.SoftHSM), each with its own configuration in
# its test's directory; this one keeps any stray token away from the
# system's /var/lib/softhsm.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "uso: $0 COMANDO [ARGUMENTOS...]" >&2; exit 2; }

scripts/apt-install.sh softhsm2 opensc

modulo=""
for m in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
  /usr/local/lib/softhsm/libsofthsm2.so /opt/homebrew/lib/softhsm/libsofthsm2.so; do
  if [ -f "$m" ]; then
    modulo=$m
    break
  fi
done
if [ -z "$modulo" ]; then
  echo "softhsm-test: SoftHSM2 no está instalado; las pruebas PKCS#11 se omiten (o fallan con NPIE_REQUIRE_TOOLS=1)" >&2
  exec "$@"
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/refca-softhsm.XXXXXX")"
chmod 700 "$dir"
limpiar() { rm -rf "$dir"; }
trap limpiar EXIT
trap 'exit 130' INT TERM
mkdir "$dir/tokens"
cat >"$dir/softhsm2.conf" <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF

export SOFTHSM2_CONF="$dir/softhsm2.conf"
export REFCA_TEST_PKCS11_MODULE="$modulo"
echo "softhsm-test: $(softhsm2-util --version 2>/dev/null | head -1 || echo SoftHSM2) con $modulo" >&2
"$@"
