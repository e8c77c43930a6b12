"""Find money figures in article text and normalise them.

Each figure is found by a pattern over the text (currency symbol or code or
name, a number, a scale word), then read: the value as written, the ISO 4217
currency, the scale (1, 1e3, 1e6, 1e9, 1e12), the qualifier that bounds it
("nearly" -> under, "topping" -> over, "around" -> about), what it measures and
who the parties are (from the words of its sentence), and the year that
governs it (a year in its own phrase, else "last year"/"this year"/"next year"
against the article's publication date, else the article's year; see
``year_of``). Vague amounts ("billions of dollars' worth") are
kept with an empty value.

``value_usd`` converts with the annual average rate of the figure's year from
``data/reference/exchange_rates.csv`` (Federal Reserve G.5A via FRED for EUR, CNY
and other major currencies from 2015; World Bank WDI series PA.NUS.FCRF, the
central banks' official rates as annual averages, for RUB, KZT, KGS, UZS, TJS,
GBP and 2010-2014); a currency or year the table lacks leaves it empty rather
than guessed, and ``usd_conversion`` says which rate was used (and whether the
table marks it as an estimate) or why there is none.

The parties of a figure are read from the dependency parse, not from every
place its sentence names: the places inside the phrase that carries the
figure ("China's turnover with Central Asia reached US$94.8 billion"), widened
to the figure's clause when that phrase names fewer than two, leaving out the
object of a comparison ("overtook Russia", "dwarfing the EU's trade") and the
speaker of a reporting clause ("Uzbek President X told ...").
"""

from __future__ import annotations

import re

import pandas as pd
from dataclasses import dataclass
from datetime import date

SCALES = {
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6,
    "mn": 1e6, "m": 1e6, "mln": 1e6, "thousand": 1e3, "k": 1e3,
}
SYMBOLS = {
    "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "s$": "SGD", "hk$": "HKD", "c$": "CAD", "a$": "AUD", "¥": "CNY", "rmb": "CNY", "cny": "CNY",
    "₽": "RUB", "rub": "RUB", "₸": "KZT", "kzt": "KZT", "₹": "INR", "inr": "INR",
    "kgs": "KGS", "uzs": "UZS", "tjs": "TJS",
}
NAMES = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "tenge": "KZT", "som": "KGS", "soms": "KGS", "sum": "UZS", "soum": "UZS", "soums": "UZS",
    "somoni": "TJS", "manat": "TMT", "rupee": "INR", "rupees": "INR", "lira": "TRY",
}
_SYM = r"(?P<sym>US\$|S\$|HK\$|C\$|A\$|\$|€|£|¥|₽|₸|₹|(?:USD|EUR|GBP|RMB|CNY|RUB|KZT|KGS|UZS|TJS|INR)\s?)"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_NUM2 = r"(?:\s?(?:-|–|to)\s?(?P<num2>\d+(?:\.\d+)?))?"
_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|tn|bn|mln|mn|b|m|k)\b)?"
_NAME = r"(?:\s(?P<name>" + "|".join(sorted(NAMES, key=len, reverse=True)) + r")\b)"
PATTERN_SYMBOL = re.compile(_SYM + _NUM + _NUM2 + _SCALE, re.I)
PATTERN_NAME = re.compile(_NUM + _NUM2 + r"\s?(?P<scale>trillion|billion|million|thousand)?" + _NAME, re.I)
PATTERN_VAGUE = re.compile(
    r"(?P<vague>(?:hundreds|tens|dozens) of (?:billions|millions) of (?P<vname>dollars|euros|pounds|yuan)"
    r"|(?P<vscale>billions|millions|trillions) of (?P<vname2>dollars|euros|pounds|yuan)(?:[’']\s?worth)?"
    r"|multi-?(?P<vscale3>billion|million)-(?P<vname3>dollar|euro|pound))",
    re.I,
)
_APPROX = [
    ("under", re.compile(r"\b(nearly|almost|close to|just under|under|less than|up to|below)\s*$", re.I)),
    ("over", re.compile(r"\b(more than|over|topping|exceeding|above|at least|upwards of|in excess of|just over|surpassing)\s*$", re.I)),
    ("about", re.compile(r"\b(about|around|some|roughly|approximately|an estimated|estimated|almost|circa|nearly)\s*$", re.I)),
]
MEASURES = [
    ("exports", re.compile(r"\bexport", re.I)),
    ("imports", re.compile(r"\bimport", re.I)),
    ("trade", re.compile(r"\b(trade|turnover|trading)\b", re.I)),
    ("investment", re.compile(r"\binvest", re.I)),
    ("agreements", re.compile(r"\b(agreements?|deals?|contracts?|memorand\w*|signed)\b", re.I)),
    ("aid", re.compile(r"\b(aid|grants?|loans?|assistance|credit line|donat)", re.I)),
]
COLUMNS = [
    "doc_id", "figure_id", "text", "start", "end", "value", "currency", "scale", "value_usd",
    "approx", "measure", "parties", "year", "sentence",
    # beyond the DESIGN.md schema: links between figures and where they stand
    "conversion_of", "repeat_of", "furniture", "usd_conversion",
]
MEASURE_NOUNS = {"trade", "turnover", "volume", "export", "import", "investment", "value", "exchange",
                 "commerce", "agreement", "deal", "aid", "loan", "grant", "figure", "total"}
COMPARISON_VERBS = {"overtake", "surpass", "outpace", "dwarf", "exceed", "eclipse", "replace", "beat",
                    "overshadow", "outstrip", "trail", "lag"}
_SPEAKER_DEPS = {"nsubj", "nsubjpass"}
#: Events whose place is context, not a party ("since its invasion of Ukraine").
EVENT_NOUNS = {"war", "invasion", "conflict", "crisis", "summit", "visit", "occupation", "annexation",
               "attack", "offensive", "election", "meeting", "forum"}


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | None
    currency: str
    scale: float
    approx: str


def find_figures(text: str) -> list[Figure]:
    """Every money amount in ``text``, in order, without overlaps."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(fig: Figure) -> None:
        if any(fig.start < e and s < fig.end for s, e in taken):
            return
        taken.append((fig.start, fig.end))
        found.append(fig)

    for m in PATTERN_SYMBOL.finditer(text):
        sym = m.group("sym").strip().lower()
        scale_word = (m.group("scale") or "").lower()
        if not scale_word and sym not in {"$", "us$", "€", "£", "s$", "hk$", "c$", "a$", "₽", "₸", "₹", "¥"}:
            continue
        if scale_word in {"b", "m", "k"} and m.end() < len(text) and text[m.end():m.end() + 1].isalpha():
            continue
        value = _number(m.group("num"), m.group("num2"))
        add(Figure(m.group().strip(), m.start(), m.start() + len(m.group().rstrip()), value,
                   SYMBOLS.get(sym, "USD"), SCALES.get(scale_word, 1.0), _approx(text, m.start(), bool(m.group("num2")))))
    for m in PATTERN_NAME.finditer(text):
        scale_word = (m.group("scale") or "").lower()
        value = _number(m.group("num"), m.group("num2"))
        add(Figure(m.group(), m.start(), m.end(), value, NAMES[m.group("name").lower()],
                   SCALES.get(scale_word, 1.0), _approx(text, m.start(), bool(m.group("num2")))))
    for m in PATTERN_VAGUE.finditer(text):
        name = (m.group("vname") or m.group("vname2") or m.group("vname3") or "dollar").lower()
        scale_word = (m.group("vscale") or m.group("vscale3") or "").lower().rstrip("s")
        if m.group("vname"):
            scale_word = "billion" if "billion" in m.group().lower() else "million"
        cur = NAMES.get(name, NAMES.get(name + "s", "USD"))
        add(Figure(m.group(), m.start(), m.end(), None, cur, SCALES.get(scale_word, 1e9), "about"))
    return sorted(found, key=lambda f: f.start)


def _number(num: str, num2: str | None) -> float:
    low = float(num.replace(",", ""))
    if num2:
        return (low + float(num2)) / 2  # a range is read as its midpoint, approx "about"
    return low


def _approx(text: str, start: int, is_range: bool) -> str:
    if is_range:
        return "about"
    before = text[max(0, start - 30):start]
    for label, pattern in _APPROX:
        if pattern.search(before):
            return label
    return "exact"


def measure_of(sentence: str, fig_start_in_sentence: int) -> str:
    """The measure whose keyword lies nearest the figure in its sentence."""
    best, best_dist = "other", 10**9
    for label, pattern in MEASURES:
        for m in pattern.finditer(sentence):
            dist = abs(m.start() - fig_start_in_sentence)
            if dist < best_dist:
                best, best_dist = label, dist
    return best


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_RELATIVE = [
    (-1, re.compile(r"\b(?:last|previous|past) year\b|\ba year (?:earlier|before|ago)\b", re.I)),
    (0, re.compile(r"\b(?:this|the current) year\b|\bthis (?:week|month)\b|\blast (?:week|month)\b"
                   r"|\bso far\b|\byear to date\b", re.I)),
    (1, re.compile(r"\bnext year\b|\bthe coming year\b", re.I)),
]
#: Where a figure's phrase ends: punctuation that sets off a clause or an aside.
_PHRASE_BREAK = re.compile(r"\s*(?:[,;:()\[\]]|\s[-–—]\s|—)\s*")
#: A phrase that is a comparison's baseline ("up 32 % from 2022", "compared with 2022"): its years
#: are the baseline's, never another figure's.
_BASELINE = re.compile(
    r"\b(?:from|since|than|versus|vs\.?|against|compared (?:with|to)|relative to|on)\s+(?:(?:the|in|a|its)\s+)*"
    r"(?:(?:level|figure|total)s?\s+(?:of|in)\s+)?$", re.I)
#: A time frame that opens a sentence ("In 2024,", "Last year,", "By the end of 2023,") and so
#: governs every phrase of it that names no year of its own.
_LEADING_FRAME = re.compile(
    r"^\s*(?:(?:in|during|by|for|throughout|over)\s+(?:the\s+(?:whole|first|second|end|course|year)\s+(?:half\s+|of\s+)*)?"
    r"(?:of\s+)?(?P<year>19[5-9]\d|20[0-4]\d)|(?P<rel>last year|this year|next year))\s*,", re.I)


def _phrase_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """[start, end) of the phrase of ``sentence`` that holds position ``pos`` (see _PHRASE_BREAK)."""
    start, end = 0, len(sentence)
    for m in _PHRASE_BREAK.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() > pos:
            end = m.start()
            break
    return start, end


def _governing_years(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """``(position, year)`` of explicit years in ``text`` that are no comparison's baseline."""
    return [(offset + m.start(), int(m.group())) for m in _YEAR.finditer(text)
            if not _BASELINE.search(text[max(0, m.start() - 40):m.start()])]


def _relative_year(text: str, published: date) -> int | None:
    for shift, pattern in _RELATIVE:
        for m in pattern.finditer(text):
            if not _BASELINE.search(text[max(0, m.start() - 40):m.start()]):
                return published.year + shift
    return None


def year_of(sentence: str, fig_start_in_sentence: int, published: date | None) -> int | None:
    """The year that governs the figure at ``fig_start_in_sentence`` of ``sentence``.

    In this order: an explicit year in the figure's own phrase (the stretch of the sentence
    between the commas, semicolons, dashes or brackets around it), the nearest if several;
    else "last year"/"this year"/"next year" (and "a year earlier", "so far") in that phrase,
    against the publication date; else a time frame that is the phrase just before it
    ("Analysts said that, in 2019, trade reached ..."); else a time frame that opens the
    sentence ("In 2024, ...", "Last year, ..."); else a relative year elsewhere in the sentence; else the publication
    year. A year that is a comparison's baseline ("up 32 % from 2022", "than in 2021",
    "compared with 2022") never governs, and an explicit year in another phrase of the
    sentence does not either (it is that phrase's year). None when nothing applies and the
    publication date is unknown.
    """
    start, end = _phrase_bounds(sentence, fig_start_in_sentence)
    phrase = sentence[start:end]
    own = _governing_years(phrase, start)
    if own:
        return min(own, key=lambda y: abs(y[0] - fig_start_in_sentence))[1]
    if published is not None:
        relative = _relative_year(phrase, published)
        if relative is not None:
            return relative
    if start > 0:  # a time frame set off just before the phrase ("..., in 2019, Russia was ...")
        before = sentence[:start].rstrip()
        prev_start, _ = _phrase_bounds(sentence, max(0, len(before) - 1))
        frame = _LEADING_FRAME.match(sentence[prev_start:start].strip(" ,") + ",")
        if frame and frame.group("year"):
            return int(frame.group("year"))
    frame = _LEADING_FRAME.match(sentence)
    if frame and frame.end() <= fig_start_in_sentence:
        if frame.group("year"):
            return int(frame.group("year"))
        if published is not None:
            return _relative_year(frame.group("rel"), published)
    if published is None:
        return None
    relative = _relative_year(sentence, published)
    return relative if relative is not None else published.year


class Rates(dict):
    """``{(currency, year): units per US dollar}``, with ``sources[(currency, year)] = (source, status)``.

    ``status`` is the table's: ``read`` (copied from a stored data file), ``entered`` (entered by
    hand from the named series) or ``estimate`` (the table marks the value as estimated).
    """

    def __init__(self, *args, sources: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = dict(sources or {})


def load_rates(path) -> Rates:
    """The exchange-rate table: units of each currency per US dollar, annual averages, with sources."""
    import csv

    rates = Rates()
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["currency"], int(row["year"]))
            rates[key] = float(row["units_per_usd"])
            rates.sources[key] = (row.get("source_name", ""), row.get("status") or "read")
    return rates


def to_usd(value: float | None, currency: str, scale: float, year: int | None = None,
           rates: dict[tuple[str, int], float] | None = None) -> float | None:
    """The amount in US dollars at the year's average rate; None when no sourced rate exists."""
    if value is None:
        return None
    if currency == "USD":
        return value * scale
    if rates is None or year is None or (currency, year) not in rates:
        return None
    return value * scale / rates[(currency, year)]


def conversion_note(value: float | None, currency: str, year: int | None, rates: dict | None) -> str:
    """How ``value_usd`` was found: the rate and its source, or why the figure stays unconverted."""
    if value is None:
        return "no amount (vague figure)"
    if currency == "USD":
        return "in US dollars"
    if year is None:
        return f"not converted: no year for the {currency} rate"
    if not rates or (currency, year) not in rates:
        years = sorted(y for c, y in (rates or {}) if c == currency)
        have = f" (the table has {currency} for {years[0]}-{years[-1]})" if years else f" (the table has no {currency} rates)"
        return f"not converted: no {currency} rate for {year} in the exchange-rate table{have}"
    source, status = getattr(rates, "sources", {}).get((currency, year), ("", "read"))
    note = f"at {rates[(currency, year)]:g} {currency} per US$ ({year} annual average"
    note += f"; {source})" if source else ")"
    return note + (" [estimated rate]" if status == "estimate" else "")


def link_conversions(text: str, figures: list[Figure]) -> dict[int, int]:
    """``{i: j}`` where figure i is a parenthetical restatement of figure j ("€54bn (US$62.1bn)")."""
    links = {}
    for j, (a, b) in enumerate(zip(figures, figures[1:])):
        between = text[a.end:b.start]
        after = text[b.end:b.end + 3]
        if (re.fullmatch(r"\s*\(\s*(?:about|around|approximately|roughly|some|or|nearly|almost)?\s*", between)
                and after.lstrip().startswith(")") and a.currency != b.currency):
            links[j + 1] = j
    return links


def link_repeats(figures: list[Figure], measures: list[str]) -> dict[int, int]:
    """``{i: j}`` where figure i repeats an earlier figure j (same amount, currency and measure)."""
    links = {}
    for i, f in enumerate(figures):
        if f.value is None:
            continue
        for j in range(i):
            g = figures[j]
            if (g.value, g.currency, g.scale, measures[j]) == (f.value, f.currency, f.scale, measures[i]) and j not in links:
                links[i] = j
                break
    return links


def figure_parties(sent, start: int, end: int, context_regions: list[str]) -> list[str]:
    """Parties of the figure at [start, end) in a parsed sentence (see the module docstring).

    Args:
        sent: the spaCy sentence span holding the figure.
        context_regions: regions named earlier in the article, for "the region".
    """
    from newsbook.places import BLOCS, GEOGRAPHIC_REGIONS, REGION_ANAPHORA, place_mentions

    doc = sent.doc
    fig_tokens = [t for t in sent if start <= t.idx < end]
    if not fig_tokens:
        return []
    head = next((t for t in fig_tokens if not (start <= t.head.idx < end) or t.head is t), fig_tokens[-1])
    compared, speakers = _excluded_tokens(sent, head)
    places = []
    for s, e, code in place_mentions(sent.text):
        span = doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
        if span is not None:
            places.append((span, code))
    anaphora = [(doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"),
                 "bloc" if "bloc" in m.group().lower() else "region")
                for m in REGION_ANAPHORA.finditer(sent.text)]

    def within(node, keep_own: bool = False) -> list[str]:
        own = {t.i for t in node.subtree}
        ids = own - speakers - (compared - own if keep_own else compared)
        codes = [code for span, code in places if span.root.i in ids]
        for a, word in anaphora:
            if a is not None and a.root.i in ids:
                pool = [r for r in context_regions if r in (BLOCS if word == "bloc" else GEOGRAPHIC_REGIONS)]
                if pool:
                    codes.append(pool[-1])
        return list(dict.fromkeys(codes))

    found: list[str] = []
    for node in _measure_phrases(head):
        found = list(dict.fromkeys(found + within(node)))
        if len(found) >= 2:
            return found
    # the measure noun just before the figure ("the EU's trade volume with the region ... is €54bn")
    nearest = _nearest_measure_before(sent, fig_tokens[0])
    if nearest is not None:
        found = list(dict.fromkeys(found + within(nearest, keep_own=True)))
        if len(found) >= 2:
            return found
    # widen clause by clause until two parties are named
    for clause in (a for a in [head, *head.ancestors] if a.pos_ in {"VERB", "AUX"}):
        found = list(dict.fromkeys(found + within(clause)))
        if len(found) >= 2:
            break
    return found


def _nearest_measure_before(sent, first, window: int = 25):
    """The closest measure noun within ``window`` tokens before the figure."""
    for tok in reversed(list(sent.doc[max(sent.start, first.i - window):first.i])):
        if tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in MEASURE_NOUNS:
            return tok
    return None


def _measure_phrases(head):
    """Noun phrases that carry the figure: measure nouns on its path and its verb's subject."""
    out = []
    for node in [head, *head.ancestors]:
        if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.lower() in MEASURE_NOUNS:
            out.append(node)
        if node.pos_ in {"VERB", "AUX"}:
            out += [c for c in node.children if c.dep_ in _SPEAKER_DEPS and c.lemma_.lower() in MEASURE_NOUNS]
            break
    return out


def _excluded_tokens(sent, head) -> tuple[set[int], set[int]]:
    """Tokens that name no party: (compared things and event settings, speakers of reporting clauses)."""
    from newsbook.quotes import reporting_verbs

    fig_path = {head.i, *(a.i for a in head.ancestors)}
    out: set[int] = set()
    speakers: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in COMPARISON_VERBS:
            for child in tok.children:
                if child.dep_ in {"dobj", "prep", "attr"} and child.i not in fig_path:
                    out |= {t.i for t in child.subtree}
        if tok.pos_ in {"VERB", "AUX"} and lemma in reporting_verbs():
            for child in tok.children:
                if child.dep_ in _SPEAKER_DEPS and child.i not in fig_path:
                    speakers |= {t.i for t in child.subtree}
        if tok.lower_ == "than":
            out |= {t.i for t in tok.subtree if t.i not in fig_path}
        if tok.pos_ == "NOUN" and lemma in EVENT_NOUNS:
            for child in tok.children:
                if child.dep_ == "prep" and child.i not in fig_path:
                    out |= {t.i for t in child.subtree}
    return out, speakers


# --------------------------------------------------------------------------- the figures table

def figures_table(rows: list[dict]) -> pd.DataFrame:
    """The figures table (:data:`COLUMNS`) from :func:`figure_rows` of every article."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def figure_rows(article, doc, cl, rates, nlp) -> list[dict]:
    """Money figures of the text as loaded; those in removed furniture are kept and flagged."""
    from newsbook.corpus import parse_date
    from newsbook.places import parties_in, regions_in

    rows = []
    published = parse_date(article.get("published"))
    raw = article.text
    found = find_figures(raw)
    contexts = []
    for f in found:
        c = cl.to_clean(f.start)
        removal = cl.removal_at(f.start)
        if c is not None:
            span = doc.char_span(c, c + (f.end - f.start), alignment_mode="expand")
            sent = span.sent if span is not None else None
        else:
            sent = None
        if sent is not None:
            s_text, s_off, s_start = sent.text, c - sent.start_char, cl.to_raw(sent.start_char)
        else:  # inside removed furniture: the paragraph is the context
            para = next((p for p in cl.paragraphs if p.start <= f.start < p.end), None)
            s_text = para.text if para else raw[max(0, f.start - 200):f.end + 200]
            s_start = para.start if para else max(0, f.start - 200)
            s_off = f.start - s_start
        regions_before = regions_in(raw[:s_start + s_off])
        if sent is None:  # furniture is not in the parsed text: parse its paragraph alone
            pdoc = nlp(s_text)
            span = pdoc.char_span(s_off, s_off + (f.end - f.start), alignment_mode="expand")
            sent, c = (span.sent, s_off) if span is not None else (None, None)
        if sent is not None:
            parties = figure_parties(sent, c, c + (f.end - f.start), regions_before)
        else:
            parties = parties_in(s_text)
        contexts.append((s_text, s_off, parties, removal))
    measures = [measure_of(s_text, s_off) for s_text, s_off, _, _ in contexts]
    conversions = link_conversions(raw, found)
    repeats = link_repeats(found, measures)
    ids = [f"{article.doc_id}-m{n:02d}" for n in range(1, len(found) + 1)]
    years = [year_of(s_text, s_off, published) for s_text, s_off, _, _ in contexts]
    for i, f in enumerate(found):
        s_text, s_off, parties, removal = contexts[i]
        year = years[conversions[i]] if i in conversions else years[i]
        rows.append({
            "doc_id": article.doc_id, "figure_id": ids[i], "text": f.text, "start": f.start, "end": f.end,
            "value": f.value, "currency": f.currency, "scale": f.scale,
            "value_usd": to_usd(f.value, f.currency, f.scale, year, rates), "approx": f.approx,
            "measure": measures[conversions[i]] if i in conversions else measures[i],
            "parties": ";".join(parties), "year": year, "sentence": s_text.strip(),
            "conversion_of": ids[conversions[i]] if i in conversions else "",
            "repeat_of": ids[repeats[i]] if i in repeats else "",
            "furniture": removal.reason if removal is not None else "",
            "usd_conversion": conversion_note(f.value, f.currency, year, rates),
        })
    return rows
