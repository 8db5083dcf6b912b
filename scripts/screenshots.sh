#!/usr/bin/env bash
# Renders the desktop app's main screens under Xvfb into docs/screenshots/:
# the real app (OpenGL through Mesa), against its embedded CA in a fresh
# configuration directory, moved with real X pointer events (xdotool).
# Each window fills a 1366×768 screen; captura-1024 is the Captura de
# datos step on a 1024×600 netbook screen, where every button must still
# be inside the window.
#   scripts/screenshots.sh            all screens
#   scripts/screenshots.sh inicio     only some
set -euo pipefail
cd "$(dirname "$0")/.."

need=(xvfb xdotool imagemagick libgl1-mesa-dri)
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
scripts/deps.sh run

out=docs/screenshots
mkdir -p "$out"
bin=$(mktemp -d)/seguritools
echo "compilando…" >&2
go build -o "$bin" ./cmd/seguritools

display=${SCREENSHOT_DISPLAY:-:99}
export DISPLAY=$display
xvfb=""
ancho=0 alto=0
cfg=$(mktemp -d)
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$cfg"
}
trap cleanup EXIT

# pantalla ANCHO ALTO: a fresh X screen of that size.
pantalla() {
  [ -n "$xvfb" ] && { kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; }
  ancho=$1 alto=$2
  Xvfb "$DISPLAY" -screen 0 "${ancho}x${alto}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
}

# mover PASOS: an irregular random walk of the real pointer over the
# middle of the screen (the mouse dialog's area).
mover() {
  local cx=$((ancho / 2)) cy=$((alto / 2 + 50))
  local x=$cx y=$cy vx=0 vy=0
  for _ in $(seq "$1"); do
    vx=$(( (vx * 4) / 5 + RANDOM % 15 - 7 ))
    vy=$(( (vy * 4) / 5 + RANDOM % 15 - 7 ))
    x=$(( x + vx )); y=$(( y + vy ))
    (( x < cx - 220 )) && x=$((cx - 220)); (( x > cx + 220 )) && x=$((cx + 220))
    (( y < cy - 100 )) && y=$((cy - 100)); (( y > cy + 130 )) && y=$((cy + 130))
    xdotool mousemove "$x" "$y"
    sleep 0.01
  done
}

# captura NOMBRE PANTALLA ESPERA [MOVIMIENTOS]: the window fills the screen.
captura() {
  local nombre=$1 id=$2 espera=$3 mov=${4:-0}
  echo "  $nombre (${ancho}×${alto})" >&2
  XDG_CONFIG_HOME="$cfg" LANG=es_MX.UTF-8 "$bin" -pantalla "$id" >/dev/null 2>&1 &
  app=$!
  local wid
  wid=$(xdotool search --sync --onlyvisible --name SeguriTools | head -1)
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "$ancho" "$alto" || true
  sleep "$espera"
  if [ "$mov" -gt 0 ]; then
    mover "$mov"
    sleep 2
  fi
  import -window root "$out/$nombre.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
}

todas=(inicio captura captura-1024 entropia renovacion-carta adicional revocacion recuperacion firmar certificados solicitud-rechazada ventanilla verificar configuracion)
pedidas=("$@")
[ ${#pedidas[@]} -eq 0 ] && pedidas=("${todas[@]}")
pantalla 1366 768
# The first start makes the embedded CA (RSA-3072 keys): give it time.
XDG_CONFIG_HOME="$cfg" "$bin" -pantalla inicio >/dev/null 2>&1 &
app=$!
xdotool search --sync --onlyvisible --name SeguriTools >/dev/null
kill "$app"; wait "$app" 2>/dev/null || true; app=""
for p in "${pedidas[@]}"; do
  case "$p" in
  captura-1024) pantalla 1024 600; captura captura-1024 captura 3; pantalla 1366 768 ;;
  entropia) captura entropia entropia 3 60 ;;            # bar partly filled by real moves
  renovacion-carta) captura renovacion-carta renovacion-carta 12 900 ;;  # moves fill the bar, then the letter step
  ventanilla) captura ventanilla ventanilla 8 ;;
  certificados) captura certificados certificados 20 ;;          # a renewal against the embedded CA first
  solicitud-rechazada) captura solicitud-rechazada solicitud-rechazada 12 ;;
  *) captura "$p" "$p" 3 ;;
  esac
done
ls -1 "$out"/*.png >&2
