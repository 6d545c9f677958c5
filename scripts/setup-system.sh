#!/usr/bin/env bash
# Installs the Debian packages the kiosk and its tests need, only when missing
# (idempotent: a second run installs nothing and does not touch the network).
#
# Why each package is here:
#   fonts-wqy-microhei      a CJK font: without one every Chinese character renders as a box
#   libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
#                           the shared libraries PySide6's Qt Quick loads, even offscreen
#   swig libpcsclite-dev    pyscard has no Linux wheel and builds from source with these
#   gcc libc6-dev           the C compiler for that build, and for bench/slow_fsync.c (the slow
#                           storage shim bench/slow_storage.py and its test build at run time)
#   pcscd                   the PC/SC daemon the social security card reader is reached through
#   vsmartcard-vpcd         a virtual reader inside pcscd: the simulated social security card
#   cups printer-driver-cups-pdf
#                           the A4 document printer goes through CUPS; cups-pdf is the
#                           simulated printer (a real queue whose output is a PDF file)
#   poppler-utils           pdftotext/pdftoppm: tests and the demo read what was printed
#   systemd                 systemd-analyze: the tests verify the units and rate their hardening
#                           (a container image may come without it; nothing is started)
#   cage                    the appliance's units start the app under cage: `verify` checks
#                           that /usr/bin/cage exists (tests/test_units.py), and the app is
#                           run under it with the headless backend (tests/test_install.py)
#   grim libwayland-client0 libwayland-cursor0 libwayland-egl1 xwayland
#                           grim screenshots the compositor; the libraries are what Qt's
#                           wayland platform plugin loads (as the package depends on them)
#   speech-dispatcher speech-dispatcher-espeak-ng espeak-ng alsa-utils
#                           voice guidance (kiosk/ui/voice.py): the tests run a real
#                           speech-dispatcher with espeak-ng whose audio goes to a file
#                           through ALSA (tests/speech.py); aplay plays the card reminder's
#                           tone; the package depends on them
#   chromium chromium-driver
#                           the hall console's browser tests (tests/hall/test_console_browser.py)
#                           drive Debian's headless Chromium through Selenium: no browser can
#                           be downloaded at test time
#   postgresql              the hall's PostgreSQL store (hall/storage_pg.py): its tests run a
#                           throw-away cluster with initdb/pg_ctl (its service is not used)
set -euo pipefail

PACKAGES=(
  fonts-wqy-microhei
  libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  swig libpcsclite-dev gcc libc6-dev pcscd vsmartcard-vpcd
  cups printer-driver-cups-pdf poppler-utils
  systemd cage grim libwayland-client0 libwayland-cursor0 libwayland-egl1 xwayland
  chromium chromium-driver
  postgresql
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng alsa-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
