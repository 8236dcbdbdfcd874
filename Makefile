# CountyDesk: `make run` serves the demo county on SQLite; `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
PG_URL ?= postgres://127.0.0.1:5432/test

.PHONY: install run test test-sqlite test-postgres test-scaled bench messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@echo "installing CountyDesk and its dependencies into $(VENV) …"
	@$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

run: install
	@$(BIN)/countydesk migrate --noinput -v0
	@$(BIN)/countydesk demo --if-empty
	@echo "demo accounts: admin, xinxike, lingdao, chengguan_xxy, chengguan_ld, zhiban, yingjiban, zhihui, duizhang, shenji (password CountyDesk-demo-2026); see README.md"
	@HOST=$(HOST) PORT=$(PORT) $(BIN)/countydesk serve

test: install test-sqlite test-postgres

test-sqlite: install
	@echo "== test suite on SQLite =="
	@env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

# Runs on PostgreSQL when DATABASE_URL names one; under CI=true it is mandatory. It includes the scaled
# deployment (tests/scaled, TEST_SCALED=1), so the test database is built once for both.
test-postgres: install
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== test suite on PostgreSQL ($$DATABASE_URL), with the scaled deployment =="; \
		TEST_SCALED=1 $(BIN)/python -m pytest $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but DATABASE_URL is not set: the PostgreSQL run is mandatory"; exit 1; \
	else \
		echo "== DATABASE_URL not set: PostgreSQL run skipped (try DATABASE_URL=$(PG_URL) make test) =="; \
	fi

# The scaled deployment alone (tests/scaled; test-postgres runs it too): PostgreSQL, Redis, two `serve`
# processes and a separate worker. Needs DATABASE_URL (PostgreSQL) and Redis (TEST_SCALED_REDIS_URL, default db 13).
test-scaled: install
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== scaled deployment on PostgreSQL + Redis =="; \
		TEST_SCALED=1 $(BIN)/python -m pytest tests/scaled $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but DATABASE_URL is not set: the scaled deployment run is mandatory"; exit 1; \
	else \
		echo "== DATABASE_URL not set: scaled deployment run skipped =="; \
	fi

bench: install
	@$(BIN)/python -m bench

# The project catalogue, plus one per app that keeps its own locale/ folder.
messages:
	@cd src/countydesk && apps=$$(find . -mindepth 2 -type d -name locale -prune -printf '%h\n' | sed 's|^\./||'); \
	ignore=$$(for a in $$apps; do printf -- '--ignore=%s/* ' $$a; done); \
	../../$(BIN)/countydesk makemessages -l zh_Hans --no-obsolete $$ignore; \
	for a in $$apps; do (cd $$a && $(CURDIR)/$(BIN)/countydesk makemessages -l zh_Hans --no-obsolete); done; \
	../../$(BIN)/countydesk compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache
