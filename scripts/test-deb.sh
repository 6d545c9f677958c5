#!/usr/bin/env bash
# The package's life cycle on this machine (tests/test_deb.py runs it; root, Debian 12):
# build two versions of gd-kiosk (the newer with one more schema migration), install the
# older with apt-get, leave unsynced rows in its outbox, upgrade with dpkg -i, check every
# row is still there, migrated after a backup, and then syncs to a real hall, purge, check
# nothing is left. Exit 77: skipped (says why on stderr).
# Restores the machine: whatever happens, the package is purged at the end.
#   KIOSK_HALL_PYTHON   a python that runs `-m hall serve` with the hall extra (this tree's
#                       hall is put on its PYTHONPATH; nothing else sees the tree)
set -euo pipefail
unset PYTHONPATH

root="$(cd "$(dirname "$0")/.." && pwd)"
skip() { echo "skipped: $*" >&2; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (dpkg)"
command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || skip "not a Debian system"
if dpkg-query -W -f='${Status}' gd-kiosk 2>/dev/null | grep -q "ok installed"; then
  skip "gd-kiosk is installed on this machine: not touching it"
fi
for path in /etc/kiosk /opt/kiosk /var/lib/kiosk; do
  [ ! -e "$path" ] || skip "$path exists: not touching it"
done
hall_python="${KIOSK_HALL_PYTHON:?set KIOSK_HALL_PYTHON}"

work="$(mktemp -d)"
chmod 755 "$work"
hall_pid=""
cleanup() {
  [ -z "$hall_pid" ] || kill "$hall_pid" 2>/dev/null || true
  dpkg --purge gd-kiosk >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "test-deb: $*"; }
fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }

version="$(/usr/bin/python3 -c 'import configparser,sys; c=configparser.ConfigParser(); c.read(sys.argv[1]); print(c["metadata"]["version"])' "$root/setup.cfg")"
old="$version~pre1"
# The newer package is this tree with one more schema migration, as a next release that
# adds a table would be: the upgrade then migrates the outbox's database for real.
schema="$(PYTHONPATH="$root" /usr/bin/python3 -c 'from offline_cache import db; print(len(db._MIGRATIONS))')"
next_tree="$work/next-tree"
mkdir "$next_tree"
tar -C "$root" --exclude=./.venv --exclude=./.git --exclude=./build --exclude=./dist -cf - . \
  | tar -C "$next_tree" -xf -
printf '\n_MIGRATIONS.append("CREATE TABLE upgrade_probe (x INTEGER)")  # scripts/test-deb.sh\n' \
  >>"$next_tree/offline_cache/db.py"
say "building $old (schema v$schema) and $version (schema v$((schema + 1)))"
old_deb="$(KIOSK_DEB_VERSION="$old" KIOSK_DEB_OUT="$work" bash "$root/scripts/appliance.sh" deb)"
new_deb="$(KIOSK_DEB_VERSION="$version" KIOSK_DEB_OUT="$work" \
  KIOSK_WHEELHOUSE="${KIOSK_WHEELHOUSE:-$root/build/wheelhouse}" bash "$next_tree/scripts/appliance.sh" deb)"

say "install $old (apt-get)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$old_deb" >"$work/apt.log" 2>&1 \
  || { tail -20 "$work/apt.log"; fail "apt-get install"; }
[ "$(readlink /opt/kiosk/venv)" = "venv-$old" ] || fail "venv link: $(readlink /opt/kiosk/venv)"
[ "$(head -1 /opt/kiosk/venv/pyvenv.cfg)" = "home = /usr/bin" ] || fail "venv not made by /usr/bin/python3"
id -nG kiosk | tr ' ' '\n' | grep -qx dialout || fail "kiosk not in dialout: $(id -nG kiosk)"
[ "$(stat -c '%U %a' /var/lib/kiosk)" = "kiosk 700" ] || fail "/var/lib/kiosk: $(stat -c '%U %a' /var/lib/kiosk)"
[ "$(readlink /etc/systemd/system/ctrl-alt-del.target)" = /dev/null ] || fail "ctrl-alt-del not masked"
[ -L /etc/systemd/system/graphical.target.wants/kiosk.service ] || fail "kiosk.service not enabled"
[ -L /etc/systemd/system/boot-complete.target.requires/kiosk-health.service ] || fail "health not enabled"
systemd-analyze verify /lib/systemd/system/kiosk.service /lib/systemd/system/kiosk-health.service \
  || fail "the installed units do not verify"
grep -q -- "--hash=sha256:" /opt/kiosk/requirements.lock || fail "no hashes in requirements.lock"

# As the kiosk user with the clean environment a unit gives it: nothing of the test
# run's own environment (a root-owned cache folder named in it, say) may leak in.
as_kiosk() {
  (cd / && runuser -u kiosk -- env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
    HOME="$(getent passwd kiosk | cut -d: -f6)" "$@")
}

say "three unsynced rows in the outbox (as the kiosk user)"
seed='from kiosk.core import config; from kiosk.core.terminal import Terminal
t = Terminal(config.load().with_devices(()))
print(" ".join(t.record_rating("queue_ticket", "satisfied", None) for _ in range(3)))
t.stop()'
pending='from kiosk.core import config; from offline_cache import db, outbox
c = db.connect(config.load().data_dir / "kiosk.db")
print(" ".join(sorted(r.id for r in outbox.pending(c, 100))))'
ids="$(as_kiosk /opt/kiosk/venv/bin/python -c "$seed" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"
[ "$(echo "$ids" | wc -w)" -eq 3 ] || fail "seeded: $ids"

say "upgrade to $version (dpkg -i)"
dpkg -i "$new_deb" >"$work/dpkg.log" 2>&1 || { tail -20 "$work/dpkg.log"; fail "dpkg -i"; }
[ "$(readlink /opt/kiosk/venv)" = "venv-$version" ] || fail "venv link after upgrade: $(readlink /opt/kiosk/venv)"
[ ! -e "/opt/kiosk/venv-$old" ] || fail "the old venv is left"
after="$(as_kiosk /opt/kiosk/venv/bin/python -c "$pending")"
[ "$after" = "$ids" ] || fail "outbox after upgrade: '$after', before: '$ids'"
backup="/var/lib/kiosk/kiosk.db.before-v$((schema + 1)).bak"
[ "$(stat -c '%U %a' "$backup" 2>&1)" = "kiosk 600" ] || fail "the backup before the migration: $(ls -l /var/lib/kiosk)"
[ "$(as_kiosk /opt/kiosk/venv/bin/python -c "import sqlite3; c = sqlite3.connect('file:$backup?mode=ro', uri=True); print(c.execute('PRAGMA user_version').fetchone()[0], c.execute('SELECT count(*) FROM outbox').fetchone()[0])")" = "$schema 3" ] \
  || fail "the backup does not hold the three rows at schema v$schema"

say "the rows sync to a hall"
token="$work/kiosk.token"
echo "t0ken-deb-test" >"$token"
chmod 644 "$token"
PYTHONPATH="$root" "$hall_python" -m hall serve --port 0 --db "$work/hall.db" --token "GZ-TH-0003=t0ken-deb-test" \
  --holder-salt replace-with-the-hall-salt >"$work/hall.out" 2>"$work/hall.err" &
hall_pid=$!
for _ in $(seq 1 100); do grep -q "hall listening" "$work/hall.out" && break; sleep 0.2; done
url="$(awk '/hall listening on/ {print $NF}' "$work/hall.out")"
[ -n "$url" ] || { cat "$work/hall.err"; fail "the hall did not start"; }
{ cat /etc/kiosk/kiosk.toml; printf '\n[hall]\nurl = "%s"\ntoken_file = "%s"\n' "$url" "$token"; } >"$work/kiosk.toml"
chmod 644 "$work/kiosk.toml"
as_kiosk /usr/bin/kiosk sync now --config "$work/kiosk.toml" || fail "kiosk sync now"
left="$(as_kiosk /opt/kiosk/venv/bin/python -c "$pending")"
[ -z "$left" ] || fail "still pending after the sync: $left"

say "purge"
dpkg --purge gd-kiosk >"$work/purge.log" 2>&1 || { tail -20 "$work/purge.log"; fail "dpkg --purge"; }
for path in /opt/kiosk /var/lib/kiosk /etc/kiosk /etc/systemd/system/ctrl-alt-del.target \
            /etc/systemd/system/graphical.target.wants/kiosk.service /usr/bin/kiosk \
            /etc/systemd/system/boot-complete.target.requires/kiosk-health.service; do
  [ ! -e "$path" ] && [ ! -L "$path" ] || fail "left after purge: $path"
done
! getent passwd kiosk >/dev/null || fail "the kiosk user is left"
say "OK: install, upgrade (a schema migration, backed up first) with 3 unsynced rows kept and synced, purge"
