"""Countries and regions named in a piece of text, as ISO 3166 alpha-3 codes.

Names come from pycountry (official, common and short names); demonyms and
the usual short forms used by news ("Kazakh", "Chinese", "U.S.", "Beijing" for
China's government) are added here. Regions are returned by name:
``CENTRAL_ASIA``, ``EU``.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Regions the book compares, with the words that name them.
#: Which regions are geographic (referred to as "the region") and which are blocs ("the bloc").
GEOGRAPHIC_REGIONS = {"CENTRAL_ASIA"}
BLOCS = {"EU"}
REGIONS = {
    "CENTRAL_ASIA": r"central asia(n)?|the five (central asian )?(states|nations|countries|republics)",
    "EU": r"european union|\bthe eu\b|\beu\b|eu['’]s",
}
#: Demonyms, other capitals and short names not in pycountry; each list starts with the
#: country's short name (``capital_country`` names the country by it).
EXTRA = {
    "CHN": ["china", "chinese", "prc"],
    "RUS": ["russia", "russian", "kremlin"],
    "KAZ": ["kazakhstan", "kazakh", "kazakhstani"],
    "KGZ": ["kyrgyzstan", "kyrgyz"],
    "TJK": ["tajikistan", "tajik"],
    "TKM": ["turkmenistan", "turkmen"],
    "UZB": ["uzbekistan", "uzbek"],
    "USA": ["united states", "u.s.", "us", "america", "american"],
    "GBR": ["britain", "british", "united kingdom", "u.k.", "uk"],
    "IND": ["india", "indian"],
    "TUR": ["turkey", "turkiye", "türkiye", "turkish"],
    "IRN": ["iran", "iranian"],
    "PAK": ["pakistan", "pakistani"],
    "BLR": ["belarus", "belarusian"],
    "AFG": ["afghanistan", "afghan"],
    "UKR": ["ukraine", "ukrainian"],
    "DEU": ["germany", "german"],
    "FRA": ["france", "french"],
    "JPN": ["japan", "japanese"],
    "KOR": ["south korea", "korean"],
    "BEL": ["belgium", "belgian", "brussels"],
    "CHE": ["switzerland", "swiss", "geneva"],
    "NLD": ["netherlands", "dutch", "the hague"],
    "SGP": ["singapore"],
    "QAT": ["qatar", "doha"],
    "ARM": ["armenia", "armenian"],
    "AZE": ["azerbaijan", "azerbaijani"],
    "MNG": ["mongolia", "mongolian"],
}
#: Capitals that news uses for their country's government ("Beijing denied", "Moscow warned").
#: (Brussels speaks for the EU more often than for Belgium, so it is not one of them.)
CAPITALS = {"beijing": "CHN", "moscow": "RUS", "astana": "KAZ", "bishkek": "KGZ", "dushanbe": "TJK",
            "ashgabat": "TKM", "tashkent": "UZB", "washington": "USA", "london": "GBR", "new delhi": "IND",
            "ankara": "TUR", "tehran": "IRN", "kyiv": "UKR", "yerevan": "ARM", "baku": "AZE", "minsk": "BLR",
            "islamabad": "PAK", "kabul": "AFG", "ulaanbaatar": "MNG", "berlin": "DEU", "paris": "FRA", "tokyo": "JPN",
            "seoul": "KOR"}
for _capital, _code in CAPITALS.items():
    EXTRA[_code].append(_capital)
# Large cities that locate an institution ("Fudan University in Shanghai").
EXTRA["CHN"] += ["shanghai", "hong kong"]
EXTRA["USA"] += ["new york", "boston", "cambridge, massachusetts", "chicago", "los angeles"]
EXTRA["DEU"] += ["munich"]
EXTRA["RUS"] += ["st. petersburg", "saint petersburg"]
EXTRA["KAZ"] += ["almaty"]
# Words that look like country names but name something else in news prose.
_AMBIGUOUS = {"us", "uk"}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """Two alternations (case-insensitive names; upper-case-only abbreviations) and name -> code."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_3
    for code, words in EXTRA.items():
        for w in words:
            names[w] = code
    ordered = sorted(names, key=len, reverse=True)  # longest first: "south korea" before "korea"
    plain = [re.escape(n) for n in ordered if n not in _AMBIGUOUS]
    upper = [re.escape(n.upper()) for n in ordered if n in _AMBIGUOUS]
    any_case = re.compile(r"(?<![\w])(?:" + "|".join(plain) + r")(?![\w])", re.I)
    exact = re.compile(r"(?<![\w.])(?:" + "|".join(upper) + r")(?![\w.$])")
    return any_case, exact, names


def place_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every mention of a country or region in ``text``: (start, end, code), in order."""
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for region, pattern in REGIONS.items():
        for m in re.finditer(pattern, text, re.I):
            hits.append((m.start(), m.end(), region))
            taken.append(m.span())
    any_case, exact, names = _lexicon()
    for pattern in (any_case, exact):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            hits.append((m.start(), m.end(), names[m.group().lower()]))
    return sorted(hits)


def capital_country(name: str) -> str | None:
    """The country whose government a capital stands for ("Beijing" -> "China"), or None."""
    code = CAPITALS.get(name.strip().lower())
    return EXTRA[code][0].title() if code else None


#: Continents and regions that, listed with a country, make it a subject of study ("the Institute
#: for Turkey, Europe and Asia Studies", "the Brookings China and Asia Center").
_STUDY_REGIONS = (r"europe|asia|eurasia|central asia|the middle east|africa|the americas|latin america|the caucasus"
                  r"|the pacific")
_TOPIC_BEFORE = re.compile(r"(?:\b(?:for|on)\s+(?:the\s+)?|(?:" + _STUDY_REGIONS + r")(?:,|\s+and)\s+)$", re.I)
_TOPIC_AFTER = re.compile(r"^(?:,|\s+and)\s+(?:" + _STUDY_REGIONS + r")\b", re.I)
#: A place that locates an institution: "in Geneva" closing the phrase, "a Washington research
#: group", "a Beijing-based think tank".
_IN_BEFORE = re.compile(r"\b(?:in|based in)\s+(?:the\s+)?$", re.I)
_ARTICLE_BEFORE = re.compile(r"\ban?\s+$", re.I)


def _locates(text: str, start: int, end: int) -> bool:
    """The place at ``text[start:end]`` says where an institution is, not what it studies."""
    after = text[end:]
    return (bool(_IN_BEFORE.search(text[:start])) and (not after or after[0] in ",.;)")
            or bool(_ARTICLE_BEFORE.search(text[:start])) and bool(re.match(r"\s+[a-z]", after))
            or after.startswith("-based"))


@lru_cache(maxsize=4096)  # every quote of a speaker asks again
def institution_country(role: str, org: str) -> str:
    """ISO code of the country where a speaker's role places them, "" when the text does not say.

    In order: a place that locates the institution ("... Studies in Geneva", "a Washington
    research group", "Berlin-based"); a country the institution's name carries ("King's
    College London", "Kazakhstan Institute for Strategic Studies") unless it is the subject of
    study ("Institute for Turkey, Europe and Asia Studies"); the country of the role itself
    ("Russian Foreign Minister"). Regions ("European Union") are no country.
    """
    role, org = role or "", org or ""
    located = [code for start, end, code in place_mentions(role) if code not in REGIONS and _locates(role, start, end)]
    if located:
        return located[-1]
    for text in (org, role):
        codes = [code for start, end, code in place_mentions(text) if code not in REGIONS
                 and not _TOPIC_BEFORE.search(text[:start]) and not _TOPIC_AFTER.search(text[end:])]
        if codes:
            return codes[-1] if text is role else codes[0]
    return ""


def regions_in(text: str) -> list[str]:
    """Codes of the regions named in ``text`` (no country lexicon: fast on long text)."""
    hits = sorted((m.start(), region) for region, pattern in REGIONS.items() for m in re.finditer(pattern, text, re.I))
    return [code for _, code in hits]


def parties_in(text: str) -> list[str]:
    """Codes of the countries and regions named in ``text``, in order of first mention."""
    seen: list[str] = []
    for _, _, code in place_mentions(text):
        if code not in seen:
            seen.append(code)
    return seen


#: Words that refer back to a region named earlier ("trade with the region").
REGION_ANAPHORA = re.compile(
    r"\bthe (region|bloc)\b|\bregional (partners|states|countries|neighbou?rs)\b|\bthe region['’]s\b", re.I)
