"""Quotation marks: pairing, unpaired marks, straight and curly marks (newsbook.quotes.marks)."""

from newsbook.quotes import extract_quotes, find_quote_spans
from quote_helpers import content, only, run


def test_odd_number_of_quote_marks_does_not_fail():
    spans = find_quote_spans("He said “this is unfinished\nNext paragraph “closed” here.")
    assert [s.closed for s in spans] == [False, True]


def test_straight_and_curly_marks_pair(nlp):
    text = '“We underestimate the elites. It fits their agenda," Umarov said.'
    doc, qs = run(nlp, text)
    q = only(qs)
    assert q.type == "direct"
    assert content(doc, q).endswith('agenda,')


def test_newswire_doubled_apostrophes_are_quotation_marks(nlp):
    text = "''Tell me what is going to happen with imports,'' Mr. Ferriola said. ''Nobody knows.''"
    assert [(text[s.start:s.end], s.closed) for s in find_quote_spans(text)] == [
        ("''Tell me what is going to happen with imports,''", True), ("''Nobody knows.''", True)]
    doc, qs = run(nlp, text)
    q = only(qs)
    assert q.type == "direct" and q.speaker.name == "Ferriola"
    assert [doc.text[s:e] for s, e in q.content] == ["Tell me what is going to happen with imports,", "Nobody knows."]


def test_an_opening_curly_mark_typed_as_the_closing_one(nlp):
    text = "“It is unusual,“ said Aidos Sarym, a member of parliament. “Nobody expected it.”"
    assert [(text[s.start:s.end], s.closed) for s in find_quote_spans(text)] == [
        ("“It is unusual,“", True), ("“Nobody expected it.”", True)]
    doc, qs = run(nlp, text)
    assert [(content(doc, q), q.speaker.name) for q in qs] == [
        ("It is unusual, | Nobody expected it.", "Aidos Sarym")]
