"""Reader tables: an analysis table as a reader expects it on a page.

:func:`reader_table` turns a DataFrame into escaped HTML: human column names (the
one mapping :data:`COLUMNS`, with units in the header), no index column, numbers
rounded with thousands separators, blanks for missing values, long text cut with
the full text one click away (``<details>``), wide tables scrolling inside their
box (``book/_static/newsbook.css``), an empty table said in a sentence, and a link
to the CSV file beside it. Long tables (``interactive=True``) are sortable,
searchable and paginated with itables' bundled DataTables: call
:func:`interactive_tables` once at the top of a page, which embeds the library in
the page (no CDN: the book works offline).

Every cell is text from an untrusted corpus: it is escaped here, once, before any
markup is added around it, and itables is told not to touch it again. Nothing
from a table ever becomes live HTML or script.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd


class plain(str):
    """A string that displays without quotes (for glueing names into prose as text)."""

    def __repr__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "auto"  # auto | text | int | float1 | float2 | float3 | percent (a share 0..1) | millions | year | id


#: Column name -> reader label (units in the label) and format. One place for the whole book.
COLUMNS: dict[str, Column] = {
    # articles and sourcing
    "doc_id": Column("Article", "id"), "outlet": Column("Outlet", "text"), "title": Column("Title", "text"),
    "published": Column("Published", "text"), "language": Column("Language (metadata)", "text"),
    "detected_language": Column("Language (detected)", "text"), "translated_from": Column("Translated from", "text"),
    "encoding": Column("Encoding", "text"), "words_raw": Column("Words as loaded", "int"),
    "words": Column("Words", "int"), "derivative_of": Column("Copy of", "id"),
    "named_sources": Column("Named sources", "int"), "experts": Column("Experts", "int"),
    "officials": Column("Officials", "int"), "organisations": Column("Organisations", "int"),
    "media": Column("Media", "int"), "unnamed": Column("Unnamed", "int"),
    "attributed_sentence_share": Column("Sentences with attribution (%)", "percent"),
    "start": Column("Start (char)", "int"), "end": Column("End (char)", "int"),
    "reason": Column("Reason", "text"), "text": Column("Text", "text"), "confidence": Column("Confidence", "float2"),
    "script": Column("Script", "text"), "removed": Column("Removed", "auto"),
    "paragraphs": Column("Paragraphs", "int"), "characters": Column("Characters", "int"),
    "sentence": Column("Sentence", "text"),
    # derivatives
    "source_id": Column("Source article", "id"), "derivative_id": Column("Copy", "id"),
    "is_derivative": Column("Derivative", "auto"), "ordered_share": Column("Sentences in order (%)", "percent"),
    "source_share_kept": Column("Source sentences kept (%)", "percent"),
    "aligned_sentences": Column("Aligned sentences", "int"), "source_sentences": Column("Source sentences", "int"),
    "derivative_sentences": Column("Copy sentences", "int"),
    "source_sentence": Column("Source sentence no.", "int"), "derivative_sentence": Column("Copy sentence no.", "int"),
    "similarity": Column("Similarity (Dice)", "float2"), "source_text": Column("Source sentence", "text"),
    "derivative_text": Column("Copy sentence", "text"), "side": Column("Side", "text"),
    "status": Column("Status", "text"),
    # quotes
    "quote_id": Column("Statement", "id"), "type": Column("Type", "text"), "speaker": Column("Speaker", "text"),
    "speaker_kind": Column("Kind of source", "text"), "speaker_role": Column("Role", "text"),
    "speaker_org": Column("Institution", "text"), "cue": Column("Cue", "text"), "via": Column("Via", "text"),
    "role": Column("Role", "text"), "institution": Column("Institution", "text"), "country": Column("Country", "text"),
    "kind": Column("Kind of source", "text"), "statements": Column("Statements", "int"),
    "articles": Column("Articles", "text"), "direct": Column("Direct (%)", "percent"),
    "mixed": Column("Mixed (%)", "percent"), "indirect": Column("Indirect (%)", "percent"),
    # readability
    "level": Column("Level", "text"), "paragraph": Column("Paragraph", "int"), "sentences": Column("Sentences", "int"),
    "flesch_reading_ease": Column("Flesch reading ease", "float1"),
    "flesch_kincaid_grade": Column("Flesch–Kincaid (grade)", "float1"),
    "flesch_kincaid_grade_raw": Column("Flesch–Kincaid as scraped (grade)", "float1"),
    "flesch_kincaid_grade_cleaned": Column("Flesch–Kincaid cleaned (grade)", "float1"),
    "change": Column("Change (grade)", "float2"),
    "gunning_fog": Column("Gunning fog (grade)", "float1"), "smog_index": Column("SMOG (grade)", "float1"),
    "coleman_liau_index": Column("Coleman–Liau (grade)", "float1"),
    "automated_readability_index": Column("ARI (grade)", "float1"),
    "dale_chall_readability_score": Column("Dale–Chall (score)", "float1"),
    "linsear_write_formula": Column("Linsear Write (grade)", "float1"),
    "text_standard": Column("Consensus grade", "text"), "reading_time_s": Column("Reading time (s)", "float1"),
    # figures and claims
    "figure_id": Column("Figure", "id"), "value": Column("Value as written", "float3"),
    "currency": Column("Currency", "text"), "scale": Column("Scale", "int"),
    "value_usd": Column("Value (US$ million)", "millions"), "approx": Column("Qualifier", "text"),
    "measure": Column("Measure", "text"), "parties": Column("Parties", "text"), "year": Column("Year", "year"),
    "conversion_of": Column("Conversion of", "id"), "repeat_of": Column("Repeat of", "id"),
    "furniture": Column("In furniture", "text"), "verdict": Column("Verdict", "text"),
    "reference_value": Column("Reference (US$ million)", "float1"),
    "difference_pct": Column("Difference (%)", "float1"), "reference_reporter": Column("Reference reported by", "text"),
    "reference_is_statement": Column("Reference is a statement", "auto"),
    "reference_source": Column("Reference source", "text"), "supporting_rows": Column("Supporting rows", "text"),
    "reference_rows": Column("Reference rows", "text"),
    "central_asia": Column("Central Asian state", "text"), "partner": Column("Partner", "text"),
    "reported_by_central_asia": Column("Reported by the Central Asian state (US$ million)", "float1"),
    "reported_by_partner": Column("Reported by the partner (US$ million)", "float1"),
    "ratio": Column("Partner / Central Asia", "float2"),
    "source_central_asia": Column("Source (Central Asian side)", "text"),
    "source_partner": Column("Source (partner side)", "text"),
    # problems
    "where": Column("Where", "text"), "message": Column("What was wrong", "text"),
}

#: Text longer than this is cut, with the whole text behind a click.
MAX_CHARS = 160
#: Rows an interactive table embeds in its page (the CSV holds them all).
MAX_INTERACTIVE_ROWS = 5000


def escape(text: str) -> str:
    """HTML-escaped text (``&<>"'``; the apostrophe as ``&#39;``, as pandas and Jinja write it)."""
    return html.escape(str(text)).replace("&#x27;", "&#39;")


def label(column: str) -> str:
    """The reader's name of a column (the column's own name, made readable, when unmapped)."""
    col = COLUMNS.get(str(column))
    return col.label if col else str(column).replace("_", " ").capitalize()


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value == ""


def _kind(column: str, series: pd.Series) -> str:
    col = COLUMNS.get(str(column))
    kind = col.kind if col else "auto"
    if kind != "auto":
        return kind
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        whole = series.dropna()
        return "int" if len(whole) and (whole == whole.round()).all() and whole.abs().max() < 1e15 else "float2"
    return "text"


def format_number(value, kind: str) -> str:
    """A number as a reader reads it: thousands separators, fixed decimals; '' when missing."""
    if _missing(value):
        return ""
    if isinstance(value, (bool,)) or kind == "bool":
        return "yes" if bool(value) else "no"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if kind == "year":
        return str(int(v))
    if kind == "int":
        return f"{v:,.0f}"
    if kind == "percent":
        return f"{100 * v:,.1f}"
    if kind == "millions":
        return f"{v / 1e6:,.1f}"
    decimals = {"float1": 1, "float2": 2, "float3": 3}.get(kind, 2)
    if kind == "float3" and v == round(v):
        return f"{v:,.0f}"
    return f"{v:,.{decimals}f}"


def format_text(value, max_chars: int = MAX_CHARS) -> str:
    """Escaped HTML of a text cell; past ``max_chars`` the start, with the whole behind ``<details>``."""
    if _missing(value):
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    text = str(value)
    if len(text) <= max_chars:
        return escape(text)
    cut = text[:max_chars].rsplit(" ", 1)[0] if " " in text[:max_chars] else text[:max_chars]
    return (f"<details><summary>{escape(cut)} …</summary>{escape(text)}</details>")


NUMERIC = {"int", "float1", "float2", "float3", "percent", "millions", "year", "bool"}


def html_cells(frame: pd.DataFrame, max_chars: int = MAX_CHARS) -> tuple[list[str], list[str], pd.DataFrame]:
    """(escaped header labels, column kinds, frame of escaped HTML cells)."""
    kinds = [_kind(c, frame[c]) for c in frame.columns]
    cells = {}
    for i, (col, kind) in enumerate(zip(frame.columns, kinds)):
        series = frame[col]
        if kind in NUMERIC and pd.api.types.is_numeric_dtype(series):
            cells[i] = [format_number(v, kind) for v in series]
        elif kind == "bool":
            cells[i] = [format_number(v, "bool") for v in series]
        else:
            cells[i] = [format_text(v, max_chars) for v in series]
    body = pd.DataFrame(cells, index=range(len(frame)))
    kinds = [k if (k not in NUMERIC or pd.api.types.is_numeric_dtype(frame[c]) or k == "bool") else "text"
             for c, k in zip(frame.columns, kinds)]
    return [escape(label(c)) for c in frame.columns], kinds, body


def _note(shown: int, total: int, csv: str | None, csv_base: str) -> str:
    parts = []
    if shown < total:
        parts.append(f"Showing {shown:,} of {total:,} rows.")
    if csv:
        name = escape(csv)
        parts.append(f'Download: <a href="{escape(csv_base)}{name}" download>{name}</a>'
                     + (f" (all {total:,} rows)" if shown < total else ""))
    return f'<p class="nb-table-note">{" ".join(parts)}</p>' if parts else ""


def reader_table(frame: pd.DataFrame, csv: str | None = None, rows: int | None = 20, interactive: bool = False,
                 empty: str = "There are no rows in this table for this corpus.", max_chars: int = MAX_CHARS,
                 csv_base: str = "../tables/", link: tuple[str, str] | None = None):
    """``frame`` as a reader table (see the module docstring); returns an IPython HTML object.

    Args:
        csv: the file name of the full table in the site's ``tables/`` folder, linked beside it.
        rows: rows shown in a static table (None: all); an interactive table shows up to
            :data:`MAX_INTERACTIVE_ROWS` and pages through them.
        interactive: sortable, searchable, paginated (itables; needs :func:`interactive_tables` on the page).
        empty: the sentence shown instead of an empty table.
        link: (text column, URL column): each cell of the text column links to the row's URL (both
            escaped); the URL column is not shown. A blank URL leaves the cell as text.
    """
    from IPython.display import HTML

    total = len(frame)
    if total == 0:
        return HTML(f'<p class="nb-empty">{escape(empty)}</p>' + _note(0, 0, csv, csv_base))
    limit = MAX_INTERACTIVE_ROWS if interactive else rows
    shown = frame if limit is None else frame.head(limit)
    shown = shown.reset_index(drop=True)
    urls = None
    if link is not None:
        urls = ["" if _missing(u) else str(u) for u in shown[link[1]]]
        shown = shown.drop(columns=[link[1]])
    heads, kinds, body = html_cells(shown, max_chars)
    if urls is not None:
        col = list(shown.columns).index(link[0])
        body[col] = [f'<a href="{html.escape(u)}">{cell}</a>' if u else cell for u, cell in zip(urls, body[col])]
    note = _note(len(shown), total, csv, csv_base)
    if interactive:
        return HTML(_datatable(heads, kinds, body) + note)
    head = "".join(f'<th class="nb-num">{h}</th>' if k in NUMERIC else f"<th>{h}</th>" for h, k in zip(heads, kinds))
    lines = []
    for r in body.itertuples(index=False):
        lines.append("<tr>" + "".join(f'<td class="nb-num">{v}</td>' if k in NUMERIC else f"<td>{v}</td>"
                                      for v, k in zip(r, kinds)) + "</tr>")
    return HTML(f'{TABLE_BOX}<table class="nb-table"><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(lines)}</tbody></table></div>' + note)


#: A wide table scrolls inside its box; the box takes keyboard focus so the arrow keys can scroll it (axe:
#: scrollable-region-focusable).
TABLE_BOX = '<div class="nb-table-box" tabindex="0" role="region" aria-label="Table (scrolls sideways)">'


def _datatable(heads: list[str], kinds: list[str], body: pd.DataFrame) -> str:
    from itables import to_html_datatable

    frame = body.copy()
    frame.columns = heads  # already escaped, like every cell
    numeric = [i for i, k in enumerate(kinds) if k in NUMERIC]
    return (TABLE_BOX
            + to_html_datatable(frame, connected=False, allow_html=True, showIndex=False, maxBytes=0,
                                classes="display compact", pageLength=10, lengthMenu=[10, 25, 100],
                                columnDefs=[{"className": "dt-right", "targets": numeric}] if numeric else [],
                                autoWidth=False, display_logo_when_loading=False)
            + "</div>")


def interactive_tables():
    """Embed itables' bundled DataTables in the page (once, before the first interactive table)."""
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)
