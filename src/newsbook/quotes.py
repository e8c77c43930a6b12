"""Find attributed statements (direct, indirect, mixed) and resolve who made them.

Rules over spaCy's dependency parse, no neural coreference:

* **Quotation spans** are paired from the quotation marks of each paragraph
  (curly or straight; an unpaired mark runs to the paragraph's end, so an odd
  number of marks never fails the article).
* **Cues** are reporting verbs (``resources/reporting_verbs.txt``) and the
  preposition *according to*. A cue's speaker is its nominal subject
  (:data:`_SUBJ_DEPS`), or the object of *according to*.
* **Direct** quotes are quotation spans whose cue is outside the marks, in the
  same or the next sentence; a quote with no cue inherits the previous speaker
  when it follows within two paragraphs (follow-on quotes).
  **Indirect** statements are a cue's clausal complement (:data:`_CLAUSE_DEPS`)
  with no marks; **mixed** ones are complements containing a quoted fragment.
* **Speakers** are resolved to a full name: surnames and honorifics ("Fallon",
  "Mr. Xi") to the person named in full earlier; pronouns to the nearest
  preceding person. Role and institution come from appositions ("X, professor
  of ... at Y") and pre-modifiers ("Russian Foreign Minister X"), and are
  carried to later mentions of the same person. A joint statement ("according to
  their leaders") names each speaker, joined by :data:`JOINT` ("Emmanuel Macron;
  Olaf Scholz"). An abbreviation the article defines ("the Eurasian Development Bank
  (EDB)") speaks under its full name (:func:`defined_abbreviations`); a role noun ("the
  premier", "the head of state", "the Kazakh leader") is the person the article names in
  that role (:func:`_office_holder`).
* **Channels**: a wire agency or outlet that relays a person's statement ("X said ...,
  Trend reports"; "according to Xinhua, X said ..."; "Kazinform quoted him as saying") is
  not its speaker: the statement is the person's and the outlet is its ``via``
  (:func:`_relayed`).

Record (:class:`Quote`): ``type`` (direct | indirect | mixed), ``content`` (character
fragments), ``cue`` and ``cue_text``, ``speaker`` (:class:`Speaker`: ``mention`` and its
offsets, resolved ``name``, ``role``, ``org``, ``kind``), ``via`` (the relaying outlet's
name, "" if none). newsbook's quotes table (``pipeline.QUOTE_COLUMNS``) has one row per
record, the ``via`` column included, and each JSONL quote a ``via`` key.

Offsets are into the text handed to :func:`extract_quotes` (newsbook passes the
cleaned text and maps them back to the text as loaded).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsbook.places import capital_country, institution_country, place_mentions


_SUBJ_DEPS = {"nsubj", "nsubjpass"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
_APPOS_DEPS = {"appos"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "our", "my"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "madam"}
#: Honorifics that say nothing of a role ("Dr." and "Prof." do).
_FORMS_OF_ADDRESS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "sir", "madam"}
_OPEN_MARKS = "“„«"
_CLOSE_MARKS = "”»"
_AMBIGUOUS_MARKS = '"'
_OPEN_CONTEXT = set(" \t\n([{—–-/:")

_EXPERT = re.compile(
    r"\b(professor|fellow|analyst|researcher|scholar|expert|economist|lecturer|director of .*"
    r"(institute|centre|center|studies|program|programme|council|initiative)|think[- ]tank|"
    r"university|academy|research)\b", re.I)
_OFFICIAL = re.compile(
    r"\b(minister|president|premier|spokes(person|man|woman)|ambassador|official|secretary|governor|"
    r"deputy|chairman|chairwoman|leader|mayor|ministry|envoy|senator|diplomat|king|prime|chancellor|"
    r"commissioner|general|government|kremlin|state department|foreign office|cabinet|office of)\b", re.I)
_JOURNALIST = re.compile(r"\b(journalist|reporter|correspondent|editor|columnist|writer)\b", re.I)
_MEDIA = re.compile(
    r"\b(news|times|post|agency|press|tv|television|radio|xinhua|tass|ria|reuters|bloomberg|guardian|"
    r"journal|gazette|herald|bbc|cnn|associated press|afp|interfax|kazinform|media|euro ?news)\b", re.I)
_SPEAKER_NOUNS = {
    "expert", "analyst", "official", "spokesperson", "spokesman", "spokeswoman", "ministry", "government",
    "president", "minister", "leader", "researcher", "scholar", "professor", "agency", "report", "study",
    "source", "critic", "observer", "opponent", "citizen", "resident", "diplomat", "ambassador", "office",
    "department", "administration", "embassy", "media", "newspaper", "statement", "survey", "poll", "data",
    "economist", "commentator", "journalist", "reporter", "author", "activist", "lawmaker", "senator",
    "premier", "chancellor", "secretary", "envoy", "representative", "people", "authority", "committee",
    "council", "commission", "bank", "fund", "organization", "organisation", "union", "party", "kremlin",
    "observer", "insider", "executive", "chief", "head", "director", "chairman", "founder", "general",
    "officer", "participant", "speaker", "panelist", "attendee", "critics", "adviser", "advisor", "aide",
    "group", "campaign", "coalition", "association", "company", "firm", "institute", "team", "movement",
    "caucus", "court", "panel", "board", "network", "alliance", "foundation", "lobby", "publication",
    "magazine", "outlet",
    "candidate", "voter", "member", "supporter", "protester", "delegate", "lawyer", "attorney", "judge",
    "nominee", "donor", "worker", "owner", "strategist", "consultant", "operative", "pollster", "historian",
}
#: Speaker nouns that are things someone issues: "released a statement saying ..." is the issuer's.
_DOCUMENTS = {"statement", "report", "study"}
#: Verbs of speech proper: only they can be a parenthetical cue ("This campaign, he says, is different")
#: or report a statement in the passive with nobody named ("it was announced that ...").
_SPEECH_VERBS = {"say", "tell", "add", "claim", "argue", "insist", "state", "explain", "note", "write",
                 "tweet", "announce", "warn", "report", "reply", "respond", "declare", "testify", "ask",
                 "answer", "remark", "comment", "confirm", "deny", "admit", "acknowledge", "allege", "contend"}
#: Verbs of judging someone: in the passive with nobody named ("the ministry was criticized for
#: the delays") a judgement attribution corpora count, unlike "was invited to attend".
_JUDGING_VERBS = {"blame", "accuse", "criticize", "criticise", "praise", "condemn", "denounce", "attack",
                  "slam", "blast", "fault", "applaud", "hail", "commend", "mock", "chide", "scold"}
#: Verbs whose object or infinitive is the attributed content ("called for X", "vowed to ...");
#: "hop" because en_core_web_sm lemmatises "hopes" so.
_OBJECT_VERBS = {"commend", "claim", "call", "want", "urge", "support", "back", "praise", "thank", "criticize", "criticise",
                 "accuse", "prefer", "promise", "vow", "pledge", "threaten", "refuse", "defend", "mock",
                 "blame", "demand", "propose", "endorse", "condemn", "question", "dismiss", "reject",
                 "welcome", "hail", "slam", "attack", "cite", "mention", "repeat", "congratulate", "plan",
                 "hope", "announce", "find", "show", "discuss", "describe", "vote", "favor", "favour", "oppose",
                 "champion", "tout", "blast", "chide", "scold", "lash", "express", "recount", "report", "reveal",
                 "disclose", "confirm", "tweet", "post", "recall", "predict", "forecast", "estimate", "answer",
                 "denounce", "address", "echo", "applaud", "offer", "name", "list", "read", "seek", "intend",
                 "consider", "hop", "talk", "speak", "focus", "comment", "refer", "respond", "reply",
                 # chosen one by one on PolNeAR training articles (each raised content F1 there)
                 "decide", "view", "share", "recognize", "identify", "portray", "publish", "advocate",
                 "determine", "assail", "email", "outline", "suspect", "retweet", "retweete", "distance",
                 "acknowledge", "agree", "argue", "challenge", "declare", "decline", "decry", "emphasize", "expect",
                 "highlight", "lament", "note", "recommend", "reiterate", "remind", "suggest",
                 "point", "allude", "disagree", "side", "concur", "deny", "fear", "stress", "underscore", "warn",
                 "feel", "like", "aim", "deem", "apologize", "campaign", "nominate",
                 "promote", "reference", "plead", "regard", "detail", "cheer", "recite", "love", "protest",
                 "resist", "vouch", "boo", "rip", "repudiate", "rebut", "label", "trumpet", "bemoan", "insult",
                 "deride", "wish", "foresee", "utter", "assert", "caution", "charge", "dispute", "indicate",
                 "proclaim", "reaffirm", "state", "chant", "extoll", "float", "herald", "opine", "characterize",
                 "credit", "renounce"}
#: Nouns that name a statement or a stance; with a possessor ("Lavrov's claim that ...") they cue one.
_NOMINAL_CUES = {"claim", "call", "demand", "warning", "promise", "pledge", "vow", "assertion", "argument",
                 "suggestion", "proposal", "statement", "criticism", "endorsement", "accusation", "denial",
                 "admission", "announcement", "appeal", "request", "comment", "remark", "prediction", "assessment",
                 "attack", "opposition", "complaint", "concern", "hope", "fear",
                 "question", "embrace", "rejection", "desire", "recommendation", "condemnation", "disclosure"}
#: Dependents of a verb that start something other than its content.
_CLAUSE_END_DEPS = {"punct", "cc", "conj", "advcl", "mark", "parataxis", "dep", "relcl"}
#: Prepositions whose object is what any cue is about: "joked about", "spoke against" (on 150
#: PolNeAR training articles "of", "on", "over" and "for" after a cue outside _OBJECT_VERBS
#: mark the content less than half the time: "spoke on Tuesday", "asked for time").
_TOPIC_PREPS = {"about", "against"}
#: Verbs of talking, whose topic comes only after "about" or "of".
_TALK_VERBS = {"speak", "talk"}
#: Verbs whose content follows "to": "responded to the accusations", "referred to the deal".
_TO_VERBS = {"respond", "refer", "reply", "react", "object", "point", "allude"}
#: Verbs whose content follows "with": "agreed with the analysis", "sided with Moscow".
_WITH_VERBS = {"agree", "disagree", "side", "concur"}
#: Verbs that tell someone to do something: the object and the infinitive are the content.
_DIRECTIVE_VERBS = {"ask", "tell", "urge", "order", "invite", "encourage", "advise", "warn", "instruct", "implore",
                    "beg", "press", "remind", "persuade", "challenge", "request", "direct", "command", "call"}
#: Verbs whose subject belongs to what they report ("Trump appears to be gaining", "the pact is
#: expected to be signed"): the statement is the subject plus the infinitive, nobody named.
_RAISING_VERBS = {"seem", "appear"}
_RAISING_PASSIVES = {"expect", "say", "believe", "think", "report", "rumor", "rumour", "know", "consider",
                     "predict", "estimate", "understand", "reckon", "presume", "allege"}
#: Nouns that hold a proposition stated with "is that ...": "his answer was that ...".
_PROPOSITION_NOUNS = {"answer", "view", "message", "position", "point", "belief", "hope", "fear", "concern",
                      "worry", "response", "reply", "conclusion", "verdict", "feeling", "sense", "impression",
                      "idea", "theory", "case", "line", "pitch", "contention", "premise", "thinking", "hunch"}
#: Adjectives of a stance towards a proposition or a thing: "was confident that", "is wary of".
_ATTITUDE_ADJECTIVES = {"wary", "critical", "opposed", "supportive", "confident", "sure", "certain", "convinced",
                        "optimistic", "pessimistic", "skeptical", "sceptical", "hopeful", "worried", "concerned",
                        "afraid", "fearful", "adamant", "aware", "unsure", "doubtful", "insistent",
                        "enthusiastic", "dismissive", "suspicious", "hostile", "receptive", "open", "cautious",
                        "keen", "eager", "happy", "unhappy", "fond", "impressed", "unimpressed", "unanimous",
                        "divided", "loyal", "inclined", "pleased", "displeased", "angry", "upset", "frustrated",
                        "disappointed", "proud", "reluctant", "willing", "unwilling", "determined", "sympathetic"}
#: "X has been a critic of Y": nouns for someone's stance towards what follows "of".
_STANCE_NOUNS = {"critic", "supporter", "opponent", "advocate", "proponent", "champion", "backer", "defender",
                 "skeptic", "sceptic", "detractor", "foe"}
#: Light verbs that state a stance through their object: "took issue with", "made the case for".
_LIGHT_VERBS = {"make", "take", "have", "draw", "express", "voice", "raise", "offer", "give", "cast", "lay",
                "hold", "throw", "register", "lodge", "air", "signal", "show", "reiterate", "pledge", "declare",
                "announce", "indicate"}
_STANCE_OBJECTS = {"issue", "aim", "position", "stance", "view", "opinion", "case", "point", "attention", "doubt",
                   "concern", "question", "criticism", "support", "objection", "misgiving", "reservation",
                   "interest", "hope", "fear", "confidence", "shot", "swipe", "jab", "dig", "argument", "plea",
                   "appeal", "warning", "message", "complaint", "praise", "blame", "opposition", "skepticism",
                   "statement", "credit", "apology"}
_STANCE_PREPS = {"with", "at", "on", "about", "of", "for", "to", "over", "against", "in"}
#: Verbs of judging, passive with "as": "Beijing is seen as the leader", "is regarded as a reformer".
_AS_VERBS = {"see", "regard", "view", "consider", "deem", "know", "describe", "perceive", "portray"}
#: "In a CNN poll, ...", "in his view, ...": what a sentence reports "in".
_CHANNEL_NOUNS = {"poll", "survey", "study", "report", "view", "opinion", "word", "analysis", "estimate",
                  "assessment", "judgment", "account", "testimony", "memo", "letter", "column"}
#: Verbs of asking: an if/whether clause is their content.
_ASKING_VERBS = {"ask", "wonder", "question", "inquire", "query"}
_RAISING_LEMMAS = _RAISING_VERBS | _RAISING_PASSIVES | _AS_VERBS
#: "Kerry: ..." at the start of a paragraph: a short capitalised speaker, a colon, the content.
_COLON_ATTRIBUTION = re.compile(
    r"(?m)^(?P<who>[A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*| of| the){0,5})(?P<colon>:)[ \t]+(?P<what>\S[^\n]{10,})$")
#: Capitalised words before a surname that are not given names.
_NOT_GIVEN_NAMES = {"the", "university", "institute", "center", "centre", "college", "school", "council",
                    "ministry", "according", "said", "says", "and", "but", "when", "while", "as", "if",
                    "in", "on", "at", "for", "from", "with", "by", "of", "to", "mr", "ms", "mrs", "dr",
                    "professor", "senator", "general", "colonel", "comrade", "russian", "chinese", "kazakh",
                    "american", "british", "uzbek", "kyrgyz", "tajik", "turkmen", "indian", "european"}
_TITLE_WORDS = {"president", "minister", "prime", "foreign", "deputy", "secretary", "general", "chairman",
                "director", "ambassador", "professor", "dr", "mr", "mrs", "ms", "senator", "governor", "king",
                "queen", "prince", "leader", "spokesman", "spokeswoman", "chief", "head"}
_UNNAMED = {"expert", "experts", "analyst", "analysts", "official", "officials", "observer", "observers",
            "source", "sources", "diplomat", "diplomats", "critic", "critics", "people", "some", "many",
            "scholar", "scholars", "researcher", "researchers"}


#: Heads of subjects that are a share of a group ("a majority of voters", "most of them").
_QUANTIFIERS = {"majority", "minority", "half", "third", "thirds", "quarter", "most", "many", "some", "percent",
                "cent", "share", "number", "plurality", "all", "none", "few", "several", "dozens", "hundreds",
                "thousands", "millions"}


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas that can cue a quotation."""
    text = resources.files("newsbook").joinpath("resources/reporting_verbs.txt").read_text("utf-8")
    return frozenset(line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip())


@dataclass(frozen=True)
class QuoteSpan:
    """A stretch of text between quotation marks (``start``/``end`` include the marks)."""

    start: int
    end: int
    closed: bool


@dataclass
class Speaker:
    mention: str = ""
    start: int | None = None
    end: int | None = None
    name: str = ""
    role: str = ""
    org: str = ""
    kind: str = "unknown"


@dataclass
class Quote:
    """One attributed statement; ``content`` is a list of (start, end) fragments."""

    type: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_text: str
    speaker: Speaker = field(default_factory=Speaker)
    #: the rule (or the model path) that found the statement: see :data:`RULES`
    rule: str = ""
    #: the model's confidence in the content span (0..1); None for a rule's statement
    confidence: float | None = None
    #: The wire agency or outlet that relayed the statement ("Tokayev said ..., Trend reports";
    #: "according to Xinhua, Xi said ..."; "Kazinform quoted him as saying"), "" if none is named.
    via: str = ""

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


#: The rules of :func:`extract_quotes`, by the name a statement records in ``Quote.rule``.
RULES: dict[str, str] = {
    "cue-verb": "a reporting verb with its subject as speaker and a clause or quotation as content",
    "passive-agent": "a passive reporting verb whose agent speaks ('was reported by X')",
    "asked": "an answer after 'Asked whether ...', the asker unnamed",
    "inverted-aside": "a cue set off inside the statement with the speaker after it ('The deal, said X, is ...')",
    "according-to": "'according to X', X the speaker",
    "copula": "a copula with a statement noun ('his answer was that ...')",
    "attitude": "an attitude adjective ('she was confident that ...')",
    "light-verb": "a light verb with a stance noun ('made clear that', 'took issue with')",
    "raised": "a raising or passive verb with nobody named ('X is expected to ...')",
    "statement-noun": "a statement noun with its owner ('his claim that ...')",
    "headline-colon": "'Speaker: what they said' at the start of a paragraph",
    "verb-by-quotation": "a quotation with a verb of saying right before or after it",
    "follow-on": "a quotation with no cue that continues the last speaker",
    "over-paragraphs": "an unclosed quotation that runs on into the next paragraph's quotation",
}


# --------------------------------------------------------------------------- quotation marks

#: A quotation mark: curly, guillemet, straight, or the doubled apostrophe and backticks of
#: newswire and LaTeX-style text (''like this'', ``like this'').
_MARK = re.compile(r"''|``|[“”„«»\"]")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair quotation marks paragraph by paragraph.

    An opening mark is a curly/guillemet opener, ``, or a straight mark ('"' or '') after white
    space or an opening bracket; anything else closes, and so does a curly opener typed right
    after a word and before a space or punctuation ('"It is unusual,“ said ...'). A second opener
    before a closer ends the first span just before it; an opener never closed runs to the end
    of its paragraph.
    """
    spans: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        open_at: int | None = None
        for m in _MARK.finditer(p_text):
            i, mark = m.start(), m.group()
            ambiguous = mark in {'"', "''"}
            prev = p_text[i - 1] if i > 0 else " "
            is_open = mark in _OPEN_MARKS or mark == "``" or (
                ambiguous and (prev in _OPEN_CONTEXT or open_at is None and i == 0))
            if ambiguous and open_at is not None:
                is_open = False
            if mark == "“" and open_at is not None and prev not in _OPEN_CONTEXT \
                    and (i + 1 == len(p_text) or p_text[i + 1] in " \t,.;:!?"):
                is_open = False  # a typo'd closing mark: '“It's unusual,“ said ...'
            if is_open:
                if open_at is not None:
                    spans.append(QuoteSpan(p_start + open_at, p_start + i, False))
                open_at = i
            elif open_at is not None:
                spans.append(QuoteSpan(p_start + open_at, p_start + m.end(), True))
                open_at = None
        if open_at is not None:
            spans.append(QuoteSpan(p_start + open_at, p_start + len(p_text.rstrip()), False))
    return spans


def _inner(span: QuoteSpan, text: str) -> tuple[int, int]:
    """Offsets of the words inside the marks."""
    s = span.start + (2 if text[span.start:span.start + 2] in {"''", "``"} else 1)
    e = span.end
    if span.closed:
        e -= 2 if text[span.end - 2:span.end] == "''" else 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --------------------------------------------------------------------------- speakers

def _entity_of(tok):
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


def _name_span(head):
    """The proper-name part of a subject: its entity, or its compound/flat chain."""
    ent = _entity_of(head)
    if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "FAC"}:
        return ent
    left = head.i
    for child in head.lefts:
        if child.dep_ in {"compound", "flat", "amod", "det", "poss", "nmod", "case"} and child.i < left:
            if all(t.i < head.i for t in child.subtree):
                left = min(left, child.left_edge.i)
    return head.doc[left:head.i + 1]


def _clean_piece(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:—–-()\"“”'’‘")


def _premodifier_role(head, name_span) -> str:
    """Title words before a name: 'Russian Foreign Minister' in 'Russian Foreign Minister Sergey Lavrov'."""
    doc = head.doc
    left = head.left_edge.i
    if name_span.start > left:
        piece = doc[left:name_span.start]
        words = [t for t in piece if t.pos_ in {"PROPN", "NOUN", "ADJ"} and t.dep_ != "poss"
                 and t.lower_ not in _FORMS_OF_ADDRESS]  # "Mr. Tokayev": no role
        if words:
            return _clean_piece(doc[words[0].i:words[-1].i + 1].text)
    return ""


def _appos_role(head) -> tuple[str, str]:
    """Role and institution from an apposition: 'X, director of the Y at Z, said'."""
    doc = head.doc
    for child in head.rights:
        # (an apposition after a list the head governs describes the list's last item: "leaders of
        # China, Russia, ... and Belarus – the SCO's newest member –")
        if child.dep_ in _APPOS_DEPS and not any(t.dep_ == "conj" and head.i < t.i < child.left_edge.i
                                                 for t in doc[head.i:child.left_edge.i]) \
                and not (child.left_edge.i == child.right_edge.i and child.like_num):  # an age: "Ramos, 58,"
            sub = head.doc[child.left_edge.i:child.right_edge.i + 1]
            role = _clean_piece(sub.text)
            org = _institution(child)
            if not org and child.lemma_.lower() not in _AUTHOR_NOUNS:  # (what an author "of" names is a work)
                orgs = [e.text for e in sub.ents if e.label_ in {"ORG", "FAC"}]
                if not orgs:
                    m = re.search(r"\b(?:at|of|for)\s+(the\s+)?([A-Z][\w’'.&-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w’'.&-]*))*)", role)
                    orgs = [m.group(2).strip()] if m else []
                org = orgs[-1] if orgs else ""
            return role, org
    return "", ""


#: Prepositions that attach a role to the institution it is held at ("director of Y", "fellow at Z").
_INSTITUTION_PREPS = {"at", "of", "with"}
#: Roles whose "of" names a work, not an institution ("author of Destiny and Power").
_AUTHOR_NOUNS = {"author", "co-author", "coauthor", "writer", "editor", "host", "creator", "producer", "star"}


def _institution(role_head) -> str:
    """The institution a role phrase names, read from the parse: the last capitalised object of
    "at"/"of"/"with" not inside another one, without its location and any aside after a comma.

    "director of the Institute for Peace, Security and Development Studies in Geneva" gives the
    whole name (the entity recogniser stops at the comma, or takes "Institute" for a place),
    and "director of the Brookings China and Asia Center, a research group" leaves out the
    description. "" when the phrase names none ("professor of international relations").
    """
    doc = role_head.doc
    objects = []
    for prep in role_head.subtree:
        obj = _prep_object(prep) if prep.dep_ == "prep" and prep.lower_ in _INSTITUTION_PREPS \
            and prep.head.lemma_.lower() not in _AUTHOR_NOUNS else None
        # (not a person, a date or a place: "adviser to Mr. Clinton", "governor of Minnesota"; the
        # recogniser's "Centre" tagged as a place is still an institution)
        if obj is not None and obj.pos_ == "PROPN" and obj.text[:1].isupper() \
                and (obj.ent_type_ not in {"PERSON", "DATE", "GPE", "LOC"} or obj.lower_ in _INSTITUTION_WORDS):
            objects.append(obj)
    outer = [o for o in objects if not any(p is not o and o.i in {t.i for t in p.subtree} for p in objects)]
    if not outer:
        return ""
    obj = outer[-1]
    start, end = obj.left_edge.i, obj.right_edge.i + 1
    ent = _entity_of(obj)
    if ent is not None and ent.label_ in {"ORG", "FAC"}:  # the parser may split a name the recogniser
        start, end = min(start, ent.start), max(end, ent.end)  # has whole ("Federation of Independent Business")
    for t in doc[obj.i + 1:end]:
        # cut at a location ("in Geneva"), an aside (", a research group") or a clause about it
        # ("the Free State Project that encourages libertarians to ...")
        located = t.dep_ == "prep" and t.lower_ in {"in", "based"} and t.i >= (ent.end if ent is not None else 0)
        # (a comma or "and" inside a name leads to a capitalised word: "Institute for Peace, Security
        # and Development Studies"; "Program on Extremism and author of books" is no name)
        nxt = doc[t.i + 1] if t.i + 1 < end else None
        aside = t.text in {",", "(", "—", "–", "--", "-"} or t.dep_ == "cc" and t.text[:1].islower()
        aside = aside and not (nxt is not None and nxt.text[:1].isupper())
        if located or aside or t.dep_ in {"relcl", "acl"}:
            end = t.left_edge.i if t.dep_ in {"relcl", "acl"} else t.i
            break
    # from its first proper noun: no article, no description ("progressive advocacy group
    # Democracy for America"), no owner who is a person ("Mr. Obama's Council of Economic Advisers")
    person_owner = {t.i for c in obj.children if c.dep_ == "poss" and c.ent_type_ == "PERSON" for t in c.subtree}
    start = next((t.i for t in doc[start:end] if t.text[:1].isupper() and t.i not in person_owner), end)
    return _clean_piece(doc[start:end].text) if start < end else ""


#: Nouns for one person holding an office: without a name they are still an official, not an
#: organisation.
_OFFICE_HOLDERS = {"spokesman", "spokeswoman", "spokesperson", "minister", "president", "leader", "ambassador", "envoy",
                   "diplomat", "senator", "governor", "mayor", "premier", "chancellor", "secretary", "deputy",
                   "chairman", "chairwoman", "aide", "adviser", "advisor", "commissioner", "consul"}
#: What "leader" stands for in "the Russian leader": whoever heads a state or a government.
_LEADERS = ("leader", "president", "premier", "prime minister", "chairman")
_LEADER_ROLE = re.compile(r"\b(?:" + "|".join(_LEADERS) + r")\b", re.I)
#: Role words that other words name too: "the premier" is the person named "Prime Minister",
#: "the head of state" the president (or monarch), "the head of government" the prime minister.
_ROLE_SYNONYMS = {
    "leader": _LEADER_ROLE,
    "premier": re.compile(r"\b(?:premier|prime minister)\b", re.I),
    "head of state": re.compile(r"\b(?:president|king|queen|emir|sultan|monarch|head of state)\b", re.I),
    "head of government": re.compile(r"\b(?:premier|prime minister|chancellor|head of government)\b", re.I),
}


def _kind(name: str, role: str, org: str, is_person: bool, ent_label: str) -> str:
    text = f"{role} {org}"
    if is_person:
        if _JOURNALIST.search(role):
            return "journalist"
        if _EXPERT.search(text) and not re.search(r"\b(minister|president|ambassador)\b", role, re.I):
            return "expert"
        if _OFFICIAL.search(text):
            return "official"
        return "unknown"
    if _MEDIA.search(name):
        return "media"
    if name.lower().split()[-1:] and name.lower().split()[-1] in _OFFICE_HOLDERS:
        return "official"  # "Tokayev's spokesman", "the foreign minister": one person, unnamed
    if ent_label in {"ORG", "GPE", "NORP", "FAC"} or _OFFICIAL.search(name):
        return "organisation"
    if re.fullmatch(r"(the )?[A-Z][A-Z&]{1,7}", name) and not place_mentions(name):
        return "organisation"  # an acronym the recogniser left untagged: "the CSTO", "NATO"
    if name.lower().split()[-1:] and name.lower().split()[-1] in _UNNAMED:
        return "unnamed"
    return "unknown"


class PeopleIndex:
    """People named in a document, in order, for resolving short mentions."""

    def __init__(self, doc, text: str | None = None):
        # Doc.text rebuilds the string token by token: callers that have it pass it in
        self.text = doc.text if text is None else text
        self.mentions: list[tuple[int, str]] = []  # (char offset, full name)
        self.subjects: set[int] = set()  # offsets of the mentions that are a clause's subject
        self.roles: dict[str, tuple[str, str]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" or _titled_name(ent):
                name = _strip_honorific(_clean_piece(ent.text))
                name = re.sub(r"[’']s$", "", name)
                if name:
                    self._register(name, ent.root, ent)
        for ent in doc.ents:  # "a senior lecturer at Tashkent State University Dilnoza Karimova"
            if ent.label_ == "ORG":
                split = _name_after_institution(ent)
                if split is not None:
                    self._register_at(*split)
        # names the NER missed: two or more capitalised proper nouns with no entity label
        for chunk in doc.noun_chunks:
            toks = [t for t in chunk if t.pos_ == "PROPN"]
            if (len(toks) >= 2 and toks[-1].i - toks[0].i == len(toks) - 1 and not any(t.ent_type_ for t in toks)
                    and all(t.text[:1].isupper() and t.lower_ not in _TITLE_WORDS for t in toks)):
                self._register(" ".join(t.text for t in toks), toks[-1], doc[toks[0].i:toks[-1].i + 1])
        self.mentions.sort()
        self.full_names = sorted({n for _, n in self.mentions if len(n.split()) >= 2}, key=len, reverse=True)
        self.abbreviations = defined_abbreviations(self.text)

    def _register(self, name: str, head, span) -> None:
        """A person named at ``span``: the mention, whether it is a subject, and the role stated
        with it ("Xi Jinping, China's leader, ...", "Russian Foreign Minister Sergey Lavrov")."""
        self.mentions.append((span.start_char, name))
        if _is_subject_phrase(head):
            self.subjects.add(span.start_char)
        role, org = _appos_role(head)
        role = "; ".join(r for r in (_premodifier_role(head, span), role) if r)
        if role and len(name.split()) >= 2:
            self.roles.setdefault(name, (role, org))

    def _register_at(self, name_span, institution, role: str) -> None:
        """A person named straight after the institution of their role, which NER ran together."""
        name = " ".join(t.text for t in name_span)
        self.mentions.append((name_span.start_char, name))
        self.roles.setdefault(name, (role, _clean_piece(institution.text)))

    def add(self, offset: int, name: str, subject: bool = False) -> None:
        """Register a person the parser found as a speaker but NER missed."""
        if name and (offset, name) not in self.mentions:
            self.mentions.append((offset, name))
            self.mentions.sort()
        if subject:
            self.subjects.add(offset)

    def resolve_name(self, mention: str, at: int) -> str:
        """Full name for a surname/first-name/honorific mention, preferring earlier mentions."""
        bare = _strip_honorific(mention)
        if len(bare.split()) >= 2 or not bare:
            # a longer form may still exist ("Vladimir Putin" vs "Vladimir V. Putin")
            return self._longest_containing(bare.split(), at) or bare
        return self._longest_containing([bare], at) or self._given_name_before(bare, at) or bare

    def holder_of(self, words: list[str], at: int, country: str = "") -> str:
        """The last person named before ``at`` whose role has all of ``words`` ("the president",
        "the foreign minister"), or "". A word in :data:`_ROLE_SYNONYMS` matches any of its
        forms ("premier": "Prime Minister"). With ``country`` (an ISO code, from "the Kazakh
        leader"), the last whose role or institution places them in that country ("Tokayev, the
        President of Kazakhstan"); a role that names no country ("President Tokayev") is not
        taken for any country's."""
        def has(role: str, word: str) -> bool:
            pattern = _ROLE_SYNONYMS.get(word)
            return bool(pattern.search(role) if pattern else re.search(r"\b" + re.escape(word) + r"\b", role))

        for _, name in reversed(self.mentions[:bisect.bisect_left(self.mentions, (at, ""))]):
            role, org = self.roles.get(name, ("", ""))
            if not role or not all(has(role.lower(), w) for w in words):
                continue
            if not country:
                return name
            if institution_country(role, org) == country:
                return name
        return ""

    def leader_of(self, country: str, at: int) -> str:
        """The person named as head of state or government of ``country`` (an ISO code): the last
        one named before ``at``, else the first after (a caption naming them may be cut), or ""."""
        def leads(name: str) -> bool:
            role, org = self.roles.get(name, ("", ""))
            return bool(_LEADER_ROLE.search(role)) and institution_country(role, org) == country

        leaders = [(offset, name) for offset, name in self.mentions if leads(name)]
        before = [name for offset, name in leaders if offset <= at]
        return before[-1] if before else next((name for _, name in leaders), "")

    def names_someone(self, mention: str) -> bool:
        """The mention is (part of) the name of a person named anywhere in the document."""
        return bool(mention.strip()) and bool(self._longest_containing(mention.split(), len(self.text)))

    def _given_name_before(self, surname: str, at: int) -> str:
        """'Zhanibek Aryn' for 'Aryn' when the text names him so earlier, even inside an ORG entity."""
        if not surname[:1].isupper() or self.text is None:
            return ""
        pattern = re.compile(r"\b([A-Z][a-z]+)\s+" + re.escape(surname) + r"\b")
        for m in pattern.finditer(self.text, 0, max(at, 0)):
            given = m.group(1)
            if given.lower() not in _TITLE_WORDS | _NOT_GIVEN_NAMES:
                name = f"{given} {surname}"
                self.add(m.start(), name)
                return name
        return ""

    def _longest_containing(self, tokens: list[str], at: int) -> str:
        tokens = [t.lower().rstrip(".") for t in tokens]
        best_before, best_any = "", ""
        for offset, name in self.mentions:
            parts = _name_parts(name)
            if len(parts) >= 2 and all(t in parts for t in tokens):
                if offset <= at and len(name) >= len(best_before):
                    best_before = name
                if len(name) >= len(best_any):
                    best_any = name
        return best_before or best_any

    def nearest_person(self, at: int, exclude: list[tuple[int, int]] = ()) -> str:
        """The person a pronoun at ``at`` most likely refers to (outside the excluded spans).

        The last person named as the subject of a clause in this paragraph or the one before
        ("Tokayev told reporters after meeting Xi Jinping. He added ..." is Tokayev), else the
        person mentioned last.
        """
        paragraph = self.text.rfind("\n\n", 0, at)
        window = self.text.rfind("\n\n", 0, paragraph) if paragraph > 0 else -1  # this paragraph and the last
        last = ""
        for offset, name in reversed(self.mentions[:bisect.bisect_left(self.mentions, (at, ""))]):
            if offset <= window and last:
                break
            if any(s <= offset < e for s, e in exclude):
                continue
            if offset > window and offset in self.subjects:
                last = name
                break
            last = last or name
        return self.resolve_name(last, at) if last else ""


#: "Eurasian Development Bank (EDB)": capitalised words (with the small words a name may hold)
#: and an abbreviation in brackets after them; and the other way round, "EDB (Eurasian ...)".
_NAME_WORD = r"[A-Z][\w’'&.-]*"
_NAME_SMALL = r"(?:of|for|and|the|on|in|de|du|al)"
_LONG_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_SMALL}\s+)*{_NAME_WORD})*"
_ABBREVIATION = r"[A-Z][A-Z&]{1,7}"
_DEFINED_AFTER = re.compile(rf"({_LONG_NAME})\s+\((?:the\s+)?({_ABBREVIATION})\)")
_DEFINED_BEFORE = re.compile(rf"\b({_ABBREVIATION})\s+\((?:the\s+)?({_LONG_NAME})\)")


def _expands(abbreviation: str, name: str) -> str:
    """The part of ``name`` that ``abbreviation`` abbreviates, or "": the longest run of its last
    words whose initials (small words left out) are, in order, letters of the abbreviation, the
    first initial its first letter ("EAEU" for "Eurasian Economic Union", "CSTO" for "the
    Collective Security Treaty Organization"). At least two words, so that "Astana (AIFC)" says nothing."""
    words = name.split()
    for first in range(len(words) - 1):
        part = words[first:]
        initials = [w[0] for w in part if not re.fullmatch(_NAME_SMALL, w)]
        if len(initials) < 2 or part[0][0] != abbreviation[0] or re.fullmatch(_NAME_SMALL, part[0]):
            continue
        letters = iter(abbreviation)
        if all(any(c == i for c in letters) for i in initials):
            return " ".join(part)
    return ""


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines, each with the full name it stands for: "the Eurasian
    Development Bank (EDB)" or "EDB (Eurasian Development Bank)" gives {"EDB": "Eurasian
    Development Bank"}. The first definition of an abbreviation holds."""
    found: dict[str, str] = {}
    for pattern, name_group, abbr_group in ((_DEFINED_AFTER, 1, 2), (_DEFINED_BEFORE, 2, 1)):
        for m in pattern.finditer(text):
            abbr = m.group(abbr_group)
            full = _expands(abbr, m.group(name_group))
            if full and abbr not in found:
                found[abbr] = full
    return found


def _office_holder(tok, people: PeopleIndex) -> str:
    """The person a definite office noun refers back to ("the president", "the Kazakh foreign
    minister", "the premier", "the head of state"), or "": the last one named before it whose role
    has the noun and its modifiers. A nationality or country among the modifiers ("the Kazakh
    leader") places the role instead of being one of its words (:meth:`PeopleIndex.holder_of`).
    A plural, an indefinite ("a minister") or a noun with a name of its own refers to nobody named."""
    head_of = next((f"head of {o.lemma_.lower()}" for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in {"state", "government"}), "") \
        if tok.lemma_.lower() == "head" else ""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not (tok.lemma_.lower() in _OFFICE_HOLDERS or head_of):
        return ""
    mods = [c for c in tok.children if c.i < tok.i]
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in mods) or any(c.dep_ == "poss" for c in mods) \
            or any(c.dep_ in _APPOS_DEPS for c in tok.children):
        return ""
    modifiers = [c for c in mods if c.dep_ in {"amod", "compound"}]
    words = [c.lower_ for c in modifiers] + [head_of or tok.lower_]
    holder = people.holder_of(words, tok.idx)
    if holder:
        return holder
    places = [c for c in modifiers if [h[:2] for h in place_mentions(c.text)] == [(0, len(c.text))]]
    codes = {place_mentions(c.text)[0][2] for c in places}
    if len(codes) != 1:
        return ""
    rest = [c.lower_ for c in modifiers if c not in places] + [head_of or tok.lower_]
    return people.holder_of(rest, tok.idx, country=codes.pop())


#: Words that make a capitalised phrase an institution, not a person's name; they end its name
#: ("Tashkent State University", "the Brookings China Center").
_INSTITUTION_WORDS = {"ministry", "council", "bank", "university", "institute", "party", "committee", "agency",
                      "office", "department", "commission", "organisation", "organization", "union", "fund",
                      "center", "centre", "group", "company", "corporation", "court", "assembly", "parliament",
                      "college", "academy", "school", "foundation", "institution", "society"}


#: Titles of an office (an honorific alone does not make a phrase a person's name).
_OFFICE_TITLES = _TITLE_WORDS - _HONORIFICS


def _name_after_institution(ent):
    """(name, institution, role) when an ORG entity is an institution followed by a person's name
    that the entity recogniser ran into it: "a senior lecturer at Tashkent State University
    Dilnoza Karimova" (a word order common in translated news), else None.

    The name is two or three capitalised proper nouns after the institution's head noun, and the
    entity must be the object of "at"/"of" after a role noun, which gives the role.
    """
    heads = [t for t in ent if t.lower_ in _INSTITUTION_WORDS]
    if not heads:
        return None
    head = heads[-1]
    name = ent.doc[head.i + 1:ent.end]
    if not 2 <= len(name) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha
                                            and t.lower_ not in _TITLE_WORDS for t in name):
        return None
    prep = ent.root.head
    if ent.root.dep_ != "pobj" or prep.lower_ not in {"at", "of"} or prep.head.pos_ != "NOUN":
        return None
    noun = prep.head
    first = min((t.i for t in noun.lefts if t.dep_ in {"amod", "compound"}), default=noun.i)
    role = _clean_piece(ent.doc[first:head.i + 1].text)
    return name, ent.doc[ent.start:head.i + 1], role


#: How the names of joint speakers are joined ("Emmanuel Macron; Olaf Scholz").
JOINT = "; "


def _leaders_of_antecedent(tok, people: PeopleIndex) -> list[str]:
    """The heads of the countries "their leaders" / "its leader" refers back to, or [].

    The antecedent is the last country, or for "their" the last countries joined by "and",
    named in this sentence or the one before ("France and Germany are close partners.
    According to their leaders, ..."); each must have a leader named in the article.
    """
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in {"their", "its"}), None)
    if poss is None or tok.lemma_.lower() not in _LEADERS:
        return []
    plural = poss.lower_ == "their"
    doc = tok.doc
    sent = tok.sent
    before = doc[sent.start - 1].sent if sent.start > 0 else sent
    groups = []
    for t in doc[before.start:tok.i]:
        if t.ent_iob_ == "B" and t.ent_type_ == "GPE" and t.dep_ != "conj":  # a country and those joined to it
            groups.append([t] + [c for c in t.subtree if c.dep_ == "conj" and c.ent_type_ == "GPE" and c.ent_iob_ == "B"])
    groups = [g for g in groups if (len(g) >= 2) == plural]
    if not groups:
        return []
    codes = []
    for t in groups[-1]:
        hits = place_mentions(_entity_of(t).text)
        if len(hits) != 1:
            return []
        codes.append(hits[0][2])
    names = [people.leader_of(code, tok.idx) for code in codes]
    return names if all(names) and len(set(names)) == len(names) else []


def _names_an_organisation(span) -> bool:
    """Whether a phrase names an organisation or a work ("a Quinnipiac University poll", "F.A.A.
    records"), not just places, nationalities or people ("U.S. troops", "Clinton advisers")."""
    return any(t.ent_type_ in {"ORG", "FAC", "WORK_OF_ART", "PRODUCT"} or t.pos_ == "PROPN" and not t.ent_type_
               for t in span)


def _titled_name(ent) -> bool:
    """A person's name that NER took for an organisation: proper nouns right after a title word
    ("President *Kassym-Jomart Tokayev*" tagged ORG), with no institution word among them."""
    doc = ent.doc
    return ent.label_ == "ORG" and ent.start > 0 and doc[ent.start - 1].lower_ in _OFFICE_TITLES \
        and all(t.pos_ == "PROPN" or t.text in {"-", "‐"} for t in ent) and len(ent) >= 2 \
        and not any(t.lower_ in _INSTITUTION_WORDS for t in ent)


def _is_subject_phrase(tok) -> bool:
    """``tok`` heads a clause's subject, or an apposition or name inside one."""
    while tok.dep_ in {"compound", "appos", "flat"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in _SUBJ_DEPS


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, ...]:
    """The lower-cased words of a name, without abbreviation dots ('V.' -> 'v')."""
    return tuple(p.lower().rstrip(".") for p in name.split())


def _strip_honorific(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def resolve_speaker(tok, people: PeopleIndex, quote_spans: list[tuple[int, int]]) -> Speaker:
    """Speaker record for a subject (or 'according to' object) token."""
    doc = tok.doc
    if tok.lower_ in _PRONOUNS and tok.pos_ == "PRON":
        sp = Speaker(mention=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
        if tok.lower_ in {"he", "she", "his", "her"}:
            sp.name = people.nearest_person(tok.idx, exclude=quote_spans)
        if sp.name:
            sp.role, sp.org = people.roles.get(sp.name, ("", ""))
            sp.kind = _kind(sp.name, sp.role, sp.org, True, "PERSON")
        return sp
    leaders = _leaders_of_antecedent(tok, people)
    if leaders:  # "According to their leaders" after "France and Germany agree": Macron and Scholz
        span = doc[tok.left_edge.i:tok.i + 1]
        return Speaker(mention=span.text, start=span.start_char, end=span.end_char, name=JOINT.join(leaders),
                       kind="official")
    holder = _office_holder(tok, people)
    if holder:  # "The president did not say whether ..." after "President Kassym-Jomart Tokayev said"
        role, org = people.roles[holder]
        last = tok if tok.lemma_.lower() != "head" else next(  # "the head of state" to its last word
            (o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"),
            tok)
        return Speaker(mention=_clean_piece(doc[tok.left_edge.i:last.i + 1].text), start=doc[tok.left_edge.i].idx,
                       end=last.idx + len(last.text), name=holder, role=role, org=org,
                       kind=_kind(holder, role, org, True, "PERSON"))
    named = next((c for c in tok.children if c.dep_ in _APPOS_DEPS and c.ent_type_ == "PERSON"), None)
    if (tok.pos_ == "NOUN" or tok.lower_ in _TITLE_WORDS) and not tok.ent_type_ and named is not None:
        # "her senior policy adviser, Jake Sullivan": the person in apposition, the noun their role
        # (also a title the parser made the head: "Prime Minister Modi" -> Minister, appos Modi)
        sp = resolve_speaker(named, people, quote_spans)
        span = doc[tok.left_edge.i:max(named.right_edge.i, tok.i) + 1]
        sp.mention, sp.start, sp.end = _clean_piece(span.text), span.start_char, span.end_char
        if not sp.role:
            words = [t for t in doc[tok.left_edge.i:tok.i + 1] if t.dep_ not in {"det", "poss", "case"}]
            sp.role = " ".join(t.text for t in words)
            sp.kind = _kind(sp.name, sp.role, sp.org, True, "PERSON")
        return sp
    name_span = _name_span(tok)
    ent = _entity_of(tok)
    label = ent.label_ if ent is not None else ""
    if ent is not None and _titled_name(ent):
        label = "PERSON"
    if tok.pos_ == "PROPN" and capital_country(name_span.text):
        label = "GPE"  # "Yerevan said", whatever the recogniser made of it: a capital speaks for its government
    if not label and tok.text in people.abbreviations:
        label = "ORG"  # an abbreviation the article defines, whatever the tagger made of it ("CSTO" as a plural)
    role, org = _appos_role(tok)
    pre = _premodifier_role(tok, name_span)
    if pre and not role:
        role = pre
    elif pre:
        role = f"{pre}; {role}"
    mention_span = doc[min(tok.left_edge.i, name_span.start):name_span.end]
    if mention_span.start < name_span.start and doc[mention_span.start].dep_ == "det":
        mention_span = doc[mention_span.start + 1:name_span.end] if mention_span.start + 1 < name_span.end else name_span
    is_person = label == "PERSON" or (
        not label and all(t.pos_ == "PROPN" for t in name_span) and tok.pos_ == "PROPN"
        and not any(t.lower_ in _UNNAMED for t in name_span)
    )
    if not is_person and (label not in {"GPE", "NORP"} or label == "GPE" and not place_mentions(name_span.text)) and (
            tok.pos_ == "PROPN" or tok.text[:1].isupper() and people.names_someone(tok.text)):
        # (a "GPE" that names no place: "Erdogan invited Putin", after "President Recep Tayyip Erdogan")
        # NER sometimes tags a surname as ORG (or a headline's surname as a noun): a surname of a
        # person named in the article is that person
        resolved = people.resolve_name(_clean_piece(name_span.text), tok.idx)
        if len(resolved.split()) >= 2 and resolved != _clean_piece(name_span.text):
            is_person, label = True, "PERSON"
    group = False
    if not is_person and label in {"", "CARDINAL", "PERCENT", "QUANTITY"}:
        # "about two-thirds of Kazakh respondents", "a majority of voters": the mention is the whole
        # phrase, and a share of a group names nobody
        of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
        if of:
            mention_span = doc[mention_span.start:of[0].right_edge.i + 1]
        if tok.pos_ == "NUM" or tok.lemma_.lower() in _QUANTIFIERS:
            group = True
        elif tok.pos_ == "NOUN" and not tok.ent_type_ and not _names_an_organisation(name_span) and (
                tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)):
            # "some citizens", "opponents of the CSTO", "state media", "U.S. troops", "several Central
            # Asian and South Caucasus former Soviet republics", "a study", "a senior official": a
            # group or someone unnamed (but "a Quinnipiac University poll" names its source)
            group = True
    owner = {t.i for c in tok.children if c.dep_ == "poss" for t in c.subtree}  # "Modi's" in "Modi's visit"
    nameless = (not is_person and not label and tok.pos_ in {"NOUN", "PRON"} and not group
                and not any(t.pos_ == "PROPN" and t.i not in owner for t in name_span)
                and tok.lemma_.lower() not in _SPEAKER_NOUNS)
    # "its leader", "their spokesman" that named no one above: a role, but no name to list
    pronoun_owned = tok.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in tok.children)
    mention = _clean_piece(mention_span.text)
    if group or nameless or pronoun_owned and not is_person:
        # "the forum focused on", "Modi's visit shows": a statement, but nobody's name
        name = ""
    elif is_person:
        name = people.resolve_name(_clean_piece(name_span.text), tok.idx)
        people.add(name_span.start_char, name, subject=True)  # a speaker is the subject of its statement
        if role or org:
            people.roles.setdefault(name, (role, org))
        else:
            role, org = people.roles.get(name, ("", ""))
    else:
        name = _clean_piece(name_span.text)
        if not (_MEDIA.search(name) and name.startswith("The ")):  # "The Astana Times" keeps its article
            name = _clean_piece(re.sub(r"^(the|a|an)\s+", "", name, flags=re.I))
        full = people.abbreviations.get(name)
        if full:  # "EDB said" after "the Eurasian Development Bank (EDB)"
            name = full
        if label == "GPE" and tok.pos_ == "PROPN" and not _MEDIA.search(name):  # "Kazakhstan announced";
            # "Beijing denied" is China's (but "Xinhua", taken for a place, is an agency)
            name = f"Government of {capital_country(name) or name}"
        if not label and tok.lower_ in _UNNAMED:
            name = ""
        if not org and label in {"ORG", "GPE", "FAC"}:
            org = full or _clean_piece(name_span.text)
    sp = Speaker(mention=mention, start=mention_span.start_char, end=mention_span.end_char,
                 name=name, role=role, org=org)
    sp.kind = _kind(name or mention, role, org, is_person, label)
    if not name and (tok.lower_ in _UNNAMED or group):
        sp.kind = "unnamed"
    return sp


#: Verbs with which an outlet relays someone else's statement ("..., Trend reports").
_RELAYING_VERBS = {"report", "say", "write", "quote", "cite", "publish", "carry"}


def _relayer(q: Quote, doc, people: PeopleIndex) -> bool:
    """``q`` is an outlet's relaying of a statement rather than a statement of its own: its cue is
    "according to" or a verb of relaying, and its speaker is a named outlet, agency or organisation,
    never a person or a government ("according to Peskov, Putin said" stays Peskov's)."""
    sp = q.speaker
    if not sp.name or sp.start is None or sp.name.startswith("Government of") or JOINT in sp.name \
            or sp.kind not in {"media", "organisation", "unknown"} or people.names_someone(sp.name):
        return False
    if q.cue_text.lower().startswith("according"):
        return True
    cue = doc.char_span(*q.cue, alignment_mode="expand") if q.cue else None
    if cue is None or cue.root.lemma_.lower() not in _RELAYING_VERBS:
        return False
    ent = _entity_of(doc.char_span(sp.start, sp.end, alignment_mode="expand").root)
    return sp.kind == "media" or ent is None or ent.label_ != "PERSON"


def _a_person(sp: Speaker, people: PeopleIndex) -> bool:
    """The speaker is a person (or several): what an outlet relays is a person's statement; an
    outlet citing an institution's data ("according to the Roper Center, Bloomberg reports") is
    a source in its own right."""
    return bool(sp.name) and not sp.name.startswith("Government of") and (
        sp.kind in {"official", "expert", "journalist", "unknown"} or people.names_someone(sp.name))


def _relayed(quotes: list[Quote], doc, text: str, people: PeopleIndex, quote_ranges, qspans) -> list[Quote]:
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
        if verb is None or q.via or verb.lemma_.lower() not in _RELAYING_VERBS or verb.pos_ != "VERB" \
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
        outlet = _subject(quoted)
        if said is None or person is None or outlet is None:
            continue
        channel = resolve_speaker(outlet, people, quote_ranges)
        cued = [q for q in quotes if q.cue in {(said.idx, said.idx + len(said.text)),
                                                (quoted.idx, quoted.idx + len(quoted.text))}]
        if not cued:  # "The talks covered water, Kazinform quoted him as saying": the clause is the content
            clause = next((c for c in quoted.children if c.dep_ in _CLAUSE_DEPS and c.i < quoted.i), None)
            if clause is None or any(q.cue and s <= q.cue[0] < e for q in quotes
                                     for s, e in [_span_chars(doc, clause.left_edge.i, clause.right_edge.i + 1)]):
                continue
            quote, _ = _reported(_span_chars(doc, clause.left_edge.i, clause.right_edge.i + 1),
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
                    q.speaker.kind = _kind(q.speaker.name, q.speaker.role, q.speaker.org, True, "PERSON")
            q.via = channel.name or channel.mention
    return sorted(quotes, key=lambda q: (q.start, q.end))


# --------------------------------------------------------------------------- cues

def _own_subject(verb, deps=frozenset({"nsubj"})):
    """The subject the parser gave ``verb`` itself, or None; of two before it, the nearer.

    Two subjects are a misparse, most often of a dateline, a time stamp or a title set off from
    its name ("ALMATY (Reuters) – Kazakhstan's trade minister said", "12:25 pm – Lavrov tells"):
    the one next to the verb is its subject.
    """
    subjects = [c for c in verb.children if c.dep_ in deps]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if len(before) > 1 else subjects[0] if subjects else None


#: Pronouns that stand for people: "among those describing themselves as conservative" are
#: the ones describing, as "a group backing Huckabee" is the one backing.
_PEOPLE_PRONOUNS = {"those", "anyone", "anybody", "everyone", "everybody", "someone", "somebody", "others"}


def _subject(verb):
    """The nominal subject of a cue verb (following conjunctions and auxiliaries)."""
    own = _own_subject(verb, _SUBJ_DEPS)
    if own is not None:
        return own
    if verb.dep_ == "xcomp":  # "forced Clinton to distance herself": the object does the distancing
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None and _can_speak(obj):
            return obj
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        head = verb.head
        if head.dep_ == "acomp" and head.head.i != head.i:  # "was eager to talk about": the one eager
            head = head.head
        return _subject(head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head.head)  # "responded by saying ...": whoever responded
    if verb.dep_ in {"relcl", "acl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # an infinitive on a noun: "the first Democrat to endorse Sanders", "gave a speech to
        # defend himself": whoever the noun's clause is about
        governor = _governing_verb(verb.head)
        return _subject(governor) if governor is not None else None
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in {"dobj", "pobj"} \
            and (not _can_speak(verb.head) and verb.head.lower_ not in _PEOPLE_PRONOUNS
                 or verb.head.lemma_.lower() in _DOCUMENTS):
        # "issued a statement expressing optimism", "during a speech attacking him": whoever
        # issued or gave it
        governor = _governing_verb(verb.head)
        found = _subject(governor) if governor is not None else None
        if found is not None and _can_speak(found):
            return found
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        # "Fallon, who ... , said" is parsed both ways; "a group backing Huckabee": the group
        return verb.head
    if verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _stranded_subject(verb)
    return None


def _governing_verb(noun):
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
    if after is not None and after.lower_ in _HONORIFICS and after.i + 1 < verb.sent.end \
            and doc[after.i + 1].pos_ == "PROPN":  # '"...," recalled Mr. Rhodes', '"...?" asked Mr. Rhodes'
        after = doc[after.i + 1]
        return _entity_of(after).root if after.ent_type_ == "PERSON" else after.head if after.dep_ == "compound" else after
    if after is not None and after.ent_type_ == "PERSON":  # '"...," said Kristen Day, director of ...'
        return _entity_of(after).root
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
        return phrase if _can_speak(phrase) else None
    return None


def _phrase_head(tok):
    """The first noun of a run of names joined by apposition, conjunction or compounding
    ("Joe Scarborough and Mika Brzezinski" -> Scarborough), short of a prepositional object."""
    while (tok.dep_ in {"appos", "conj", "compound"} and tok.head.i < tok.i
           and tok.head.pos_ in {"PROPN", "NOUN"} and tok.head.dep_ not in {"pobj", "dobj"}):
        tok = tok.head
    return tok


#: Verbs whose object is the one addressed ("told Reuters"), never an inverted speaker.
_ADDRESSEE_VERBS = _DIRECTIVE_VERBS | {"inform", "assure", "notify", "brief", "thank", "congratulate", "reassure"}


def _inverted_subject(verb):
    """The speaker after a cue that follows its statement: '..., said a former spokesman for the
    ministry', which the parser may attach as the verb's object. Only right after a comma or a
    closing quotation mark, and not for verbs whose object is an addressee ("..., told Reuters")."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in {",", "”", "’", "''", '"', "'"} \
            or verb.lemma_.lower() in _ADDRESSEE_VERBS:
        return None
    obj = next((c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod", "oprd"}
                and c.left_edge.i == verb.i + 1), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or not _can_speak(obj):
        return None
    return obj


def _agent(verb):
    """The object of a passive's "by" phrase ("was first reported *by Reuters*"), or None."""
    return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)


def _addressed(verb) -> bool:
    """A participle whose understood subject is the one addressed: "*Asked* whether he would
    run, Smith said ...", "*Pressed* on the deal, the minister ...". The main clause's subject
    answers; whoever asked is not named (a finite verb never lacks its subject in an adverbial
    clause, so a bare past form there is a participle too)."""
    return (verb.dep_ == "advcl" and verb.tag_ in {"VBN", "VBD"}
            and not any(c.dep_ in _SUBJ_DEPS | {"mark", "aux", "auxpass"} for c in verb.children))


def _past_dateline(subj, cue):
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
        if after < child.i < cue.i and child.dep_ in _SUBJ_DEPS | _APPOS_DEPS:
            return child
    return subj


def _verb_tagged_noun(tok) -> bool:
    """A verb the tagger took for a noun: it has a nominal subject and a clausal complement of
    its own ("Analysts at the bank *estimate* that trade will reach ..."; *estimate*, *claim*,
    *report* and *fear* are nouns too)."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children) \
        and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)


def _is_cue_verb(tok) -> bool:
    if tok.pos_ not in {"VERB", "AUX"} and not _verb_tagged_noun(tok):
        return False
    if tok.lemma_.lower() in reporting_verbs() or _phrasal_cue(tok):
        return True
    subj = _own_subject(tok)
    return subj is not None and _can_speak(subj) and _takes_that_clause(tok)


#: Phrasal stances and the prepositions that carry their content: "came out against the deal",
#: "went after Clinton's record".
_PHRASAL_PREPS = {"come": {"against", "for", "in"}, "go": {"after"}}


def _phrasal_cue(verb) -> bool:
    """'as X put it', 'came out against', 'went after': verbs that report only in these phrases."""
    lemma = verb.lemma_.lower()
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    preps = _PHRASAL_PREPS.get(lemma)
    if preps is None or (lemma == "come" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)):
        return False
    return any(c.dep_ == "prep" and c.lower_ in preps and not _circumstance(c) for c in verb.rights)


def _takes_that_clause(verb) -> bool:
    """A verb with a 'that'-clause complement reports a proposition ("fears that ...",
    "realised that ...", "made clear that ...") whatever its lemma."""
    return any(c.dep_ == "ccomp" and _has_that(c) for c in verb.children)


def _has_that(clause) -> bool:
    """The clause is introduced by 'that' (its marker)."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _according_to(doc):
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
            obj = _prep_object(tok)
            if obj is not None and obj.lemma_.lower() in _CHANNEL_NOUNS and obj.lower_ != "words" \
                    and tok.head.pos_ in {"VERB", "AUX"} and not _is_cue_verb(tok.head) and _set_off(tok):
                yield tok, obj


def _behind_document(obj):
    """Whoever stands behind a document cited as a source: "according to a report from Bloomberg",
    "audio provided by Wyoming Public Radio", "interviews with a dozen officials" (a person or an
    institution is its own source)."""
    if obj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or obj.pos_ in {"PROPN", "PRON"}:
        return obj
    for child in obj.rights:
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "with"}:
            inner = _prep_object(child)
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "a document filed by ..."
            inner = _agent(child)
        else:
            continue
        if inner is not None and _can_speak(inner):
            return inner
    return obj


def _set_off(phrase) -> bool:
    """The phrase ends with a comma, or a comma follows it ("In a CNN poll, ...")."""
    doc = phrase.doc
    end = phrase.right_edge.i
    return doc[end].text == "," or end + 1 < len(doc) and doc[end + 1].text == ","


def _is_name_list(text: str) -> bool:
    """Four or more comma-separated items, nearly all capitalised: a list of names."""
    items = [i.strip() for i in text.rstrip(" .").split(",")]
    return len(items) >= 4 and sum(1 for i in items if i[:1].isupper()) >= 0.8 * len(items)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span_chars(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    toks = [t for t in doc[start_tok:end_tok] if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in (*_CLOSE_MARKS, *_AMBIGUOUS_MARKS, "’", "''"):
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text not in (*_OPEN_MARKS, *_AMBIGUOUS_MARKS, "‘", "''", "``"):
        toks.pop(0)
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# --------------------------------------------------------------------------- extraction

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
    people = people or PeopleIndex(doc, text)
    qspans = [q for q in find_quote_spans(text) if len(text[q.start:q.end].split()) >= 1]
    inner = {q: _inner(q, text) for q in qspans}
    quote_ranges = [(q.start, q.end) for q in qspans]
    quotes: list[Quote] = []
    verb_cued: list[Quote] = []  # statements cued by a verb (the only ones that can be nested)
    used_quote: set[QuoteSpan] = set()
    deferred: list = []  # (cue verb, raised statement): the raised one only if the verb makes none

    # the quotation each token lies strictly inside (the first listed, if nested), found once
    starts = [t.idx for t in doc]
    quote_of: dict[int, QuoteSpan] = {}
    for q in qspans:
        for i in range(bisect.bisect_right(starts, q.start), bisect.bisect_left(starts, q.end)):
            quote_of.setdefault(i, q)

    def in_quote(tok) -> QuoteSpan | None:
        return quote_of.get(tok.i)

    def outside(tok):
        """``tok`` if it stands outside every quotation, else None."""
        return tok if tok is not None and in_quote(tok) is None else None

    def keep(quote: Quote, rule: str) -> None:
        """Keep a statement cued by a verb or a copula (the only kind that can be nested)."""
        quote.rule = quote.rule or rule
        quotes.append(quote)
        verb_cued.append(quote)

    def add_owned(found, rule: str) -> bool:
        """Keep a (quote, owner) pair found by a rule; the owner, if any, is the speaker."""
        if found is None:
            return False
        quote, owner = found
        if owner is not None:
            quote.speaker = resolve_speaker(owner, people, quote_ranges)
        keep(quote, rule)
        return True

    # 1. cues in text order (so a role given at a first mention reaches later ones):
    #    reporting verbs with a clausal complement (indirect / mixed) or an adjacent
    #    quotation (direct), and "according to X"
    accordings = dict((acc.i, obj) for acc, obj in _according_to(doc))
    for tok in doc:
        if in_quote(tok) is not None:
            continue
        if tok.i in accordings:
            q = _according_quote(tok, accordings[tok.i], qspans, text)
            if q is not None:
                q.speaker = resolve_speaker(accordings[tok.i], people, quote_ranges)
                q.rule = "according-to"
                quotes.append(q)
            continue
        if tok.pos_ not in {"VERB", "AUX", "NOUN"}:
            continue  # every cue below is a verb or a noun
        if tok.lemma_ == "be":  # "his answer was that ...", "she was confident that ..."
            add_owned(_copular_quote(tok, qspans), "copula") or add_owned(_attitude_quote(tok, qspans), "attitude")
            continue
        if tok.lemma_.lower() in _LIGHT_VERBS and add_owned(_light_verb_quote(tok, qspans), "light-verb"):
            continue  # "made clear that ...", "took issue with the plan"
        raised = _raised_quote(tok, qspans)
        if raised is not None:  # "X is expected to attend": nobody named
            speaking = _speaking_complement(tok)
            if speaking is None:
                add_owned(raised, "raised")
            else:  # "Cruz seemed to mock his rival" is Cruz's, if "mock" makes a statement (below)
                deferred.append((speaking, raised))
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _NOMINAL_CUES and not _verb_tagged_noun(tok):
            found = _nominal_quote(tok, qspans, text)
            if found is not None:
                quote, owner = found
                quote.speaker = resolve_speaker(owner, people, quote_ranges)
                quote.rule = "statement-noun"
                quotes.append(quote)
            continue
        if not _is_cue_verb(tok):
            continue
        if _addressed(tok):  # "Asked whether he would run, Smith said ...": the asker is not named
            found = _verb_quote(tok, qspans, inner, used_quote, text)
            if found is not None:
                used_quote.update(found[1])
                asker = _agent(tok)
                if asker is not None:  # "Asked by a reporter whether ...": unless the asker is named
                    found[0].speaker = resolve_speaker(asker, people, quote_ranges)
                keep(found[0], "asked")
            continue
        inverted = _inverted_parenthetical(tok)
        if inverted is not None:  # "The deal, said Niva Yau, a fellow at ..., is a win for Beijing"
            parts, speaker = inverted
            quote, group = _reported(parts, [q for q in qspans if q not in used_quote],
                                     (tok.idx, tok.idx + len(tok.text)), tok.text)
            used_quote.update(group)
            quote.speaker = resolve_speaker(speaker, people, quote_ranges)
            keep(quote, "inverted-aside")
            continue
        subj = _subject(tok)
        if subj is not None and in_quote(subj) is not None:  # '"… [Clinton] can be …," Kilfoyle said'
            # (or the speaker the parser made an apposition of a quoted vocative: '"…, Mr. President,"
            # Cohen told Obama')
            subj = next((c for c in tok.children if c.dep_ in _SUBJ_DEPS and in_quote(c) is None), None) or next(
                (a for c in tok.children if c.dep_ in _SUBJ_DEPS for a in c.children
                 if a.dep_ == "appos" and in_quote(a) is None and _can_speak(a)), None)
            if subj is None and tok.tag_ == "VBG" and tok.i >= 2 and doc[tok.i - 1].text == "," \
                    and _is_cue_verb(doc[tok.i - 2]):
                # '"A," Manafort said, adding of Trump, "B"', the participle hung on a quoted verb
                subj = outside(_subject(doc[tok.i - 2]))
            elif subj is None and tok.tag_ == "VBG":
                # '…, telling the crowd, "Some people get carried away"': the parser hung the
                # participle on the quoted verb; its subject is that of the first verb above outside it
                above = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"} and outside(a)), None)
                subj = outside(_subject(above)) if above is not None else None
        if subj is None:
            continue
        passive_content, unattributed, relative, judged = None, False, None, None
        if subj.head.i != tok.i and any(c.dep_ == "auxpass" for c in tok.children) \
                and not any(c.dep_ == "agent" for c in tok.children):
            # "She is moving to Almaty but is expected to stay": a subject shared with another
            # verb is what a passive cue reports, never its speaker
            if tok.lemma_.lower() not in _SPEECH_VERBS | _RAISING_PASSIVES:
                continue
            unattributed = True
        if subj.dep_ == "nsubjpass" and subj.head.i == tok.i:  # not "Trump was prompted to say"
            # "the meeting was first reported by Politico", "it was announced that ...": a passive
            # subject is what is said, never who says it; the speaker is the agent, if named
            agent = _agent(tok)
            if agent is not None:
                passive_content, subj = subj, agent
            elif tok.lemma_.lower() in _SPEECH_VERBS | _JUDGING_VERBS:
                unattributed = True  # a statement ("was blamed for the delays") with nobody named
                judged = subj if tok.lemma_.lower() in _JUDGING_VERBS else None
            else:  # "Lukashenko was invited to attend": an event, nobody's statement ("is expected
                continue  # to attend" was taken above as a raised statement)
        if subj.lower_ == "it" and tok.dep_ == "xcomp" and (
                tok.head.dep_ == "acomp" or any(c.dep_ == "acomp" for c in tok.head.children)):
            unattributed = True  # "it is hard to predict how ...": a judgement nobody is named for
        if not unattributed:
            subj = _past_dateline(subj, tok)
            if subj.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                # "voters who said ..." -> voters. The mention stays "who"/"which", as attribution
                # corpora mark it; for "that" they mark the antecedent ("the poll results that show")
                relative, subj = (subj if subj.lower_ != "that" else None), tok.head
            # any nominal or pronominal subject: attribution corpora count "a majority of voters
            # support X" and "the data show X" as much as "X said"
            if not (_can_speak(subj) or subj.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
                    or subj.lower_ in _QUANTIFIERS | {"both", "others", "each"}):  # "most said", "many agree"
                continue
        found = _verb_quote(tok, qspans, inner, used_quote, text, subj)
        if found is None and passive_content is not None:
            found = _reported(_span_chars(doc, passive_content.left_edge.i, passive_content.right_edge.i + 1),
                              [q for q in qspans if q not in used_quote], (tok.idx, tok.idx + len(tok.text)), tok.text)
        if found is None:
            continue
        quote, group = found
        used_quote.update(group)
        if judged is not None and judged.i < tok.i:  # "[the ministry] was blamed for [the delays]"
            quote.content.insert(0, _span_chars(doc, judged.left_edge.i, judged.right_edge.i + 1))
        quote.speaker = Speaker() if unattributed else resolve_speaker(subj, people, quote_ranges)
        if relative is not None:  # the mention is the relative pronoun; the name is its antecedent's
            quote.speaker.mention = relative.text
            quote.speaker.start, quote.speaker.end = relative.idx, relative.idx + len(relative.text)
        keep(quote, "passive-agent" if passive_content is not None else "cue-verb")

    for verb, raised in deferred:
        if not any(q.cue == (verb.idx, verb.idx + len(verb.text)) for q in quotes):
            add_owned(raised, "raised")

    # 2. headline-style attributions, "Speaker: what they said" at the start of a paragraph
    for m in _COLON_ATTRIBUTION.finditer(text):
        span = doc.char_span(m.start("who"), m.end("who"), alignment_mode="contract")
        if span is None or not (any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
                                    or t.lemma_.lower() in _SPEAKER_NOUNS for t in span)
                                or people.names_someone(span.text)):  # a headline's "Sanders:", tagged a noun
            continue
        if any(q.type != "indirect" and _overlaps((m.start("what"), m.end("what")), q.content[0]) for q in quotes):
            continue  # (an indirect statement inside the line is the speaker's own, dropped below as nested)
        if span.root.ent_type_ in {"GPE", "LOC"} or _is_name_list(m.group("what")) or span.text in {"Q", "Q."}:
            # "Iowa: Tim Albrecht, Brad Anderson, ..." is a list, not a statement; an interviewer's
            # "Q:" asks (what the question reports, "do you think ...", is found above)
            continue
        what_s, what_e = m.start("what"), m.end("what")
        qtype = "direct" if text[what_s] in _OPEN_MARKS + _AMBIGUOUS_MARKS + "‘`" or text.startswith("''", what_s) \
            else "indirect"
        quote = Quote(qtype, [(what_s, what_e)], (m.start("colon"), m.end("colon")), ":")
        quote.speaker = resolve_speaker(span.root, people, quote_ranges)
        quote.rule = "headline-colon"
        quotes.append(quote)

    quotes = [q for q in (_within_paragraph(q, text) for q in quotes) if q is not None]
    # a statement reported inside another one's content ("Putin said that Xi agreed to expand
    # trade") is part of the outer speaker's statement: the article relies on Putin ("according
    # to" and a statement noun attach to a clause, not inside one: never dropped)
    nested = [q for q in verb_cued if q.type != "direct" and _reported_within(q, quotes)]
    quotes = [q for q in quotes if not any(q is n for n in nested)]

    # 3. quotation spans still without a cue: a cue in the next short sentence, else follow-on
    quotes.sort(key=lambda q: q.start)
    for q in qspans:
        if q in used_quote or not q.closed and (q.end - q.start) < 20:
            continue
        s, e = inner[q]
        words = text[s:e].split()
        sentence_like = len(words) >= 2 and words[0][:1].isupper() and text[s:e].rstrip()[-1:] in ".!?,"
        if len(words) < 4 and not sentence_like:
            continue  # scare quotes and labels, not statements
        manner = _manner_cue(q, doc, text) or _colon_cue_before(q, doc, text) or _verb_right_before(q, doc, text)
        if manner is not None:  # '"Go back to Univision," Trump barked', 'In a speech, he declared:\n\n"…"'
            verb, subj = manner
            quotes.append(Quote("direct", [(s, e)], (verb.idx, verb.idx + len(verb.text)), verb.text,
                                resolve_speaker(subj, people, quote_ranges), rule="verb-by-quotation"))
            used_quote.add(q)
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
        if last is not None and _can_go_on(last.speaker) and paragraphs_between <= 2 and (
                _starts_paragraph_or_sentence(q, text) or _CONJUNCTION_BEFORE.search(text, max(0, q.start - 12), q.start)):
            if last.type == "indirect":
                quotes.append(Quote("direct", [(s, e)], None, "", _copy_speaker(last.speaker), rule="follow-on"))
            else:  # the speaker goes on: one more fragment of the same quotation, as in '"A," he said. "B."'
                last.content.append((s, e))
            used_quote.add(q)
            quotes.sort(key=lambda x: x.start)

    # 4. a quotation that runs over paragraphs: an unclosed paragraph whose next paragraph
    #    opens with a quotation mark belongs to the speaker of that continuation
    for q in sorted(qspans, key=lambda x: x.start, reverse=True):
        if q in used_quote or q.closed:
            continue
        nxt = next((o for o in qspans if o.start > q.end and text[q.end:o.start].strip() == ""), None)
        if nxt is None:
            continue
        owner = next((x for x in quotes if any(a <= inner[nxt][0] < b for a, b in x.content)), None)
        if owner is not None and owner.speaker.name:
            s, e = inner[q]
            quotes.append(Quote("direct", [(s, e)], None, "", _copy_speaker(owner.speaker), rule="over-paragraphs"))
            used_quote.add(q)
    return _relayed(quotes, doc, text, people, quote_ranges, qspans)


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


def _within_paragraph(q: Quote, text: str) -> Quote | None:
    """An indirect or mixed statement ends with its cue's paragraph: the parser sometimes runs a
    headline or dateline into the next paragraph's sentence, and content never crosses a break."""
    if q.type == "direct" or q.cue is None:
        return q
    paragraph = _paragraph_of(q.cue[0], text)
    frags = [(s, e) for s, e in (_past_dateline_text(_clip(f, paragraph, text), text) for f in q.content)
             if e - s > 2 or text[s:e].lower() in _PROPOSITION_PROFORMS]  # ("said so")
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


def _reported_within(q: Quote, quotes: list[Quote]) -> bool:
    """Whether the cue of ``q`` lies inside the content of another quote.

    "according to X" names the channel of the statement it covers ("Tokayev said ...,
    according to state media"), not a speaker who reports it: that one is not counted.
    """
    return q.cue is not None and any(
        r is not q and not r.cue_text.lower().startswith("according")
        and any(s <= q.cue[0] < e for s, e in r.content) for r in quotes)


def _can_speak(subj) -> bool:
    """Subjects that can make a statement: names, people, institutions, personal pronouns."""
    if subj.pos_ == "PRON":
        return subj.lower_ in {"he", "she", "they", "we", "i"}
    if subj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP", "FAC"} or subj.pos_ == "PROPN":
        return True
    lemma = subj.lemma_.lower()
    if lemma == "old" and any(c.lower_ == "year" for c in subj.children):
        return True  # "the 46-year-old", an age that stands for a person
    return lemma in _SPEAKER_NOUNS or (subj.pos_ == "NOUN" and lemma.endswith(_AGENT_SUFFIXES))


#: Endings of nouns for people by what they do: strategist, analyst, politician, historian.
_AGENT_SUFFIXES = ("ist", "yst", "ian")


def _verb_quote(tok, qspans, inner, used_quote, text, subj=None):
    """The statement a reporting verb introduces, with the quotation spans it uses.

    ``subj`` is the speaker's token: a complement the parser stretched over it ends before it.
    """
    doc = tok.doc
    sent = tok.sent
    window = (sent.start_char - 2, sent.end_char)
    direct = [q for q in qspans if _overlaps((q.start, q.end), window)
              and not (q.start < tok.idx < q.end) and q not in used_quote]
    paragraph = _paragraph_of(tok.idx, text)
    # an infinitive ("wants to go") is no reported clause, but a tensed "xcomp" is a clause the
    # parser mislabelled ("said legalizing it could create jobs")
    clauses = [c for c in tok.children if (c.dep_ in _CLAUSE_DEPS and (c.dep_ != "xcomp" or _is_tensed(c) or _gerund_subject(c))
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
        c_start, c_end = _span_chars(doc, first, _before_aside(last, last.right_edge.i) + 1)
        if subj is not None and subj.head.i != tok.i and clause.left_edge.i < subj.left_edge.i < tok.i \
                and c_start < subj.idx < c_end:
            c_end = _span_chars(doc, clause.left_edge.i, subj.left_edge.i)[1]
        elif subj is not None and subj.head.i != tok.i and tok.i < subj.i and subj.left_edge.i == first \
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
        return _reported(relative, direct, cue, tok.text)
    # a parenthetical cue inside its content: "This campaign, he says, is different"
    # (not the clause a speech verb reports: "Ramos said Trump has not replied", "He may add staff, he said")
    if tok.dep_ in {"parataxis", "advcl", "ccomp"} and tok.head.pos_ in {"VERB", "AUX"} and tok.head.i != tok.i \
            and not _between_quotations(tok, direct, text) \
            and (tok.lemma_.lower() in _SPEECH_VERBS or _bare_as_clause(tok)) \
            and any(c.dep_ in _SUBJ_DEPS for c in tok.children) \
            and not any(c.dep_ in {"dobj", "oprd"} for c in tok.children) \
            and tok.head.lemma_.lower() not in _SPEECH_VERBS:
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
            spans = [_span_chars(doc, part[0].i, part[-1].i + 1) for part in parts if part]
            return _reported(spans, direct, cue, tok.text)
    # a one-word stand-in for what was said: "said so", "said yes"
    proform = _proform_content(tok)
    if proform is not None:
        return _reported((proform.idx, proform.idx + len(proform.text)), direct, cue, tok.text)
    # a directive: the addressee and what they are to do, "urged Kazakhstan to join the union"
    if tok.lemma_.lower() in _DIRECTIVE_VERBS:
        xcomps = [c for c in tok.rights if c.dep_ == "xcomp"]
        objs = [c for c in tok.rights if c.dep_ == "dobj" and xcomps and c.i < xcomps[0].i]
        if xcomps:
            c_start, c_end = _span_chars(doc, (objs or xcomps)[0].left_edge.i, xcomps[-1].right_edge.i + 1)
            if c_end - c_start >= 8:
                return _reported((c_start, c_end), direct, cue, tok.text)
    if tok.lemma_.lower() == "see":  # a view only with "as": "voters see Clinton as the likelier winner"
        obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
        as_ = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
        if obj is None or as_ is None:
            return None
        return _reported(_span_chars(doc, obj.left_edge.i, as_.right_edge.i + 1), direct, cue, tok.text)
    # an object or infinitive as content: "called for sanctions", "vowed to veto the bill"
    if tok.lemma_.lower() in _OBJECT_VERBS | _PHRASAL_PREPS.keys():
        lemma = tok.lemma_.lower()
        preps = ({"for", "of", "on", "about", "that"} | ({"to"} if lemma in _TO_VERBS else set())
                 | ({"with"} if lemma in _WITH_VERBS else set()))
        deps = {"dobj", "xcomp", "oprd"}
        if lemma in _TALK_VERBS:  # "spoke about the deal", not "spoke Hebrew", "on condition of anonymity"
            preps, deps = {"about", "of"}, set()
        if lemma in _PHRASAL_PREPS:
            preps, deps = _PHRASAL_PREPS[lemma], set()
        if lemma == "vote":  # "voted for/against the bill" is a stance, "voted on it" is not
            preps = {"for", "against"}
        if lemma == "find" and (subj is None or subj.pos_ == "PRON" or subj.ent_type_ == "PERSON"):
            deps = set()  # "the poll found broad support" is a finding; "he found sanctuary" is not
        objs = [c for c in tok.rights if c.dep_ in deps or (c.dep_ == "prep" and c.lower_ in preps
                                                            and not _circumstance(c))]
        if objs:
            # the content runs on to the verb's last dependent inside its clause ("praised the
            # efforts of a donor to ... at the Rose Bowl"), not into a new clause
            first = objs[0]
            last = max((c for c in tok.rights if c.i >= first.i and c.dep_ not in _CLAUSE_END_DEPS
                        and (c.i == first.i or not _circumstance(c))), key=lambda c: c.i)
            if first.dep_ == "prep":  # "called for sanctions": the content is what the preposition governs
                first = _prep_object(first) or first
            c_start, c_end = _span_chars(doc, first.left_edge.i, _before_aside(first, last.right_edge.i) + 1)
            if c_end - c_start >= 3:  # "endorsed Cruz" is a stance too
                return _reported((c_start, c_end), direct, cue, tok.text)
    # a quotation inside the verb's own phrase: "praised ties as a friendship that 'lasts'"
    # a quotation just before the cue is its statement, whatever follows the cue ('"A," she said
    # in an interview with "Meet the Press"')
    found = _direct_quote(tok, [q for q in direct if q.end <= tok.idx], qspans, inner, used_quote, text)
    if found is not None:
        return found
    # (an adverbial clause that is itself a cue, "responded, remarking that ...", makes its own statement)
    right = [c for c in tok.rights if c.dep_ in {"dobj", "prep", "attr", "oprd"}
             or c.dep_ == "advcl" and not _is_cue_verb(c)]
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
    topics = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS]
    obj = _prep_object(topics[0]) if topics else None
    if obj is not None and obj.ent_type_ not in {"DATE", "TIME"}:
        c_start, c_end = _span_chars(doc, obj.left_edge.i, _before_aside(obj, obj.right_edge.i) + 1)
        if c_end - c_start >= 3:
            return _reported((c_start, c_end), direct, cue, tok.text)
    return None


#: Words that stand for a whole answer or proposition after a verb of saying or thinking.
_PROPOSITION_PROFORMS = {"so", "yes", "no"}
#: Verbs after which "so" stands for a proposition ("I think so", "he said so").
_PROFORM_VERBS = _SPEECH_VERBS | {"think", "believe", "hope", "suspect", "guess", "suppose", "fear", "expect", "imagine"}


def _proform_content(verb):
    """"so", "yes" or "no" right after a verb of saying or thinking, as the content it reports.

    Attribution corpora mark the stand-in as the content, the proposition itself being stated
    elsewhere: "75 percent said *yes*", "I think *so*", "neither side would say *so*". Only
    when nothing but punctuation or a conjunction follows ("said no to the war" and "said so
    much" are no answers), and "so" may be followed by a preposition ("said so in December").
    (A fronted relative object, "the plan, which Clinton supports", was measured too: on PolNeAR
    training articles 16 of 210 such pronouns were marked as a content, so it is left out.)
    """
    if verb.lemma_.lower() not in _PROFORM_VERBS or verb.i + 1 >= len(verb.doc):
        return None
    word = verb.doc[verb.i + 1]
    if word.head.i != verb.i or word.lower_ not in _PROPOSITION_PROFORMS \
            or any(c.dep_ in {"dobj", "ccomp"} and c.i != word.i for c in verb.children):
        return None
    after = verb.doc[word.i + 1] if word.i + 1 < len(verb.doc) else None
    if after is None or after.is_punct or after.is_space or after.pos_ in {"CCONJ", "SCONJ"} \
            or after.pos_ == "ADP" and word.lower_ == "so":
        return word
    return None


def _inverted_parenthetical(verb):
    """(content fragments, speaker) of "X, said Y, does Z" as the parser misreads it, or None.

    In "The deal, said Niva Yau, a fellow at the Atlantic Council, is a win for Beijing"
    en_core_web_sm makes "the deal" the subject of *said* and "Yau ... is a win" its clause; in
    "Moscow, said the minister, has not replied" both nouns are subjects of *said*, and in
    "The railway, said Lavrov, will open" *said* also hangs on *open*. Each
    time the speaker is the phrase right after the cue, closed by a comma, and the statement is
    the sentence's subject and the rest of the clause after that comma.
    """
    doc = verb.doc
    if verb.lemma_.lower() not in _SPEECH_VERBS or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJ_DEPS]
    first = next((c for c in subjects if c.i < verb.i), None)
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if clause is None and verb.dep_ == "parataxis" and verb.head.i > verb.i:
        clause = verb.head  # "The railway, said Lavrov, will open": the cue hung on the clause it interrupts
    if first is None or clause is None:
        return None
    speaker = next((c for c in subjects if c.i > verb.i), None) or _own_subject(clause, _SUBJ_DEPS)
    if speaker is None or speaker.left_edge.i != verb.i + 1 or not (speaker.ent_type_ == "PERSON" or _can_speak(speaker)):
        return None
    close = speaker.right_edge.i if doc[speaker.right_edge.i].text == "," else speaker.right_edge.i + 1
    if close >= clause.right_edge.i or doc[close].text != "," or doc[close + 1].is_punct:
        return None
    head = _span_chars(doc, first.left_edge.i, verb.i - 1)
    rest = _span_chars(doc, close + 1, clause.right_edge.i + 1)
    if head[1] - head[0] < 2 or rest[1] - rest[0] < 6:
        return None
    return [head, rest], speaker


def _trimmed(tokens: list) -> list:
    """``tokens`` without the punctuation at either end (the commas around an aside).

    Unlike :func:`_span_chars`, which keeps a closing ’ or '' at the edge, this drops them: kept,
    they let the fragment before the aside claim the quotation it closes, and a newswire split
    quote (''A,'' she said. ''B.'') is read as a mixed statement (measured on 21 PolNeAR articles).
    """
    while tokens and tokens[0].is_punct and tokens[0].text not in _OPEN_MARKS + _AMBIGUOUS_MARKS:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in _CLOSE_MARKS + _AMBIGUOUS_MARKS:
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


def _raised_quote(tok, qspans):
    """A statement whose subject was raised out of it: "The closures appear to have brought
    stability", "Kazakhstan is expected to sign", "it seems that ...".

    The content is the subject and the complement (two fragments, as attribution corpora mark
    them); nobody is named, so the quote comes with no owner: (quote, None). Returns None for
    any other verb.
    """
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or lemma not in _RAISING_LEMMAS | _JUDGING_VERBS:
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in _RAISING_PASSIVES | _JUDGING_VERBS \
            and not any(c.dep_ == "agent" for c in tok.children):
        return _raised_noun_quote(tok, qspans)
    if lemma not in _RAISING_LEMMAS:
        return None
    subj = next((c for c in tok.children if c.dep_ in _SUBJ_DEPS | {"expl"}), None)
    if subj is None:
        return None
    if lemma in _RAISING_VERBS and subj.dep_ in {"nsubj", "expl"}:
        comps = [c for c in tok.rights if c.dep_ in {"xcomp", "acomp", "oprd", "attr"}]
        if not comps and (subj.dep_ == "expl" or subj.lower_ == "it"):  # "it appears that Clinton had ..."
            comps = [c for c in tok.rights if c.dep_ == "ccomp"]
    elif lemma in _RAISING_PASSIVES | _AS_VERBS and subj.dep_ == "nsubjpass" \
            and not any(c.dep_ == "agent" for c in tok.children):
        # "is expected to sign", "was deemed unfit", "is seen as the region's leader"
        comps = [c for c in tok.rights if c.dep_ in {"xcomp", "oprd"}]
        as_object = _first_prep_object(tok.rights, {"as"}) if lemma in _AS_VERBS else None
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
    parts = [] if extraposed else [_span_chars(doc, subj.left_edge.i, subj.right_edge.i + 1)]
    end = max([comp.right_edge.i] + [c.right_edge.i for c in later]) if extraposed else comp.right_edge.i
    parts.append(_span_chars(doc, comp.left_edge.i, _before_aside(comp, end) + 1))
    if any(e <= s for s, e in parts) or parts[-1][1] - parts[-1][0] < 3:
        return None
    return _reported(parts, qspans, (tok.idx, tok.idx + len(tok.text)), tok.text)[0], None


def _speaking_complement(tok):
    """The cue verb a speaker "seems" or "appears" to use ("Cruz seemed to mock ..."), or None."""
    if tok.lemma_.lower() not in _RAISING_VERBS:
        return None
    subj = _own_subject(tok)
    comp = next((c for c in tok.rights if c.dep_ == "xcomp"), None)
    if subj is None or comp is None or not _can_speak(subj) or not _is_cue_verb(comp):
        return None
    return comp


def _raised_noun_quote(tok, qspans):
    """The same with a participle on a noun: "the new line, expected to open in 2027", "the
    island, known as the Poorhouse of the Caribbean": the noun phrase up to the participle and
    the participle's complement."""
    doc = tok.doc
    comp = next((c for c in tok.rights if c.dep_ in {"xcomp", "oprd"}), None) or _first_prep_object(
        tok.rights, {"as", "of", "for"} if tok.lemma_.lower() in _JUDGING_VERBS else {"as"})
    if comp is None:
        return None
    noun = tok.head
    parts = [_span_chars(doc, noun.left_edge.i, tok.left_edge.i),
             _span_chars(doc, comp.left_edge.i, _before_aside(comp, comp.right_edge.i) + 1)]
    if any(e - s < 3 for s, e in parts):
        return None
    return _reported(parts, qspans, (tok.idx, tok.idx + len(tok.text)), tok.text)[0], None


def _copular_quote(be, qspans):
    """A proposition stated through a noun and a copula: "His answer was that the family comes
    first", "The hope is that talks resume". Returns the quote and the noun's owner (the
    speaker; None when the noun has none), or None."""
    subj = _own_subject(be)
    if subj is None or subj.lemma_.lower() not in _NOMINAL_CUES | _PROPOSITION_NOUNS:
        return None
    clause = next((c for c in be.rights if c.dep_ in {"ccomp", "attr"} and _opens_clause(c) and _has_that(c)), None)
    if clause is None:
        return None
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    return _stance_quote(clause, (subj.idx, be.idx + len(be.text)), qspans, owner, min_chars=12)


def _attitude_quote(be, qspans):
    """A stance stated with an adjective or a noun: "she was confident that ...", "others are
    wary of campaigning with him", "he has been a critic of the deal". Returns the quote and the
    subject (the speaker), or None."""
    subj = _own_subject(be)
    adj = next((c for c in be.rights if c.dep_ == "acomp" and c.lemma_.lower() in _ATTITUDE_ADJECTIVES
                or c.dep_ == "attr" and c.lemma_.lower() in _STANCE_NOUNS), None)
    if subj is None or adj is None or not _can_speak(subj):
        return None
    # what the stance is about hangs on the adjective, or on the copula after it
    after = list(adj.rights) + [c for c in be.rights if c.i > adj.i]
    target = next((c for c in after if c.dep_ in {"ccomp", "xcomp"}), None)
    if target is not None and target.dep_ == "xcomp" and _is_cue_verb(target):
        return None  # "eager to talk about the corridor": the infinitive is the cue
    if target is None:
        target = _first_prep_object(after, {"of", "about", "to", "with", "on", "over"})
    if target is None:
        return None
    return _stance_quote(target, (adj.idx, adj.idx + len(adj.text)), qspans, subj)


def _light_verb_quote(verb, qspans):
    """A stance stated with a light verb and a noun: "made clear that ...", "took issue with
    the plan", "drew attention to the abuses", "has doubts about the deal". Returns the quote
    and the subject (the speaker), or None."""
    subj = _subject(verb)
    if subj is None or not _can_speak(subj):
        return None
    clear = next((c for c in verb.children if c.lower_ == "clear"), None)
    if verb.lemma_.lower() == "make" and clear is not None:  # "made (it) clear that ..."
        head = clear
        target = next((c for c in list(clear.rights) + list(verb.rights)
                       if c.i != clear.i and (c.dep_ == "ccomp" or c.dep_ == "advcl" and _has_that(c))), None)
    else:
        head = next((c for c in verb.rights if c.dep_ == "dobj" and c.lemma_.lower() in _STANCE_OBJECTS), None)
        if head is None:
            return None
        target = next((c for c in head.rights if c.dep_ in {"acl", "ccomp"} and _has_that(c)), None) \
            or _first_prep_object(list(head.rights) + [c for c in verb.rights if c.i > head.i], _STANCE_PREPS)
    if target is None:
        return None
    return _stance_quote(target, (verb.idx, head.idx + len(head.text)), qspans, subj)


def _first_prep_object(tokens, preps: set[str]):
    """What the first of ``tokens`` that is one of the prepositions ``preps`` governs, or None."""
    prep = next((c for c in tokens if c.dep_ == "prep" and c.lower_ in preps), None)
    return _prep_object(prep) if prep is not None else None


def _stance_quote(target, cue: tuple[int, int], qspans, owner, min_chars: int = 3):
    """The statement made by ``target``'s phrase (an aside after a comma left out) and its owner,
    or None when the phrase is too short to say anything."""
    doc = target.doc
    content = _span_chars(doc, target.left_edge.i, _before_aside(target, target.right_edge.i) + 1)
    if content[1] - content[0] < min_chars:
        return None
    quote, _ = _reported(content, qspans, cue, doc.char_span(*cue, alignment_mode="expand").text)
    return quote, owner


#: Prepositions that set a statement in time, not part of what is said.
_TIME_PREPS = {"after", "before", "during", "since", "until", "amid", "ahead", "despite", "throughout"}
#: Occasions a statement is made at ("on his radio show", "at the start of his remarks").
_OCCASION_NOUNS = {"show", "program", "programme", "debate", "rally", "interview", "speech", "event", "conference",
                   "meeting", "start", "end", "beginning", "remarks", "summit", "appearance", "hearing", "forum",
                   "session", "briefing", "stop", "dinner", "breakfast", "lunch", "gala", "convention", "ceremony",
                   "podcast", "broadcast", "op-ed", "column", "post", "tweet", "statement", "letter", "email", "video",
                   "article", "ad", "editorial", "visit"}


def _circumstance(dep) -> bool:
    """A dependent giving the time or the occasion of the statement ("last July", "on Sunday",
    "after polling members", "in a speech"), which is not part of what was said."""
    if dep.dep_ == "prep":
        obj = _prep_object(dep)
        return dep.lower_ in _TIME_PREPS or (obj is not None and (obj.ent_type_ in {"DATE", "TIME"} or (
            dep.lower_ in {"at", "on", "in"} and obj.lemma_.lower() in _OCCASION_NOUNS)))
    return dep.dep_ in {"npadvmod", "advmod"} and dep.ent_type_ in {"DATE", "TIME"}


def _asks(verb, clause) -> bool:
    """An "if"/"whether" clause of a verb of asking is the question ("asked the students if they
    were always so serious"), wherever the parser attached it."""
    return verb.lemma_.lower() in _ASKING_VERBS and any(
        m.dep_ == "mark" and m.lower_ in {"if", "whether"} for m in clause.children)


def _for_to(clause) -> bool:
    """A "for X to do Y" clause, as the parser attaches it to "called for rivals to drop out"."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _before_aside(head, end: int) -> int:
    """``end`` moved before an aside that closes a phrase: "praised Mr. Bush, whom he attacked
    viciously", "hoped for better jobs, a common immigrant sentiment" (a relative clause or an
    apposition after a comma describes the object; it is not part of what was said)."""
    doc = head.doc
    for t in head.subtree:
        if t.dep_ in {"relcl", "appos"} and t.left_edge.i > head.i and doc[t.left_edge.i - 1].text == "," \
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
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in _SPEECH_VERBS or _own_subject(verb) is None:
        return None
    doc = verb.doc
    rel = next((c for c in verb.lefts if c.lower_ in {"which", "that", "who"}), None)
    if rel is None or rel.i + 1 >= len(doc) or doc[rel.i + 1].text != ",":
        return None
    close = verb.right_edge.i if doc[verb.right_edge.i].text == "," else verb.right_edge.i + 1
    sent_end = verb.sent.end
    while sent_end > close + 1 and doc[sent_end - 1].is_punct and doc[sent_end - 1].text not in {")", "”", "’"}:
        sent_end -= 1
    if close >= sent_end - 1 or doc[close].text != "," \
            or not any(t.pos_ in {"VERB", "AUX"} for t in doc[close + 1:sent_end]):
        return None
    noun = verb.head  # up from the antecedent over "with"/"of" to the whole noun phrase
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head.head
    return [_span_chars(doc, noun.left_edge.i, rel.i + 1), _span_chars(doc, close + 1, sent_end)]


def _fronted_after_comma(cue, clause, first: int) -> int:
    """Where a reported clause starts when the cue is an "as" aside and the parser hung the
    clause's fronted phrase on it: in "as the minister told Reuters, out of 5,000 delegates who
    came, most are from abroad" what follows the aside's comma is what was said.
    (After a plain cue such a phrase is the saying's own: "said, for example, that ...".)"""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.lefts) or _has_that(clause):
        return first
    comma = next((c for c in cue.rights if c.dep_ == "punct" and c.text == "," and c.i < clause.left_edge.i), None)
    if comma is None:
        return first
    fronted = [c for c in cue.rights if comma.i < c.i < clause.left_edge.i and c.dep_ == "prep" and not _circumstance(c)]
    return fronted[0].left_edge.i if fronted else first


def _stranded_complements(tok) -> list:
    """A that-clause the parser hung on a noun of the cue's own phrase: "said during a news
    conference that he may wait" (a relative clause never has 'that' as its *mark*)."""
    found = []
    for prep in tok.rights:
        if prep.dep_ != "prep":
            continue
        for t in prep.subtree:
            if t.dep_ in {"relcl", "acl"} and _has_that(t):
                found.append(t)
                break
    return found[:1]


def _prep_object(prep):
    """What a preposition governs ("called for *sanctions*", "by *saying* ..."), or None."""
    return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)


def _reported(content, quotations: list[QuoteSpan], cue: tuple[int, int], cue_text: str):
    """A reported statement and the quotation spans it contains: *mixed* if it holds one, else *indirect*.

    ``content`` is one (start, end) span or a list of fragments.
    """
    parts = content if isinstance(content, list) else [content]
    inside = [q for q in quotations if any(s - 1 <= q.start < e for s, e in parts)]
    return Quote("mixed" if inside else "indirect", parts, cue, cue_text), inside


def _nominal_quote(noun, qspans, text):
    """A statement named by a noun with its owner: "Trump's call for a ban", "her claim that ...".

    Returns the quote and the possessor token (its speaker), or None.
    """
    doc = noun.doc
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "criticism of the plan from Moscow", "a warning by the central bank that ..."
        owner = next((o for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"from", "by"}
                      for o in c.children if o.dep_ == "pobj"), None)
    if owner is None or not (_can_speak(owner) or owner.pos_ in {"PROPN", "PRON"}):
        return None
    parts = [c for c in noun.rights if c.dep_ in {"acl", "ccomp", "relcl"} and any(
        m.dep_ in {"mark", "aux"} and m.lower_ in {"that", "to"} for m in c.children)
        or (c.dep_ == "prep" and c.lower_ in {"for", "of", "on", "against", "to"})]
    if not parts:
        return None
    c_start, c_end = _span_chars(doc, parts[0].left_edge.i, parts[0].right_edge.i + 1)
    if parts[0].dep_ == "prep":  # the object of "call for", not the preposition
        obj = _prep_object(parts[0])
        if obj is None:
            return None
        end = obj.right_edge.i + 1
        if parts[0].lower_ == "for" and end + 1 < len(doc) and doc[end].lower_ == "to" \
                and doc[end].head.i == end + 1 and doc[end + 1].pos_ == "VERB":
            end = doc[end + 1].right_edge.i + 1  # "calls for Silicon Valley [to roll back encryption]"
        c_start, c_end = _span_chars(doc, obj.left_edge.i, end)
    if c_end - c_start < 3:
        return None
    quote, _ = _reported((c_start, c_end), qspans, (noun.idx, noun.idx + len(noun.text)), noun.text)
    return quote, _clause_subject_for(owner)


def _clause_subject_for(possessive):
    """A possessive pronoun's speaker as attribution corpora mark it: the active subject of the
    clause it stands in ("De Blasio repeated *his* claim that ..." -> De Blasio), else itself."""
    if possessive.lower_ not in {"his", "her", "its", "their"}:
        return possessive
    governor = _governing_verb(possessive)
    subj = _subject(governor) if governor is not None else None
    if subj is None or subj.dep_ != "nsubj" or subj.i > possessive.i or not _can_speak(subj):
        return possessive
    return subj


def _continuation(group: list[QuoteSpan], cue, direct: list[QuoteSpan], text: str) -> list[QuoteSpan]:
    """The second half of a split quote: '"A," Pant said, "B."' -> B (nothing but the cue and a comma
    between, or a full stop after a first half that broke off at a comma; same paragraph)."""
    subj = _subject(cue)
    tail = cue.idx + len(cue.text)
    if subj is not None:
        tail = max(tail, subj.right_edge.idx + len(subj.right_edge.text))
    later = [q for q in direct if q.start >= tail and q not in group]
    if later and group and group[-1].end <= cue.idx:
        nxt = min(later, key=lambda q: q.start)
        between = text[tail:nxt.start]
        # '"A," he said, "B."' is one split quote, and so is '"A," he said. "B."' when A breaks off at a
        # comma; '"A!" he said. "B."' is two statements (B follows on)
        interrupted = text[group[-1].start:group[-1].end].rstrip(_CLOSE_MARKS + _AMBIGUOUS_MARKS + "’' ").endswith(",")
        # ('"A," he said of the voters, "B."' too: a phrase of the cue's own, with no other cue, between)
        aside = interrupted and re.fullmatch(r"[^\n.!?\"“”]{1,120},[^\S\n]*", between) and not any(
            _is_cue_verb(t) for t in cue.doc.char_span(tail, nxt.start, alignment_mode="contract") or [])
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
    if text[lead.start:lead.end].rstrip(_CLOSE_MARKS + _AMBIGUOUS_MARKS + "’' ").endswith(",") \
            and _starts_paragraph_or_sentence(lead, text):
        return [lead]
    return []


def _between_quotations(cue, direct: list[QuoteSpan], text: str) -> bool:
    """The cue interrupts a quotation: one closes right before its phrase, another opens right after.

    ('"The railway," Lavrov said, "will open in 2027."' is a split direct quote, not a
    parenthetical cue inside a reported statement.)
    """
    phrase = [cue] + [t for c in cue.children if c.dep_ in _SUBJ_DEPS for t in c.subtree]  # "Lavrov said"
    start, end = min(t.idx for t in phrase), max(t.idx + len(t.text) for t in phrase)
    return any(q.end <= start and not text[q.end:start].strip(" ,") for q in direct) \
        and any(q.start >= end and not text[end:q.start].strip(" ,") for q in direct)


def _tokens_after(q: QuoteSpan, doc, chars: int):
    """The whole tokens in the ``chars`` characters after a quotation (None if there are none)."""
    return doc.char_span(q.end, min(doc[-1].idx + len(doc[-1]), q.end + chars), alignment_mode="contract")


def _manner_cue(q: QuoteSpan, doc, text: str):
    """A verb of any kind that attributes the quotation just before it: '"Go back," Trump barked',
    '"…," fumed Toomey'. The quotation breaks off at a comma, question or exclamation mark; the
    next words are a speaker and a finite verb (either order) with nothing after the verb that
    could be its own content. Returns (verb, subject) or None."""
    if not q.closed or text[q.start:q.end].rstrip(_CLOSE_MARKS + _AMBIGUOUS_MARKS + "’' ")[-1:] not in {",", "?", "!"}:
        return None
    if _is_title(text[q.start:q.end]):
        return None  # '"Planet of the Apes," ...' names a work
    after = _tokens_after(q, doc, 60)
    verb = next((t for t in after or [] if t.pos_ == "VERB"), None)
    finite = verb is not None and (verb.tag_ in {"VBD", "VBZ", "VBP"} or verb.tag_ == "VBN" and verb.dep_ == "ROOT"
                                   and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children))
    # (a verb of telling has the one addressed as its object: '"…," Ramos told AFP')
    objects = {"ccomp", "xcomp", "attr", "acomp"}
    if verb is None or verb.lemma_.lower() not in _ADDRESSEE_VERBS:
        objects.add("dobj")
    if verb is None or "\n" in text[q.end:verb.idx] or not finite \
            or any(c.dep_ in objects for c in verb.rights):
        return None
    # (a name right before the verb that the parser made a compound of it is its subject, and so
    # is a name right after the quotation that the parser hung elsewhere: '"…," Ramos, 58, told')
    subj = next((c for c in verb.children if c.dep_ == "nsubj"
                 or c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == verb.i - 1), None)
    if subj is None:
        name = next((t for t in after if not t.is_punct and not t.is_space), None)
        if name is not None and name.pos_ == "PROPN" and name.i < verb.i and name.right_edge.i < verb.i \
                and not text[doc[name.right_edge.i].idx + len(doc[name.right_edge.i]):verb.idx].strip(" ,"):
            subj = name
    if subj is None or not _can_speak(subj):
        return None
    first, last = min(subj.left_edge.i, verb.i), max(subj.right_edge.i, verb.i)
    if text[q.end:doc[first].idx].strip(" ,") or (subj.i < verb.i and text[
            doc[subj.right_edge.i].idx + len(doc[subj.right_edge.i]):verb.idx].strip(" ,")):
        return None
    return (verb, subj) if last - first <= 12 else None


def _colon_cue_before(q: QuoteSpan, doc, text: str):
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
    if not (_is_cue_verb(verb) or "\n" not in text[len(before):q.start] and verb.pos_ == "VERB"):
        return None
    subj = _subject(verb)
    return (verb, subj) if subj is not None and _can_speak(subj) else None


def _verb_right_before(q: QuoteSpan, doc, text: str):
    """A verb of any kind right before a quoted sentence, with at most a colon or comma between:
    'a man yelled “Stay there!”', 'he leaned in and boomed: “Let's finish it.”'. The quotation
    is capitalised and closed by . ! or ?, or, after the colon or comma, four words or more.
    A participle counts only if it is a cue. Returns (verb, subject) or None."""
    s, e = _inner(q, text)
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
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} and not (verb.tag_ == "VBG" and _is_cue_verb(verb)):
        return None  # (a participle only if it is a cue: 'shared the news, writing "Feels great …"')
    subj = _subject(verb)
    return (verb, subj) if subj is not None and subj.i < verb.i and _can_speak(subj) else None


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
        if _is_cue_verb(tok):
            return True
    return False


def _opens_clause(clause) -> bool:
    """The clause has its own subject or a 'that'/'whether' marker (or stands as parataxis)."""
    return any(c.dep_ in _SUBJ_DEPS | {"csubj", "csubjpass", "mark", "expl"} for c in clause.children) \
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


def _according_quote(acc, obj, qspans, text):
    """'According to X, ...': the rest of the sentence is X's statement."""
    doc = acc.doc
    sent = acc.sent
    before = _span_chars(doc, sent.start, acc.left_edge.i)
    after = _span_chars(doc, acc.right_edge.i + 1, sent.end)
    if not doc[sent.start:acc.i].text.strip(" ,\"“”'‘’—–-"):
        # sentence-initial "According to X, role at Y, content": the content starts after the
        # comma that closes the source's apposition, whatever the parser attached to it
        commas = [t.i for t in doc[obj.i + 1:sent.end] if t.text == ","]
        has_appos = any(c.dep_ == "appos" for c in obj.children)
        cut = commas[1] if has_appos and len(commas) > 1 else (commas[0] if commas else None)
        if cut is not None:
            after = _span_chars(doc, cut + 1, sent.end)
    content = [s for s in (before, after) if s[1] - s[0] > 12]
    if not content:
        return None
    qtype = "mixed" if any(_overlaps(c, (q.start, q.end)) for c in content for q in qspans) else "indirect"
    phrase = (acc.idx, obj.idx + len(obj.text))
    return Quote(qtype, content, phrase, text[acc.idx:acc.idx + len("according to")] if acc.lower_ == "according"
                 else acc.text)


def _can_go_on(sp: Speaker) -> bool:
    """Whether a quotation that follows a statement can be that speaker's: one named, or one
    the article introduced without a name ("a spokesman said ...")."""
    return bool(sp.name) or bool(sp.mention) and sp.kind == "unnamed" and sp.mention.split()[0].lower() in {"a", "an"}


def _copy_speaker(sp: Speaker) -> Speaker:
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
        subj = _subject(cue)
        span = cue.doc.char_span(q.end, cue.idx, alignment_mode="contract")
        own = {t.i for t in subj.subtree} if subj is not None and _can_speak(subj) else set()
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
        words = text[q.start:q.end].strip(_OPEN_MARKS + _CLOSE_MARKS + _AMBIGUOUS_MARKS + "'` ")
        return bool(re.search(r"[,:]\s*$", text[cue.idx:q.start])) and words[:1].isupper() \
            and words[-1:] in {".", "!", "?"}
    if q.end > cue.idx or "\n" in text[q.end:cue.idx]:
        return False
    return text[q.start:q.end].rstrip(_CLOSE_MARKS + _AMBIGUOUS_MARKS + "'")[-1:] in {",", "?", "!"} \
        and _starts_paragraph_or_sentence(q, text)


#: A sentence opening with a conjunction right before a quotation: 'he said. But "…"'.
_CONJUNCTION_BEFORE = re.compile(r"(?:^|[.!?]['’”\"]*\s+)(?:But|And|Yet|Still|So)\s+$", re.M)


def _starts_paragraph_or_sentence(q: QuoteSpan, text: str) -> bool:
    before = text[max(0, q.start - 4):q.start]
    return q.start == 0 or "\n" in before[-3:] or bool(re.search(r"[.!?](?:''|['’”\"])?\s+$", before))
