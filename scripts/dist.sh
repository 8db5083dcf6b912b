#!/usr/bin/env bash
# Builds what users download into dist/ (see README.md, "Instalar"):
#   scripts/dist.sh            everything that can be built on Linux
#   scripts/dist.sh STEP...    only some steps: windows-cli windows-gui msi
#                              sign deb tar darwin sums
# Signing: SIGN_PFX (a PKCS#12 file) and SIGN_PASS_FILE (its password), or
# SIGN_PKCS11_MODULE + SIGN_PKCS11_CERT + SIGN_PKCS11_KEY (a token URI) and
# optionally SIGN_PKCS11_PIN_FILE. Without either, a throw-away self-signed
# test certificate is made in dist/test-signing/ and every signed file says
# so in its signature's description: such files only prove integrity.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
GO=${GO:-go}

toml() { sed -n "s/^ *$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *$/\1/p" FyneApp.toml | head -1; }
VERSION=${VERSION:-$(toml Version)}
BUILD=${BUILD:-$(toml Build)}
NAME=$(toml Name)
APPID=$(toml ID)
out=dist
mkdir -p "$out"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
goflags=(-trimpath -buildvcs=false)
ldcli="-s -w"

step() { printf '== %s\n' "$*" >&2; }
t0=$(date +%s)
lap() { local now; now=$(date +%s); printf '   %s: %ds\n' "$1" $((now - t0)) >&2; t0=$now; }

windows_cli() {
  step "npiectl.exe, refca.exe (Go puro)"
  for c in npiectl refca; do
    GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $GO build "${goflags[@]}" -ldflags "$ldcli" \
      -o "$out/windows/$c.exe" "./cmd/$c"
  done
  lap windows-cli
}

# The icon and version resource is a .syso next to main.go, made by
# goversioninfo (the tool fyne package uses) from FyneApp.toml.
recursos() {
  local tmp=$1 v1 v2 v3
  IFS=. read -r v1 v2 v3 <<<"$VERSION"
  convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$tmp/seguritools.ico"
  cat >"$tmp/versioninfo.json" <<JSON
{
  "FixedFileInfo": {
    "FileVersion": {"Major": $v1, "Minor": $v2, "Patch": $v3, "Build": $BUILD},
    "ProductVersion": {"Major": $v1, "Minor": $v2, "Patch": $v3, "Build": $BUILD},
    "FileFlagsMask": "3f", "FileFlags ": "00", "FileOS": "040004", "FileType": "01", "FileSubType": "00"
  },
  "StringFileInfo": {
    "CompanyName": "SeguriTools",
    "FileDescription": "$NAME: certificado digital IMSS (NPIE)",
    "FileVersion": "$VERSION.$BUILD",
    "InternalName": "seguritools",
    "LegalCopyright": "SeguriTools",
    "OriginalFilename": "seguritools.exe",
    "ProductName": "$NAME",
    "ProductVersion": "$VERSION"
  },
  "VarFileInfo": {"Translation": {"LangID": "080A", "CharsetID": "04B0"}},
  "IconPath": "$tmp/seguritools.ico",
  "ManifestPath": "$root/packaging/windows/seguritools.exe.manifest"
}
JSON
  $GO run github.com/josephspurrier/goversioninfo/cmd/goversioninfo@v1.7.0 -64 \
    -o cmd/seguritools/rsrc_windows_amd64.syso "$tmp/versioninfo.json"
}

windows_gui() {
  step "seguritools.exe (Fyne, mingw; ~8 min en frío con 2 núcleos)"
  local tmp
  tmp=$(mktemp -d)
  recursos "$tmp"
  cp "$tmp/seguritools.ico" "$out/windows/.seguritools.ico"
  GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
    $GO build "${goflags[@]}" -ldflags "-H=windowsgui -s -w" \
    -o "$out/windows/seguritools.exe" ./cmd/seguritools
  rm -rf "$tmp" cmd/seguritools/rsrc_windows_amd64.syso
  lap windows-gui
}

msi() {
  step "SeguriTools-$VERSION.msi (wixl, por usuario)"
  local d=$out/windows
  sed "s/@VERSION@/$VERSION/g" packaging/windows/seguritools.wxs >"$d/.seguritools.wxs"
  (cd "$d" && wixl -a x64 -o "../SeguriTools-$VERSION.msi" .seguritools.wxs)
  rm -f "$d/.seguritools.wxs"
  lap msi
}

# firmar signs one file in place with osslsigncode: a real certificate from
# SIGN_PFX/SIGN_PASS_FILE or a PKCS#11 token, else the test certificate.
firmar() {
  local f=$1 desc=$2 args
  if [ -n "${SIGN_PFX:-}" ]; then
    args=(-pkcs12 "$SIGN_PFX" -readpass "${SIGN_PASS_FILE:?SIGN_PASS_FILE: archivo con la contraseña del .pfx}")
  elif [ -n "${SIGN_PKCS11_MODULE:-}" ]; then
    # The certificate is a PEM/DER file or, when it starts with pkcs11:, on the token.
    case ${SIGN_PKCS11_CERT:?SIGN_PKCS11_CERT: archivo del certificado o URI pkcs11:} in
    pkcs11:*) args=(-pkcs11module "$SIGN_PKCS11_MODULE" -pkcs11cert "$SIGN_PKCS11_CERT") ;;
    *) args=(-pkcs11module "$SIGN_PKCS11_MODULE" -certs "$SIGN_PKCS11_CERT") ;;
    esac
    args+=(-key "${SIGN_PKCS11_KEY:?SIGN_PKCS11_KEY: URI pkcs11: de la llave}")
    [ -n "${SIGN_PKCS11_PIN_FILE:-}" ] && args+=(-readpass "$SIGN_PKCS11_PIN_FILE")
  else
    args=(-pkcs12 "$out/test-signing/prueba.pfx" -readpass "$out/test-signing/contrasena")
    desc="$desc (FIRMA DE PRUEBA, no confiable)"
  fi
  [ -n "${SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$SIGN_TIMESTAMP_URL")
  osslsigncode sign "${args[@]}" -h sha256 -n "$desc" \
    -i https://github.com/seguritools/seguritools -in "$f" -out "$f.firmado" >/dev/null
  mv "$f.firmado" "$f"
}

certificado_prueba() {
  local d=$out/test-signing
  [ -f "$d/prueba.pfx" ] && return
  mkdir -p "$d"
  head -c 24 /dev/urandom | base64 | tr -d '\n/+=' >"$d/contrasena"
  openssl req -x509 -newkey rsa:3072 -sha256 -days 30 -nodes -keyout "$d/prueba.key" \
    -out "$d/prueba.crt" -subj "/CN=SeguriTools PRUEBA - firma de prueba, no confiable/O=SeguriTools" \
    -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=critical,digitalSignature" 2>/dev/null
  openssl pkcs12 -export -inkey "$d/prueba.key" -in "$d/prueba.crt" -out "$d/prueba.pfx" \
    -passout "file:$d/contrasena" -name "SeguriTools PRUEBA"
  rm -f "$d/prueba.key"
  cat >"$d/LEEME.txt" <<TXT
Certificado de PRUEBA, hecho por scripts/dist.sh el $(date -u +%F) porque no se dio
uno real (SIGN_PFX o SIGN_PKCS11_MODULE). Las firmas hechas con él solo prueban
que el archivo no cambió; Windows no confía en él (SmartScreen avisará).
Verificar: osslsigncode verify -CAfile prueba.crt -in ARCHIVO
TXT
}

sign() {
  step "Authenticode (osslsigncode)"
  local ca=()
  if [ -z "${SIGN_PFX:-}${SIGN_PKCS11_MODULE:-}" ]; then
    echo "   Sin certificado real: se firma con uno de PRUEBA ($out/test-signing)" >&2
    certificado_prueba
    ca=(-CAfile "$out/test-signing/prueba.crt")
  fi
  local f
  for f in "$out"/windows/*.exe; do firmar "$f" "$NAME $(basename "$f")"; done
  [ -f "$out/SeguriTools-$VERSION.msi" ] && firmar "$out/SeguriTools-$VERSION.msi" "Instalador de $NAME $VERSION"
  for f in "$out"/windows/*.exe "$out"/*.msi; do
    [ -f "$f" ] || continue
    osslsigncode verify "${ca[@]}" -in "$f" >"$f.verify.txt" 2>&1 ||
      { cat "$f.verify.txt" >&2; echo "verificación fallida: $f" >&2; exit 1; }
    mv "$f.verify.txt" "$out/test-signing/$(basename "$f").verify.txt" 2>/dev/null || rm -f "$f.verify.txt"
  done
  lap sign
}

# Position-independent everywhere (hardening; lintian takes a static-pie Go
# binary for what it is instead of a statically linked one). refca is
# built with cgo, so that it can keep the issuing CA's key in a PKCS#11
# token (app/hsm loads the module with dlopen; it links libc only); the
# Windows and macOS refca are pure Go, without PKCS#11.
linux_bins() {
  local d=$1
  mkdir -p "$d"
  GOOS=linux GOARCH=amd64 CGO_ENABLED=0 $GO build "${goflags[@]}" -buildmode=pie -ldflags "$ldcli" -o "$d/npiectl" ./cmd/npiectl
  GOOS=linux GOARCH=amd64 CGO_ENABLED=1 $GO build "${goflags[@]}" -buildmode=pie -ldflags "$ldcli" -o "$d/refca" ./cmd/refca
  CGO_ENABLED=1 $GO build "${goflags[@]}" -buildmode=pie -ldflags "$ldcli" -o "$d/seguritools" ./cmd/seguritools
}

deb() {
  step "seguritools_${VERSION}-${BUILD}_amd64.deb"
  local r
  r=$(mktemp -d)
  linux_bins "$r/usr/bin"
  install -Dm644 packaging/linux/mx.seguritools.app.desktop "$r/usr/share/applications/mx.seguritools.app.desktop"
  sed "s/@VERSION@/$VERSION/; s/@DATE@/$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)/" \
    packaging/linux/mx.seguritools.app.metainfo.xml >"$r/.metainfo.xml"
  install -Dm644 "$r/.metainfo.xml" "$r/usr/share/metainfo/mx.seguritools.app.metainfo.xml"
  rm "$r/.metainfo.xml"
  local s
  for s in 512 256 128 64 48; do
    mkdir -p "$r/usr/share/icons/hicolor/${s}x$s/apps"
    convert assets/icon.png -resize "${s}x$s" -strip "$r/usr/share/icons/hicolor/${s}x$s/apps/mx.seguritools.app.png"
  done
  local doc=$r/usr/share/doc/seguritools
  install -Dm644 packaging/linux/copyright "$doc/copyright"
  install -Dm644 packaging/linux/lintian-overrides "$r/usr/share/lintian/overrides/seguritools"
  printf 'seguritools (%s-%s) unstable; urgency=medium\n\n  * Paquete generado por scripts/dist.sh.\n\n -- %s  %s\n' \
    "$VERSION" "$BUILD" "$DEB_MAINTAINER" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" | gzip -9n >"$doc/changelog.Debian.gz"
  # Depends from the libraries the GUI and refca link (dpkg-shlibdeps reads them).
  local dep
  mkdir -p "$r/.deps/debian"
  printf 'Source: seguritools\n\nPackage: seguritools\nArchitecture: amd64\n' >"$r/.deps/debian/control"
  dep=$(cd "$r/.deps" && dpkg-shlibdeps -O -e ../usr/bin/seguritools -e ../usr/bin/refca 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  rm -rf "$r/.deps"
  mkdir -p "$r/DEBIAN"
  cat >"$r/DEBIAN/control" <<CTL
Package: seguritools
Version: $VERSION-$BUILD
Architecture: amd64
Maintainer: $DEB_MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$r" | cut -f1)
Depends: $dep
Recommends: xdg-utils
Section: utils
Priority: optional
Homepage: https://github.com/seguritools/seguritools
Description: IMSS digital certificate (NPIE) client, clerk window and CA
 SeguriTools guides Mexican employers through the IMSS digital
 certificate procedures (new request, renewal, additional certificate,
 revocation, recovery) and keeps the private key on their machine.
 .
 Also includes npiectl, a command line over the same library, and refca,
 the reference certificate authority the client is tested against, which
 can keep its issuing CA key in a PKCS#11 token (HSM).
CTL
  (cd "$r" && find usr -type f -exec md5sum {} + | sort -k2) >"$r/DEBIAN/md5sums"
  chmod 644 "$r/DEBIAN/md5sums" "$r/DEBIAN/control"
  find "$r" -type d -exec chmod 755 {} +
  dpkg-deb --root-owner-group -Zxz --build "$r" "$out/seguritools_${VERSION}-${BUILD}_amd64.deb" >/dev/null
  rm -rf "$r"
  lap deb
}

tarxz() {
  step "seguritools-$VERSION-linux-amd64.tar.xz"
  local r n=seguritools-$VERSION-linux-amd64
  r=$(mktemp -d)
  linux_bins "$r/$n"
  install -m644 packaging/linux/mx.seguritools.app.desktop assets/icon.png README.md "$r/$n/"
  tar -C "$r" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -cJf "$out/$n.tar.xz" "$n"
  rm -rf "$r"
  lap tar
}

darwin() {
  step "npiectl, refca para macOS (amd64, arm64; Go puro)"
  local a c
  for a in amd64 arm64; do
    for c in npiectl refca; do
      GOOS=darwin GOARCH=$a CGO_ENABLED=0 $GO build "${goflags[@]}" -ldflags "$ldcli" \
        -o "$out/darwin-$a/$c" "./cmd/$c"
    done
    tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
      -czf "$out/seguritools-cli-$VERSION-darwin-$a.tar.gz" "darwin-$a"
  done
  lap darwin
}

sums() {
  step SHA256SUMS
  (cd "$out" && find . -path ./test-signing -prune -o -type f ! -name SHA256SUMS ! -name '.*' -print |
    sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
}

DEB_MAINTAINER=${DEB_MAINTAINER:-SeguriTools <seguritools@users.noreply.github.com>}
[ $# -eq 0 ] && set -- windows-cli windows-gui msi sign deb tar darwin sums
mkdir -p "$out/windows"
for s in "$@"; do
  case $s in
  windows-cli) windows_cli ;;
  windows-gui) windows_gui ;;
  msi) msi ;;
  sign) sign ;;
  deb) deb ;;
  tar) tarxz ;;
  darwin) darwin ;;
  sums) sums ;;
  *) echo "paso desconocido: $s" >&2; exit 2 ;;
  esac
done
