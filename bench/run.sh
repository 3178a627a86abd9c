#!/usr/bin/env bash
# Runs every benchmark binary built from bench/bench_*.c; each prints its own
# table with ratios against the reference it measures in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in build/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b"
	echo
done
# The web server against nginx (wrk; needs build/ipm, wrk and nginx).
echo "== http"
bench/http.sh
