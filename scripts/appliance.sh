#!/usr/bin/env bash
# The appliance's files, staged once, then either
#   scripts/appliance.sh deb       (`make deb`): dist/gd-kiosk_<version>_<arch>.deb, plain dpkg-deb
#   scripts/appliance.sh install   (`make install`, root): the same files copied onto this
#                                  machine (an /etc file already there is kept) and the
#                                  package's configure step run: no package.
#
# The package carries a wheelhouse, not a venv: the project's wheel and every dependency
# as a wheel for this architecture (pyscard, which has no Linux wheel on PyPI, is built
# here once), and requirements.lock naming each with its sha256. Its postinst builds
# /opt/kiosk/venv with Debian's /usr/bin/python3 from exactly those files
# (pip install --no-index --require-hashes; debian/appliance-setup.sh).
#   KIOSK_DEB_VERSION   the package's version (default: setup.cfg's)
#   KIOSK_DEB_OUT       where the .deb goes (default: dist/)
#   KIOSK_WHEELHOUSE    a folder of wheels kept between builds (default: build/wheelhouse)
set -euo pipefail
unset PYTHONPATH      # the build resolves from the index, not from a tree on the path
mode="${1:-deb}"
case "$mode" in deb|install) ;; *) echo "usage: $0 deb|install" >&2; exit 2 ;; esac
if [ "$mode" = install ] && [ "$(id -u)" -ne 0 ]; then
  echo "appliance install: run as root (it creates the kiosk user, writes /opt /etc /lib)" >&2
  exit 1
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
version="${KIOSK_DEB_VERSION:-$(/usr/bin/python3 -c 'import configparser,sys; c=configparser.ConfigParser(); c.read(sys.argv[1]); print(c["metadata"]["version"])' "$root/setup.cfg")}"
arch="$(dpkg --print-architecture)"
out="${KIOSK_DEB_OUT:-$root/dist}"
cache="${KIOSK_WHEELHOUSE:-$root/build/wheelhouse}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$cache"

# 1. The wheels, resolved and built by Debian's python3 (the interpreter of the venv).
/usr/bin/python3 -m venv "$work/build-env"
pip=("$work/build-env/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet packaging 2>&1 | { grep -v "^WARNING: Location" || true; }
"${pip[@]}" wheel --quiet --no-deps -w "$work/project" "$root"
project_wheel="$(ls "$work"/project/gd_kiosk-*.whl)"
"${pip[@]}" wheel --quiet --find-links "$cache" -w "$cache" "$project_wheel" 2>&1 \
  | { grep -v "^WARNING: Location" || true; }

# 2. The closure of the project's wheel, each pinned by version and hash.
pkg="$work/pkg"
house="$pkg/opt/kiosk/wheelhouse"
mkdir -p "$house" "$pkg/opt/kiosk/lib"
"$work/build-env/bin/python" - "$project_wheel" "$cache" "$house" "$pkg/opt/kiosk/requirements.lock" <<'PY'
"""Copies the wheels the project needs (its requirements, transitively, from the
wheelhouse) and writes requirements.lock: `name==version --hash=sha256:...` each."""
import hashlib, shutil, sys, zipfile
from email.parser import Parser
from pathlib import Path
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

project, cache, house, lock = map(Path, sys.argv[1:])
wheels = {}
for w in sorted(cache.glob("*.whl")):
    name, version, _, _ = parse_wheel_filename(w.name)
    if canonicalize_name(name) != "gd-kiosk":
        wheels.setdefault(canonicalize_name(name), []).append((version, w))

def requires(wheel):
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        msg = Parser().parsestr(z.read(meta).decode())
    env = {"extra": ""}
    return [r for r in map(Requirement, msg.get_all("Requires-Dist") or [])
            if r.marker is None or r.marker.evaluate(env)]

chosen, todo = {}, list(requires(project))
while todo:
    req = todo.pop()
    key = canonicalize_name(req.name)
    if key in chosen:
        continue
    fits = [(v, w) for v, w in wheels.get(key, []) if req.specifier.contains(v, prereleases=True)]
    if not fits:
        sys.exit(f"no wheel for {req} in {cache}")
    chosen[key] = max(fits)
    todo += requires(chosen[key][1])
lines = []
for key, (version, wheel) in sorted(chosen.items()) + [("gd-kiosk", (None, project))]:
    shutil.copy(wheel, house)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    version = version or parse_wheel_filename(wheel.name)[1]
    lines.append(f"{key}=={version} --hash=sha256:{digest}")
lock.write_text("\n".join(lines) + "\n")
PY

# 3. The files: units, tmpfiles.d, PAM, udev, the configuration seed, the set-up script.
install -D -m 0644 "$root/systemd/kiosk.service" "$pkg/lib/systemd/system/kiosk.service"
install -D -m 0644 "$root/systemd/kiosk-health.service" "$pkg/lib/systemd/system/kiosk-health.service"
install -D -m 0644 "$root/systemd/kiosk-tmpfiles.conf" "$pkg/usr/lib/tmpfiles.d/kiosk.conf"
install -D -m 0644 "$root/systemd/kiosk.pam" "$pkg/etc/pam.d/kiosk"
install -D -m 0644 "$root/systemd/99-kiosk-devices.rules" "$pkg/etc/udev/rules.d/99-kiosk-devices.rules"
install -D -m 0644 "$root/kiosk/data/kiosk.toml" "$pkg/etc/kiosk/kiosk.toml"
install -D -m 0755 "$root/debian/appliance-setup.sh" "$pkg/opt/kiosk/lib/appliance-setup.sh"
echo "$version" > "$pkg/opt/kiosk/VERSION"
mkdir -p "$pkg/usr/bin"
ln -s /opt/kiosk/venv/bin/kiosk "$pkg/usr/bin/kiosk"

if [ "$mode" = install ]; then
  (cd "$pkg" && find . -type d) | while read -r d; do mkdir -p "/$d"; done
  (cd "$pkg" && find . ! -type d) | while read -r f; do
    case "$f" in
      ./etc/*) [ -e "/$f" ] || cp -a "$pkg/$f" "/$f" ;;        # the admin's, once there
      *) cp -a --remove-destination "$pkg/$f" "/$f" ;;
    esac
  done
  /opt/kiosk/lib/appliance-setup.sh configure
  echo "installed gd-kiosk $version on this machine, without a package"
  exit 0
fi

# 4. The control files.
mkdir -p "$pkg/DEBIAN"
size="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    "$root/debian/control.in" > "$pkg/DEBIAN/control"
install -m 0644 "$root/debian/conffiles" "$pkg/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "$root/debian/$script" "$pkg/DEBIAN/$script"
done

deb="$out/gd-kiosk_${version}_${arch}.deb"
# The wheels are compressed already: gzip -1 only wraps them.
dpkg-deb --root-owner-group -Zgzip -z1 --build "$pkg" "$deb" >/dev/null
echo "$deb"
