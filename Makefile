# Breakeven: `make run` serves the dashboard, `make test` runs every test.
# Each step installs what is missing and skips what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/tools/node_modules/.bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132.0.0
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SERVER := target/release/server

.PHONY: run build tools lint test test-tools test-rust test-e2e test-api watch prices bench bench-browser bench-load bench-abuse bench-crash clean-data

## Serve the dashboard at http://127.0.0.1:3000 on the SQLite file data/breakeven.db.
run: build
	$(SERVER)

## Run every test: formatting and lints (server and wasm), Rust unit,
## property, fuzz and integration tests, browser tests, then API fuzzing
## with schemathesis.
test: lint build test-tools test-rust test-e2e test-api

## rustfmt and clippy (warnings are errors) on every target, and on the wasm.
lint: tools
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

## Develop with live reload.
# Without the release wasm's size flags (lib-cargo-args in Cargo.toml), so a
# panic in the browser prints its message (console_error_panic_hook).
watch: tools
	cargo leptos watch --lib-cargo-args=--locked

# RUSTC_BOOTSTRAP lets the stable toolchain take the wasm's unstable size
# flags (Cargo.toml, lib-cargo-args); the server's build uses none.
# cargo-leptos only merges similar functions in the wasm (Cargo.toml,
# wasm-opt-features: it passes those flags in no fixed order, and the merge
# must come before -Oz); the size passes run here, once per new wasm, and the
# wasm is precompressed again.
PKG := target/site/pkg
build: tools
	RUSTC_BOOTSTRAP=1 cargo leptos build --release --precompress
	@if [ ! $(PKG)/.merged -nt $(PKG)/breakeven.wasm ]; then \
		wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
			$(PKG)/breakeven.wasm -o $(PKG)/breakeven.wasm && \
		node scripts/precompress.mjs $(PKG)/breakeven.wasm && touch $(PKG)/.merged; fi

# The toolchain is rust-toolchain.toml's; rustup installs it on first use but
# adds its target and components only when it installs it, so they are
# checked here too. cargo-leptos only drives the build (cargo, wasm-bindgen,
# wasm-opt do the work), so it is compiled without optimisation: minutes
# instead of the quarter of an hour a release build of it takes on 2 cores.
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@for c in rust-src clippy rustfmt; do \
		rustup component list --installed | grep -q "^$$c" || rustup component add $$c; done
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || \
		cargo install cargo-leptos@$(CARGO_LEPTOS_VERSION) --locked --features no_downloads --debug
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || \
		cargo install wasm-bindgen-cli@$(WASM_BINDGEN_VERSION) --locked || \
		cargo install wasm-bindgen-cli@$(WASM_BINDGEN_VERSION) --force
	@[ -x tools/node_modules/.bin/wasm-opt ] || \
		npm install --no-audit --no-fund --prefix tools binaryen@$(BINARYEN_VERSION)

test-tools:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }
	@[ -d end2end/node_modules/playwright-core ] && [ -d end2end/node_modules/axe-core ] || npm ci --no-audit --no-fund --prefix end2end

# The storage tests run on SQLite and on a throw-away PostgreSQL cluster
# (installed from Debian's packages if missing); fsync is off in that cluster
# because nothing in it outlives the run.
test-rust:
	PG_SETTINGS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		scripts/with_postgres.sh cargo test --workspace

test-e2e:
	cd end2end && npm test

test-api: build
	scripts/api_fuzz.sh

## The built-in price catalog from the pinned LiteLLM release (prices/pin.json);
## `make prices LITELLM=1.111.0` pins another release first. Then `git diff
## prices/catalog.json` shows every price that moved.
prices:
	node scripts/prices.mjs fetch $(LITELLM)
	node scripts/prices.mjs build

## Criterion benchmarks of the cost model.
bench:
	cargo bench -p app --bench model

## Load (wrk, 30 s x 64 connections, beside a bare axum route): writes
## docs/load.md (SQLite, one process) and docs/load-postgres.md (a throw-away
## PostgreSQL cluster shared by two server processes).
bench-load: build
	scripts/load.sh > docs/load.md.new && mv docs/load.md.new docs/load.md && cat docs/load.md
	BACKEND=postgres scripts/load.sh > docs/load-postgres.md.new && \
		mv docs/load-postgres.md.new docs/load-postgres.md && cat docs/load-postgres.md

## 10 rounds of SIGKILL during a save storm, then integrity_check and every acknowledged save.
## Memory and abuse: 64 clients flooding analyze with the worst valid
## scenario while health, a saved page and saves are timed (docs/performance.md).
bench-abuse: build
	scripts/abuse.py

bench-crash:
	CRASH_ROUNDS=10 cargo test -p server --test crash -- --nocapture

## Browser latency (input to updated chart) and first-page download sizes.
bench-browser: build test-tools
	cd end2end && node bench/latency.mjs 200
	cd end2end && node bench/phone.mjs 5

clean-data:
	rm -rf data
