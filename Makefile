# Two commands for a newcomer: `make run` opens the window on a demo database, `make test` runs
# every check. Both work on a fresh Debian 12 machine: they build .venv and install the Debian
# packages they need first.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Touched after a successful install; pyproject.toml newer than it means the venv is stale.
STAMP := $(VENV)/.rosterapp-installed

# What Qt's offscreen platform and QtGui/QtWidgets link against (readelf NEEDED of
# platforms/libqoffscreen.so and libQt6Gui.so.6), the CUPS library for the print-support plugin,
# and a CJK font so Chinese text has glyphs in rendered widgets and PDFs.
QT_DEBS := fonts-noto-cjk libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 \
           libglib2.0-0 libdbus-1-3 libcups2
# The tests also open the exported HQ workbook in LibreOffice Calc, as a real spreadsheet program
# would (tests/services/excel/test_libreoffice.py), read printed PDFs with poppler's tools, and run the
# model, service and command-line tests on a throwaway PostgreSQL server too (tools/with_pg_server.sh).
TEST_DEBS := $(QT_DEBS) libreoffice-calc poppler-utils postgresql
# A real window on X11: what platforms/libqxcb.so and libQt6XcbQpa.so.6 link against.
RUN_DEBS := $(QT_DEBS) libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
            libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 \
            libxcb-xkb1 libxcb-glx0

LINT_PATHS := main.py $(wildcard rosterapp tests benchmarks packaging tools)

.PHONY: help venv test test-packages deb run run-server stop-server bench clean guide-images

help:
	@echo "make run    open the window on the demo database (created on first use)"
	@echo "make run-server  a local PostgreSQL server with the city demo and two demo logins, and the window on it"
	@echo "make stop-server stop that server"
	@echo "make test   ruff, the import contract and the test suite"
	@echo "make bench  city-scale benchmarks"
	@echo "make deb    dist/rosterapp_<version>_amd64.deb (PyInstaller build under /opt/rosterapp)"
	@echo "make test-packages  build the .deb and run it from a throwaway root (a few minutes)"
	@echo "make clean  remove .venv and caches"

# A venv whose interpreter no longer runs (Python upgraded or moved) is rebuilt from scratch.
venv:
	@$(PY) -c '' 2>/dev/null || rm -rf $(VENV)
	@$(MAKE) --no-print-directory --silent $(STAMP)

$(STAMP): pyproject.toml setup.py
	@echo "Installing rosterapp and its test tools into $(VENV)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# What building the wheel and the .deb needs: pyproject asks setuptools >= 77 (Python 3.11's venv
	@# brings 65), the build frontend, and PyInstaller for the .deb.
	$(PY) -m pip install --disable-pip-version-check -q 'setuptools>=77' build 'pyinstaller>=6.10'
	$(PY) -m pip install --disable-pip-version-check -q -e '.[test]'
	touch $@

test: venv
	tools/ensure_debs.sh $(TEST_DEBS)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen tools/with_pg_server.sh $(VENV)/bin/pytest -n auto

# The demo is generated on first use only; a failed generation leaves no half-filled file behind.
# `demo` makes the new file itself (no --create needed); the window then opens a file that exists.
run: venv
	tools/ensure_debs.sh $(RUN_DEBS)
	@db="$$($(PY) -c 'from rosterapp.config import demo_db_path; print(demo_db_path())')"; \
	if [ ! -e "$$db" ]; then \
		echo "Creating the demo database $$db"; \
		$(PY) main.py --db "$$db" demo --scale small || { rm -f "$$db" "$$db-wal" "$$db-shm"; exit 1; }; \
	fi; \
	exec $(PY) main.py --db "$$db"

# Server mode for trying it: a local PostgreSQL server (Debian's), made on first use with the city demo (a
# minute or two) and two demo users, then the window's login dialog on it (tools/run_server.sh says more).
run-server: venv
	tools/ensure_debs.sh postgresql $(RUN_DEBS)
	@$(PY) -c 'import psycopg' 2>/dev/null || $(PY) -m pip install --disable-pip-version-check -q -e '.[postgres]'
	tools/run_server.sh $(PY)

stop-server:
	tools/run_server.sh $(PY) stop

# The package's tests build it (about 2 minutes), so `make test` leaves them out (marker `packaging`).
# binutils: PyInstaller strips the bundle's libraries with its strip.
deb: venv
	tools/ensure_debs.sh binutils $(QT_DEBS)
	packaging/build_deb.sh $(PY)

# xvfb: one test opens the installed window on a virtual X11 display, through Qt's xcb platform.
test-packages: deb
	tools/ensure_debs.sh xvfb postgresql
	QT_QPA_PLATFORM=offscreen tools/with_pg_server.sh $(VENV)/bin/pytest -m packaging tests/packaging

bench: venv
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .import_linter_cache build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The user guide's pictures (resources/guide/images/), made by the program's own `screenshot` on a city demo.
guide-images: venv
	tools/guide_screenshots.sh $(PY)
