#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages `make dist` and `make test-windows`
# need, only those missing. Not part of `make test`: Wine and mingw are big.
#   scripts/dist-deps.sh dist           packaging and signing
#   scripts/dist-deps.sh test-windows   also Wine, Xvfb and xdotool
set -euo pipefail

dist=(gcc-mingw-w64-x86-64 wixl msitools osslsigncode openssl lintian dpkg-dev
  xz-utils appstream desktop-file-utils imagemagick)
wine=(wine wine64 xvfb xdotool poppler-utils)

case "${1:-dist}" in
dist) want=("${dist[@]}") ;;
test-windows) want=("${dist[@]}" "${wine[@]}") ;;
*) echo "uso: $0 dist|test-windows" >&2; exit 2 ;;
esac

exec "$(dirname "$0")/apt-install.sh" "${want[@]}"
