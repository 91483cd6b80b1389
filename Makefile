# make audit [URL=https://example.fi/] [ARGS="--max-pages 50"]   audit a site (no URL: the bundled demo site)
# make test                                                       install what the tests need, run them
# make bench                                                      benchmark the audit against a bare axe loop
# make bench-report / bench-device                                5,000-page report opening / device rules' cost
# make bench-peers                                                auditor (3 viewports) vs pa11y-ci 4.1.1 (1 viewport)
# make bench-checks                                               own checks' cost (issue 13: before / checks / full)
# make eval-text / bench-text                                     plain-language accuracy (UD Finnish-TDT) / speed
# make act                                                        W3C ACT Rules implementation report
# make bench-fleet                                                the fleet: queue overhead, 2-worker speed-up, RSS
# make services                                                   PostgreSQL and Redis for the tests (see below)
# make bench-hostile                                              the hostile test site: wall time, peak memory
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SYS_PKGS := chromium libvoikko1 voikko-fi tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe tesseract-ocr-eng fonts-liberation
URL ?=
ARGS ?=

.PHONY: audit demo test bench bench-hostile bench-text bench-report bench-device bench-fleet bench-peers bench-checks eval-text act deps sysdeps services clean

audit: deps
	@if [ -z "$(URL)" ]; then $(PY) -m auditor.cli demo $(ARGS); else $(PY) -m auditor.cli audit "$(URL)" $(ARGS); fi

demo: audit

test: deps services
	$(PY) -m pytest -q $(ARGS)

bench: deps
	$(PY) bench/bench_audit.py $(ARGS)

bench-hostile: deps
	$(PY) bench/bench_hostile.py $(ARGS)

bench-report: deps
	$(PY) bench/bench_report.py $(ARGS)

bench-device: deps
	$(PY) bench/bench_device.py $(ARGS)

# auditor (3 viewports) against pa11y-ci 4.1.1 (1 viewport, installed from npm into a cache folder, system Chromium).
bench-peers: deps
	$(PY) bench/bench_peers.py $(ARGS)

bench-checks: deps
	$(PY) bench/bench_checks.py $(ARGS)

bench-text: deps
	$(PY) bench/bench_text.py $(ARGS)

bench-fleet: deps services
	$(PY) bench/bench_fleet.py $(ARGS)

eval-text: deps
	$(PY) bench/eval_text.py $(ARGS)

# The W3C ACT Rules test suite (../shared/act-rules, or ACT_DIR=...) audited; report under build/.
act: deps
	$(PY) -m auditor.cli act $(ARGS)

deps: sysdeps $(VENV)/.installed

# Debian packages: installed with apt-get when running as root, otherwise the exact command is printed.
sysdeps:
	@missing=""; \
	for p in $(SYS_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "auditor: installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "auditor: missing Debian packages:$$missing"; \
	    echo "  install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

# The virtualenv, with every Python dependency pinned by constraints.txt. Never downloads a browser.
$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

# The fleet's tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust on loopback) and Redis on 6379, plus
# the redis-server program (tests start private ones on ephemeral ports). Where nothing listens there (a fresh Debian
# machine), the Debian packages are installed and started as root; otherwise the commands are printed.
services:
	@need_pg=""; need_redis=""; \
	(exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || need_pg=1; \
	(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || need_redis=1; \
	command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || need_redis="$${need_redis:-0}"; \
	if [ -z "$$need_pg$$need_redis" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "auditor: the tests need PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379); as root:"; \
	  echo "  apt-get install -y postgresql redis-server && make services"; exit 1; \
	fi; \
	pkgs=""; [ -n "$$need_pg" ] && pkgs="$$pkgs postgresql"; [ -n "$$need_redis" ] && pkgs="$$pkgs redis-server"; \
	echo "auditor: installing and starting$$pkgs for the tests"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
	  --no-install-recommends $$pkgs >/dev/null || exit 1; \
	if [ -n "$$need_pg" ]; then \
	  v=$$(ls /etc/postgresql | sort -V | tail -1); \
	  hba=/etc/postgresql/$$v/main/pg_hba.conf; \
	  grep -q "auditor-tests" $$hba || sed -i '1i host all postgres 127.0.0.1/32 trust # auditor-tests' $$hba; \
	  pg_ctlcluster --skip-systemctl-redirect $$v main start || pg_ctlcluster --skip-systemctl-redirect $$v main reload; \
	fi; \
	if [ "$$need_redis" = 1 ]; then \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; \
	fi; \
	for i in $$(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && exit 0; sleep 0.2; done; \
	echo "auditor: PostgreSQL or Redis did not start"; exit 1

clean:
	rm -rf $(VENV) build auditor-out .pytest_cache
