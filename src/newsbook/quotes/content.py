"""Content rules: for a cue, the span it reports (clause, quotation, object, infinitive), and the
position tests the passes use (paragraphs, sentence starts, nesting)."""

from __future__ import annotations

import re
from newsbook.quotes.cues import has_that, is_cue_verb
from newsbook.quotes.lexicons import ADDRESSEE_VERBS, AMBIGUOUS_MARKS, ASKING_VERBS, AS_VERBS, ATTITUDE_ADJECTIVES, CLAUSE_DEPS, CLAUSE_END_DEPS, CLOSE_MARKS, DIRECTIVE_VERBS, JUDGING_VERBS, NOMINAL_CUES, OBJECT_VERBS, OPEN_MARKS, PHRASAL_PREPS, PROFORM_VERBS, PROPOSITION_NOUNS, PROPOSITION_PROFORMS, RAISING_LEMMAS, RAISING_PASSIVES, RAISING_VERBS, SPEECH_VERBS, STANCE_NOUNS, STANCE_OBJECTS, STANCE_PREPS, SUBJ_DEPS, TALK_VERBS, TOPIC_PREPS, TO_VERBS, WITH_VERBS
from newsbook.quotes.marks import inner_span
from newsbook.quotes.records import Quote, QuoteSpan, Speaker
from newsbook.quotes.syntax import can_speak, circumstance, governing_verb, overlaps, own_subject, prep_object, span_chars, subject_of


def _paragraph_of(offset: int, text: str) -> tuple[int, int]:
    """Start and end of the line (paragraph) holding ``offset``."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def _clip(span: tuple[int, int], bounds: tuple[int, int], text: str) -> tuple[int, int]:
    """``span`` cut to ``bounds``, without trailing white space (may come out empty: end <= start)."""
    s, e = max(span[0], bounds[0]), min(span[1], bounds[1])
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


#: What may follow the last quoted words of a mixed quote without being part of it.
_TRAILING_ASIDE = re.compile(r"[,;]?\s*(?:as|while|though|although|because|when|after|before|since|—|–|--)\s", re.I)


def within_paragraph(q: Quote, text: str) -> Quote | None:
    """An indirect or mixed statement ends with its cue's paragraph: the parser sometimes runs a
    headline or dateline into the next paragraph's sentence, and content never crosses a break."""
    if q.type == "direct" or q.cue is None:
        return q
    paragraph = _paragraph_of(q.cue[0], text)
    frags = [(s, e) for s, e in (_past_dateline_text(_clip(f, paragraph, text), text) for f in q.content)
             if e - s > 2 or text[s:e].lower() in PROPOSITION_PROFORMS]  # ("said so")
    if not frags:
        return None
    q.content = frags
    return q


#: A dateline opening a wire story: "WASHINGTON --", "BEDFORD, N.H. (AP) —".
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]+(?:, [A-Z][\w.' ]+)?(?: \([A-Za-z. ]+\))?\s*(?:--|—|–|-)\s+")


def _past_dateline_text(span: tuple[int, int], text: str) -> tuple[int, int]:
    """``span`` without the dateline it opens with, if any."""
    m = _DATELINE.match(text, span[0], span[1])
    return (m.end(), span[1]) if m else span


def reported_within(q: Quote, quotes: list[Quote]) -> bool:
    """Whether the cue of ``q`` lies inside the content of another quote.

    "according to X" names the channel of the statement it covers ("Tokayev said ...,
    according to state media"), not a speaker who reports it: that one is not counted.
    """
    return q.cue is not None and any(
        r is not q and not r.cue_text.lower().startswith("according")
        and any(s <= q.cue[0] < e for s, e in r.content) for r in quotes)


def verb_quote(tok, qspans, inner, used_quote, text, subj=None):
    """The statement a reporting verb introduces, with the quotation spans it uses.

    ``subj`` is the speaker's token: a complement the parser stretched over it ends before it.
    """
    doc = tok.doc
    sent = tok.sent
    window = (sent.start_char - 2, sent.end_char)
    direct = [q for q in qspans if overlaps((q.start, q.end), window)
              and not (q.start < tok.idx < q.end) and q not in used_quote]
    paragraph = _paragraph_of(tok.idx, text)
    # an infinitive ("wants to go") is no reported clause, but a tensed "xcomp" is a clause the
    # parser mislabelled ("said legalizing it could create jobs")
    clauses = [c for c in tok.children if (c.dep_ in CLAUSE_DEPS and (c.dep_ != "xcomp" or _is_tensed(c) or _gerund_subject(c))
                                           or c.dep_ == "advcl" and (_asks(tok, c) or _for_to(c)))
               and paragraph[0] <= c.idx < paragraph[1]] or _stranded_complements(tok)
    cue = (tok.idx, tok.idx + len(tok.text))
    if clauses:
        # the complement after the cue ("X said: Y") rather than an unquoted clause before it;
        # two complements after one cue ("says his campaign is doing well, that it is radical") are one
        after = [c for c in clauses if c.i > tok.i]
        before = [c for c in clauses if c.i < tok.i]
        quoted_before = before and any(q.start <= before[-1].idx < q.end for q in direct)
        if after and not quoted_before:
            clause, last = after[0], after[-1]
        else:  # '"A," X said, "B"': the quotation before the cue leads, B is its continuation
            clause = last = before[-1]
        first = clause.left_edge.i
        if _for_to(clause) and clause.doc[first].lower_ == "for":
            first += 1  # "called for [rivals to drop out]"
        if clause.i > tok.i and not _opens_clause(clause):
            # "said about half of the adjustment reflected losses": the clause's subject was
            # attached to the cue; the statement starts with the cue's first dependent after it
            between = [c for c in tok.rights if tok.i < c.i < clause.i and c.dep_ in {"prep", "npadvmod", "dobj"}]
            if between:
                first = between[0].left_edge.i
        elif clause.i > tok.i:
            first = _fronted_after_comma(tok, clause, first)
        c_start, c_end = span_chars(doc, first, _before_aside(last, last.right_edge.i) + 1)
        if subj is not None and subj.head.i != tok.i and clause.left_edge.i < subj.left_edge.i < tok.i\
                and c_start < subj.idx < c_end:
            c_end = span_chars(doc, clause.left_edge.i, subj.left_edge.i)[1]
        elif subj is not None and subj.head.i != tok.i and tok.i < subj.i and subj.left_edge.i == first\
                and subj.right_edge.i + 1 < last.right_edge.i:
            # '"A," said Sergey Lavrov, the foreign minister, "b."': the parser made the speaker after
            # the cue the subject of the complement; the statement starts after the speaker's phrase
            nxt = subj.right_edge.i + 1
            while nxt < last.right_edge.i and doc[nxt].text in {",", "—", "–"}:
                nxt += 1
            c_start = doc[nxt].idx
        # the parser may run a sentence over a paragraph break: the complement stays in the cue's paragraph
        c_start, c_end = _clip((c_start, c_end), paragraph, text)
        if c_end <= c_start:
            return None
        covering = [q for q in direct if q.start <= c_start + 1 and q.end >= c_end - 1]
        # a quotation the clause starts in (its opening mark may be two characters, '' or ``)
        inside = [q for q in direct if c_start - 1 <= q.start < c_end or q.start < c_start <= inner[q][0]]
        if covering or (inside and not _words_outside(inside, c_start, c_end, text)):
            group = sorted(set((covering or inside)[:1] + inside), key=lambda g: g.start)
            group += _continuation(group, tok, [q for q in qspans if q not in used_quote], text)
            group = _split_lead(group, tok, direct, text) + group
            return Quote("direct", [inner[g] for g in group], cue, tok.text), group
        if inside:
            tail = text[inside[-1].end:c_end]
            if _TRAILING_ASIDE.match(tail):  # '... he's "excited where we stand" as he faces a test'
                c_end = inside[-1].end
            return Quote("mixed", [(c_start, max(c_end, inside[-1].end))], cue, tok.text), inside
        if c_end - c_start < 12 or not (_is_finite_clause(clause) or first < clause.left_edge.i
                                        or clause.dep_ == "xcomp" and _gerund_subject(clause)):
            return None
        return Quote("indirect", [(c_start, c_end)], cue, tok.text), []
    relative = _relative_aside(tok)
    if relative is not None:  # "the bank's lending there which, the minister told Reuters, is $2 billion"
        return reported(relative, direct, cue, tok.text)
    # a parenthetical cue inside its content: "This campaign, he says, is different"
    # (not the clause a speech verb reports: "Ramos said Trump has not replied", "He may add staff, he said")
    if tok.dep_ in {"parataxis", "advcl", "ccomp"} and tok.head.pos_ in {"VERB", "AUX"} and tok.head.i != tok.i\
            and not _between_quotations(tok, direct, text)\
            and (tok.lemma_.lower() in SPEECH_VERBS or _bare_as_clause(tok))\
            and any(c.dep_ in SUBJ_DEPS for c in tok.children)\
            and not any(c.dep_ in {"dobj", "oprd"} for c in tok.children)\
            and tok.head.lemma_.lower() not in SPEECH_VERBS:
        # (any cue after "as": "as Clinton supporters point out", "As POLITICO revealed")
        head = tok.head
        own = {t.i for t in tok.subtree}
        toks = [t for t in head.subtree if t.i not in own]
        before = [t for t in toks if t.i < tok.left_edge.i]
        if before and all(t.is_punct for t in toks if t.i > tok.right_edge.i):
            toks = before  # "The railway will double trade, as the minister noted": it ends at the aside
        if len(toks) >= 4:
            # "The summit, analysts say, marks a turning point": the parts either side of the aside
            parts = [[t for t in toks if t.i < tok.left_edge.i], [t for t in toks if t.i > tok.right_edge.i]]
            parts = [_trimmed(part) for part in parts]
            spans = [span_chars(doc, part[0].i, part[-1].i + 1) for part in parts if part]
            return reported(spans, direct, cue, tok.text)
    # a one-word stand-in for what was said: "said so", "said yes"
    proform = _proform_content(tok)
    if proform is not None:
        return reported((proform.idx, proform.idx + len(proform.text)), direct, cue, tok.text)
    # a directive: the addressee and what they are to do, "urged Kazakhstan to join the union"
    if tok.lemma_.lower() in DIRECTIVE_VERBS:
        xcomps = [c for c in tok.rights if c.dep_ == "xcomp"]
        objs = [c for c in tok.rights if c.dep_ == "dobj" and xcomps and c.i < xcomps[0].i]
        if xcomps:
            c_start, c_end = span_chars(doc, (objs or xcomps)[0].left_edge.i, xcomps[-1].right_edge.i + 1)
            if c_end - c_start >= 8:
                return reported((c_start, c_end), direct, cue, tok.text)
    if tok.lemma_.lower() == "see":  # a view only with "as": "voters see Clinton as the likelier winner"
        obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
        as_ = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
        if obj is None or as_ is None:
            return None
        return reported(span_chars(doc, obj.left_edge.i, as_.right_edge.i + 1), direct, cue, tok.text)
    # an object or infinitive as content: "called for sanctions", "vowed to veto the bill"
    if tok.lemma_.lower() in OBJECT_VERBS | PHRASAL_PREPS.keys():
        lemma = tok.lemma_.lower()
        preps = ({"for", "of", "on", "about", "that"} | ({"to"} if lemma in TO_VERBS else set())
                 | ({"with"} if lemma in WITH_VERBS else set()))
        deps = {"dobj", "xcomp", "oprd"}
        if lemma in TALK_VERBS:  # "spoke about the deal", not "spoke Hebrew", "on condition of anonymity"
            preps, deps = {"about", "of"}, set()
        if lemma in PHRASAL_PREPS:
            preps, deps = PHRASAL_PREPS[lemma], set()
        if lemma == "vote":  # "voted for/against the bill" is a stance, "voted on it" is not
            preps = {"for", "against"}
        if lemma == "find" and (subj is None or subj.pos_ == "PRON" or subj.ent_type_ == "PERSON"):
            deps = set()  # "the poll found broad support" is a finding; "he found sanctuary" is not
        objs = [c for c in tok.rights if c.dep_ in deps or (c.dep_ == "prep" and c.lower_ in preps
                                                            and not circumstance(c))]
        if objs:
            # the content runs on to the verb's last dependent inside its clause ("praised the
            # efforts of a donor to ... at the Rose Bowl"), not into a new clause
            first = objs[0]
            last = max((c for c in tok.rights if c.i >= first.i and c.dep_ not in CLAUSE_END_DEPS
                        and (c.i == first.i or not circumstance(c))), key=lambda c: c.i)
            if first.dep_ == "prep":  # "called for sanctions": the content is what the preposition governs
                first = prep_object(first) or first
            c_start, c_end = span_chars(doc, first.left_edge.i, _before_aside(first, last.right_edge.i) + 1)
            if c_end - c_start >= 3:  # "endorsed Cruz" is a stance too
                return reported((c_start, c_end), direct, cue, tok.text)
    # a quotation inside the verb's own phrase: "praised ties as a friendship that 'lasts'"
    # a quotation just before the cue is its statement, whatever follows the cue ('"A," she said
    # in an interview with "Meet the Press"')
    found = _direct_quote(tok, [q for q in direct if q.end <= tok.idx], qspans, inner, used_quote, text)
    if found is not None:
        return found
    # (an adverbial clause that is itself a cue, "responded, remarking that ...", makes its own statement)
    right = [c for c in tok.rights if c.dep_ in {"dobj", "prep", "attr", "oprd"}
             or c.dep_ == "advcl" and not is_cue_verb(c)]
    if right:
        r_start = right[0].left_edge.idx
        r_end = max(c.right_edge.idx + len(c.right_edge.text) for c in right)
        inside = [q for q in direct if r_start <= q.start and q.end <= r_end + 2]
        if inside and len(text[inner[inside[0]][0]:inner[inside[0]][1]].split()) >= 2:
            return Quote("mixed", [(r_start, max(r_end, inside[-1].end))], cue, tok.text), inside
    found = _direct_quote(tok, direct, qspans, inner, used_quote, text)
    if found is not None:
        return found
    # a topic or stance after a preposition: "warned of a ferocious battle", "joked about moving"
    topics = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS]
    obj = prep_object(topics[0]) if topics else None
    if obj is not None and obj.ent_type_ not in {"DATE", "TIME"}:
        c_start, c_end = span_chars(doc, obj.left_edge.i, _before_aside(obj, obj.right_edge.i) + 1)
        if c_end - c_start >= 3:
            return reported((c_start, c_end), direct, cue, tok.text)
    return None


def _proform_content(verb):
    """"so", "yes" or "no" right after a verb of saying or thinking, as the content it reports.

    Attribution corpora mark the stand-in as the content, the proposition itself being stated
    elsewhere: "75 percent said *yes*", "I think *so*", "neither side would say *so*". Only
    when nothing but punctuation or a conjunction follows ("said no to the war" and "said so
    much" are no answers), and "so" may be followed by a preposition ("said so in December").
    (A fronted relative object, "the plan, which Clinton supports", was measured too: on PolNeAR
    training articles 16 of 210 such pronouns were marked as a content, so it is left out.)
    """
    if verb.lemma_.lower() not in PROFORM_VERBS or verb.i + 1 >= len(verb.doc):
        return None
    word = verb.doc[verb.i + 1]
    if word.head.i != verb.i or word.lower_ not in PROPOSITION_PROFORMS\
            or any(c.dep_ in {"dobj", "ccomp"} and c.i != word.i for c in verb.children):
        return None
    after = verb.doc[word.i + 1] if word.i + 1 < len(verb.doc) else None
    if after is None or after.is_punct or after.is_space or after.pos_ in {"CCONJ", "SCONJ"}\
            or after.pos_ == "ADP" and word.lower_ == "so":
        return word
    return None


def inverted_parenthetical(verb):
    """(content fragments, speaker) of "X, said Y, does Z" as the parser misreads it, or None.

    In "The deal, said Niva Yau, a fellow at the Atlantic Council, is a win for Beijing"
    en_core_web_sm makes "the deal" the subject of *said* and "Yau ... is a win" its clause; in
    "Moscow, said the minister, has not replied" both nouns are subjects of *said*, and in
    "The railway, said Lavrov, will open" *said* also hangs on *open*. Each
    time the speaker is the phrase right after the cue, closed by a comma, and the statement is
    the sentence's subject and the rest of the clause after that comma.
    """
    doc = verb.doc
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    first = next((c for c in subjects if c.i < verb.i), None)
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if clause is None and verb.dep_ == "parataxis" and verb.head.i > verb.i:
        clause = verb.head  # "The railway, said Lavrov, will open": the cue hung on the clause it interrupts
    if first is None or clause is None:
        return None
    speaker = next((c for c in subjects if c.i > verb.i), None) or own_subject(clause, SUBJ_DEPS)
    if speaker is None or speaker.left_edge.i != verb.i + 1 or not (speaker.ent_type_ == "PERSON" or can_speak(speaker)):
        return None
    close = speaker.right_edge.i if doc[speaker.right_edge.i].text == "," else speaker.right_edge.i + 1
    if close >= clause.right_edge.i or doc[close].text != "," or doc[close + 1].is_punct:
        return None
    head = span_chars(doc, first.left_edge.i, verb.i - 1)
    rest = span_chars(doc, close + 1, clause.right_edge.i + 1)
    if head[1] - head[0] < 2 or rest[1] - rest[0] < 6:
        return None
    return [head, rest], speaker


def _trimmed(tokens: list) -> list:
    """``tokens`` without the punctuation at either end (the commas around an aside).

    Unlike :func:`span_chars`, which keeps a closing ’ or '' at the edge, this drops them: kept,
    they let the fragment before the aside claim the quotation it closes, and a newswire split
    quote (''A,'' she said. ''B.'') is read as a mixed statement (measured on 21 PolNeAR articles).
    """
    while tokens and tokens[0].is_punct and tokens[0].text not in OPEN_MARKS + AMBIGUOUS_MARKS:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in CLOSE_MARKS + AMBIGUOUS_MARKS:
        tokens = tokens[:-1]
    return tokens


def _bare_as_clause(verb) -> bool:
    """An "as" clause that only names a source: "as Clinton supporters point out", "As POLITICO
    revealed"; not "as he spoke of his faith", "as Kerry continues to pursue diplomacy"."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    return all(c.dep_ in {"mark", "nsubj", "aux", "prt", "advmod", "punct", "neg"}
               or c.dep_ == "prep" and any(o.ent_type_ in {"DATE", "TIME"} for o in c.children)
               for c in verb.children)


def _direct_quote(tok, candidates, qspans, inner, used_quote, text):
    """The quotations right next to a cue (and the second half of a split one) as its direct quote."""
    group = [q for q in candidates if _adjacent_to(q, tok, text)
             and (len(text[inner[q][0]:inner[q][1]].split()) >= 3 or _short_reply(q, tok, text))]
    if not group:
        return None
    group += _continuation(group, tok, [q for q in qspans if q not in used_quote], text)
    return Quote("direct", [inner[g] for g in group], (tok.idx, tok.idx + len(tok.text)), tok.text), group


def raised_quote(tok, qspans):
    """A statement whose subject was raised out of it: "The closures appear to have brought
    stability", "Kazakhstan is expected to sign", "it seems that ...".

    The content is the subject and the complement (two fragments, as attribution corpora mark
    them); nobody is named, so the quote comes with no owner: (quote, None). Returns None for
    any other verb.
    """
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or lemma not in RAISING_LEMMAS | JUDGING_VERBS:
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in RAISING_PASSIVES | JUDGING_VERBS\
            and not any(c.dep_ == "agent" for c in tok.children):
        return _raised_noun_quote(tok, qspans)
    if lemma not in RAISING_LEMMAS:
        return None
    subj = next((c for c in tok.children if c.dep_ in SUBJ_DEPS | {"expl"}), None)
    if subj is None:
        return None
    if lemma in RAISING_VERBS and subj.dep_ in {"nsubj", "expl"}:
        comps = [c for c in tok.rights if c.dep_ in {"xcomp", "acomp", "oprd", "attr"}]
        if not comps and (subj.dep_ == "expl" or subj.lower_ == "it"):  # "it appears that Clinton had ..."
            comps = [c for c in tok.rights if c.dep_ == "ccomp"]
    elif lemma in RAISING_PASSIVES | AS_VERBS and subj.dep_ == "nsubjpass"\
            and not any(c.dep_ == "agent" for c in tok.children):
        # "is expected to sign", "was deemed unfit", "is seen as the region's leader"
        comps = [c for c in tok.rights if c.dep_ in {"xcomp", "oprd"}]
        as_object = _first_prep_object(tok.rights, {"as"}) if lemma in AS_VERBS else None
        if not comps and as_object is not None:
            comps = [as_object]
    else:
        return None
    if not comps:
        return None
    doc = tok.doc
    comp = comps[0]
    later = [c for c in tok.rights if c.i > comp.i and c.dep_ in {"ccomp", "xcomp"}]
    # "it seems inevitable that ...", "it seems unfair to tell them ...": an "it" standing for the
    # clause after the adjective is no part of the statement, which runs to the clause's end
    extraposed = subj.dep_ == "expl" or (subj.lower_ == "it" and bool(later))
    parts = [] if extraposed else [span_chars(doc, subj.left_edge.i, subj.right_edge.i + 1)]
    end = max([comp.right_edge.i] + [c.right_edge.i for c in later]) if extraposed else comp.right_edge.i
    parts.append(span_chars(doc, comp.left_edge.i, _before_aside(comp, end) + 1))
    if any(e <= s for s, e in parts) or parts[-1][1] - parts[-1][0] < 3:
        return None
    return reported(parts, qspans, (tok.idx, tok.idx + len(tok.text)), tok.text)[0], None


def speaking_complement(tok):
    """The cue verb a speaker "seems" or "appears" to use ("Cruz seemed to mock ..."), or None."""
    if tok.lemma_.lower() not in RAISING_VERBS:
        return None
    subj = own_subject(tok)
    comp = next((c for c in tok.rights if c.dep_ == "xcomp"), None)
    if subj is None or comp is None or not can_speak(subj) or not is_cue_verb(comp):
        return None
    return comp


def _raised_noun_quote(tok, qspans):
    """The same with a participle on a noun: "the new line, expected to open in 2027", "the
    island, known as the Poorhouse of the Caribbean": the noun phrase up to the participle and
    the participle's complement."""
    doc = tok.doc
    comp = next((c for c in tok.rights if c.dep_ in {"xcomp", "oprd"}), None) or _first_prep_object(
        tok.rights, {"as", "of", "for"} if tok.lemma_.lower() in JUDGING_VERBS else {"as"})
    if comp is None:
        return None
    noun = tok.head
    parts = [span_chars(doc, noun.left_edge.i, tok.left_edge.i),
             span_chars(doc, comp.left_edge.i, _before_aside(comp, comp.right_edge.i) + 1)]
    if any(e - s < 3 for s, e in parts):
        return None
    return reported(parts, qspans, (tok.idx, tok.idx + len(tok.text)), tok.text)[0], None


def copular_quote(be, qspans):
    """A proposition stated through a noun and a copula: "His answer was that the family comes
    first", "The hope is that talks resume". Returns the quote and the noun's owner (the
    speaker; None when the noun has none), or None."""
    subj = own_subject(be)
    if subj is None or subj.lemma_.lower() not in NOMINAL_CUES | PROPOSITION_NOUNS:
        return None
    clause = next((c for c in be.rights if c.dep_ in {"ccomp", "attr"} and _opens_clause(c) and has_that(c)), None)
    if clause is None:
        return None
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    return _stance_quote(clause, (subj.idx, be.idx + len(be.text)), qspans, owner, min_chars=12)


def attitude_quote(be, qspans):
    """A stance stated with an adjective or a noun: "she was confident that ...", "others are
    wary of campaigning with him", "he has been a critic of the deal". Returns the quote and the
    subject (the speaker), or None."""
    subj = own_subject(be)
    adj = next((c for c in be.rights if c.dep_ == "acomp" and c.lemma_.lower() in ATTITUDE_ADJECTIVES
                or c.dep_ == "attr" and c.lemma_.lower() in STANCE_NOUNS), None)
    if subj is None or adj is None or not can_speak(subj):
        return None
    # what the stance is about hangs on the adjective, or on the copula after it
    after = list(adj.rights) + [c for c in be.rights if c.i > adj.i]
    target = next((c for c in after if c.dep_ in {"ccomp", "xcomp"}), None)
    if target is not None and target.dep_ == "xcomp" and is_cue_verb(target):
        return None  # "eager to talk about the corridor": the infinitive is the cue
    if target is None:
        target = _first_prep_object(after, {"of", "about", "to", "with", "on", "over"})
    if target is None:
        return None
    return _stance_quote(target, (adj.idx, adj.idx + len(adj.text)), qspans, subj)


def light_verb_quote(verb, qspans):
    """A stance stated with a light verb and a noun: "made clear that ...", "took issue with
    the plan", "drew attention to the abuses", "has doubts about the deal". Returns the quote
    and the subject (the speaker), or None."""
    subj = subject_of(verb)
    if subj is None or not can_speak(subj):
        return None
    clear = next((c for c in verb.children if c.lower_ == "clear"), None)
    if verb.lemma_.lower() == "make" and clear is not None:  # "made (it) clear that ..."
        head = clear
        target = next((c for c in list(clear.rights) + list(verb.rights)
                       if c.i != clear.i and (c.dep_ == "ccomp" or c.dep_ == "advcl" and has_that(c))), None)
    else:
        head = next((c for c in verb.rights if c.dep_ == "dobj" and c.lemma_.lower() in STANCE_OBJECTS), None)
        if head is None:
            return None
        target = next((c for c in head.rights if c.dep_ in {"acl", "ccomp"} and has_that(c)), None)\
            or _first_prep_object(list(head.rights) + [c for c in verb.rights if c.i > head.i], STANCE_PREPS)
    if target is None:
        return None
    return _stance_quote(target, (verb.idx, head.idx + len(head.text)), qspans, subj)


def _first_prep_object(tokens, preps: set[str]):
    """What the first of ``tokens`` that is one of the prepositions ``preps`` governs, or None."""
    prep = next((c for c in tokens if c.dep_ == "prep" and c.lower_ in preps), None)
    return prep_object(prep) if prep is not None else None


def _stance_quote(target, cue: tuple[int, int], qspans, owner, min_chars: int = 3):
    """The statement made by ``target``'s phrase (an aside after a comma left out) and its owner,
    or None when the phrase is too short to say anything."""
    doc = target.doc
    content = span_chars(doc, target.left_edge.i, _before_aside(target, target.right_edge.i) + 1)
    if content[1] - content[0] < min_chars:
        return None
    quote, _ = reported(content, qspans, cue, doc.char_span(*cue, alignment_mode="expand").text)
    return quote, owner


def _asks(verb, clause) -> bool:
    """An "if"/"whether" clause of a verb of asking is the question ("asked the students if they
    were always so serious"), wherever the parser attached it."""
    return verb.lemma_.lower() in ASKING_VERBS and any(
        m.dep_ == "mark" and m.lower_ in {"if", "whether"} for m in clause.children)


def _for_to(clause) -> bool:
    """A "for X to do Y" clause, as the parser attaches it to "called for rivals to drop out"."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)\
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _before_aside(head, end: int) -> int:
    """``end`` moved before an aside that closes a phrase: "praised Mr. Bush, whom he attacked
    viciously", "hoped for better jobs, a common immigrant sentiment" (a relative clause or an
    apposition after a comma describes the object; it is not part of what was said)."""
    doc = head.doc
    for t in head.subtree:
        if t.dep_ in {"relcl", "appos"} and t.left_edge.i > head.i and doc[t.left_edge.i - 1].text == ","\
                and t.right_edge.i >= end - 1 and not (t.dep_ == "appos" and any(c.dep_ == "cc" for c in t.children)):
            return t.left_edge.i - 2  # (an "apposition" with "and" in it is the rest of a list)
    return end


def _relative_aside(verb):
    """The two fragments of a statement a cue interrupts right after a relative pronoun, or None.

    In "overtaking the bank's lending to the region which, the finance minister told Reuters, is
    around $2 billion" the parser makes the aside the relative clause ("which" its object);
    what was said is the noun phrase up to "which" and the rest of the sentence after the
    aside's closing comma.
    """
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in SPEECH_VERBS or own_subject(verb) is None:
        return None
    doc = verb.doc
    rel = next((c for c in verb.lefts if c.lower_ in {"which", "that", "who"}), None)
    if rel is None or rel.i + 1 >= len(doc) or doc[rel.i + 1].text != ",":
        return None
    close = verb.right_edge.i if doc[verb.right_edge.i].text == "," else verb.right_edge.i + 1
    sent_end = verb.sent.end
    while sent_end > close + 1 and doc[sent_end - 1].is_punct and doc[sent_end - 1].text not in {")", "”", "’"}:
        sent_end -= 1
    if close >= sent_end - 1 or doc[close].text != ","\
            or not any(t.pos_ in {"VERB", "AUX"} for t in doc[close + 1:sent_end]):
        return None
    noun = verb.head  # up from the antecedent over "with"/"of" to the whole noun phrase
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head.head
    return [span_chars(doc, noun.left_edge.i, rel.i + 1), span_chars(doc, close + 1, sent_end)]


def _fronted_after_comma(cue, clause, first: int) -> int:
    """Where a reported clause starts when the cue is an "as" aside and the parser hung the
    clause's fronted phrase on it: in "as the minister told Reuters, out of 5,000 delegates who
    came, most are from abroad" what follows the aside's comma is what was said.
    (After a plain cue such a phrase is the saying's own: "said, for example, that ...".)"""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.lefts) or has_that(clause):
        return first
    comma = next((c for c in cue.rights if c.dep_ == "punct" and c.text == "," and c.i < clause.left_edge.i), None)
    if comma is None:
        return first
    fronted = [c for c in cue.rights if comma.i < c.i < clause.left_edge.i and c.dep_ == "prep" and not circumstance(c)]
    return fronted[0].left_edge.i if fronted else first


def _stranded_complements(tok) -> list:
    """A that-clause the parser hung on a noun of the cue's own phrase: "said during a news
    conference that he may wait" (a relative clause never has 'that' as its *mark*)."""
    found = []
    for prep in tok.rights:
        if prep.dep_ != "prep":
            continue
        for t in prep.subtree:
            if t.dep_ in {"relcl", "acl"} and has_that(t):
                found.append(t)
                break
    return found[:1]


def reported(content, quotations: list[QuoteSpan], cue: tuple[int, int], cue_text: str):
    """A reported statement and the quotation spans it contains: *mixed* if it holds one, else *indirect*.

    ``content`` is one (start, end) span or a list of fragments.
    """
    parts = content if isinstance(content, list) else [content]
    inside = [q for q in quotations if any(s - 1 <= q.start < e for s, e in parts)]
    return Quote("mixed" if inside else "indirect", parts, cue, cue_text), inside


def nominal_quote(noun, qspans, text):
    """A statement named by a noun with its owner: "Trump's call for a ban", "her claim that ...".

    Returns the quote and the possessor token (its speaker), or None.
    """
    doc = noun.doc
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "criticism of the plan from Moscow", "a warning by the central bank that ..."
        owner = next((o for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"from", "by"}
                      for o in c.children if o.dep_ == "pobj"), None)
    if owner is None or not (can_speak(owner) or owner.pos_ in {"PROPN", "PRON"}):
        return None
    parts = [c for c in noun.rights if c.dep_ in {"acl", "ccomp", "relcl"} and any(
        m.dep_ in {"mark", "aux"} and m.lower_ in {"that", "to"} for m in c.children)
        or (c.dep_ == "prep" and c.lower_ in {"for", "of", "on", "against", "to"})]
    if not parts:
        return None
    c_start, c_end = span_chars(doc, parts[0].left_edge.i, parts[0].right_edge.i + 1)
    if parts[0].dep_ == "prep":  # the object of "call for", not the preposition
        obj = prep_object(parts[0])
        if obj is None:
            return None
        end = obj.right_edge.i + 1
        if parts[0].lower_ == "for" and end + 1 < len(doc) and doc[end].lower_ == "to"\
                and doc[end].head.i == end + 1 and doc[end + 1].pos_ == "VERB":
            end = doc[end + 1].right_edge.i + 1  # "calls for Silicon Valley [to roll back encryption]"
        c_start, c_end = span_chars(doc, obj.left_edge.i, end)
    if c_end - c_start < 3:
        return None
    quote, _ = reported((c_start, c_end), qspans, (noun.idx, noun.idx + len(noun.text)), noun.text)
    return quote, _clause_subject_for(owner)


def _clause_subject_for(possessive):
    """A possessive pronoun's speaker as attribution corpora mark it: the active subject of the
    clause it stands in ("De Blasio repeated *his* claim that ..." -> De Blasio), else itself."""
    if possessive.lower_ not in {"his", "her", "its", "their"}:
        return possessive
    governor = governing_verb(possessive)
    subj = subject_of(governor) if governor is not None else None
    if subj is None or subj.dep_ != "nsubj" or subj.i > possessive.i or not can_speak(subj):
        return possessive
    return subj


def _continuation(group: list[QuoteSpan], cue, direct: list[QuoteSpan], text: str) -> list[QuoteSpan]:
    """The second half of a split quote: '"A," Pant said, "B."' -> B (nothing but the cue and a comma
    between, or a full stop after a first half that broke off at a comma; same paragraph)."""
    subj = subject_of(cue)
    tail = cue.idx + len(cue.text)
    if subj is not None:
        tail = max(tail, subj.right_edge.idx + len(subj.right_edge.text))
    later = [q for q in direct if q.start >= tail and q not in group]
    if later and group and group[-1].end <= cue.idx:
        nxt = min(later, key=lambda q: q.start)
        between = text[tail:nxt.start]
        # '"A," he said, "B."' is one split quote, and so is '"A," he said. "B."' when A breaks off at a
        # comma; '"A!" he said. "B."' is two statements (B follows on)
        interrupted = text[group[-1].start:group[-1].end].rstrip(CLOSE_MARKS + AMBIGUOUS_MARKS + "’' ").endswith(",")
        # ('"A," he said of the voters, "B."' too: a phrase of the cue's own, with no other cue, between)
        aside = interrupted and re.fullmatch(r"[^\n.!?\"“”]{1,120},[^\S\n]*", between) and not any(
            is_cue_verb(t) for t in cue.doc.char_span(tail, nxt.start, alignment_mode="contract") or [])
        if (re.fullmatch(r"[^\S\n]*(?:[,;:—–-][^\S\n]*)?", between) or aside or (
                interrupted and re.fullmatch(r"[^\S\n]*\.[^\S\n]+", between))) and not _own_cue_after(nxt, cue.doc):
            return [nxt]
    return []


def _split_lead(group: list[QuoteSpan], cue, direct: list[QuoteSpan], text: str) -> list[QuoteSpan]:
    """The first half of a split quote whose second half a clause after the cue took alone.

    '"The corridor," Tokayev said, "is a bridge to Europe."': the parser makes the second half
    the cue's complement, and the first, two words long, is too short to be a statement of its
    own. A quotation that opens its sentence, closes on a comma and stands right before the cue
    is the statement's first fragment, however short (a scare-quoted label inside a sentence,
    'the "reset," he said, "is over"', is not).
    """
    if not group or group[0].start < cue.idx:
        return []
    before = [q for q in direct if q.closed and q.end <= cue.idx and q not in group and _adjacent_to(q, cue, text)]
    if not before:
        return []
    lead = max(before, key=lambda q: q.end)
    if text[lead.start:lead.end].rstrip(CLOSE_MARKS + AMBIGUOUS_MARKS + "’' ").endswith(",")\
            and starts_paragraph_or_sentence(lead, text):
        return [lead]
    return []


def _between_quotations(cue, direct: list[QuoteSpan], text: str) -> bool:
    """The cue interrupts a quotation: one closes right before its phrase, another opens right after.

    ('"The railway," Lavrov said, "will open in 2027."' is a split direct quote, not a
    parenthetical cue inside a reported statement.)
    """
    phrase = [cue] + [t for c in cue.children if c.dep_ in SUBJ_DEPS for t in c.subtree]  # "Lavrov said"
    start, end = min(t.idx for t in phrase), max(t.idx + len(t.text) for t in phrase)
    return any(q.end <= start and not text[q.end:start].strip(" ,") for q in direct)\
        and any(q.start >= end and not text[end:q.start].strip(" ,") for q in direct)


def _tokens_after(q: QuoteSpan, doc, chars: int):
    """The whole tokens in the ``chars`` characters after a quotation (None if there are none)."""
    return doc.char_span(q.end, min(doc[-1].idx + len(doc[-1]), q.end + chars), alignment_mode="contract")


def manner_cue(q: QuoteSpan, doc, text: str):
    """A verb of any kind that attributes the quotation just before it: '"Go back," Trump barked',
    '"…," fumed Toomey'. The quotation breaks off at a comma, question or exclamation mark; the
    next words are a speaker and a finite verb (either order) with nothing after the verb that
    could be its own content. Returns (verb, subject) or None."""
    if not q.closed or text[q.start:q.end].rstrip(CLOSE_MARKS + AMBIGUOUS_MARKS + "’' ")[-1:] not in {",", "?", "!"}:
        return None
    if _is_title(text[q.start:q.end]):
        return None  # '"Planet of the Apes," ...' names a work
    after = _tokens_after(q, doc, 60)
    verb = next((t for t in after or [] if t.pos_ == "VERB"), None)
    finite = verb is not None and (verb.tag_ in {"VBD", "VBZ", "VBP"} or verb.tag_ == "VBN" and verb.dep_ == "ROOT"
                                   and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children))
    # (a verb of telling has the one addressed as its object: '"…," Ramos told AFP')
    objects = {"ccomp", "xcomp", "attr", "acomp"}
    if verb is None or verb.lemma_.lower() not in ADDRESSEE_VERBS:
        objects.add("dobj")
    if verb is None or "\n" in text[q.end:verb.idx] or not finite\
            or any(c.dep_ in objects for c in verb.rights):
        return None
    # (a name right before the verb that the parser made a compound of it is its subject, and so
    # is a name right after the quotation that the parser hung elsewhere: '"…," Ramos, 58, told')
    subj = next((c for c in verb.children if c.dep_ == "nsubj"
                 or c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == verb.i - 1), None)
    if subj is None:
        name = next((t for t in after if not t.is_punct and not t.is_space), None)
        if name is not None and name.pos_ == "PROPN" and name.i < verb.i and name.right_edge.i < verb.i\
                and not text[doc[name.right_edge.i].idx + len(doc[name.right_edge.i]):verb.idx].strip(" ,"):
            subj = name
    if subj is None or not can_speak(subj):
        return None
    first, last = min(subj.left_edge.i, verb.i), max(subj.right_edge.i, verb.i)
    if text[q.end:doc[first].idx].strip(" ,") or (subj.i < verb.i and text[
            doc[subj.right_edge.i].idx + len(doc[subj.right_edge.i]):verb.idx].strip(" ,")):
        return None
    return (verb, subj) if last - first <= 12 else None


def colon_cue_before(q: QuoteSpan, doc, text: str):
    """A cue that ends the paragraph before the quotation with a colon: 'In a 1963 speech, he
    declared:' followed by the quotation as the next paragraph; in the same paragraph, any verb
    ('Tokayev went even further: "…"'). Returns (verb, subject) or None."""
    before = text[:q.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    verb = colon[0].head if colon is not None else None
    if verb is not None and verb.i > colon[0].i and colon[0].i > 0:
        # the parser hung the colon on the quoted verb ("Smith shot back: 'That would be good.'"):
        # the verb is the one the colon follows
        verb = doc[colon[0].i - 1]
        verb = verb.head if verb.dep_ in {"prt", "advmod"} else verb
    if verb is None or verb.i == colon[0].i:
        return None
    # (in the same paragraph any verb will do: 'Trump went even further: "…"')
    if not (is_cue_verb(verb) or "\n" not in text[len(before):q.start] and verb.pos_ == "VERB"):
        return None
    subj = subject_of(verb)
    return (verb, subj) if subj is not None and can_speak(subj) else None


def verb_right_before(q: QuoteSpan, doc, text: str):
    """A verb of any kind right before a quoted sentence, with at most a colon or comma between:
    'a man yelled “Stay there!”', 'he leaned in and boomed: “Let's finish it.”'. The quotation
    is capitalised and closed by . ! or ?, or, after the colon or comma, four words or more.
    A participle counts only if it is a cue. Returns (verb, subject) or None."""
    s, e = inner_span(q, text)
    quoted = text[s:e]
    if not q.closed or not quoted[:1].isupper() or _is_title(quoted):
        return None
    before = doc.char_span(max(0, q.start - 40), q.start, alignment_mode="contract")
    toks = [t for t in before or [] if not t.is_space]
    # (after a colon or comma a quotation of four words or more need not end in . ! or ?:
    # 'Clinton cracked, "I'm a progressive who likes to get things done" - …')
    sentence = quoted.rstrip("’'")[-1:] in {".", "!", "?"}
    if not (sentence or toks and toks[-1].text in {":", ","} and len(quoted.split()) >= 4):
        return None
    if toks and toks[-1].text in {":", ","}:
        toks = toks[:-1]
    if not toks or toks[-1].pos_ != "VERB" or "\n" in text[toks[-1].idx:q.start]:
        return None
    verb = toks[-1]
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} and not (verb.tag_ == "VBG" and is_cue_verb(verb)):
        return None  # (a participle only if it is a cue: 'shared the news, writing "Feels great …"')
    subj = subject_of(verb)
    return (verb, subj) if subj is not None and subj.i < verb.i and can_speak(subj) else None


def _is_title(quoted: str) -> bool:
    """Every longer word capitalised, as in the title of a work or a slogan ("Planet of the Apes")."""
    words = [w for w in re.findall(r"[^\W\d_]+", quoted) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _own_cue_after(q: QuoteSpan, doc) -> bool:
    """The quotation is followed by its own attribution ('"B," added another delegate'), so it is
    not the second half of the quotation before it."""
    after = _tokens_after(q, doc, 80)
    for tok in after or []:
        if tok.is_sent_start or "\n" in tok.text or tok.text in {".", "!", "?"} or tok.i - after.start > 6:
            return False
        if is_cue_verb(tok):
            return True
    return False


def _opens_clause(clause) -> bool:
    """The clause has its own subject or a 'that'/'whether' marker (or stands as parataxis)."""
    return any(c.dep_ in SUBJ_DEPS | {"csubj", "csubjpass", "mark", "expl"} for c in clause.children)\
        or clause.dep_ == "parataxis"


def _is_finite_clause(clause) -> bool:
    """A reported proposition: it opens a clause, or its verb is tensed."""
    return _opens_clause(clause) or _is_tensed(clause)


def _gerund_subject(xcomp) -> bool:
    """A gerund the parser made the cue's complement when it is the subject of the reported
    clause: "said [legalizing it] could put thousands to work" (a tensed clause hangs on it)."""
    return xcomp.tag_ == "VBG" and xcomp.i > xcomp.head.i and any(
        c.dep_ == "ccomp" and c.i > xcomp.i and _is_tensed(c) and not any(m.dep_ == "mark" for m in c.children)
        for c in xcomp.children)


def _is_tensed(verb) -> bool:
    """A verb carrying tense itself or through an auxiliary ("could finally show ..."): a clause
    even when the parser lost its subject."""
    return verb.tag_ in {"VBD", "VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "VBD", "VBZ", "VBP"} for c in verb.children)


def according_quote(acc, obj, qspans, text):
    """'According to X, ...': the rest of the sentence is X's statement."""
    doc = acc.doc
    sent = acc.sent
    before = span_chars(doc, sent.start, acc.left_edge.i)
    after = span_chars(doc, acc.right_edge.i + 1, sent.end)
    if not doc[sent.start:acc.i].text.strip(" ,\"“”'‘’—–-"):
        # sentence-initial "According to X, role at Y, content": the content starts after the
        # comma that closes the source's apposition, whatever the parser attached to it
        commas = [t.i for t in doc[obj.i + 1:sent.end] if t.text == ","]
        has_appos = any(c.dep_ == "appos" for c in obj.children)
        cut = commas[1] if has_appos and len(commas) > 1 else (commas[0] if commas else None)
        if cut is not None:
            after = span_chars(doc, cut + 1, sent.end)
    content = [s for s in (before, after) if s[1] - s[0] > 12]
    if not content:
        return None
    qtype = "mixed" if any(overlaps(c, (q.start, q.end)) for c in content for q in qspans) else "indirect"
    phrase = (acc.idx, obj.idx + len(obj.text))
    return Quote(qtype, content, phrase, text[acc.idx:acc.idx + len("according to")] if acc.lower_ == "according"
                 else acc.text)


def can_go_on(sp: Speaker) -> bool:
    """Whether a quotation that follows a statement can be that speaker's: one named, or one
    the article introduced without a name ("a spokesman said ...")."""
    return bool(sp.name) or bool(sp.mention) and sp.kind == "unnamed" and sp.mention.split()[0].lower() in {"a", "an"}


def copy_speaker(sp: Speaker) -> Speaker:
    """The speaker of an earlier quote, for a quote without a cue of its own: the mention and
    its offsets are where that speaker was named (the antecedent a reader would look back to)."""
    return Speaker(mention=sp.mention, start=sp.start, end=sp.end, name=sp.name, role=sp.role, org=sp.org,
                   kind=sp.kind)


def _words_outside(inside: list[QuoteSpan], c_start: int, c_end: int, text: str) -> int:
    """Words of a reported clause that stand outside its quotation marks ('that' included)."""
    chars = list(text[c_start:max(c_end, inside[-1].end)])
    for q in inside:
        for i in range(max(q.start, c_start), q.end):
            if i - c_start < len(chars):
                chars[i - c_start] = " "
    return len(re.findall(r"\w+", "".join(chars)))


def _adjacent_to(q: QuoteSpan, cue, text: str) -> bool:
    """The cue clause sits right before (after a colon or comma) or right after the quote."""
    if q.end <= cue.idx:
        gap = text[q.end:cue.idx]
        if "\n" in gap or len(gap) > 200:
            return False
        if len(gap) < 60:
            return True
        # a long subject between ('"…," James B. Comey Jr., the director of the F.B.I., said')
        subj = subject_of(cue)
        span = cue.doc.char_span(q.end, cue.idx, alignment_mode="contract")
        own = {t.i for t in subj.subtree} if subj is not None and can_speak(subj) else set()
        return bool(own) and span is not None and all(t.i in own or t.is_punct or t.is_space for t in span)
    gap = text[cue.idx + len(cue.text):q.start]
    return len(gap) < 40 and "\n" not in gap and bool(re.search(r"[:,]\s*$", gap) or not gap.strip())


def _short_reply(q: QuoteSpan, cue, text: str) -> bool:
    """A one- or two-word quotation that is a reply, not a label: '"Denver," he answered.'

    Before the cue it closes on its own comma, question or exclamation mark, opens its sentence
    and is followed directly by the cue's clause; a scare-quoted label ('the "reset," he said') is
    not at the start of a sentence. After the cue's comma or colon it is a capitalised sentence
    of its own ('he said, "No."').
    """
    if not q.closed:
        return False
    if q.start > cue.idx:  # 'she shook her head and said, "No."': a whole sentence after the cue's comma
        words = text[q.start:q.end].strip(OPEN_MARKS + CLOSE_MARKS + AMBIGUOUS_MARKS + "'` ")
        return bool(re.search(r"[,:]\s*$", text[cue.idx:q.start])) and words[:1].isupper()\
            and words[-1:] in {".", "!", "?"}
    if q.end > cue.idx or "\n" in text[q.end:cue.idx]:
        return False
    return text[q.start:q.end].rstrip(CLOSE_MARKS + AMBIGUOUS_MARKS + "'")[-1:] in {",", "?", "!"}\
        and starts_paragraph_or_sentence(q, text)


#: A sentence opening with a conjunction right before a quotation: 'he said. But "…"'.
CONJUNCTION_BEFORE = re.compile(r"(?:^|[.!?]['’”\"]*\s+)(?:But|And|Yet|Still|So)\s+$", re.M)


def starts_paragraph_or_sentence(q: QuoteSpan, text: str) -> bool:
    before = text[max(0, q.start - 4):q.start]
    return q.start == 0 or "\n" in before[-3:] or bool(re.search(r"[.!?](?:''|['’”\"])?\s+$", before))
