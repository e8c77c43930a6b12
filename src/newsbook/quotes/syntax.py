"""Helpers over spaCy's dependency parse: subjects, agents, phrase heads, offsets."""

from __future__ import annotations

from newsbook.quotes.lexicons import ADDRESSEE_VERBS, AGENT_SUFFIXES, AMBIGUOUS_MARKS, APPOS_DEPS, CLOSE_MARKS, DOCUMENTS, HONORIFICS, OCCASION_NOUNS, OPEN_MARKS, PEOPLE_PRONOUNS, SPEAKER_NOUNS, SUBJ_DEPS, TIME_PREPS


def entity_of(tok):
    """The named entity a token belongs to, found from its IOB tag (no scan of doc.ents)."""
    if not tok.ent_type_:
        return None
    from spacy.tokens import Span  # here, not at import: a rebuild from the result cache never needs spaCy

    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def own_subject(verb, deps=frozenset({"nsubj"})):
    """The subject the parser gave ``verb`` itself, or None; of two before it, the nearer.

    Two subjects are a misparse, most often of a dateline, a time stamp or a title set off from
    its name ("ALMATY (Reuters) – Kazakhstan's trade minister said", "12:25 pm – Lavrov tells"):
    the one next to the verb is its subject.
    """
    subjects = [c for c in verb.children if c.dep_ in deps]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if len(before) > 1 else subjects[0] if subjects else None


def subject_of(verb):
    """The nominal subject of a cue verb (following conjunctions and auxiliaries)."""
    own = own_subject(verb, SUBJ_DEPS)
    if own is not None:
        return own
    if verb.dep_ == "xcomp":  # "forced Clinton to distance herself": the object does the distancing
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None and can_speak(obj):
            return obj
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        head = verb.head
        if head.dep_ == "acomp" and head.head.i != head.i:  # "was eager to talk about": the one eager
            head = head.head
        return subject_of(head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head.head)  # "responded by saying ...": whoever responded
    if verb.dep_ in {"relcl", "acl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # an infinitive on a noun: "the first Democrat to endorse Sanders", "gave a speech to
        # defend himself": whoever the noun's clause is about
        governor = governing_verb(verb.head)
        return subject_of(governor) if governor is not None else None
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in {"dobj", "pobj"}\
            and (not can_speak(verb.head) and verb.head.lower_ not in PEOPLE_PRONOUNS
                 or verb.head.lemma_.lower() in DOCUMENTS):
        # "issued a statement expressing optimism", "during a speech attacking him": whoever
        # issued or gave it
        governor = governing_verb(verb.head)
        found = subject_of(governor) if governor is not None else None
        if found is not None and can_speak(found):
            return found
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        # "Fallon, who ... , said" is parsed both ways; "a group backing Huckabee": the group
        return verb.head
    if verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _stranded_subject(verb)
    return None


def governing_verb(noun):
    """The nearest verb above a noun ("gave *a speech* to defend ..." -> gave), or None."""
    return next((a for a in noun.ancestors if a.pos_ in {"VERB", "AUX"}), None)


def _stranded_subject(verb):
    """The subject of a finite cue that the parser attached elsewhere.

    "In a statement to the Observer, her adviser, Jake Sullivan, said: ..." (an apposition of
    'Observer'), '"...," Texas delegate Bill Eastland, wearing a hat, said' (a modifier of the
    quoted verb): the nearest noun phrase before the cue, past commas and participial
    clauses, if it can speak and no other verb stands between.
    """
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
    if after is not None and after.lower_ in HONORIFICS and after.i + 1 < verb.sent.end\
            and doc[after.i + 1].pos_ == "PROPN":  # '"...," recalled Mr. Rhodes', '"...?" asked Mr. Rhodes'
        after = doc[after.i + 1]
        return entity_of(after).root if after.ent_type_ == "PERSON" else after.head if after.dep_ == "compound" else after
    if after is not None and after.ent_type_ == "PERSON":  # '"...," said Kristen Day, director of ...'
        return entity_of(after).root
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    i = verb.i - 1
    while i >= verb.sent.start:
        tok = doc[i]
        if tok.is_punct or tok.is_space or tok.ent_type_ in {"DATE", "TIME"}:
            i -= 1
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.i < tok.i:
            i = tok.head.left_edge.i - 1  # "Trump, in Kentucky, said"
            continue
        phrase = _phrase_head(tok)
        if phrase.ent_type_ == "PERSON":  # "Alarmed by the unrest, Senator Harry Reid, the minority leader, said"
            return phrase
        clause = next((a for a in tok.ancestors if a.dep_ in {"advcl", "acl"} and a.tag_ in {"VBG", "VBN"}
                       and verb not in a.subtree), None)
        if clause is not None:
            i = clause.left_edge.i - 1
            continue
        if tok.pos_ not in {"PROPN", "NOUN", "PRON"}:
            return None
        return phrase if can_speak(phrase) else None
    return None


def _phrase_head(tok):
    """The first noun of a run of names joined by apposition, conjunction or compounding
    ("Joe Scarborough and Mika Brzezinski" -> Scarborough), short of a prepositional object."""
    while (tok.dep_ in {"appos", "conj", "compound"} and tok.head.i < tok.i
           and tok.head.pos_ in {"PROPN", "NOUN"} and tok.head.dep_ not in {"pobj", "dobj"}):
        tok = tok.head
    return tok


def _inverted_subject(verb):
    """The speaker after a cue that follows its statement: '..., said a former spokesman for the
    ministry', which the parser may attach as the verb's object. Only right after a comma or a
    closing quotation mark, and not for verbs whose object is an addressee ("..., told Reuters")."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in {",", "”", "’", "''", '"', "'"}\
            or verb.lemma_.lower() in ADDRESSEE_VERBS:
        return None
    obj = next((c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod", "oprd"}
                and c.left_edge.i == verb.i + 1), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or not can_speak(obj):
        return None
    return obj


def agent_of(verb):
    """The object of a passive's "by" phrase ("was first reported *by Reuters*"), or None."""
    return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)


def addressed(verb) -> bool:
    """A participle whose understood subject is the one addressed: "*Asked* whether he would
    run, Smith said ...", "*Pressed* on the deal, the minister ...". The main clause's subject
    answers; whoever asked is not named (a finite verb never lacks its subject in an adverbial
    clause, so a bare past form there is a participle too)."""
    return (verb.dep_ == "advcl" and verb.tag_ in {"VBN", "VBD"}
            and not any(c.dep_ in SUBJ_DEPS | {"mark", "aux", "auxpass"} for c in verb.children))


def past_dateline(subj, cue):
    """The speaker behind a dateline or a live-blog timestamp the parser took for the subject.

    "ASTANA, Kazakhstan (AP) — President Tokayev said", "12:15 p.m. Obama says": the real
    subject is the name after the dash or the timestamp (an apposition of the false subject,
    or a second subject of the cue).
    """
    doc = subj.doc
    dash = next((t for t in doc[subj.i + 1:cue.i] if t.text in {"—", "–", "-", "--"}), None)
    first = subj.left_edge.i
    starts_paragraph = first == 0 or "\n" in doc[first - 1].text_with_ws
    if not (subj.ent_type_ in {"TIME", "DATE"} or (dash is not None and starts_paragraph)):
        return subj
    after = dash.i if dash is not None else subj.i
    for child in list(cue.children) + list(subj.children):
        if after < child.i < cue.i and child.dep_ in SUBJ_DEPS | APPOS_DEPS:
            return child
    return subj


def set_off(phrase) -> bool:
    """The phrase ends with a comma, or a comma follows it ("In a CNN poll, ...")."""
    doc = phrase.doc
    end = phrase.right_edge.i
    return doc[end].text == "," or end + 1 < len(doc) and doc[end + 1].text == ","


def is_name_list(text: str) -> bool:
    """Four or more comma-separated items, nearly all capitalised: a list of names."""
    items = [i.strip() for i in text.rstrip(" .").split(",")]
    return len(items) >= 4 and sum(1 for i in items if i[:1].isupper()) >= 0.8 * len(items)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_chars(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    toks = [t for t in doc[start_tok:end_tok] if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in (*CLOSE_MARKS, *AMBIGUOUS_MARKS, "’", "''"):
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text not in (*OPEN_MARKS, *AMBIGUOUS_MARKS, "‘", "''", "``"):
        toks.pop(0)
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def can_speak(subj) -> bool:
    """Subjects that can make a statement: names, people, institutions, personal pronouns."""
    if subj.pos_ == "PRON":
        return subj.lower_ in {"he", "she", "they", "we", "i"}
    if subj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP", "FAC"} or subj.pos_ == "PROPN":
        return True
    lemma = subj.lemma_.lower()
    if lemma == "old" and any(c.lower_ == "year" for c in subj.children):
        return True  # "the 46-year-old", an age that stands for a person
    return lemma in SPEAKER_NOUNS or (subj.pos_ == "NOUN" and lemma.endswith(AGENT_SUFFIXES))


def circumstance(dep) -> bool:
    """A dependent giving the time or the occasion of the statement ("last July", "on Sunday",
    "after polling members", "in a speech"), which is not part of what was said."""
    if dep.dep_ == "prep":
        obj = prep_object(dep)
        return dep.lower_ in TIME_PREPS or (obj is not None and (obj.ent_type_ in {"DATE", "TIME"} or (
            dep.lower_ in {"at", "on", "in"} and obj.lemma_.lower() in OCCASION_NOUNS)))
    return dep.dep_ in {"npadvmod", "advmod"} and dep.ent_type_ in {"DATE", "TIME"}


def prep_object(prep):
    """What a preposition governs ("called for *sanctions*", "by *saying* ..."), or None."""
    return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
