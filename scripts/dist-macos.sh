#!/usr/bin/env bash
# On a Mac (Xcode command line tools, Go): SeguriTools.app, signed and
# notarized, plus npiectl and refca. The GUI needs Apple's SDK (cgo), so it
# cannot be built from Linux. Signing and notarization run only when asked:
#   MAC_SIGN_ID="Developer ID Application: NOMBRE (TEAMID)"
#   MAC_NOTARY_PROFILE=perfil   (xcrun notarytool store-credentials perfil ...)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "dist-macos: solo en macOS (vea README.md)" >&2; exit 2; }
out=dist/macos
mkdir -p "$out"
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
go run fyne.io/tools/cmd/fyne@v1.7.4 package --os darwin --release \
  --src cmd/seguritools --icon "$PWD/assets/icon.png" --name SeguriTools \
  --app-id mx.seguritools.app --app-version "$version"
rm -rf "$out/SeguriTools.app"
mv cmd/seguritools/SeguriTools.app "$out/"
for c in npiectl refca; do
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/$c" "./cmd/$c"
done
if [ -n "${MAC_SIGN_ID:-}" ]; then
  codesign --force --options runtime --timestamp --sign "$MAC_SIGN_ID" \
    "$out/SeguriTools.app" "$out/npiectl" "$out/refca"
  ditto -c -k --keepParent "$out/SeguriTools.app" "$out/SeguriTools-$version-macos.zip"
  if [ -n "${MAC_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$out/SeguriTools-$version-macos.zip" --keychain-profile "$MAC_NOTARY_PROFILE" --wait
    xcrun stapler staple "$out/SeguriTools.app"
    ditto -c -k --keepParent "$out/SeguriTools.app" "$out/SeguriTools-$version-macos.zip"
  fi
  codesign --verify --deep --strict "$out/SeguriTools.app"
  spctl --assess --type execute "$out/SeguriTools.app" || true
else
  ditto -c -k --keepParent "$out/SeguriTools.app" "$out/SeguriTools-$version-macos.zip"
  echo "Sin MAC_SIGN_ID: la app no está firmada (Gatekeeper pedirá abrirla con clic derecho → Abrir)." >&2
fi
(cd "$out" && shasum -a 256 ./*.zip npiectl refca >SHA256SUMS)
