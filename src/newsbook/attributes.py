"""spaCy's attribute ruler with every answer remembered.

The English pipeline's ``attribute_ruler`` maps each token's fine tag (and, for a few
words, its form or dependency) to its part of speech, morphology and some lemmas, by
running a Matcher of about 180 patterns over every token: about 13 % of the whole
parse of a news article. Nearly all of those patterns look at one token only, so what
the ruler does to a token is a function of a small key: its tag, dependency label,
whether it is white space, its form *if some pattern names that form* (any other form
matches exactly the same patterns), and the values the ruler may overwrite.

:class:`MemoAttributeRuler` answers a Doc from that memo in one ``Doc.from_array``
call. A Doc holding a key it has not seen, or matching one of the few patterns that
span two tokens ("gon na", "let 's"), goes through the stock ruler, and its tokens'
results are remembered; the attributes are therefore exactly spaCy's
(``tests/test_parse.py`` compares them on real articles). A ruler whose patterns use
anything else than those token attributes is left as it is.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens._retokenize import set_token_attrs

from newsbook.lemmas import DocByDoc, swap_component

#: The component name in the pipeline; it replaces spaCy's ``attribute_ruler``.
NAME = "memo_attribute_ruler"

#: Token attributes a one-token pattern may test for the memo to stand in for the ruler.
_TESTED = {"TAG", "DEP", "IS_SPACE", "LOWER"}
#: Attributes the ruler may set (and so the memo writes back), in the order of a memo's values.
_WRITTEN = [POS, MORPH, LEMMA, TAG, DEP]
_READ = [TAG, DEP, IS_SPACE, LOWER, POS, MORPH, LEMMA]


def _lower_tests(patterns: list[dict]) -> tuple[set[str], list[re.Pattern]] | None:
    """The forms and form patterns that the one-token patterns test; None if a pattern tests more."""
    forms: set[str] = set()
    regexes: list[re.Pattern] = []
    for entry in patterns:
        if entry.get("index", 0) not in (0, -1) and any(len(p) == 1 for p in entry["patterns"]):
            return None
        for pattern in entry["patterns"]:
            if any("OP" in token for token in pattern):
                return None
            if len(pattern) != 1:
                continue
            for attr, value in pattern[0].items():
                if attr.upper() not in _TESTED:
                    return None
                if attr.upper() != "LOWER":
                    continue
                if isinstance(value, str):
                    forms.add(value)
                elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                    forms.update(value.get("IN", []), value.get("NOT_IN", []))
                    if "REGEX" in value:
                        regexes.append(re.compile(value["REGEX"]))
                else:
                    return None
    return forms, regexes


class MemoAttributeRuler(DocByDoc):
    """Wrap a ``spacy.pipeline.AttributeRuler``; same attributes, the Matcher run only for unseen keys."""

    def __init__(self, ruler, forms: set[str], regexes: list[re.Pattern]):
        self.ruler = ruler
        #: key -> the token's attributes after the ruler, in :data:`_WRITTEN` order (for a token no
        #: two-token pattern targets)
        self.values: dict[tuple, tuple] = {}
        #: key -> the ruler's one-token patterns (their order numbers) that match a token with it
        self.patterns: dict[tuple, tuple[int, ...]] = {}
        self._forms = forms
        self._regexes = regexes
        self._named: dict[int, int] = {}  # LOWER hash -> itself if a pattern may name it, else 0
        self.multi = Matcher(ruler.vocab)
        for k, entry in enumerate(ruler.patterns):
            longer = [p for p in entry["patterns"] if len(p) > 1]
            if longer:
                self.multi.add(str(k), longer)

    def _form_key(self, lower: int, strings) -> int:
        named = self._named.get(lower)
        if named is None:
            text = strings[lower] if lower else ""
            named = self._named[lower] = lower if (
                text in self._forms or any(r.search(text) for r in self._regexes)) else 0
        return named

    def _targets(self, doc) -> dict[int, list[int]]:
        """Token index -> order numbers of the two-token patterns that set its attributes."""
        strings = doc.vocab.strings
        targets: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            k = int(strings[match_id])
            index = self.ruler.indices[k]
            targets.setdefault(range(start, end)[index], []).append(k)
        return targets

    def __call__(self, doc):
        if not len(doc):
            return self.ruler(doc)
        arr = doc.to_array(_READ)
        strings, attrs = doc.vocab.strings, self.ruler.attrs
        keys = [(tag, dep, space, self._form_key(lower, strings), pos, morph, lemma)
                for tag, dep, space, lower, pos, morph, lemma in arr.tolist()]
        targets = self._targets(doc)  # as the ruler sees the Doc, before it acts
        values, patterns = self.values, self.patterns
        rows, todo = [], []
        for i, key in enumerate(keys):
            row = None if i in targets else values.get(key)
            if row is None:  # set below, pattern by pattern, as the ruler would
                todo.append(i)
                row = (key[4], key[5], key[6], key[0], key[1])
                if key not in patterns:
                    found = self.ruler.matcher(doc[i:i + 1], allow_missing=True)
                    patterns[key] = tuple(sorted({int(strings[m]) for m, _, _ in found}))
            rows.append(row)
        doc.from_array(_WRITTEN, np.asarray(rows, dtype="uint64"))
        for i in todo:
            token = doc[i]
            for k in sorted(set(patterns[keys[i]]) | set(targets.get(i, ()))):
                set_token_attrs(token, attrs[k])
            if i not in targets:
                values[keys[i]] = (token.pos, token.morph.key, token.lemma, token.tag, token.dep)
        return doc


@Language.factory(NAME)
def make_memo_attribute_ruler(nlp: Language, name: str, source: str = "attribute_ruler"):
    """Memoise the pipeline's existing ``source`` attribute ruler (see :func:`memoise_attribute_ruler`)."""
    ruler = nlp.get_pipe(source)
    forms, regexes = _lower_tests(ruler.patterns)
    return MemoAttributeRuler(ruler, forms, regexes)


def memoise_attribute_ruler(nlp: Language) -> Language:
    """Swap ``attribute_ruler`` in ``nlp`` for :class:`MemoAttributeRuler` where its one-token
    patterns test only tag, dependency, white space and form; other pipelines unchanged."""
    if "attribute_ruler" not in nlp.pipe_names or NAME in nlp.pipe_names:
        return nlp
    if _lower_tests(nlp.get_pipe("attribute_ruler").patterns) is None:
        return nlp
    return swap_component(nlp, "attribute_ruler", NAME)
