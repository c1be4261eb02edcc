# interviewkit: `make demo` and `make test` each work alone on a fresh machine (Python 3.11+).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo docs test lint bench clean system-demo system-test

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "interviewkit needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# What the system must have (Debian packages): installed when that needs no password,
# otherwise the exact command to run, before anything else starts.
system-demo:
	@scripts/system-packages demo
system-test:
	@scripts/system-packages test

demo: system-demo $(STAMP)
	$(BIN)/interviewkit bank validate
	$(BIN)/interviewkit kit build --role senior-python-engineer --candidate "Ada Lovelace" \
		--company "Example Startup" --force
	@echo "Open out/ada-lovelace/guide-system-design.pdf, scorecard-*.pdf and candidate-packet.pdf."

# Page images of the demo kit for the README (needs poppler-utils for pdftoppm).
docs: demo
	mkdir -p docs
	pdftoppm -png -r 60 -f 1 -l 2 out/ada-lovelace/guide-system-design.pdf docs/guide
	pdftoppm -png -r 60 -f 1 -l 1 out/ada-lovelace/scorecard-system-design.pdf docs/scorecard
	pdftoppm -png -r 60 -f 1 -l 1 out/ada-lovelace/candidate-packet.pdf docs/packet

# pdf.js, which the tests fill scorecards with as Firefox does (Node and npm).
ENGINES := tests/engines
$(ENGINES)/node_modules/.installed: $(ENGINES)/package.json $(ENGINES)/package-lock.json
	cd $(ENGINES) && npm ci --silent --no-audit --no-fund --omit=optional
	@touch $@

test: system-test $(STAMP) $(ENGINES)/node_modules/.installed
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check interviewkit tests
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) out dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		$(ENGINES)/node_modules
