"""Article text and metadata are untrusted: in the book they are only ever escaped text."""

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

BODY = [
    "Officials in Astana said on Tuesday that trade with China grew by a fifth last year, reaching $41 billion.",
    '<script>alert("xss-body")</script>',
    'The minister added that <img src=x onerror="alert(1)"> new rail links would open soon, according to the ministry.',
    "```{raw} html\n<b id=\"myst-live\">raw html</b>\n```",
    "A researcher said the {download}`secret <../../../etc/passwd>` role and $x^2$ maths must stay text.",
    "“Quotes with \"\"\" triple marks and a stray ''' and a backslash \\ must not break the notebook parameters,” "
    "said Dana Evil, a professor at the University of Nowhere.",
    "Analysts expect the corridor to carry more freight next year, when the new terminal opens near the border.",
]


EVIL_ID = "ev'il\"<i>id</i>$"


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corp\"us 'x' $HOME"
    corpus.mkdir()
    (corpus / "evil.txt").write_text("\n".join(BODY) + "\n", encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "file,id,outlet,title,published\n"
        "evil.txt,\"ev'il\"\"<i>id</i>$\",\"<script>alert('xss-outlet')</script>\","
        "\"{glue:text}`n_articles` <img src=y onerror=alert(2)>\",2024-07-04\n", encoding="utf-8")
    out = base / "out"
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


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
