"""Find money figures in article text and normalise them.

Each figure is found by a pattern over the text (currency symbol or code or
name, a number, a scale word), then read: the value as written, the ISO 4217
currency, the scale (1, 1e3, 1e6, 1e9, 1e12), the qualifier that bounds it
("nearly" -> under, "topping" -> over, "around" -> about), what it measures and
who the parties are (from the words of its sentence), and the year it refers to
(an explicit year nearby, or "last year"/"this year" resolved against the
article's publication date). Vague amounts ("billions of dollars' worth") are
kept with an empty value.

``value_usd`` is filled for US-dollar figures; conversion of other currencies
needs a sourced exchange-rate table and is left empty until one is added.
"""

from __future__ import annotations

import re
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
}
NAMES = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "tenge": "KZT", "som": "KGS", "soms": "KGS", "sum": "UZS", "soum": "UZS", "soums": "UZS",
    "somoni": "TJS", "manat": "TMT", "rupee": "INR", "rupees": "INR", "lira": "TRY",
}
_SYM = r"(?P<sym>US\$|S\$|HK\$|C\$|A\$|\$|€|£|¥|₽|₸|₹|(?:USD|EUR|GBP|RMB|CNY|RUB|KZT|INR)\s?)"
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
    ("agreements", re.compile(r"\b(agreements?|deals?|contracts?|memorand|signed|worth)\b", re.I)),
    ("aid", re.compile(r"\b(aid|grants?|loans?|assistance|credit line|donat)", re.I)),
]
COLUMNS = [
    "doc_id", "figure_id", "text", "start", "end", "value", "currency", "scale", "value_usd",
    "approx", "measure", "parties", "year", "sentence",
]


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


def year_of(sentence: str, fig_start_in_sentence: int, published: date | None) -> int | None:
    """The year a figure refers to: the nearest explicit year, or a relative one."""
    years = [(abs(m.start() - fig_start_in_sentence), int(m.group()))
             for m in re.finditer(r"\b(19[5-9]\d|20[0-4]\d)\b", sentence)]
    if years:
        return min(years)[1]
    if published is not None:
        low = sentence.lower()
        if re.search(r"\blast year\b|\bprevious year\b|\ba year earlier\b", low):
            return published.year - 1
        if re.search(r"\bthis year\b|\bso far this year\b|\bthis week\b|\blast week\b|\bthis month\b", low):
            return published.year
        return published.year
    return None


def to_usd(value: float | None, currency: str, scale: float) -> float | None:
    if value is None or currency != "USD":
        return None
    return value * scale
