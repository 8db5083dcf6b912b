#!/usr/bin/env bash
# Runs every Fuzz target of the module for a few seconds each (default 4s),
# so CI finds a crash that a new seed would expose. Longer runs:
#   FUZZTIME=5m scripts/fuzz-smoke.sh
set -euo pipefail
# -fuzzminimizetime=100x: with the default (60 s of minimizing every new
# interesting input) a run that finds one near its end fails with "context
# deadline exceeded" and no crasher, which is go test's, not the code's.
# A real crash is still reported and saved under testdata/fuzz.
t="${FUZZTIME:-4s}"
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  pkg="./$(dirname "${f#./}")"
  tags=""
  case "$pkg" in ./ui*|./cmd/seguritools*) tags="-tags ci" ;; esac
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //' | while read -r fn; do
    echo "fuzz $pkg $fn ($t)"
    go test $tags -run='^$' -fuzz="^${fn}\$" -fuzztime="$t" -fuzzminimizetime=100x "$pkg" >/tmp/fuzz-$$.log 2>&1 || { cat /tmp/fuzz-$$.log; exit 1; }
  done
done
