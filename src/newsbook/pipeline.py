"""Run every analysis over a corpus and return the book's tables.

The per-article stages (clean, parse, readability, quotes, figures, sentence
records) stream article by article; only small per-article results are kept.
Corpus-level stages (derivative pairs, source profiles) work on those results.
Each table is a pandas DataFrame with the columns documented in DESIGN.md.
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
from newsbook import language as lang_mod
from newsbook import quote_model
from newsbook import readability as read_mod
from newsbook import sourcing as src_mod
from newsbook.corpus import Corpus, load_corpus, parse_date
from newsbook.parse import ParseCache, load_nlp, model_id, parse_batch
from newsbook.places import institution_country, parties_in

log = logging.getLogger(__name__)

QUOTE_COLUMNS = [
    "doc_id", "quote_id", "type", "text", "start", "end", "cue", "cue_start", "cue_end",
    "speaker",  # the resolved name; the speakers of a joint statement joined by "; " (quotes.JOINT)
    "speaker_mention", "speaker_start", "speaker_end", "speaker_role", "speaker_org", "speaker_kind",
    # beyond the DESIGN.md schema: the country of the speaker's institution, where the text states it
    "speaker_country",
    # the rule or model path that found the statement (quotes.RULES, quote_model) and the model's
    # confidence in its content (blank for a rule's statement)
    "rule", "confidence",
    # the wire agency or outlet that relayed the statement ("..., Trend reports"), "" if none (quotes.Quote.via)
    "via",
]
SOURCING_COLUMNS = [
    "doc_id", "outlet", "published", "language", "translated_from", "words", "furniture_removed",
    "derivative_of", "derivative_similarity", "source_share_kept", "named_sources", "experts",
    "officials", "organisations", "media", "unnamed", "attributed_sentence_share",
]


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


@dataclass
class ArticleResult:
    """Everything the per-article stages produce for one article (small, picklable)."""

    doc_id: str
    rows: dict[str, list[dict]]
    sentences: list[src_mod.Sentence]
    jsonl: dict | None
    cached: bool
    signature: src_mod.Signature | None = None


#: Per-article tables, in the order they are assembled.
ARTICLE_TABLES = ("articles", "removals", "odd_paragraphs", "readability", "readability_raw", "quotes", "figures")
RATES_PATH = Path(__file__).resolve().parents[2] / "data" / "reference" / "exchange_rates.csv"


def load_rates(rates_path: str | os.PathLike | None = None) -> dict:
    """The exchange-rate table (default: the project's ``data/reference/exchange_rates.csv``)."""
    rates_file = Path(rates_path) if rates_path else RATES_PATH
    rates = fig_mod.load_rates(rates_file) if rates_file.is_file() else {}
    if not rates:
        log.warning("no exchange-rate table at %s: value_usd only for US-dollar figures", rates_file)
    return rates


def analyse_article(article, cl, doc, rates: dict, nlp, quote_method: str = "learned") -> ArticleResult:
    """All per-article analyses of one cleaned, parsed article (a pure function of its inputs)."""
    rows: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    lang, lang_prob = cl.language, cl.language_confidence  # detected on the body paragraphs
    declared = article.get("language")
    english = (declared or lang) == "en"
    rows["articles"].append({
        "doc_id": article.doc_id, "file": article.file, "outlet": article.get("outlet"),
        "title": article.get("title"), "authors": article.get("authors"),
        "published": article.get("published"), "url": article.get("url"),
        "language": declared or lang, "detected_language": lang, "language_confidence": lang_prob,
        "translated_from": article.get("translated_from") or lang_mod.language_code(lang_mod.translated_from(cl.text)),
        "translation_note": lang_mod.translated_from(article.text),
        "encoding": article.encoding, "characters": len(article.text),
        "words_raw": len(article.text.split()), "words": len(cl.text.split()),
        "paragraphs": len(cl.paragraphs), "paragraphs_kept": len(cl.kept),
        "furniture_removed": len(cl.removals), "english_measures": english,
        "notes": article.get("notes"),
    })
    rows["odd_paragraphs"] = [{"doc_id": article.doc_id, **row} for row in clean_mod.odd_paragraphs(cl, lang)]
    rows["removals"] = [{"doc_id": article.doc_id, "removal": k, "start": r.start, "end": r.end,
                         "reason": r.reason, "text": r.text} for k, r in enumerate(cl.removals)]
    jsonl = None
    if english:
        rows["readability"] = read_mod.readability_rows(article.doc_id, cl.text, [p.text for p in cl.kept])
        # the scores are a function of the text alone: an article with nothing cleaned away is not scored twice
        rows["readability_raw"] = ([dict(rows["readability"][0])] if article.text == cl.text else
                                   [read_mod.readability_rows(article.doc_id, article.text, [])[0]])
        rows["quotes"], q_json = _quote_rows(article.doc_id, doc, cl, quote_method)
        jsonl = {"id": article.doc_id, "quotes": q_json}
    rows["figures"] = _figure_rows(article, doc, cl, rates, nlp)
    sentences = src_mod.sentence_records(article.doc_id, doc, cl.to_raw)
    return ArticleResult(article.doc_id, rows, sentences, jsonl, cached=False,
                         signature=src_mod.signature(sentences))


def analyse_partition(articles: list, cache_dir, rates: dict, batch_size: int = 16,
                      n_process: int = 1, quote_method: str = "learned") -> list[ArticleResult]:
    """Clean, parse (through the cache) and analyse a list of articles, in order.

    This is the unit of work of a Dask task; in a worker process the spaCy model
    is loaded once (``load_nlp`` is cached) and reused by every partition.
    """
    return list(iter_article_results(articles, cache_dir, rates, batch_size, n_process, quote_method))


def iter_article_results(articles, cache_dir, rates, batch_size: int = 16, n_process: int = 1,
                         quote_method: str = "learned"):
    """Stream ArticleResults: batches of articles flow through ``nlp.pipe``, never the whole corpus.

    Each result is also written to the result cache (:mod:`newsbook.resultcache`).
    """
    from newsbook.resultcache import ResultCache, result_key

    nlp = load_nlp()
    cache = ParseCache(cache_dir)
    results_cache = ResultCache(cache_dir)
    it = iter(articles)
    while True:
        batch = [a for _, a in zip(range(batch_size), it)]
        if not batch:
            return
        cleaned = [clean_mod.clean_text(a.text, a.get("title")) for a in batch]
        # "reused" counts only parses actually read back (a damaged entry is parsed again)
        parsed = parse_batch([c.text for c in cleaned], nlp, cache, batch_size, n_process)
        for a, c, (doc, hit) in zip(batch, cleaned, parsed):
            result = analyse_article(a, c, doc, rates, nlp, quote_method)
            results_cache.put(result_key(a, analysis_id(quote_method), rates), result)
            result.cached = hit
            yield result


def default_processes() -> int:
    return max(1, os.cpu_count() or 1)


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
            (:func:`newsbook.quote_model.extract`).
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
            stream = _parallel_results(articles, cache_dir, rates, batch_size, procs, quote_method)
        else:
            stream = iter_article_results(articles, cache_dir, rates, batch_size, 1, quote_method)
        for r in progress(stream, len(articles), "analysing"):
            results.append(r)
    assembled = assemble(corpus, results)
    if whole is not None:
        results_cache.put(whole, (assembled.tables, assembled.jsonl))
    return assembled


def _parallel_results(articles, cache_dir, rates, batch_size: int, processes: int,
                      quote_method: str = "learned"):
    """Partitions of articles analysed by a pool of worker processes, results in corpus order.

    Each worker loads the spaCy model once and runs clean, parse and every
    per-article analysis for its partitions, so the analyses run in parallel with
    the parse instead of after it. At most ``2 * processes`` partitions are in
    flight, so memory stays bounded by the batch size, not the corpus.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from newsbook.processes import end_child_processes, worker_initializer

    partitions = (articles[i:i + batch_size] for i in range(0, len(articles), batch_size))
    ctx = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=ctx, initializer=worker_initializer)
    try:
        pending: deque = deque()
        for part in partitions:
            pending.append(pool.submit(analyse_partition, part, cache_dir, rates, batch_size, 1, quote_method))
            if len(pending) >= 2 * processes:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except (KeyboardInterrupt, GeneratorExit):
        # interrupted (or abandoned): end the workers now rather than wait for their partitions
        pool.shutdown(wait=False, cancel_futures=True)
        end_child_processes()
        raise
    pool.shutdown(wait=True)


def assemble(corpus: Corpus, results: list[ArticleResult]) -> Results:
    """The corpus-level tables from the per-article results (in corpus order)."""
    order = {a.doc_id: k for k, a in enumerate(corpus.articles)}
    results = sorted(results, key=lambda r: order[r.doc_id])
    rows = {name: [row for r in results for row in r.rows[name]] for name in ARTICLE_TABLES}
    sentences = {r.doc_id: r.sentences for r in results}
    tables: dict[str, pd.DataFrame] = {}
    tables["articles"] = pd.DataFrame(rows["articles"])
    tables["removals"] = pd.DataFrame(rows["removals"], columns=["doc_id", "removal", "start", "end", "reason", "text"])
    tables["odd_paragraphs"] = pd.DataFrame(rows["odd_paragraphs"], columns=[
        "doc_id", "start", "end", "language", "confidence", "script", "removed", "text"])
    tables["readability"] = read_mod.to_frame(rows["readability"])
    tables["readability_raw"] = read_mod.to_frame(rows["readability_raw"])
    tables["quotes"] = pd.DataFrame(rows["quotes"], columns=QUOTE_COLUMNS)
    for col in ("cue_start", "cue_end", "speaker_start", "speaker_end"):
        tables["quotes"][col] = tables["quotes"][col].astype("Int64")
    tables["figures"] = pd.DataFrame(rows["figures"], columns=fig_mod.COLUMNS)
    tables["figures"]["year"] = tables["figures"]["year"].astype("Int64")
    published = {a.doc_id: a.get("published") for a in corpus.articles}
    signatures = {r.doc_id: r.signature for r in results if r.signature is not None}
    pairs, aligns = src_mod.find_derivatives(sentences, published,
                                             signatures if len(signatures) == len(results) else None)
    tables["derivative_pairs"] = pairs
    tables["alignments"] = aligns
    tables["statement_changes"] = src_mod.statement_changes(tables["quotes"], aligns, sentences, pairs)
    quotes_by_doc = dict(tuple(tables["quotes"].groupby("doc_id", sort=False)))
    spans = src_mod.attribution_spans_by_article(tables["quotes"])
    tables["sourcing"] = _sourcing_table(tables, sentences, quotes_by_doc, spans)
    claims = []
    empty = tables["quotes"].iloc[0:0]
    for a in corpus.articles:
        claims.extend(src_mod.unattributed_numeric_claims(a.doc_id, quotes_by_doc.get(a.doc_id, empty),
                                                          sentences[a.doc_id], spans.get(a.doc_id, [])))
    tables["unattributed_claims"] = pd.DataFrame(claims, columns=["doc_id", "sentence", "start", "end", "text"])
    tables["problems"] = pd.DataFrame([{"where": p.where, "message": p.message, "level": p.level}
                                       for p in corpus.problems], columns=["where", "message", "level"])
    hits = sum(r.cached for r in results)
    return Results(tables=tables, corpus=corpus, cache_hits=hits, cache_misses=len(results) - hits,
                   jsonl=[r.jsonl for r in results if r.jsonl is not None])


def analysis_id(quote_method: str) -> str:
    """What, besides the code, the per-article results depend on: the parser and the quote model."""
    model = quote_model.model_version() if quote_method == "learned" else ""
    return f"{model_id()}|quotes={quote_method}:{model}"


def _quote_rows(doc_id: str, doc, cl, method: str = "learned") -> tuple[list[dict], list[dict]]:
    rows, json_quotes = [], []
    raw = cl.raw
    for n, q in enumerate(quote_model.extract(doc, cl.text, method), start=1):
        frags = [(cl.to_raw(s), cl.to_raw(e)) for s, e in q.content]
        cue = (cl.to_raw(q.cue[0]), cl.to_raw(q.cue[1])) if q.cue else None
        sp = q.speaker
        spk = (cl.to_raw(sp.start), cl.to_raw(sp.end)) if sp.start is not None else None
        rows.append({
            "doc_id": doc_id, "quote_id": f"{doc_id}-q{n:03d}", "type": q.type,
            "text": " … ".join(raw[s:e] for s, e in frags),
            "start": min(s for s, _ in frags), "end": max(e for _, e in frags),
            "cue": raw[cue[0]:cue[1]] if cue else "", "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None, "speaker": sp.name, "speaker_mention": sp.mention,
            "speaker_start": spk[0] if spk else None, "speaker_end": spk[1] if spk else None,
            "speaker_role": sp.role, "speaker_org": sp.org, "speaker_kind": sp.kind,
            "speaker_country": institution_country(sp.role, sp.org),
            "via": q.via, "rule": q.rule, "confidence": None if q.confidence is None else round(q.confidence, 3),
        })
        json_quotes.append({
            "type": q.type, "content": [{"start": s, "end": e} for s, e in frags],
            "cue": [{"start": cue[0], "end": cue[1]}] if cue else [],
            "speaker": [{"start": spk[0], "end": spk[1]}] if spk else [],
            "speaker_name": sp.name, "speaker_role": sp.role, "speaker_org": sp.org,
            "via": q.via, "rule": q.rule, "confidence": None if q.confidence is None else round(q.confidence, 3),
        })
    return rows, json_quotes


def _figure_rows(article, doc, cl, rates, nlp) -> list[dict]:
    """Money figures of the text as loaded; those in removed furniture are kept and flagged."""
    from newsbook.places import regions_in

    rows = []
    published = parse_date(article.get("published"))
    raw = article.text
    found = fig_mod.find_figures(raw)
    contexts = []
    for f in found:
        c = cl.to_clean(f.start)
        removal = cl.removal_at(f.start)
        if c is not None:
            span = doc.char_span(c, c + (f.end - f.start), alignment_mode="expand")
            sent = span.sent if span is not None else None
        else:
            sent = None
        if sent is not None:
            s_text, s_off, s_start = sent.text, c - sent.start_char, cl.to_raw(sent.start_char)
        else:  # inside removed furniture: the paragraph is the context
            para = next((p for p in cl.paragraphs if p.start <= f.start < p.end), None)
            s_text = para.text if para else raw[max(0, f.start - 200):f.end + 200]
            s_start = para.start if para else max(0, f.start - 200)
            s_off = f.start - s_start
        regions_before = regions_in(raw[:s_start + s_off])
        if sent is None:  # furniture is not in the parsed text: parse its paragraph alone
            pdoc = nlp(s_text)
            span = pdoc.char_span(s_off, s_off + (f.end - f.start), alignment_mode="expand")
            sent, c = (span.sent, s_off) if span is not None else (None, None)
        if sent is not None:
            parties = fig_mod.figure_parties(sent, c, c + (f.end - f.start), regions_before)
        else:
            parties = parties_in(s_text)
        contexts.append((s_text, s_off, parties, removal))
    measures = [fig_mod.measure_of(s_text, s_off) for s_text, s_off, _, _ in contexts]
    conversions = fig_mod.link_conversions(raw, found)
    repeats = fig_mod.link_repeats(found, measures)
    ids = [f"{article.doc_id}-m{n:02d}" for n in range(1, len(found) + 1)]
    years = [fig_mod.year_of(s_text, s_off, published) for s_text, s_off, _, _ in contexts]
    for i, f in enumerate(found):
        s_text, s_off, parties, removal = contexts[i]
        year = years[conversions[i]] if i in conversions else years[i]
        rows.append({
            "doc_id": article.doc_id, "figure_id": ids[i], "text": f.text, "start": f.start, "end": f.end,
            "value": f.value, "currency": f.currency, "scale": f.scale,
            "value_usd": fig_mod.to_usd(f.value, f.currency, f.scale, year, rates), "approx": f.approx,
            "measure": measures[conversions[i]] if i in conversions else measures[i],
            "parties": ";".join(parties), "year": year, "sentence": s_text.strip(),
            "conversion_of": ids[conversions[i]] if i in conversions else "",
            "repeat_of": ids[repeats[i]] if i in repeats else "",
            "furniture": removal.reason if removal is not None else "",
        })
    return rows


def _sourcing_table(tables: dict[str, pd.DataFrame], sentences, quotes_by_doc: dict, spans: dict) -> pd.DataFrame:
    arts = tables["articles"]
    pairs = tables["derivative_pairs"]
    derivatives = pairs[pairs.is_derivative] if len(pairs) else pairs
    first_source: dict = {}  # derivative -> its first (source, similarity, share kept), looked up once
    for d in derivatives.itertuples():
        first_source.setdefault(d.derivative_id, d)
    empty = tables["quotes"].iloc[0:0]
    rows = []
    for a in arts.itertuples():
        der = first_source.get(a.doc_id)
        row = {
            "doc_id": a.doc_id, "outlet": a.outlet, "published": a.published, "language": a.language,
            "translated_from": a.translated_from, "words": a.words, "furniture_removed": a.furniture_removed,
            "derivative_of": der.source_id if der is not None else "",
            "derivative_similarity": float(der.similarity) if der is not None else None,
            "source_share_kept": float(der.source_share_kept) if der is not None else None,
        }
        row.update(src_mod.source_profile(a.doc_id, quotes_by_doc.get(a.doc_id, empty), sentences[a.doc_id],
                                          spans.get(a.doc_id, [])))
        rows.append(row)
    return pd.DataFrame(rows, columns=SOURCING_COLUMNS)


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
