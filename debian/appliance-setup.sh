#!/bin/sh
# Configures an installed terminal; run as root by the package's postinst and by
# `make install` (scripts/appliance.sh install), after the files are in place:
#   /opt/kiosk/wheelhouse/*.whl + /opt/kiosk/requirements.lock (every wheel's sha256)
#   /lib/systemd/system/kiosk*.service, /usr/lib/tmpfiles.d/kiosk.conf, /etc/pam.d/kiosk,
#   /etc/udev/rules.d/99-kiosk-devices.rules, /etc/kiosk/kiosk.toml
# Idempotent: an upgrade runs it again.
#  1. the kiosk system user, in the groups of the serial (dialout), camera/GPU (video,
#     render), touch/keyboard (input) and sound (audio: voice guidance) device nodes: kiosk.service's DeviceAllow= opens
#     the cgroup, these groups the files;
#  2. /var/lib/kiosk (tmpfiles.d): owner-only, never touched by an upgrade;
#  3. the venv: built with Debian's /usr/bin/python3 in /opt/kiosk/venv-<version> from the
#     wheelhouse only (--no-index --require-hashes), then /opt/kiosk/venv is switched to it
#     in one rename, and older venvs are removed. A failed build leaves the old venv in use;
#  4. ctrl-alt-del.target masked (unless the admin had already), the units enabled, udev
#     and systemd reloaded where systemd runs. The app itself starts at the next boot (or
#     `systemctl start kiosk`); on an upgrade a running app is restarted.
set -eu
# Nothing of the caller's Python environment: a PYTHONPATH naming a source tree would make
# pip take that tree's gd-kiosk for installed and leave the venv without it.
unset PYTHONPATH PYTHONHOME PYTHONSTARTUP VIRTUAL_ENV PIP_REQUIRE_VIRTUALENV

OPT=/opt/kiosk
VERSION=$(cat "$OPT/VERSION")

if ! getent group kiosk >/dev/null; then
  addgroup --system --quiet kiosk
fi
if ! getent passwd kiosk >/dev/null; then
  adduser --system --quiet --ingroup kiosk --home /var/lib/kiosk --no-create-home \
          --shell /usr/sbin/nologin --gecos "self-service terminal" kiosk
fi
for group in dialout video render input audio; do
  if getent group "$group" >/dev/null; then
    adduser --quiet kiosk "$group" >/dev/null
  fi
done

if command -v systemd-tmpfiles >/dev/null; then
  systemd-tmpfiles --create /usr/lib/tmpfiles.d/kiosk.conf
else
  install -d -m 0700 -o kiosk -g kiosk /var/lib/kiosk
fi

venv="$OPT/venv-$VERSION"
if [ ! -f "$venv/.complete" ]; then
  # Built at its final path (a venv's scripts name their interpreter by absolute path);
  # the machine's pip configuration is ignored: only the shipped wheels count.
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  if ! PIP_CONFIG_FILE=/dev/null "$venv/bin/python" -m pip install --quiet --no-index \
         --require-hashes --no-warn-script-location --disable-pip-version-check \
         --find-links "$OPT/wheelhouse" -r "$OPT/requirements.lock" \
     || ! "$venv/bin/kiosk" --help >/dev/null; then
    rm -rf "$venv"
    echo "gd-kiosk: the venv could not be built from $OPT/wheelhouse; the previous one stays" >&2
    exit 1
  fi
  touch "$venv/.complete"
fi
ln -sfn "venv-$VERSION" "$OPT/venv.new"
mv -T "$OPT/venv.new" "$OPT/venv"
for old in "$OPT"/venv-*; do
  [ "$old" = "$venv" ] || rm -rf "$old"
done

if [ ! -e /etc/systemd/system/ctrl-alt-del.target ]; then
  ln -s /dev/null /etc/systemd/system/ctrl-alt-del.target
  touch /etc/kiosk/.masked-ctrl-alt-del     # ours to unmask on purge
fi
if [ -n "${DPKG_MAINTSCRIPT_PACKAGE:-}" ]; then
  # (deb-systemd-helper works only under dpkg; it also remembers the enablement for purge)
  deb-systemd-helper enable kiosk.service kiosk-health.service >/dev/null
else
  systemctl enable --quiet kiosk.service kiosk-health.service
fi
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  udevadm control --reload || true
  if systemctl is-active --quiet kiosk.service; then
    systemctl restart kiosk.service
  fi
fi
