"""Run every analysis over a corpus and return the book's tables.

The per-article stages (clean, parse, readability, quotes, figures, sentence
records; :mod:`newsbook.stages`) stream article by article, locally, in worker
processes or on Dask; only small per-article results are kept. Corpus-level
stages (derivative pairs, source profiles) work on those results. Each table is
a pandas DataFrame whose columns the analysis module that builds it defines
(documented in DESIGN.md).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsbook import clean as clean_mod
from newsbook import figures as fig_mod
from newsbook.quotes import table as quote_table
from newsbook import readability as read_mod
from newsbook import shares as shares_mod
from newsbook import sourcing as src_mod
from newsbook.corpus import Corpus, load_corpus
# the per-article stages and their results (names kept here for callers of newsbook.pipeline)
from newsbook.stages import (ANALYSES, ARTICLE_TABLES, ArticleResult, analyse_article,  # noqa: F401
                             analyse_partition, analysis_id, chosen_analyses, default_processes,
                             iter_article_results, parallel_results)

log = logging.getLogger(__name__)

#: The quotes table's columns, defined by :mod:`newsbook.quotes.table` (kept here under its old name).
QUOTE_COLUMNS = quote_table.COLUMNS
#: The sourcing table's columns, defined by :mod:`newsbook.sourcing` (kept here under its old name).
SOURCING_COLUMNS = src_mod.COLUMNS

#: The per-article analyses (:data:`newsbook.stages.ANALYSES`) each table is made from; a table
#: not named here (articles, removals, odd_paragraphs, problems) needs none and is always made.
TABLE_ANALYSES = {
    "readability": {"readability"}, "readability_raw": {"readability"},
    "quotes": {"quotes"}, "figures": {"figures"},
    "derivative_pairs": {"sentences"}, "alignments": {"sentences"}, "sentences": {"sentences"},
    "share_claims": {"sentences"},
    "statement_changes": {"quotes", "sentences"}, "sourcing": {"quotes", "sentences"},
    "unattributed_claims": {"quotes", "sentences"},
}


def analyses_for(tables) -> frozenset:
    """The per-article analyses that the named tables need (``None``: every table, every analysis)."""
    if tables is None:
        return ANALYSES
    known = set(TABLE_ANALYSES) | {"articles", "removals", "odd_paragraphs", "problems"}
    unknown = sorted(set(tables) - known)
    if unknown:
        raise ValueError(f"unknown table {', '.join(unknown)}")
    return frozenset().union(*(TABLE_ANALYSES.get(t, set()) for t in tables))


def progress(iterable, total: int, desc: str):
    """A progress bar on an interactive terminal; silent in CI and in pipes."""
    quiet = bool(os.environ.get("CI")) or not sys.stderr.isatty()
    if quiet:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="article", leave=False)


@dataclass
class Results:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    corpus: Corpus | None = None
    cache_hits: int = 0
    cache_misses: int = 0
    jsonl: list[dict] = field(default_factory=list)


RATES_PATH = Path(__file__).resolve().parents[2] / "data" / "reference" / "exchange_rates.csv"


def load_rates(rates_path: str | os.PathLike | None = None) -> dict:
    """The exchange-rate table (default: the project's ``data/reference/exchange_rates.csv``)."""
    rates_file = Path(rates_path) if rates_path else RATES_PATH
    rates = fig_mod.load_rates(rates_file) if rates_file.is_file() else {}
    if not rates:
        log.warning("no exchange-rate table at %s: value_usd only for US-dollar figures", rates_file)
    return rates


def analyse(corpus: Corpus, cache_dir: str | os.PathLike | None = None, n_process: int | None = None,
            rates_path: str | os.PathLike | None = None, scheduler: str | None = None,
            batch_size: int = 16, quote_method: str = "learned", tables=None) -> Results:
    """The tables for a loaded corpus: all of them (the book), or the named ``tables`` and whatever
    else the same analyses give (``newsbook quotes`` asks for ``["quotes"]`` and runs no readability,
    money or sourcing analysis).

    Args:
        cache_dir: parse cache folder (None: no cache).
        n_process: spaCy processes for a local run (default: one per core; 1 for small corpora).
        scheduler: None for a local run, ``"local"`` for a ``distributed.LocalCluster``, or the
            address of a running Dask scheduler; per-article stages then run as Dask tasks.
        batch_size: articles per ``nlp.pipe`` batch and per Dask partition.
        quote_method: ``"learned"`` (the CRF over the rules) or ``"rules"``
            (:func:`newsbook.quotes.model.extract`).
        tables: names of the tables wanted (see :data:`TABLE_ANALYSES`); None for all.
    """
    from newsbook.resultcache import ResultCache, corpus_key, result_key, usable_cache_dir

    cache_dir = usable_cache_dir(cache_dir)
    rates = load_rates(rates_path)
    analyses = analyses_for(tables)
    # articles whose results are cached (same text, metadata, code, model, rates) are not redone;
    # a corpus whose every article and problem is unchanged reuses its assembled tables too. A run
    # limited to some analyses first looks for a full run's results (the book's), which hold them all.
    known = {}
    whole = None
    if cache_dir is not None:
        results_cache = ResultCache(cache_dir)
        ids = [analysis_id(quote_method)] + ([analysis_id(quote_method, analyses)] if analyses != ANALYSES else [])
        keys = {i: [result_key(a, i, rates) for a in corpus.articles] for i in ids}
        wholes = [corpus_key(keys[i], corpus.problems) for i in ids]
        whole = wholes[-1]
        for key in wholes:
            tables_hit = results_cache.get(key)
            if tables_hit is not None:
                found, jsonl = tables_hit
                n = len(corpus.articles)
                if analyses != ANALYSES:
                    found = {name: t for name, t in found.items() if TABLE_ANALYSES.get(name, set()) <= analyses}
                return Results(tables=found, corpus=corpus, cache_hits=n, cache_misses=0, jsonl=jsonl)
        for i in ids:
            for a, key in zip(corpus.articles, keys[i]):
                hit = None if a.doc_id in known else results_cache.get(key)
                if hit is not None:
                    hit.cached = True
                    known[a.doc_id] = hit
    articles = [a for a in corpus.articles if a.doc_id not in known]
    results = list(known.values())
    if articles and scheduler:
        from newsbook.distributed import analyse_on_dask

        results += analyse_on_dask(articles, cache_dir, rates, scheduler, batch_size, quote_method, analyses)
    elif articles:
        procs = n_process or (default_processes() if len(articles) >= 4 * batch_size else 1)
        if procs > 1:
            stream = parallel_results(articles, cache_dir, rates, batch_size, procs, quote_method, analyses)
        else:
            stream = iter_article_results(articles, cache_dir, rates, batch_size, 1, quote_method, analyses)
        for r in progress(stream, len(articles), "analysing"):
            results.append(r)
    assembled = assemble(corpus, results, analyses)
    if whole is not None:
        results_cache.put(whole, (assembled.tables, assembled.jsonl))
    return assembled


def assemble(corpus: Corpus, results: list[ArticleResult], analyses=None) -> Results:
    """The corpus-level tables from the per-article results (in corpus order): every table, or
    those that the named per-article ``analyses`` give (:data:`TABLE_ANALYSES`)."""
    analyses = chosen_analyses(analyses)
    order = {a.doc_id: k for k, a in enumerate(corpus.articles)}
    results = sorted(results, key=lambda r: order[r.doc_id])
    rows = {name: [row for r in results for row in r.rows[name]] for name in ARTICLE_TABLES}
    sentences = {r.doc_id: r.sentences for r in results}
    tables: dict[str, pd.DataFrame] = {}
    tables["articles"] = pd.DataFrame(rows["articles"])
    tables["removals"] = clean_mod.removals_table(rows["removals"])
    tables["odd_paragraphs"] = clean_mod.odd_paragraphs_table(rows["odd_paragraphs"])
    if "readability" in analyses:
        tables["readability"] = read_mod.to_frame(rows["readability"])
        tables["readability_raw"] = read_mod.to_frame(rows["readability_raw"])
    if "quotes" in analyses:
        tables["quotes"] = pd.DataFrame(rows["quotes"], columns=QUOTE_COLUMNS)
        for col in ("cue_start", "cue_end", "speaker_start", "speaker_end"):
            tables["quotes"][col] = tables["quotes"][col].astype("Int64")
    if "figures" in analyses:
        tables["figures"] = fig_mod.figures_table(rows["figures"])
    if "sentences" in analyses:
        _sourcing_tables(tables, corpus, results, sentences)
    tables["problems"] = pd.DataFrame([{"where": p.where, "message": p.message, "level": p.level}
                                       for p in corpus.problems], columns=["where", "message", "level"])
    hits = sum(r.cached for r in results)
    return Results(tables=tables, corpus=corpus, cache_hits=hits, cache_misses=len(results) - hits,
                   jsonl=[r.jsonl for r in results if r.jsonl is not None])


def _sourcing_tables(tables: dict, corpus: Corpus, results: list[ArticleResult], sentences: dict) -> None:
    """The corpus-level tables made from sentence records (and, where there is a quotes table, from it)."""
    published = {a.doc_id: a.get("published") for a in corpus.articles}
    signatures = {r.doc_id: r.signature for r in results if r.signature is not None}
    pairs, aligns = src_mod.find_derivatives(sentences, published,
                                             signatures if len(signatures) == len(results) else None)
    tables["derivative_pairs"] = pairs
    tables["alignments"] = aligns
    # sentence boundaries (offsets into the text as loaded) that the alignments' indices refer to
    tables["sentences"] = pd.DataFrame([{"doc_id": s.doc_id, "sentence": s.index, "start": s.start, "end": s.end}
                                        for r in results for s in r.sentences],
                                       columns=["doc_id", "sentence", "start", "end"])
    tables["share_claims"] = shares_mod.claims_table(corpus.articles, sentences)
    if "quotes" not in tables:
        return
    tables["statement_changes"] = src_mod.statement_changes(tables["quotes"], aligns, sentences, pairs)
    quotes_by_doc = dict(tuple(tables["quotes"].groupby("doc_id", sort=False)))
    spans = src_mod.attribution_spans_by_article(tables["quotes"])
    tables["sourcing"] = src_mod.sourcing_table(tables, sentences, quotes_by_doc, spans)
    tables["unattributed_claims"] = src_mod.unattributed_claims_table(
        [a.doc_id for a in corpus.articles], tables["quotes"], quotes_by_doc, sentences, spans)


def run(corpus_dir: str | os.PathLike | list, cache_dir=None, max_bytes: int | None = None,
        scheduler: str | None = None, n_process: int | None = None, batch_size: int = 16,
        columns: dict[str, str] | None = None, dates: str | None = None,
        quote_method: str = "learned", tables=None) -> Results:
    """Load a corpus (one or more paths, see :func:`load_corpus`) and analyse it (see :func:`analyse`;
    ``tables`` limits the run to what the named tables need)."""
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    corpus = load_corpus(corpus_dir, columns=columns, dates=dates, **kwargs)
    for p in corpus.problems:
        log.warning("%s", p)
    return analyse(corpus, cache_dir=cache_dir, scheduler=scheduler, n_process=n_process, batch_size=batch_size,
                   quote_method=quote_method, tables=tables)
