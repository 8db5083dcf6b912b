#!/usr/bin/env bash
# Checks what scripts/dist.sh made: Authenticode signatures intact
# (osslsigncode verify), the .deb without lintian errors, SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/../dist"
# What every dist has, even the one CI builds (no darwin, no tar).
for f in windows/npiectl.exe windows/refca.exe windows/seguritools.exe SeguriTools-*.msi seguritools_*_amd64.deb SHA256SUMS; do
  compgen -G "$f" >/dev/null || { echo "FALLA falta dist/$f"; exit 1; }
done
ca=()
if [ -f test-signing/prueba.crt ]; then
  ca=(-CAfile test-signing/prueba.crt)
  echo "AVISO: firmas de PRUEBA (test-signing/): solo prueban integridad"
fi
for f in windows/*.exe *.msi; do
  [ -f "$f" ] || continue
  out=$(osslsigncode verify "${ca[@]}" -in "$f" 2>&1) || { echo "$out"; echo "FALLA osslsigncode verify $f"; exit 1; }
  # PE files print the message digests; an MSI prints its DigitalSignature.
  cur=$(sed -n 's/^Current \(message digest\|DigitalSignature\) *: *//p' <<<"$out" | head -1)
  cal=$(sed -n 's/^Calculated \(message digest\|DigitalSignature\) *: *//p' <<<"$out" | head -1)
  [ -n "$cur" ] && [ "$cur" = "$cal" ] || { echo "$out"; echo "FALLA resumen $f"; exit 1; }
  printf 'ok  %-40s firma íntegra (%s)\n' "$f" "$(grep -m1 -o 'Signature verification: ok' <<<"$out" || echo verificada)"
done
for d in *.deb; do
  [ -f "$d" ] || continue
  if lintian --fail-on error "$d" >lintian.txt 2>&1; then
    printf 'ok  %-40s lintian sin errores (%s avisos)\n' "$d" "$(grep -c '^W:' lintian.txt || true)"
  else
    cat lintian.txt; echo "FALLA lintian $d"; exit 1
  fi
  rm -f lintian.txt
done
sha256sum --quiet -c SHA256SUMS && echo "ok  SHA256SUMS ($(wc -l <SHA256SUMS) archivos)"
