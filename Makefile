# Two commands do all set-up on a machine with Python 3.11+ and make:
#   make demo   — a demo workspace on the embedded SQLite database, served at http://127.0.0.1:8000
#   make test   — the whole test suite
#   make screenshots — docs/screenshots/ (main pages at 1280 and 390 px) and the README's docs/screenshot.png
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test serve clean screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Ally needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ally demo

serve: $(STAMP)
	$(BIN)/ally serve

test: $(STAMP)
	$(BIN)/python -m pytest -n $${ALLY_TEST_WORKERS:-2} $(PYTEST_ARGS)

screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) build src/*.egg-info
