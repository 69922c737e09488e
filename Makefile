# Two commands do all the set-up: `make lab` opens the kit, `make test` checks it.
# Both create .venv when it is missing and reinstall when pyproject.toml changes.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
# The hub test's single-user environment and proxy (see "The classroom" below).
HUB_VENV := .venv-hub
CHP      := node_modules/.bin/configurable-http-proxy
LAB_PORT ?= 8888
PORT     ?= 8866
# Run pytest on this many processes (nbval notebooks are spread by file).
JOBS     ?= 2
# What to test; e.g. `make test TESTS=notebooks/00_start_here.ipynb` runs one notebook.
TESTS    ?= tests notebooks

.PHONY: lab test chromium build reader bench clean help nbstripout publish hub-proxy

help:
	@echo "make lab    open the kit in JupyterLab (sets up .venv first)"
	@echo "make test   install what is missing and run every test"
	@echo "make reader serve the side-by-side reader (Voila, no code shown) on 127.0.0.1:\$$PORT"
	@echo "make build  write the student and teacher editions to build/"
	@echo "make bench  measure the lenses, analyze at scale and the reader's speed; print the figures"
	@echo "make publish commit the student edition (make build) to the student branch, for nbgitpuller links"
	@echo "make clean  remove .venv and build/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# setuptools >= 77 reads pyproject's SPDX license string, so a maintainer can build the
# wheel with this venv (`pip wheel . --no-deps --no-build-isolation`, as tests/test_install.py does).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=77"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

lab: $(VENV)/.installed nbstripout
	@echo "Opening JupyterLab. Open the URL printed below (it ends with a token) in your browser."
	@echo "Stop the server with Ctrl-C."
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) \
		--ServerApp.allow_root=True --ServerApp.root_dir=$(CURDIR) \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb \
		--ContentsManager.pre_save_hook=helpers.lab_save.strip_on_save

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

test: $(VENV)/.installed-test chromium nbstripout $(HUB_VENV)/.kit hub-proxy
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

bench: $(VENV)/.installed-test chromium $(HUB_VENV)/.kit hub-proxy
	$(BIN)/python -m helpers.bench
	env -u MPLBACKEND $(BIN)/python -m helpers.bench.reader --browser

clean:
	-git config --unset filter.nbstripout.clean; git config --unset filter.nbstripout.required; true
	rm -rf $(VENV) $(HUB_VENV) build

# ---- The classroom: clean notebooks, the student branch, the hub (see README "Teaching a class") ----

# Notebooks are committed without outputs: nbstripout is the repository's git filter, so
# running the lessons and saving them leaves `git status` clean. The filter keeps cell ids
# and drops what JupyterLab adds when a kernel starts (language_info details).
NBSTRIPOUT_EXTRA_KEYS := metadata.language_info.codemirror_mode metadata.language_info.file_extension \
	metadata.language_info.mimetype metadata.language_info.nbconvert_exporter \
	metadata.language_info.pygments_lexer metadata.language_info.version
nbstripout: $(VENV)/.installed
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		$(BIN)/python -m nbstripout --install --attributes .gitattributes && \
		git config filter.nbstripout.clean '"$(abspath $(BIN))/python" -m nbstripout --keep-id' && \
		git config diff.ipynb.textconv '"$(abspath $(BIN))/python" -m nbstripout --keep-id -t' && \
		git config filter.nbstripout.extrakeys "$(NBSTRIPOUT_EXTRA_KEYS)"; \
	fi

# The answer-free edition on the `student` branch (what the nbgitpuller link serves).
# Commits build/student and the files it needs; the working tree and branch stay as they are.
publish: build
	$(BIN)/python -m helpers publish

# The hub test and the classroom bench: a hub's single-user environment made as README
# step 1 says (`pip install ".[hub]"`, not editable), and the hub's proxy from npm.
KIT_FILES := $(shell find helpers data notebooks -type f -not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)

$(HUB_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_VENV)/bin/python -m pip install --quiet ".[hub]"
	rm -rf build/lib build/bdist.*
	touch $@

# The kit itself is reinstalled (not its dependencies) when its files change.
$(HUB_VENV)/.kit: $(HUB_VENV)/.installed $(KIT_FILES)
	$(HUB_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	rm -rf build/lib build/bdist.*
	touch $@

hub-proxy: $(CHP)
$(CHP):
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } || \
		{ echo "node and npm are missing: install them (sudo apt-get install nodejs npm) for the hub test."; exit 1; }
	npm install --no-save --no-audit --no-fund --silent --prefix . configurable-http-proxy@^5
