# newsbook: two commands for a new user.
#   make book   builds the HTML book on the default corpus into _build/html/index.html
#   make test   runs the test suite
# Both create .venv on first use, install the pinned requirements and provision the
# data that libraries would otherwise download at run time (NLTK's cmudict).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.newsbook-installed
CORPUS ?= data/corpus
OUT    ?= _build

.PHONY: book test env lock clean

env: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m newsbook provision
	touch $(STAMP)

book: $(STAMP)
	$(PY) -m newsbook build --corpus $(CORPUS) --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest

lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^newsbook' > requirements.txt

clean:
	rm -rf $(OUT) .newsbook-cache
