"""The parse and result caches hold data, never code; a bad entry or an unwritable folder is a miss, never fatal."""

import logging
import pickle

import pandas as pd
import pytest

from newsbook.corpus import load_corpus
from newsbook.parse import cache_key, load_nlp
from newsbook.pipeline import analyse, load_rates
from newsbook.resultcache import corpus_key, result_key
from newsbook.clean import clean_text

TEXT = ("Officials in Astana said on Tuesday that trade with China grew last year. "
        "“The railway is very important,” said Niva Yau, a fellow at the Atlantic Council.\n"
        "Analysts expect the corridor to carry more freight next year, when a new terminal opens.\n")


class _Touch:
    """Unpickling this object creates ``path`` (a stand-in for any command)."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("Astana", "Bishkek"), encoding="utf-8")
    return folder


def _entries(corpus, cache):
    """Every cache file the build would read for ``corpus``, under the names of every format."""
    from newsbook.pipeline import analysis_id

    rates, nlp = load_rates(), load_nlp()
    keys = [result_key(a, analysis_id("learned"), rates) for a in corpus.articles]
    results = [cache / "results" / f"{k}{ext}" for k in keys + [corpus_key(keys, corpus.problems)]
               for ext in (".pickle", ".npz")]
    parses = [cache / f"{cache_key(clean_text(a.text, a.get('title')).text, nlp)}{ext}"
              for a in corpus.articles for ext in (".spacy", ".nbparse")]
    return results + parses


def _same_tables(got, corpus_dir):
    fresh = analyse(load_corpus(corpus_dir), cache_dir=None)
    for name in fresh.tables:
        pd.testing.assert_frame_equal(got.tables[name], fresh.tables[name], obj=name)


def _no_temporary_files(cache):
    assert not [p for p in cache.rglob(".tmp-*")]


def test_a_crafted_pickle_in_the_cache_is_never_run(tmp_path, corpus_dir, caplog):
    corpus = load_corpus(corpus_dir)
    cache = tmp_path / "cache"
    marker = tmp_path / "pwned"
    for path in _entries(corpus, cache):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(_Touch(marker)))
    with caplog.at_level(logging.WARNING):
        got = analyse(corpus, cache_dir=cache)
    assert not marker.exists()
    assert (got.cache_hits, got.cache_misses) == (0, 2)
    assert "unreadable" in caplog.text
    _same_tables(got, corpus_dir)
    _no_temporary_files(cache)


def test_garbage_entries_are_misses_and_not_counted_as_reused(tmp_path, corpus_dir, caplog):
    cache = tmp_path / "cache"
    first = analyse(load_corpus(corpus_dir), cache_dir=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 2)
    written = [p for p in _entries(load_corpus(corpus_dir), cache) if p.is_file()]
    assert len(written) == 5  # two articles' results, the corpus's tables, two parses
    for path in written:
        path.write_bytes(b"\x00garbage" * 10)
    with caplog.at_level(logging.WARNING):
        again = analyse(load_corpus(corpus_dir), cache_dir=cache)
    assert (again.cache_hits, again.cache_misses) == (0, 2)  # damaged parses are parsed again, not "reused"
    assert caplog.text.count("unreadable") == 5
    _same_tables(again, corpus_dir)
    third = analyse(load_corpus(corpus_dir), cache_dir=cache)  # the entries were rewritten whole
    assert (third.cache_hits, third.cache_misses) == (2, 0)
    _same_tables(third, corpus_dir)


def test_an_entry_that_is_a_folder_is_a_miss_and_leaves_no_temporary_file(tmp_path, corpus_dir, caplog):
    corpus = load_corpus(corpus_dir)
    cache = tmp_path / "cache"
    for path in _entries(corpus, cache):
        path.mkdir(parents=True)
    with caplog.at_level(logging.WARNING):
        got = analyse(corpus, cache_dir=cache)
    assert (got.cache_hits, got.cache_misses) == (0, 2)
    assert "not a file" in caplog.text
    _same_tables(got, corpus_dir)
    _no_temporary_files(cache)


def test_a_cache_folder_that_cannot_be_written_runs_uncached_with_one_warning(tmp_path, corpus_dir, caplog):
    # a folder under a regular file cannot be created, not even by root (chmod would not stop root)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        got = analyse(load_corpus(corpus_dir), cache_dir=blocker / "cache")
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and "cache" in r.getMessage()]
    assert len(warnings) == 1 and "cannot be written" in warnings[0].getMessage()
    assert (got.cache_hits, got.cache_misses) == (0, 2)
    _same_tables(got, corpus_dir)
