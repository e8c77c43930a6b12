"""The word lists and patterns the rules read, in one place.

The lists themselves are data: ``data/lexicons.toml`` (cue words, speaker nouns, role words, kinds'
patterns) and ``data/reporting_verbs.txt`` (the reporting-verb lemmas), each with a provenance header.
This module loads them once and names them; dependency labels and quotation marks, which describe
the parser's scheme and typography rather than English words, stay here as code.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

_DATA = resources.files("newsbook.quotes").joinpath("data")
LEXICONS: dict = tomllib.loads(_DATA.joinpath("lexicons.toml").read_text("utf-8"))


def _words(name: str) -> frozenset[str]:
    return frozenset(LEXICONS[name])


def _pattern(name: str) -> re.Pattern:
    entry = LEXICONS[name]
    return re.compile(entry["pattern"], re.I if "I" in entry.get("flags", "") else 0)


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas that can cue a quotation (``data/reporting_verbs.txt``)."""
    text = _DATA.joinpath("reporting_verbs.txt").read_text("utf-8")
    return frozenset(line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip())


SUBJ_DEPS = {"nsubj", "nsubjpass"}
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
APPOS_DEPS = {"appos"}
PRONOUNS = _words("pronouns")
HONORIFICS = _words("honorifics")
#: Honorifics that say nothing of a role ("Dr." and "Prof." do).
FORMS_OF_ADDRESS = _words("forms_of_address")
OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
AMBIGUOUS_MARKS = '"'
OPEN_CONTEXT = set(" \t\n([{—–-/:")
EXPERT = _pattern("expert")
OFFICIAL = _pattern("official")
JOURNALIST = _pattern("journalist")
#: Nouns of an interview or a briefing given to an outlet ("in an interview with Xinhua": Xinhua is the channel).
INTERVIEW_NOUNS = _words("interview_nouns")
#: Named outlets of the region's press, case as written ("Trend", "24.kg").
OUTLETS = _pattern("outlets")
#: An outlet's name: the media words (any case) or a named outlet.
MEDIA = re.compile(f"(?i:{LEXICONS['media']['pattern']})|{OUTLETS.pattern}")
SPEAKER_NOUNS = _words("speaker_nouns")
#: Speaker nouns that are things someone issues: "released a statement saying ..." is the issuer's.
DOCUMENTS = _words("documents")
AUTHORED_WORKS = _words("authored_works")
#: Verbs of speech proper: only they can be a parenthetical cue ("This campaign, he says, is different")
#: or report a statement in the passive with nobody named ("it was announced that ...").
SPEECH_VERBS = _words("speech_verbs")
#: Verbs of judging someone: in the passive with nobody named ("the ministry was criticized for the
#: delays") a judgement attribution corpora count, unlike "was invited to attend".
JUDGING_VERBS = _words("judging_verbs")
#: Verbs whose object or infinitive is the attributed content ("called for X", "vowed to ..."); "hop"
#: because en_core_web_sm lemmatises "hopes" so.
OBJECT_VERBS = _words("object_verbs")
#: Nouns that name a statement or a stance; with a possessor ("Lavrov's claim that ...") they cue one.
NOMINAL_CUES = _words("nominal_cues")
#: Dependents of a verb that start something other than its content.
CLAUSE_END_DEPS = {"punct", "cc", "conj", "advcl", "mark", "parataxis", "dep", "relcl"}
#: Prepositions whose object is what any cue is about: "joked about", "spoke against" (on 150 PolNeAR
#: training articles "of", "on", "over" and "for" after a cue outside _OBJECT_VERBS mark the content less
#: than half the time: "spoke on Tuesday", "asked for time").
TOPIC_PREPS = _words("topic_preps")
#: Verbs of talking, whose topic comes only after "about" or "of".
TALK_VERBS = _words("talk_verbs")
#: Verbs whose content follows "to": "responded to the accusations", "referred to the deal".
TO_VERBS = _words("to_verbs")
#: Verbs whose content follows "with": "agreed with the analysis", "sided with Moscow".
WITH_VERBS = _words("with_verbs")
#: Verbs that tell someone to do something: the object and the infinitive are the content.
DIRECTIVE_VERBS = _words("directive_verbs")
#: Verbs whose subject belongs to what they report ("Trump appears to be gaining", "the pact is expected
#: to be signed"): the statement is the subject plus the infinitive, nobody named.
RAISING_VERBS = _words("raising_verbs")
RAISING_PASSIVES = _words("raising_passives")
#: Nouns that hold a proposition stated with "is that ...": "his answer was that ...".
PROPOSITION_NOUNS = _words("proposition_nouns")
#: Adjectives of a stance towards a proposition or a thing: "was confident that", "is wary of".
ATTITUDE_ADJECTIVES = _words("attitude_adjectives")
#: "X has been a critic of Y": nouns for someone's stance towards what follows "of".
STANCE_NOUNS = _words("stance_nouns")
#: Light verbs that state a stance through their object: "took issue with", "made the case for".
LIGHT_VERBS = _words("light_verbs")
STANCE_OBJECTS = _words("stance_objects")
STANCE_PREPS = _words("stance_preps")
#: Verbs of judging, passive with "as": "Beijing is seen as the leader", "is regarded as a reformer".
AS_VERBS = _words("as_verbs")
#: "In a CNN poll, ...", "in his view, ...": what a sentence reports "in".
CHANNEL_NOUNS = _words("channel_nouns")
#: Verbs of asking: an if/whether clause is their content.
ASKING_VERBS = _words("asking_verbs")
RAISING_LEMMAS = RAISING_VERBS | RAISING_PASSIVES | AS_VERBS
#: "Kerry: ..." at the start of a paragraph: a short capitalised speaker, a colon, the content.
COLON_ATTRIBUTION = re.compile(
    r"(?m)^(?P<who>[A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*| of| the){0,5})(?P<colon>:)[ \t]+(?P<what>\S[^\n]{10,})$")
#: Capitalised words before a surname that are not given names.
NOT_GIVEN_NAMES = _words("not_given_names")
TITLE_WORDS = _words("title_words")
UNNAMED = _words("unnamed")
#: Heads of subjects that are a share of a group ("a majority of voters", "most of them").
QUANTIFIERS = _words("quantifiers")
#: Prepositions that attach a role to the institution it is held at ("director of Y", "fellow at Z").
INSTITUTION_PREPS = _words("institution_preps")
#: Roles whose "of" names a work, not an institution ("author of Destiny and Power").
AUTHOR_NOUNS = _words("author_nouns")
#: Nouns for one person holding an office: without a name they are still an official, not an organisation.
OFFICE_HOLDERS = _words("office_holders")
#: What "leader" stands for in "the Russian leader": whoever heads a state or a government.
LEADERS = tuple(LEXICONS["leaders"])
LEADER_ROLE = re.compile(r"\b(?:" + "|".join(LEADERS) + r")\b", re.I)
#: Role words that other words name too: "the premier" is the person named "Prime Minister", "the head of
#: state" the president (or monarch), "the head of government" the prime minister.
ROLE_SYNONYMS = {k: re.compile(p, re.I) for k, p in LEXICONS["role_synonyms"].items()}
#: Words that make a capitalised phrase an institution, not a person's name; they end its name ("Tashkent
#: State University", "the Brookings China Center").
INSTITUTION_WORDS = _words("institution_words")
#: Titles of an office (an honorific alone does not make a phrase a person's name).
OFFICE_TITLES = TITLE_WORDS - HONORIFICS
#: Verbs with which an outlet relays someone else's statement ("..., Trend reports").
RELAYING_VERBS = _words("relaying_verbs")
#: Pronouns that stand for people: "among those describing themselves as conservative" are the ones
#: describing, as "a group backing Huckabee" is the one backing.
PEOPLE_PRONOUNS = _words("people_pronouns")
#: Verbs whose object is the one addressed ("told Reuters"), never an inverted speaker.
ADDRESSEE_VERBS = DIRECTIVE_VERBS | _words("addressee_verbs_own")
#: Phrasal stances and the prepositions that carry their content: "came out against the deal", "went after
#: Clinton's record".
PHRASAL_PREPS = {k: set(v) for k, v in LEXICONS["phrasal_preps"].items()}
#: Endings of nouns for people by what they do: strategist, analyst, politician, historian.
AGENT_SUFFIXES = tuple(LEXICONS["agent_suffixes"])
#: Words that stand for a whole answer or proposition after a verb of saying or thinking.
PROPOSITION_PROFORMS = _words("proposition_proforms")
#: Verbs after which "so" stands for a proposition ("I think so", "he said so").
PROFORM_VERBS = SPEECH_VERBS | _words("proform_verbs_own")
#: Prepositions that set a statement in time, not part of what is said.
TIME_PREPS = _words("time_preps")
#: Occasions a statement is made at ("on his radio show", "at the start of his remarks").
OCCASION_NOUNS = _words("occasion_nouns")
