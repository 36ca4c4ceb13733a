# The two commands: `make demo` runs the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Tests create their own database (test_<name>) on this server; the suite runs again on SQLite.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtracker
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

.PHONY: demo test test-postgres test-sqlite venv lock prod-lock lint worker beat

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	touch $@

venv: $(BIN)/.installed

demo: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --no-logins
	$(BIN)/python manage.py ingest_demo
	@$(BIN)/python manage.py load_demo --logins-only --url http://127.0.0.1:$(PORT)/admin/
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: test-postgres test-sqlite

test-postgres: venv
	env -u CELERY_BROKER_URL DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) \
		$(BIN)/pytest $(PYTEST_ARGS)

test-sqlite: venv
	env -u CELERY_BROKER_URL DATABASE_URL=sqlite:///$(CURDIR)/data/test-sqlite.sqlite3 \
		$(BIN)/pytest -m "not postgres_only and not redis" $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: venv
	$(BIN)/python -m pip install -q pip-tools
	$(BIN)/pip-compile -q --extra dev --extra embeddings --extra attribution-en --extra attribution-zh --extra attribution-uk --extra ner --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	$(MAKE) prod-lock

# What the Docker image installs: the runtime and its runtime extras, no dev tools.
prod-lock: venv
	$(BIN)/python -m pip install -q pip-tools
	$(BIN)/pip-compile -q --extra embeddings --extra attribution-en --extra attribution-zh --extra attribution-uk --extra ner --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements-prod.lock pyproject.toml

worker: venv
	$(BIN)/celery -A claimtracker worker -Q default,fetch,cpu -l info

beat: venv
	$(BIN)/celery -A claimtracker beat -l info
