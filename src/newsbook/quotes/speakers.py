"""Speakers: who is named in an article (:class:`PeopleIndex`), and who a mention is
(:func:`resolve_speaker`): full names, roles, institutions, kinds, defined abbreviations, role nouns."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from newsbook.places import capital_country, institution_country, place_mentions
from newsbook.quotes.lexicons import APPOS_DEPS, AUTHORED_WORKS, AUTHOR_NOUNS, EXPERT, FORMS_OF_ADDRESS, HONORIFICS, INSTITUTION_PREPS, INSTITUTION_WORDS, JOURNALIST, LEADERS, LEADER_ROLE, MEDIA, NOT_GIVEN_NAMES, OFFICE_HOLDERS, OFFICE_TITLES, OFFICIAL, PRONOUNS, QUANTIFIERS, ROLE_SYNONYMS, SPEAKER_NOUNS, SUBJ_DEPS, TITLE_WORDS, UNNAMED
from newsbook.quotes.records import JOINT, Speaker
from newsbook.quotes.syntax import agent_of, can_speak, entity_of, prep_object


def _name_span(head):
    """The proper-name part of a subject: its entity, or its compound/flat chain."""
    ent = entity_of(head)
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
                 and t.lower_ not in FORMS_OF_ADDRESS]  # "Mr. Tokayev": no role
        if words:
            return _clean_piece(doc[words[0].i:words[-1].i + 1].text)
    return ""


def _appos_role(head) -> tuple[str, str]:
    """Role and institution from an apposition: 'X, director of the Y at Z, said'."""
    doc = head.doc
    for child in head.rights:
        # (an apposition after a list the head governs describes the list's last item: "leaders of
        # China, Russia, ... and Belarus – the SCO's newest member –")
        if child.dep_ in APPOS_DEPS and not any(t.dep_ == "conj" and head.i < t.i < child.left_edge.i
                                                 for t in doc[head.i:child.left_edge.i])\
                and not (child.left_edge.i == child.right_edge.i and child.like_num):  # an age: "Ramos, 58,"
            sub = head.doc[child.left_edge.i:child.right_edge.i + 1]
            role = _clean_piece(sub.text)
            org = _institution(child)
            if not org and child.lemma_.lower() not in AUTHOR_NOUNS:  # (what an author "of" names is a work)
                orgs = [e.text for e in sub.ents if e.label_ in {"ORG", "FAC"}]
                if not orgs:
                    m = re.search(r"\b(?:at|of|for)\s+(the\s+)?([A-Z][\w’'.&-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w’'.&-]*))*)", role)
                    orgs = [m.group(2).strip()] if m else []
                org = orgs[-1] if orgs else ""
            return role, org
    return "", ""


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
        obj = prep_object(prep) if prep.dep_ == "prep" and prep.lower_ in INSTITUTION_PREPS\
            and prep.head.lemma_.lower() not in AUTHOR_NOUNS else None
        # (not a person, a date or a place: "adviser to Mr. Clinton", "governor of Minnesota"; the
        # recogniser's "Centre" tagged as a place is still an institution)
        if obj is not None and obj.pos_ == "PROPN" and obj.text[:1].isupper()\
                and (obj.ent_type_ not in {"PERSON", "DATE", "GPE", "LOC"} or obj.lower_ in INSTITUTION_WORDS):
            objects.append(obj)
    outer = [o for o in objects if not any(p is not o and o.i in {t.i for t in p.subtree} for p in objects)]
    if not outer:
        return ""
    obj = outer[-1]
    start, end = obj.left_edge.i, obj.right_edge.i + 1
    ent = entity_of(obj)
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


def speaker_kind(name: str, role: str, org: str, is_person: bool, ent_label: str) -> str:
    text = f"{role} {org}"
    if is_person:
        if JOURNALIST.search(role):
            return "journalist"
        if EXPERT.search(text) and not re.search(r"\b(minister|president|ambassador)\b", role, re.I):
            return "expert"
        if OFFICIAL.search(text):
            return "official"
        return "unknown"
    if MEDIA.search(name):
        return "media"
    if name.lower().split()[-1:] and name.lower().split()[-1] in OFFICE_HOLDERS:
        return "official"  # "Tokayev's spokesman", "the foreign minister": one person, unnamed
    if ent_label in {"ORG", "GPE", "NORP", "FAC"} or OFFICIAL.search(name):
        return "organisation"
    if re.fullmatch(r"(the )?[A-Z][A-Z&]{1,7}", name) and not place_mentions(name):
        return "organisation"  # an acronym the recogniser left untagged: "the CSTO", "NATO"
    if name.lower().split()[-1:] and name.lower().split()[-1] in UNNAMED:
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
                    and all(t.text[:1].isupper() and t.lower_ not in TITLE_WORDS for t in toks)):
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
        "the foreign minister"), or "". A word in :data:`ROLE_SYNONYMS` matches any of its
        forms ("premier": "Prime Minister"). With ``country`` (an ISO code, from "the Kazakh
        leader"), the last whose role or institution places them in that country ("Tokayev, the
        President of Kazakhstan"); a role that names no country ("President Tokayev") is not
        taken for any country's."""
        def has(role: str, word: str) -> bool:
            pattern = ROLE_SYNONYMS.get(word)
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
            return bool(LEADER_ROLE.search(role)) and institution_country(role, org) == country

        leaders = [(offset, name) for offset, name in self.mentions if leads(name)]
        before = [name for offset, name in leaders if offset <= at]
        return before[-1] if before else next((name for _, name in leaders), "")

    def names_someone(self, mention: str) -> bool:
        """The mention is (part of) the name of a person named anywhere in the document."""
        return bool(mention.strip()) and bool(self._longest_containing(mention.split(), len(self.text)))

    def _given_name_before(self, surname: str, at: int) -> str:
        """'Aigul Bekova' for 'Bekova' when the text names her so earlier, even inside an ORG entity."""
        if not surname[:1].isupper() or self.text is None:
            return ""
        pattern = re.compile(r"\b([A-Z][a-z]+)\s+" + re.escape(surname) + r"\b")
        for m in pattern.finditer(self.text, 0, max(at, 0)):
            given = m.group(1)
            if given.lower() not in TITLE_WORDS | NOT_GIVEN_NAMES:
                name = f"{given} {surname}"
                self.add(m.start(), name)
                return name
        return ""

    def _named_in_full(self) -> list[tuple[int, str, frozenset[str]]]:
        """The mentions of two or more words, with their words (kept until a mention is added)."""
        if getattr(self, "_full", (None, -1))[1] != len(self.mentions):
            self._full = ([(offset, name, frozenset(_name_parts(name))) for offset, name in self.mentions
                           if len(_name_parts(name)) >= 2], len(self.mentions))
        return self._full[0]

    def _longest_containing(self, tokens: list[str], at: int) -> str:
        words = {t.lower().rstrip(".") for t in tokens}
        best_before, best_any = "", ""
        for offset, name, parts in self._named_in_full():
            if words <= parts:
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
                    for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in {"state", "government"}), "")\
        if tok.lemma_.lower() == "head" else ""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not (tok.lemma_.lower() in OFFICE_HOLDERS or head_of):
        return ""
    mods = [c for c in tok.children if c.i < tok.i]
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in mods) or any(c.dep_ == "poss" for c in mods)\
            or any(c.dep_ in APPOS_DEPS for c in tok.children):
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


def _name_after_institution(ent):
    """(name, institution, role) when an ORG entity is an institution followed by a person's name
    that the entity recogniser ran into it: "a senior lecturer at Tashkent State University
    Dilnoza Karimova" (a word order common in translated news), else None.

    The name is two or three capitalised proper nouns after the institution's head noun, and the
    entity must be the object of "at"/"of" after a role noun, which gives the role.
    """
    heads = [t for t in ent if t.lower_ in INSTITUTION_WORDS]
    if not heads:
        return None
    head = heads[-1]
    name = ent.doc[head.i + 1:ent.end]
    if not 2 <= len(name) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha
                                            and t.lower_ not in TITLE_WORDS for t in name):
        return None
    prep = ent.root.head
    if ent.root.dep_ != "pobj" or prep.lower_ not in {"at", "of"} or prep.head.pos_ != "NOUN":
        return None
    return name, ent.doc[ent.start:head.i + 1], _role_at(prep.head, head)


def _role_at(noun, last) -> str:
    """A role noun with its modifiers, up to the last word of its institution ("senior lecturer at
    Kazakh National University")."""
    first = min((t.i for t in noun.lefts if t.dep_ in {"amod", "compound"}), default=noun.i)
    return _clean_piece(noun.doc[first:last.i + 1].text)


def _named_after_institution(tok):
    """(name, institution, role) for a role noun whose "at"/"of" object is a person named after
    their institution (:func:`_name_after_institution`), else None."""
    if tok.pos_ != "NOUN":
        return None
    for child in tok.children:
        obj = prep_object(child) if child.dep_ == "prep" and child.lower_ in {"at", "of"} else None
        ent = entity_of(obj) if obj is not None else None
        if ent is None or ent.root.i != obj.i:
            continue
        if ent.label_ == "ORG":
            found = _name_after_institution(ent)
            if found is not None:
                return found
        elif ent.label_ == "PERSON" and ent.start > 0:
            # the recogniser told them apart, the parser did not: "at [Kazakh National University]
            # [Aigul Bekova]", the institution a compound of the name
            before = entity_of(ent.doc[ent.start - 1])
            if before is not None and before.label_ == "ORG" and before.end == ent.start:
                return ent, before, _role_at(tok, before[-1])
    return None


def _leaders_of_antecedent(tok, people: PeopleIndex) -> list[str]:
    """The heads of the countries "their leaders" / "its leader" refers back to, or [].

    The antecedent is the last country, or for "their" the last countries joined by "and",
    named in this sentence or the one before ("France and Germany are close partners.
    According to their leaders, ..."); each must have a leader named in the article.
    """
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in {"their", "its"}), None)
    if poss is None or tok.lemma_.lower() not in LEADERS:
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
        hits = place_mentions(entity_of(t).text)
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
    return ent.label_ == "ORG" and ent.start > 0 and doc[ent.start - 1].lower_ in OFFICE_TITLES\
        and all(t.pos_ == "PROPN" or t.text in {"-", "‐"} for t in ent) and len(ent) >= 2\
        and not any(t.lower_ in INSTITUTION_WORDS for t in ent)


def _appositive_name(ent) -> bool:
    """A person's name that NER took for an organisation, in apposition to a person's role noun
    ("the head of the railway, *Talgat Aldybergenov*, told"): proper nouns only, two or more, no
    institution word, and the noun it describes a title or an office."""
    if ent is None or ent.label_ != "ORG" or len(ent) < 2:
        return False
    root = ent.root
    return root.dep_ in APPOS_DEPS and root.head.lemma_.lower() in (OFFICE_HOLDERS | TITLE_WORDS)\
        and all(t.pos_ == "PROPN" or t.text in {"-", "‐"} for t in ent)\
        and not any(t.lower_ in INSTITUTION_WORDS for t in ent) and not MEDIA.search(ent.text)


def _is_subject_phrase(tok) -> bool:
    """``tok`` heads a clause's subject, or an apposition or name inside one."""
    while tok.dep_ in {"compound", "appos", "flat"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in SUBJ_DEPS


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, ...]:
    """The lower-cased words of a name, without abbreviation dots ('V.' -> 'v')."""
    return tuple(p.lower().rstrip(".") for p in name.split())


def _strip_honorific(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def author_of(tok):
    """The author of a work that speaks as its author's: "a study [conducted by X]", "a report
    [from X]", "a survey [by X]" (:data:`AUTHORED_WORKS`); None for anything else."""
    if tok.pos_ != "NOUN" or tok.ent_type_ or tok.lemma_.lower() not in AUTHORED_WORKS:
        return None
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            inner = prep_object(child)
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "conducted by", "published by"
            inner = agent_of(child)
        else:
            continue
        if inner is not None and (can_speak(inner) or _named_after_institution(inner) is not None):
            return inner
    return None


def resolve_speaker(tok, people: PeopleIndex, quote_spans: list[tuple[int, int]]) -> Speaker:
    """Speaker record for a subject (or 'according to' object) token."""
    doc = tok.doc
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        sp = Speaker(mention=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
        if tok.lower_ in {"he", "she", "his", "her"}:
            sp.name = people.nearest_person(tok.idx, exclude=quote_spans)
        if sp.name:
            sp.role, sp.org = people.roles.get(sp.name, ("", ""))
            sp.kind = speaker_kind(sp.name, sp.role, sp.org, True, "PERSON")
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
                       kind=speaker_kind(holder, role, org, True, "PERSON"))
    named = next((c for c in tok.children if c.dep_ in APPOS_DEPS
                  and (c.ent_type_ == "PERSON" or c.ent_type_ == "ORG" and _appositive_name(entity_of(c)))), None)
    if (tok.pos_ == "NOUN" or tok.lower_ in TITLE_WORDS) and not tok.ent_type_ and named is not None:
        # "her senior policy adviser, Jake Sullivan": the person in apposition, the noun their role
        # (also a title the parser made the head: "Prime Minister Modi" -> Minister, appos Modi)
        sp = resolve_speaker(named, people, quote_spans)
        span = doc[tok.left_edge.i:max(named.right_edge.i, tok.i) + 1]
        sp.mention, sp.start, sp.end = _clean_piece(span.text), span.start_char, span.end_char
        if not sp.role:
            words = [t for t in doc[tok.left_edge.i:tok.i + 1] if t.dep_ not in {"det", "poss", "case"}]
            sp.role = " ".join(t.text for t in words)
            sp.kind = speaker_kind(sp.name, sp.role, sp.org, True, "PERSON")
        return sp
    split = _named_after_institution(tok)
    if split is not None:  # "a senior lecturer at Kazakh National University Aigul Bekova"
        name_span, institution, role = split
        name = " ".join(t.text for t in name_span)
        org = _clean_piece(institution.text)  # (the role stated here, not one the name has elsewhere)
        span = doc[tok.left_edge.i:name_span.end]
        return Speaker(mention=_clean_piece(span.text), start=span.start_char, end=span.end_char, name=name,
                       role=role, org=org, kind=speaker_kind(name, role, org, True, "PERSON"))
    author = author_of(tok)
    if author is not None:  # "a survey conducted by ... Aigul Bekova found": the survey speaks for her
        sp = resolve_speaker(author, people, quote_spans)
        start = doc[tok.left_edge.i].idx
        return Speaker(mention=_clean_piece(doc[tok.left_edge.i:tok.i + 1].text), start=start,
                       end=tok.idx + len(tok.text), name=sp.name, role=sp.role, org=sp.org, kind=sp.kind)
    name_span = _name_span(tok)
    ent = entity_of(tok)
    label = ent.label_ if ent is not None else ""
    if ent is not None and (_titled_name(ent) or _appositive_name(ent)):
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
        and not any(t.lower_ in UNNAMED for t in name_span)
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
        if tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTIFIERS:
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
                and tok.lemma_.lower() not in SPEAKER_NOUNS)
    # "its leader", "their spokesman" that named no one above: a role, but no name to list
    pronoun_owned = tok.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in tok.children)
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
        if not (MEDIA.search(name) and name.startswith("The ")):  # "The Astana Times" keeps its article
            name = _clean_piece(re.sub(r"^(the|a|an)\s+", "", name, flags=re.I))
        full = people.abbreviations.get(name)
        if full:  # "EDB said" after "the Eurasian Development Bank (EDB)"
            name = full
        if label == "GPE" and tok.pos_ == "PROPN" and not MEDIA.search(name):  # "Kazakhstan announced";
            # "Beijing denied" is China's (but "Xinhua", taken for a place, is an agency)
            name = f"Government of {capital_country(name) or name}"
        if not label and tok.lower_ in UNNAMED:
            name = ""
        if not org and label in {"ORG", "GPE", "FAC"}:
            org = full or _clean_piece(name_span.text)
    sp = Speaker(mention=mention, start=mention_span.start_char, end=mention_span.end_char,
                 name=name, role=role, org=org)
    sp.kind = speaker_kind(name or mention, role, org, is_person, label)
    if not name and (tok.lower_ in UNNAMED or group):
        sp.kind = "unnamed"
    return sp
