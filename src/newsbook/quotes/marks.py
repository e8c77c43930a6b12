"""Quotation marks: pair them into quotation spans, per paragraph, tolerating unpaired marks."""

from __future__ import annotations

import re
from newsbook.quotes.lexicons import OPEN_CONTEXT, OPEN_MARKS
from newsbook.quotes.records import QuoteSpan


#: A quotation mark: curly, guillemet, straight, or the doubled apostrophe and backticks of
#: newswire and LaTeX-style text (''like this'', ``like this'').
_MARK = re.compile(r"''|``|[“”„«»\"]")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair quotation marks paragraph by paragraph.

    An opening mark is a curly/guillemet opener, ``, or a straight mark ('"' or '') after white
    space or an opening bracket; anything else closes, and so does a curly opener typed right
    after a word and before a space or punctuation ('"It is unusual,“ said ...'). A second opener
    before a closer ends the first span just before it; an opener never closed runs to the end
    of its paragraph.
    """
    spans: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        open_at: int | None = None
        for m in _MARK.finditer(p_text):
            i, mark = m.start(), m.group()
            ambiguous = mark in {'"', "''"}
            prev = p_text[i - 1] if i > 0 else " "
            is_open = mark in OPEN_MARKS or mark == "``" or (
                ambiguous and (prev in OPEN_CONTEXT or open_at is None and i == 0))
            if ambiguous and open_at is not None:
                is_open = False
            if mark == "“" and open_at is not None and prev not in OPEN_CONTEXT\
                    and (i + 1 == len(p_text) or p_text[i + 1] in " \t,.;:!?"):
                is_open = False  # a typo'd closing mark: '“It's unusual,“ said ...'
            if is_open:
                if open_at is not None:
                    spans.append(QuoteSpan(p_start + open_at, p_start + i, False))
                open_at = i
            elif open_at is not None:
                spans.append(QuoteSpan(p_start + open_at, p_start + m.end(), True))
                open_at = None
        if open_at is not None:
            spans.append(QuoteSpan(p_start + open_at, p_start + len(p_text.rstrip()), False))
    return spans


def inner_span(span: QuoteSpan, text: str) -> tuple[int, int]:
    """Offsets of the words inside the marks."""
    s = span.start + (2 if text[span.start:span.start + 2] in {"''", "``"} else 1)
    e = span.end
    if span.closed:
        e -= 2 if text[span.end - 2:span.end] == "''" else 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
