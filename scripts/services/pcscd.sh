#!/usr/bin/env bash
# Starts pcscd (the PC/SC daemon) when it is not running, and waits until it answers.
# Idempotent: when pcscd already runs this only checks that its socket is there.
#
# The social security card reader is reached through pcscd. For the simulator, pcscd loads
# vsmartcard-vpcd: /etc/reader.conf.d/vpcd (shipped by the vsmartcard-vpcd package, read
# by pcscd at start) declares the driver libifdvpcd.so with CHANNELID 0x8C7B = 35963, and
# pcscd then offers "Virtual PCD 00 00" (virtual card side: TCP 35963) and
# "Virtual PCD 00 01" (35964). No such file: no virtual readers, so we check it.
# Programs that insert a simulated card (test suites, a demo) each claim one of these two
# readers through a lock file (drivers/sscard/vpcd.py). More readers cannot be declared:
# libifdvpcd (vsmartcard 3.3) keeps its slots in one table for all its reader.conf entries,
# so a second entry takes the first one's slots over and its readers go deaf (checked).
#
# Where systemd runs (the appliance), the distribution's unit is used. In containers and
# CI there is no systemd: the daemon runs in the foreground, detached, its log in
# $PCSCD_LOG. Run as root (pcscd needs /run/pcscd), after the packages pcscd and
# vsmartcard-vpcd are installed (scripts/setup-system.sh).
set -euo pipefail

SOCKET=/run/pcscd/pcscd.comm
PIDFILE=/run/pcscd/pcscd.pid
VPCD_CONF=/etc/reader.conf.d/vpcd
PCSCD_LOG=${PCSCD_LOG:-/var/log/pcscd-kiosk.log}
WAIT_SECONDS=${PCSCD_WAIT_SECONDS:-10}

running() {
  # pidof: pcscd may have been started some other way, without a pid file yet.
  pidof pcscd >/dev/null 2>&1
}

wait_for_socket() {
  local tries=$((WAIT_SECONDS * 10))
  while [ "$tries" -gt 0 ]; do
    # pcscd makes its socket before it loads the readers of reader.conf.d but serves
    # clients only afterwards: a client connecting now waits rather than seeing no reader.
    if [ -S "$SOCKET" ] && running; then
      return 0
    fi
    sleep 0.1
    tries=$((tries - 1))
  done
  echo "pcscd: no answer on $SOCKET after ${WAIT_SECONDS} s (log: $PCSCD_LOG)" >&2
  [ -f "$PCSCD_LOG" ] && tail -n 20 "$PCSCD_LOG" >&2
  return 1
}

if ! command -v pcscd >/dev/null 2>&1; then
  echo "pcscd: not installed (apt-get install pcscd vsmartcard-vpcd)" >&2
  exit 1
fi
if [ ! -f "$VPCD_CONF" ]; then
  echo "pcscd: warning: $VPCD_CONF missing: no virtual reader for the simulator" \
       "(apt-get install vsmartcard-vpcd)" >&2
fi

if running; then
  wait_for_socket
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "pcscd: not running, and starting it needs root (sudo bash $0)" >&2
  exit 1
fi

echo "pcscd: starting"
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl start pcscd.socket pcscd.service
else
  # No pcscd runs, so a socket or pid file left here is stale (a killed daemon). pcscd
  # refuses to start when a stale pid file names a pid that some other process now has.
  rm -f "$SOCKET" "$PIDFILE"
  mkdir -p "$(dirname "$PCSCD_LOG")"
  # setsid: the daemon must outlive the shell (and the test run) that started it. It must
  # not inherit our other descriptors either: a caller running under
  # `flock /tmp/kiosk-shared.lock` would leave that lock held by pcscd for good (seen).
  (
    for fd in $(ls "/proc/$BASHPID/fd"); do
      [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
    done
    exec setsid pcscd --foreground </dev/null >>"$PCSCD_LOG" 2>&1
  ) &
fi
wait_for_socket
