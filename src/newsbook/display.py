"""Reader tables: an analysis table as a reader expects it on a page.

:func:`reader_table` turns a DataFrame into escaped HTML: human column names (the
one mapping :data:`COLUMNS`, with units in the header), no index column, numbers
rounded with thousands separators, blanks for missing values, long text cut with
the full text one click away (``<details>``), wide tables scrolling inside their
box (``book/_static/newsbook.css``), an empty table said in a sentence, and a link
to the CSV file beside it. Long tables (``interactive=True``) are sortable,
searchable and paginated with itables' bundled DataTables: call
:func:`interactive_tables` once at the top of a page, which links the site's one copy of
the library (or, run in Jupyter, embeds it; no CDN: the book works offline).

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
    # the trade chapter's reference tables, and share and rank claims
    "table": Column("Reference file", "text"), "rows": Column("Figures", "int"),
    "derived_totals": Column("Derived two-way totals", "int"), "years": Column("Years", "text"),
    "reporters": Column("Reported by", "text"), "sources": Column("Sources", "text"),
    "claim_id": Column("Claim", "id"), "subject": Column("Partner claimed", "text"),
    "owner": Column("Whose trade", "text"), "rank": Column("Rank claimed", "int"),
    "share": Column("Share claimed (%)", "percent"),
    "own_computed": Column("From the owner's statistics", "float2"),
    "mirror_computed": Column("From the partners' statistics", "float2"),
    "difference": Column("Difference (places or points)", "float1"),
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


def html_cells(frame: pd.DataFrame, max_chars: int = MAX_CHARS,
               labels: dict[str, str] | None = None) -> tuple[list[str], list[str], pd.DataFrame]:
    """(escaped header labels, column kinds, frame of escaped HTML cells); ``labels`` overrides
    :data:`COLUMNS` for this table (a column name that means something else here)."""
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
    kinds = ["prose" if k == "text" and _is_prose(frame[c]) else k for c, k in zip(frame.columns, kinds)]
    labels = labels or {}
    return [escape(labels.get(str(c)) or label(c)) for c in frame.columns], kinds, body


#: A text column whose typical cell is longer than this is prose (a sentence, a reason) and gets a
#: wide column (``nb-prose`` in newsbook.css), not one squeezed to a word a line.
PROSE_CHARS = 40


def _is_prose(series: pd.Series) -> bool:
    lengths = series.dropna().astype(str).str.len()
    lengths = lengths[lengths > 0]
    return bool(len(lengths)) and float(lengths.median()) > PROSE_CHARS


def _cell_class(kind: str) -> str:
    return ' class="nb-num"' if kind in NUMERIC else (' class="nb-prose"' if kind == "prose" else "")


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
                 csv_base: str = "../tables/", link: tuple[str, str] | None = None,
                 labels: dict[str, str] | None = None):
    """``frame`` as a reader table (see the module docstring); returns an IPython HTML object.

    Args:
        csv: the file name of the full table in the site's ``tables/`` folder, linked beside it.
        rows: rows shown in a static table (None: all); an interactive table shows up to
            :data:`MAX_INTERACTIVE_ROWS` and pages through them.
        interactive: sortable, searchable, paginated (itables; needs :func:`interactive_tables` on the page).
        empty: the sentence shown instead of an empty table.
        link: (text column, URL column): each cell of the text column links to the row's URL (both
            escaped); the URL column is not shown. A blank URL leaves the cell as text.
        labels: column name -> header, where a column means something else in this table than
            in :data:`COLUMNS` (the shares table's ``kind`` is share or rank, not a kind of source).
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
    heads, kinds, body = html_cells(shown, max_chars, labels)
    if urls is not None:
        col = list(shown.columns).index(link[0])
        body[col] = [f'<a href="{html.escape(u)}">{cell}</a>' if u else cell for u, cell in zip(urls, body[col])]
    note = _note(len(shown), total, csv, csv_base)
    if interactive:
        return HTML(_datatable(heads, kinds, body) + note)
    head = "".join(f"<th{_cell_class(k)}>{h}</th>" for h, k in zip(heads, kinds))
    lines = []
    for r in body.itertuples(index=False):
        lines.append("<tr>" + "".join(f"<td{_cell_class(k)}>{v}</td>" for v, k in zip(r, kinds)) + "</tr>")
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
    prose = [i for i, k in enumerate(kinds) if k == "prose"]
    column_defs = ([{"className": "dt-right", "targets": numeric}] if numeric else []) + \
        ([{"className": "nb-prose", "targets": prose}] if prose else [])
    return (TABLE_BOX
            + to_html_datatable(frame, connected=False, allow_html=True, showIndex=False, maxBytes=0,
                                classes="display compact", pageLength=10, lengthMenu=[10, 25, 100],
                                columnDefs=column_defs,
                                autoWidth=False, display_logo_when_loading=False)
            + "</div>")


#: Set by ``newsbook build`` while it executes the chapters: the URL (relative to a chapter page) of the
#: site's one copy of the DataTables loader (:func:`datatables_loader`), which each page then links
#: instead of embedding the library (about 1 MB a page, and again in the page's downloadable notebook).
SHARED_LOADER_ENV = "NEWSBOOK_DATATABLES_SCRIPT"
#: Where the build puts that loader: ``_static/`` of the site (the chapters are one folder down).
SHARED_LOADER_NAME = "newsbook-datatables.js"
SHARED_LOADER_URL = f"../_static/{SHARED_LOADER_NAME}"


def interactive_tables():
    """Make itables' bundled DataTables available to the page (once, before the first interactive table).

    In a book build the page links the site's own copy of the library (a script in ``_static``,
    shared by every page and cached by the browser); run in Jupyter, the library is embedded in
    the notebook as itables does it. Either way nothing is fetched from a CDN.
    """
    import os

    from IPython.display import HTML, display

    shared = os.environ.get(SHARED_LOADER_ENV)
    if shared:
        display(HTML(f'<script src="{escape(shared)}"></script>'))
        return
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)


def datatables_loader() -> str:
    """The classic script that loads itables' bundled DataTables (JavaScript and CSS) into a page.

    It is itables' own offline loader (the bundle base64-encoded, imported from a ``blob:`` URL, so
    it works from ``file://`` too), taken out of the inline ``<script>`` that
    ``init_notebook_mode(connected=False)`` writes, so that one file serves every page.
    """
    import re

    from itables import options
    from itables.javascript import generate_init_offline_itables_html

    page = generate_init_offline_itables_html(options.dt_bundle)
    found = re.search(r"<script>(.*?)</script>", page, flags=re.S)
    if found is None or "import(" not in found.group(1):
        raise RuntimeError("itables' offline loader has changed shape: pin itables or update "
                           "newsbook.display.datatables_loader")
    return found.group(1)
