#!/usr/bin/env bash
# cupsd with the cups-pdf queue: the simulated A4 document printer (DESIGN.md, devices).
# Run by DocPrinterSimulator.start() when the queue is missing, and by scripts/start-services.sh.
#
# Idempotent, run as root by `make setup` on a Debian 12 machine where systemd may not
# run: it only acts on what is missing, so a second run changes nothing and exits 0.
#   1. /etc/cups/cups-pdf.conf: every user's output goes to /var/spool/cups-pdf/<user>
#      (Debian ships `Out ${HOME}/PDF`, so root's jobs land in /root/PDF and a kiosk
#      user's in its home; the upstream default below is one known folder per user, and
#      AppArmor's cupsd profile already allows /var/spool/cups-pdf/**), and every file
#      name carries "job_<id>" (Label 1; Debian's cups-pdf 3.0.1 writes
#      <title>-job_<id>.pdf) so a PDF can be matched to its CUPS job.
#      cups-pdf reads this file for each job: no restart needed.
#   2. cupsd started (it daemonizes) when `lpstat -r` says it is not running.
#   3. the queue (default PDF, or $KIOSK_CUPS_QUEUE) created when missing, then enabled
#      and accepting jobs.
set -euo pipefail

QUEUE="${KIOSK_CUPS_QUEUE:-PDF}"
CONF=/etc/cups/cups-pdf.conf
PPD_FALLBACK=lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
export LANG=C LC_ALL=C

say() { echo "cups: $*"; }

# set_conf KEY VALUE: make "KEY VALUE" the one active line for KEY in cups-pdf.conf: in
# place of the first active line, else below the commented default ("#KEY ..."), else at
# the end.
set_conf() {
  local key=$1 want="$1 $2"
  if [ "$(grep -E "^$key[[:space:]]" "$CONF" || true)" = "$want" ]; then
    return 0
  fi
  local has_active=0 tmp
  grep -qE "^$key[[:space:]]" "$CONF" && has_active=1
  tmp=$(mktemp "$CONF.XXXXXX")
  awk -v key="$key" -v want="$want" -v has_active="$has_active" '
    $1 == key     { if (!done) { print want; done = 1 }; next }
                  { print }
    !has_active && !done && $1 == "#" key { print want; done = 1 }
    END           { if (!done) print want }
  ' "$CONF" >"$tmp"
  chmod --reference="$CONF" "$tmp"
  mv "$tmp" "$CONF"
  say "set $want in $CONF"
}

if [ -f "$CONF" ]; then
  set_conf Out '/var/spool/cups-pdf/${USER}'
  set_conf Label 1
fi

# `lpstat -r` exits 0 either way: only its text tells.
running() { [[ $(lpstat -r 2>/dev/null || true) == *"scheduler is running"* ]]; }

if ! running; then
  say "starting cupsd"
  cupsd
  for _ in $(seq 1 100); do
    running && break
    sleep 0.1
  done
  running || { say "cupsd does not answer (see /var/log/cups/error_log)" >&2; exit 1; }
fi

if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
  # The PPD's name as cupsd knows it (lpinfo -m); the Debian 12 name when none is listed.
  ppd=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ {print $1; exit}' || true)
  say "creating queue $QUEUE (cups-pdf:/, ${ppd:-$PPD_FALLBACK})"
  lpadmin -p "$QUEUE" -v cups-pdf:/ -m "${ppd:-$PPD_FALLBACK}" -E \
    -D "Kiosk A4 printer (cups-pdf)" -o printer-is-shared=false
fi

if [[ $(lpstat -p "$QUEUE") == *" disabled since"* ]]; then
  say "enabling queue $QUEUE"
  cupsenable "$QUEUE"
fi
if [[ $(lpstat -a "$QUEUE") == *"not accepting"* ]]; then
  say "queue $QUEUE: accepting jobs"
  cupsaccept "$QUEUE"
fi
