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

The partners' side (mirror statistics: each partner's own figure for its trade with the
owner, e.g. China's customs for its trade with Kazakhstan) is checked the same way: a
rank among the partners that report (at least ``MIN_MIRROR_REPORTERS`` single countries,
else too few to rank), a share as the partner's figure over the owner's total with the
world. Both sides agree: their verdict; they differ: ``depends on whose statistics``.
If the owner's national statistics office has no table for the year, its IMF DOTS
figures are its side. A claim is ``not checkable`` with its reason when the owner
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
VERDICTS = ["consistent", "depends on whose statistics", "inconsistent", "not checkable"]


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


_THE_COUNTRY = r"the\s+(?:country|nation|republic)"


def find_share_claims(sentence: str, published: date | None = None, context: str = "") -> list[ShareClaim]:
    """The rank and share claims of one sentence, in order.

    Args:
        published: the article's publication date, for the year (``figures.year_of``).
        context: the text before the sentence; "the country" ("the country's largest partner",
            "investment in the country") is the last single country named there.
    """
    places = place_mentions(sentence)
    out = []
    for m in RANK.finditer(sentence):
        ordinal = m.group("ord").lower()
        owner = _possessive_before(sentence, places, m.start()) or _partner_of(sentence, places, m.end())
        if owner is None and re.search(_THE_COUNTRY + r"['’]s?\s*$", sentence[:m.start()], re.I):
            owner = _last_country(context) or _last_country(sentence[:m.start()])
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
        if owner is None and (re.search(_THE_COUNTRY, m.group("whose"), re.I)
                              or re.match(r"\s+(?:in|of|for|to|into)\s+" + _THE_COUNTRY, sentence[m.end():], re.I)):
            owner = _last_country(context) or _last_country(sentence[:m.start()])
        subject = _share_subject(sentence, places, m, owner)
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        out.append(ShareClaim(m.group().strip(), start, m.end(), "share", subject, owner,
                              _MEASURES[m.group("measure").lower()], None, share, approx,
                              year_of(sentence, m.start(), published)))
    return sorted(out, key=lambda c: c.start)


def _last_country(text: str) -> str | None:
    """The last single country (no region or bloc) named in ``text``.

    "The country" is looked up in the sentences before the claim first, then in its own
    words before the claim ("The U.S. State Department estimated that ... the country" names
    the country of the sentence before, not the department's).
    """
    countries = [code for _, _, code in place_mentions(text) if len(code) == 3 and code.isupper()]
    return countries[-1] if countries else None


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
    """Who holds the share: a place after "comes from" (imports, investment) or "go to" (exports), else the
    first place before it."""
    after = re.match(r"[^.;]*?\b(?:(?:comes?|came|coming)\s+from|(?:go(?:es)?|went|going|(?:is|are|was|were)\s+sold)"
                     r"\s+to)\s+", sentence[m.end():], re.I)
    if after:
        at = m.end() + after.end()
        found = next((code for s, e, code in places if s == at or (at <= s <= at + 5)), None)
        if found:
            return found
    return _subject(sentence, places, m.start(), owner)


#: Flows of the owner and the same flow seen from its partner's side.
MIRROR_FLOW = {"total": "total", "exports": "imports", "imports": "exports"}
#: A mirror rank needs at least this many single countries that report their trade with the owner.
MIN_MIRROR_REPORTERS = 4
_BLOCS = ("World", "European Union")


def own_side(ref: pd.DataFrame, owner: str, year: int, flow: str) -> tuple[pd.Series, str]:
    """``{partner: US$ millions}`` of the owner's own statistics, and their source.

    The national statistics office's table where the reference has one for that year,
    else the owner's IMF DOTS figures (exports + imports for a total).
    """
    usable = ref[(ref.reporter == owner) & (ref.year == year) & ref.value_usd_millions.notna()]
    own = usable[usable.is_national_statistics & (usable.flow == flow)]
    if own.empty:
        own = _dots(usable, flow)
    if own.empty:
        return pd.Series(dtype=float), ""
    return own.groupby("partner").value_usd_millions.median(), "; ".join(dict.fromkeys(own.source_name))


def mirror_side(ref: pd.DataFrame, owner: str, year: int, flow: str) -> tuple[pd.Series, dict]:
    """``{partner: US$ millions}``: each partner's own figure for its trade with the owner, and
    ``{partner: source}``.

    The mirror flow (the owner's exports are the partner's imports); statistics only (no
    politician's statement, no figure someone quoted); the median where a partner has several.
    """
    usable = ref[(ref.partner == owner) & (ref.reporter_base != owner) & (ref.year == year)
                 & ref.value_usd_millions.notna() & ~ref.statement & ~ref.quoted]
    mflow = MIRROR_FLOW[flow]
    parts = []
    for reporter, grp in usable.groupby("reporter_base"):
        rows = grp[grp.flow == mflow]
        parts.append(rows if not rows.empty else _dots(grp, mflow))
    rows = pd.concat(parts) if parts else usable.iloc[0:0]
    if rows.empty:
        return pd.Series(dtype=float), {}
    sources = {p: "; ".join(dict.fromkeys(g.source_name)) for p, g in rows.groupby("reporter_base")}
    return rows.groupby("reporter_base").value_usd_millions.median(), sources


def _dots(rows: pd.DataFrame, flow: str) -> pd.DataFrame:
    """IMF DOTS rows for ``flow``; a total as exports + imports of the same partner."""
    dots = rows[rows.is_dots]
    if flow != "total":
        return dots[dots.flow == flow]
    stated = dots[dots.flow == "total"]
    if not stated.empty:
        return stated
    out = []
    for partner, grp in dots[dots.flow.isin(["exports", "imports"])].groupby("partner"):
        if set(grp.flow) == {"exports", "imports"}:
            first = grp.iloc[0].copy()
            first["value_usd_millions"] = grp.groupby("flow").value_usd_millions.median().sum()
            first["source_name"] = f"{first.source_name} (exports + imports)"
            out.append(first)
    return pd.DataFrame(out, columns=rows.columns)


def _rank(values: pd.Series, subject: str) -> tuple[int, str]:
    """The subject's place among the single countries (the EU among blocs and countries), and the top five."""
    if subject == "European Union":
        ranked = values.drop(labels=[p for p in ("World", "Germany") if p in values])
    else:
        ranked = values.drop(labels=[p for p in _BLOCS if p in values])
    ranked = ranked.sort_values(ascending=False)
    ranking = ", ".join(f"{p} {v:,.0f} m" for p, v in ranked.head(5).items())
    if "European Union" in values and subject != "European Union":
        ranking += f" (the EU as a bloc: {values['European Union']:,.0f} m)"
    return int(list(ranked.index).index(subject)) + 1, ranking


def _share_verdict(claim: ShareClaim, computed: float) -> str:
    low, high = TOLERANCE.get(claim.approx, TOLERANCE["exact"])
    return "consistent" if low <= computed / claim.share - 1 <= high else "inconsistent"


def check_share_claim(claim: ShareClaim, ref: pd.DataFrame) -> dict:
    """Verdict, the computed rank or share on each side and the numbers behind it, or why it is not checkable.

    ``computed``/``subject_value``/``total_value``/``ranking``/``source`` are the owner's own
    statistics; ``mirror_*`` the partners' (a share's denominator, the owner's trade with the
    world, exists only on the owner's side). Both sides agree: their verdict; they differ:
    ``depends on whose statistics``; one side only: its verdict.
    """
    row = {"text": claim.text, "kind": claim.kind, "subject": claim.subject, "owner": claim.owner,
           "measure": claim.measure, "year": claim.year, "claimed": claim.rank if claim.kind == "rank" else claim.share,
           "approx": claim.approx, "computed": None, "subject_value": None, "total_value": None, "source": "",
           "ranking": "", "own_verdict": "", "mirror_computed": None, "mirror_subject_value": None,
           "mirror_ranking": "", "mirror_source": "", "mirror_verdict": "", "difference": None}
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
    values, source = own_side(ref, owner, claim.year, flow)
    mirror, mirror_sources = mirror_side(ref, owner, claim.year, flow)
    reasons = []
    if values.empty:
        reasons.append(f"no {flow} by partner in {owner}'s own statistics for {claim.year}")
    elif subject not in values:
        reasons.append(f"{owner}'s statistics for {claim.year} list no {flow} with {subject}")
        values = pd.Series(dtype=float)
    row.update(source=source, mirror_source=mirror_sources.get(subject, ""))
    if claim.kind == "rank":
        if not values.empty:
            computed, ranking = _rank(values, subject)
            row.update(computed=computed, subject_value=float(values[subject]), ranking=ranking,
                       own_verdict="consistent" if computed == claim.rank else "inconsistent")
            reasons.append(f"{owner}'s own statistics ({flow}, {claim.year}, US$ millions): {subject} ranks "
                           f"{computed} among the single countries they list")
        countries = [p for p in mirror.index if p not in _BLOCS]
        if subject not in mirror:
            reasons.append(f"{subject}'s own statistics give no figure for its {MIRROR_FLOW[flow]} with {owner} "
                           f"in {claim.year}")
        elif len(countries) < MIN_MIRROR_REPORTERS and subject != "European Union":
            reasons.append(f"only {len(countries)} partners' own statistics for {owner}'s {claim.year} trade "
                           f"({', '.join(countries)}): too few to rank")
        else:
            computed, ranking = _rank(mirror, subject)
            row.update(mirror_computed=computed, mirror_subject_value=float(mirror[subject]), mirror_ranking=ranking,
                       mirror_verdict="consistent" if computed == claim.rank else "inconsistent")
            reasons.append(f"partners' own statistics: {subject} ranks {computed} among the "
                           f"{len(countries)} partners that report their trade with {owner}")
        own_c, mir_c = row["computed"], row["mirror_computed"]
        row["difference"] = (own_c if own_c is not None else mir_c) - claim.rank if (own_c or mir_c) else None
    else:
        if not values.empty and "World" not in values:
            reasons.append(f"{owner}'s statistics for {claim.year} give no total with the world")
        elif not values.empty:
            computed = float(values[subject] / values["World"])
            row.update(computed=round(computed, 4), subject_value=float(values[subject]),
                       total_value=float(values["World"]), own_verdict=_share_verdict(claim, computed))
            reasons.append(f"{subject} {values[subject]:,.0f} m of {owner}'s {values['World']:,.0f} m with the world "
                           f"in {claim.year} = {computed:.1%} ({owner}'s own statistics)")
            if subject in mirror:
                m = float(mirror[subject] / values["World"])
                row.update(mirror_computed=round(m, 4), mirror_subject_value=float(mirror[subject]),
                           mirror_verdict=_share_verdict(claim, m))
                reasons.append(f"{subject}'s own figure {mirror[subject]:,.0f} m over the same total = {m:.1%}")
        if row["computed"] is not None:
            row["difference"] = round(row["computed"] - claim.share, 4)
    verdicts = {v for v in (row["own_verdict"], row["mirror_verdict"]) if v}
    if not verdicts:
        verdict = "not checkable"
    elif len(verdicts) == 1:
        verdict = verdicts.pop()
    else:
        verdict = "depends on whose statistics"
    return {**row, "verdict": verdict, "reason": "; ".join(reasons)}


#: The ``share_claims`` table: every share or rank claim found in the corpus's body text.
COLUMNS = ["doc_id", "claim_id", "text", "start", "end", "sentence", "kind", "subject", "owner", "measure",
           "year", "rank", "share", "approx", "repeat_of"]
#: The ``shares`` table: each claim of ``share_claims`` with its verdict and both sides' numbers.
CHECKED_COLUMNS = COLUMNS + [
    "verdict", "difference", "own_computed", "own_subject_value", "own_total_value", "own_ranking", "own_source",
    "own_verdict", "mirror_computed", "mirror_subject_value", "mirror_ranking", "mirror_source", "mirror_verdict",
    "reason"]


def claims_table(articles, sentences: dict) -> pd.DataFrame:
    """One row per share or rank claim of the corpus (``COLUMNS``); offsets are in the text as loaded.

    Args:
        articles: the corpus's articles (``doc_id``, ``get("published")``).
        sentences: ``{doc_id: [sourcing.Sentence]}`` of the cleaned, parsed text (so page
            furniture is left out), with offsets into the text as loaded.
    """
    from newsbook.corpus import parse_date

    rows = []
    for a in articles:
        published = parse_date(a.get("published"))
        previous: list[str] = []
        seen: dict[tuple, str] = {}
        n = 0
        for sent in sentences.get(a.doc_id, []):
            for c in find_share_claims(sent.text, published, " ".join(previous[-2:])):
                n += 1
                claim_id = f"{a.doc_id}-s{n:02d}"
                key = (c.kind, c.subject, c.owner, c.measure, c.year, c.rank, c.share, c.approx)
                repeat_of = seen.setdefault(key, claim_id)
                rows.append({"doc_id": a.doc_id, "claim_id": claim_id, "text": c.text,
                             "start": sent.start + c.start, "end": sent.start + c.end, "sentence": sent.text,
                             "kind": c.kind, "subject": c.subject or "", "owner": c.owner or "",
                             "measure": c.measure, "year": c.year, "rank": c.rank, "share": c.share,
                             "approx": c.approx, "repeat_of": "" if repeat_of == claim_id else repeat_of})
            previous.append(sent.text)
    table = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("year", "rank"):
        table[col] = table[col].astype("Int64")
    return table


def check_share_claims(claims: pd.DataFrame, ref: pd.DataFrame) -> pd.DataFrame:
    """The ``shares`` table: each row of ``claims_table`` checked with ``check_share_claim``."""
    rows = []
    for r in claims.itertuples():
        claim = ShareClaim(r.text, 0, 0, r.kind, r.subject or None, r.owner or None, r.measure,
                           None if pd.isna(r.rank) else int(r.rank), None if pd.isna(r.share) else float(r.share),
                           r.approx, None if pd.isna(r.year) else int(r.year))
        out = check_share_claim(claim, ref)
        rows.append({**{c: getattr(r, c) for c in COLUMNS},
                     "verdict": out["verdict"], "difference": out["difference"],
                     "own_computed": out["computed"], "own_subject_value": out["subject_value"],
                     "own_total_value": out["total_value"], "own_ranking": out["ranking"], "own_source": out["source"],
                     "own_verdict": out["own_verdict"], "mirror_computed": out["mirror_computed"],
                     "mirror_subject_value": out["mirror_subject_value"], "mirror_ranking": out["mirror_ranking"],
                     "mirror_source": out["mirror_source"], "mirror_verdict": out["mirror_verdict"],
                     "reason": out["reason"]})
    return pd.DataFrame(rows, columns=CHECKED_COLUMNS)
