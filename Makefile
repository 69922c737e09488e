# Two commands do all the set-up: `make lab` opens the kit, `make test` checks it.
# Both create .venv when it is missing and reinstall when pyproject.toml changes.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
LAB_PORT ?= 8888
PORT     ?= 8866
# Run pytest on this many processes (nbval notebooks are spread by file).
JOBS     ?= 2
# What to test; e.g. `make test TESTS=notebooks/00_start_here.ipynb` runs one notebook.
TESTS    ?= tests notebooks

.PHONY: lab test chromium build reader bench clean help

help:
	@echo "make lab    open the kit in JupyterLab (sets up .venv first)"
	@echo "make test   install what is missing and run every test"
	@echo "make reader serve the side-by-side reader (Voila, no code shown) on 127.0.0.1:\$$PORT"
	@echo "make build  write the student and teacher editions to build/"
	@echo "make bench  measure the lenses, analyze at scale and the reader's speed; print the figures"
	@echo "make clean  remove .venv and build/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

lab: $(VENV)/.installed
	@echo "Opening JupyterLab. Open the URL printed below (it ends with a token) in your browser."
	@echo "Stop the server with Ctrl-C."
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) \
		--ServerApp.allow_root=True --ServerApp.root_dir=$(CURDIR) \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

# Debian's chromium drives the browser tests. Install it when missing and we are root;
# otherwise say how to install it (the browser tests then fail with the same advice).
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium is missing: run 'sudo apt-get install chromium' to run the browser tests."; \
	fi

test: $(VENV)/.installed-test chromium
	env -u MPLBACKEND $(BIN)/python -m pytest -n $(JOBS) --dist loadfile \
		--nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		$(TESTS)

# The reader app for students who should not see code: Voila at the root URL, no token.
reader: $(VENV)/.installed
	@echo "The reader is at http://127.0.0.1:$(PORT)/ (stop it with Ctrl-C)"
	JUPYTER_PATH=$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH} \
	$(BIN)/voila notebooks/reader.ipynb --port=$(PORT) --Voila.ip=127.0.0.1 --no-browser \
		--template=media-kit --Voila.root_dir=$(CURDIR) --ServerApp.allow_root=True

build: $(VENV)/.installed-test
	env -u MPLBACKEND $(BIN)/python -m helpers build

bench: $(VENV)/.installed-test chromium
	$(BIN)/python -m helpers.bench
	env -u MPLBACKEND $(BIN)/python -m helpers.widgets.bench --browser

clean:
	rm -rf $(VENV) build
