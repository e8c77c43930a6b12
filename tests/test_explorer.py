"""The article explorer: pages built from the real pipeline's tables over a corpus written here."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from newsbook import explorer
from newsbook.explorer import Span, render

SOURCE = [
    "Kazakhstan and China signed new trade agreements in Astana on Tuesday.",
    "“We are opening a new chapter in our partnership,” said Kassym-Jomart Tokayev, the president of Kazakhstan.",
    "Trade between the two countries reached $41 billion last year, according to the Kazakh customs service.",
    "Roman Vassilienko, the deputy foreign minister, said that the new railway would carry more freight to Europe.",
    "The agreements cover energy, agriculture and logistics projects across the region.",
    "“Russia remains an important partner, but we must diversify our routes,” said Dana Sarsen, an economist "
    "at Nazarbayev University.",
    "Chinese companies will also build two new factories near the border with Xinjiang.",
    "The first trains on the new line are expected to run from Khorgos to the Caspian port of Aktau next spring.",
]
# the copy: the source without the economist's statement, one sentence reworded, one added
COPY = [s for s in SOURCE if "Dana Sarsen" not in s]
COPY[6] = "Chinese firms will also build two new factories close to the border with Xinjiang."
COPY.append("Local residents hope the factories will bring jobs to the region.")
HOSTILE = [
    "Officials in Astana said on Tuesday that trade with China grew last year.",
    "<script>alert(1)</script>",
    "The minister added that <img src=x onerror=alert(1)> rail links would open soon, according to the ministry.",
    "A literal &amp; must stay &amp; and ``` a fence ``` must stay text, as must {raw}`html` and $x^2$.",
    "“<script>alert(2)</script> is not our policy,” said Ivan Petrov, a spokesman for the ministry.",
]
HOSTILE_TITLE = "<img src=y onerror=alert(3)> {raw}`html` [link](javascript:alert(4)) # **bold**"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    from newsbook.build import project_root, reference_tables
    from newsbook.claims import check_claims
    from newsbook.pipeline import run

    corpus = tmp_path_factory.mktemp("explorer-corpus")
    (corpus / "source.txt").write_text("\n\n".join(SOURCE) + "\n", encoding="utf-8")
    (corpus / "copy.txt").write_text("\n\n".join(COPY) + "\n", encoding="utf-8")
    (corpus / "hostile.txt").write_text("\n\n".join(HOSTILE) + "\n", encoding="utf-8")
    pd.DataFrame([
        {"file": "source.txt", "id": "source", "outlet": "Wire", "title": "Trade deals", "published": "2024-07-01",
         "url": "https://example.org/a"},
        {"file": "copy.txt", "id": "copy", "outlet": "Copier", "title": "Deals copied", "published": "2024-07-02",
         "url": "javascript:alert(5)"},
        {"file": "hostile.txt", "id": "hostile <b>id</b>", "outlet": "<script>alert(6)</script>",
         "title": HOSTILE_TITLE, "published": "2024-07-03", "url": ""},
    ]).to_csv(corpus / "metadata.csv", index=False)
    results = run(corpus)
    results.tables.update(reference_tables(project_root()))
    results.tables["claims"] = check_claims(results.tables["figures"], results.tables["trade_reference"])
    return results


def stage(tmp_path, results, max_pages=explorer.DEFAULT_MAX_PAGES):
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    report = explorer.write_explorer(results.corpus.articles, results.tables, tmp_path, results.jsonl, max_pages)
    return report


class Page(HTMLParser):
    """Every tag and attribute of the raw HTML, the text, and the text inside each statement part."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.parts: dict[tuple[str, str], list[str]] = {}
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in ("br", "input"):
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
            return
        self.text.append(data)
        for tag, attrs in self.stack:
            classes = (attrs.get("class") or "").split()
            if "nb-q" in classes:
                # on a side-by-side page a statement's content is classed by its status (nb-dropped, ...)
                part = next((c[3:] for c in classes if c in ("nb-content", "nb-cue", "nb-speaker")), "content")
                self.parts.setdefault((attrs["data-quote"], part), []).append(data)


def raw_blocks(md_text: str) -> list[str]:
    """The ``{raw} html`` blocks of a MyST page, as MyST's own parser sees the page; nothing else may be HTML."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(MdParserConfig(enable_extensions={"dollarmath", "colon_fence", "deflist"}), RendererHTML)
    blocks = []
    for tok in md.parse(md_text):
        if tok.type == "fence":
            assert tok.info == "{raw} html", tok.info
            blocks.append(tok.content)
        elif tok.type == "inline":
            assert all(c.type in ("text", "softbreak") for c in tok.children), [c.type for c in tok.children]
        else:
            assert tok.type in ("heading_open", "heading_close"), tok.type
    return blocks


def parse_page(path) -> Page:
    page = Page()
    for block in raw_blocks(path.read_text(encoding="utf-8")):
        page.feed(block)
    page.close()
    assert not page.stack, page.stack
    return page


def page_of(report, doc_id, tmp_path):
    return tmp_path / "book" / explorer.FOLDER / f"{explorer.page_name(doc_id)}.md"


# --------------------------------------------------------------------------- rendering

def test_crossing_spans_are_split_into_well_formed_nested_elements():
    text = "abcdefghij"
    spans = [Span(1, 6, 2, "span", ' class="nb-q nb-content" data-quote="A" id="a"', ' class="nb-q nb-content" data-quote="A"'),
             Span(4, 9, 3, "span", ' class="nb-q nb-cue" data-quote="B" id="b"', ' class="nb-q nb-cue" data-quote="B"'),
             Span(0, 10, 1, "del", ' class="r"', ' class="r"'), Span(3, 3, 1, "span", "", "")]
    out = render(text, spans)
    page = Page()
    page.feed(out)
    page.close()
    assert "".join(page.text) == text
    assert "".join(page.parts[("A", "content")]) == "bcdef"
    assert "".join(page.parts[("B", "cue")]) == "efghi"
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert ids == ["a", "b"]  # continuations of a split span carry no second id
    assert out.startswith('<del class="r">') and out.endswith("</del>")


def test_escape_leaves_no_markup_and_keeps_offsets():
    text = "<b>x</b> `code` & \x00\r\n"
    out = explorer.escape(text)
    assert "<" not in out and "`" not in out and "\x00" not in out
    assert explorer.render(text, []) == out
    # no < > & in a heading at all: the book theme prints page titles unescaped in its print header
    assert explorer.markdown_text("<i>a</i> & [l](u) `c` *b*") == r"‹i›a‹\/i› ＆ \[l\]\(u\) \`c\` \*b\*"


# --------------------------------------------------------------------------- pages from the pipeline's tables

def test_hostile_text_never_becomes_markup(analysed, tmp_path):
    stage(tmp_path, analysed)
    pages = sorted((tmp_path / "book").rglob("*.md"))
    assert len(pages) == 1 + 3 + 1  # index, three articles, one pair
    allowed = {"p", "b", "a", "span", "del", "div", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br",
               "label", "input", "script"}
    seen = ""
    for path in pages:
        page = parse_page(path)
        for tag, attrs in page.tags:
            assert tag in allowed, (path.name, tag)
            assert not any(a.startswith("on") for a in attrs), (path.name, attrs)
            if tag == "a":
                assert not attrs["href"].lower().startswith("javascript"), attrs
        # the one script is the index's own filter, in the index only
        assert all("nb-filter" in s for s in page.scripts) and (not page.scripts or path.name == "explorer.md")
        seen += "".join(page.text)
    for literal in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "``` a fence ```",
                    "<script>alert(2)</script>", "<script>alert(6)</script>", "hostile <b>id</b>",
                    "javascript:alert(5)"):
        assert literal in seen, literal  # shown, as text
    hostile = page_of(None, "hostile <b>id</b>", tmp_path).read_text(encoding="utf-8")
    title = hostile.splitlines()[0]
    assert title.startswith("# ") and not set("<>&") & set(title) and "‹img src\\=y" in title


def test_highlights_are_exactly_the_statements_of_the_quotes_table(analysed, tmp_path):
    stage(tmp_path, analysed)
    text = {a.doc_id: a.text for a in analysed.corpus.articles}
    quotes = analysed.tables["quotes"]
    checked = 0
    for doc_id in ("source", "hostile <b>id</b>"):
        rows = quotes[quotes.doc_id == doc_id]
        assert len(rows) >= 2, doc_id
        page = parse_page(page_of(None, doc_id, tmp_path))
        assert {q for q, _ in page.parts} == set(rows.quote_id)
        stops = [a for t, a in page.tags if a.get("tabindex") == "0" and "data-quote" in a]
        assert sorted(a["data-quote"] for a in stops) == sorted(rows.quote_id)  # one tab stop per statement
        for r in rows.itertuples():
            assert "".join(page.parts[(r.quote_id, "content")]) == r.text.replace(" … ", "")
            if r.cue:
                assert "".join(page.parts[(r.quote_id, "cue")]) == r.cue
            if pd.notna(r.speaker_start):
                assert "".join(page.parts[(r.quote_id, "speaker")]) == text[doc_id][r.speaker_start:r.speaker_end]
            about = [a for _, a in page.tags if a.get("id") == f"{explorer.anchor(doc_id, r.quote_id, 0)}-about"]
            assert len(about) == 1  # the row the highlight's aria-describedby names
            checked += 1
        # the page's whole text starts with the article as loaded, character for character
        assert "".join(page.text).find(text[doc_id]) >= 0
    speakers = set(quotes.speaker)
    assert {"Kassym-Jomart Tokayev", "Dana Sarsen", "Ivan Petrov"} <= speakers
    assert checked >= 4


def test_money_figures_carry_their_claim_verdict(analysed, tmp_path):
    stage(tmp_path, analysed)
    figures = analysed.tables["figures"]
    fig = figures[(figures.doc_id == "source") & (figures.text == "$41 billion")]
    assert len(fig) == 1
    claims = analysed.tables["claims"].set_index("figure_id").verdict
    page = parse_page(page_of(None, "source", tmp_path))
    marked = {a["data-figure"]: a["data-verdict"] for _, a in page.tags if "data-figure" in a and "id" in a}
    fid = fig.figure_id.iloc[0]
    assert marked[fid] == claims.get(fid, "not a checked claim")
    assert marked[fid] in {"consistent", "depends on whose statistics", "inconsistent", "not checkable"}


def test_cap_writes_pages_for_pair_members_first_and_indexes_every_article(analysed, tmp_path):
    report = stage(tmp_path, analysed, max_pages=1)
    assert (report.articles, report.article_pages, report.pair_pages) == (3, 1, 1)
    pages = explorer.explorer_pages(analysed.tables, 1)
    assert list(pages.doc_id) == list(analysed.tables["articles"].doc_id)
    with_page = pages[pages.page != ""]
    assert list(with_page.doc_id) == ["source"]  # in a derivative pair, with the most statements
    index = parse_page(tmp_path / "book" / "explorer.md")
    rows = [a for t, a in index.tags if t == "tr"]
    assert len(rows) == 1 + 3  # header and every article
    links = [a["href"] for t, a in index.tags if t == "a"]
    assert f"explorer/{explorer.page_name('source')}.html" in links
    assert not any(explorer.page_name("copy") in href for href in links)
    toc = yaml.safe_load((tmp_path / "_toc.yml").read_text())
    captions = [p["caption"] for p in toc["parts"]]
    assert captions.index("Article explorer") == captions.index("Back matter") - 1
    files = [s["file"] for s in toc["parts"][captions.index("Article explorer")]["chapters"][0]["sections"]]
    assert len(files) == 2 and f"book/explorer/{explorer.page_name('source')}" in files
    assert yaml.safe_load((ROOT / "_toc.yml").read_text()) != toc  # the committed toc is not the staged one


def test_side_by_side_marks_the_statement_the_copy_dropped(analysed, tmp_path):
    pairs = analysed.tables["derivative_pairs"]
    assert pairs[pairs.is_derivative][["source_id", "derivative_id"]].values.tolist() == [["source", "copy"]]
    stage(tmp_path, analysed)
    path = tmp_path / "book" / explorer.FOLDER / f"{explorer.pair_page_name('source', 'copy')}.md"
    page = parse_page(path)
    status = {a["data-quote"]: a["data-status"] for _, a in page.tags if "data-status" in a}
    quotes = analysed.tables["quotes"].set_index("quote_id")
    dropped = [q for q in status if quotes.loc[q, "doc_id"] == "source" and "diversify" in quotes.loc[q, "text"]]
    kept = [q for q in status if quotes.loc[q, "doc_id"] == "source" and "new chapter" in quotes.loc[q, "text"]]
    assert dropped and all(status[q] == "dropped" for q in dropped)
    assert kept and all(status[q] == "kept" for q in kept)
    text = "".join(page.text)
    assert "statement dropped by the copy: Dana Sarsen" in text
    # the economist's sentence stands alone, its copy cell says it is not in the copy
    rows = [r for r in text.split("not in this article")]
    assert len(rows) >= 2
    # every sentence of both articles is on the page once
    sents = analysed.tables["sentences"]
    arts = {a.doc_id: a.text for a in analysed.corpus.articles}
    for d in ("source", "copy"):
        for s in sents[sents.doc_id == d].itertuples():
            assert arts[d][s.start:s.end] in text


def test_chapter_tables_link_to_the_statement_in_its_article(analysed, tmp_path):
    stage(tmp_path, analysed)
    pages = explorer.explorer_pages(analysed.tables)
    quotes = analysed.tables["quotes"]
    html_table = explorer.linked_table(quotes[["doc_id", "quote_id", "speaker", "text"]], pages).data
    hostile = quotes[quotes.doc_id == "hostile <b>id</b>"].iloc[-1]
    assert "<script>alert(2)" not in html_table and "&lt;script&gt;alert(2)" in html_table
    page = parse_page(page_of(None, "hostile <b>id</b>", tmp_path))
    url = explorer.with_links(quotes[quotes.quote_id == hostile.quote_id], pages)["in article"].iloc[0]
    assert f'href="{url}"' in html_table
    target, anchor = url.split("#")
    assert target == f"explorer/{explorer.page_name('hostile <b>id</b>')}.html"
    assert [a["data-quote"] for _, a in page.tags if a.get("id") == anchor] == [hostile.quote_id]
    assert html_table.count('<a href="explorer/') == len(quotes)
