"""Helpers the chapters call: read tables, summarise them, draw labelled figures.

The chapters stay thin: a parameters cell, calls into this module, tables,
figures and prose. Summaries here are small pure functions of the analysis
tables, so a developer can change them without touching notebook JSON, and
every number a chapter prints comes from a table.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import pandas as pd

from newsbook.display import plain  # noqa: F401  (chapters glue names as report.plain)
from newsbook.sourcing import mentions_a_source
from newsbook.tables import read_table

KIND_ORDER = ["expert", "official", "journalist", "organisation", "media", "unnamed", "unknown"]

#: Okabe & Ito's colour-blind-safe palette (black left out: it is the axes' colour).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]
KIND_COLOURS = {
    "expert": "#0072B2", "official": "#D55E00", "journalist": "#CC79A7", "organisation": "#009E73",
    "media": "#E69F00", "unnamed": "#56B4E9", "unknown": "#999999",
}
PARTNER_COLOURS = {"China": "#D55E00", "Russia": "#0072B2", "European Union": "#009E73"}

#: The book's figures: drawn 10 inches wide (the page column), so 10 pt and more stays legible.
BOOK_STYLE = {
    "font.size": 11, "axes.titlesize": 11, "axes.labelsize": 11, "xtick.labelsize": 10, "ytick.labelsize": 10,
    "legend.fontsize": 10, "legend.title_fontsize": 10, "figure.dpi": 100, "savefig.dpi": 150,
    "axes.prop_cycle": plt.cycler(color=OKABE_ITO), "axes.spines.top": False, "axes.spines.right": False,
}
#: At most this many panels side by side.
MAX_PANELS_PER_ROW = 3
plt.rcParams.update(BOOK_STYLE)


class Tables:
    """Attribute access to the tables of one build: ``Tables(dir).quotes``."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        if not (self.folder / "articles.parquet").is_file():
            raise FileNotFoundError(f"no analysis tables in '{self.folder}' (run 'newsbook build')")
        self._cache: dict[str, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            self._cache[name] = read_table(self.folder, name)
        return self._cache[name]


def top(frame: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The first ``n`` rows for display (the full table is offered as CSV).

    pandas renders cell text escaped, so article text shown this way never
    becomes live HTML in the book.
    """
    return frame.head(n).reset_index(drop=True)


#: Above this many articles, per-article charts are drawn per outlet instead.
MAX_BARS = 25


def plot_groups(articles: pd.DataFrame, doc_ids: list[str], max_groups: int = MAX_BARS) -> pd.Series:
    """Label of each article in a chart: its id for a small corpus, else its outlet.

    With more outlets than ``max_groups``, the largest ``max_groups - 1`` keep their name
    and the rest are drawn together as "other outlets". A book on thousands of articles
    so stays readable: charts aggregate, tables show their top rows and link the CSV.
    """
    ids = pd.Series(doc_ids, index=doc_ids)
    if len(doc_ids) <= max_groups:
        return ids
    outlet = articles.set_index("doc_id").outlet.reindex(doc_ids).fillna("").replace("", "unknown outlet")
    counts = outlet.value_counts()
    keep = set(counts.index[: max_groups - 1]) if len(counts) > max_groups else set(counts.index)
    return outlet.where(outlet.isin(keep), "other outlets")


def group_axis(n_articles: int, aggregated: str = "outlet (mean)", single: str = "article") -> str:
    """Axis label for a chart drawn per :func:`plot_groups` group: ``single`` while there is a bar
    per article, ``aggregated`` once the corpus is too large for that."""
    return single if n_articles <= MAX_BARS else aggregated


def by_group(frame: pd.DataFrame, groups: pd.Series, columns: list[str], how: str = "mean") -> pd.DataFrame:
    """Aggregate per-article rows to the chart groups of :func:`plot_groups` (label column ``group``)."""
    out = frame.assign(group=frame.doc_id.map(groups)).groupby("group", sort=False)[columns].agg(how)
    return out.reset_index()


# --------------------------------------------------------------------------- summaries

def removals_by_reason(removals: pd.DataFrame) -> pd.DataFrame:
    """Count of removed paragraphs per reason and article."""
    if removals.empty:
        return pd.DataFrame(columns=["reason", "doc_id", "paragraphs", "characters"])
    frame = removals.assign(characters=removals.end - removals.start)
    return (frame.groupby(["reason", "doc_id"], as_index=False)
            .agg(paragraphs=("removal", "count"), characters=("characters", "sum"))
            .sort_values(["reason", "doc_id"]).reset_index(drop=True))


def by_person(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes with a joint statement ("Emmanuel Macron; Olaf Scholz", from "according to their
    leaders") repeated once for each of its speakers, whose role and institution are their own."""
    from newsbook.quotes import JOINT

    speaker = quotes.speaker.fillna("")
    joint = speaker.str.contains(JOINT, regex=False)
    if not joint.any():
        return quotes
    rows = quotes[joint].assign(speaker=speaker[joint].str.split(JOINT, regex=False)).explode("speaker")
    rows = rows.assign(speaker_role="", speaker_org="")
    if "speaker_country" in rows:
        rows = rows.assign(speaker_country="")
    return pd.concat([quotes[~joint], rows]).sort_index(kind="stable")


def majority_kind(kinds: pd.Series) -> str:
    """The kind most of a speaker's statements carry. "unknown" (and a blank) says only that a
    statement gave no clue, so it counts only when no statement says more: a president quoted
    three times as "he" with no role and once as "the president" is an official. A tie goes to
    the kind listed first in :data:`KIND_ORDER` (expert, official, journalist, organisation,
    media, unnamed); a kind outside that list comes after all of them."""
    kinds = kinds.fillna("")
    known = kinds[(kinds != "") & (kinds != "unknown")]
    if known.empty:
        return "unknown" if (kinds == "unknown").any() else ""
    counts = known.value_counts()
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return min(counts.index, key=lambda k: (-counts[k], rank.get(k, len(rank)), k))


def speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per resolved speaker: role, institution, kind (:func:`majority_kind`), statements,
    words quoted, articles (a joint statement counts for each of its speakers)."""
    quotes = by_person(quotes)
    q = quotes[quotes.speaker.fillna("") != ""].copy()
    if q.empty:
        return pd.DataFrame(columns=["speaker", "role", "institution", "country", "kind", "statements", "words",
                                     "articles"])
    q["words"] = q.text.str.split().str.len()

    def first_nonblank(s: pd.Series) -> str:
        s = s.fillna("")
        s = s[s != ""]
        return s.iloc[0] if len(s) else ""

    if "speaker_country" not in q:
        q["speaker_country"] = ""
    out = q.groupby("speaker", as_index=False).agg(
        role=("speaker_role", first_nonblank), institution=("speaker_org", first_nonblank),
        country=("speaker_country", first_nonblank),
        kind=("speaker_kind", majority_kind), statements=("quote_id", "count"), words=("words", "sum"),
        articles=("doc_id", lambda s: "; ".join(sorted(set(s)))),
    )
    return out.sort_values(["statements", "words", "speaker"], ascending=[False, False, True]).reset_index(drop=True)


def unnamed_sources(quotes: pd.DataFrame) -> pd.Series:
    """Per statement: from a source the article mentions but does not name ("officials said")?
    A statement that mentions none ("the pact is expected to be signed") is no voice at all."""
    return (quotes.speaker.fillna("") == "") & mentions_a_source(quotes)


def voices_per_article(quotes: pd.DataFrame, doc_ids: list[str], groups: pd.Series | None = None) -> pd.DataFrame:
    """Distinct speakers per article by kind (unnamed sources counted by statement, statements
    with no source mentioned not counted).

    With ``groups`` (from :func:`plot_groups`), the rows are the groups: mean voices per article.
    """
    named = by_person(quotes)
    named = named[named.speaker.fillna("") != ""].drop_duplicates(["doc_id", "speaker"])
    unnamed = quotes[unnamed_sources(quotes)].assign(speaker_kind="unnamed")
    both = pd.concat([named, unnamed])
    table = pd.crosstab(both.doc_id, both.speaker_kind).reindex(index=doc_ids, fill_value=0)
    cols = [k for k in KIND_ORDER if k in table.columns]
    table = table[cols]
    if groups is not None and (groups.values != groups.index.values).any():  # grouped by outlet
        table = table.groupby(groups.reindex(table.index).values, sort=False).mean().round(2)
    return table


def type_shares(quotes: pd.DataFrame) -> pd.DataFrame:
    """Share of direct, indirect and mixed statements per article."""
    if quotes.empty:
        return pd.DataFrame()
    t = pd.crosstab(quotes.doc_id, quotes.type, normalize="index").round(3)
    return t.reindex(columns=[c for c in ["direct", "mixed", "indirect"] if c in t.columns])


def lost_voices(changes: pd.DataFrame) -> pd.DataFrame:
    """Named speakers of a source article that its derivative no longer names."""
    cols = ["source_id", "derivative_id", "speaker", "speaker_kind", "statements"]
    if changes.empty:
        return pd.DataFrame(columns=cols)
    src = changes[(changes.side == "source") & (changes.speaker.fillna("") != "")]
    still = set(src[src.status == "kept"].speaker)
    lost = src[~src.speaker.isin(still)]
    return (lost.groupby(["source_id", "derivative_id", "speaker", "speaker_kind"], as_index=False)
            .agg(statements=("quote_id", "count")).sort_values(["source_id", "statements", "speaker"],
                                                               ascending=[True, False, True])
            .reset_index(drop=True))[cols]


def derivative_findings(articles: pd.DataFrame, pairs: pd.DataFrame, changes: pd.DataFrame) -> list[str]:
    """Plain-language sentences on each derivative pair, built from the tables."""
    out = []
    outlet = dict(zip(articles.doc_id, articles.outlet.fillna("")))
    for p in pairs[pairs.is_derivative].itertuples():
        ch = changes[(changes.source_id == p.source_id) & (changes.derivative_id == p.derivative_id)]
        src = ch[ch.side == "source"]
        lost = lost_voices(ch)
        named_src = src[src.speaker.fillna("") != ""].speaker.nunique()
        sentence = (
            f"{p.derivative_id} ({outlet.get(p.derivative_id) or 'outlet unknown'}) follows {p.source_id} "
            f"sentence by sentence: {p.aligned_sentences} of its {p.derivative_sentences} sentences align, in "
            f"order, with the source, and it keeps {p.source_share_kept:.0%} of the source's "
            f"{p.source_sentences} sentences. Of the source's {len(src)} attributed statements it keeps "
            f"{int((src.status == 'kept').sum())} with their speaker; it drops "
            f"{int((src.status == 'dropped').sum())} and keeps {int((src.status == 'speaker dropped').sum())} "
            f"without naming who said them. Of {named_src} named sources, {lost.speaker.nunique()} disappear"
        )
        if len(lost):
            sentence += ": " + ", ".join(sorted(lost.speaker.unique())) + "."
        else:
            sentence += "."
        added = ch[ch.status == "added"]
        if len(added):
            sentence += f" It adds {len(added)} attributed statement(s) of its own."
        out.append(sentence)
    return out


def as_html_list(sentences: list[str]):
    """An HTML list whose text is escaped: data never becomes markup."""
    import html

    from IPython.display import HTML

    if not sentences:
        return HTML("<p>None.</p>")
    return HTML("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in sentences) + "</ul>")


def cleaning_effect(readability: pd.DataFrame, raw: pd.DataFrame, column: str) -> pd.DataFrame:
    """A formula on the raw and the cleaned text of each article, and the change."""
    clean = readability[readability.level == "article"][["doc_id", column]]
    merged = raw[["doc_id", column]].merge(clean, on="doc_id", suffixes=("_raw", "_cleaned"))
    merged["change"] = (merged[f"{column}_cleaned"] - merged[f"{column}_raw"]).round(2)
    return merged


# --------------------------------------------------------------------------- figures

def safe_label(text) -> str:
    """A label from the data, with '$' escaped so matplotlib never reads it as mathtext."""
    return str(text).replace("$", r"\$")


def _legend_outside(ax, **kwargs):
    """A legend to the right of the axes, never over the data."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, frameon=False, **kwargs)


#: What a chart with nothing to draw says in its plot area (the corpus may have no English article).
NOTHING_TO_PLOT = "Nothing to plot for this corpus"


def _nothing_to_plot(ax, message: str = NOTHING_TO_PLOT) -> None:
    """Say in the plot area that there is no data, instead of drawing empty axes."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=12, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def _finish(fig, ax, xlabel: str, ylabel: str):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def bar_chart(frame: pd.DataFrame, x: str, ys: list[str], xlabel: str, ylabel: str, labels: list[str] | None = None):
    """Grouped bars of one or more columns per row of ``frame``."""
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / max(len(ys), 1)
    pos = range(len(frame))
    for k, y in enumerate(ys):
        ax.bar([p + k * width for p in pos], frame[y], width=width, label=(labels or ys)[k],
               color=OKABE_ITO[k % len(OKABE_ITO)])
    ax.set_xticks([p + width * (len(ys) - 1) / 2 for p in pos])
    ax.set_xticklabels([safe_label(v) for v in frame[x]], rotation=20, ha="right")
    if frame.empty:
        _nothing_to_plot(ax)
    elif len(ys) > 1:
        _legend_outside(ax)
    return _finish(fig, ax, xlabel, ylabel)


def stacked_kinds(table: pd.DataFrame, xlabel: str, ylabel: str):
    """Stacked bars of counts by speaker kind (rows: articles)."""
    fig, ax = plt.subplots(figsize=(10, 4.5))
    bottom = pd.Series(0, index=table.index, dtype=float)
    for kind in table.columns:
        ax.bar(range(len(table.index)), table[kind].values, bottom=bottom.values, label=kind,
               color=KIND_COLOURS.get(kind), edgecolor="white", linewidth=0.5)
        bottom += table[kind]
    ax.set_xticks(range(len(table.index)))
    ax.set_xticklabels([safe_label(v) for v in table.index], rotation=20, ha="right")
    if table.empty or not table.to_numpy().any():
        _nothing_to_plot(ax)
    else:
        _legend_outside(ax, title="kind of source")
    return _finish(fig, ax, xlabel, ylabel)


def box_by_article(frame: pd.DataFrame, value: str, xlabel: str, ylabel: str):
    """Distribution of a paragraph-level value per article."""
    ids = list(dict.fromkeys(frame.doc_id))
    data = [frame[frame.doc_id == d][value].dropna() for d in ids]
    fig, ax = plt.subplots(figsize=(10, 4.5))
    if not any(len(d) for d in data):
        _nothing_to_plot(ax)
        return _finish(fig, ax, xlabel, ylabel)
    ax.boxplot(data, showmeans=True, medianprops={"color": "#D55E00"},
               meanprops={"marker": "^", "markerfacecolor": "#0072B2", "markeredgecolor": "#0072B2"})
    ax.set_xticks(range(1, len(ids) + 1))
    ax.set_xticklabels([safe_label(v) for v in ids], rotation=20, ha="right")
    return _finish(fig, ax, xlabel, ylabel)


def trade_panels(bilateral: pd.DataFrame, reported_by: str, ylabel: str):
    """One panel per Central Asian state: trade with China, Russia and the EU over time."""
    import math

    states = sorted(bilateral.central_asia.unique())
    cols = min(MAX_PANELS_PER_ROW, max(len(states), 1))
    rows = max(1, math.ceil(len(states) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(10, 3.3 * rows + 0.6), sharey=False, squeeze=False)
    flat = list(axes.flat)
    handles = {}
    for ax, state in zip(flat, states):
        sub = bilateral[(bilateral.central_asia == state) & (bilateral.reported_by == reported_by)]
        for k, (partner, grp) in enumerate(sub.groupby("partner")):
            grp = grp.groupby("year", as_index=False).value_usd_millions.median()
            (line,) = ax.plot(grp.year, grp.value_usd_millions / 1000, marker="o", label=safe_label(partner),
                              color=PARTNER_COLOURS.get(partner, OKABE_ITO[k % len(OKABE_ITO)]))
            handles.setdefault(safe_label(partner), line)
        ax.set_title(safe_label(state))
        ax.set_xlabel("year")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.grid(alpha=0.3)
    for ax in flat[len(states):]:
        ax.set_visible(False)
    for r in range(rows):
        axes[r][0].set_ylabel(ylabel)
    fig.tight_layout(rect=(0, 0.08 if handles else 0, 1, 1))
    if handles:  # one legend for all panels, below them
        fig.legend(list(handles.values()), list(handles.keys()), loc="lower center", ncol=len(handles),
                   frameon=False, title="partner")
    return fig


def mirror_gap_figure(gap: pd.DataFrame, xlabel: str, ylabel: str):
    fig, ax = plt.subplots(figsize=(10, 5))
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    states = sorted(set(gap.central_asia))
    for (state, partner), grp in gap.groupby(["central_asia", "partner"]):
        if state == "Turkmenistan":
            continue  # IMF estimates Turkmen figures from partners: no independent gap
        # colour: the partner; marker: the Central Asian state (so no two lines look alike)
        ax.plot(grp.year, grp.ratio, marker=markers[states.index(state) % len(markers)], markersize=5,
                label=safe_label(f"{partner} / {state}"), color=PARTNER_COLOURS.get(partner, "#999999"))
    ax.axhline(1.0, color="black", lw=0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if ax.get_legend_handles_labels()[0]:
        _legend_outside(ax, title="partner / state")
    return _finish(fig, ax, xlabel, ylabel)


def corpus_description(name: str, articles: pd.DataFrame, max_outlets: int = 5) -> plain:
    """The corpus a page describes, in words: folder name, article count, date range, outlets.

    ``name`` is the corpus folder's name (never a path). Dates come from the
    ``published`` column (unparseable ones are left out of the range), outlets from
    ``outlet``; past ``max_outlets`` outlets the rest are counted, not listed.
    """
    n = len(articles)
    parts = [f"the corpus '{name}': {n:,} article{'s' if n != 1 else ''}"]
    if n and "published" in articles:
        dates = pd.to_datetime(articles["published"], errors="coerce", utc=True).dropna()
        if len(dates):
            first, last = dates.min().date(), dates.max().date()
            parts.append(f"published {first.isoformat()}" if first == last
                         else f"published {first.isoformat()} to {last.isoformat()}")
    if n and "outlet" in articles:
        counts = articles["outlet"].fillna("").astype(str).str.strip()
        counts = counts[counts != ""].value_counts()
        if len(counts):
            named = [str(o) for o in counts.index[:max_outlets]]
            rest = len(counts) - len(named)
            listed = "; ".join(named) + (f"; and {rest:,} more" if rest else "")
            parts.append(f"from {len(counts):,} outlet{'s' if len(counts) != 1 else ''} ({listed})")
    return plain(", ".join(parts))


# --------------------------------------------------------------------------- findings first

def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "0%"


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def sourcing_findings(articles: pd.DataFrame, sourcing: pd.DataFrame, pairs: pd.DataFrame,
                      changes: pd.DataFrame, removals: pd.DataFrame) -> list[str]:
    """What the sourcing tables show, in a few sentences: copies, the sources a copy lost,
    what cleaning removed, how much of the text is attributed."""
    out = []
    n = len(articles)
    derivatives = pairs[pairs.is_derivative] if len(pairs) else pairs
    if len(derivatives):
        k = len(derivatives)
        out.append(f"{_n(k, 'article')} of {n:,} {'follows' if k == 1 else 'follow'} another article of the corpus "
                   f"sentence by sentence: {'a copy or paraphrase, not an independent report' if k == 1 else 'copies or paraphrases, not independent reports'}.")
        worst = None
        for p in derivatives.itertuples():
            ch = changes[(changes.source_id == p.source_id) & (changes.derivative_id == p.derivative_id)]
            src = ch[(ch.side == "source") & (ch.speaker.fillna("") != "")]
            named = src.speaker.nunique()
            kept_names = set(src[src.status == "kept"].speaker)
            kept = len(kept_names)
            experts = set(src[src.speaker_kind == "expert"].speaker)
            if named and (worst is None or (kept / named, -named) < (worst[2] / worst[1], -worst[1])):
                worst = (p, named, kept, len(experts), len(experts & kept_names))
        if worst is not None:
            p, named, kept, experts, kept_experts = worst
            lead = (f"The copy {p.derivative_id} names none of the {_n(named, 'named source')} of its original "
                    f"{p.source_id}" if kept == 0 else
                    f"The copy that loses most voices, {p.derivative_id}, names {kept:,} of the "
                    f"{_n(named, 'named source')} of its original {p.source_id}")
            if experts:
                lead += (f" and {'none' if kept_experts == 0 else f'{kept_experts:,}'} of its "
                         f"{_n(experts, 'expert')}")
            out.append(lead + ".")
    elif n:
        out.append(f"None of the {n:,} articles copies another article of the corpus sentence by sentence.")
    if len(removals):
        out.append(f"Cleaning removed {_n(len(removals), 'paragraph')} of page furniture from "
                   f"{_n(removals.doc_id.nunique(), 'article')}; the most common reason: "
                   f"{removals.reason.value_counts().index[0]}.")
    if len(sourcing) and sourcing.attributed_sentence_share.notna().any():
        share = sourcing.attributed_sentence_share.dropna()
        out.append(f"The median article attributes {share.median():.0%} of its sentences to a source "
                   f"(from {share.min():.0%} to {share.max():.0%}).")
    return out


def quotes_findings(quotes: pd.DataFrame) -> list[str]:
    """What the quotes table shows: the share of named voices that are experts and officials,
    the most quoted speaker, the unnamed sources."""
    if quotes.empty:
        return ["The extractor finds no attributed statement in this corpus."]
    people = speakers(quotes)
    named = len(people)
    kinds = people.kind.value_counts()
    out = []
    if named:
        top_speaker = people.iloc[0]
        out.append(f"Of {_n(named, 'named voice')}, {kinds.get('expert', 0):,} ({_pct(kinds.get('expert', 0), named)}) "
                   f"are experts and {kinds.get('official', 0):,} ({_pct(kinds.get('official', 0), named)}) officials; "
                   f"the most quoted is {top_speaker.speaker} ({_n(int(top_speaker.statements), 'statement')}).")
    unnamed = int(unnamed_sources(quotes).sum())
    out.append(f"{_n(unnamed, 'statement')} of {len(quotes):,} ({_pct(unnamed, len(quotes))}) come from a source "
               "the article mentions but does not name.")
    direct = int((quotes.type == "direct").sum())
    out.append(f"{_pct(direct, len(quotes))} of the statements are direct quotations; the rest are reported speech.")
    return out


def readability_findings(articles: pd.DataFrame) -> list[str]:
    """What the readability table shows (article rows): the typical grade and the extremes."""
    art = articles.dropna(subset=["flesch_kincaid_grade"])
    if art.empty:
        return ["No article of this corpus was measured (readability is measured on English text only)."]
    ordered = art.sort_values("flesch_kincaid_grade")
    easiest, hardest = ordered.iloc[0], ordered.iloc[-1]
    out = [f"The median article needs a US school grade of {art.flesch_kincaid_grade.median():.1f} by the "
           f"Flesch–Kincaid formula (Flesch reading ease {art.flesch_reading_ease.median():.0f})."]
    if len(art) > 1:
        out.append(f"The hardest to read is {hardest.doc_id} (grade {hardest.flesch_kincaid_grade:.1f}), the easiest "
                   f"{easiest.doc_id} (grade {easiest.flesch_kincaid_grade:.1f}).")
    return out


def readability_coverage(n_measured: int, n_left_out: int) -> plain:
    """Which articles the readability chapter measures, as a sentence (readability is English-only)."""
    if n_measured == 0:
        return plain("No article is measured: the corpus's only article is not in English." if n_left_out == 1
                     else f"No article is measured: none of the {n_left_out:,} articles is in English.")
    if n_left_out == 0:
        return plain(f"Every article is measured ({_n(n_measured, 'article')}, all in English).")
    return plain(f"{_n(n_measured, 'article')} {'is' if n_measured == 1 else 'are'} measured; "
                 f"{n_left_out:,} {'is' if n_left_out == 1 else 'are'} left out because "
                 f"{'it is' if n_left_out == 1 else 'they are'} not in English.")


def trade_findings(claims: pd.DataFrame) -> list[str]:
    """What the claims table shows: the verdicts and the claim furthest from the reference."""
    if claims.empty:
        return ["The corpus holds no trade figure that names two parties and a year, so no claim could be checked."]
    counts = claims.verdict.value_counts()
    out = [f"Of {_n(len(claims), 'trade figure')} checked against official statistics, "
           f"{counts.get('consistent', 0):,} are consistent, {counts.get('depends on whose statistics', 0):,} depend "
           f"on whose statistics one reads, {counts.get('inconsistent', 0):,} are inconsistent and "
           f"{counts.get('not checkable', 0):,} cannot be checked."]
    gaps = claims.dropna(subset=["difference_pct"])
    gaps = gaps[gaps.verdict != "not checkable"]
    if len(gaps):
        far = gaps.loc[gaps.difference_pct.abs().idxmax()]
        out.append(f"The claim furthest from the reference is “{far.text}” in {far.doc_id} ({far.year:.0f}): "
                   f"{far.difference_pct:+.0f}% from the closest reference figure ({far.verdict}).")
    return out


def findings(sentences: list[str]):
    """The "What this corpus shows" box: the sentences as one escaped paragraph."""
    import html

    from IPython.display import HTML

    return HTML('<div class="nb-findings"><p>' + " ".join(html.escape(s) for s in sentences) + "</p></div>")


def article_references(articles: pd.DataFrame):
    """The corpus's articles as a reference list (outlet, date, title, authors, address), escaped.

    An address becomes a link only when it is an http(s) URL; anything else stays text.
    """
    import html
    from urllib.parse import urlsplit

    from IPython.display import HTML

    if articles.empty:
        return HTML('<p class="nb-empty">The corpus holds no usable article.</p>')

    def cell(row, name):
        value = row.get(name, "")
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()

    items = []
    ordered = articles.assign(_outlet=articles.get("outlet", "").fillna(""),
                              _date=articles.get("published", "").fillna(""))
    for _, row in ordered.sort_values(["_outlet", "_date", "doc_id"]).iterrows():
        parts = [html.escape(cell(row, "outlet") or "Outlet unknown")]
        parts[0] += f" ({html.escape(cell(row, 'published') or 'n.d.')})."
        if cell(row, "title"):
            parts.append(f"<em>{html.escape(cell(row, 'title'))}</em>.")
        if cell(row, "authors"):
            parts.append(html.escape(cell(row, "authors")) + ".")
        url = cell(row, "url")
        if url:
            scheme = urlsplit(url).scheme.lower() if "\n" not in url else ""
            parts.append(f'<a href="{html.escape(url, quote=True)}" rel="nofollow noopener">{html.escape(url)}</a>'
                         if scheme in ("http", "https") else html.escape(url))
        parts.append(f"[{html.escape(cell(row, 'doc_id'))}]")
        items.append("<li>" + " ".join(parts) + "</li>")
    return HTML('<ul class="nb-references">' + "".join(items) + "</ul>")


def problems_summary(problems: pd.DataFrame) -> str:
    """One sentence on what the loader skipped or doubted, by level."""
    if problems.empty:
        return "Nothing was skipped: every file and metadata row of the corpus was usable."
    counts = problems.level.fillna("").value_counts()
    words = {"skip": ("skipped", "skipped"), "warning": ("warning", "warnings")}
    listed = ", ".join(f"{c:,} {words.get(lvl, (lvl or 'unlabelled',) * 2)[c != 1]}" for lvl, c in counts.items())
    return f"The loader reported {len(problems):,} problem{'s' if len(problems) != 1 else ''} ({listed})."
