from newsbook.clean import clean_text
from newsbook.sourcing import _longest_increasing, find_derivatives, sentence_records


def _sentences(corpus, nlp):
    out = {}
    for a in corpus:
        cl = clean_text(a.text, a.get("title"))
        out[a.doc_id] = sentence_records(a.doc_id, nlp(cl.text), cl.to_raw)
    return out


def test_longest_increasing_chain():
    matches = [(0, 0, 1.0), (5, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]
    assert [i for i, _, _ in _longest_increasing(matches)] == [0, 1, 2, 3]


def test_the_reworded_copies_are_paired_and_nothing_else(corpus, nlp):
    sents = _sentences(corpus, nlp)
    published = {a.doc_id: a.get("published") for a in corpus}
    pairs, aligns = find_derivatives(sents, published)
    found = pairs[pairs.is_derivative]
    assert list(zip(found.source_id, found.derivative_id)) == [("nyt-rewrite-2024-07", "timesquare-rewrite-2024-07")]
    assert len(aligns) == int(found.aligned_sentences.iloc[0])
    # same-event reports are candidates at most, never derivatives
    assert not pairs[(pairs.derivative_id == "bylinetimes-2024-07-04")].is_derivative.any()


def test_same_event_reports_are_not_copies(nlp):
    a = ("Leaders of China and Russia met in Astana on Wednesday for the summit. Xi Jinping praised the host. "
         "Vladimir Putin spoke about security. Trade between the countries grew last year. "
         "The group admitted Belarus as a member. Analysts said the meeting showed China's rising weight.")
    b = ("Analysts said China's rising weight was clear at the gathering. Belarus joined the group as its newest member. "
         "Security was the theme of Vladimir Putin's speech. Xi Jinping thanked the host country. "
         "Trade grew last year between the countries. Leaders met in Astana for the summit on Wednesday.")
    sents = {"a": sentence_records("a", nlp(a)), "b": sentence_records("b", nlp(b))}
    pairs, _ = find_derivatives(sents, {"a": "2024-07-03", "b": "2024-07-04"})
    assert not pairs.is_derivative.any()


def test_what_the_copy_did_with_the_sources_statements(corpus, nlp):

    from newsbook.pipeline import analyse
    from newsbook.report import derivative_findings, lost_voices

    t = analyse(corpus, cache_dir=None).tables
    changes = t["statement_changes"]
    src = changes[changes.side == "source"]
    assert set(src.status) <= {"kept", "speaker dropped", "dropped"}
    # the paraphrase drops every named expert of the original
    experts = set(t["quotes"][(t["quotes"].doc_id == "nyt-rewrite-2024-07") & (t["quotes"].speaker_kind == "expert")].speaker)
    assert experts and experts <= set(lost_voices(changes).speaker)
    text = derivative_findings(t["articles"], t["derivative_pairs"], changes)[0]
    assert text.startswith("timesquare-rewrite-2024-07 (")
    assert "Theresa Fallon" in text


def test_translation_is_flagged_from_the_text():
    from newsbook.language import language_code, translated_from

    note = "This is a translation of an article we originally published in Russian. It was translated into English."
    assert translated_from(note) == "Russian" and language_code("Russian") == "ru"
    assert translated_from("Officials translated the treaty into three languages.") == ""


def test_the_dense_sentence_matrix_over_a_shared_vocabulary(corpus, nlp):
    import numpy as np

    from newsbook.sourcing import _dense, signature

    sents = _sentences(list(corpus)[:2], nlp)
    a, b = (signature(s) for s in sents.values())
    vocab = np.intersect1d(a.cols, b.cols)
    assert len(vocab) > 10
    dense = _dense(a, vocab)
    column = {v: k for k, v in enumerate(vocab.tolist())}
    expected = np.zeros_like(dense)
    for r, c in zip(a.rows.tolist(), a.cols.tolist()):
        if c in column:
            expected[r, column[c]] = 1.0
    assert (dense == expected).all() and dense.sum() > 0
    assert _dense(a, vocab[:0]).shape == (a.sentences, 0)


def test_attribution_spans_of_every_article_at_once(corpus):
    import pandas as pd

    from newsbook.pipeline import analyse
    from newsbook.sourcing import attribution_spans_by_article

    quotes = analyse(corpus, cache_dir=None).tables["quotes"]
    spans = attribution_spans_by_article(quotes)
    expected: dict = {}
    for row in quotes.itertuples():  # statements that mention a source: their content and their cue
        if isinstance(row.speaker_mention, str) and row.speaker_mention.strip():
            expected.setdefault(row.doc_id, []).append((row.start, row.end))
            if not pd.isna(row.cue_start):
                expected[row.doc_id].append((int(row.cue_start), int(row.cue_end)))
    assert {d: sorted(v) for d, v in spans.items()} == {d: sorted(v) for d, v in expected.items()}
    assert sum(map(len, spans.values())) > len(corpus)


def test_an_alignment_with_the_shared_lemmas_passed_in_is_the_same(corpus, nlp):
    import numpy as np

    from newsbook.sourcing import align, signature

    sents = _sentences(corpus, nlp)
    a, b = signature(sents["nyt-rewrite-2024-07"]), signature(sents["timesquare-rewrite-2024-07"])
    shared = np.intersect1d(np.unique(a.cols), np.unique(b.cols), assume_unique=True)
    chain = align(a, b)
    assert len(chain) >= 5 and align(a, b, shared) == chain
