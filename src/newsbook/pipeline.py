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
from newsbook.stages import (ARTICLE_TABLES, ArticleResult, analyse_article, analyse_partition,  # noqa: F401
                             analysis_id, default_processes, iter_article_results, parallel_results)

log = logging.getLogger(__name__)

#: The quotes table's columns, defined by :mod:`newsbook.quotes.table` (kept here under its old name).
QUOTE_COLUMNS = quote_table.COLUMNS
#: The sourcing table's columns, defined by :mod:`newsbook.sourcing` (kept here under its old name).
SOURCING_COLUMNS = src_mod.COLUMNS


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
            batch_size: int = 16, quote_method: str = "learned") -> Results:
    """All tables for a loaded corpus.

    Args:
        cache_dir: parse cache folder (None: no cache).
        n_process: spaCy processes for a local run (default: one per core; 1 for small corpora).
        scheduler: None for a local run, ``"local"`` for a ``distributed.LocalCluster``, or the
            address of a running Dask scheduler; per-article stages then run as Dask tasks.
        batch_size: articles per ``nlp.pipe`` batch and per Dask partition.
        quote_method: ``"learned"`` (the CRF over the rules) or ``"rules"``
            (:func:`newsbook.quotes.model.extract`).
    """
    from newsbook.resultcache import ResultCache, corpus_key, result_key, usable_cache_dir

    cache_dir = usable_cache_dir(cache_dir)
    rates = load_rates(rates_path)
    # articles whose results are cached (same text, metadata, code, model, rates) are not redone;
    # a corpus whose every article and problem is unchanged reuses its assembled tables too
    known = {}
    whole = None
    if cache_dir is not None:
        results_cache, model = ResultCache(cache_dir), analysis_id(quote_method)
        keys = [result_key(a, model, rates) for a in corpus.articles]
        whole = corpus_key(keys, corpus.problems)
        tables_hit = results_cache.get(whole)
        if tables_hit is not None:
            tables, jsonl = tables_hit
            n = len(corpus.articles)
            return Results(tables=tables, corpus=corpus, cache_hits=n, cache_misses=0, jsonl=jsonl)
        for a, key in zip(corpus.articles, keys):
            hit = results_cache.get(key)
            if hit is not None:
                hit.cached = True
                known[a.doc_id] = hit
    articles = [a for a in corpus.articles if a.doc_id not in known]
    results = list(known.values())
    if articles and scheduler:
        from newsbook.distributed import analyse_on_dask

        results += analyse_on_dask(articles, cache_dir, rates, scheduler, batch_size, quote_method)
    elif articles:
        procs = n_process or (default_processes() if len(articles) >= 4 * batch_size else 1)
        if procs > 1:
            stream = parallel_results(articles, cache_dir, rates, batch_size, procs, quote_method)
        else:
            stream = iter_article_results(articles, cache_dir, rates, batch_size, 1, quote_method)
        for r in progress(stream, len(articles), "analysing"):
            results.append(r)
    assembled = assemble(corpus, results)
    if whole is not None:
        results_cache.put(whole, (assembled.tables, assembled.jsonl))
    return assembled


def assemble(corpus: Corpus, results: list[ArticleResult]) -> Results:
    """The corpus-level tables from the per-article results (in corpus order)."""
    order = {a.doc_id: k for k, a in enumerate(corpus.articles)}
    results = sorted(results, key=lambda r: order[r.doc_id])
    rows = {name: [row for r in results for row in r.rows[name]] for name in ARTICLE_TABLES}
    sentences = {r.doc_id: r.sentences for r in results}
    tables: dict[str, pd.DataFrame] = {}
    tables["articles"] = pd.DataFrame(rows["articles"])
    tables["removals"] = clean_mod.removals_table(rows["removals"])
    tables["odd_paragraphs"] = clean_mod.odd_paragraphs_table(rows["odd_paragraphs"])
    tables["readability"] = read_mod.to_frame(rows["readability"])
    tables["readability_raw"] = read_mod.to_frame(rows["readability_raw"])
    tables["quotes"] = pd.DataFrame(rows["quotes"], columns=QUOTE_COLUMNS)
    for col in ("cue_start", "cue_end", "speaker_start", "speaker_end"):
        tables["quotes"][col] = tables["quotes"][col].astype("Int64")
    tables["figures"] = fig_mod.figures_table(rows["figures"])
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
    tables["statement_changes"] = src_mod.statement_changes(tables["quotes"], aligns, sentences, pairs)
    quotes_by_doc = dict(tuple(tables["quotes"].groupby("doc_id", sort=False)))
    spans = src_mod.attribution_spans_by_article(tables["quotes"])
    tables["sourcing"] = src_mod.sourcing_table(tables, sentences, quotes_by_doc, spans)
    tables["unattributed_claims"] = src_mod.unattributed_claims_table(
        [a.doc_id for a in corpus.articles], tables["quotes"], quotes_by_doc, sentences, spans)
    tables["share_claims"] = shares_mod.claims_table(corpus.articles, sentences)
    tables["problems"] = pd.DataFrame([{"where": p.where, "message": p.message, "level": p.level}
                                       for p in corpus.problems], columns=["where", "message", "level"])
    hits = sum(r.cached for r in results)
    return Results(tables=tables, corpus=corpus, cache_hits=hits, cache_misses=len(results) - hits,
                   jsonl=[r.jsonl for r in results if r.jsonl is not None])


def run(corpus_dir: str | os.PathLike | list, cache_dir=None, max_bytes: int | None = None,
        scheduler: str | None = None, n_process: int | None = None, batch_size: int = 16,
        columns: dict[str, str] | None = None, dates: str | None = None,
        quote_method: str = "learned") -> Results:
    """Load a corpus (one or more paths, see :func:`load_corpus`) and analyse it (see :func:`analyse`)."""
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    corpus = load_corpus(corpus_dir, columns=columns, dates=dates, **kwargs)
    for p in corpus.problems:
        log.warning("%s", p)
    return analyse(corpus, cache_dir=cache_dir, scheduler=scheduler, n_process=n_process, batch_size=batch_size,
                   quote_method=quote_method)
