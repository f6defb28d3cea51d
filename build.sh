#!/usr/bin/env bash
# Masthead's one entry point.
#   ./build.sh          build everything; leaves loadable extensions in dist/chrome and dist/firefox
#   ./build.sh test     build, then run every test: Rust unit, integration and property tests,
#                       browser tests in Chromium, web-ext lint
#   ./build.sh bench    build, then run the benchmarks (criterion for the core, the browser bench)
#   ./build.sh fuzz [S] fuzz each core target (bundle load, validate, edits, lookup, scan, html
#                       extract) for S seconds (default 60) with cargo-fuzz on a nightly toolchain
# It installs what is missing (rustup target, wasm-bindgen-cli pinned to Cargo.lock, npm packages from
# the lockfile, Debian's chromium when run as root) and is quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
PKG=extension/pkg

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    log "installing wasm-bindgen-cli $want"
    # --locked does not resolve on these machines (DESIGN.md, toolchain facts).
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 or newer"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # A CJK font too, so that screenshots of Chinese citations show characters, not boxes.
    log "installing Debian's chromium and a CJK font for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
  else
    die "the browser tests need /usr/bin/chromium (apt-get install chromium)"
  fi
}

# True if $1 is missing or older than any of the rest.
stale() {
  local out=$1; shift
  [ -e "$out" ] || return 0
  [ -n "$(find "$@" -newer "$out" -print -quit 2>/dev/null)" ]
}

build_core() {
  log "building the core and the masthead CLI"
  cargo build --release --bin masthead
  mkdir -p "$PKG"
  if stale "$PKG/masthead.bundle" data target/release/masthead; then
    log "compiling data/ into the dataset bundle"
    target/release/masthead build data -o "$PKG/masthead.bundle"
  fi
}

build_wasm() {
  log "building the WebAssembly facade"
  cargo build --release -p masthead-wasm --target wasm32-unknown-unknown
  local raw=target/wasm32-unknown-unknown/release/masthead_wasm.wasm
  if stale "$PKG/masthead_wasm_bg.wasm" "$raw"; then
    wasm-bindgen --target web --out-dir "$PKG" --out-name masthead_wasm "$raw"
    # Debian's wasm-opt 108 emits modules that fail at init; the npm binaryen works (DESIGN.md).
    node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$PKG/masthead_wasm_bg.wasm" -o "$PKG/masthead_wasm_bg.wasm.opt"
    mv "$PKG/masthead_wasm_bg.wasm.opt" "$PKG/masthead_wasm_bg.wasm"
  fi
}

assemble() {
  log "assembling dist/chrome and dist/firefox"
  for browser in chrome firefox; do
    local out=dist/$browser
    rm -rf "$out.tmp" && mkdir -p "$out.tmp"
    # Everything but the per-browser manifests is shared.
    tar -C extension --exclude='./manifest.*.json' -cf - . | tar -C "$out.tmp" -xf -
    cp "extension/manifest.$browser.json" "$out.tmp/manifest.json"
    rm -rf "$out" && mv "$out.tmp" "$out"
    (cd "$out" && python3 - "$ROOT/dist/masthead-$browser.zip" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in sorted(os.walk(".")):
        for f in sorted(files):
            z.write(os.path.join(base, f), os.path.relpath(os.path.join(base, f), "."))
PY
    )
  done
}

build_all() {
  ensure_rust
  ensure_npm
  build_core
  build_wasm
  assemble
  log "done: dist/chrome, dist/firefox, dist/masthead-chrome.zip, dist/masthead-firefox.zip"
}

# The fuzz targets in fuzz/ need a nightly toolchain and cargo-fuzz; both are installed if missing.
# Seeds come from the test fixtures; findings land in fuzz/artifacts/<target>/ (not committed).
fuzz_all() {
  local seconds="$1"
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
  local seeds=fuzz/corpus
  mkdir -p "$seeds"/{bundle_load,validate,edits,lookup,scan,html_extract}
  cp -n tests/fixtures/data/*.json "$seeds/validate/" 2>/dev/null || true
  cp -n tests/fixtures/data/*.json "$seeds/edits/" 2>/dev/null || true
  cp -n tests/e2e/fixtures/*.html "$seeds/html_extract/" 2>/dev/null || true
  printf 'https://www.globaltimes.cn/page/1.html' > "$seeds/lookup/url"
  printf 'Xinhua reported, according to Global Times (Reuters) --' > "$seeds/scan/text"
  local failed=0
  for target in bundle_load validate edits lookup scan html_extract; do
    log "fuzzing $target for $seconds s"
    if ! (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
          -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -n 12); then
      failed=1
    fi
    if [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
      log "$target: crash inputs in fuzz/artifacts/$target"
      failed=1
    fi
  done
  [ "$failed" = 0 ] || die "fuzzing found crashes"
  log "fuzzing: no crashes in ${seconds} s per target"
}

case "${1:-build}" in
  build)
    build_all
    ;;
  test)
    build_all
    ensure_chromium
    log "Rust tests (unit, integration, property, doc)"
    cargo test --workspace
    # The benchmarks are not run here, but they must keep compiling (they once missed a new field).
    cargo build --release --benches --quiet
    log "browser tests (Playwright + Chromium) and web-ext lint"
    npm test
    ;;
  bench)
    build_all
    ensure_chromium
    log "core benchmarks (criterion)"
    cargo bench --bench core
    log "extension benchmarks (Chromium)"
    npm run bench
    ;;
  fuzz)
    fuzz_all "${2:-60}"
    ;;
  *)
    die "usage: ./build.sh [build|test|bench|fuzz [SECONDS]]"
    ;;
esac
