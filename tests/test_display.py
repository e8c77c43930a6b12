"""Reader tables: human headers, formatted numbers, blanks, escaped text, no index."""

import re

import numpy as np
import pandas as pd

from newsbook import display

HOSTILE = ['<script>alert("x")</script>', '<img src=x onerror="alert(1)">', "</script><b>bold</b>"]


def _cells(html_text):
    return re.findall(r"<td[^>]*>(.*?)</td>", html_text, flags=re.S)


def test_numbers_headers_and_blanks():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "words": [10567, 3], "value_usd": [1.0e9, np.nan],
                          "attributed_sentence_share": [0.4567, np.nan], "flesch_kincaid_grade": [10.5678, 7.0]},
                         index=[7, 9])
    page = display.reader_table(frame).data
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", page)
    assert heads == ["Article", "Words", "Value (US$ million)", "Sentences with attribution (%)",
                     "Flesch–Kincaid (grade)"]
    assert _cells(page) == ["a", "10,567", "1,000.0", "45.7", "10.6", "b", "3", "", "", "7.0"]
    assert ">7<" not in page and ">9<" not in page  # no index column
    assert "NaN" not in page and "e+09" not in page


def test_every_cell_and_long_text_is_escaped_in_both_kinds_of_table():
    frame = pd.DataFrame({"doc_id": HOSTILE, "text": [h * 30 for h in HOSTILE], "words": [1, 2, 3]})
    for interactive in (False, True):
        page = display.reader_table(frame, csv="quotes.csv", interactive=interactive).data
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "unpkg.com" not in page and "cdn.datatables" not in page
        assert 'href="../tables/quotes.csv"' in page
    static = display.reader_table(frame).data
    cell = _cells(static)[1]
    summary, full = re.match(r"<details><summary>(.*?) …</summary>(.*)</details>", cell).groups()
    assert len(summary) < len(full) and full == display.format_text(HOSTILE[0] * 30, max_chars=10**6)


def test_empty_table_is_a_sentence_and_rows_beyond_the_limit_are_counted():
    empty = display.reader_table(pd.DataFrame(columns=["doc_id", "text"]), csv="removals.csv",
                                 empty="Cleaning removed nothing.").data
    assert "<table" not in empty and "Cleaning removed nothing." in empty and "removals.csv" in empty
    many = display.reader_table(pd.DataFrame({"doc_id": [f"d{i}" for i in range(50)]}), csv="x.csv", rows=20).data
    assert len(_cells(many)) == 20 and "Showing 20 of 50 rows." in many and "all 50 rows" in many


def test_unmapped_columns_get_a_readable_name():
    assert display.label("some_new_column") == "Some new column"
    assert display.label("doc_id") == "Article"


def test_a_column_of_sentences_is_wide_and_a_table_can_rename_a_column():
    frame = pd.DataFrame({"claim_id": ["c1", "c2"], "kind": ["rank", "share"],
                          "reason": ["Kazakhstan's own statistics (total, 2023): China ranks 1 among the countries listed",
                                     "no investment statistics in the reference tables for that year"]})
    page = display.reader_table(frame, labels={"kind": "Share or rank"}).data
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", page)
    assert heads == ["Claim", "Share or rank", "Reason"]  # "kind" is "Kind of source" elsewhere
    assert re.findall(r'<td class="nb-prose">(.*?)</td>', page) == [display.escape(r) for r in frame.reason]
    assert '<td class="nb-prose">rank</td>' not in page
    interactive = display.reader_table(frame, interactive=True).data
    assert '"className": "nb-prose", "targets": [2]' in interactive.replace("'", '"')


def test_in_a_book_build_the_page_links_the_sites_datatables_instead_of_embedding_it(monkeypatch):
    monkeypatch.setenv(display.SHARED_LOADER_ENV, display.SHARED_LOADER_URL)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    display.interactive_tables()
    assert [o.data for o in shown] == ['<script src="../_static/newsbook-datatables.js"></script>']
    loader = display.datatables_loader()
    assert "import(" in loader and "<script" not in loader and len(loader) > 500_000
