"""Channels: a wire agency or outlet that relays a person's statement is its ``via``, not its speaker
("X said ..., Trend reports"; "according to Xinhua, X said"; "Kazinform quoted him as saying"; "X told
Trend"; "in an interview with Xinhua, X said")."""

from __future__ import annotations

from newsbook.quotes.content import reported
from newsbook.quotes.lexicons import CLAUSE_DEPS, INTERVIEW_NOUNS, MEDIA, OUTLETS, RELAYING_VERBS
from newsbook.quotes.records import JOINT, Quote, Speaker
from newsbook.quotes.speakers import PeopleIndex, resolve_speaker, speaker_kind
from newsbook.quotes.syntax import entity_of, span_chars, subject_of


def _relayer(q: Quote, doc, people: PeopleIndex) -> bool:
    """``q`` is an outlet's relaying of a statement rather than a statement of its own: its cue is
    "according to" or a verb of relaying, and its speaker is a named outlet, agency or organisation,
    never a person or a government ("according to Peskov, Putin said" stays Peskov's)."""
    sp = q.speaker
    if not sp.name or sp.start is None or sp.name.startswith("Government of") or JOINT in sp.name\
            or sp.kind not in {"media", "organisation", "unknown"} or people.names_someone(sp.name):
        return False
    if q.cue_text.lower().startswith("according"):
        return True
    cue = doc.char_span(*q.cue, alignment_mode="expand") if q.cue else None
    if cue is None or cue.root.lemma_.lower() not in RELAYING_VERBS:
        return False
    ent = entity_of(doc.char_span(sp.start, sp.end, alignment_mode="expand").root)
    return sp.kind == "media" or ent is None or ent.label_ != "PERSON"


def _a_person(sp: Speaker, people: PeopleIndex) -> bool:
    """The speaker is a person (or several): what an outlet relays is a person's statement; an
    outlet citing an institution's data ("according to the Roper Center, Bloomberg reports") is
    a source in its own right."""
    return bool(sp.name) and not sp.name.startswith("Government of") and (
        sp.kind in {"official", "expert", "journalist", "unknown"} or people.names_someone(sp.name))


def relayed(quotes: list[Quote], doc, text: str, people: PeopleIndex, quote_ranges, qspans) -> list[Quote]:
    """Statements a wire agency or outlet relays are the speaker's, with the outlet as ``via``.

    * "X said ..., Trend reports" / "according to Xinhua, X said ...": an outlet's statement whose
      content holds a person's statement, speaker and cue, is no statement of its own; it is dropped,
      and the inner statement gets the outlet as ``via`` (and loses the outlet's cue if its
      content ran on into it: "..., according to AKIpress").
    * "Kazinform quoted [Minister X / him] as saying ...": the speaker is the object of "quoted",
      the subject is ``via``.
    """
    dropped = []
    for r in quotes:
        if r.speaker.start is None or not _relayer(r, doc, people):
            continue
        inner = [q for q in quotes if q is not r and q.cue is not None and q.speaker.start is not None
                 and _a_person(q.speaker, people) and any(s <= q.cue[0] < e for s, e in r.content)
                 and any(s <= q.speaker.start < e for s, e in r.content)]
        if not inner:
            continue
        channel = r.speaker.name
        cut = min(r.speaker.start, r.cue[0]) if r.cue else r.speaker.start
        for q in inner:
            q.via = q.via or channel
            # "the dam would be finished next year, according to AKIpress": the content ends before the relay
            parts = [(s, s + len(text[s:cut].rstrip(" ,;—–-")) if s < cut < e else e) for s, e in q.content]
            q.content = [(s, e) for s, e in parts if e > s] or q.content
        dropped.append(r)
    quotes = [q for q in quotes if not any(q is d for d in dropped)]

    for q in quotes:  # "X said the dam would open, Trend reports.": a trailing relay inside the content
        s, e = q.content[-1]
        span = doc.char_span(s, e, alignment_mode="contract")
        words = [t for t in span if not t.is_punct] if span is not None else []
        verb = words[-1] if words else None
        if verb is None or q.via or verb.lemma_.lower() not in RELAYING_VERBS or verb.pos_ != "VERB"\
                or any(a <= verb.idx < b for a, b in quote_ranges):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        comma = doc[subj.left_edge.i - 1] if subj is not None and subj.left_edge.i > span.start else None
        if comma is None or comma.text != "," or comma.i < span.start or not (
                subj.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in subj.lefts)):
            continue
        channel = Quote("indirect", [(s, e)], (verb.idx, verb.idx + len(verb.text)), verb.text,
                        resolve_speaker(subj, people, quote_ranges))
        if _relayer(channel, doc, people):
            q.via = channel.speaker.name
            q.content[-1] = (s, comma.idx)

    for quoted in doc:  # "Kazinform quoted him as saying"
        if quoted.lemma_.lower() != "quote" or quoted.pos_ != "VERB":
            continue
        said = next((p for c in quoted.children if c.dep_ == "prep" and c.lower_ == "as"
                     for p in c.children if p.lemma_.lower() == "say"), None)
        person = next((c for c in quoted.children if c.dep_ == "dobj"), None)
        outlet = subject_of(quoted)
        if said is None or person is None or outlet is None:
            continue
        channel = resolve_speaker(outlet, people, quote_ranges)
        cued = [q for q in quotes if q.cue in {(said.idx, said.idx + len(said.text)),
                                                (quoted.idx, quoted.idx + len(quoted.text))}]
        if not cued:  # "The talks covered water, Kazinform quoted him as saying": the clause is the content
            clause = next((c for c in quoted.children if c.dep_ in CLAUSE_DEPS and c.i < quoted.i), None)
            if clause is None or any(q.cue and s <= q.cue[0] < e for q in quotes
                                     for s, e in [span_chars(doc, clause.left_edge.i, clause.right_edge.i + 1)]):
                continue
            quote, _ = reported(span_chars(doc, clause.left_edge.i, clause.right_edge.i + 1),
                                 qspans, (said.idx, said.idx + len(said.text)), said.text)
            cued = [quote]
            quotes.append(quote)
        for q in cued:
            q.speaker = resolve_speaker(person, people, quote_ranges)
            if person.lower_ in {"him", "her"} and not q.speaker.name:  # (an object pronoun, which
                # resolve_speaker, given subjects, does not resolve)
                q.speaker.name = people.nearest_person(person.idx, exclude=quote_ranges)
                if q.speaker.name:
                    q.speaker.role, q.speaker.org = people.roles.get(q.speaker.name, ("", ""))
                    q.speaker.kind = speaker_kind(q.speaker.name, q.speaker.role, q.speaker.org, True, "PERSON")
            q.via = channel.name or channel.mention
    for q in quotes:  # "X told Trend", "said to 24.kg", "Speaking to AKIpress, X said", "in an interview with Xinhua"
        if not q.via and q.cue is not None:
            q.via = addressed_outlet(doc, q.cue) or ""
    return sorted(quotes, key=lambda q: (q.start, q.end))


def _outlet(tok) -> str | None:
    """The outlet a noun names ("Trend", "24.kg", "the Kazinform news agency"), if it names one: a proper
    name (or a name in front of "agency", "newspaper" ...) matching the media lexicon or the outlets list."""
    if OUTLETS.fullmatch(tok.text):  # "24.kg", whatever the tagger made of it (a number)
        return tok.text
    if tok.pos_ != "PROPN" and not any(t.pos_ == "PROPN" for t in tok.lefts):
        return None
    ent = entity_of(tok)
    if ent is not None and ent.label_ == "PERSON":
        return None
    span = ent if ent is not None and ent.start <= tok.i < ent.end else \
        tok.doc[min(t.i for t in tok.subtree if t.dep_ != "det" or t.i == tok.i):tok.i + 1]
    name = span.text.strip()
    name = name[4:] if name.lower().startswith("the ") else name
    return name if MEDIA.search(name) else None


def addressed_outlet(doc, cue: tuple[int, int]) -> str | None:
    """The outlet a statement was given to, named beside its cue: the object of "told" ("X told Trend"),
    "to" after a verb of saying ("said to 24.kg", "Speaking to AKIpress, X said"), or an interview with
    it ("in an interview with Xinhua"). That outlet is the statement's channel (``via``); the speaker
    stays the person."""
    span = doc.char_span(*cue, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    heads = [verb] + [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"]  # "Speaking to X, he said"
    for v in heads:
        for c in v.children:
            if c.dep_ in {"dobj", "dative"} and v.lemma_.lower() == "tell":
                found = _outlet(c)
            elif c.dep_ == "prep" and c.lower_ in {"to", "in", "with", "during"}:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                found = None
                for o in objs:
                    if c.lower_ == "to" and v.lemma_.lower() in {"say", "speak", "talk", "tell", "explain", "comment"}:
                        found = _outlet(o)
                    elif o.lemma_.lower() in INTERVIEW_NOUNS:  # "in an interview with Xinhua", "interview to TASS"
                        found = next((_outlet(p) for w in o.children if w.dep_ == "prep" and w.lower_ in {"with", "to"}
                                      for p in w.children if p.dep_ == "pobj" and _outlet(p)), None)
                        found = found or next((_outlet(t) for t in o.lefts if t.dep_ in {"compound", "poss"} and _outlet(t)),
                                              None)  # "in a Xinhua interview"
                    if found:
                        break
            else:
                continue
            if found:
                return found
    return None
