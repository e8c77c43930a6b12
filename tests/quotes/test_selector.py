"""The statement selector: its features on written sentences, its labels, its training, its file."""

import json

from newsbook.quotes import features as qf
from newsbook.quotes import model as quote_model
from newsbook.quotes import selector as qsel
from newsbook.quotes import training
from newsbook.quotes.extract import extract_quotes
from newsbook.quotes.lexicons import reporting_verbs
from newsbook.quotes.marks import find_quote_spans


def _context(doc, text, marginals=None):
    return qsel.Context(doc, text, find_quote_spans(text), reporting_verbs(), [0], marginals or {})


def test_features_describe_the_whole_statement(nlp):
    text = '"We will open the border crossing in June," Kyrgyz Deputy Minister Aibek Nurov told reporters.'
    doc = nlp(text)
    quote = next(q for q in extract_quotes(doc, text) if q.cue_text == "told")
    told = next(t.i for t in doc if t.text == "told")
    f = qsel.statement_features(quote, "rule", _context(doc, text, {told: (0.0, 0.9, 0.0)}))
    assert f["o=rule"] == 1 and f["t=direct"] == 1 and f["cl=tell"] == 1 and f["clex"] == 1
    assert f["crel=after"] == 1  # the cue follows the quotation
    assert f["qfrac=4"] == 1  # all of the content lies inside the marks
    assert f["spk"] == 1 and f["se=PERSON"] == 1
    assert abs(f["pcue"] - 0.9) < 1e-9 and "pcon" not in f  # only the cue token had a marginal
    assert "conf" not in f  # a rule's statement has no CRF confidence of its own


def test_a_cue_outside_the_lexicon_is_marked_so(nlp):
    text = "The ministry documented faster increases in temperatures across the region."
    doc = nlp(text)
    content = (text.index("faster"), text.index("."))
    cue = (text.index("documented"), text.index(" faster"))
    q = quote_model.Quote("indirect", [content], cue, "documented", confidence=0.7, rule="crf")
    f = qsel.statement_features(q, "new", _context(doc, text))
    assert f["cnolex"] == 1 and f["cl=document"] == 1 and f["crel=before"] == 1
    assert f["conf|new"] == 0.7 and f["cbin=new|7"] == 1 and f["qfrac=0"] == 1


def test_content_chars_strip_marks_and_punctuation_at_the_edges():
    text = 'He said: "Yes, we will."'
    s = text.index('"')
    chars = training.content_chars([(s, len(text))], text)
    assert "".join(text[i] for i in sorted(chars)) == "Yes, we will"


def test_candidate_labels_join_fragments_that_share_a_cue():
    text = '"We are ready," Lee said. "Very ready." Analysts doubt it.'
    cue = (text.index("said"), text.index("said") + 4)
    first = (0, text.index(" Lee"))
    second = (text.index('"Very'), text.index(" Analysts"))
    doubt = (text.index("it"), text.index("it") + 2)
    gold = [{"content": [{"start": first[0], "end": first[1]}, {"start": second[0], "end": second[1]}],
             "cue": [], "source": []}]
    cands = [(quote_model.Quote("direct", [first], cue, "said"), "rule"),
             (quote_model.Quote("direct", [second], cue, "said"), "rule"),
             (quote_model.Quote("indirect", [doubt], (0, 1), "doubt"), "new")]
    # each fragment alone covers under half of the gold content; joined by their cue they match it
    assert training.candidate_labels(cands, gold, text) == [True, True, False]


def test_fit_learns_which_features_mark_an_attribution():
    rows = [({"bias": 1, "cue": 1, "clex": 1}, True)] * 30 + [({"bias": 1, "nocue": 1}, False)] * 30 \
        + [({"bias": 1, "cue": 1, "cnolex": 1}, True)] * 10 + [({"bias": 1, "cue": 1, "cnolex": 1}, False)] * 20
    sel = qsel.fit([f for f, _ in rows], [y for _, y in rows], {"rule": 0.5, "new": 0.9})
    assert sel.probability({"bias": 1, "cue": 1, "clex": 1}) > 0.9
    assert sel.probability({"bias": 1, "nocue": 1}) < 0.1
    p = sel.probability({"bias": 1, "cue": 1, "cnolex": 1})
    assert 0.2 < p < 0.5  # a third of these were attributions
    assert sel.keeps("rule", 0.6) and not sel.keeps("new", 0.6)


def test_selector_round_trips_through_its_json_file(tmp_path):
    sel = qsel.Selector({"bias": 0.5, "cue": 2.0}, -1.0, {"rule": 0.3, "bounds": 0.4, "new": 0.6})
    path = tmp_path / "selector.json"
    qsel.save_selector(sel, path)
    back = qsel.load_selector(str(path))
    assert back.thresholds == qsel.THRESHOLDS  # chosen on dev: the package's, not the file's
    assert abs(back.probability({"bias": 1, "cue": 1}) - sel.probability({"bias": 1, "cue": 1})) < 1e-6
    assert not list(tmp_path.glob(".tmp-*"))
    assert qsel.load_selector(str(tmp_path / "absent.json")) is None


def test_packaged_selector_is_installed_with_the_model():
    path = qsel.selector_path()
    assert path.parent == quote_model.model_path().parent
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(qsel.THRESHOLDS) == set(qsel.ORIGINS)
    assert data["weights"] and {"o=rule", "o=new", "pcon"} <= set(data["weights"])
    meta = json.loads((path.parent / quote_model.META_FILE).read_text(encoding="utf-8"))
    assert meta["selector_trained_on"]["folds"] == 2


def test_without_a_selector_the_model_statements_need_high_confidence(nlp):
    """The fallback when selector.json is absent: the rules' statements, and the CRF's surest."""
    text = ("Kazakhstan will double its grain exports to China, Deputy Minister Aibek Nurov said on "
            "Tuesday. The plan, critics argue, ignores the cost of the terminal.")
    doc = nlp(text)
    rules = extract_quotes(doc, text)
    cands = quote_model.candidates([], rules, text, doc=doc)
    assert [q for q, _ in cands] == rules and {o for _, o in cands} == {"rule"}
    assert quote_model.combine([], rules, text, doc=doc) == rules


def test_marginals_are_read_only_where_a_statement_can_lie_and_change_no_confidence(nlp):
    text = ("The steppe was quiet on Sunday morning.\n\n"
            '"We will open the border crossing in June," Deputy Minister Aibek Nurov told reporters.\n\n'
            "Trucks waited in a long line near the river.")
    doc = nlp(text)
    tagger = quote_model.load_tagger()
    rule_quotes, learned, ctx = quote_model.tagged_statements(doc, text, tagger)
    paras, xseqs = qf.sequences(doc, text, rule_quotes)
    every = {}
    for para, x in zip(paras, xseqs):
        tagger.tag(x)
        every.update(quote_model.part_marginals(tagger, para.tokens))
    told = next(t.i for t in doc if t.text == "told")
    assert told in ctx.marginals and ctx.marginals[told] == every[told]
    assert doc[0].i not in ctx.marginals  # the first paragraph holds no statement: never asked
    cands = quote_model.candidates(learned, rule_quotes, text, doc=doc)
    assert cands
    full = qsel.Context(ctx.doc, ctx.text, ctx.quote_spans, ctx.verbs, ctx.paragraph_starts, every)
    for q, origin in cands:
        assert qsel.statement_features(q, origin, ctx) == qsel.statement_features(q, origin, full)
