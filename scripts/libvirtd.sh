#!/bin/bash
# libvirtd.sh -- install and run private libvirt daemons for the integration tests,
# benchmarks and demo of this workspace (Debian 12 "bookworm", run as root, no systemd needed).
#
# usage:
#   scripts/libvirtd.sh install       install the missing Debian packages, create the system
#                                     user libvirt-qemu and libvirt's state directories
#   scripts/libvirtd.sh start  DIR    install if needed, then start (or keep, if already
#                                     running and healthy) the daemons configured under DIR
#                                     and write DIR/env (sourceable "export" lines)
#   scripts/libvirtd.sh stop   DIR    destroy running QEMU domains, then stop exactly the
#                                     daemons that "start DIR" started (PIDs from DIR's pid files)
#   scripts/libvirtd.sh status DIR    print what is running and whether it answers
#   scripts/libvirtd.sh check  DIR    smoke test of a started DIR (virsh, virt-admin,
#                                     python3-libvirt, and a tiny QEMU VM started and destroyed)
#
# What "start DIR" runs (DIR is made absolute; it must be traversable by the session user):
#   virtlogd   root, system mode: -f DIR/virtlogd.conf -p DIR/virtlogd.pid, log DIR/virtlogd.log.
#              The QEMU driver needs it to start domains; its sockets are the fixed system
#              paths /run/libvirt/virtlogd-sock and virtlogd-admin-sock.
#   libvirtd   root, system mode: -f DIR/libvirtd.conf -p DIR/libvirtd.pid, log DIR/libvirtd.log,
#              sockets DIR/run/libvirt-sock (rw), libvirt-sock-ro, libvirt-admin-sock, all with
#              auth "none"; TCP 127.0.0.1:$LIBVIRT_TEST_TCP_PORT (default 16519), auth "none".
#              Serves the built-in test driver (test:///default) and the QEMU driver.
#   libvirtd   session mode as the unprivileged user $LIBVIRT_TEST_SESSION_USER (default
#              lvtest), config/pid/log under DIR/session, socket DIR/session/run/libvirt-sock,
#              TCP 127.0.0.1:$LIBVIRT_TEST_SESSION_TCP_PORT (default 16520), auth "none".
# Only one root libvirtd/virtlogd can exist per machine (they share /run/libvirt,
# /var/lib/libvirt and /etc/libvirt): "start" refuses to run next to one started elsewhere.
#
# Environment: LIBVIRT_TEST_TCP_PORT, LIBVIRT_TEST_SESSION_TCP_PORT, LIBVIRT_TEST_SESSION_USER,
# LIBVIRT_TEST_LOG_LEVEL (libvirt log level for the daemons' log files, 1=debug .. 4=error;
# default 3), LIBVIRT_TEST_WAIT (seconds to wait for each daemon, default 30).
#
# Side effects outside DIR: Debian packages, the system group kvm and users libvirt-qemu and
# $LIBVIRT_TEST_SESSION_USER, the directories libvirt uses in system mode (/etc/libvirt,
# /run/libvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt), and /dev/kvm
# (group kvm, mode 0660, as udev would set it) so that QEMU running as libvirt-qemu can use it.
set -euo pipefail

# ------------------------------------------------------------------------------ settings
TCP_PORT=${LIBVIRT_TEST_TCP_PORT:-16519}
SESSION_TCP_PORT=${LIBVIRT_TEST_SESSION_TCP_PORT:-16520}
SESSION_USER=${LIBVIRT_TEST_SESSION_USER:-lvtest}
LOG_LEVEL=${LIBVIRT_TEST_LOG_LEVEL:-3}
WAIT_SECS=${LIBVIRT_TEST_WAIT:-30}

LIBVIRTD=/usr/sbin/libvirtd
VIRTLOGD=/usr/sbin/virtlogd
PY=/usr/bin/python3                  # Debian's python: python3-libvirt is installed for it only
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TINY_XML=$SCRIPT_DIR/qemu-tiny-domain.xml
# a clean environment for every daemon and client we run, so that variables of the caller
# (LIBVIRT_DEFAULT_URI, XDG_*, a pyenv PATH, ...) cannot change what they do
CLEAN_ENV=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)

# Debian packages needed; qemu-utils is handled separately (see install_packages)
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86
          python3-libvirt netcat-openbsd)

die()  { echo "libvirtd.sh: error: $*" >&2; exit 1; }
note() { echo "libvirtd.sh: $*" >&2; }

# check_port NAME VALUE: VALUE must be a TCP port number (libvirt silently wraps 99999)
check_port() {
  if ! [[ $2 =~ ^[0-9]{1,5}$ ]] || [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
    die "$1=$2 is not a TCP port number"
  fi
}

# with_lock CMD...: run CMD holding an exclusive lock, so that concurrent invocations (for
# example several test runs calling "start" at once) do not race.  Daemons are started with
# the lock's file descriptor closed, so they never hold it.
LOCK_FILE=/run/lock/libvirt-test-daemons.lock
with_lock() {
  install -d -m 0755 "$(dirname "$LOCK_FILE")"
  exec 9>>"$LOCK_FILE"
  flock -w 900 9 || die "timed out waiting for $LOCK_FILE"
  "$@"
  exec 9>&-
}

usage() {
  sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
}

# ------------------------------------------------------------------------------ packages
# is_installed PKG: true if dpkg has PKG fully installed
is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# qemu_utils_pin: print "qemu-utils=VERSION" if the installed qemu-utils is newer than the
# qemu-system-x86 apt would install.  A backported qemu-utils (10.x) declares
# "Breaks: qemu-system-common (<< 1:8.0+dfsg-5~)", so apt would otherwise REMOVE qemu-utils
# (and qemu-img with it); instead it is downgraded to the newest version not newer than
# qemu-system-x86's candidate (normally the very same bookworm version).
qemu_utils_pin() {
  local inst want best="" v
  inst=$(dpkg-query -W -f='${Version}' qemu-utils 2>/dev/null || true)
  [ -n "$inst" ] && is_installed qemu-utils || return 0
  want=$(apt-cache policy qemu-system-x86 | awk '/Candidate:/ {print $2}')
  [ -n "$want" ] && [ "$want" != "(none)" ] || return 0
  dpkg --compare-versions "$inst" gt "$want" || return 0
  while read -r v; do
    dpkg --compare-versions "$v" le "$want" || continue
    if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
  done < <(apt-cache madison qemu-utils | awk -F'|' '{gsub(/ /, "", $2); print $2}')
  [ -n "$best" ] || die "qemu-utils $inst is newer than qemu-system-x86 $want and apt offers no older qemu-utils"
  note "qemu-utils $inst is newer than qemu-system-x86 $want: downgrading it to $best"
  echo "qemu-utils=$best"
}

# install_packages: apt-get install whatever of PACKAGES is missing (apt-get update first,
# only when something is missing).  A temporary /usr/sbin/policy-rc.d (exit 101) keeps
# postinst scripts from trying to start services when none is present.
install_packages() {
  local missing=() p extra=() pin made_policy=""
  for p in "${PACKAGES[@]}"; do is_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  [ "$(id -u)" = 0 ] || die "packages missing (${missing[*]}); run as root to install them"
  note "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q || note "apt-get update reported errors; trying to install anyway"
  if ! is_installed qemu-system-x86; then
    pin=$(qemu_utils_pin)
    [ -z "$pin" ] || extra=(--allow-downgrades "$pin")
  fi
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from scripts/libvirtd.sh: do not start services\nexit 101\n' \
      > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" "${extra[@]}" || rc=$?
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || die "apt-get install failed (exit $rc)"
  for p in "${PACKAGES[@]}"; do is_installed "$p" || die "package $p is still not installed"; done
}

# ------------------------------------------------------------------------------ system setup
# setup_system: what the libvirt-daemon-system package would normally provide (it is not
# installed: it pulls in systemd units, polkit and a default network we do not want).
#  - group kvm and system user libvirt-qemu: the QEMU driver's default user/group are
#    compiled in (Debian: libvirt-qemu / libvirt-qemu), and the QEMU driver -- and with it
#    the whole daemon -- fails to start if they do not exist.
#  - /dev/kvm group kvm, mode 0660 (udev's rule; there is no udev here), plus libvirt-qemu
#    in group kvm, so that QEMU, which runs as libvirt-qemu, can use KVM.
#  - the state/log/cache directories of system mode.
setup_system() {
  getent group kvm >/dev/null || groupadd --system kvm
  getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
  if ! getent passwd libvirt-qemu >/dev/null; then
    useradd --system --no-create-home --home-dir /var/lib/libvirt \
      --gid libvirt-qemu --groups kvm --shell /usr/sbin/nologin \
      --comment "Libvirt Qemu" libvirt-qemu
  fi
  id -nG libvirt-qemu | tr ' ' '\n' | grep -qx kvm || usermod -a -G kvm libvirt-qemu
  if [ -c /dev/kvm ]; then
    chgrp kvm /dev/kvm
    chmod 0660 /dev/kvm
  fi
  install -d -m 0755 /etc/libvirt /var/lib/libvirt /var/cache/libvirt /run/libvirt
  install -d -m 0751 -o libvirt-qemu -g libvirt-qemu /var/lib/libvirt/qemu
  install -d -m 0711 /var/lib/libvirt/images
  install -d -m 0750 -o root -g root /var/cache/libvirt/qemu
  install -d -m 0700 /var/log/libvirt
  install -d -m 0750 /var/log/libvirt/qemu
}

# setup_session_user: the unprivileged user the session-mode daemon runs as.  Its home in
# /etc/passwd is not used (HOME and XDG_* are set to directories under DIR when it runs).
setup_session_user() {
  if ! getent passwd "$SESSION_USER" >/dev/null; then
    useradd --system --no-create-home --home-dir /nonexistent --user-group \
      --shell /usr/sbin/nologin --comment "libvirt test session daemon" "$SESSION_USER"
  fi
}

# ------------------------------------------------------------------------------ processes
# argv_of PID: print the command line of PID, one argument per line
argv_of() { tr '\0' '\n' < "/proc/$1/cmdline" 2>/dev/null; }

# config_of PID: print the argument given to -f/--config in PID's command line (empty if none)
config_of() {
  argv_of "$1" | awk 'take {print; exit} $0 == "-f" || $0 == "--config" {take = 1}
                      /^--config=/ {sub(/^--config=/, ""); print; exit}'
}

# prog_of PID: print the basename of PID's argv[0]
prog_of() { argv_of "$1" | head -n 1 | sed 's|.*/||'; }

# pid_from PIDFILE PROG CONF: print the PID in PIDFILE if that process is alive, is PROG and
# was started with "-f CONF" (exact argument match); fails otherwise
pid_from() {
  local file=$1 prog=$2 conf=$3 pid
  [ -s "$file" ] || return 1
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  [ "$(prog_of "$pid")" = "$prog" ] && [ "$(config_of "$pid")" = "$conf" ] || return 1
  echo "$pid"
}

# foreign_root_daemon PROG CONF: print "PID CONFIG" of a PROG process running as root whose
# config is not CONF (a system daemon started from another DIR or by other means)
foreign_root_daemon() {
  local prog=$1 conf=$2 d pid c comm
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    read -r comm 2>/dev/null < "$d/comm" || continue     # cheap filter first
    [ "$comm" = "$prog" ] || continue
    [ "$(stat -c %u "$d" 2>/dev/null)" = 0 ] || continue
    [ "$(prog_of "$pid" 2>/dev/null)" = "$prog" ] || continue
    c=$(config_of "$pid")
    [ "$c" = "$conf" ] && continue
    echo "$pid ${c:-<no -f config>}"
    return 0
  done
  return 1
}

# port_busy PORT: true if something accepts TCP connections on 127.0.0.1:PORT
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# stop_pid NAME PIDFILE PROG CONF: stop the process from PIDFILE after checking that it is
# PROG started with "-f CONF"; SIGTERM, wait up to 20 s, then SIGKILL.  Never kills anything
# else: a pid file naming another process is only reported and removed.
stop_pid() {
  local name=$1 file=$2 prog=$3 conf=$4 pid
  if ! pid=$(pid_from "$file" "$prog" "$conf"); then
    if [ -e "$file" ]; then
      echo "$name: not running (removing stale pid file $file)"
      rm -f "$file"
    else
      echo "$name: not running"
    fi
    return 0
  fi
  terminate "$name" "$pid"
  rm -f "$file"
}

# terminate NAME PID: SIGTERM, wait up to 20 s, then SIGKILL; fail if PID survives
terminate() {
  local name=$1 pid=$2 _
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
  if [ -d "/proc/$pid" ]; then
    note "$name (pid $pid) did not exit after SIGTERM: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  fi
  [ ! -d "/proc/$pid" ] || die "$name (pid $pid) is still running"
  echo "$name: stopped (pid $pid)"
}

# ------------------------------------------------------------------------------ paths
# set_paths DIR: define every path derived from DIR (the layout of a daemon directory)
set_paths() {
  DIR=$(realpath -m -- "$1")
  RUN=$DIR/run
  SOCK=$RUN/libvirt-sock
  SOCK_RO=$RUN/libvirt-sock-ro
  ADMIN_SOCK=$RUN/libvirt-admin-sock
  LVD_CONF=$DIR/libvirtd.conf
  LVD_PID=$DIR/libvirtd.pid
  LVD_LOG=$DIR/libvirtd.log
  VLD_CONF=$DIR/virtlogd.conf
  VLD_PID=$DIR/virtlogd.pid
  VLD_LOG=$DIR/virtlogd.log
  SES=$DIR/session
  SES_RUN=$SES/run
  SES_SOCK=$SES_RUN/libvirt-sock
  SES_CONF=$SES/libvirtd.conf
  SES_PID=$SES/libvirtd.pid
  SES_LOG=$SES/libvirtd.log
  ENV_FILE=$DIR/env
  TEST_URI="test+unix:///default?socket=$SOCK"
  RO_URI="test+unix:///default?socket=$SOCK_RO"
  QEMU_URI="qemu+unix:///system?socket=$SOCK"
  TCP_URI="test+tcp://127.0.0.1:$TCP_PORT/default"
  ADMIN_URI="libvirtd:///system?socket=$ADMIN_SOCK"
  SES_URI="test+unix:///default?socket=$SES_SOCK"
  SES_TCP_URI="test+tcp://127.0.0.1:$SESSION_TCP_PORT/default"
  SES_QEMU_URI="qemu+unix:///session?socket=$SES_SOCK"
}

# ------------------------------------------------------------------------------ configs
# write_if_changed FILE: write stdin to FILE; succeeds only if the content changed
write_if_changed() {
  local file=$1 tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat > "$tmp"
  if [ -f "$file" ] && cmp -s "$tmp" "$file"; then rm -f "$tmp"; return 1; fi
  chmod 0644 "$tmp"
  mv -f "$tmp" "$file"
}

# setup_dirs: DIR and its subdirectories; the session part belongs to the session user
setup_dirs() {
  install -d -m 0755 "$DIR" "$RUN"
  install -d -m 0755 -o "$SESSION_USER" -g "$SESSION_USER" \
    "$SES" "$SES_RUN" "$SES/home" "$SES/xdg-config" "$SES/xdg-cache" "$SES/xdg-data"
  install -d -m 0700 -o "$SESSION_USER" -g "$SESSION_USER" "$SES/xdg-runtime"
  session_run test -x "$SES/." ||
    die "user $SESSION_USER cannot reach $SES: choose a DIR whose parents are world-searchable (e.g. under /tmp)"
}

# write_virtlogd_conf: config of the system-mode virtlogd (sets VLD_CHANGED=1 on change)
VLD_CHANGED=0
write_virtlogd_conf() {
  if write_if_changed "$VLD_CONF" <<EOF
# virtlogd for the test libvirtd of $DIR (generated by scripts/libvirtd.sh).
# System mode: its sockets are /run/libvirt/virtlogd-sock and virtlogd-admin-sock.
log_outputs = "$LOG_LEVEL:file:$VLD_LOG"
EOF
  then
    VLD_CHANGED=1
  fi
}

# write_libvirtd_conf: config of the root, system-mode libvirtd (sets LVD_CHANGED=1 on change)
LVD_CHANGED=0
write_libvirtd_conf() {
  if write_if_changed "$LVD_CONF" <<EOF
# Root, system-mode libvirtd for tests (generated by scripts/libvirtd.sh).
# Unix sockets: $RUN/libvirt-sock (rw), libvirt-sock-ro (ro), libvirt-admin-sock (admin).
unix_sock_dir = "$RUN"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0700"
unix_sock_admin_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
# plain TCP on the loopback address only, no authentication (needs --listen)
listen_tcp = 1
listen_tls = 0
tcp_port = "$TCP_PORT"
listen_addr = "127.0.0.1"
auth_tcp = "none"
log_outputs = "$LOG_LEVEL:file:$LVD_LOG"
# keepalive_interval / keepalive_count: libvirt defaults (5 s, 5)
EOF
  then
    LVD_CHANGED=1
  fi
}

# write_session_conf: config of the session-mode libvirtd (sets SES_CHANGED=1 on change)
SES_CHANGED=0
write_session_conf() {
  if write_if_changed "$SES_CONF" <<EOF
# Session-mode libvirtd run as user $SESSION_USER (generated by scripts/libvirtd.sh).
# Session mode creates only the rw socket: $SES_RUN/libvirt-sock
unix_sock_dir = "$SES_RUN"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
listen_tcp = 1
listen_tls = 0
tcp_port = "$SESSION_TCP_PORT"
listen_addr = "127.0.0.1"
auth_tcp = "none"
log_outputs = "$LOG_LEVEL:file:$SES_LOG"
EOF
  then
    SES_CHANGED=1
  fi
  chown "$SESSION_USER:$SESSION_USER" "$SES_CONF"
}

# session_run CMD...: run CMD as the session user, with a clean environment whose HOME and
# XDG_* directories are under DIR/session (setpriv execs directly: no PAM, no parent left)
session_run() {
  setpriv --reuid="$SESSION_USER" --regid="$SESSION_USER" --init-groups -- \
    "${CLEAN_ENV[@]}" HOME="$SES/home" USER="$SESSION_USER" LOGNAME="$SESSION_USER" \
    XDG_RUNTIME_DIR="$SES/xdg-runtime" XDG_CONFIG_HOME="$SES/xdg-config" \
    XDG_CACHE_HOME="$SES/xdg-cache" XDG_DATA_HOME="$SES/xdg-data" "$@"
}

# ------------------------------------------------------------------------------ health checks
# Every check is a real RPC round trip with a short timeout, run with a clean environment.
virsh_q() { timeout 10 "${CLEAN_ENV[@]}" virsh -q "$@" </dev/null; }
admin_q() { timeout 10 "${CLEAN_ENV[@]}" virt-admin -q "$@" </dev/null; }

virtlogd_ok() { admin_q -c virtlogd:///system srv-list >/dev/null 2>&1; }
libvirtd_ok() {
  virsh_q -c "$TEST_URI" uri >/dev/null 2>&1 &&
  virsh_q -r -c "$RO_URI" uri >/dev/null 2>&1 &&
  admin_q -c "$ADMIN_URI" srv-list >/dev/null 2>&1 &&
  virsh_q -c "$TCP_URI" uri >/dev/null 2>&1 &&
  virsh_q -c "$QEMU_URI" uri >/dev/null 2>&1
}
session_ok() {
  virsh_q -c "$SES_URI" uri >/dev/null 2>&1 &&
  virsh_q -c "$SES_TCP_URI" uri >/dev/null 2>&1
}

# wait_healthy NAME PIDFILE PROG CONF LOG CHECK: wait up to WAIT_SECS until CHECK succeeds;
# fail (with the tail of LOG) if the process dies or the time runs out
wait_healthy() {
  local name=$1 file=$2 prog=$3 conf=$4 log=$5 check=$6 deadline
  deadline=$((SECONDS + WAIT_SECS))
  while :; do
    if ! pid_from "$file" "$prog" "$conf" >/dev/null; then
      sleep 0.5   # the pid file of a just-started daemon may not be written yet
      pid_from "$file" "$prog" "$conf" >/dev/null || fail_with_log "$name is not running" "$log"
    fi
    "$check" && return 0
    [ "$SECONDS" -lt "$deadline" ] ||
      fail_with_log "$name (pid $(cat "$file")) does not answer after ${WAIT_SECS}s" "$log"
    sleep 0.5
  done
}

# fail_with_log MESSAGE LOG: print the last lines of LOG, then fail with MESSAGE
fail_with_log() {
  echo "---- last lines of $2 ----" >&2
  tail -n 30 "$2" >&2 2>/dev/null || echo "(no log file)" >&2
  echo "----" >&2
  die "$1"
}

# ------------------------------------------------------------------------------ start
# refuse_foreign: fail if a root libvirtd or virtlogd from elsewhere is running
refuse_foreign() {
  local found
  if found=$(foreign_root_daemon libvirtd "$LVD_CONF"); then
    die "a root libvirtd is already running: pid ${found%% *}, config ${found#* }$(dir_hint "${found#* }")." \
        "Only one root libvirtd can run at a time; stop it first."
  fi
  if found=$(foreign_root_daemon virtlogd "$VLD_CONF"); then
    die "a root virtlogd is already running: pid ${found%% *}, config ${found#* }$(dir_hint "${found#* }")." \
        "Only one system virtlogd can run at a time; stop it first."
  fi
}
dir_hint() { case $1 in /*.conf) echo " (dir $(dirname "$1"); stop it with: $0 stop $(dirname "$1"))" ;; esac; }

# start_virtlogd: start the system-mode virtlogd unless it is already running from DIR
start_virtlogd() {
  local pid
  if pid=$(pid_from "$VLD_PID" virtlogd "$VLD_CONF"); then
    if [ "$VLD_CHANGED" = 1 ]; then
      # SIGUSR1 makes virtlogd re-exec itself (same pid, same arguments, new config) while
      # keeping the log pipes of running QEMU domains open
      note "virtlogd config changed: re-executing it"
      kill -USR1 "$pid"
      sleep 1
    fi
    wait_healthy virtlogd "$VLD_PID" virtlogd "$VLD_CONF" "$VLD_LOG" virtlogd_ok
    echo "virtlogd: already running (pid $pid)"
    return 0
  fi
  rm -f "$VLD_PID"
  "${CLEAN_ENV[@]}" HOME=/root "$VIRTLOGD" -d -f "$VLD_CONF" -p "$VLD_PID" 9>&- ||
    fail_with_log "virtlogd failed to start" "$VLD_LOG"
  wait_healthy virtlogd "$VLD_PID" virtlogd "$VLD_CONF" "$VLD_LOG" virtlogd_ok
  echo "virtlogd: started (pid $(cat "$VLD_PID"))"
}

# start_libvirtd: start the root, system-mode libvirtd unless it is already running from DIR
start_libvirtd() {
  local pid
  if pid=$(pid_from "$LVD_PID" libvirtd "$LVD_CONF"); then
    if [ "$LVD_CHANGED" = 1 ]; then
      note "libvirtd config changed: restarting it (running domains keep running)"
      stop_pid "libvirtd (system)" "$LVD_PID" libvirtd "$LVD_CONF"
    else
      wait_healthy libvirtd "$LVD_PID" libvirtd "$LVD_CONF" "$LVD_LOG" libvirtd_ok
      echo "libvirtd (system): already running (pid $pid)"
      return 0
    fi
  fi
  port_busy "$TCP_PORT" && die "TCP port $TCP_PORT is already in use (set LIBVIRT_TEST_TCP_PORT)"
  rm -f "$LVD_PID"
  "${CLEAN_ENV[@]}" HOME=/root "$LIBVIRTD" -d --listen -f "$LVD_CONF" -p "$LVD_PID" 9>&- ||
    fail_with_log "libvirtd (system) failed to start" "$LVD_LOG"
  wait_healthy "libvirtd (system)" "$LVD_PID" libvirtd "$LVD_CONF" "$LVD_LOG" libvirtd_ok
  echo "libvirtd (system): started (pid $(cat "$LVD_PID"))"
}

# start_session: start the session-mode libvirtd as SESSION_USER unless already running
start_session() {
  local pid
  if pid=$(pid_from "$SES_PID" libvirtd "$SES_CONF"); then
    if [ "$SES_CHANGED" = 1 ]; then
      note "session libvirtd config changed: restarting it"
      stop_pid "libvirtd (session)" "$SES_PID" libvirtd "$SES_CONF"
    else
      wait_healthy "libvirtd (session)" "$SES_PID" libvirtd "$SES_CONF" "$SES_LOG" session_ok
      echo "libvirtd (session, user $SESSION_USER): already running (pid $pid)"
      return 0
    fi
  fi
  port_busy "$SESSION_TCP_PORT" &&
    die "TCP port $SESSION_TCP_PORT is already in use (set LIBVIRT_TEST_SESSION_TCP_PORT)"
  rm -f "$SES_PID"
  session_run "$LIBVIRTD" -d --listen -f "$SES_CONF" -p "$SES_PID" 9>&- ||
    fail_with_log "libvirtd (session) failed to start" "$SES_LOG"
  wait_healthy "libvirtd (session)" "$SES_PID" libvirtd "$SES_CONF" "$SES_LOG" session_ok
  echo "libvirtd (session, user $SESSION_USER): started (pid $(cat "$SES_PID"))"
}

# kvm_usable: print 1 if the QEMU driver reports KVM domains (libvirt checks that /dev/kvm
# is usable by the QEMU user and that QEMU supports KVM), else 0
kvm_usable() {
  local caps
  # the first call probes every QEMU binary, which can take well over 10 s: long timeout
  caps=$(timeout 120 "${CLEAN_ENV[@]}" virsh -q -c "$QEMU_URI" capabilities </dev/null) ||
    fail_with_log "the QEMU driver did not return its capabilities" "$LVD_LOG"
  if grep -q "<domain type='kvm'" <<<"$caps"; then echo 1; else echo 0; fi
}

# write_env: DIR/env, sourceable "export NAME='value'" lines describing the running daemons
write_env() {
  local kvm virt_type tmp
  kvm=$(kvm_usable) || exit 1
  if [ "$kvm" = 1 ]; then virt_type=kvm; else virt_type=qemu; fi
  tmp=$(mktemp "$ENV_FILE.XXXXXX")
  {
    echo "# Test daemons of $DIR (generated by scripts/libvirtd.sh start; source this file)."
    emit LIBVIRT_TEST_DIR "$DIR"
    emit LIBVIRT_TEST_SOCK "$SOCK"
    emit LIBVIRT_TEST_SOCK_RO "$SOCK_RO"
    emit LIBVIRT_TEST_ADMIN_SOCK "$ADMIN_SOCK"
    emit LIBVIRT_TEST_TCP_PORT "$TCP_PORT"
    emit LIBVIRT_TEST_URI "$TEST_URI"
    emit LIBVIRT_TEST_RO_URI "$RO_URI"
    emit LIBVIRT_TEST_QEMU_URI "$QEMU_URI"
    emit LIBVIRT_TEST_TCP_URI "$TCP_URI"
    emit LIBVIRT_TEST_QEMU_TCP_URI "qemu+tcp://127.0.0.1:$TCP_PORT/system"
    emit LIBVIRT_TEST_ADMIN_URI "$ADMIN_URI"
    emit LIBVIRT_TEST_SESSION_SOCK "$SES_SOCK"
    emit LIBVIRT_TEST_SESSION_TCP_PORT "$SESSION_TCP_PORT"
    emit LIBVIRT_TEST_SESSION_URI "$SES_URI"
    emit LIBVIRT_TEST_SESSION_TCP_URI "$SES_TCP_URI"
    emit LIBVIRT_TEST_SESSION_QEMU_URI "$SES_QEMU_URI"
    emit LIBVIRT_TEST_SESSION_USER "$SESSION_USER"
    echo "# 1 if QEMU can use /dev/kvm: then use <domain type='kvm'>, else type='qemu' (TCG)"
    emit LIBVIRT_TEST_KVM "$kvm"
    emit LIBVIRT_TEST_VIRT_TYPE "$virt_type"
    emit LIBVIRT_TEST_DOMAIN_XML "$TINY_XML"
    emit LIBVIRT_TEST_PYTHON "$PY"
  } > "$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$ENV_FILE"
}
# emit NAME VALUE: one export line, VALUE single-quoted (URIs contain '?' and '&')
emit() { printf "export %s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; }

# cmd_start: install if needed, refuse to run next to another DIR's root daemons, write the
# configs, start virtlogd, the system libvirtd and the session libvirtd (each only if not
# already running and healthy), then write DIR/env.  DIR/env exists only after a full success.
cmd_start() {
  [ "$(id -u)" = 0 ] || die "start must run as root"
  install_packages
  setup_system
  setup_session_user
  refuse_foreign
  rm -f "$ENV_FILE"
  setup_dirs
  write_virtlogd_conf
  write_libvirtd_conf
  write_session_conf
  start_virtlogd
  start_libvirtd
  start_session
  write_env
  echo "environment written to $ENV_FILE:"
  cat "$ENV_FILE"
}

# ------------------------------------------------------------------------------ stop
# destroy_domains: destroy every running QEMU domain of DIR's root libvirtd, so that no QEMU
# process outlives it; QEMU processes that survive are killed by the pid files libvirt keeps
# in /run/libvirt/qemu (only if their command line is a qemu-system one)
destroy_domains() {
  local name f pid
  pid_from "$LVD_PID" libvirtd "$LVD_CONF" >/dev/null || return 0
  while read -r name; do
    [ -n "$name" ] || continue
    if virsh_q -c "$QEMU_URI" destroy "$name" >/dev/null; then
      echo "domain $name: destroyed"
    else
      note "could not destroy domain $name"
    fi
  done < <(virsh_q -c "$QEMU_URI" list --name 2>/dev/null || true)
  for f in /run/libvirt/qemu/*.pid; do
    [ -s "$f" ] || continue
    pid=$(tr -dc '0-9' < "$f")
    if [ -z "$pid" ] || [ ! -d "/proc/$pid" ]; then continue; fi
    case $(prog_of "$pid") in
      qemu-system-*) note "killing leftover QEMU process $pid ($f)"; kill -KILL "$pid" || true ;;
    esac
  done
}

# destroy_session_domains: QEMU domains a test may have started through the session daemon
# (qemu+unix:///session?socket=...) run as the session user; destroy them too
destroy_session_domains() {
  local name
  pid_from "$SES_PID" libvirtd "$SES_CONF" >/dev/null || return 0
  pgrep -u "$SESSION_USER" '^qemu-system-' >/dev/null || return 0
  while read -r name; do
    [ -n "$name" ] || continue
    if virsh_q -c "$SES_QEMU_URI" destroy "$name" >/dev/null; then
      echo "session domain $name: destroyed"
    else
      note "could not destroy session domain $name"
    fi
  done < <(virsh_q -c "$SES_QEMU_URI" list --name 2>/dev/null || true)
}

# session_virtlogd_pid: print the PID of the virtlogd that the session libvirtd spawns by
# itself (as the session user, exits after 120 s idle) when a session QEMU domain starts;
# checked by program name, owner and its XDG_RUNTIME_DIR (which is under DIR/session)
session_virtlogd_pid() {
  local file=$SES/xdg-runtime/libvirt/virtlogd.pid pid
  [ -s "$file" ] || return 1
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/environ" ] || return 1
  [ "$(prog_of "$pid")" = virtlogd ] || return 1
  [ "$(stat -c %U "/proc/$pid")" = "$SESSION_USER" ] || return 1
  tr '\0' '\n' < "/proc/$pid/environ" | grep -qx "XDG_RUNTIME_DIR=$SES/xdg-runtime" || return 1
  echo "$pid"
}

# cmd_stop: destroy QEMU domains first (libvirtd leaves them running when it exits), then
# stop the daemons in reverse order of start and remove DIR/env; stopping twice is harmless
cmd_stop() {
  local pid
  [ "$(id -u)" = 0 ] || die "stop must run as root"
  destroy_domains
  destroy_session_domains
  stop_pid "libvirtd (system)" "$LVD_PID" libvirtd "$LVD_CONF"
  stop_pid "libvirtd (session)" "$SES_PID" libvirtd "$SES_CONF"
  if pid=$(session_virtlogd_pid); then terminate "virtlogd (session)" "$pid"; fi
  stop_pid virtlogd "$VLD_PID" virtlogd "$VLD_CONF"
  rm -f "$ENV_FILE"
}

# ------------------------------------------------------------------------------ status
# show NAME PIDFILE PROG CONF CHECK: one status line for one daemon
show() {
  local name=$1 file=$2 prog=$3 conf=$4 check=$5 pid
  if pid=$(pid_from "$file" "$prog" "$conf"); then
    if "$check"; then echo "$name: running (pid $pid), answering"; return 0; fi
    echo "$name: running (pid $pid), NOT answering"
  else
    echo "$name: not running"
  fi
  return 1
}

# cmd_status: exit status 0 only if all three daemons run and answer (3 otherwise)
cmd_status() {
  local rc=0 domains pid
  show virtlogd "$VLD_PID" virtlogd "$VLD_CONF" virtlogd_ok || rc=3
  show "libvirtd (system)" "$LVD_PID" libvirtd "$LVD_CONF" libvirtd_ok || rc=3
  show "libvirtd (session)" "$SES_PID" libvirtd "$SES_CONF" session_ok || rc=3
  if pid=$(session_virtlogd_pid); then echo "virtlogd (session, spawned on demand): running (pid $pid)"; fi
  if pid_from "$LVD_PID" libvirtd "$LVD_CONF" >/dev/null; then
    domains=$(virsh_q -c "$QEMU_URI" list --name 2>/dev/null | paste -sd ' ' || true)
    echo "running QEMU domains: ${domains:-none}"
  fi
  if [ -f "$ENV_FILE" ]; then echo "env file: $ENV_FILE"; else echo "env file: none"; fi
  return $rc
}

# ------------------------------------------------------------------------------ check
# cmd_check: smoke test of a started DIR; prints one line per check, fails if any fails
CHECK_FAILED=0
check() {
  local what=$1 out; shift
  if out=$("$@" 2>&1); then
    echo "ok    $what"
  else
    echo "FAIL  $what"; printf '%s\n' "$out" | tail -n 5 | sed 's/^/      /'; CHECK_FAILED=1
  fi
}
check_grep() {   # check_grep WHAT REGEX CMD...: CMD succeeds and its output matches REGEX
  local what=$1 re=$2 out; shift 2
  if out=$("$@" 2>&1) && grep -qE -- "$re" <<<"$out"; then
    echo "ok    $what"
  else
    echo "FAIL  $what"; printf '%s\n' "$out" | tail -n 5 | sed 's/^/      /'; CHECK_FAILED=1
  fi
}

# check_tiny_vm TYPE: define, start, inspect, destroy and undefine the tiny QEMU domain
check_tiny_vm() {
  local type=$1 name xml pid
  name=lvtest-check-$type-$$
  xml=$(mktemp)
  sed -e "s|<domain type='[a-z]*'>|<domain type='$type'>|" -e "s|<name>[^<]*</name>|<name>$name</name>|" \
    "$TINY_XML" > "$xml"
  virsh_q -c "$QEMU_URI" destroy "$name" >/dev/null 2>&1 || true
  virsh_q -c "$QEMU_URI" undefine "$name" >/dev/null 2>&1 || true
  check "qemu($type): define" virsh_q -c "$QEMU_URI" define "$xml"
  check "qemu($type): start" virsh_q -c "$QEMU_URI" start "$name"
  check_grep "qemu($type): domstate running" '^running' virsh_q -c "$QEMU_URI" domstate "$name"
  pid=$(cat "/run/libvirt/qemu/$name.pid" 2>/dev/null || true)
  check_grep "qemu($type): qemu process (pid ${pid:-?})" "guest=$name" \
    sh -c "[ -n '$pid' ] && tr '\\0' ' ' < /proc/$pid/cmdline"
  check "qemu($type): destroy" virsh_q -c "$QEMU_URI" destroy "$name"
  check "qemu($type): undefine" virsh_q -c "$QEMU_URI" undefine "$name"
  check "qemu($type): process gone" sh -c "[ -z '$pid' ] || ! [ -d /proc/$pid ]"
  rm -f "$xml"
}

# cmd_check: every connection kind the tests use, plus a tiny VM (TCG, and KVM if usable)
cmd_check() {
  [ -f "$ENV_FILE" ] || die "no $ENV_FILE: run '$0 start $DIR' first"
  local kvm
  kvm=$(sed -n "s/^export LIBVIRT_TEST_KVM='\(.*\)'$/\1/p" "$ENV_FILE")
  check_grep "test driver: list --all shows 'test'" '^ *1 +test +running' virsh_q -c "$TEST_URI" list --all
  check_grep "test driver: nodeinfo" 'CPU model' virsh_q -c "$TEST_URI" nodeinfo
  check_grep "tcp: list" '^ *1 +test +running' virsh_q -c "$TCP_URI" list
  check_grep "read-only socket: list" '^ *1 +test +running' virsh_q -r -c "$RO_URI" list
  check_grep "read-only socket refuses writes" 'read only|read-only' \
    sh -c "! timeout 10 virsh -q -r -c '$RO_URI' suspend test 2>&1"
  check_grep "admin socket: srv-list" 'libvirtd' admin_q -c "$ADMIN_URI" srv-list
  check_grep "python3-libvirt" "^\\['test'\\]$" "${CLEAN_ENV[@]}" "$PY" -c \
    "import libvirt; c = libvirt.open('$TEST_URI'); print([d.name() for d in c.listAllDomains()])"
  check_grep "session daemon: list --all" '^ *1 +test +running' virsh_q -c "$SES_URI" list --all
  check_grep "session daemon: tcp" '^ *1 +test +running' virsh_q -c "$SES_TCP_URI" list --all
  check_grep "session daemon runs as $SESSION_USER" "^$SESSION_USER\$" \
    ps -o user= -p "$(cat "$SES_PID" 2>/dev/null || echo 1)"
  check_grep "qemu driver: version" 'hypervisor: QEMU' virsh_q -c "$QEMU_URI" version
  check_tiny_vm qemu
  if [ "$kvm" = 1 ]; then check_tiny_vm kvm; else echo "skip  qemu(kvm): LIBVIRT_TEST_KVM=0"; fi
  if [ "$CHECK_FAILED" = 0 ]; then echo "all checks passed"; else die "some checks failed"; fi
}

# ------------------------------------------------------------------------------ main
cmd_install() {
  [ "$(id -u)" = 0 ] || die "install must run as root"
  install_packages
  setup_system
  setup_session_user
  echo "libvirt packages, users and directories are in place"
}

main() {
  local cmd=${1:-}
  check_port LIBVIRT_TEST_TCP_PORT "$TCP_PORT"
  check_port LIBVIRT_TEST_SESSION_TCP_PORT "$SESSION_TCP_PORT"
  [ "$TCP_PORT" != "$SESSION_TCP_PORT" ] || die "the system and session daemons need different TCP ports"
  case $cmd in
    install)
      [ $# -eq 1 ] || usage
      with_lock cmd_install
      ;;
    start|stop)
      [ $# -eq 2 ] || usage
      set_paths "$2"
      with_lock "cmd_$cmd"
      ;;
    status|check)
      [ $# -eq 2 ] || usage
      set_paths "$2"
      "cmd_$cmd"
      ;;
    -h|--help|help) usage ;;
    *) usage ;;
  esac
}

main "$@"
