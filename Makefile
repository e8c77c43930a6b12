# newsbook: two commands for a new user.
#   make book   builds the HTML book on the default corpus into _build/html/index.html
#   make test   runs the test suite
# Both create .venv on first use, install the pinned requirements and provision the
# data that libraries would otherwise download at run time (NLTK's cmudict).
# `make test` also installs Debian's chromium for the real-browser tests (tests/test_browser.py)
# when /usr/bin/chromium is missing and apt-get can be run (root); Playwright drives that binary,
# it never downloads a browser of its own.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.newsbook-installed
CORPUS ?= data/corpus
OUT    ?= _build
CHROMIUM ?= /usr/bin/chromium

.PHONY: book test env browser screenshots lock clean

env: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m newsbook provision
	touch $(STAMP)

book: $(STAMP)
	$(PY) -m newsbook build --corpus $(CORPUS) --out $(OUT)

test: $(STAMP) browser
	$(PY) -m pytest

browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium for the browser tests (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: $(CHROMIUM) is missing and apt-get cannot run here; the browser tests will be skipped" \
	     "(install it with: sudo apt-get install chromium)"; fi

screenshots: $(STAMP) browser
	test -f $(OUT)/html/index.html || $(MAKE) book
	$(PY) benchmarks/screenshots.py --site $(OUT)/html --out docs/img

lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^newsbook' > requirements.txt

clean:
	rm -rf $(OUT) .newsbook-cache
