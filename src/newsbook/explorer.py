"""The article explorer: a page per article, a side-by-side page per derivative pair.

From the analysis tables and the article texts as loaded, :func:`write_explorer`
writes MyST pages into the staged book (``book/explorer/``) before Jupyter Book
runs, and adds them to the staged ``_toc.yml`` (never the committed one), so the
pages share the book's navigation and its search index.

- An article page shows the text as loaded. Each attributed statement is
  highlighted: its content (underlined), its cue (bold, dotted underline) and its
  speaker (italic, double underline), each with its own colour, so the three are
  distinguishable without colour. Hovering or focusing (Tab) a highlight shows the
  statement's resolved speaker, role, institution, kind and rule; the same details
  are the highlight's accessible description (``aria-describedby``, a row of the
  statements table below the text). Each money figure is boxed with its claim's
  verdict; removed page furniture is struck through with its reason.
- Overlapping spans (a statement's cue inside another's content, a figure inside
  a quote, a quote in removed furniture) are nested; where two spans cross, the
  later one is split, so the HTML stays well formed and each piece keeps its span's
  class and statement number.
- Anchors: ``#q001`` for the statement ``<doc_id>-q001``, ``#m01`` for the figure
  ``<doc_id>-m01``; :func:`linked_table` gives a chapter's table a column of links
  to them.
- Above ``max_pages`` articles, pages are written for ``max_pages`` of them
  (members of derivative pairs first, then those with the most statements, then
  corpus order) and the index lists every article, with a filter box.
- A derivative pair's page sets the source's sentences beside the copy's, aligned
  as the derivative detection aligned them (:mod:`newsbook.sourcing`); the
  statements the copy dropped, or kept without their speaker, are marked.

Article text and metadata are untrusted: every character of it passes through
:func:`escape` (HTML escaping, backticks as entities, control characters
replaced) and only ever appears inside ``{raw} html`` blocks whose fences it
cannot close, or as backslash-escaped Markdown in a heading. No URL from the data
becomes a link unless it is ``http``/``https``. The pages need no script but the
index's filter box (inline, no CDN).
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

#: Article pages written by default; the index always lists every article.
DEFAULT_MAX_PAGES = 200
#: Folder of the explorer inside the staged book/ folder (and so inside the site).
FOLDER = "explorer"
TABLE = "explorer_pages"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text) -> str:
    """Text safe inside HTML (elements and attribute values) and inside a ``{raw}`` block.

    ``html.escape`` with quotes; a backtick becomes ``&#96;`` (so no text can close
    the block's fence); control characters other than tab and line feed become
    U+FFFD (one character for one, so offsets still hold). A carriage return is
    one of them: shown as a line break.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    text = str(text).replace("\r\n", " \n").replace("\r", "\n")
    text = _CONTROL.sub("\ufffd", text)
    return html.escape(text, quote=True).replace("`", "&#96;")


#: sphinx-book-theme writes a page's title unescaped into its print header (``pagetitle`` is
#: ``title.astext()``), so a heading from the data may hold no ``<``, ``>`` or ``&``: look-alikes replace them.
_TITLE_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def markdown_text(text, limit: int = 120) -> str:
    """Text as literal Markdown for a heading: one line, ``<>&`` as look-alikes (see
    :data:`_TITLE_LOOKALIKES`), every other ASCII punctuation backslash-escaped."""
    text = " ".join(str(text or "").split()).translate(_TITLE_LOOKALIKES)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = _CONTROL.sub("", text)
    return _MD_PUNCT.sub(r"\\\1", text) or "untitled"


def page_name(doc_id: str) -> str:
    """A file name for an article's page: letters, digits and hyphens, unique by a hash of the id."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(doc_id).lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[:8]
    return f"a-{slug}-{digest}" if slug else f"a-{digest}"


def pair_page_name(source_id: str, derivative_id: str) -> str:
    digest = hashlib.sha1(f"{source_id}\x00{derivative_id}".encode("utf-8")).hexdigest()[:10]
    return f"pair-{digest}"


def anchor(doc_id: str, item_id: str, fallback: int) -> str:
    """The in-page anchor of a statement or figure: its id without the article's prefix (``q001``)."""
    item_id = str(item_id)
    prefix = f"{doc_id}-"
    rest = item_id[len(prefix):] if item_id.startswith(prefix) else ""
    return rest if re.fullmatch(r"[a-z]\d+", rest) else f"x{fallback}"


# --------------------------------------------------------------------------- nested spans

@dataclass
class Span:
    """A stretch of text to wrap in an element: ``attrs`` on its first piece, ``cont`` on the rest."""

    start: int
    end: int
    rank: int  # among spans with the same extent, the lower rank is outside
    tag: str
    attrs: str
    cont: str


def render(text: str, spans: list[Span], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` of the article) escaped, with ``spans`` as nested elements.

    Spans are clipped to the text; empty ones are dropped. At each boundary the open
    elements that no longer apply are closed and the new ones opened; an element
    closed only because a crossing span ends inside it is reopened (its continuation
    carries ``cont`` instead of ``attrs``: no second id or tab stop).
    """
    end_text = offset + len(text)
    live = []
    for s in spans:
        a, b = max(s.start, offset), min(s.end, end_text)
        if a < b:
            live.append((a, b, s))
    points = sorted({offset, end_text, *(a for a, _, _ in live), *(b for _, b, _ in live)})
    order = sorted(range(len(live)), key=lambda k: (live[k][0], -live[k][1], live[k][2].rank, k))
    rank_of = {k: r for r, k in enumerate(order)}
    started: set[int] = set()
    stack: list[int] = []
    out: list[str] = []
    for p, q in zip(points, points[1:]):
        want = sorted((k for k, (a, b, _) in enumerate(live) if a <= p and q <= b), key=rank_of.get)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        for k in reversed(stack[keep:]):
            out.append(f"</{live[k][2].tag}>")
        for k in want[keep:]:
            s = live[k][2]
            extra = s.attrs if k not in started else s.cont
            out.append(f"<{s.tag}{extra}>")
            started.add(k)
        stack = want
        out.append(escape(text[p - offset:q - offset]))
    for k in reversed(stack):
        out.append(f"</{live[k][2].tag}>")
    return "".join(out)


def _attr(name: str, value) -> str:
    return f' {name}="{escape(value)}"'


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def _val(value, default: str = "") -> str:
    return default if _blank(value) else str(value)


# --------------------------------------------------------------------------- what goes on a page

def _fragments(rows: pd.DataFrame, jsonl: dict | None, text: str) -> list[list[tuple[int, int]]]:
    """The content fragments of each statement row: from quotes.jsonl where it agrees with the table."""
    quotes = (jsonl or {}).get("quotes") or []
    out = []
    for k, row in enumerate(rows.itertuples()):
        frags = [(int(row.start), int(row.end))]
        if k < len(quotes):
            cand = [(int(c["start"]), int(c["end"])) for c in quotes[k].get("content", [])]
            if cand and " … ".join(text[a:b] for a, b in cand) == row.text:
                frags = cand
        out.append(frags)
    return out


def statement_tip(row) -> str:
    """What hovering or focusing a statement shows (and what its description row says)."""
    parts = [f"{_val(row.type, 'statement')} statement"]
    parts.append("speaker: " + _val(row.speaker, "not named"))
    for label, col in (("role", "speaker_role"), ("institution", "speaker_org"), ("kind", "speaker_kind"),
                       ("relayed by", "via"), ("rule", "rule")):
        value = getattr(row, col, None)
        if not _blank(value):
            parts.append(f"{label}: {value}")
    return " · ".join(parts)


def _verdicts(claims: pd.DataFrame | None) -> dict[str, dict]:
    if claims is None or claims.empty:
        return {}
    return {r["figure_id"]: r for r in claims.to_dict("records")}


def figure_tip(fig, claim: dict | None) -> str:
    parts = [f"money figure {fig.text}"]
    for label, col in (("measure", "measure"), ("parties", "parties"), ("year", "year"), ("in US$", "value_usd")):
        value = getattr(fig, col, None)
        if not _blank(value):
            parts.append(f"{label}: {value:,.0f}" if col == "value_usd" else f"{label}: {value}")
    parts.append("verdict: " + verdict_of(claim))
    if claim is not None and not _blank(claim.get("difference_pct")):
        parts.append(f"difference from the reference: {claim['difference_pct']:+.1f} %")
    if claim is not None and not _blank(claim.get("reason")):
        parts.append(str(claim["reason"]))
    if not _blank(getattr(fig, "furniture", None)):
        parts.append(f"in removed furniture ({fig.furniture})")
    return " · ".join(parts)


def verdict_of(claim: dict | None) -> str:
    return "not a checked claim" if claim is None or _blank(claim.get("verdict")) else str(claim["verdict"])


def _verdict_class(verdict: str) -> str:
    return "nb-v-" + re.sub(r"[^a-z]+", "-", verdict.lower()).strip("-")


def article_spans(doc_id: str, text: str, quotes: pd.DataFrame, jsonl: dict | None, figures: pd.DataFrame,
                  claims: dict, removals: pd.DataFrame) -> tuple[list[Span], list[dict], list[dict]]:
    """The spans of one article and the rows of its statements and figures tables."""
    spans: list[Span] = []
    q_rows, f_rows = [], []
    for k, (row, frags) in enumerate(zip(quotes.itertuples(), _fragments(quotes, jsonl, text)), start=1):
        a = anchor(doc_id, row.quote_id, k)
        tip = statement_tip(row)
        number = str(int(a[1:])) if a[1:].isdigit() else str(k)
        common = _attr("data-quote", row.quote_id) + _attr("data-tip", f"statement {number}: {tip}")
        desc = _attr("aria-describedby", f"{a}-about")
        for i, (s, e) in enumerate(frags):
            first = _attr("id", a) if i == 0 else ""
            # one tab stop per statement: its first content piece (cue and speaker show the details on hover)
            focus = ' tabindex="0"' if i == 0 else ""
            spans.append(Span(s, e, 2, "span", f' class="nb-q nb-content"{focus}{first}{desc}{common}',
                              f' class="nb-q nb-content nb-cont"{common}'))
        for part, s, e in (("cue", row.cue_start, row.cue_end), ("speaker", row.speaker_start, row.speaker_end)):
            if not _blank(s) and not _blank(e):
                spans.append(Span(int(s), int(e), 3, "span",
                                  f' class="nb-q nb-{part}"{desc}{common}',
                                  f' class="nb-q nb-{part} nb-cont"{common}'))
        q_rows.append({"anchor": a, "number": number, "row": row, "tip": tip})
    for k, fig in enumerate(figures.itertuples(), start=1):
        a = anchor(doc_id, fig.figure_id, k)
        claim = claims.get(fig.figure_id)
        verdict = verdict_of(claim)
        tip = figure_tip(fig, claim)
        common = (_attr("data-figure", fig.figure_id) + _attr("data-verdict", verdict) + _attr("data-tip", tip))
        spans.append(Span(int(fig.start), int(fig.end), 4, "span",
                          f' class="nb-fig {_verdict_class(verdict)}" tabindex="0"{_attr("id", a)}'
                          f'{_attr("aria-describedby", f"{a}-about")}{common}',
                          f' class="nb-fig nb-cont {_verdict_class(verdict)}"{common}'))
        f_rows.append({"anchor": a, "row": fig, "verdict": verdict, "claim": claim})
    for r in removals.itertuples():
        spans.append(Span(int(r.start), int(r.end), 1, "del",
                          f' class="nb-removed"{_attr("data-reason", r.reason)}'
                          f'{_attr("title", "removed from the analysed text: " + str(r.reason))}',
                          f' class="nb-removed nb-cont"{_attr("data-reason", r.reason)}'))
    return spans, q_rows, f_rows


# --------------------------------------------------------------------------- pages

STYLE = """
.nb-text{white-space:pre-wrap;line-height:1.9;font-size:1rem;border:1px solid #bbb;padding:1em;border-radius:4px}
.nb-q,.nb-fig{position:relative;color:#000}
.nb-content{background:#fff1a8;text-decoration:underline solid #7a5c00;text-underline-offset:.3em}
.nb-cue{background:#cde4ff;font-weight:700;text-decoration:underline dotted #00366e 2px;text-underline-offset:.3em}
.nb-speaker{background:#ead9ff;font-style:italic;text-decoration:underline double #4b1d78;text-underline-offset:.3em}
.nb-fig{outline:2px dashed #333;outline-offset:1px;background:#e9f7ec}
.nb-fig::after{content:" [" attr(data-verdict) "]";font-size:.75em;font-weight:700;font-style:normal}
.nb-fig.nb-cont::after{content:none}
.nb-v-inconsistent{background:#ffd9d2}.nb-v-depends-on-whose-statistics{background:#ffe8c2}
.nb-v-not-checkable,.nb-v-not-a-checked-claim{background:#eeeeee}
del.nb-removed{color:#555;text-decoration:line-through}
del.nb-removed::before{content:"[removed: " attr(data-reason) "] ";font-size:.8em;text-decoration:none;display:inline-block}
del.nb-removed.nb-cont::before{content:none}
.nb-q:focus,.nb-fig:focus{outline:3px solid #000;outline-offset:2px}
.nb-q:hover::before,.nb-q:focus::before,.nb-fig:hover::before,.nb-fig:focus::before{
 content:attr(data-tip);position:absolute;left:0;top:100%;z-index:20;width:max-content;max-width:28em;
 white-space:normal;background:#111;color:#fff;padding:.4em .6em;border-radius:4px;font:normal normal 400 .85rem/1.4 sans-serif;
 text-decoration:none}
.nb-legend span{margin-right:1em;padding:0 .2em}
.nb-table{border-collapse:collapse;font-size:.9rem}
.nb-table th,.nb-table td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
.nb-sbs{table-layout:fixed;width:100%}.nb-sbs th:nth-child(odd){width:3.5em}.nb-sbs th:nth-child(5){width:5.5em}
.nb-dropped{text-decoration:line-through wavy #b00020;background:#ffd9d2}
.nb-speaker-dropped{text-decoration:underline wavy #b35900;background:#ffe8c2}
.nb-added{background:#d7f5dd;text-decoration:underline solid #1b5e20}
.nb-badge{display:inline-block;font-size:.75em;font-weight:700;border:1px solid #555;border-radius:3px;padding:0 .3em;margin:0 .2em;color:#000;background:#fff}
.nb-scroll{overflow-x:auto;max-width:100%}
"""

LEGEND = (
    '<p class="nb-legend">Key: <span class="nb-content">statement content</span> '
    '<span class="nb-cue">cue</span> <span class="nb-speaker">speaker</span> '
    '<span class="nb-fig" data-verdict="verdict">money figure</span> '
    '<del class="nb-removed" data-reason="reason">removed furniture</del>. '
    "Tab moves from highlight to highlight; hovering or focusing one shows its details, "
    "which the tables below the text also list.</p>"
)


def _raw(html_text: str) -> str:
    """A ``{raw} html`` block (its content cannot hold a backtick: :func:`escape` turned them into entities)."""
    assert "```" not in html_text
    return "```{raw} html\n" + html_text + "\n```\n"


def _safe_url(url) -> str:
    url = _val(url).strip()
    return url if re.match(r"https?://", url, re.I) else ""


def _meta_line(art: dict) -> str:
    parts = []
    for label, key in (("id", "doc_id"), ("outlet", "outlet"), ("published", "published"), ("authors", "authors"),
                       ("language", "language"), ("translated from", "translated_from")):
        if not _blank(art.get(key)):
            parts.append(f"<b>{label}:</b> {escape(art[key])}")
    url = _safe_url(art.get("url"))
    if url:
        parts.append(f'<b>URL:</b> <a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a>')
    elif not _blank(art.get("url")):
        parts.append(f"<b>URL:</b> {escape(art['url'])}")
    return '<p class="nb-meta">' + " · ".join(parts) + "</p>"


def _table(headers: list[str], rows: list[tuple[str, list[str]]], cls: str = "nb-table") -> str:
    """An HTML table; cell values are HTML already (built with :func:`escape`); row ids as given."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(f"<tr{_attr('id', rid) if rid else ''}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
                   for rid, cells in rows)
    return f'<div class="nb-scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def article_page(art: dict, text: str, quotes: pd.DataFrame, jsonl: dict | None, figures: pd.DataFrame,
                 claims: dict, removals: pd.DataFrame, pairs: list[tuple[str, str]]) -> str:
    """The MyST source of one article's page."""
    doc_id = art["doc_id"]
    spans, q_rows, f_rows = article_spans(doc_id, text, quotes, jsonl, figures, claims, removals)
    title = art.get("title") if not _blank(art.get("title")) else doc_id
    out = [f"# {markdown_text(title)}\n"]
    summary = (f"{len(q_rows)} attributed statement{'s' if len(q_rows) != 1 else ''}, "
               f"{len(f_rows)} money figure{'s' if len(f_rows) != 1 else ''}, "
               f"{len(removals)} removed paragraph{'s' if len(removals) != 1 else ''} of furniture")
    head = [_meta_line(art), f"<p>{escape(summary)}.</p>"]
    for name, label in pairs:
        head.append(f'<p><a href="{escape(name)}.html">{escape(label)}</a></p>')
    out.append(_raw("".join(head) + LEGEND))
    out.append("## Text as loaded\n")
    out.append(_raw(f'<div class="nb-text" lang="{escape(_val(art.get("language"), "en"))}">'
                    f"{render(text, spans)}</div>"))
    out.append("## Statements\n")
    rows = []
    for q in q_rows:
        r = q["row"]
        rows.append((f"{q['anchor']}-about", [
            f'<a href="#{q["anchor"]}">{escape(q["number"])}</a>', escape(r.type), escape(r.speaker),
            escape(r.speaker_role), escape(r.speaker_org), escape(r.speaker_kind), escape(r.cue), escape(r.rule),
            escape(r.text)]))
    out.append(_raw(_table(["statement", "type", "speaker", "role", "institution", "kind", "cue", "rule", "content"],
                           rows) if rows else "<p>No attributed statement found.</p>"))
    out.append("## Money figures\n")
    rows = []
    for f in f_rows:
        r, claim = f["row"], f["claim"]
        diff = "" if claim is None or _blank(claim.get("difference_pct")) else f"{claim['difference_pct']:+.1f} %"
        rows.append((f"{f['anchor']}-about", [
            f'<a href="#{f["anchor"]}">{escape(f["anchor"])}</a>', escape(r.text), escape(r.measure),
            escape(r.parties), escape(r.year), escape(f["verdict"]), escape(diff), escape(r.furniture)]))
    out.append(_raw(_table(["figure", "as written", "measure", "parties", "year", "verdict",
                            "difference from reference", "in furniture"], rows)
                    if rows else "<p>No money figure found.</p>"))
    out.append("## Removed furniture\n")
    rows = [(None, [escape(r.reason), escape(r.start), escape(r.end), escape(r.text)]) for r in removals.itertuples()]
    out.append(_raw(_table(["reason", "from", "to", "text"], rows) if rows else "<p>Nothing removed.</p>"))
    return "\n".join(out)


def _sentence_cells(doc_id, text, sents: pd.DataFrame, quotes: pd.DataFrame, status: dict[str, str]):
    """Each sentence's HTML: the text with the statements' content marked by their status."""
    spans = []
    for k, q in enumerate(quotes.itertuples(), start=1):
        st = status.get(q.quote_id, "")
        cls = {"dropped": "nb-dropped", "speaker dropped": "nb-speaker-dropped", "added": "nb-added"}.get(st, "nb-content")
        tip = statement_tip(q) + (f" · in the copy: {st}" if st else "")
        attrs = f' class="nb-q {cls}" tabindex="0"{_attr("data-quote", q.quote_id)}{_attr("data-status", st)}' \
                f'{_attr("data-tip", tip)}{_attr("aria-label", tip)}'
        spans.append(Span(int(q.start), int(q.end), 2, "span", attrs,
                          f' class="nb-q {cls} nb-cont"{_attr("data-quote", q.quote_id)}{_attr("data-tip", tip)}'))
    cells = {}
    for s in sents.itertuples():
        inner = render(text[int(s.start):int(s.end)], spans, int(s.start))
        badges = []
        for q in quotes.itertuples():
            st = status.get(q.quote_id, "")
            if st in ("dropped", "speaker dropped", "added") and int(s.start) <= int(q.start) < int(s.end):
                label = {"dropped": "statement dropped by the copy", "speaker dropped": "speaker no longer named",
                         "added": "statement added by the copy"}[st]
                badges.append(f'<span class="nb-badge">{escape(label)}: {escape(_val(q.speaker, "no speaker named"))}</span>')
        cells[int(s.sentence)] = inner + "".join(badges)
    return cells


def pair_page(pair, articles: dict, texts: dict, sentences: dict, alignments: pd.DataFrame, quotes: dict,
              changes: pd.DataFrame, pages: dict) -> str:
    """The MyST source of one derivative pair's side-by-side page."""
    src, der = pair.source_id, pair.derivative_id
    ch = changes[(changes.source_id == src) & (changes.derivative_id == der)] if len(changes) else changes
    status = dict(zip(ch.quote_id, ch.status)) if len(ch) else {}
    empty = pd.DataFrame(columns=["doc_id", "sentence", "start", "end"])
    s_sents, d_sents = sentences.get(src, empty), sentences.get(der, empty)
    s_cells = _sentence_cells(src, texts[src], s_sents, quotes.get(src, _EMPTY_Q), status)
    d_cells = _sentence_cells(der, texts[der], d_sents, quotes.get(der, _EMPTY_Q), status)
    al = alignments[(alignments.source_id == src) & (alignments.derivative_id == der)]
    chain = sorted(zip(al.source_sentence.astype(int), al.derivative_sentence.astype(int), al.similarity))
    rows, i, j = [], 0, 0
    n_src, n_der = len(s_cells), len(d_cells)
    dash = '<span class="nb-badge">not in this article</span>'

    def only(side_i, side_j):
        nonlocal i, j
        while i < side_i:
            rows.append((None, [escape(i + 1), s_cells.get(i, ""), "", dash, ""]))
            i += 1
        while j < side_j:
            rows.append((None, ["", dash, escape(j + 1), d_cells.get(j, ""), ""]))
            j += 1

    for a, b, sim in chain:
        only(a, b)
        rows.append((None, [escape(a + 1), s_cells.get(a, ""), escape(b + 1), d_cells.get(b, ""), escape(f"{sim:.2f}")]))
        i, j = a + 1, b + 1
    only(n_src, n_der)
    s_title = _val(articles.get(src, {}).get("title"), src)
    d_title = _val(articles.get(der, {}).get("title"), der)
    counts = ch[ch.side == "source"].status.value_counts() if len(ch) else pd.Series(dtype=int)
    summary = (f"{int(pair.aligned_sentences)} of the copy's {int(pair.derivative_sentences)} sentences align, in order, "
               f"with the source's {int(pair.source_sentences)}; of the source's "
               f"{int(counts.sum())} attributed statements the copy keeps {int(counts.get('kept', 0))}, drops "
               f"{int(counts.get('dropped', 0))} and keeps {int(counts.get('speaker dropped', 0))} without their speaker.")
    out = [f"# Copy side by side: {markdown_text(d_title, 60)}\n"]
    links = []
    for label, d, title in (("source", src, s_title), ("copy", der, d_title)):
        outlet = _val(articles.get(d, {}).get("outlet"), "outlet unknown")
        name = escape(f"{title} ({outlet}, {_val(articles.get(d, {}).get('published'), 'undated')})")
        links.append(f"<b>{label}:</b> " + (f'<a href="{pages[d]}.html">{name}</a>' if d in pages else name))
    out.append(_raw("<p>" + "<br>".join(links) + "</p>" + f"<p>{escape(summary)}</p>"
                    '<p class="nb-legend">Key: <span class="nb-dropped">statement the copy dropped</span> '
                    '<span class="nb-speaker-dropped">statement kept without its speaker</span> '
                    '<span class="nb-added">statement the copy added</span> '
                    '<span class="nb-content">statement kept</span>. A row pairs the sentences the derivative '
                    "detection aligned; a sentence with no counterpart has a row of its own.</p>"))
    out.append("## Sentences\n")
    out.append(_raw(_table(["no.", "source", "no.", "copy", "similarity"], rows, "nb-table nb-sbs")))
    return "\n".join(out)


_EMPTY_Q = pd.DataFrame(columns=["doc_id", "quote_id", "type", "text", "start", "end", "speaker"])


def choose_pages(articles: pd.DataFrame, quotes: pd.DataFrame, pairs: pd.DataFrame, max_pages: int) -> list[str]:
    """The articles that get a page: all of them up to ``max_pages``; above, members of derivative
    pairs first, then those with the most statements, ties in corpus order."""
    ids = list(articles.doc_id)
    if max_pages is None or len(ids) <= max_pages:
        return ids
    in_pair = set()
    if len(pairs):
        der = pairs[pairs.is_derivative]
        in_pair = set(der.source_id) | set(der.derivative_id)
    n_quotes = quotes.groupby("doc_id").size() if len(quotes) else pd.Series(dtype=int)
    order = {d: k for k, d in enumerate(ids)}
    ranked = sorted(ids, key=lambda d: (d not in in_pair, -int(n_quotes.get(d, 0)), order[d]))
    chosen = set(ranked[:max(0, max_pages)])
    return [d for d in ids if d in chosen]


def index_page(articles: pd.DataFrame, counts: dict, pages: dict, copies: dict, pair_links: list, max_pages) -> str:
    n = len(articles)
    out = ["# Index of all articles\n"]
    intro = (f"The corpus has {n:,} article{'s' if n != 1 else ''}; "
             + (f"each has a page" if len(pages) == n else
                f"{len(pages):,} have a page (at most {max_pages:,}: articles in derivative pairs first, then those "
                f"with the most attributed statements; `newsbook build --explorer-pages N` changes the number)")
             + ". A page shows the article's text as loaded, with its attributed statements, money figures and "
               "removed furniture marked. Type in the box to filter the list.")
    out.append(_raw(f"<p>{escape(intro)}</p>"))
    rows = []
    for a in articles.to_dict("records"):
        d = a["doc_id"]
        ident = f'<a href="{FOLDER}/{pages[d]}.html">{escape(d)}</a>' if d in pages else escape(d)
        c = counts.get(d, {})
        rows.append((None, [ident, escape(a.get("title")), escape(a.get("outlet")), escape(a.get("published")),
                            escape(f"{int(a['words']):,}" if not _blank(a.get("words")) else ""),
                            escape(c.get("statements", 0)), escape(c.get("figures", 0)), escape(c.get("removed", 0)),
                            escape(copies.get(d, ""))]))
    table = _table(["article", "title", "outlet", "published", "words", "statements", "money figures",
                    "furniture removed", "copy of"], rows).replace('<table class="nb-table">',
                                                                     '<table class="nb-table" id="nb-index">', 1)
    script = ("<script>(function(){var box=document.getElementById('nb-filter'),"
              "rows=document.querySelectorAll('#nb-index tbody tr'),said=document.getElementById('nb-shown');"
              "box.addEventListener('input',function(){var q=box.value.toLowerCase(),n=0;"
              "rows.forEach(function(r){var show=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!show;"
              "if(show){n++;}});said.textContent=n+' of '+rows.length+' articles shown';});})();</script>")
    out.append("## All articles\n")
    out.append(_raw('<p><label for="nb-filter">Filter the articles (id, title, outlet, date): </label>'
                    '<input id="nb-filter" type="search" autocomplete="off"> '
                    f'<span id="nb-shown" aria-live="polite">{n} of {n} articles shown</span></p>' + table + script))
    if pair_links:
        out.append("## Copies side by side\n")
        out.append(_raw("<ul>" + "".join(f'<li><a href="{FOLDER}/{name}.html">{escape(label)}</a></li>'
                                         for name, label in pair_links) + "</ul>"))
    return "\n".join(out)


# --------------------------------------------------------------------------- the whole explorer

@dataclass
class ExplorerReport:
    articles: int
    article_pages: int
    pair_pages: int
    seconds: float
    bytes: int
    docnames: list[str]


def explorer_pages(tables: dict, max_pages: int | None = DEFAULT_MAX_PAGES) -> pd.DataFrame:
    """The ``explorer_pages`` table: each article's page (blank without one), relative to book/."""
    articles = tables["articles"]
    chosen = set(choose_pages(articles, tables["quotes"], tables["derivative_pairs"], max_pages))
    return pd.DataFrame({"doc_id": list(articles.doc_id),
                         "page": [f"{FOLDER}/{page_name(d)}.html" if d in chosen else "" for d in articles.doc_id]})


def write_explorer(articles, tables: dict, source_dir: str | Path, jsonl: list[dict] | None = None,
                   max_pages: int | None = DEFAULT_MAX_PAGES) -> ExplorerReport:
    """Write the explorer's pages into the staged book (``source_dir/book/explorer``), its style
    into ``source_dir/_static``, and its pages into ``source_dir/_toc.yml``.

    ``articles``: the corpus's articles (``doc_id``, ``text`` as loaded, ``get``); ``tables``: the
    analysis tables (articles, quotes, figures, claims, removals, derivative_pairs, alignments,
    statement_changes, sentences); ``jsonl``: the quotes.jsonl records (content fragments).
    Returns what was written; the ``explorer_pages`` table is :func:`explorer_pages`.
    """
    t0 = time.perf_counter()
    source_dir = Path(source_dir)
    folder = source_dir / "book" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    texts = {a.doc_id: a.text for a in articles}
    meta = {r["doc_id"]: r for r in tables["articles"].to_dict("records")}
    quotes = tables["quotes"]
    figures = tables["figures"]
    removals = tables["removals"]
    claims = _verdicts(tables.get("claims"))
    pairs = tables["derivative_pairs"]
    pairs = pairs[pairs.is_derivative] if len(pairs) else pairs
    by_doc = {name: dict(tuple(frame.groupby("doc_id", sort=False))) if len(frame) else {}
              for name, frame in (("quotes", quotes), ("figures", figures), ("removals", removals))}
    json_by_doc = {r["id"]: r for r in (jsonl or [])}
    page_table = explorer_pages(tables, max_pages)
    pages = {d: Path(p).stem for d, p in zip(page_table.doc_id, page_table.page) if p}
    sentences = tables.get("sentences")
    sent_by_doc = dict(tuple(sentences.groupby("doc_id", sort=False))) if sentences is not None and len(sentences) else {}
    written, size = [], 0

    def put(name: str, text: str) -> None:
        nonlocal size
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
        written.append(f"book/{FOLDER}/{name}")

    pair_links: list[tuple[str, str]] = []
    pair_of: dict[str, list[tuple[str, str]]] = {}
    copies: dict[str, str] = {}
    limit = len(pairs) if max_pages is None else min(len(pairs), max_pages)
    if len(pairs) and not sent_by_doc:
        log.warning("no sentences table: the explorer writes no side-by-side page")
        limit = 0
    for pair in list(pairs.itertuples())[:limit]:
        if pair.source_id not in texts or pair.derivative_id not in texts:
            continue
        name = pair_page_name(pair.source_id, pair.derivative_id)
        label = f"{pair.derivative_id} beside its source {pair.source_id}"
        put(name, pair_page(pair, meta, texts, sent_by_doc, tables["alignments"], by_doc["quotes"],
                            tables["statement_changes"], pages))
        pair_links.append((name, label))
        pair_of.setdefault(pair.source_id, []).append((name, f"Its copy {pair.derivative_id}, side by side"))
        pair_of.setdefault(pair.derivative_id, []).append((name, f"Side by side with its source {pair.source_id}"))
    for pair in pairs.itertuples():
        copies.setdefault(pair.derivative_id, pair.source_id)

    empty = {"quotes": quotes.iloc[0:0], "figures": figures.iloc[0:0], "removals": removals.iloc[0:0]}
    article_names = []
    for d, name in pages.items():
        if d not in texts:
            log.warning("article '%s' has no text among the loaded articles: no explorer page", d)
            continue
        q = by_doc["quotes"].get(d, empty["quotes"])
        put(name, article_page(meta[d], texts[d], q, json_by_doc.get(d), by_doc["figures"].get(d, empty["figures"]),
                               claims, by_doc["removals"].get(d, empty["removals"]), pair_of.get(d, [])))
        article_names.append(written[-1])
    counts = {d: {"statements": len(by_doc["quotes"].get(d, ())), "figures": len(by_doc["figures"].get(d, ())),
                  "removed": len(by_doc["removals"].get(d, ()))} for d in meta}
    index_path = source_dir / "book" / "explorer.md"
    index_path.write_text(index_page(tables["articles"], counts, pages, copies, pair_links, max_pages), encoding="utf-8")
    size += index_path.stat().st_size
    static = source_dir / "_static"
    static.mkdir(exist_ok=True)
    (static / "newsbook-explorer.css").write_text(STYLE.strip() + "\n", encoding="utf-8")
    add_to_toc(source_dir / "_toc.yml", "book/explorer", article_names, [w for w in written if w not in article_names])
    if written:
        chapters_only_in_sidebar(source_dir / "_config.yml")
    return ExplorerReport(articles=len(meta), article_pages=len(article_names), pair_pages=len(pair_links),
                          seconds=time.perf_counter() - t0, bytes=size, docnames=written)


def add_to_toc(toc_path: Path, index: str, article_docs: list[str], pair_docs: list[str]) -> None:
    """Add a part "Article explorer" (the index, its article and pair pages as sections) before the back matter."""
    import yaml

    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    chapter = {"file": index}
    sections = [{"file": d} for d in pair_docs + article_docs]
    if sections:
        chapter["sections"] = sections
    part = {"caption": "Article explorer", "chapters": [chapter]}
    parts = toc.setdefault("parts", [])
    at = next((k for k, p in enumerate(parts) if str(p.get("caption", "")).lower() == "back matter"), len(parts))
    parts.insert(at, part)
    tmp = toc_path.with_suffix(".yml.tmp")
    tmp.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    tmp.replace(toc_path)


def chapters_only_in_sidebar(config_path: Path) -> None:
    """Let the staged book's sidebar list chapters, not the explorer's pages (its sections).

    The theme renders (and parses, with BeautifulSoup) the whole sidebar for every page, so
    hundreds of explorer pages in it make the build quadratic: 85 pages cost Sphinx 81 s more
    with them in the sidebar. The pages stay in the toc (built, searched, prev/next links) and
    the explorer's index links each one. ``sphinx.recursive_update`` makes Jupyter Book merge
    this theme option into its own instead of replacing them.
    """
    import yaml

    if not config_path.is_file():
        return
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    sphinx = config.setdefault("sphinx", {})
    sphinx["recursive_update"] = True
    sphinx.setdefault("config", {}).setdefault("html_theme_options", {})["max_navbar_depth"] = 1
    tmp = config_path.with_suffix(".yml.tmp")
    tmp.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    tmp.replace(config_path)


# --------------------------------------------------------------------------- links from the chapters

def with_links(frame: pd.DataFrame, pages: pd.DataFrame, from_folder: str = ".") -> pd.DataFrame:
    """``frame`` (rows of the quotes or figures table) with a column ``in article``: the URL of the
    row's place in its explorer page (``explorer/a-….html#q001``), blank where the article has none.

    ``pages`` is the ``explorer_pages`` table; ``from_folder`` the linking page's folder relative to book/.
    """
    id_col = "quote_id" if "quote_id" in frame else "figure_id"
    page = dict(zip(pages.doc_id, pages.page))
    prefix = "" if from_folder in ("", ".") else "../" * len(Path(from_folder).parts)
    urls = []
    for k, (d, item) in enumerate(zip(frame.doc_id, frame[id_col]), start=1):
        p = page.get(d, "")
        urls.append(f"{prefix}{p}#{anchor(d, item, k)}" if p else "")
    return frame.assign(**{"in article": urls})


def linked_table(frame: pd.DataFrame, pages: pd.DataFrame, n: int | None = None, **reader):
    """A reader table for a chapter (:func:`newsbook.display.reader_table`, every cell escaped) of
    ``frame`` (with ``doc_id`` and ``quote_id`` or ``figure_id``), with a first column "in article"
    linking each row to its place in the explorer (``q001``, ``m01``). ``n`` rows of a static table
    (None: all); ``reader`` passes on (``csv``, ``interactive``, ``empty``)."""
    from newsbook.display import reader_table

    shown = with_links(frame, pages).reset_index(drop=True)
    urls = shown.pop("in article")
    shown.insert(0, "in article", [u.rsplit("#", 1)[-1] if u else "" for u in urls])
    shown.insert(1, "in article url", urls)
    return reader_table(shown, rows=n, link=("in article", "in article url"), **reader)
