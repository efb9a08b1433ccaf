# dyads: `make run` codes the bundled example, `make test` runs the test suite. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/coalition_article.txt

.PHONY: run test install lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

DB ?= dyads.duckdb

run: $(STAMP)
	$(BIN)/dyads code $(EXAMPLE) --date 2014-09-06 --format table
	$(BIN)/dyads code $(EXAMPLE) --date 2014-09-06 --db $(DB) --quiet
	@echo "events stored in $(DB): try  $(BIN)/dyads query --db $(DB) --actor IRN --format table"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff mypy types-PyYAML
	$(BIN)/ruff check src tests
	$(BIN)/mypy src/dyads

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py -n 300
	$(BIN)/python benchmarks/false_events.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache
