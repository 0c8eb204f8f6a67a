# Escola — the two commands of the README work on a machine with only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test stress bench lint check-schema dist dist-test clean translations screenshot

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The bench extra too: the suite runs the short form of `make bench`.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(RUN_STAMP)

# Translations: resources/translations/*.ts are the sources (Qt Linguist); the .qm files the app
# loads are build products, made here by lrelease (ships with PySide6) and never committed.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
LUPDATE_SOURCES := $(shell find escola_gui -name '*.py' -not -path '*/_alembic/*' | sort) main.py

resources/translations/%.qm: resources/translations/%.ts | $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent -nounfinished $< -qm $@

## make translations: bring the .ts sources up to date with the code's tr() strings, then translate the
## new ones (type="unfinished") in Qt Linguist (`$(BIN)/pyside6-linguist resources/translations/escola_en.ts`).
## `translate(context, text)` (escola_gui/gui/toolkit/text.py) is the views' one short name for
## QCoreApplication.translate, which lupdate reads by that name; the core marks its texts with its own
## QT_TRANSLATE_NOOP (escola_gui/core/errors.py).
translations: $(RUN_STAMP)
	$(BIN)/pyside6-lupdate $(LUPDATE_SOURCES) -locations none -no-obsolete \
		-source-language pt_BR -target-language en -ts resources/translations/escola_en.ts
	$(BIN)/pyside6-lupdate $(LUPDATE_SOURCES) -locations none -no-obsolete \
		-pluralonly -source-language pt_BR -target-language pt_BR -ts resources/translations/escola_pt_BR.ts

## make run [ARGS="--database PATH"]: open Escola (default database: the user's data folder)
run: $(RUN_STAMP) $(QM_FILES)
	$(BIN)/python main.py $(ARGS)

## make test: the whole suite, headless (the tests set QT_QPA_PLATFORM=offscreen)
test: $(TEST_STAMP) $(QM_FILES)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

## make stress [STRESS_ARGS="--trials 50 --alunos 100000 --seed S --workdir DIR"]: kill -9 trials of `db upgrade`
STRESS_ARGS ?= --trials 50 --alunos 100000
stress: $(TEST_STAMP)
	$(BIN)/python -m tests.stress.harness $(STRESS_ARGS)

## make bench [BENCH_ARGS="--runs 5 --profile --fixtures DIR"]: the issue-5 measures, each against its
## reference in the same run; writes benchmarks/results.json and benchmarks/RESULTS.md
bench: $(TEST_STAMP)
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dist]'
	touch $@ $(TEST_STAMP) $(RUN_STAMP)

## make dist: the one-folder bundle dist/escola/ (run dist/escola/escola), from escola.spec; no Python needed
dist: $(DIST_STAMP) $(QM_FILES)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN escola.spec
	@du -sh dist/escola

## make dist-test: build the bundle, then upgrade a filled file of 0.x and of every revision with it
dist-test: dist
	$(BIN)/python -m pytest -m dist tests/dist

## make screenshot: the README's picture of the main window (resources/screenshots/), under Xvfb when present
screenshot: $(RUN_STAMP) $(QM_FILES)
	$(if $(shell command -v xvfb-run),xvfb-run -a,QT_QPA_PLATFORM=offscreen) $(BIN)/python scripts/readme_screenshot.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

## make check-schema: `alembic check` against a scratch database brought to head
check-schema: $(TEST_STAMP)
	rm -f $(VENV)/check.sqlite3
	ESCOLA_DB=$(VENV)/check.sqlite3 $(BIN)/alembic upgrade head
	ESCOLA_DB=$(VENV)/check.sqlite3 $(BIN)/alembic check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info build dist $(QM_FILES)
