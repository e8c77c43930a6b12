"""Per-article stages: clean, parse, then every per-article analysis, one article at a time.

This is the one place where an article's stages run, whoever runs them: a local
loop (:func:`iter_article_results`), a pool of worker processes
(:func:`parallel_results`) or a Dask task (:func:`analyse_partition`, used by
:mod:`newsbook.distributed`). :mod:`newsbook.pipeline` assembles the corpus-level
tables from the results.

Each analysis module builds its own rows and owns its table's columns
(:mod:`newsbook.clean`, :mod:`newsbook.readability`, :mod:`newsbook.figures`,
:mod:`newsbook.sourcing`); :data:`ARTICLE_TABLES` names the per-article tables in
the order they are assembled.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass

from newsbook import clean as clean_mod
from newsbook import figures as fig_mod
from newsbook import language as lang_mod
from newsbook.quotes import model as quote_model
from newsbook.quotes.table import quote_rows
from newsbook import readability as read_mod
from newsbook import sourcing as src_mod
from newsbook.parse import ParseCache, load_nlp, model_id, parse_batch


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

#: The per-article analyses a run can be limited to (the book runs them all; ``newsbook quotes``
#: only "quotes"). Cleaning and the ``articles``/``removals``/``odd_paragraphs`` rows always run;
#: "sentences" is the sentence records and signatures that the corpus-level sourcing tables need.
ANALYSES = frozenset({"readability", "quotes", "figures", "sentences"})


def chosen_analyses(analyses=None) -> frozenset:
    """The analyses to run: ``None`` means all of them; an unknown name is a ValueError."""
    if analyses is None:
        return ANALYSES
    chosen = frozenset(analyses)
    unknown = chosen - ANALYSES
    if unknown:
        raise ValueError(f"unknown analysis {', '.join(sorted(unknown))} (known: {', '.join(sorted(ANALYSES))})")
    return chosen


def analysis_id(quote_method: str, analyses=None) -> str:
    """What, besides the code, the per-article results depend on: the parser, the quote model and,
    for a run limited to some analyses, which ones (a full run's id names none)."""
    model = quote_model.model_version() if quote_method == "learned" else ""
    chosen = chosen_analyses(analyses)
    only = "" if chosen == ANALYSES else "|only=" + ",".join(sorted(chosen))
    return f"{model_id()}|quotes={quote_method}:{model}{only}"


def article_row(article, cl) -> dict:
    """The ``articles`` row of one article: its metadata, decoding, language and sizes."""
    lang, lang_prob = cl.language, cl.language_confidence  # detected on the body paragraphs
    declared = article.get("language")
    return {
        "doc_id": article.doc_id, "file": article.file, "outlet": article.get("outlet"),
        "title": article.get("title"), "authors": article.get("authors"),
        "published": article.get("published"), "url": article.get("url"),
        "language": declared or lang, "detected_language": lang, "language_confidence": lang_prob,
        "translated_from": article.get("translated_from") or lang_mod.language_code(lang_mod.translated_from(cl.text)),
        "translation_note": lang_mod.translated_from(article.text),
        "encoding": article.encoding, "characters": len(article.text),
        "words_raw": len(article.text.split()), "words": len(cl.text.split()),
        "paragraphs": len(cl.paragraphs), "paragraphs_kept": len(cl.kept),
        "furniture_removed": len(cl.removals), "english_measures": (declared or lang) == "en",
        "notes": article.get("notes"),
    }


def analyse_article(article, cl, doc, rates: dict, nlp, quote_method: str = "learned",
                    analyses=None) -> ArticleResult:
    """The per-article analyses of one cleaned, parsed article (a pure function of its inputs):
    all of them, or those named in ``analyses`` (see :data:`ANALYSES`); the others' rows stay empty."""
    chosen = chosen_analyses(analyses)
    rows: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    rows["articles"].append(article_row(article, cl))
    english = rows["articles"][0]["english_measures"]
    rows["odd_paragraphs"] = clean_mod.odd_paragraph_rows(article.doc_id, cl, cl.language)
    rows["removals"] = clean_mod.removal_rows(article.doc_id, cl)
    jsonl = None
    if english and "readability" in chosen:
        rows["readability"], rows["readability_raw"] = read_mod.article_rows(article.doc_id, article.text, cl)
    if english and "quotes" in chosen:
        rows["quotes"], q_json = quote_rows(article.doc_id, doc, cl, quote_method)
        jsonl = {"id": article.doc_id, "quotes": q_json}
    if "figures" in chosen:
        rows["figures"] = fig_mod.figure_rows(article, doc, cl, rates, nlp)
    sentences, signature = [], None
    if "sentences" in chosen:
        sentences = src_mod.sentence_records(article.doc_id, doc, cl.to_raw)
        signature = src_mod.signature(sentences)
    return ArticleResult(article.doc_id, rows, sentences, jsonl, cached=False, signature=signature)


def analyse_partition(articles: list, cache_dir, rates: dict, batch_size: int = 16,
                      n_process: int = 1, quote_method: str = "learned", analyses=None) -> list[ArticleResult]:
    """Clean, parse (through the cache) and analyse a list of articles, in order.

    This is the unit of work of a Dask task and of a pool worker; in a worker process
    the spaCy model is loaded once (``load_nlp`` is cached) and reused by every partition.
    """
    return list(iter_article_results(articles, cache_dir, rates, batch_size, n_process, quote_method, analyses))


_frozen = False


def _freeze_loaded_models() -> None:
    """In a worker process, once: what is loaded now (spaCy, the quote model) lives as long as the
    process, so the cycle collector need not walk it again at every collection that the per-token
    feature lists set off (about a tenth of the quotes stage). The main process is left alone: it
    may run many analyses, and what it frees between them must stay collectable."""
    global _frozen
    import multiprocessing

    if not _frozen and multiprocessing.parent_process() is not None:
        gc.freeze()
        _frozen = True


def iter_article_results(articles, cache_dir, rates, batch_size: int = 16, n_process: int = 1,
                         quote_method: str = "learned", analyses=None):
    """Stream ArticleResults: batches of articles flow through ``nlp.pipe``, never the whole corpus.

    Each result is also written to the result cache (:mod:`newsbook.resultcache`).
    """
    from newsbook.resultcache import ResultCache, result_key

    nlp = load_nlp()
    if quote_method == "learned" and "quotes" in chosen_analyses(analyses):
        from newsbook.quotes.selector import load_selector

        quote_model.load_tagger()
        load_selector()
    _freeze_loaded_models()
    analysis = analysis_id(quote_method, analyses)
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
            result = analyse_article(a, c, doc, rates, nlp, quote_method, analyses)
            results_cache.put(result_key(a, analysis, rates), result)
            result.cached = hit
            yield result


def default_processes() -> int:
    return max(1, os.cpu_count() or 1)


def parallel_results(articles, cache_dir, rates, batch_size: int, processes: int,
                      quote_method: str = "learned", analyses=None):
    """Partitions of articles analysed by a pool of worker processes, results in corpus order.

    Each worker loads the spaCy model once and runs clean, parse and every
    per-article analysis for its partitions, so the analyses run in parallel with
    the parse instead of after it. At most ``2 * processes`` partitions are in
    flight, so memory stays bounded by the batch size, not the corpus.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from newsbook.processes import end_child_processes, run_in_worker, start_forkserver, worker_initializer

    partitions = (articles[i:i + batch_size] for i in range(0, len(articles), batch_size))
    ctx = multiprocessing.get_context("forkserver")
    start_forkserver()
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=ctx, initializer=worker_initializer)
    try:
        pending: deque = deque()
        for part in partitions:
            pending.append(pool.submit(run_in_worker, analyse_partition, part, cache_dir, rates, batch_size, 1,
                                       quote_method, analyses))
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
