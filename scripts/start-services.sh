#!/usr/bin/env bash
# Starts the services the simulators and tests need (pcscd with the virtual reader,
# cupsd with the cups-pdf queue) when they are not running: one script per service in
# scripts/services/, each idempotent. Run by `make setup` after the packages are in.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for s in "$here"/services/*.sh; do
  [ -e "$s" ] || continue
  bash "$s"
done
