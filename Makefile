# `make run` and `make test` set everything up on a fresh Debian/Ubuntu machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test check lint bench bundle bundle-test clean approve-images

$(STAMP): pyproject.toml
	@rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,check]'
	@touch $@

run: $(STAMP)
	@tools/system-deps.sh run
	$(BIN)/timeline-app $(ARGS)

test: $(STAMP)
	@tools/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Lint and format (ruff), types (mypy: strict on model/scene/presentation), layers (import-linter).
check: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Re-draw the reference images after a deliberate change of the picture; review the diff before committing.
approve-images: $(STAMP)
	@tools/system-deps.sh test
	QT_QPA_PLATFORM=offscreen TIMELINE_APPROVE_IMAGES=1 $(BIN)/python -m pytest -q tests/view/test_reference_images.py

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
