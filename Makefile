# The besliswijzer. Every target sets up what it needs first; each set-up step is skipped
# when it is up to date (make compares file times; `rasa train` also skips unchanged parts).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa

# Settings that differ between a laptop and a municipal server (README, "Configuratie").
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
# Rasa's own tracker store uses SQLAlchemy 1.4 APIs; its 2.0 notice says nothing about this project.
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_ENDPOINTS ?= bot/endpoints.yml
export WEB_HOST ?= 0.0.0.0
export WEB_PORT ?= 8000
export WEB_WORKERS ?= 2
export BEWAARTERMIJN_DAGEN ?= 7

INSTALLED := $(VENV)/.installed
DATABASE := var/.database
CATALOGUE := $(wildcard besliswijzer/data/*.yml)
NLU_GENERATED := data/nlu/generated/catalogus.yml
TRAINING_INPUT = config.yml $(shell find bot data -name '*.yml' 2>/dev/null) $(wildcard nlu_components/*.py rasa_plugins/*.py)
MODEL := models/.getraind
# The Dutch spaCy pipeline (blank "nl" + lookup lemmas), built offline from pinned packages.
SPACY_NL := var/spacy-nl/config.cfg
AXE := tests/browser/node_modules/axe-core/axe.min.js
# The token of Rasa's HTTP API (loopback only) under make run; make herlaad loads a model with it.
API_TOKEN := var/rasa-api-token
RESULTS := var/testresultaten

.PHONY: help run run-cluster herlaad test train validate bench lock clean setup basislijn

help:
	@echo "make run       installeren, database en model bijwerken, dan de chat starten op http://localhost:$(WEB_PORT)"
	@echo "make run-cluster  zoals make run, maar met RASA_INSTANCES Rasa-servers (standaard 2) achter HAProxy, PostgreSQL en Redis"
	@echo "make herlaad   het nieuwste model live zetten zonder herstart (make run of make run-cluster)"
	@echo "make test      alles klaarzetten en alle tests draaien"
	@echo "make train     het Rasa-model trainen (alleen als data, domein of config veranderd zijn)"
	@echo "make validate  de trainingsdata controleren"
	@echo "make basislijn de NLU-cijfers van dit model vastleggen als basislijn (tests/nlu/basislijn.json)"
	@echo "make bench     snelheid meten (advies-engine en chat)"
	@echo "make lock      requirements.lock opnieuw maken uit requirements.in"
	@echo "make clean     .venv, var/, models/ en node_modules verwijderen"

$(INSTALLED): requirements.lock
	@python=$$(scripts/find_python310.sh); \
	  [ -x $(PY) ] || { echo "Virtuele omgeving maken met $$python"; "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip check
	@touch $@

setup: $(INSTALLED) $(DATABASE) $(MODEL)

$(SPACY_NL): $(INSTALLED) scripts/build_spacy_nl.py besliswijzer/text/lemmas.py
	$(PY) -m scripts.build_spacy_nl
	@touch $@

$(DATABASE): $(INSTALLED) $(CATALOGUE) $(shell find besliswijzer -name "*.py")
	@mkdir -p var
	$(PY) -m besliswijzer db init
	@touch $@

$(NLU_GENERATED): $(INSTALLED) $(CATALOGUE) scripts/generate_nlu.py
	$(PY) -m scripts.generate_nlu

$(MODEL): $(INSTALLED) $(SPACY_NL) $(NLU_GENERATED) $(TRAINING_INPUT)
	$(PY) -m scripts.train_model
	@touch $@

train: $(MODEL)

validate: $(INSTALLED) $(SPACY_NL) $(NLU_GENERATED)
	$(RASA) data validate --domain bot --data data --config config.yml --fail-on-warnings

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	@touch $@

$(API_TOKEN): | $(INSTALLED)
	@mkdir -p var
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_hex(32))' > $@

run: $(INSTALLED) $(DATABASE) $(SPACY_NL) $(MODEL) $(API_TOKEN)
	$(VENV)/bin/honcho start --procfile Procfile

# The production shape on one machine (docs/schaal.md); installs redis-server, haproxy and
# postgresql from Debian when missing. A part that dies is started again; Ctrl-C stops all.
run-cluster: $(INSTALLED) $(SPACY_NL) $(MODEL)
	scripts/cluster/install_services.sh
	$(PY) -m scripts.cluster.run

# The newest model in models/ live on a running make run or make run-cluster, without a
# restart; on the cluster server by server (docs/schaal.md). It does not train: make train first.
herlaad: $(INSTALLED)
	$(PY) -m scripts.cluster.herlaad

test: $(INSTALLED) $(DATABASE) $(SPACY_NL) $(MODEL) $(AXE)
	@mkdir -p $(RESULTS)
	@echo "== 1/4 Trainingsdata controleren (rasa data validate)"
	$(RASA) data validate --domain bot --data data --config config.yml --fail-on-warnings
	@echo "== 2/4 pytest: kern, acties, web, end-to-end en browser"
	$(PY) -m pytest --junitxml=$(RESULTS)/pytest.xml
	@echo "== 3/4 Testverhalen (rasa test core)"
	$(RASA) test core --stories tests/stories --model models --e2e --fail-on-prediction-errors --no-plot --out $(RESULTS)/core
	@echo "== 4/4 Taalbegrip op de achtergehouden sets (rasa test nlu), tegen de basislijn"
	@# Both held-out sets are gates: our own sentences and those written from outside sources
	@# (tests/nlu/drempels.json, docs/onderhoud-nlu.md). Every set is reported before make stops.
	@status=0; for set in tests/nlu/heldout*.yml; do name=$$(basename $$set .yml); \
	  $(PY) -m scripts.nlu_rapport --nlu "$$set" --out "var/nlu-resultaten/$$name" \
	    --vorige "var/nlu-vorige-run-$$name.json" || status=1; done; exit $$status
	@$(PY) -m scripts.test_summary $(RESULTS)

# On purpose only: store the held-out figures of the current model as the committed baseline.
# RUIS=1 first measures the noise (retraining with a few seeds; several minutes).
basislijn: $(INSTALLED) $(SPACY_NL) $(MODEL)
	@if [ -n "$${RUIS:-}" ]; then $(PY) -m scripts.nlu_basislijn ruis; fi
	@for set in tests/nlu/heldout*.yml; do \
	  $(PY) -m scripts.nlu_rapport --nlu "$$set" --out "var/nlu-basislijn/$$(basename $$set .yml)" \
	    --vorige "var/nlu-basislijn/$$(basename $$set .yml).json" --basislijn-bijwerken || true; done
	@echo "Controleer tests/nlu/basislijn.json en commit het."

bench: $(INSTALLED) $(DATABASE) $(SPACY_NL) $(MODEL)
	$(PY) -m bench.bench_advice
	$(PY) -m bench.bench_chat

# pip-tools gets a virtual environment of its own: installed into .venv it upgrades
# `packaging` past what Rasa 3.6 accepts, and the action server no longer starts.
PIPTOOLS := var/pip-tools
lock:
	@[ -x $(PIPTOOLS)/bin/pip-compile ] || { $(PY) -m venv $(PIPTOOLS) && \
	  $(PIPTOOLS)/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2; }
	$(PIPTOOLS)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock requirements.in

clean:
	rm -rf $(VENV) var models results .pytest_cache .hypothesis tests/browser/node_modules
