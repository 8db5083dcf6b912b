#!/usr/bin/env bash
# Creates a fresh 64-bit Wine prefix in $1 with the ProcessPrng shim that Go
# programs need under Wine 8 (see processprng.c). Prints nothing on success.
set -euo pipefail
prefix=$1
here=$(cd "$(dirname "$0")" && pwd)
export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$prefix"
wineboot --init >/dev/null 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$prefix/bcryptprimitives.dll" \
  "$here/processprng.c" -lbcrypt
cp "$prefix/bcryptprimitives.dll" "$prefix/drive_c/windows/system32/"
