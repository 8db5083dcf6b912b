#!/usr/bin/env bash
# Runs every Fuzz target of the module for a bounded number of inputs each
# (default 500 after the seed corpus; FuzzRender, which runs PDFium per
# input, 20), so CI finds a crash that a new seed would expose. Longer runs:
#   FUZZTIME=5m scripts/fuzz-smoke.sh
# A count, not a duration, in CI: with a duration, go test's coordinator can
# report the run's own deadline as a failure ("context deadline exceeded",
# no crasher) when the deadline races its cancellation of the workers.
set -euo pipefail
# -fuzzminimizetime=100x: with the default (60 s of minimizing every new
# interesting input) a run that finds one near its end fails with "context
# deadline exceeded" and no crasher, which is go test's, not the code's.
# A real crash is still reported and saved under testdata/fuzz.
t="${FUZZTIME:-500x}"
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  pkg="./$(dirname "${f#./}")"
  tags=""
  case "$pkg" in ./ui*|./cmd/seguritools*) tags="-tags ci" ;; esac
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //' | while read -r fn; do
    ft="$t"
    [ -z "${FUZZTIME:-}" ] && [ "$fn" = FuzzRender ] && ft=20x
    echo "fuzz $pkg $fn ($ft)"
    go test $tags -run='^$' -fuzz="^${fn}\$" -fuzztime="$ft" -fuzzminimizetime=100x "$pkg" >/tmp/fuzz-$$.log 2>&1 || { cat /tmp/fuzz-$$.log; exit 1; }
  done
done
