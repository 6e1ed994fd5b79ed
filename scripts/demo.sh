#!/bin/bash
# demo.sh -- on a fresh machine: start a private libvirt daemon and run the
# virsh-compatible example against its built-in test driver.
#
#   scripts/demo.sh
#
# Installs libvirt from Debian if missing (scripts/libvirtd.sh; run as root),
# starts the daemons of $LIBVIRT_DEMO_DIR (default /tmp/libvirt-rs-demo) unless
# they already run, runs `list --all`, `dominfo test` and `nodeinfo` on
# test:///default through the daemon's unix socket, and stops what it started.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DIR=${LIBVIRT_DEMO_DIR:-/tmp/libvirt-rs-demo}

started=0
if ! scripts/libvirtd.sh status "$DIR" >/dev/null 2>&1; then
    scripts/libvirtd.sh start "$DIR" >/dev/null
    started=1
fi
stop_daemons() {
    if [ "$started" = 1 ]; then
        scripts/libvirtd.sh stop "$DIR" >/dev/null || true
    fi
}
trap stop_daemons EXIT
# shellcheck disable=SC1091
. "$DIR/env"

cargo build --quiet --release -p libvirt-client --example virsh
VIRSH=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/virsh

for cmd in "list --all" "dominfo test" "nodeinfo"; do
    printf '$ virsh -c %s %s\n' "$LIBVIRT_TEST_URI" "$cmd"
    # shellcheck disable=SC2086
    "$VIRSH" -c "$LIBVIRT_TEST_URI" $cmd
done
