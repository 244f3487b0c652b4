# eventwire: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= out/demo.duckdb

.PHONY: install demo test eval bench clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(BIN)/eventwire

demo: install
	@mkdir -p $(dir $(DEMO_DB))
	@rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/eventwire ingest examples/sample --db $(DEMO_DB)
	$(BIN)/eventwire events --db $(DEMO_DB) --format table
	$(BIN)/eventwire eval articles examples/gold.jsonl
	@echo
	@echo "Events are stored in $(DEMO_DB). Try: $(BIN)/eventwire events --db $(DEMO_DB) --format jsonl"

test: install
	$(BIN)/pytest -q

eval: install
	$(BIN)/eventwire eval articles ../shared/data/articles/dev.jsonl --json

bench: install
	$(BIN)/eventwire bench ../shared/data/geo/lgl.jsonl --json

clean:
	rm -rf out .pytest_cache
