# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-reminders messages demo-code clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

## make run: the whole portal (web, Celery worker and beat) with demo data on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/python scripts/dev.py run

## make test: lint, format, migrations and deploy checks, then the whole test suite
test: $(STAMP)
	$(BIN)/python scripts/dev.py test $(PYTEST_ARGS)

## make bench: every page under load at scale 1 and 10, next to a baseline and the admin
bench: $(STAMP)
	$(BIN)/python scripts/dev.py bench

## make bench-reminders: 10,000 reminders through the real worker, next to a plain send loop
bench-reminders: $(STAMP)
	$(BIN)/python scripts/dev.py bench-reminders

## make messages: extract new strings (needs GNU gettext) and compile every catalogue (does not)
messages: $(STAMP)
	$(BIN)/python scripts/dev.py messages

## make demo-code: the current two-factor code of the demo admin and coordinator
demo-code: $(STAMP)
	@$(BIN)/python scripts/dev.py code

clean:
	rm -rf $(VENV) var
