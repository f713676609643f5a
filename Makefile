# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test install lint fmt clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	DEBUG=1 $(BIN)/chiso migrate --noinput
	DEBUG=1 $(BIN)/chiso load-demo
	@DEBUG=1 $(BIN)/chiso demo-logins
	DEBUG=1 $(BIN)/chiso runserver $(HOST)

lint: install
	$(BIN)/ruff check chiso tests bench

test: install lint
	$(BIN)/pytest $(PYTEST_ARGS)

fmt: install
	$(BIN)/ruff format chiso tests bench
	$(BIN)/ruff check --fix chiso tests bench

clean:
	rm -rf $(VENV) db.sqlite3
