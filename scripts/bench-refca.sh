#!/usr/bin/env bash
# Called by scripts/bench.sh (make bench) with its output folder: refca's
# durable issuance throughput through the HTTPS API (docs/PERFORMANCE.md).
set -euo pipefail
out="${1:-bench-out}"
echo "== refca: durable issuances, 8 clients, RSA-3072 (BenchmarkEmision) ==" >&2
CGO_ENABLED=0 go test -run='^$' -bench=Emision -benchtime=4000x -count=3 ./app/api | tee "$out/refca.txt" >&2
