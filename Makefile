# `make run` and `make test` set everything up on a fresh Debian/Ubuntu machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test bench bundle bundle-test clean

$(STAMP): pyproject.toml
	@rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

run: $(STAMP)
	@tools/system-deps.sh run
	$(BIN)/timeline-app $(ARGS)

test: $(STAMP)
	@tools/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m timeline_app.bench

# A one-folder application for people without Python: dist/timeline-app/timeline-app
bundle: $(STAMP)
	$(BIN)/python -m pip install -q "pyinstaller>=6.10,<7"
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/timeline-app.spec

bundle-test: bundle
	$(BIN)/python packaging/check_bundle.py dist/timeline-app/timeline-app

clean:
	rm -rf $(VENV) build dist .pytest_cache
