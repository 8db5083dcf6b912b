#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages `make dist` and `make test-windows`
# need, only those missing. Not part of `make test`: Wine and mingw are big.
#   scripts/dist-deps.sh dist           packaging and signing
#   scripts/dist-deps.sh test-windows   also Wine, Xvfb and xdotool
set -euo pipefail

dist=(gcc-mingw-w64-x86-64 wixl msitools osslsigncode openssl lintian dpkg-dev
  xz-utils appstream desktop-file-utils imagemagick)
wine=(wine wine64 xvfb xdotool)

case "${1:-dist}" in
dist) want=("${dist[@]}") ;;
test-windows) want=("${dist[@]}" "${wine[@]}") ;;
*) echo "uso: $0 dist|test-windows" >&2; exit 2 ;;
esac

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
