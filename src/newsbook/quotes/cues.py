"""Cues: which tokens can introduce a statement (reporting verbs, 'according to', phrasal cues)."""

from __future__ import annotations

from newsbook.quotes.lexicons import CHANNEL_NOUNS, PHRASAL_PREPS, reporting_verbs
from newsbook.quotes.syntax import agent_of, can_speak, circumstance, own_subject, prep_object, set_off


def verb_tagged_noun(tok) -> bool:
    """A verb the tagger took for a noun: it has a nominal subject and a clausal complement of
    its own ("Analysts at the bank *estimate* that trade will reach ..."; *estimate*, *claim*,
    *report* and *fear* are nouns too)."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children)\
        and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)


def is_cue_verb(tok) -> bool:
    if tok.pos_ not in {"VERB", "AUX"} and not verb_tagged_noun(tok):
        return False
    if tok.lemma_.lower() in reporting_verbs() or _phrasal_cue(tok):
        return True
    subj = own_subject(tok)
    return subj is not None and can_speak(subj) and _takes_that_clause(tok)


def _phrasal_cue(verb) -> bool:
    """'as X put it', 'came out against', 'went after': verbs that report only in these phrases."""
    lemma = verb.lemma_.lower()
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)\
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    preps = PHRASAL_PREPS.get(lemma)
    if preps is None or (lemma == "come" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)):
        return False
    return any(c.dep_ == "prep" and c.lower_ in preps and not circumstance(c) for c in verb.rights)


def _takes_that_clause(verb) -> bool:
    """A verb with a 'that'-clause complement reports a proposition ("fears that ...",
    "realised that ...", "made clear that ...") whatever its lemma."""
    return any(c.dep_ == "ccomp" and has_that(c) for c in verb.children)


def has_that(clause) -> bool:
    """The clause is introduced by 'that' (its marker)."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def according_to(doc):
    """Yield (cue token, source token) for each 'according to X', and for each 'in X' where X is a
    poll, a report or someone's view ("In a CNN poll, Clinton held a 24-point lead") on a verb
    that is no cue itself ("said in a statement" is the verb's)."""
    for tok in doc:
        if tok.lower_ == "according":
            for child in tok.children:
                if child.lower_ == "to":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        yield tok, _behind_document(objs[0])
        elif tok.lower_ == "in" and tok.dep_ == "prep" and tok.is_sent_start:
            obj = prep_object(tok)
            if obj is not None and obj.lemma_.lower() in CHANNEL_NOUNS and obj.lower_ != "words"\
                    and tok.head.pos_ in {"VERB", "AUX"} and not is_cue_verb(tok.head) and set_off(tok):
                yield tok, obj


def _behind_document(obj):
    """Whoever stands behind a document cited as a source: "according to a report from Bloomberg",
    "audio provided by Wyoming Public Radio", "interviews with a dozen officials" (a person or an
    institution is its own source)."""
    if obj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or obj.pos_ in {"PROPN", "PRON"}:
        return obj
    for child in obj.rights:
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "with"}:
            inner = prep_object(child)
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "a document filed by ..."
            inner = agent_of(child)
        else:
            continue
        if inner is not None and can_speak(inner):
            return inner
    return obj
