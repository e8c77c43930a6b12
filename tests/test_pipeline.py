"""The analysis tables for a small generated corpus (no book build)."""

import pandas as pd

from newsbook.corpus import load_corpus
from newsbook.pipeline import analyse, progress

EN = ("Officials in Astana said on Tuesday that trade with China grew last year. "
      "“The railway is very important,” said Niva Yau, a fellow at the Atlantic Council.\n"
      "Analysts expect the corridor to carry more freight next year, when a new terminal opens.\n")
RU = ("Официальные лица в Астане заявили во вторник, что торговля с Китаем выросла в прошлом году. "
      "Аналитики ожидают, что коридор будет перевозить больше грузов в следующем году.\n")


def test_non_english_articles_are_kept_for_sourcing_only(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "ru.txt").write_bytes(RU.encode("cp1251"))
    res = analyse(load_corpus(tmp_path), cache_dir=tmp_path.parent / "cache")
    t = res.tables
    arts = t["articles"].set_index("doc_id")
    assert arts.loc["ru", "detected_language"] == "ru" and not arts.loc["ru", "english_measures"]
    assert arts.loc["ru", "encoding"] == "cp1251"
    assert set(t["readability"].doc_id) == {"en"}
    assert set(t["quotes"].doc_id) == {"en"}
    assert set(t["sourcing"].doc_id) == {"en", "ru"}
    q = t["quotes"][t["quotes"].type == "direct"].iloc[0]
    # the learned default keeps a direct quotation's marks, as attribution corpora mark it
    assert EN[q.start:q.end] == "“The railway is very important,”"
    rules = analyse(load_corpus(tmp_path), cache_dir=tmp_path.parent / "cache", quote_method="rules")
    q = rules.tables["quotes"][rules.tables["quotes"].type == "direct"].iloc[0]
    assert EN[q.start:q.end] == "The railway is very important,"


def test_progress_is_silent_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    items = [1, 2, 3]
    assert progress(items, 3, "x") is items


def test_tables_are_deterministic(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    a = analyse(load_corpus(tmp_path), cache_dir=tmp_path.parent / "c1").tables
    b = analyse(load_corpus(tmp_path), cache_dir=None).tables
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False)


def test_result_cache_reuses_unchanged_articles_only(tmp_path):
    from newsbook.resultcache import ResultCache

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(EN, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(EN.replace("Astana", "Bishkek"), encoding="utf-8")
    cache = tmp_path / "cache"
    first = analyse(load_corpus(corpus_dir), cache_dir=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 2)
    pickles = sorted(p.name for p in (cache / "results").glob("*.npz"))
    assert len([p for p in pickles if not p.startswith("corpus-")]) == 2  # one per article
    assert len([p for p in pickles if p.startswith("corpus-")]) == 1  # the assembled tables
    (corpus_dir / "b.txt").write_text(EN.replace("Astana", "Dushanbe"), encoding="utf-8")
    second = analyse(load_corpus(corpus_dir), cache_dir=cache)
    assert (second.cache_hits, second.cache_misses) == (1, 1)
    third = analyse(load_corpus(corpus_dir), cache_dir=cache)  # nothing changed: the tables are reused
    assert (third.cache_hits, third.cache_misses) == (2, 0)
    fresh = analyse(load_corpus(corpus_dir), cache_dir=None)
    for name in fresh.tables:
        pd.testing.assert_frame_equal(fresh.tables[name], second.tables[name], obj=name)
        pd.testing.assert_frame_equal(fresh.tables[name], third.tables[name], obj=name)
    assert fresh.jsonl == third.jsonl
    assert ResultCache(None).get("x") is None


def test_a_figure_in_a_statement_without_a_source_is_an_unattributed_claim(tmp_path):
    text = ("Trade between the two countries is expected to reach $50 billion by 2030.\n"
            "Officials said the new railway would carry 20 million tonnes of freight a year.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    tables = analyse(load_corpus(tmp_path), cache_dir=None).tables
    quotes = tables["quotes"]
    assert sorted(quotes.speaker_mention.tolist()) == ["", "Officials"]  # both are statements
    claims = tables["unattributed_claims"].text.tolist()
    assert claims == ["Trade between the two countries is expected to reach $50 billion by 2030."]
    row = tables["sourcing"].iloc[0]
    assert row.unnamed == 1  # "Officials"; the expectation has no source to count


def test_an_article_over_spacys_length_limit_is_parsed_in_pieces(tmp_path):
    """A 1.2M-character article (spaCy parses at most 1,000,000 at once) is analysed; the others are untouched."""
    head = "Officials in Astana said on Tuesday that trade with China grew last year.\n"
    tail = "“The railway is very important,” said Niva Yau, a fellow at the Atlantic Council.\n"
    # long runs without spaces (a pasted data blob) keep the parse fast; the quotation sits past the first piece
    blob = "".join(f"{i:06d}" + "x" * 993 + "\n" for i in range(1200))
    long_text = head + blob + tail
    assert len(long_text) > 1_200_000
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "long.txt").write_text(long_text, encoding="utf-8")
    (corpus_dir / "short.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "short.txt").write_text(EN, encoding="utf-8")
    res = analyse(load_corpus(corpus_dir), cache_dir=tmp_path / "cache")
    assert res.tables["problems"].empty
    quotes = res.tables["quotes"]
    far = quotes[(quotes.doc_id == "long") & (quotes.start > 1_000_000)]
    assert far.speaker.tolist() == ["Niva Yau"]  # offsets still into the text as loaded
    assert long_text[far.start.iloc[0]:far.end.iloc[0]].strip("“”") == "The railway is very important,"
    alone = analyse(load_corpus(tmp_path / "alone"), cache_dir=None).tables
    for name in ("quotes", "readability", "figures"):
        mine = res.tables[name][res.tables[name].doc_id == "short"].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone[name], obj=name, check_dtype=False)
    again = analyse(load_corpus(corpus_dir), cache_dir=tmp_path / "cache", n_process=1)  # and from the cache
    pd.testing.assert_frame_equal(again.tables["quotes"], quotes)


def test_long_text_pieces_join_to_the_text():
    from newsbook.parse import _pieces

    text = "a b\n" * 10 + "c" * 25 + "\n" + "d e " * 8
    for limit in (5, 7, 12, 30):
        pieces = _pieces(text, limit)
        assert "".join(pieces) == text and all(0 < len(p) <= limit for p in pieces)
    assert _pieces("short\n", 100) == ["short\n"]


def test_stages_and_dask_runner_do_not_import_the_pipeline():
    """The per-article stages are one module the pipeline and the Dask runner both use, not each other."""
    import ast
    import inspect

    from newsbook import distributed, resultcache, stages

    def imported(module):
        names = set()
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom):
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        return names

    assert "newsbook.stages" in imported(distributed) and "newsbook.pipeline" not in imported(distributed)
    assert "newsbook.pipeline" not in imported(resultcache)
    # the quote rows come from the quotes package, not from the pipeline
    assert "newsbook.pipeline" not in imported(stages) and "newsbook.quotes.table" in imported(stages)


def test_each_analysis_module_owns_its_table_columns(tmp_path):
    from newsbook import clean, figures, readability, sourcing
    from newsbook.quotes import table as quote_table

    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    t = analyse(load_corpus(tmp_path), cache_dir=None).tables
    assert list(t["sourcing"].columns) == sourcing.COLUMNS
    assert list(t["unattributed_claims"].columns) == sourcing.CLAIM_COLUMNS
    assert list(t["figures"].columns) == figures.COLUMNS
    assert list(t["removals"].columns) == clean.REMOVAL_COLUMNS
    assert list(t["odd_paragraphs"].columns) == clean.ODD_PARAGRAPH_COLUMNS
    assert list(t["readability"].columns) == readability.COLUMNS
    assert list(t["quotes"].columns) == quote_table.COLUMNS


def test_a_run_for_some_tables_runs_only_their_analyses_and_gives_the_same_tables(tmp_path):
    """`newsbook quotes` asks for the quotes table: no readability, money or sourcing analysis runs,
    and its quotes are the full run's; a later full run does not take the partial results for its own."""
    import pytest

    from newsbook.pipeline import analyses_for

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(EN + "Kazakhstan exported $2.5 billion of grain to China.\n", encoding="utf-8")
    (corpus_dir / "b.txt").write_text(EN.replace("Astana", "Bishkek"), encoding="utf-8")
    assert analyses_for(["quotes"]) == {"quotes"}
    assert analyses_for(["sourcing"]) == {"quotes", "sentences"}
    with pytest.raises(ValueError, match="unknown table quotations"):
        analyses_for(["quotations"])
    full = analyse(load_corpus(corpus_dir), cache_dir=None).tables
    cache = tmp_path / "cache"
    only = analyse(load_corpus(corpus_dir), cache_dir=cache, tables=["quotes"])
    assert sorted(only.tables) == ["articles", "odd_paragraphs", "problems", "quotes", "removals"]
    assert only.cache_misses == 2
    pd.testing.assert_frame_equal(only.tables["quotes"], full["quotes"])
    # the cached quotes-only results are reused by the next quotes-only run; a full one analyses
    # again (from the parse cache) and has every table
    assert analyse(load_corpus(corpus_dir), cache_dir=cache, tables=["quotes"]).cache_hits == 2
    complete = analyse(load_corpus(corpus_dir), cache_dir=cache).tables
    assert sorted(complete) == sorted(full) and len(full["figures"]) > 0
    for name in full:
        pd.testing.assert_frame_equal(complete[name], full[name], obj=name)
    # after a full run (a built book), a quotes-only run is answered from its tables
    (corpus_dir / "c.txt").write_text(EN.replace("Astana", "Tashkent"), encoding="utf-8")
    analyse(load_corpus(corpus_dir), cache_dir=cache)
    again = analyse(load_corpus(corpus_dir), cache_dir=cache, tables=["figures"])
    assert (again.cache_hits, again.cache_misses) == (3, 0) and "quotes" not in again.tables
    assert sorted(again.tables["figures"].doc_id.unique()) == ["a"]


def test_a_readability_run_on_many_articles_uses_worker_processes_for_its_analysis_only(tmp_path):
    from newsbook.pipeline import analyse as run_analysis

    for k in range(4):
        (tmp_path / f"a{k}.txt").write_text(EN.replace("Astana", f"Astana {k}"), encoding="utf-8")
    res = run_analysis(load_corpus(tmp_path), cache_dir=None, n_process=2, batch_size=2, tables=["readability"])
    assert sorted(res.tables) == ["articles", "odd_paragraphs", "problems", "readability", "readability_raw",
                                  "removals"]
    assert res.tables["readability"].doc_id.nunique() == 4


def test_the_pipeline_imports_without_spacy():
    """A rebuild answered from the result cache, and the parent of the worker processes, never
    load spaCy: only the workers that parse do."""
    import subprocess
    import sys

    code = "import sys, newsbook.pipeline, newsbook.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False"
