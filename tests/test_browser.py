"""The built book in a real browser: Debian's Chromium, driven by Playwright, checked by axe-core.

One browser for the module; each book (the default corpus, the hostile corpus of
test_untrusted) is built once per session (conftest.py) and served from a local
http.server thread, as a reader would serve it (`python -m http.server -d _build/html`).
Playwright launches `/usr/bin/chromium` (installed by `make test`), never a browser of
its own. axe-core is the copy axe-playwright-python ships (PyPI), injected from a file.

Every page is visited once and what the browser saw is kept (console errors, uncaught
exceptions, failed or foreign requests, axe violations); the tests read that record.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
#: axe-core impacts that fail a page (minor and moderate ones are reported, not failed)
FAILING_IMPACTS = {"serious", "critical"}
#: Sphinx's own folders: copies of the sources and static assets, not pages
NOT_PAGES = {"_sources", "_static", "_images", "_downloads"}
#: a marker global the hostile corpus's script would set if it ever ran
MARKER = "__newsbook_pwned"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make env)")


def _axe_script() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert path.is_file(), path
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve a folder on 127.0.0.1 (a free port) for the duration of the block; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not NOT_PAGES & set(p.relative_to(html_dir).parts))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if shutil.which("apt-get"):
            pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium with apt-get)")
        pytest.skip(f"{CHROMIUM} is missing and apt-get is not available to install it")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()


class Visit:
    """What the browser saw on one page."""

    def __init__(self):
        self.errors: list[str] = []       # console errors and uncaught exceptions
        self.foreign: list[str] = []      # requests to any host but the local server (all blocked)
        self.failed: list[str] = []       # local requests that failed (404, ...)
        self.dialogs: list[str] = []
        self.violations: list[dict] = []  # axe-core's, all impacts
        self.marker = None


def visit_site(browser, html_dir: Path, run_axe: bool = True) -> dict[str, Visit]:
    """Load every page of a built site once; record what happened."""
    axe = _axe_script()
    seen: dict[str, Visit] = {}
    with serve(html_dir) as base:
        context = browser.new_context()
        current = Visit()

        def route(r):
            if r.request.url.startswith(base) or r.request.url.startswith(("data:", "blob:", "about:")):
                r.continue_()
            else:
                current.foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: current.errors.append(f"console: {m.text} ({m.location.get('url')})")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: current.errors.append(f"uncaught: {e}"))
        page.on("response", lambda r: current.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("dialog", lambda d: (current.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        for rel in site_pages(html_dir):
            current = seen[rel] = Visit()
            page.goto(base + rel, wait_until="load")
            page.wait_for_load_state("networkidle")
            current.marker = page.evaluate(f"() => window.{MARKER} ?? null")
            if run_axe:
                # recorded apart: axe's own stylesheet preload (it resolves @import against the page) is not the reader's
                visit, current = current, Visit()
                page.add_script_tag(path=str(axe))
                visit.violations = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                    ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                    " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
        context.close()
    return seen


@pytest.fixture(scope="module")
def default_site(built):
    return built[0] / "html"


@pytest.fixture(scope="module")
def default_visits(browser, default_site):
    return visit_site(browser, default_site)


@pytest.fixture(scope="module")
def hostile_visits(browser, hostile_book):
    return visit_site(browser, hostile_book / "html", run_axe=False)


def test_every_page_is_visited(default_visits, default_site):
    chapters = {"book/intro.html", "book/sourcing.html", "book/quotes.html", "book/readability.html",
                "book/trade.html", "book/references.html", "search.html", "index.html"}
    assert chapters <= set(default_visits), sorted(chapters - set(default_visits))


def test_every_page_loads_with_zero_console_errors(default_visits):
    problems = {rel: v.errors + v.failed for rel, v in default_visits.items() if v.errors or v.failed}
    assert not problems, problems


def test_the_book_fetches_nothing_from_another_host(default_visits):
    foreign = {rel: v.foreign for rel, v in default_visits.items() if v.foreign}
    assert not foreign, foreign


def test_axe_reports_no_serious_or_critical_violation(default_visits):
    bad = {rel: [v for v in visit.violations if v["impact"] in FAILING_IMPACTS]
           for rel, visit in default_visits.items()}
    bad = {rel: v for rel, v in bad.items() if v}
    assert not bad, bad
    assert all(isinstance(v.violations, list) for v in default_visits.values())


def _speaker(tables: Path) -> str:
    """A person of the quotes table with a name of two or more words (the one quoted most; not an
    organisation, whose name, "Government of Russia", is words every page holds)."""
    quotes = pd.read_csv(tables / "quotes.csv", keep_default_na=False)
    people = quotes[~quotes.speaker_kind.isin(["organisation", "media"])]
    names = people.speaker[people.speaker.str.count(r"[A-Z][a-z]+") >= 2]
    assert len(names), "no named speaker in the quotes table"
    return names.value_counts().index[0]


def test_the_site_search_finds_a_speaker(browser, built, default_site):
    name = _speaker(built[0] / "tables")
    with serve(default_site) as base:
        page = browser.new_page()
        page.goto(f"{base}search.html?q={name.replace(' ', '+')}")
        page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
        hits = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
        page.close()
    pages = {re.sub(r"[#?].*$", "", h).removeprefix(base) for h in hits}
    assert "book/quotes.html" in pages, (name, pages)
    for rel in pages:  # every hit is a page that names the speaker
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (default_site / rel).read_text(encoding="utf-8")))
        assert all(w.lower() in text.lower() for w in name.split()), (rel, name)


def test_the_hostile_corpus_fires_no_script_dialog_or_request(hostile_visits):
    assert "book/quotes.html" in hostile_visits
    for rel, v in hostile_visits.items():
        assert v.dialogs == [], (rel, v.dialogs)
        assert v.marker is None, (rel, v.marker)
        assert v.foreign == [], (rel, v.foreign)
        assert v.errors == [], (rel, v.errors)


# The explorer contract (newsbook.explorer): the build writes tables/explorer_pages.csv
# (doc_id, page: the article's page relative to html/book/, blank without one); on that page
# each statement of the quotes table is highlighted by one or more elements
# `.nb-content[data-quote="<quote_id>"]` whose texts are the pieces of the statement's content.

def test_the_explorer_highlights_exactly_the_statements_of_one_article(browser, built, default_site):
    tables = built[0] / "tables"
    pages_csv = tables / "explorer_pages.csv"
    if not pages_csv.is_file():
        pytest.skip("the build writes no explorer (tables/explorer_pages.csv): newsbook.explorer is not merged")
    pages = pd.read_csv(pages_csv, keep_default_na=False)
    quotes = pd.read_csv(tables / "quotes.csv", keep_default_na=False)
    with_page = quotes[quotes.doc_id.isin(set(pages.doc_id[pages.page != ""]))]
    assert len(with_page), "no article with statements has an explorer page"
    doc_id = with_page.doc_id.value_counts().index[0]
    rows = with_page[with_page.doc_id == doc_id]
    rel = "book/" + pages.set_index("doc_id").page[doc_id]
    with serve(default_site) as base:
        page = browser.new_page()
        page.goto(base + rel)
        found = page.eval_on_selector_all(
            ".nb-content[data-quote]",
            "els => els.map(e => {const r = e.getBoundingClientRect(); return {id: e.dataset.quote, text: e.textContent,"
            " shown: r.width > 0 && r.height > 0, background: getComputedStyle(e).backgroundColor}})")
        plain = page.evaluate("() => getComputedStyle(document.querySelector('main') || document.body).backgroundColor")
        page.close()
    assert {f["id"] for f in found} == set(rows.quote_id)
    for r in rows.itertuples():
        parts = [f for f in found if f["id"] == r.quote_id]
        # the fragments (in page order, which need not be the table's order) make up the content
        content = r.text.replace(" … ", "")
        assert all(f["text"] and f["text"] in r.text for f in parts), r.quote_id
        assert sum(len(f["text"]) for f in parts) == len(content), r.quote_id
        assert all(f["shown"] and f["background"] not in (plain, "rgba(0, 0, 0, 0)") for f in parts), r.quote_id
