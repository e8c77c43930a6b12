"""Share and rank claims ("China is Kazakhstan's largest trading partner", "accounts for
a quarter of Kyrgyzstan's imports") extracted into a typed record and checked.

A claim has a *subject* (the party that holds the rank or the share), an *owner*
(whose trade, exports, imports or investment it is a rank or share of), a measure
(``trade``, ``exports``, ``imports``, ``investment``), the rank (1 = largest) or the
share (a fraction, with the qualifier that bounds it: "more than" -> over, "nearly"
-> under, "about"/"a quarter" -> about) and the year (``figures.year_of``).

The check uses the owner's own statistics by partner in the reference tables
(``national_statistics.csv``: exports, imports and their totals, and ``World``, the
owner's total with all partners):

* rank: the subject's place among the single countries the owner's table lists
  (the EU, a bloc, is reported beside it, not ranked among countries; the table lists
  the main partners, not every country, so a rank is "among the partners listed");
* share: the subject's figure over the owner's total with the world, against the
  claimed share with the tolerance of ``claims.TOLERANCE`` for its qualifier
  (exact and "about": ±5 % of the claimed share, relative).

A mirror check (the partners' own statistics) would need every partner's figure for
the owner; the reference tables do not hold that, so only the owner's side is used
and the record says so. A claim is ``not checkable`` with its reason when the owner
or the subject is not named, the measure is investment (no investment statistics),
or the owner's table has no row for that year and flow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from newsbook.claims import REFERENCE_NAMES, TOLERANCE
from newsbook.figures import COMPARISON_VERBS, year_of
from newsbook.places import place_mentions

ORDINALS = {"largest": 1, "biggest": 1, "top": 1, "leading": 1, "main": 1, "first": 1, "number one": 1,
            "second": 2, "third": 3, "fourth": 4, "fifth": 5}
FRACTIONS = {"half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two-thirds": 2 / 3,
             "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "three-quarters": 0.75,
             "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2, "a tenth": 0.1}
_ORD = (r"(?P<ord>number one|largest|biggest|top|leading|main|first|second|third|fourth|fifth)"
        r"(?:[- ](?:largest|biggest))?")
_MEASURE_WORD = r"(?P<what>trading|trade|export|import|investment|economic|commercial)?"
RANK = re.compile(r"\b(?:the\s+)?" + _ORD + r"\s+(?:" + _MEASURE_WORD + r"\s+)?partners?\b", re.I)
_SHARE_NUM = (r"(?P<approx>more than|over|almost|nearly|about|around|some|roughly|less than|under|just over|"
              r"just under)?\s*(?:(?P<num>\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)|(?P<frac>"
              + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r"))")
SHARE = re.compile(
    r"\b" + _SHARE_NUM + r"\s+of\s+(?P<whose>(?:[\w’'.-]+\s+){0,4}?)"
    r"(?:foreign\s+|total\s+|overall\s+|external\s+)?(?P<measure>trade|turnover|exports|imports|investment|fdi)\b",
    re.I)
_APPROX = {"more than": "over", "over": "over", "just over": "over", "almost": "under", "nearly": "under",
           "less than": "under", "under": "under", "just under": "under", "about": "about", "around": "about",
           "some": "about", "roughly": "about"}
_COMPARED = re.compile(r"\b(?:" + "|".join(sorted(COMPARISON_VERBS)) + r")\w*\s+(?:the\s+)?$", re.I)
_MEASURES = {"trading": "trade", "trade": "trade", "turnover": "trade", "economic": "trade", "commercial": "trade",
             "export": "exports", "exports": "exports", "import": "imports", "imports": "imports",
             "investment": "investment", "fdi": "investment"}
VERDICTS = ["consistent", "inconsistent", "not checkable"]


@dataclass(frozen=True)
class ShareClaim:
    """One share or rank claim of a sentence (offsets are in the sentence)."""

    text: str
    start: int
    end: int
    kind: str                 # "rank" or "share"
    subject: str | None       # party code of the one that holds the rank or share
    owner: str | None         # party code of whose trade it is
    measure: str              # trade, exports, imports or investment
    rank: int | None
    share: float | None       # a fraction (0.25 for "a quarter")
    approx: str               # exact, about, over, under
    year: int | None


def find_share_claims(sentence: str, published: date | None = None) -> list[ShareClaim]:
    """The rank and share claims of one sentence, in order."""
    places = place_mentions(sentence)
    out = []
    for m in RANK.finditer(sentence):
        ordinal = m.group("ord").lower()
        owner = _possessive_before(sentence, places, m.start()) or _partner_of(sentence, places, m.end())
        subject = _subject(sentence, places, m.start(), owner)
        out.append(ShareClaim(m.group(), m.start(), m.end(), "rank", subject, owner,
                              _MEASURES.get((m.group("what") or "trade").lower(), "trade"), ORDINALS[ordinal], None,
                              "exact", year_of(sentence, m.start(), published)))
    for m in SHARE.finditer(sentence):
        share = float(m.group("num")) / 100 if m.group("num") else FRACTIONS[m.group("frac").lower()]
        approx = _APPROX.get((m.group("approx") or "").lower(), "about" if m.group("frac") else "exact")
        whose_start = m.start("whose")
        owner = next((code for s, e, code in places if whose_start <= s < m.end()), None)
        owner = owner or next((code for s, e, code in places if m.end() <= s <= m.end() + 25), None)
        subject = _share_subject(sentence, places, m, owner)
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        out.append(ShareClaim(m.group().strip(), start, m.end(), "share", subject, owner,
                              _MEASURES[m.group("measure").lower()], None, share, approx,
                              year_of(sentence, m.start(), published)))
    return sorted(out, key=lambda c: c.start)


def _possessive_before(sentence, places, pos):
    """A place in the possessive just before ``pos`` ("Kazakhstan's largest ...")."""
    for s, e, code in reversed(places):
        if e <= pos and re.fullmatch(r"\s*(?:['’]s?)\s*", sentence[e:pos]):
            return code
        if e <= pos:
            return None
    return None


def _partner_of(sentence, places, pos):
    """The place after "partner of/for/to" at ``pos``."""
    m = re.match(r"\s*(?:of|for|to)\s+", sentence[pos:], re.I)
    if not m:
        return None
    return next((code for s, e, code in places if s == pos + m.end()), None)


def _subject(sentence, places, pos, owner):
    """The first place before ``pos`` that is neither the owner nor the object of a comparison."""
    for s, e, code in places:
        if s >= pos:
            break
        if code == owner or _COMPARED.search(sentence[max(0, s - 25):s]):
            continue
        return code
    return None


def _share_subject(sentence, places, m, owner):
    """Who holds the share: a place after "comes from"/"from", else the first place before it."""
    after = re.match(r"[^.;]*?\b(?:comes?|came|coming)\s+from\s+", sentence[m.end():], re.I)
    if after:
        at = m.end() + after.end()
        found = next((code for s, e, code in places if s == at or (at <= s <= at + 5)), None)
        if found:
            return found
    return _subject(sentence, places, m.start(), owner)


def check_share_claim(claim: ShareClaim, ref: pd.DataFrame) -> dict:
    """Verdict, the computed rank or share and the numbers behind it, or the reason it is not checkable."""
    row = {"text": claim.text, "kind": claim.kind, "subject": claim.subject, "owner": claim.owner,
           "measure": claim.measure, "year": claim.year, "claimed": claim.rank if claim.kind == "rank" else claim.share,
           "approx": claim.approx, "computed": None, "subject_value": None, "total_value": None, "source": "",
           "ranking": ""}
    if claim.measure == "investment":
        return {**row, "verdict": "not checkable", "reason": "no investment statistics in the reference tables"}
    if claim.owner is None:
        return {**row, "verdict": "not checkable", "reason": "whose trade it is is not named in the sentence"}
    if claim.subject is None:
        return {**row, "verdict": "not checkable", "reason": "who holds the rank or share is not named"}
    owner, subject = REFERENCE_NAMES.get(claim.owner), REFERENCE_NAMES.get(claim.subject)
    if owner is None or subject is None:
        return {**row, "verdict": "not checkable", "reason": "a party the reference tables do not cover"}
    if claim.year is None:
        return {**row, "verdict": "not checkable", "reason": "no year"}
    flow = "total" if claim.measure == "trade" else claim.measure
    own = ref[(ref.reporter == owner) & (ref.year == claim.year) & (ref.flow == flow)
              & ref.is_national_statistics & ref.value_usd_millions.notna()]
    if own.empty:
        return {**row, "verdict": "not checkable",
                "reason": f"no {flow} by partner in {owner}'s own statistics for {claim.year}"}
    values = own.groupby("partner").value_usd_millions.median()
    source = "; ".join(dict.fromkeys(own.source_name))
    if subject not in values:
        return {**row, "verdict": "not checkable", "source": source,
                "reason": f"{owner}'s statistics for {claim.year} list no {flow} with {subject}"}
    countries = values.drop(labels=[p for p in ("World", "European Union") if p in values]).sort_values(ascending=False)
    if claim.kind == "rank":
        if subject == "European Union":
            ranked = values.drop(labels=[p for p in ("World", "Germany") if p in values]).sort_values(ascending=False)
        else:
            ranked = countries
        computed = int(list(ranked.index).index(subject)) + 1
        ranking = ", ".join(f"{p} {v:,.0f} m" for p, v in ranked.head(5).items())
        if "European Union" in values and subject != "European Union":
            ranking += f" (the EU as a bloc: {values['European Union']:,.0f} m)"
        verdict = "consistent" if computed == claim.rank else "inconsistent"
        return {**row, "verdict": verdict, "computed": computed, "subject_value": float(values[subject]),
                "source": source, "ranking": ranking,
                "reason": f"{subject} ranks {computed} among the single countries {owner}'s statistics list "
                          f"for {claim.year} ({flow}, US$ millions; the partner's side holds no ranking)"}
    if "World" not in values:
        return {**row, "verdict": "not checkable", "source": source,
                "reason": f"{owner}'s statistics for {claim.year} give no total with the world"}
    computed = float(values[subject] / values["World"])
    low, high = TOLERANCE.get(claim.approx, TOLERANCE["exact"])
    verdict = "consistent" if low <= computed / claim.share - 1 <= high else "inconsistent"
    return {**row, "verdict": verdict, "computed": round(computed, 4), "subject_value": float(values[subject]),
            "total_value": float(values["World"]), "source": source,
            "reason": f"{subject} {values[subject]:,.0f} m of {owner}'s {values['World']:,.0f} m with the world "
                      f"in {claim.year} = {computed:.1%} ({owner}'s own statistics)"}
