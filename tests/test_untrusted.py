"""Article text and metadata are untrusted: in the book they are only ever escaped text."""

import pytest

pytestmark = pytest.mark.slow

# the hostile corpus and its `hostile_book` fixture (built once per session) are in conftest.py

EVIL_ID = "ev'il\"<i>id</i>$"  # the hostile article's id (conftest.HOSTILE_METADATA)


def test_no_corpus_markup_is_live(hostile_book):
    pages = {p.name: p.read_text(encoding="utf-8") for p in (hostile_book / "html").rglob("*.html")}
    everything = "\n".join(pages.values())
    for name, page in pages.items():
        assert "<script>alert" not in page, name
        assert "<img src=x" not in page and "<img src=y" not in page and 'src="x"' not in page, name
        assert '<b id="myst-live">' not in page, name
        assert "<i>id</i>" not in page, name
    # the hostile text is there, as text
    assert "&lt;script&gt;alert(&#39;xss-outlet&#39;)&lt;/script&gt;" in everything or \
           "&lt;script&gt;alert('xss-outlet')&lt;/script&gt;" in everything
    assert "ev&#39;il&quot;&lt;i&gt;id&lt;/i&gt;$" in everything or "ev'il\"&lt;i&gt;id&lt;/i&gt;$" in everything


def test_the_explorer_shows_the_hostile_article_as_text(hostile_book):
    from newsbook import explorer

    page = (hostile_book / "html" / "book" / explorer.FOLDER / f"{explorer.page_name(EVIL_ID)}.html")
    text = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;xss-body&quot;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
    assert 'data-quote="' in text  # the statement of Dana Evil is highlighted


def test_the_quote_from_the_hostile_article_is_still_found(hostile_book):
    import pandas as pd

    quotes = pd.read_csv(hostile_book / "tables" / "quotes.csv", keep_default_na=False)
    assert "Dana Evil" in set(quotes.speaker)
