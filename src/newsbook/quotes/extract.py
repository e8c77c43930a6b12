"""The extractor: :func:`extract_quotes` chains named passes over one parsed document.

An :class:`Article` holds what every pass reads (the parse, the text, the people it names, its
quotation spans) and what they build (the statements found so far, the quotation spans used).
:data:`PASSES` runs in order:

1. ``cues``: each token outside quotation marks is offered to the :data:`CUE_RULES` in turn
   (according to, copula, light verb, raised, statement noun, reporting verb); the first that
   claims it ends its turn. A raised statement whose verb also speaks waits for that verb.
2. ``headline-colon``: "Speaker: what they said" at the start of a paragraph.
3. ``paragraphs``: an indirect statement ends with its cue's paragraph; a statement reported
   inside another one's content belongs to the outer speaker.
4. ``quotations``: quotation spans still without a cue take a verb of saying next to them, or
   continue the last speaker (follow-on).
5. ``over-paragraphs``: an unclosed quotation that runs on into the next paragraph's quotation.
6. ``channels``: a wire agency or outlet relaying a person's statement becomes its ``via``.

Each statement records the rule that found it (``Quote.rule``; catalogue: :mod:`newsbook.quotes.rules`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from newsbook.quotes.channels import relayed
from newsbook.quotes.content import (CONJUNCTION_BEFORE, according_quote, attitude_quote, can_go_on,
                                     colon_cue_before, copular_quote, copy_speaker, inverted_parenthetical,
                                     light_verb_quote, manner_cue, nominal_quote, raised_quote, reported,
                                     reported_within, speaking_complement, starts_paragraph_or_sentence,
                                     verb_quote, verb_right_before, within_paragraph)
from newsbook.quotes.cues import according_to, is_cue_verb, verb_tagged_noun
from newsbook.quotes.lexicons import (AMBIGUOUS_MARKS, COLON_ATTRIBUTION, JUDGING_VERBS, LIGHT_VERBS, NOMINAL_CUES,
                                      OPEN_MARKS, QUANTIFIERS, RAISING_PASSIVES, SPEAKER_NOUNS, SPEECH_VERBS,
                                      SUBJ_DEPS)
from newsbook.quotes.marks import find_quote_spans, inner_span
from newsbook.quotes.records import Quote, QuoteSpan, Speaker
from newsbook.quotes.speakers import PeopleIndex, resolve_speaker
from newsbook.quotes.syntax import (addressed, agent_of, can_speak, is_name_list, overlaps, past_dateline,
                                    span_chars, subject_of)

#: Parts of speech a cue can have below "according to": every cue rule after it is a verb or a noun.
CUE_POS = {"VERB", "AUX", "NOUN"}


@dataclass
class Article:
    """One document as the passes see it, and the statements they have found in it."""

    doc: object
    text: str
    people: PeopleIndex
    qspans: list[QuoteSpan]
    inner: dict
    quote_ranges: list[tuple[int, int]]
    quote_of: dict[int, QuoteSpan]
    quotes: list[Quote] = field(default_factory=list)
    #: statements cued by a verb or a copula (the only ones that can be nested)
    verb_cued: list[Quote] = field(default_factory=list)
    used_quote: set[QuoteSpan] = field(default_factory=set)
    #: (cue verb, raised statement): the raised one only if the verb makes none
    deferred: list = field(default_factory=list)
    #: "according to" tokens by index, with the object that names the speaker
    accordings: dict = field(default_factory=dict)

    @classmethod
    def read(cls, doc, text: str, people: PeopleIndex | None = None) -> "Article":
        people = people or PeopleIndex(doc, text)
        qspans = [q for q in find_quote_spans(text) if len(text[q.start:q.end].split()) >= 1]
        # the quotation each token lies strictly inside (the first listed, if nested), found once
        starts = [t.idx for t in doc]
        quote_of: dict[int, QuoteSpan] = {}
        for q in qspans:
            for i in range(bisect.bisect_right(starts, q.start), bisect.bisect_left(starts, q.end)):
                quote_of.setdefault(i, q)
        return cls(doc, text, people, qspans, {q: inner_span(q, text) for q in qspans},
                   [(q.start, q.end) for q in qspans], quote_of)

    def in_quote(self, tok) -> QuoteSpan | None:
        return self.quote_of.get(tok.i)

    def outside(self, tok):
        """``tok`` if it stands outside every quotation, else None."""
        return tok if tok is not None and self.in_quote(tok) is None else None

    def speaker(self, tok) -> Speaker:
        return resolve_speaker(tok, self.people, self.quote_ranges)

    def unused(self) -> list[QuoteSpan]:
        return [q for q in self.qspans if q not in self.used_quote]

    def keep(self, quote: Quote, rule: str) -> None:
        """Keep a statement cued by a verb or a copula (the only kind that can be nested)."""
        quote.rule = quote.rule or rule
        self.quotes.append(quote)
        self.verb_cued.append(quote)

    def add_owned(self, found, rule: str) -> bool:
        """Keep a (quote, owner) pair found by a rule; the owner, if any, is the speaker."""
        if found is None:
            return False
        quote, owner = found
        if owner is not None:
            quote.speaker = self.speaker(owner)
        self.keep(quote, rule)
        return True


# --------------------------------------------------------------------------- cue rules
# Each takes a token outside quotation marks; True claims it (no later rule sees it).

def according_to_rule(a: Article, tok) -> bool:
    """according-to: "according to X", X the speaker."""
    if tok.i not in a.accordings:
        return False
    q = according_quote(tok, a.accordings[tok.i], a.qspans, a.text)
    if q is not None:
        q.speaker = a.speaker(a.accordings[tok.i])
        q.rule = "according-to"
        a.quotes.append(q)
    return True


def copula_rule(a: Article, tok) -> bool:
    """copula / attitude: "his answer was that ...", "she was confident that ..."."""
    if tok.pos_ not in CUE_POS or tok.lemma_ != "be":
        return False
    a.add_owned(copular_quote(tok, a.qspans), "copula") or a.add_owned(attitude_quote(tok, a.qspans), "attitude")
    return True


def light_verb_rule(a: Article, tok) -> bool:
    """light-verb: "made clear that ...", "took issue with the plan"."""
    return tok.pos_ in CUE_POS and tok.lemma_.lower() in LIGHT_VERBS \
        and a.add_owned(light_verb_quote(tok, a.qspans), "light-verb")


def raised_rule(a: Article, tok) -> bool:
    """raised: "X is expected to attend", nobody named; "Cruz seemed to mock his rival" waits for
    "mock" and is Cruz's if "mock" makes a statement."""
    if tok.pos_ not in CUE_POS:
        return False
    raised = raised_quote(tok, a.qspans)
    if raised is None:
        return False
    speaking = speaking_complement(tok)
    if speaking is None:
        a.add_owned(raised, "raised")
    else:
        a.deferred.append((speaking, raised))
    return True


def statement_noun_rule(a: Article, tok) -> bool:
    """statement-noun: a statement noun with its owner ("Lavrov's claim that ...")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOMINAL_CUES or verb_tagged_noun(tok):
        return False
    found = nominal_quote(tok, a.qspans, a.text)
    if found is not None:
        quote, owner = found
        quote.speaker = a.speaker(owner)
        quote.rule = "statement-noun"
        a.quotes.append(quote)
    return True


def reporting_verb_rule(a: Article, tok) -> bool:
    """asked / inverted-aside / cue-verb / passive-agent: a reporting verb and its subject."""
    if tok.pos_ not in CUE_POS or not is_cue_verb(tok):
        return False
    if addressed(tok):
        _asked(a, tok)
    elif not _inverted_aside(a, tok):
        _cue_verb(a, tok)
    return True


def _asked(a: Article, tok) -> None:
    """asked: "Asked whether he would run, Smith said ...": the asker is not named."""
    found = verb_quote(tok, a.qspans, a.inner, a.used_quote, a.text)
    if found is not None:
        a.used_quote.update(found[1])
        asker = agent_of(tok)
        if asker is not None:  # "Asked by a reporter whether ...": unless the asker is named
            found[0].speaker = a.speaker(asker)
        a.keep(found[0], "asked")


def _inverted_aside(a: Article, tok) -> bool:
    """inverted-aside: "The deal, said Niva Yau, a fellow at ..., is a win for Beijing"."""
    inverted = inverted_parenthetical(tok)
    if inverted is None:
        return False
    parts, speaker = inverted
    quote, group = reported(parts, a.unused(), (tok.idx, tok.idx + len(tok.text)), tok.text)
    a.used_quote.update(group)
    quote.speaker = a.speaker(speaker)
    a.keep(quote, "inverted-aside")
    return True


def _quoted_verb_subject(a: Article, tok):
    """The speaker of a verb whose parsed subject lies inside a quotation, if it has one outside."""
    doc = a.doc
    # '"… [Clinton] can be …," Kilfoyle said' (or the speaker the parser made an apposition of a
    # quoted vocative: '"…, Mr. President," Cohen told Obama')
    subj = next((c for c in tok.children if c.dep_ in SUBJ_DEPS and a.in_quote(c) is None), None) or next(
        (x for c in tok.children if c.dep_ in SUBJ_DEPS for x in c.children
         if x.dep_ == "appos" and a.in_quote(x) is None and can_speak(x)), None)
    if subj is None and tok.tag_ == "VBG" and tok.i >= 2 and doc[tok.i - 1].text == "," \
            and is_cue_verb(doc[tok.i - 2]):
        # '"A," Manafort said, adding of Trump, "B"', the participle hung on a quoted verb
        subj = a.outside(subject_of(doc[tok.i - 2]))
    elif subj is None and tok.tag_ == "VBG":
        # '…, telling the crowd, "Some people get carried away"': the parser hung the
        # participle on the quoted verb; its subject is that of the first verb above outside it
        above = next((x for x in tok.ancestors if x.pos_ in {"VERB", "AUX"} and a.outside(x)), None)
        subj = a.outside(subject_of(above)) if above is not None else None
    return subj


def _cue_verb(a: Article, tok) -> None:
    """cue-verb / passive-agent: a reporting verb with its subject (or passive agent) as speaker."""
    doc = a.doc
    subj = subject_of(tok)
    if subj is not None and a.in_quote(subj) is not None:
        subj = _quoted_verb_subject(a, tok)
    if subj is None:
        return
    passive_content, unattributed, relative, judged = None, False, None, None
    if subj.head.i != tok.i and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children):
        # "She is moving to Almaty but is expected to stay": a subject shared with another
        # verb is what a passive cue reports, never its speaker
        if tok.lemma_.lower() not in SPEECH_VERBS | RAISING_PASSIVES:
            return
        unattributed = True
    if subj.dep_ == "nsubjpass" and subj.head.i == tok.i:  # not "Trump was prompted to say"
        # "the meeting was first reported by Politico", "it was announced that ...": a passive
        # subject is what is said, never who says it; the speaker is the agent, if named
        agent = agent_of(tok)
        if agent is not None:
            passive_content, subj = subj, agent
        elif tok.lemma_.lower() in SPEECH_VERBS | JUDGING_VERBS:
            unattributed = True  # a statement ("was blamed for the delays") with nobody named
            judged = subj if tok.lemma_.lower() in JUDGING_VERBS else None
        else:  # "Lukashenko was invited to attend": an event, nobody's statement ("is expected
            return  # to attend" was taken as a raised statement)
    if subj.lower_ == "it" and tok.dep_ == "xcomp" and (
            tok.head.dep_ == "acomp" or any(c.dep_ == "acomp" for c in tok.head.children)):
        unattributed = True  # "it is hard to predict how ...": a judgement nobody is named for
    if not unattributed:
        subj = past_dateline(subj, tok)
        if subj.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
            # "voters who said ..." -> voters. The mention stays "who"/"which", as attribution
            # corpora mark it; for "that" they mark the antecedent ("the poll results that show")
            relative, subj = (subj if subj.lower_ != "that" else None), tok.head
        # any nominal or pronominal subject: attribution corpora count "a majority of voters
        # support X" and "the data show X" as much as "X said"
        if not (can_speak(subj) or subj.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
                or subj.lower_ in QUANTIFIERS | {"both", "others", "each"}):  # "most said", "many agree"
            return
    found = verb_quote(tok, a.qspans, a.inner, a.used_quote, a.text, subj)
    if found is None and passive_content is not None:
        found = reported(span_chars(doc, passive_content.left_edge.i, passive_content.right_edge.i + 1),
                         a.unused(), (tok.idx, tok.idx + len(tok.text)), tok.text)
    if found is None:
        return
    quote, group = found
    a.used_quote.update(group)
    if judged is not None and judged.i < tok.i:  # "[the ministry] was blamed for [the delays]"
        quote.content.insert(0, span_chars(doc, judged.left_edge.i, judged.right_edge.i + 1))
    quote.speaker = Speaker() if unattributed else a.speaker(subj)
    if relative is not None:  # the mention is the relative pronoun; the name is its antecedent's
        quote.speaker.mention = relative.text
        quote.speaker.start, quote.speaker.end = relative.idx, relative.idx + len(relative.text)
    a.keep(quote, "passive-agent" if passive_content is not None else "cue-verb")


#: The cue rules, in the order a token is offered to them.
CUE_RULES = (according_to_rule, copula_rule, light_verb_rule, raised_rule, statement_noun_rule,
             reporting_verb_rule)


# --------------------------------------------------------------------------- passes

def cue_pass(a: Article) -> None:
    """Cues in text order (so a role given at a first mention reaches later ones)."""
    a.accordings = dict((acc.i, obj) for acc, obj in according_to(a.doc))
    for tok in a.doc:
        if a.in_quote(tok) is not None:
            continue
        for rule in CUE_RULES:
            if rule(a, tok):
                break
    for verb, raised in a.deferred:
        if not any(q.cue == (verb.idx, verb.idx + len(verb.text)) for q in a.quotes):
            a.add_owned(raised, "raised")


def headline_pass(a: Article) -> None:
    """Headline-style attributions, "Speaker: what they said" at the start of a paragraph."""
    doc, text = a.doc, a.text
    for m in COLON_ATTRIBUTION.finditer(text):
        span = doc.char_span(m.start("who"), m.end("who"), alignment_mode="contract")
        if span is None or not (any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
                                    or t.lemma_.lower() in SPEAKER_NOUNS for t in span)
                                or a.people.names_someone(span.text)):  # a headline's "Sanders:", tagged a noun
            continue
        if any(q.type != "indirect" and overlaps((m.start("what"), m.end("what")), q.content[0]) for q in a.quotes):
            continue  # (an indirect statement inside the line is the speaker's own, dropped below as nested)
        if span.root.ent_type_ in {"GPE", "LOC"} or is_name_list(m.group("what")) or span.text in {"Q", "Q."}:
            # "Iowa: Tim Albrecht, Brad Anderson, ..." is a list, not a statement; an interviewer's
            # "Q:" asks (what the question reports, "do you think ...", is found above)
            continue
        what_s, what_e = m.start("what"), m.end("what")
        qtype = "direct" if text[what_s] in OPEN_MARKS + AMBIGUOUS_MARKS + "‘`" or text.startswith("''", what_s) \
            else "indirect"
        quote = Quote(qtype, [(what_s, what_e)], (m.start("colon"), m.end("colon")), ":")
        quote.speaker = a.speaker(span.root)
        quote.rule = "headline-colon"
        a.quotes.append(quote)


def paragraph_pass(a: Article) -> None:
    """Statements within their paragraph, and none nested in another's content."""
    a.quotes = [q for q in (within_paragraph(q, a.text) for q in a.quotes) if q is not None]
    # a statement reported inside another one's content ("Putin said that Xi agreed to expand
    # trade") is part of the outer speaker's statement: the article relies on Putin ("according
    # to" and a statement noun attach to a clause, not inside one: never dropped)
    nested = [q for q in a.verb_cued if q.type != "direct" and reported_within(q, a.quotes)]
    a.quotes = [q for q in a.quotes if not any(q is n for n in nested)]


def quotation_pass(a: Article) -> None:
    """Quotation spans still without a cue: a verb of saying next to them, else follow-on."""
    doc, text, quotes = a.doc, a.text, a.quotes
    quotes.sort(key=lambda q: q.start)
    for q in a.qspans:
        if q in a.used_quote or not q.closed and (q.end - q.start) < 20:
            continue
        s, e = a.inner[q]
        words = text[s:e].split()
        sentence_like = len(words) >= 2 and words[0][:1].isupper() and text[s:e].rstrip()[-1:] in ".!?,"
        if len(words) < 4 and not sentence_like:
            continue  # scare quotes and labels, not statements
        manner = manner_cue(q, doc, text) or colon_cue_before(q, doc, text) or verb_right_before(q, doc, text)
        if manner is not None:  # '"Go back to Univision," Trump barked', 'In a speech, he declared:\n\n"…"'
            verb, subj = manner
            quotes.append(Quote("direct", [(s, e)], (verb.idx, verb.idx + len(verb.text)), verb.text,
                                a.speaker(subj), rule="verb-by-quotation"))
            a.used_quote.add(q)
            quotes.sort(key=lambda x: x.start)
            continue
        prior = [x for x in quotes if x.end <= q.start]
        last = prior[-1] if prior else None
        if last is not None and last.type == "indirect":
            # a statement made in the attribution's own sentence ('"A," Trump said in a documentary
            # that showed the renovations. "B."') does not interrupt the quoted speaker
            same = [x for x in prior if x.type != "indirect" and x.cue is not None
                    and text.count("\n", x.end, q.start) == 0 and x.cue[0] < last.start]
            if same and same[-1].speaker.name:
                last = same[-1]
        paragraphs_between = text.count("\n\n", last.end if last else 0, q.start) if last else 99
        if last is not None and can_go_on(last.speaker) and paragraphs_between <= 2 and (
                starts_paragraph_or_sentence(q, text) or CONJUNCTION_BEFORE.search(text, max(0, q.start - 12), q.start)):
            if last.type == "indirect":
                quotes.append(Quote("direct", [(s, e)], None, "", copy_speaker(last.speaker), rule="follow-on"))
            else:  # the speaker goes on: one more fragment of the same quotation, as in '"A," he said. "B."'
                last.content.append((s, e))
            a.used_quote.add(q)
            quotes.sort(key=lambda x: x.start)


def over_paragraphs_pass(a: Article) -> None:
    """An unclosed paragraph whose next paragraph opens with a quotation mark belongs to the
    speaker of that continuation."""
    text = a.text
    for q in sorted(a.qspans, key=lambda x: x.start, reverse=True):
        if q in a.used_quote or q.closed:
            continue
        nxt = next((o for o in a.qspans if o.start > q.end and text[q.end:o.start].strip() == ""), None)
        if nxt is None:
            continue
        owner = next((x for x in a.quotes if any(s <= a.inner[nxt][0] < e for s, e in x.content)), None)
        if owner is not None and owner.speaker.name:
            s, e = a.inner[q]
            a.quotes.append(Quote("direct", [(s, e)], None, "", copy_speaker(owner.speaker), rule="over-paragraphs"))
            a.used_quote.add(q)


def channel_pass(a: Article) -> None:
    """A relaying wire agency or outlet becomes the statement's ``via``, not its speaker."""
    a.quotes = relayed(a.quotes, a.doc, a.text, a.people, a.quote_ranges, a.qspans)


#: The passes of :func:`extract_quotes`, by name, in order.
PASSES = (("cues", cue_pass), ("headline-colon", headline_pass), ("paragraphs", paragraph_pass),
          ("quotations", quotation_pass), ("over-paragraphs", over_paragraphs_pass), ("channels", channel_pass))


def extract_quotes(doc, text: str | None = None, people: PeopleIndex | None = None) -> list[Quote]:
    """All attributed statements in a parsed document, in text order.

    ``text`` is the document's text when the caller has it: ``Doc.text`` joins every token each
    time it is read, a few milliseconds per article. ``people`` is the document's
    :class:`PeopleIndex` when the caller has built it already.
    """
    if text is None:
        text = doc.text
    elif len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws):
        raise ValueError("extract_quotes: text is not the text the document was parsed from")
    article = Article.read(doc, text, people)
    for _name, run in PASSES:
        run(article)
    return article.quotes
