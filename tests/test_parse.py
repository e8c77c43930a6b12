"""Parsing: the memoised attribute ruler and lemmatizer, and the DocBin parse cache, on real articles."""

from __future__ import annotations

import spacy

from newsbook import attributes
from newsbook.breaks import add_paragraph_breaks
from newsbook.lemmas import NAME, memoise_lemmatizer
from newsbook.parse import MODEL_NAME, ParseCache, cache_key, parse_texts


def _analysis(doc):
    return [(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, str(t.morph)) for t in doc]


def test_memoised_attributes_and_lemmas_are_spacys_own(corpus, nlp):
    # the same pipeline, with spaCy's attribute ruler and lemmatizer
    stock = add_paragraph_breaks(spacy.load(MODEL_NAME))
    assert "lemmatizer" in stock.pipe_names and NAME not in stock.pipe_names
    assert NAME in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert attributes.NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    texts = [a.text for a in corpus.articles]
    # twice over, so the second pass is answered from the memo
    for ours, theirs in zip(nlp.pipe(texts + texts), stock.pipe(texts + texts)):
        assert _analysis(ours) == _analysis(theirs)


def test_the_attribute_rulers_two_token_patterns_still_apply(nlp):
    """'There is' (expletive + be), 'gon na', "let 's", "ai n't", "y'all": patterns over two tokens,
    next to the one-token ones that set the same token's attributes; spaces between paragraphs."""
    stock = add_paragraph_breaks(spacy.load(MODEL_NAME))
    texts = ["There is no deal yet, and there were talks. Y'all gon na see it, let's go.",
             "Ain't nothin' like it, he said.\n\n  There's hope,  she said. C'm on!"]
    for ours, theirs in zip(nlp.pipe(texts * 2), stock.pipe(texts * 2)):
        assert _analysis(ours) == _analysis(theirs)
    doc = nlp(texts[0])
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]
    assert [t.pos_ for t in doc if t.lower_ in ("is", "were")] == ["VERB", "VERB"]  # after 'there'


def test_a_ruler_testing_other_attributes_is_left_as_spacy_made_it():
    """A one-token pattern on the entity type: the result no longer follows from tag, dependency and form."""
    nlp = spacy.load(MODEL_NAME)
    nlp.get_pipe("attribute_ruler").add([[{"ENT_TYPE": "GPE"}]], {"LEMMA": "place"})
    assert attributes.memoise_attribute_ruler(nlp).pipe_names == spacy.load(MODEL_NAME).pipe_names


def test_memoising_twice_or_a_lemmatizer_free_pipeline_changes_nothing():
    nlp = memoise_lemmatizer(spacy.load(MODEL_NAME))
    names = list(nlp.pipe_names)
    assert memoise_lemmatizer(nlp).pipe_names == names
    bare = spacy.load(MODEL_NAME, exclude=["lemmatizer"])
    assert memoise_lemmatizer(bare).pipe_names == bare.pipe_names
    assert memoise_lemmatizer(spacy.blank("en")).pipe_names == []


def test_parse_cache_returns_the_same_docs_without_parsing(tmp_path, corpus, nlp):
    texts = [a.text for a in corpus.articles[:3]]
    cache = ParseCache(tmp_path)
    first = [_analysis(d) for d in parse_texts(texts, nlp=nlp, cache=cache, batch_size=2)]
    assert (cache.hits, cache.misses) == (0, 3)
    again = ParseCache(tmp_path)
    second = [_analysis(d) for d in parse_texts(texts, nlp=nlp, cache=again, batch_size=2)]
    assert (again.hits, again.misses) == (3, 0)
    assert second == first


def test_a_damaged_cache_file_is_parsed_again(tmp_path, corpus, nlp, caplog):
    text = corpus.articles[0].text
    cache = ParseCache(tmp_path)
    list(parse_texts([text], nlp=nlp, cache=cache))
    cache.path(cache_key(text, nlp)).write_bytes(b"not a DocBin")
    again = ParseCache(tmp_path)
    doc = next(parse_texts([text], nlp=nlp, cache=again))
    assert doc.text == text and again.misses == 1
    assert "unreadable" in caplog.text


def test_the_model_id_is_read_without_importing_spacy():
    """A rebuild answered from the result cache keys on the model id: it must not pay for spaCy."""
    import subprocess
    import sys

    code = ("import sys; from newsbook.parse import model_id; mid = model_id(); "
            "print(mid); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    mid, imported = out.stdout.split("\n")[:2]
    assert imported == "False"
    meta = spacy.load(MODEL_NAME).meta
    assert mid == f"{meta['name']}-{meta['version']} (spaCy {spacy.__version__})"


def test_no_sentence_runs_over_a_paragraph_break(corpus, nlp):
    from newsbook.clean import clean_text

    for article in corpus.articles:
        doc = nlp(clean_text(article.text).text)
        crossing = [s.text for s in doc.sents if "\n" in s.text.strip()]
        assert crossing == [], article.doc_id

