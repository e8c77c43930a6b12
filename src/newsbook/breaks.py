"""Sentences never run over a line break.

News text comes one paragraph per line (the cleaner joins kept paragraphs with a blank
line and unwraps hard-wrapped ones). spaCy's parser, left alone, runs about one sentence
in twelve across a paragraph break: a quotation's closing line joined to the next
paragraph's "…, said several observers", so the cue's complement is looked for in the
wrong paragraph. The parser respects sentence starts set before it runs, so this
component marks the first token after every line break as one.
"""

from __future__ import annotations

from spacy.language import Language

#: The component name in the pipeline; it runs before the parser.
NAME = "paragraph_breaks"


@Language.component(NAME)
def paragraph_breaks(doc):
    """Mark the token after each white-space token holding a line break as a sentence start."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


def add_paragraph_breaks(nlp):
    """Insert the component before the parser (if not there already); returns ``nlp``."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
