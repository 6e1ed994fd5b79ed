#!/bin/bash
# test.sh -- every check and every test of the workspace, on a fresh machine.
#
#   scripts/test.sh
#
# 1. formatting, clippy (warnings are errors) and rustdoc (warnings are errors);
# 2. starts private libvirt daemons with scripts/libvirtd.sh (installing what is
#    missing from Debian), unless the ones of $LIBVIRT_TEST_DIR already run;
# 3. runs every test of every crate: unit, integration, property, compile-fail,
#    golden and snapshot tests, doc tests, and the live tests against the daemons
#    (which fail, loudly, if a daemon is missing);
# 4. stops the daemons it started.
#
# Environment: LIBVIRT_TEST_DIR (default /tmp/libvirt-rs-test) names the daemons'
# directory; everything scripts/libvirtd.sh reads applies too.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DIR=${LIBVIRT_TEST_DIR:-/tmp/libvirt-rs-test}

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets and features, warnings are errors)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

step "libvirt daemons in $DIR"
started=0
if ! scripts/libvirtd.sh status "$DIR" >/dev/null 2>&1; then
    scripts/libvirtd.sh start "$DIR"
    started=1
fi
LOG=$(mktemp)
stop_daemons() {
    if [ "$started" = 1 ]; then
        step "stopping the daemons of $DIR"
        scripts/libvirtd.sh stop "$DIR" || true
        started=0
    fi
}
trap 'stop_daemons; rm -f "$LOG"' EXIT
# shellcheck disable=SC1091
. "$DIR/env"

step "cargo test (every crate, every test target)"
cargo test --workspace --all-features --lib --bins --tests --examples 2>&1 | tee -a "$LOG"

step "cargo test --doc"
cargo test --workspace --all-features --doc 2>&1 | tee -a "$LOG"

stop_daemons
step "summary of every test binary"
awk '/^test result:/ { p += $4; f += $6; i += $8 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, i }' "$LOG"
