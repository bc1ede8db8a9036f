# sitroom: `make demo` sets everything up, analyses the seed article, builds a knowledge base from the seed
# and the FA-KES corpus and serves the web UI; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SHARED := ../shared
SEED := $(SHARED)/corpus/seed/000_1c0d675042cec979.txt
FAKES := $(SHARED)/corpus/fakes/articles.jsonl
DEMO_DB := demo.sqlite

.PHONY: demo test lint test-services frontend bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/sitroom analyze $(SEED)
	$(BIN)/sitroom ingest $(SEED) --db $(DEMO_DB)
	$(BIN)/sitroom ingest $(FAKES) --db $(DEMO_DB)
	$(BIN)/sitroom serve --db $(DEMO_DB)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/mypy bench

# Debian's chromium for the browser tests and a local PostgreSQL server for the server-option tests.
test-services:
	sh scripts/ensure_chromium.sh

# The PostgreSQL tests use the local server's test database unless SITROOM_TEST_POSTGRES_URL names another.
test: lint test-services
	url=$$(sh scripts/ensure_postgres.sh); \
		SITROOM_TEST_POSTGRES_URL=$${SITROOM_TEST_POSTGRES_URL:-$$url} $(BIN)/pytest

# Rebuild the web UI into src/sitroom/web/static (the built files are committed, so this is optional).
frontend:
	cd frontend && npm ci && npm run build

# The knowledge base at scale: a 200,000-document base replicated from FA-KES (resumable, about an hour),
# then API latency, storing and Dask ingest with 1 and 2 workers; BENCH_POSTGRES_URL adds PostgreSQL.
SCALE_DB := .data/kb-1m.sqlite
bench: $(INSTALLED)
	$(BIN)/python bench/layers.py
	$(BIN)/python bench/run.py
	nice $(BIN)/python bench/synthetic_kb.py --db $(SCALE_DB) --documents 200000
	$(if $(BENCH_POSTGRES_URL),nice $(BIN)/python bench/synthetic_kb.py --db "$(BENCH_POSTGRES_URL)" --documents 200000)
	nice $(BIN)/python bench/scale.py --db $(SCALE_DB) --workers sqlite \
		$(if $(BENCH_POSTGRES_URL),--db "$(BENCH_POSTGRES_URL)" --workers "$(BENCH_POSTGRES_URL)")

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)
