# Wegwijzer — two commands for everyone: `make run` and `make test`.
# Every target installs what it needs first; stamps under .venv/ and var/ keep repeats fast.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
UV_VERSION := 0.13.8
MODEL := models/wegwijzer.tar.gz
SPACY_DIR := var/spacy/nl_wegwijzer
KNOWLEDGE_DB := var/knowledge.db
KNOWLEDGE_SOURCES := $(wildcard knowledge/data/*)
TRAIN_SOURCES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(SPACY_DIR)/meta.json

export PYTHONPATH := $(CURDIR)
# Rasa phones home and checks for updates by default; this assistant never does.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup nlp knowledge train run test lint clean browser

setup: $(VENV)/.installed $(SPACY_DIR)/meta.json $(KNOWLEDGE_DB)

$(VENV)/.installed: requirements.lock
	@py=$$(scripts/find-python310.sh) || exit 1; \
	if [[ ! -x $(PY) ]]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV) || exit 1; fi
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --python $(PY) requirements.lock
	@touch $@

# The Dutch spaCy pipeline (blank nl + lookup lemmatizer + entity ruler from the reference data).
nlp: $(SPACY_DIR)/meta.json
NLP_SOURCES := knowledge/data/gemeenten.csv knowledge/data/support_types.yml knowledge/data/target_groups.yml
$(SPACY_DIR)/meta.json: $(VENV)/.installed bot/nlp_pipeline.py knowledge/reference.py $(NLP_SOURCES)
	$(PY) -m bot build-nlp --output $(SPACY_DIR)

# The knowledge base, rebuilt from knowledge/data/ whenever a data file or its code changes.
knowledge: $(KNOWLEDGE_DB)
$(KNOWLEDGE_DB): $(VENV)/.installed $(KNOWLEDGE_SOURCES) $(wildcard knowledge/*.py)
	$(PY) -m knowledge build

train: $(MODEL)
$(MODEL): $(VENV)/.installed $(TRAIN_SOURCES)
	$(PY) -m bot exec -- $(BIN)/rasa train --force --fixed-model-name wegwijzer --out models
	@touch $@

run: setup $(MODEL)
	$(PY) -m bot run

# Debian's chromium, for the accessibility check of the plan page (tests/test_plan_routes.py).
browser:
	@if [[ ! -x /usr/bin/chromium ]]; then \
		sudo=$$([[ $$(id -u) -eq 0 ]] || echo sudo); \
		$$sudo apt-get install -y chromium || \
		{ $$sudo apt-get update && $$sudo apt-get install -y chromium; }; \
	fi

# Every test: training data validation, pytest (unit, web, real Rasa servers on SQLite and
# PostgreSQL/Redis), and Rasa's test stories. Any failure fails the target.
test: setup browser $(MODEL)
	$(BIN)/ruff check bot actions knowledge tests benchmarks scripts alembic
	$(PY) -m bot.validate_data
	$(PY) -m bot exec -- $(BIN)/pytest
	$(PY) -m bot exec -- $(BIN)/rasa test --stories tests/ --model $(MODEL) \
		--fail-on-prediction-errors --out var/results

lint: setup
	$(BIN)/ruff check bot actions knowledge tests benchmarks scripts alembic
	$(BIN)/ruff format --check bot actions knowledge tests benchmarks scripts

clean:
	rm -rf models var/spacy var/results $(KNOWLEDGE_DB)
