#!/usr/bin/env bash
# Installs what IPM needs to build, test and run, and nothing that is already
# there: a second run does no network access at all. Debian bookworm packages
# only (see docs/architecture.md for why each is needed).
set -euo pipefail

DEBS=(
	make gcc clang libclang-rt-14-dev pkg-config   # compilers, sanitizer + libFuzzer runtimes
	libsqlite3-dev libjansson-dev libmicrohttpd-dev libsodium-dev
	libcairo2-dev libpango1.0-dev                   # PDF reports and charts
	fonts-open-sans fonts-noto-core                 # report and chart fonts
	libcmocka-dev                                   # unit tests
	poppler-utils                                   # pdftotext/pdftoppm: report tests
	chromium                                        # browser tests (Playwright drives it)
	wrk nginx-light                                 # HTTP benchmark and its reference
	curl sqlite3                                    # smoke checks in tests and make run
	gettext                                         # msgfmt: UI translations (po/*.po)
)

# Node.js runs the build-time pack generator and the npm reference benchmark.
# Debian's packages only when no node/npm is on the PATH, so a newer Node
# that is already installed is never shadowed.
command -v npm >/dev/null || DEBS+=(nodejs npm)

missing=()
for p in "${DEBS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
	echo "deps: installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages come from package-lock.json (added when the UI and the Big Five
# item bank arrive); `npm ci` only when node_modules is missing or stale.
if [ -f package-lock.json ]; then
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
		npm ci --no-audit --no-fund --loglevel=error
		touch node_modules
	fi
fi
