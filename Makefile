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
GENERATED_SYNONYMS := data/nlu/generated/synonyms.yml
TRAIN_SOURCES := config.yml domain.yml $(GENERATED_SYNONYMS) $(SPACY_DIR)/meta.json \
	bot/tfidf_model.py bot/tfidf_intent_classifier.py bot/tfidf_faq_selector.py bot/word_novelty.py \
	$(filter-out $(GENERATED_SYNONYMS),$(shell find data -name '*.yml' 2>/dev/null))
CHECKED := bot actions knowledge tests benchmarks scripts alembic

export PYTHONPATH := $(CURDIR)
# Rasa phones home and checks for updates by default; this assistant never does.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup nlp knowledge train run bench test lint clean browser

setup: $(VENV)/.installed $(SPACY_DIR)/meta.json $(GENERATED_SYNONYMS) $(KNOWLEDGE_DB)

$(VENV)/.installed: requirements.lock
	@py=$$(scripts/find-python310.sh) || exit 1; \
	if [[ ! -x $(PY) ]]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV) || exit 1; fi
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --python $(PY) requirements.lock
	@touch $@

# The Dutch spaCy pipeline (blank nl + lookup lemmatizer + entity ruler from the reference data)
# and the entity synonyms generated from the same data: one step makes both, and a missing
# one of the two is made again (a grouped target), so training never runs without synonyms.
nlp: $(SPACY_DIR)/meta.json $(GENERATED_SYNONYMS)
NLP_SOURCES := knowledge/data/gemeenten.csv knowledge/data/support_types.yml knowledge/data/target_groups.yml
$(SPACY_DIR)/meta.json $(GENERATED_SYNONYMS) &: bot/nlp_pipeline.py bot/relation_words.py bot/spoken_lemmas.py knowledge/reference.py $(NLP_SOURCES) | $(VENV)/.installed
	$(PY) -m bot build-nlp --output $(SPACY_DIR)
	@touch $(SPACY_DIR)/meta.json $(GENERATED_SYNONYMS)

# The knowledge base, rebuilt from knowledge/data/ whenever a data file or its code changes.
knowledge: $(KNOWLEDGE_DB)
$(KNOWLEDGE_DB): $(VENV)/.installed $(KNOWLEDGE_SOURCES) $(wildcard knowledge/*.py)
	$(PY) -m knowledge build

train: $(MODEL)
# A new lock alone does not retrain (order-only): the training data and config decide.
# The duration and date land in var/training-seconds.txt (reported by `make bench`).
# bot.rasa_cli is Rasa's command line with the training datasets' autotuner off
# (bot/training_speed.py): the same model, without a wait at every epoch.
$(MODEL): $(TRAIN_SOURCES) | $(VENV)/.installed
	@date +%s > var/.training-start
	$(PY) -m bot exec -- $(PY) -m bot.rasa_cli train --force --fixed-model-name wegwijzer --out models
	@echo "$$(( $$(date +%s) - $$(cat var/.training-start) )) $$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
		> var/training-seconds.txt && rm -f var/.training-start
	@touch $@

run: setup $(MODEL)
	$(PY) -m bot run

# Load figures of Wegwijzer next to Rasa's starter bot (`rasa init`, trained once into
# var/starter/), written into docs/benchmarks.md. TRAIN=1 also times a fresh training of
# Wegwijzer in a temporary folder.
bench: setup $(MODEL)
	$(PY) -m bot exec -- $(PY) -m benchmarks.load

# Debian's chromium, for the accessibility check of the plan page (tests/test_plan_routes.py).
browser:
	@if [[ ! -x /usr/bin/chromium ]]; then \
		sudo=$$([[ $$(id -u) -eq 0 ]] || echo sudo); \
		$$sudo apt-get install -y chromium || \
		{ $$sudo apt-get update && $$sudo apt-get install -y chromium; }; \
	fi

# Every test: lint, format and types, training data validation, pytest (unit, web, real
# Rasa servers on SQLite and PostgreSQL/Redis), and Rasa's test stories (dialogue only: NLU
# quality is gated in pytest by the held-out set). Any failure fails the target; a failed
# story is printed.
test: setup browser $(MODEL)
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy
	$(PY) -m bot.validate_data
	$(PY) -m bot exec -- $(BIN)/pytest
	@rm -rf var/results
	$(PY) -m bot exec -- $(BIN)/rasa test core --e2e --stories tests/ --model $(MODEL) \
		--out var/results
	@grep -q "None of the test stories failed" var/results/failed_test_stories.yml || \
		{ echo "Failed test stories (var/results/failed_test_stories.yml):"; \
		  cat var/results/failed_test_stories.yml; exit 1; }

lint: setup
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy

clean:
	rm -rf models var/spacy var/results $(KNOWLEDGE_DB) data/nlu/generated
