#!/usr/bin/env bash
# Starts the services the simulators and tests need (pcscd with the virtual reader,
# cupsd with the cups-pdf queue) when they are not running: one script per service in
# scripts/services/ (and the CUPS one, which ships with the docprinter simulator in
# drivers/docprinter/), each idempotent. Run by `make setup` after the packages are in.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for s in "$here"/services/*.sh "$here"/../drivers/docprinter/cups-queue.sh; do
  [ -e "$s" ] || continue
  bash "$s"
done
