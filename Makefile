# journey-audit: two commands do all set-up on a fresh machine.
#   make demo   set up, then audit the bundled demo councils and print where the results are
#   make test   set up, then run the test suite (real Chromium, demo councils on 127.0.0.1)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/python -m journey_audit.browser.ensure

demo: setup
	$(BIN)/journey-audit run

test: setup
	$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: setup
	$(BIN)/ruff check journey_audit tests bench

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
