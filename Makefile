# make audit [URL=https://example.fi/] [ARGS="--max-pages 50"]   audit a site (no URL: the bundled demo site)
# make test                                                       install what the tests need, run them
# make bench                                                      benchmark the audit against a bare axe loop
# make bench-report / bench-device                                5,000-page report opening / device rules' cost
# make eval-text / bench-text                                     plain-language accuracy (UD Finnish-TDT) / speed
# make act                                                        W3C ACT Rules implementation report
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SYS_PKGS := chromium libvoikko1 voikko-fi tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe tesseract-ocr-eng fonts-liberation
URL ?=
ARGS ?=

.PHONY: audit demo test bench bench-text bench-report bench-device eval-text act deps sysdeps clean

audit: deps
	@if [ -z "$(URL)" ]; then $(PY) -m auditor.cli demo $(ARGS); else $(PY) -m auditor.cli audit "$(URL)" $(ARGS); fi

demo: audit

test: deps
	$(PY) -m pytest -q $(ARGS)

bench: deps
	$(PY) bench/bench_audit.py $(ARGS)

bench-report: deps
	$(PY) bench/bench_report.py $(ARGS)

bench-device: deps
	$(PY) bench/bench_device.py $(ARGS)

bench-text: deps
	$(PY) bench/bench_text.py $(ARGS)

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

clean:
	rm -rf $(VENV) build auditor-out .pytest_cache
