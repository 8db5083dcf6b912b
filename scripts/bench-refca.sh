#!/usr/bin/env bash
# make bench, refca part (after scripts/bench.sh's, or alone with
# BENCH=refca make bench): durable issuances per second and p50/p99 of
# refca measured from outside by scripts/refca-carga, at several
# concurrencies, for each configuration beside the raw signing ceiling of
# the same issuing key measured in the same run. Prints one table
# (docs/PERFORMANCE.md, "refca: emisiones durables").
#
#   scripts/bench-refca.sh [OUTPUT_DIR]
#
# Environment (all optional):
#   BENCH_CONFIGS   configurations, default "sqlite postgres postgres-2 softhsm"
#   BENCH_C         concurrency levels, default 1,8,32
#   BENCH_N         requests prepared per level (at most), default 2000,4000,4000
#   BENCH_DURACION  longest timed phase per level, default 10s
#   BENCH_TECHO     length of each signing-ceiling measurement, default 5s
#   BENCH_PERFIL=sqlite|postgres  afterwards, one more run of that
#                   configuration at c=8 with `perf record` on refca during the
#                   timed phase, and its top functions (needs perf)
#
# Every configuration gets a fresh CA in a temporary directory (passwords
# and PINs in files, never in arguments) and its refca processes on free
# loopback ports; PostgreSQL is a throw-away server (scripts/postgres-test.sh)
# with fsync on, so that its commits are as durable as SQLite's.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
out="${1:-bench-out}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Run the whole part under one throw-away PostgreSQL server.
if [ -z "${REFCA_BENCH_PG:-}" ] && [[ " ${BENCH_CONFIGS:-postgres} ${BENCH_PERFIL:-} " == *" postgres"* ]]; then
  export REFCA_BENCH_PG=1 POSTGRES_TEST_FSYNC=on
  exec scripts/postgres-test.sh "$root/scripts/bench-refca.sh" "$out"
fi

configs="${BENCH_CONFIGS:-sqlite postgres postgres-2 softhsm}"
niveles="${BENCH_C:-1,8,32}"
cantidades="${BENCH_N:-2000,4000,4000}"
duracion="${BENCH_DURACION:-10s}"
dur_techo="${BENCH_TECHO:-5s}"
modulo=/usr/lib/softhsm/libsofthsm2.so

work="$(mktemp -d "${TMPDIR:-/tmp}/refca-bench.XXXXXX")"
pids=()
parar() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'parar; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "== refca: durable issuances from a separate process (scripts/refca-carga) ==" >&2
# cgo when there is a C compiler: the generator's PKCS#11 signer (crypto11)
# and refca's own PKCS#11 support need it; SQLite is pure Go either way.
cgo=0
command -v gcc >/dev/null 2>&1 && cgo=1
CGO_ENABLED=$cgo go build -o "$work/refca" ./cmd/refca
CGO_ENABLED=$cgo go build -o "$work/refca-carga" ./scripts/refca-carga
refca="$work/refca"
carga="$work/refca-carga"

# A free port: asked of the kernel (python3), else a random high one.
puerto_libre() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

psql_bin() {
  command -v psql 2>/dev/null || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1
}

# nueva_base NAME: the URL of a new, empty PostgreSQL database.
nueva_base() {
  "$(psql_bin)" "$REFCA_TEST_POSTGRES" -qAt -c "CREATE DATABASE $1" >/dev/null
  printf '%s\n' "${REFCA_TEST_POSTGRES/\/postgres\?//$1?}"
}

# esperar FILE PID: until refca serve announced itself in FILE.
esperar() {
  for _ in $(seq 600); do
    grep -q '^refca: https://' "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

resultados="$out/refca-bench.tsv" # config, c, ok, failures, s, /s, p50, p99, ceiling, refca CPU, machine CPU, generator CPU
: >"$resultados"
no_disponible() { printf '%s\t-\tno disponible: %s\n' "$1" "$2" >>"$resultados"; echo "refca-bench: $1: no disponible: $2" >&2; }

# ejecutar NAME INSTANCES DB(sqlite|postgres) KEY(software|softhsm) [--perfil]
ejecutar() {
  local nombre="$1" instancias="$2" base="$3" llave="$4" perfil="${5:-}"
  local d
  d="$(mktemp -d "$work/$nombre.XXXXXX")"
  local data="$d/ca"
  printf 'raiz-de-bench-larga\n' >"$d/pw-raiz"
  printf 'emisora-de-bench-larga\n' >"$d/pw-emisor"
  printf 'ventanilla-de-bench-1\n' >"$d/pw-clerk"
  local db=()
  if [ "$base" = postgres ]; then
    if [ -z "${REFCA_TEST_POSTGRES:-}" ]; then
      no_disponible "$nombre" "sin PostgreSQL"
      return
    fi
    db=(--db "$(nueva_base "bench_${nombre//-/_}_$RANDOM")")
  fi
  local hsm=()
  if [ "$llave" = softhsm ]; then
    if [ ! -f "$modulo" ]; then
      no_disponible "$nombre" "sin SoftHSM ($modulo; apt-get install softhsm2)"
      return
    fi
    if [ "$cgo" = 0 ]; then
      no_disponible "$nombre" "sin compilador de C (cgo) para PKCS#11"
      return
    fi
    mkdir -p "$d/tokens"
    printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$d/tokens" >"$d/softhsm2.conf"
    export SOFTHSM2_CONF="$d/softhsm2.conf"
    printf '20261201\n' >"$d/pin"
    printf '12345678\n' >"$d/so-pin"
    "$carga" token --pkcs11-module "$modulo" --pkcs11-token refca-bench --pkcs11-pin-file "$d/pin" --pkcs11-so-pin-file "$d/so-pin"
    hsm=(--pkcs11-module "$modulo" --pkcs11-token refca-bench --pkcs11-pin-file "$d/pin")
  fi
  local p=() h=()
  for i in $(seq "$instancias"); do p+=("$(puerto_libre)"); h+=("$(puerto_libre)"); done
  # One public URL for all instances, as behind a load balancer: it goes
  # into every certificate (CRL, OCSP, issuer).
  local url="https://127.0.0.1:${p[0]}" http_url="http://127.0.0.1:${h[0]}"
  # The issuing key's password only for a file key: a token has a PIN.
  local clave=(--password-file "$d/pw-emisor")
  [ "$llave" = softhsm ] && clave=()
  if ! "$refca" init --data "$data" "${db[@]}" --root-password-file "$d/pw-raiz" "${clave[@]}" \
    --http-url "$http_url" "${hsm[@]}" >"$d/init.out" 2>&1; then
    if [ "$llave" = softhsm ] && grep -q -e 'flag provided but not defined' -e HSM_SIN_SOPORTE "$d/init.out"; then
      no_disponible "$nombre" "refca sin PKCS#11 (compilado sin cgo)"
    else
      cat "$d/init.out" >&2
      no_disponible "$nombre" "refca init falló"
    fi
    return
  fi
  "$refca" clerk add --data "$data" "${db[@]}" --user bench --nombre "Funcionario de Bench" --password-file "$d/pw-clerk"
  # The ceiling with nothing else of ours running, before and after the
  # load; the larger counts (other work on the machine only lowers it).
  medir_techo() {
    if [ "$llave" = softhsm ]; then
      "$carga" techo --data "$data" "${hsm[@]}" --duracion "$dur_techo" | cut -f2
    else
      "$carga" techo --data "$data" --key-password-file "$d/pw-emisor" --duracion "$dur_techo" | cut -f2
    fi
  }
  local techo1 techo2
  techo1="$(medir_techo)"
  local urls=() vigilar=()
  for i in $(seq 0 $((instancias - 1))); do
    "$refca" serve --data "$data" "${db[@]}" "${clave[@]}" "${hsm[@]}" \
      --addr "127.0.0.1:${p[$i]}" --http-addr "127.0.0.1:${h[$i]}" --url "$url" --http-url "$http_url" \
      --solicitudes-por-hora 0 --max-pendientes 1000000 >"$d/serve$i.out" 2>"$d/serve$i.err" &
    pids+=($!)
    if ! esperar "$d/serve$i.out" $!; then
      cat "$d/serve$i.err" >&2
      parar
      no_disponible "$nombre" "refca serve no arrancó"
      return
    fi
    urls+=(--url "https://127.0.0.1:${p[$i]}")
    vigilar+=(--pid "${pids[-1]}")
  done
  local c="$niveles" n="$cantidades"
  [ -n "$perfil" ] && c=8 n="${cantidades##*,}"
  "$carga" emitir "${urls[@]}" "${vigilar[@]}" --data "$data" --usuario bench --password-file "$d/pw-clerk" \
    --c "$c" --n "$n" --duracion "$duracion" >"$d/emision.tsv" 2>"$d/carga.err" &
  local gen=$!
  if [ -n "$perfil" ]; then
    # Record refca during the timed phase only.
    until grep -q 'midiendo' "$d/carga.err" 2>/dev/null || ! kill -0 "$gen" 2>/dev/null; do sleep 0.1; done
    local t="${duracion%s}"
    perf record -F 499 -g -o "$out/refca-perf.data" -p "${pids[0]}" -- sleep "$((${t%.*} - 1))" 2>/dev/null || true
  fi
  local rc=0
  wait "$gen" || rc=$?
  sed 's/^/  /' "$d/carga.err" >&2
  parar
  if [ "$rc" -ne 0 ]; then
    no_disponible "$nombre" "refca-carga falló"
    return
  fi
  techo2="$(medir_techo)"
  local techo
  techo="$(printf '%s\n%s\n' "$techo1" "$techo2" | sort -g | tail -n 1)"
  echo "  signing ceiling: $techo1 sig/s before the load, $techo2 after" >&2
  awk -v n="$nombre" -v t="$techo" -F'\t' '$1 == "emision" {print n "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 "\t" $8 "\t" t "\t" $9 "\t" $10 "\t" $11}' \
    "$d/emision.tsv" >>"$resultados"
  unset SOFTHSM2_CONF
}

for cfg in $configs; do
  echo "refca-bench: $cfg…" >&2
  case "$cfg" in
  sqlite) ejecutar sqlite 1 sqlite software ;;
  postgres) ejecutar postgres 1 postgres software ;;
  postgres-2) ejecutar postgres-2 2 postgres software ;;
  softhsm) ejecutar softhsm 1 sqlite softhsm ;;
  *) echo "refca-bench: configuración desconocida: $cfg" >&2; exit 2 ;;
  esac
done

echo
echo "refca, durable issuances (one clerk approval = one RSA-3072 certificate signed and committed); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3); levels of ${duracion} at most"
echo
awk -F'\t' '
  $2 != "-" && $1 == "sqlite" { sq[$2] = $6 }
  { fila[NR] = $0 }
  END {
    print "| configuration | c | issuances/s | p50 ms | p99 ms | ceiling sig/s | ratio to ceiling | ratio PG/SQLite | CPU cores: refca | generator | rest of the machine |"
    print "|---|---|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= NR; i++) {
      split(fila[i], f, "\t")
      if (f[2] == "-") { printf "| %s | – | %s | | | | | | | | |\n", f[1], f[3]; continue }
      fallos = (f[4] > 0) ? sprintf(" (%d failed)", f[4]) : ""
      r = (f[9] > 0) ? sprintf("%.2f", f[6] / f[9]) : "–"
      pg = (f[1] ~ /^postgres/ && sq[f[2]] > 0) ? sprintf("%.2f", f[6] / sq[f[2]]) : "–"
      printf "| %s | %s | %.1f%s | %.1f | %.1f | %.1f | %s | %s | %.2f | %.2f | %.2f |\n", f[1], f[2], f[6], fallos, f[7], f[8], f[9], r, pg, f[10], f[12], f[11] - f[10] - f[12]
    }
  }' "$resultados"
echo
# The issue's targets, at c=8.
awk -F'\t' '
  $2 == 8 { v[$1] = $6; p99[$1] = $8; t[$1] = $9 }
  END {
    if ("sqlite" in v) {
      printf "target SQLite c=8: issuances >= 0.8 x ceiling: %s (%.2f); p99 <= 50 ms: %s (%.1f ms)\n",
        (v["sqlite"] >= 0.8 * t["sqlite"]) ? "met" : "MISSED", v["sqlite"] / t["sqlite"],
        (p99["sqlite"] <= 50) ? "met" : "MISSED", p99["sqlite"]
      split("postgres postgres-2", pg, " ")
      for (i in pg) if (pg[i] in v)
        printf "target %s c=8: >= 0.8 x SQLite: %s (%.2f)\n", pg[i], (v[pg[i]] >= 0.8 * v["sqlite"]) ? "met" : "MISSED", v[pg[i]] / v["sqlite"]
    }
  }' "$resultados"

if [ -n "${BENCH_PERFIL:-}" ]; then
  if command -v perf >/dev/null 2>&1; then
    echo "refca-bench: perfil de refca ($BENCH_PERFIL, c=8)…" >&2
    ejecutar "perfil-$BENCH_PERFIL" 1 "$BENCH_PERFIL" software --perfil
    perf report -i "$out/refca-perf.data" --no-children --sort symbol --stdio --percent-limit 0 2>/dev/null |
      grep -E '^ +[0-9.]+%' >"$out/refca-perf.txt" || true
    echo "refca CPU samples by Go package (kernel: [k]):"
    awk '{ p = $1; sub(/%/, "", p); s = $3; if ($2 == "[k]") s = "kernel";
           else { i = match(s, /[^\/]*$/); if (i > 0) { r = substr(s, i); j = index(r, "."); if (j > 0) s = substr(s, 1, i - 1) substr(r, 1, j - 1) } }
           t[s] += p }
         END { for (k in t) if (t[k] >= 1) printf "%6.1f%%  %s\n", t[k], k }' "$out/refca-perf.txt" | sort -rn | head -20
    echo "top functions:"
    head -15 "$out/refca-perf.txt" | awk '{ printf "%8s  %s\n", $1, $3 }'
  else
    echo "refca-bench: BENCH_PERFIL necesita perf" >&2
  fi
fi
