#!/usr/bin/env bash
# Project rules a compiler does not check (docs/architecture.md, "Conventions").
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# Unbounded or truncating string functions: text is built with struct buf.
if grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strncat|gets|strtok)\s*\(' \
	$(find src tests fuzz bench tools -name '*.[ch]' 2>/dev/null); then
	echo "lint: banned function above (use struct buf, see core/buf.h)"
	status=1
fi

# abort() belongs to main only; library code returns error codes.
if grep -nE '\babort\s*\(' $(find src -name '*.c' ! -path src/main.c); then
	echo "lint: abort() outside main"
	status=1
fi

# SQL is built from constant text with placeholders, never from values.
if grep -nE 'sqlite3_(exec|prepare_v2)\s*\([^,]+,\s*buf_str' $(find src -name '*.c'); then
	echo "lint: SQL built from a buffer; use a constant statement with placeholders"
	status=1
fi
# Backdating an assessment is for imported and synthetic history only
# (store.h, store_assessment_import): the demo's history is its one caller.
if grep -nE '\bstore_assessment_import\s*\(' \
	$(find src -name '*.c' ! -path 'src/store/*' ! -path src/services/demo_history.c); then
	echo "lint: store_assessment_import outside the demo's synthetic history"
	status=1
fi
# A statement from db_query belongs to the connection's statement cache and
# goes back with db_done (src/store/sqlite_internal.h); only a file that
# prepares statements of its own may finalize one.
for f in src/store/*.c; do
	if grep -q 'sqlite3_finalize' "$f" && ! grep -q 'sqlite3_prepare' "$f"; then
		grep -n 'sqlite3_finalize' "$f" | sed "s|^|$f:|"
		echo "lint: sqlite3_finalize of a cached statement; give it back with db_done"
		status=1
	fi
done
# One-way layers (docs/architecture.md): a lower layer never includes a
# higher one, and the engine sees no database, HTTP or JSON library.
layer() { # dir allowed-regex (a directory, or one header by its path)
	if grep -nE '#include "' "$1"/*.[ch] | grep -vE "#include \"($2)[/\"]"; then
		echo "lint: $1 includes a layer above it (see docs/architecture.md)"
		status=1
	fi
}
layer src/core 'core'
layer src/engine 'core|engine'
# The store keeps the catalogue as the engine's plain data structs
# (engine/catalogue.h, docs/store.md "Catalogue"); it calls no engine code.
layer src/store 'core|store|engine/catalogue\.h'
if grep -nE '#include <(jansson|sqlite3|microhttpd|libpq-fe)\.h>' src/engine/*.[ch]; then
	echo "lint: the engine is pure: no JSON, database or HTTP library"
	status=1
fi
exit $status
