#!/usr/bin/env bash
# make test-windows: the Windows binaries under Wine (not part of `make test`:
# Wine and mingw are large and the GUI build takes minutes).
#  1. a fresh Wine prefix with the ProcessPrng shim (scripts/windows);
#  2. fsutil's Windows tests (the DACL given to new private files), and
#     the SQLite store opened while its files are in use;
#  3. npiectl.exe, every file under C:\users\...\José Pérez\Mis documentos,
#     against a Linux refca on loopback: keygen, inspect, request, clerk
#     approve, obtain, status, renew (both letters), revoke, letter verify;
#     then OpenSSL and pdfsig check the .pfx and the letters it wrote;
#  4. when dist/SeguriTools-*.msi exists: silent per-user install with its
#     Start-menu shortcut, the installed seguritools.exe shows its window
#     under Xvfb, a higher version upgrades it in place, uninstall removes it.
# Prints one line per check; exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
GO=${GO:-go}
work=$(mktemp -d)
refca_pid=""
limpiar() {
  [ -n "$refca_pid" ] && kill "$refca_pid" 2>/dev/null || true
  WINEPREFIX=$work/wine wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap limpiar EXIT
trap 'echo "FALLA en la línea $LINENO de $0" >&2' ERR
ok() { printf 'ok    %s\n' "$*"; }
falla() { printf 'FALLA %s\n' "$*" >&2; exit 1; }

[ -f dist/windows/npiectl.exe ] || scripts/dist.sh windows-cli

usuario=${USER:-$(id -un)}
export WINEPREFIX=$work/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
scripts/windows/wine-prefix.sh "$WINEPREFIX"
ok "prefijo Wine con ProcessPrng"

GOOS=windows CGO_ENABLED=0 $GO test -c -o "$work/fsutil.test.exe" ./internal/fsutil
# t.TempDir's cleanup fails under Wine ("Invalid function"): run the tests
# written for Windows, which clean up themselves.
wine "$work/fsutil.test.exe" -test.run 'Descriptor|Windows|Publico|LoCreado' -test.v >"$work/fsutil.log" 2>&1 ||
  { cat "$work/fsutil.log"; falla "fsutil en Wine"; }
grep -E '^--- (PASS|SKIP)' "$work/fsutil.log" | sed 's/^/      /'
ok "fsutil: DACL de archivos privados (lo que Wine puede comprobar)"
GOOS=windows CGO_ENABLED=0 $GO test -c -o "$work/ajustes.test.exe" ./app/ajustes
wine "$work/ajustes.test.exe" -test.v >"$work/ajustes.log" 2>&1 || { cat "$work/ajustes.log"; falla "ajustes en Wine"; }
ok "ajustes: %AppData%\\seguritools con espacios y acentos"
GOOS=windows CGO_ENABLED=0 $GO test -c -o "$work/sqlite.test.exe" ./app/store/sqlite
wine "$work/sqlite.test.exe" -test.run 'Windows' -test.v >"$work/sqlite.log" 2>&1 || { cat "$work/sqlite.log"; falla "sqlite en Wine"; }
grep -q '^--- PASS: TestAbrir_ArchivosEnUso_Windows' "$work/sqlite.log" || { cat "$work/sqlite.log"; falla "sqlite en Wine: la prueba no corrió"; }
ok "sqlite: la base de refca se abre con sus archivos en uso (DACL en lugar de chmod)"

# The Linux refca on loopback.
CGO_ENABLED=0 $GO build -o "$work/refca" ./cmd/refca
ca=$work/ca
# The root's and the issuing CA's passwords, from files as an operator would.
printf 'RaizDePrueba-2026\n' >"$work/pw-raiz"
printf 'EmisoraDePrueba-2026\n' >"$work/pw-emisora"
"$work/refca" init --data "$ca" --root-password-file "$work/pw-raiz" --password-file "$work/pw-emisora" >/dev/null
printf 'ventanilla-secreta-1\n' >"$work/clerk"
"$work/refca" clerk add --data "$ca" --user ana --nombre "Ana María López" --password-file "$work/clerk" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$work/refca" serve --data "$ca" --password-file "$work/pw-emisora" --addr "127.0.0.1:$port" >"$work/refca.log" 2>&1 &
refca_pid=$!
escucha=""
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { escucha=1; break; }
  kill -0 "$refca_pid" 2>/dev/null || break
  sleep 0.2
done
[ -n "$escucha" ] || { cat "$work/refca.log"; falla "refca serve no escucha en 127.0.0.1:$port"; }
ok "refca (Linux) en 127.0.0.1:$port"

unix="$WINEPREFIX/drive_c/users/$usuario/José Pérez/Mis documentos"
mkdir -p "$unix"
win='C:\users\'"$usuario"'\José Pérez\Mis documentos'
"$work/refca" root --data "$ca" >"$unix/raíz.pem"
for f in solicitud renovacion; do cp "examples/$f.json" "$unix/$f.json"; done
printf 'PrimeraClave1\n' >"$unix/clave uno.txt"
printf 'SegundaClave2\n' >"$unix/clave dos.txt"
cp "$work/clerk" "$unix/ventanilla.txt"
export NPIE_SERVER=https://127.0.0.1:$port NPIE_ROOTS="$win\\raíz.pem"
exe=$root/dist/windows/npiectl.exe
# npie runs npiectl.exe with --json and prints its JSON; field F reads one value.
npie() {
  local out
  out=$(wine "$exe" "$@" --json 2>"$work/stderr") || { cat "$work/stderr" >&2; echo "$out" >&2; falla "npiectl.exe $1 $2"; }
  printf '%s' "$out"
}
campo() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

npie keygen --out "$win\\prueba sola.key" --user manual_generacion --password-file "$win\\clave uno.txt" >/dev/null
npie inspect "$win\\prueba sola.key" --password-file "$win\\clave uno.txt" >/dev/null
ok "keygen, inspect"
r=$(npie request --data "$win\\solicitud.json" --key-out "$win\\patrón.key" --password-file "$win\\clave uno.txt")
folio=$(campo folio <<<"$r")
npiev=$(campo npie <<<"$r")
ok "request: folio $folio, NPIE $npiev"
npie clerk approve --folio "$folio" --user ana --password-file "$win\\ventanilla.txt" >/dev/null
ok "clerk approve"
serial=$(npie obtain --npie "$npiev" --key "$win\\patrón.key" --out "$win\\patrón.pfx" --password-file "$win\\clave uno.txt" | campo serial)
[ "$(npie status --serial "$serial" | campo estado)" = vigente ] || falla "status vigente"
ok "obtain, status vigente ($serial)"
n=$(npie renew --pfx "$win\\patrón.pfx" --password-file "$win\\clave uno.txt" --key-out "$win\\nueva llave.key" \
  --out "$win\\nuevo certificado.pfx" --new-password-file "$win\\clave dos.txt" --data "$win\\renovacion.json")
[ "$(campo estado <<<"$n")" = completada ] || falla "renew: $n"
ok "renew (carta de aceptación y términos firmadas)"
[ "$(npie revoke --pfx "$win\\nuevo certificado.pfx" --password-file "$win\\clave dos.txt" | campo estado)" = revocado ] || falla revoke
ok "revoke"
cartas=0
for pdf in "$unix"/*.pdf; do
  b=$(basename "$pdf")
  wine "$exe" letter verify --in "$win\\$b" --roots "$win\\raíz.pem" >/dev/null 2>&1 || true
  if grep -q '/ByteRange' "$pdf"; then
    wine "$exe" letter verify --in "$win\\$b" --roots "$win\\raíz.pem" >"$work/v" 2>&1 || { cat "$work/v"; falla "letter verify $b"; }
    if command -v pdfsig >/dev/null; then
      pdfsig "$pdf" >"$work/p" 2>&1 || true
      grep -q "Signature is Valid" "$work/p" || { cat "$work/p"; falla "pdfsig $b"; }
    elif [ "${NPIE_REQUIRE_TOOLS:-}" = 1 ]; then
      falla "falta pdfsig (poppler-utils) para comprobar $b"
    fi
    cartas=$((cartas + 1))
  fi
done
[ "$cartas" -ge 2 ] || falla "se esperaban al menos 2 cartas firmadas, hay $cartas"
ok "letter verify y pdfsig: $cartas cartas firmadas"
openssl pkcs12 -in "$unix/patrón.pfx" -passin file:"$unix/clave uno.txt" -nokeys -noout 2>/dev/null ||
  falla "openssl no abre patrón.pfx"
openssl pkcs12 -in "$unix/nuevo certificado.pfx" -passin file:"$unix/clave dos.txt" -nokeys -noout 2>/dev/null ||
  falla "openssl no abre nuevo certificado.pfx"
ok "openssl abre los .pfx"

msi=$(ls dist/SeguriTools-*.msi 2>/dev/null | tail -1 || true)
if [ -z "$msi" ]; then
  # Under NPIE_REQUIRE_TOOLS=1 (make test, CI) nothing is skipped.
  [ "${NPIE_REQUIRE_TOOLS:-}" = 1 ] && falla "no hay dist/SeguriTools-*.msi: ejecute make dist antes"
  echo "omitido: instalador (no hay dist/SeguriTools-*.msi; make dist lo hace)"
  exit 0
fi
instalado=$WINEPREFIX/drive_c/users/$usuario/AppData/Local/Programs/SeguriTools
wine msiexec /i "$(winepath -w "$root/$msi")" /qn
wineserver -w
[ -f "$instalado/seguritools.exe" ] || falla "msiexec /i no instaló seguritools.exe en $instalado"
ls "$WINEPREFIX/drive_c/users/$usuario/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/SeguriTools.lnk" >/dev/null ||
  falla "sin acceso en el menú Inicio"
ok "msiexec /i /qn: instalado por usuario, acceso en el menú Inicio"
if ! command -v xvfb-run >/dev/null || ! command -v xdotool >/dev/null; then
  [ "${NPIE_REQUIRE_TOOLS:-}" = 1 ] && falla "faltan xvfb-run o xdotool para ver la ventana de seguritools.exe"
  echo "omitido: la ventana de seguritools.exe (faltan xvfb-run o xdotool)"
else
  cat >"$work/gui.sh" <<'GUI'
WINEDEBUG=err+all wine "$1" >"$2" 2>&1 &
for _ in $(seq 60); do
  w=$(xdotool search --name 'SeguriTools' 2>/dev/null | head -1) && [ -n "$w" ] && { xdotool getwindowname "$w"; exit 0; }
  sleep 1
done
exit 1
GUI
  # winepath starts Wine too: let that wineserver end before the display
  # exists, or its desktop stays without a graphics driver ("nodrv_CreateWindow").
  gui=$(winepath -w "$instalado/seguritools.exe")
  wineserver -w
  titulo=$(SEGURITOOLS_CONFIG_DIR= xvfb-run -a -s "-screen 0 1366x768x24" bash "$work/gui.sh" "$gui" "$work/gui.log") ||
    { grep -v fixme "$work/gui.log" | head -15; falla "la ventana de seguritools.exe no apareció"; }
  wineserver -k || true
  wineserver -w
  ok "seguritools.exe instalado abre su ventana: $titulo"
fi
# Upgrade in place: the same package with a higher version replaces the
# installed one (one uninstall entry left, with the new version).
(cd dist/windows && sed "s/@VERSION@/99.0.0/g" "$root/packaging/windows/seguritools.wxs" >.arriba.wxs &&
  wixl -a x64 -o "$work/arriba.msi" .arriba.wxs; rm -f .arriba.wxs)
cp "$work/arriba.msi" "$WINEPREFIX/drive_c/arriba.msi"
wine msiexec /i 'C:\arriba.msi' /qn
wineserver -w
entradas=$(wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
  awk '/^HKEY/{n=""} /DisplayName +REG_SZ +SeguriTools$/{n=1} n && /DisplayVersion/{print $3}')
[ "$entradas" = 99.0.0 ] || falla "actualización: entradas de desinstalación con versiones [$entradas]"
ok "actualización en su lugar: una sola entrada, versión 99.0.0"
codigo=$(msiinfo export "$work/arriba.msi" Property | tr -d '\r' | awk '$1=="ProductCode"{print $2}')
rc=0
wine msiexec /x "$codigo" /qn /l 'C:\desinstalar.log' || rc=$?
wineserver -w
[ "$rc" -eq 0 ] || { iconv -f utf-16 -t utf-8 "$WINEPREFIX/drive_c/desinstalar.log" 2>/dev/null | tail -15 || true; falla "msiexec /x terminó con $rc"; }
[ ! -e "$instalado/seguritools.exe" ] || falla "msiexec /x dejó $instalado/seguritools.exe"
[ ! -e "$WINEPREFIX/drive_c/users/$usuario/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/SeguriTools.lnk" ] ||
  falla "msiexec /x dejó el acceso del menú Inicio"
ok "msiexec /x /qn: desinstalado (programas y acceso del menú Inicio)"
