# Quick start: `make demo` and `make test`. Each does its own set-up, idempotently:
# Debian packages when missing, a .venv with the project installed, the translations,
# and the services the simulators use (pcscd, cupsd) when they are not running.

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
QM     := kiosk/ui/i18n/kiosk_zh_TW.qm kiosk/ui/i18n/kiosk_en.qm

.PHONY: setup system demo test lint bench translations clean deb install

setup: system $(STAMP) $(QM)
	@bash scripts/start-services.sh

system:
	@bash scripts/setup-system.sh

$(STAMP): setup.cfg pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,hall]'
	@touch $(STAMP)

kiosk/ui/i18n/%.qm: kiosk/ui/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# Re-extract the strings of the QML and Python UI into the .ts files (keeps translations).
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete kiosk/ui/qml/*.qml kiosk/ui/messages.py kiosk/ui/parts/*.py \
	    -ts kiosk/ui/i18n/kiosk_zh_TW.ts kiosk/ui/i18n/kiosk_en.ts

demo: setup
	$(VENV)/bin/kiosk demo

# The lint first (the architecture's rules as tools check them), then the suite on every
# core (tests/conftest.py says which tests share pcscd/CUPS and run one at a time), then
# the few that change the machine for everyone, by themselves.
TEST_JOBS ?= auto
test: setup lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(TEST_JOBS) --dist loadgroup -m "not alone"
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m alone

# The architecture and style as tools check them (docs/ARCHITECTURE.md): lint and import
# order, types of the Qt-free layers and the hall, the layer contracts and no import cycles.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

# Every benchmark, each printing its figure next to a baseline of the same run, in about
# 8-9 minutes on a 2-core machine: the hall and the soak shortened here; the README's
# table gives the longer command behind each of its figures.
bench: setup
	$(PY) bench/idcard_read.py
	$(PY) bench/startup.py --camera
	$(PY) bench/gui_stalls.py
	$(PY) bench/slow_storage.py
	$(PY) bench/sync_drain.py
	$(PY) bench/village_link.py
	$(PY) bench/hall_ingest.py --seconds 10 --offered-seconds 20 --storm-rows 100
	$(PY) bench/console_pages.py
	flock /tmp/kiosk-shared.lock $(PY) bench/soak.py --sessions 20

# The appliance (README, "Install on a terminal"): dist/gd-kiosk_<version>_<arch>.deb, or the
# same files and set-up straight onto this machine (root) for a developer.
deb:
	bash scripts/appliance.sh deb

install:
	bash scripts/appliance.sh install

clean:
	rm -rf $(VENV) demo-output dist kiosk/ui/i18n/*.qm
