#!/usr/bin/env bash
# make bench: Go benchmarks of the project beside the same operations done by
# OpenSSL in the same run, printed side by side (medians, milliseconds).
# Figures and the machine they were taken on are kept in docs/PERFORMANCE.md.
# Then every scripts/bench-*.sh (refca's issuances: scripts/bench-refca.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench-out
rm -rf "$out" && mkdir -p "$out"
# BENCH=refca: only refca's durable issuances (scripts/bench-refca.sh).
if [ "${BENCH:-}" = refca ]; then
  exec scripts/bench-refca.sh "$out"
fi
export CGO_ENABLED=0
go build -o "$out/npiectl" ./cmd/npiectl
go build -o "$out/timecmd" ./scripts/timecmd
T="$out/timecmd"

echo "== Go benchmarks (go test -bench, -count 5) ==" >&2
go test -run='^$' -bench='GenerateKey|EncryptKey|ParseKey|EncodePFX|DecodePFX|SignPDF|VerifyPDF' -benchtime=1x -count=1 ./crypto >/dev/null # warm the build
go test -run='^$' -bench='GenerateKey' -benchtime=5x -count=3 ./crypto | tee "$out/keygen.txt" >&2
go test -run='^$' -bench='EncryptKey|ParseKey|EncodePFX|DecodePFX|SignPDF|VerifyPDF' -benchtime=20x -count=5 ./crypto | tee "$out/crypto.txt" >&2
if ls app/carta/*_test.go >/dev/null 2>&1; then
  go test -run='^$' -bench=. -benchtime=20x -count=5 ./app/carta | tee "$out/carta.txt" >&2
fi

# median ns/op of a benchmark name (all -count runs) in ms
med() {
  grep -h -E "^Benchmark$1(-[0-9]+)?[[:space:]]" "$out"/*.txt 2>/dev/null |
    awk '{print $3}' | sort -n | awk '{a[NR]=$1} END{if(NR==0){print "-"}else{printf "%.2f", a[int((NR+1)/2)]/1e6}}'
}

echo "== OpenSSL, same machine, same run ==" >&2
# OpenSSL reads a file given to both -passin and -passout line by line, so
# the output password has a file of its own.
pw="$out/pw"; printf 'Clave2026abc\n' >"$pw"; pw2="$out/pw2"; cp "$pw" "$pw2"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/o.pem" 2>/dev/null
openssl req -new -x509 -key "$out/o.pem" -subj /CN=bench -days 1 -out "$out/o.crt" 2>/dev/null
openssl pkcs8 -topk8 -in "$out/o.pem" -outform DER -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 600000 -passout file:"$pw" -out "$out/o.key"
openssl pkcs12 -export -inkey "$out/o.pem" -in "$out/o.crt" -passout file:"$pw" -out "$out/o.pfx" 2>/dev/null
for b in 2048 3072 4096; do
  n=15; [ $b = 4096 ] && n=7
  eval "ossl_gen_$b=$($T -n $n -- openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$b -out "$out/g.pem")"
done
ossl_enc=$($T -n 11 -- openssl pkcs8 -topk8 -in "$out/o.pem" -outform DER -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 600000 -passout file:"$pw" -out "$out/e.key")
ossl_dec=$($T -n 11 -- openssl pkcs8 -inform DER -in "$out/o.key" -passin file:"$pw" -out "$out/d.pem")
ossl_p12=$($T -n 15 -- openssl pkcs12 -export -inkey "$out/o.pem" -in "$out/o.crt" -passout file:"$pw" -out "$out/p.pfx")
ossl_p12d=$($T -n 15 -- openssl pkcs12 -in "$out/o.pfx" -passin file:"$pw" -noout)

echo "== Whole processes ==" >&2
# npiectl keygen encrypts with 600,000 PBKDF2 iterations; OpenSSL is shown
# both bare (genpkey alone) and doing the same work (genpkey + pkcs8 -iter 600000).
np_keygen=$($T -n 15 -- sh -c "rm -f $out/n.key; $out/npiectl keygen --out $out/n.key --password-file $pw")
ossl_keygen_enc=$($T -n 15 -- sh -c "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes-256-cbc -pass file:$pw -out $out/x.pem && openssl pkcs8 -topk8 -in $out/x.pem -passin file:$pw -outform DER -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 600000 -passout file:$pw2 -out $out/x.key")
cp "$out/o.key" "$out/n2.key"
openssl x509 -in "$out/o.crt" -outform DER -out "$out/o.cer"
np_pfx=$($T -n 15 -- sh -c "$out/npiectl pfx --cer $out/o.cer --key $out/n2.key --out $out/n.pfx --password-file $pw --force")
ossl_pfx=$($T -n 15 -- sh -c "openssl pkcs8 -inform DER -in $out/o.key -passin file:$pw -out $out/y.pem && openssl pkcs12 -export -inkey $out/y.pem -in $out/o.crt -passout file:$pw -out $out/y.pfx")
np_open=$($T -n 11 -- sh -c "$out/npiectl inspect $out/o.key --password-file $pw")

echo "== Letters: sign and verify beside openssl cms on the same bytes ==" >&2
export SEGURITOOLS_CONFIG_DIR="$out/config"
"$out/npiectl" letter make --type terminos --data examples/solicitud.json --out "$out/carta.pdf" >/dev/null
"$out/npiectl" pfx --cer "$out/o.cer" --key "$out/n2.key" --out "$out/s.pfx" --password-file "$pw" --force >/dev/null
openssl pkcs8 -inform DER -in "$out/o.key" -passin file:"$pw" -out "$out/plain.pem"
ossl_cms_sign=$($T -n 21 -- openssl cms -sign -binary -md sha256 -nosmimecap -in "$out/carta.pdf" -signer "$out/o.crt" -inkey "$out/plain.pem" -outform DER -out "$out/carta.p7s")
openssl cms -sign -binary -md sha256 -in "$out/carta.pdf" -signer "$out/o.crt" -inkey "$out/plain.pem" -outform DER -out "$out/carta.p7s"
ossl_cms_verify=$($T -n 21 -- openssl cms -verify -binary -inform DER -in "$out/carta.p7s" -content "$out/carta.pdf" -noverify -out /dev/null)
np_sign=$($T -n 11 -- "$out/npiectl" letter sign --in "$out/carta.pdf" --pfx "$out/s.pfx" --out "$out/firmada.pdf" --password-file "$pw" --force)
np_verify=$($T -n 21 -- "$out/npiectl" letter verify --in "$out/firmada.pdf")
rm -f "$out/plain.pem"

row() { printf '%-44s %12s %12s\n' "$1" "$2" "$3"; }
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3), $(openssl version | cut -d' ' -f1-2)"
echo
row "operation (median ms)" "Go/npiectl" "OpenSSL"
row "RSA-2048 key generation (in-process)" "$(med GenerateKey/2048)" "$ossl_gen_2048"
row "RSA-3072 key generation (in-process)" "$(med GenerateKey/3072)" "$ossl_gen_3072"
row "RSA-4096 key generation (in-process)" "$(med GenerateKey/4096)" "$ossl_gen_4096"
row ".key encrypt, 600k PBKDF2-SHA256" "$(med EncryptKey)" "$ossl_enc"
row ".key decrypt, 600k PBKDF2-SHA256" "$(med ParseKey)" "$ossl_dec"
row ".pfx encode" "$(med EncodePFX)" "$ossl_p12"
row ".pfx decode" "$(med DecodePFX)" "$ossl_p12d"
row "keygen process: genpkey bare" "-" "$ossl_gen_2048"
row "keygen process: npiectl vs genpkey+pkcs8" "$np_keygen" "$ossl_keygen_enc"
row "open a .key (npiectl inspect / pkcs8)" "$np_open" "$ossl_dec"
row "pfx process: npiectl pfx vs pkcs8+pkcs12" "$np_pfx" "$ossl_pfx"
row "letter generation (in-process)" "$(med Terminos)" "-"
row "sign a letter, CMS (in-process / cms -sign)" "$(med SignPDF)" "$ossl_cms_sign"
row "verify a letter (in-process / cms -verify)" "$(med VerifyPDF)" "$ossl_cms_verify"
row "letter sign process (npiectl, opens .pfx)" "$np_sign" "-"
row "letter verify process (npiectl)" "$np_verify" "-"
for extra in scripts/bench-*.sh; do
  [ -x "$extra" ] && "$extra" "$out"
done
