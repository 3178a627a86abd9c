#!/usr/bin/env bash
# The one test runner behind `make test`: every test binary of the gcc build and
# of the clang ASan+UBSan build, every fuzz target (corpus replay plus a short
# mutation run) and lint. Prints a line per suite, the full output of any
# suite that failed, and closes with one "N passed, N failed" line.
#
#   ONLY=gcc|asan|fuzz|lint|e2e run one part     FUZZ_SMOKE_SECONDS=10   per target
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

want() { [ -z "${ONLY:-}" ] || [ "$ONLY" = "$1" ]; }

# A cmocka binary: its "[       OK ]" and "[  FAILED  ] name" lines are the
# counts; a crash or a non-zero exit without a failed test still counts as one.
run_cmocka() { # label binary
	local label=$1 bin=$2 out="$log/$(echo "$1" | tr '/ ' '__').log"
	IPM_BIN_DIR=$(dirname "$(dirname "$(dirname "$bin")")") timeout 600 "$bin" >"$out" 2>&1
	local rc=$?
	local ok bad
	ok=$(grep -c '^\[       OK \]' "$out")
	bad=$(grep -E '^\[  (FAILED|ERROR)   ?\] ' "$out" | grep -vc 'test(s)')
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
	passed=$((passed + ok)) failed=$((failed + bad))
	if [ "$bad" -eq 0 ]; then
		printf 'ok    %-40s %3d passed\n' "$label" "$ok"
	else
		printf 'FAIL  %-40s %3d passed, %d failed (exit %d)\n' "$label" "$ok" "$bad" "$rc"
		sed 's/^/      | /' "$out"
	fi
}

run_check() { # label command...
	local label=$1 out="$log/check.log"
	shift
	if "$@" >"$out" 2>&1; then
		passed=$((passed + 1))
		printf 'ok    %s\n' "$label"
	else
		failed=$((failed + 1))
		printf 'FAIL  %s\n' "$label"
		sed 's/^/      | /' "$out"
	fi
}

suites() { # build dir, label
	local dir=$1 tag=$2 t
	for t in "$dir"/tests/unit/test_* "$dir"/tests/integration/test_*; do
		[ -x "$t" ] || continue
		run_cmocka "$tag ${t#"$dir"/tests/}" "$t"
	done
}

want gcc && suites build gcc
want asan && suites build/asan asan

if want fuzz; then
	for f in build/fuzz/fuzz/fuzz_*; do
		[ -x "$f" ] || continue
		name=$(basename "$f")
		mkdir -p "build/fuzz-corpus/$name"
		run_check "fuzz $name (${FUZZ_SMOKE_SECONDS:-10}s, ASan+UBSan)" \
			"$f" -max_total_time="${FUZZ_SMOKE_SECONDS:-10}" "build/fuzz-corpus/$name" "fuzz/corpus/$name"
	done
fi

want lint && run_check "lint (banned functions, style rules)" scripts/lint.sh

# The browser tests (tests/e2e/run.mjs: Chromium on the gcc build's server);
# each of its "ok N" / "not ok N" lines counts as one test.
run_e2e() {
	local out="$log/e2e.log" rc ok bad
	IPM_BIN=${IPM_BIN:-build/ipm} timeout 1200 node tests/e2e/run.mjs >"$out" 2>&1
	rc=$?
	ok=$(grep -c '^ok ' "$out")
	bad=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
	passed=$((passed + ok)) failed=$((failed + bad))
	if [ "$bad" -eq 0 ]; then
		printf 'ok    %-40s %3d passed\n' "e2e (Chromium, axe-core)" "$ok"
	else
		printf 'FAIL  %-40s %3d passed, %d failed (exit %d)\n' "e2e (Chromium, axe-core)" "$ok" "$bad" "$rc"
		sed 's/^/      | /' "$out"
	fi
}
want e2e && run_e2e

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
