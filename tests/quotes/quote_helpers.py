"""Small helpers the quote tests share: run the extractor on a sentence, read a statement."""

from newsbook.quotes import extract_quotes


def run(nlp, text):
    doc = nlp(text)
    return doc, extract_quotes(doc)


def content(doc, q):
    return " | ".join(doc.text[s:e] for s, e in q.content)


def only(quotes):
    assert len(quotes) == 1, [(q.type, q.speaker.name) for q in quotes]
    return quotes[0]


def said_by(nlp, sentence):
    """(speaker mention, content) of the one statement in ``sentence``."""
    doc, qs = run(nlp, sentence)
    q = only(qs)
    return q.speaker.mention, content(doc, q)
