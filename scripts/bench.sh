#!/bin/bash
# bench.sh -- run the libvirt-client benchmarks and print a summary.
#
# usage: scripts/bench.sh [all|rpc|xdr]      (default all)
#
#   rpc   cargo bench -p libvirt-client --bench rpc_vs_c: CONNECT_GET_LIB_VERSION calls/s,
#         client CPU per call and peak RSS of our client against libvirt's C library
#         (benches/c_harness.c), 1, 8 and 32 concurrent callers on one connection to the
#         private test daemon, interleaved rounds, medians and ratios against the goals.
#   xdr   cargo bench -p libvirt-client --bench xdr_decode: XDR decode/encode throughput of
#         a 16,384-domain CONNECT_LIST_ALL_DOMAINS reply, and small-reply decode latency;
#         each benchmark runs in a process of its own (see below).
#
# What it does first:
#   * installs libvirt-dev, gcc and pkg-config with apt-get if missing (the C harness);
#   * starts the private daemons with scripts/libvirtd.sh start $LIBVIRT_TEST_DIR (default
#     /tmp/lvtest) unless they already run; if it started them it stops them on exit;
#   * compiles benches/c_harness.c into $CARGO_TARGET_DIR/release/c_harness.
#
# Environment: CARGO_TARGET_DIR (default <repo>/target), LIBVIRT_TEST_DIR, and the
# rpc_vs_c knobs RPC_BENCH_ROUNDS (3), RPC_BENCH_SECS (3), RPC_BENCH_WARMUP (0.5),
# RPC_BENCH_CONCURRENCY (1,8,32), RPC_BENCH_VARIANTS (ct,mt,blocking,c);
# XDR_BENCH_ARGS: extra criterion arguments (e.g. "--measurement-time 10").
# Logs go to $CARGO_TARGET_DIR/bench-logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WHAT=${1:-all}
case $WHAT in all|rpc|xdr) ;; *) echo "usage: $0 [all|rpc|xdr]" >&2; exit 2 ;; esac
DIR=${LIBVIRT_TEST_DIR:-/tmp/lvtest}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
LOGS=$CARGO_TARGET_DIR/bench-logs
mkdir -p "$LOGS"
note() { echo "bench.sh: $*" >&2; }

# ------------------------------------------------------------------ packages for the C harness
need_packages() {
  local p missing=()
  for p in libvirt-dev gcc pkg-config; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    note "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# ------------------------------------------------------------------ daemons
STARTED=0
stop_daemons() {
  if [ "$STARTED" = 1 ]; then
    note "stopping the daemons this script started"
    "$ROOT/scripts/libvirtd.sh" stop "$DIR" >/dev/null || true
  fi
}
ensure_daemons() {
  local status
  status=$("$ROOT/scripts/libvirtd.sh" status "$DIR" 2>/dev/null) && return 0
  if grep -q "): running" <<<"$status"; then
    # Some of DIR's daemons run: start completes them; stop would also stop those
    # that ran before, so leave them all running.
    note "completing the daemons of $DIR (left running afterwards)"
  else
    STARTED=1
    trap stop_daemons EXIT
    note "starting the daemons of $DIR (stopped on exit)"
  fi
  "$ROOT/scripts/libvirtd.sh" start "$DIR" >&2
}

machine() {
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), \
$(uname -r), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ------------------------------------------------------------------ run
cd "$ROOT"
summary=()
machine | tee "$LOGS/machine.txt"

if [ "$WHAT" != xdr ]; then
  need_packages
  ensure_daemons
  # shellcheck disable=SC1091
  source "$DIR/env"
  out=$CARGO_TARGET_DIR/release/c_harness
  # shellcheck disable=SC2046
  gcc -O2 -Wall -pthread libvirt-client/benches/c_harness.c -o "$out" $(pkg-config --cflags --libs libvirt)
  export RPC_BENCH_C_HARNESS=$out
  note "rpc_vs_c: about $(( ${RPC_BENCH_ROUNDS:-3} * 3 * 4 * (${RPC_BENCH_SECS:-3} + 1) )) s"
  cargo bench -p libvirt-client --bench rpc_vs_c 2>&1 | tee "$LOGS/rpc_vs_c.txt"
fi

if [ "$WHAT" != rpc ]; then
  # One process per benchmark: the heap one benchmark leaves behind (glibc malloc's free
  # lists) changes the next one's time by up to 2x, so sharing a process makes the
  # numbers depend on the order they run in.
  cargo bench -p libvirt-client --bench xdr_decode --no-run
  ids=$(cargo bench -q -p libvirt-client --bench xdr_decode -- --list 2>/dev/null | sed -n 's/: benchmark$//p')
  : > "$LOGS/xdr_decode.txt"
  for id in $ids; do
    # shellcheck disable=SC2086
    cargo bench -q -p libvirt-client --bench xdr_decode -- --exact "$id" ${XDR_BENCH_ARGS:-} 2>&1 \
      | tee -a "$LOGS/xdr_decode.txt"
  done
fi

# ------------------------------------------------------------------ summary
echo
echo "==================== summary ===================="
machine
if [ -f "$LOGS/rpc_vs_c.txt" ] && [ "$WHAT" != xdr ]; then
  # the table: from the column header to the end
  sed -n '/^  N client/,$p' "$LOGS/rpc_vs_c.txt"
fi
if [ -f "$LOGS/xdr_decode.txt" ] && [ "$WHAT" != rpc ]; then
  echo
  echo "xdr_decode (criterion median [low high]):"
  grep -m1 -E '^list_all_domains: ' "$LOGS/xdr_decode.txt" || true
  awk '
    /^(list_all_domains_|domain_get_info)[a-z_]*\// { name=$1; if (NF > 1 && $2 == "time:") { t=$0; sub(/.*time: +/, "", t); printf "  %-36s time %s\n", name, t } next }
    /^ +time:/ && name != "" { t=$0; sub(/.*time: +/, "", t); printf "  %-36s time %s\n", name, t; next }
    /^ +thrpt:/ && name != "" { t=$0; sub(/.*thrpt: +/, "", t); printf "  %-36s thrpt %s\n", "", t; name=""; next }
  ' "$LOGS/xdr_decode.txt"
fi
