"""Readability of each article and each paragraph, with textstat's standard formulas.

Scores are computed on the *cleaned* text (page furniture removed), per article
and per kept paragraph. The formulas are textstat's; this module only chooses
the text, names the columns and provisions the pronouncing dictionary textstat
needs for syllables, so that nothing is downloaded.

Formulas and references (as implemented by textstat 0.7):

==============================  ===============================================  ==========================
column                          formula (W words, S sentences, Y syllables ...)  reference
==============================  ===============================================  ==========================
flesch_reading_ease             206.835 - 1.015 W/S - 84.6 Y/W                   Flesch 1948
flesch_kincaid_grade            0.39 W/S + 11.8 Y/W - 15.59                      Kincaid et al. 1975
gunning_fog                     0.4 (W/S + 100 complex/W)                        Gunning 1952
smog_index                      1.043 sqrt(30 polysyllables/S) + 3.1291          McLaughlin 1969
coleman_liau_index              0.0588 L - 0.296 S100 - 15.8 (per 100 words)     Coleman & Liau 1975
automated_readability_index     4.71 chars/W + 0.5 W/S - 21.43                   Senter & Smith 1967
dale_chall_readability_score    0.1579 % difficult + 0.0496 W/S (+3.6365)        Dale & Chall 1948
linsear_write_formula           (easy + 3 hard) / S over a 100-word sample       O'Hayre 1966
text_standard                   consensus grade of the formulas above            textstat
reading_time_s                  14.69 ms per character                           Demberg & Keller 2008
==============================  ===============================================  ==========================

Caveats the book states: SMOG is defined for 30+ sentences; paragraph-level
scores on one or two sentences are noisy; translated text measures the
translation, not the original; all formulas assume English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from newsbook.provision import ensure_cmudict

#: Output columns, in the order of the CSV schema in DESIGN.md.
COLUMNS = [
    "doc_id", "level", "paragraph", "words", "sentences", "flesch_reading_ease",
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score",
    "linsear_write_formula", "text_standard", "reading_time_s",
]
#: Numeric formula columns (every one is textstat's function of the same name).
FORMULAS = [
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    "linsear_write_formula",
]


#: textstat helpers called once per *word*, and how many words their memo keeps (see below).
WORD_LEVEL_HELPERS = ("count_syllables", "is_difficult_word")
WORD_CACHE_SIZE = 1 << 14


@cache
def _textstat():
    """textstat, with the offline pronouncing dictionary in place first (set up once per process)."""
    ensure_cmudict()
    import textstat

    textstat.set_lang("en")
    _widen_word_caches()
    return textstat


def _widen_word_caches() -> int:
    """Give textstat's per-word helpers a memo that holds a corpus vocabulary.

    textstat 0.7 memoises every helper in a 128-entry LRU cache. The formulas call
    ``count_syllables`` and ``is_difficult_word`` once for every word of every text,
    so over a corpus nearly every call misses and the syllables of "the" are looked up
    again in each paragraph: 40 % of the time the readability stage took. The same
    pure functions (``__wrapped__``) get a 16,384-entry cache instead, rebound
    wherever textstat imported them; ``count_syllables`` of a whole text, which the
    formulas also ask for, becomes the sum of its memoised words (textstat's own
    word list, on which ``list_words`` is idempotent). Scores are unchanged (a test compares them with
    a process that never calls this). If a textstat release moves these helpers,
    nothing is rebound and textstat runs as shipped. Returns the number of rebindings.
    """
    import functools
    import importlib
    import pkgutil

    try:
        backend = importlib.import_module("textstat.backend")
        modules = [backend]
        for sub in pkgutil.iter_modules(backend.__path__):
            package = importlib.import_module(f"{backend.__name__}.{sub.name}")
            modules.append(package)
            for mod in pkgutil.iter_modules(getattr(package, "__path__", [])):
                modules.append(importlib.import_module(f"{package.__name__}.{mod.name}"))
    except ImportError:
        return 0
    rebound = 0
    for name in WORD_LEVEL_HELPERS:
        shipped = {getattr(m, name) for m in modules if hasattr(getattr(m, name, None), "__wrapped__")}
        if len(shipped) != 1:
            continue
        original = shipped.pop()
        wider = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(original.__wrapped__)
        if name == "count_syllables":
            wider = _summed_over_words(wider)
        for m in modules:
            if getattr(m, name, None) is original:
                setattr(m, name, wider)
                rebound += 1
    return rebound


def _summed_over_words(per_word):
    """``count_syllables(text)`` as the sum of ``per_word`` over textstat's words of ``text``."""
    import functools

    try:
        from textstat.backend.selections._list_words import list_words
    except ImportError:
        return per_word

    @functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # asked for single words too
    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        return sum(per_word(word, lang) for word in list_words(text, lowercase=True))

    count_syllables.__wrapped__ = per_word.__wrapped__
    return count_syllables


@dataclass(frozen=True)
class Scores:
    words: int
    sentences: int
    values: dict[str, float]
    text_standard: str
    reading_time_s: float


def score(text: str) -> Scores:
    """Every formula for one piece of English text."""
    ts = _textstat()
    values = {name: float(getattr(ts, name)(text)) for name in FORMULAS}
    return Scores(
        words=int(ts.lexicon_count(text)),
        sentences=int(ts.sentence_count(text)),
        values=values,
        text_standard=str(ts.text_standard(text, float_output=False)),
        reading_time_s=round(float(ts.reading_time(text)), 3),
    )


def _row(doc_id: str, level: str, paragraph: int | None, s: Scores) -> dict:
    row = {"doc_id": doc_id, "level": level, "paragraph": paragraph,
           "words": s.words, "sentences": s.sentences}
    row.update({k: round(v, 3) for k, v in s.values.items()})
    row["text_standard"] = s.text_standard
    row["reading_time_s"] = s.reading_time_s
    return row


def readability_rows(doc_id: str, text: str, paragraphs: list[str]) -> list[dict]:
    """One article row and one row per non-empty paragraph (0-based ``paragraph``)."""
    rows = [_row(doc_id, "article", None, score(text))]
    for i, para in enumerate(paragraphs):
        if para.strip():
            rows.append(_row(doc_id, "paragraph", i, score(para)))
    return rows


def to_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    return frame


def article_rows(doc_id: str, raw: str, cl) -> tuple[list[dict], list[dict]]:
    """The ``readability`` rows (cleaned text: article and kept paragraphs) and ``readability_raw``
    (the text as loaded, article level) of one article; ``cl`` is its :class:`newsbook.clean.Cleaned`."""
    rows = readability_rows(doc_id, cl.text, [p.text for p in cl.kept])
    # the scores are a function of the text alone: an article with nothing cleaned away is not scored twice
    raw_rows = [dict(rows[0])] if raw == cl.text else [readability_rows(doc_id, raw, [])[0]]
    return rows, raw_rows
