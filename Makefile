# The only entry points, used by the README and CI alike.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
TIEWATCH := $(VENV)/bin/tiewatch
DEMO_DB ?= demo/tiewatch.db
DEMO_MONTH ?= 2025-06
SHARED ?= ../shared

.PHONY: install demo test lint format bench eval accuracy clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p demo
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(TIEWATCH) --db sqlite:///$(DEMO_DB) ingest examples/corpus
	$(TIEWATCH) --db sqlite:///$(DEMO_DB) process
	$(TIEWATCH) --db sqlite:///$(DEMO_DB) stats
	$(TIEWATCH) --db sqlite:///$(DEMO_DB) export --format jsonl --out demo/events.jsonl
	$(TIEWATCH) --db sqlite:///$(DEMO_DB) brief --watch china-russia-ukraine --month $(DEMO_MONTH) --out demo/brief-$(DEMO_MONTH).md
	@echo "Demo store: $(DEMO_DB); events exported to demo/events.jsonl"
	@echo "Brief for $(DEMO_MONTH) (the sample corpus's latest month): demo/brief-$(DEMO_MONTH).md"
	@echo "Open the dashboard on the demo store (then browse http://127.0.0.1:8000/):"
	@echo "  $(TIEWATCH) --db sqlite:///$(DEMO_DB) serve"

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format src tests
	$(VENV)/bin/ruff check --fix src tests

# PYTEST_FLAGS='-m "slow or not slow"' adds the slow end-to-end tests (as .ci/run does).
PYTEST_FLAGS ?=
test: lint
	$(VENV)/bin/pytest $(PYTEST_FLAGS)

accuracy: install
	$(TIEWATCH) eval $(SHARED)/gold tests/data/devgold --peer $(SHARED)/peer --report docs/accuracy.md

eval: install
	$(TIEWATCH) eval $(SHARED)/gold --peer $(SHARED)/peer

bench: install
	$(PY) bench/run.py --out bench/results.md

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
