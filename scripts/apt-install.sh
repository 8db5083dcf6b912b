#!/usr/bin/env bash
# Installs the given Debian packages that are not installed yet (nothing
# when all are); on a system without dpkg it says what to install by hand.
#   scripts/apt-install.sh PACKAGE...
set -euo pipefail
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Este sistema no es Debian/Ubuntu: instale a mano $* (vea README.md)." >&2
  exit 0
fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Instalando: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
