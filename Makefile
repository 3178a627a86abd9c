# IPM — one C17 binary. Plain GNU make: the tree is small, every dependency
# comes from pkg-config, and one file shows every target (docs/architecture.md).
#
#   make run     install what is missing, build, init a demo database, serve
#   make test    the whole suite: gcc build, clang ASan+UBSan build, fuzz smoke
#
# Out-of-tree builds: `make BUILD=build/clang CC=clang` keeps trees apart.

.DEFAULT_GOAL := all
.SUFFIXES:
SHELL := /bin/bash

BUILD   ?= build
CC      ?= cc
OPT     ?= -O2
SAN     ?=
PREFIX  ?= /usr/local
PORT    ?= 8080
DB      ?= var/ipm.db
FUZZ_SECONDS ?= 60

PKGS := sqlite3 jansson libmicrohttpd libsodium pangocairo
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS := -Isrc -I$(BUILD)/gen -D_DEFAULT_SOURCE -DIPM_DATA_DIR='"$(PREFIX)/share/ipm"'
CFLAGS   := -std=c17 $(WARN) -g $(OPT) $(SAN) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  := $(SAN)

LIB_SRC  := $(sort $(filter-out src/main.c,$(shell find src -name '*.c')))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
LIB      := $(BUILD)/libipm.a
BIN      := $(BUILD)/ipm

# Files compiled into the binary, looked up by their repository path.
EMBED := $(sort $(wildcard src/store/migrations/*/*.sql) $(wildcard data/schemas/*.json))

TEST_SRC := $(sort $(wildcard tests/unit/test_*.c tests/integration/test_*.c))
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))

# Packs generated from npm packages (node_modules comes from `make deps`).
GEN_PACKS := data/packs/ipip-neo-120.json

FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard bench/bench_*.c)))

.PHONY: all deps run test check asan fuzz fuzz-build bench install lint clean po e2e screenshots

# The web application's generated files (docs/web.md): the NL Design System
# CSS of the components the templates use, from npm @utrecht/* (design tokens
# first), and the compiled UI translations. Generated into data/ so that
# `ipm serve --data data` and `make install` find them like the packs.
NLDS_COMPONENTS := document page page-body page-header page-content page-footer skip-link \
	heading-1 heading-2 heading-3 paragraph link button form-field form-label \
	form-field-description form-field-error-message textbox textarea table alert \
	data-list status-badge unordered-list ordered-list separator form-fieldset radio-button \
	checkbox select figure button-link
NLDS_CSS := $(foreach c,$(NLDS_COMPONENTS),node_modules/@utrecht/$(c)-css/dist/index.css)
LOCALES := nl en de
GEN_WEB := data/static/nlds.css $(LOCALES:%=data/locale/%.mo)

all: $(BIN) $(GEN_PACKS) $(GEN_WEB)

data/static/nlds.css: node_modules/@utrecht/design-tokens/dist/theme.css $(NLDS_CSS) Makefile
	@$(if $(V),,echo "  GEN  $@")
	$(Q)cat $(filter %.css,$^) > $@.tmp && mv $@.tmp $@

data/locale/%.mo: po/%.po
	@mkdir -p $(@D)
	@$(if $(V),,echo "  MSGFMT $@")
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# po/ipm.pot from the N_() strings of the web layer; then msgmerge each .po.
po:
	xgettext --from-code=UTF-8 -kN_ -c --no-location -o po/ipm.pot src/web/*.c
	for l in $(LOCALES); do msgmerge -q -U --backup=none po/$$l.po po/ipm.pot; done

data/packs/ipip-neo-120.json: tools/bigfive-pack.mjs data/bigfive/ipip-neo-120.ipm.json \
		data/norms/ipip-neo-120-norms.tsv package-lock.json
	@$(if $(V),,echo "  GEN  $@")
	$(Q)node tools/bigfive-pack.mjs $@

# The engine is the hot path of batch scoring: -O3 lets gcc vectorise its
# row loops, which -O2's very cheap cost model leaves scalar (docs/performance.md).
$(BUILD)/obj/src/engine/%.o: CFLAGS += $(if $(filter -O2,$(OPT)),-O3)

# V=1 shows whole command lines.
Q := $(if $(V),,@)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC   $(BUILD) $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(filter-out -Wmissing-prototypes,$(CFLAGS)) -c $< -o $@

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBED) Makefile
	@mkdir -p $(@D)
	$(Q)$(BUILD)/tools/embed $@ $(foreach f,$(EMBED),$(f)=$(f))

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c17 -O1 -Wall -Wextra -Werror $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN): $(BUILD)/obj/src/main.o $(LIB)
	@$(if $(V),,echo "  LD   $@")
	$(Q)$(CC) $(LDFLAGS) $^ $(PKG_LIBS) -o $@

$(BUILD)/tests/%: tests/%.c $(TEST_SUPPORT) $(LIB) $(BIN)
	@mkdir -p $(@D)
	@$(if $(V),,echo "  LD   $@")
	$(Q)$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(LDFLAGS) $< $(TEST_SUPPORT) $(LIB) \
		$(PKG_LIBS) -lcmocka -o $@

# --- the two commands ------------------------------------------------------

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(dir $(DB))
	$(BIN) init --db $(DB) --data data --demo
	@echo "IPM draait op http://localhost:$(PORT)  (Ctrl-C stopt de server)"
	$(BIN) serve --db $(DB) --data data --port $(PORT)

# The whole suite in one runner, so that one summary line closes the output:
# unit and integration tests from gcc, the same tests from clang with
# ASan+UBSan, every fuzz target on its corpus and briefly mutated, and lint.
test: deps
	@$(MAKE) --no-print-directory check-build
	@tests/run.sh

check-build:
	@$(MAKE) --no-print-directory all tests-build
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang OPT=-O1 \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		all tests-build
	@$(MAKE) --no-print-directory fuzz-build

# Benchmarks are built with the tests so that a change cannot silently break them.
tests-build: $(TEST_BIN) $(BENCH_BIN)

# --- sanitizers, fuzzing, benchmarks ------------------------------------------

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang OPT=-O1 \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		all tests-build
	@ONLY=asan tests/run.sh

FUZZ_BUILD := build/fuzz
FUZZ_SAN   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_BIN   := $(patsubst fuzz/%.c,$(FUZZ_BUILD)/fuzz/%,$(FUZZ_SRC))

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT=-O1 \
		SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" $(FUZZ_BUILD)/libipm.a fuzz-bins

fuzz-bins: $(FUZZ_BIN)

$(FUZZ_BUILD)/fuzz/%: fuzz/%.c $(FUZZ_BUILD)/libipm.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  LD   $@")
	$(Q)clang $(CPPFLAGS) -std=c17 $(WARN) -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer $(PKG_CFLAGS) \
		$< $(FUZZ_BUILD)/libipm.a $(PKG_LIBS) -o $@

# Each target for FUZZ_SECONDS (default 60) under ASan+UBSan.
fuzz: fuzz-build
	@set -e; for f in $(FUZZ_BIN); do \
		name=$$(basename $$f); mkdir -p build/fuzz-corpus/$$name; \
		echo "== $$name for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			build/fuzz-corpus/$$name fuzz/corpus/$$name; \
	done

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	@$(if $(V),,echo "  LD   $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $< $(LIB) $(PKG_LIBS) -o $@

bench: all $(BENCH_BIN)
	@bench/run.sh

# --- browser tests and screenshots (Chromium via playwright-core) --------------

# The browser tests alone (they are part of `make test` too): tests/e2e/run.mjs.
e2e: all
	@IPM_BIN=$(BIN) ONLY=e2e tests/run.sh

# The main pages at 1280x900 into docs/screenshots/, from a fresh demo database.
screenshots: all
	@IPM_BIN=$(BIN) node tests/e2e/screenshots.mjs docs/screenshots

# --- install, lint, clean -----------------------------------------------------

install: all
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ipm
	mkdir -p $(DESTDIR)$(PREFIX)/share/ipm
	cp -r data/packs data/templates $(DESTDIR)$(PREFIX)/share/ipm/
	cp -r data/static data/locale $(DESTDIR)$(PREFIX)/share/ipm/
	cp data/retention.json $(DESTDIR)$(PREFIX)/share/ipm/

lint:
	@scripts/lint.sh

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
