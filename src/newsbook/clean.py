"""Remove scraped page furniture from an article, keeping a record of each removal.

Scraped news pages carry text that is not the article: masthead slogans,
newsletter boxes, photo captions (often twice), related-article teasers
(headline + standfirst) interleaved with the text, author and search-box
templates, appeals in another language. Cleaning works on whole paragraphs,
so every kept paragraph is copied verbatim and each character of the cleaned
text maps back to one character of the text as loaded (:meth:`Cleaned.to_raw`).

Each rule is a small predicate over a paragraph and its neighbours; rules are
general (shape, position, wording of calls to action), never strings of one
article. The first rule that fires names the reason recorded in the removal log.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from functools import lru_cache

from rapidfuzz import fuzz

from newsbook.language import SAMPLE_CHARS, detect, is_other_language, plainly_in

# A paragraph "ends like a sentence" when its last non-quote character is . ! ? or …
_TERMINAL = re.compile(r"[.!?…]['\"’”»)\]]*\s*$")
_QUOTE_CHARS = "'\"‘’“”«»"
_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)

#: Photo credits and caption openers.
_CAPTION_CREDIT = re.compile(
    r"(\b(photo|photograph|picture|image|credit|illustration|video)s?\s*(by)?\s*:\s*[^.]{0,80}$)"
    r"|(\((photo|image|picture)s?\s*(by|:)[^)]*\)\s*$)"
    r"|(/\s*(getty images|afp|reuters|ap|alamy|epa|shutterstock)\s*$)",
    re.I,
)
_CAPTION_OPENER = re.compile(r"^(from left|left to right|left|right|above|below|top|pictured|file photo)\s*[:,(]", re.I)
#: Calls to action of newsletter, subscription and donation boxes.
_CALL_TO_ACTION = re.compile(
    r"\b(sign up|subscribe|newsletter|don[’']t miss|never miss|in your inbox|support (our|independent)"
    r" journalism|donate|become a (member|supporter)|follow us|share this|read more|related:|most read|"
    r"click here|download (our|the) app|enable javascript|accept cookies)\b",
    re.I,
)
#: Footer and site templates.
_TEMPLATE = re.compile(
    r"^(written by|about (the )?author|this article was (filed|published) under|filed under|tags?:|"
    r"share( this)?( article)?:?|start typing|press enter to search|search for:?|advertisement|"
    r"copyright|©|all rights reserved|leave a (comment|reply)|comments?$|related (articles|stories)|"
    r"you may also like|more from)",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"(^(additional )?reporting by\b)|(\bcontributed (reporting|research|to this (report|article))\b)|"
    r"(^(editing|edited) by\b)",
    re.I,
)
_HTML_REMNANT = re.compile(r"</?[a-zA-Z][^>]{0,200}>|&(nbsp|amp|lt|gt|quot|#\d+);")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the text as loaded: ``text == raw[start:end]``."""

    index: int
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass(frozen=True)
class Removal:
    """One removed paragraph: where it was, what it said and why it went."""

    start: int
    end: int
    reason: str
    text: str


@dataclass
class Cleaned:
    """Cleaned text with its removal log and an offset map back to the raw text.

    ``text`` is the kept paragraphs joined by blank lines, one line each (a hard-wrapped
    paragraph's line breaks become spaces). ``segments`` holds
    ``(clean_start, raw_start, length)`` for each kept paragraph.
    """

    raw: str
    text: str
    paragraphs: list[Paragraph]
    kept: list[Paragraph]
    removals: list[Removal]
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    #: language of the body paragraphs (ISO 639-1) and the classifier's probability
    language: str = ""
    language_confidence: float = 0.0

    def to_raw(self, offset: int) -> int:
        """Map an offset in the cleaned text to the text as loaded.

        Offsets in the separators between paragraphs map to the end of the
        preceding paragraph, so a span never grows across removed text.
        """
        starts = [s[0] for s in self.segments]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        clean_start, raw_start, length = self.segments[i]
        return raw_start + min(max(offset - clean_start, 0), length)

    def to_clean(self, raw_offset: int) -> int | None:
        """Offset in the cleaned text of a raw offset, or None if that text was removed."""
        for clean_start, raw_start, length in self.segments:
            if raw_start <= raw_offset < raw_start + length:
                return clean_start + raw_offset - raw_start
        return None

    def removal_at(self, raw_offset: int) -> Removal | None:
        """The removal record covering a raw offset, if any."""
        return next((r for r in self.removals if r.start <= raw_offset < r.end), None)

    def kept_paragraph_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each kept paragraph in the cleaned text."""
        return [(c, c + n) for c, _, n in self.segments]


# --------------------------------------------------------------------------- splitting

def split_paragraphs(text: str) -> list[Paragraph]:
    """Split text into paragraphs with their raw offsets.

    One line is one paragraph, as in most scraped text; when the text is hard
    wrapped (most lines end mid-sentence and blank lines separate blocks), a
    block between blank lines is one paragraph.
    """
    lines = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\r\n]+", text)]
    lines = [(s, e, t) for s, e, t in lines if t.strip()]
    if not lines:
        return []
    blocks = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\r?\n(?![ \t]*\r?\n))*", text)]
    multi_line_blocks = sum(1 for s, e in blocks if "\n" in text[s:e].strip())
    unterminated = sum(1 for _, _, t in lines if not _TERMINAL.search(t))
    hard_wrapped = multi_line_blocks >= max(1, len(blocks) // 3) and unterminated > len(lines) * 0.5
    spans = blocks if hard_wrapped else [(s, e) for s, e, _ in lines]
    out = []
    for i, (s, e) in enumerate(spans):
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        out.append(Paragraph(i, s + lead, s + trail, text[s + lead:s + trail]))
    return out


# --------------------------------------------------------------------------- predicates

def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[‘’´`]", "'", re.sub(r"[“”«»]", '"', text)).strip().lower()


def ends_like_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.strip()))


def is_headline_like(p: Paragraph) -> bool:
    """Short, no sentence-final punctuation, and mostly capitalised words."""
    text = p.text.strip().strip(_QUOTE_CHARS)
    if ends_like_sentence(text) or not (3 <= p.words <= 30):
        return False
    long_words = [w for w in _WORD.findall(text) if len(w) > 3]
    if not long_words:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def is_body(p: Paragraph) -> bool:
    """A paragraph that is clearly article prose."""
    return p.words >= 12 and ends_like_sentence(p.text)


def is_caption(p: Paragraph) -> bool:
    return bool(_CAPTION_CREDIT.search(p.text.strip()) or _CAPTION_OPENER.match(p.text.strip()))


def is_call_to_action(p: Paragraph) -> bool:
    return p.words <= 40 and bool(_CALL_TO_ACTION.search(p.text))


def is_template(p: Paragraph) -> bool:
    return p.words <= 12 and bool(_TEMPLATE.match(p.text.strip()))


def is_credit_line(p: Paragraph) -> bool:
    return p.words <= 30 and bool(_CREDIT_LINE.search(p.text.strip()))


def is_html_remnant(p: Paragraph) -> bool:
    markup = sum(len(m.group()) for m in _HTML_REMNANT.finditer(p.text))
    return markup > 0 and markup >= 0.5 * len(p.text.strip())


def has_no_letters(p: Paragraph) -> bool:
    return not any(ch.isalpha() for ch in p.text)


@lru_cache(maxsize=65536)
def _char_script(ch: str) -> str:
    try:
        name = unicodedata.name(ch).split()[0]
    except ValueError:
        return ""
    return "CJK" if name in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"} else name


#: A letter outside Basic Latin, Latin-1 letters and Latin Extended-A/B (every letter in those is LATIN).
_NOT_PLAIN_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")


def script_of(text: str) -> str:
    """The dominant script of the letters in ``text`` (LATIN, CYRILLIC, CJK, ...)."""
    if not _NOT_PLAIN_LATIN.search(text):
        return "LATIN" if any(ch.isalpha() for ch in text) else ""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = _char_script(ch)
            if name:
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def is_near_duplicate(a: Paragraph, b: Paragraph, threshold: float = 95.0) -> bool:
    """Two paragraphs that differ at most by quote marks or a few characters."""
    if a.words < 4:
        return False
    return fuzz.ratio(_norm(a.text), _norm(b.text)) >= threshold


# --------------------------------------------------------------------------- cleaning

def body_language(paragraphs: list[Paragraph]) -> tuple[str, str, float]:
    """Script, language and language probability of the body paragraphs (all paragraphs if none
    looks like body text): what an article is written in, whatever its page furniture is in."""
    body_text = " ".join(p.text for p in paragraphs if is_body(p)) or " ".join(p.text for p in paragraphs)
    return (script_of(body_text), *detect(body_text[:SAMPLE_CHARS]))


def classify(paragraphs: list[Paragraph], title: str = "",
             main: tuple[str, str, float] | None = None) -> dict[int, str]:
    """Return ``{paragraph index: reason}`` for every paragraph that is furniture.

    ``main`` is :func:`body_language` of the paragraphs, if the caller already has it.
    """
    reasons: dict[int, str] = {}
    if not paragraphs:
        return reasons
    body_idx = [p.index for p in paragraphs if is_body(p)]
    first_body = body_idx[0] if body_idx else len(paragraphs)
    last_body = body_idx[-1] if body_idx else -1
    scripts = [script_of(p.text) for p in paragraphs]
    main_script, main_lang, _ = main or body_language(paragraphs)
    norm_title = _norm(title) if title else ""

    for i, p in enumerate(paragraphs):
        if i in reasons:
            continue
        prev = paragraphs[i - 1] if i > 0 else None
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if has_no_letters(p):
            reasons[i] = "no letters (stray punctuation)"
        elif is_html_remnant(p):
            reasons[i] = "HTML remnant"
        elif scripts[i] and main_script and scripts[i] != main_script and p.words >= 2:
            reasons[i] = f"paragraph in another script ({scripts[i].lower()}), e.g. a donation appeal"
        elif (other := is_other_language(p.text, main_lang))[0]:
            reasons[i] = f"paragraph in another language ({other[1]}, p={other[2]:.2f})"
        elif prev is not None and is_near_duplicate(p, prev):
            reasons[i] = "repeated paragraph (duplicated caption or block)"
            if is_caption(prev):
                reasons.setdefault(i - 1, "photo caption")
        elif is_caption(p):
            reasons[i] = "photo caption"
        elif is_call_to_action(p):
            reasons[i] = "newsletter, subscription or sharing box"
        elif is_template(p):
            reasons[i] = "site template (author, tags, search box)"
        elif is_credit_line(p):
            reasons[i] = "contributor credit line"
        elif norm_title and i <= first_body and fuzz.ratio(_norm(p.text), norm_title) >= 90:
            reasons[i] = "headline (repeats the title)"
        elif i < first_body and p.words <= 8 and not ends_like_sentence(p.text) and i == _first_unremoved(reasons, i):
            # short fragments at the very top, before the headline: masthead slogans
            reasons[i] = "masthead slogan"
        elif first_body < i < last_body and is_headline_like(p) and nxt is not None and _is_teaser_standfirst(nxt):
            reasons[i] = "related-article teaser (headline)"
            reasons[i + 1] = "related-article teaser (standfirst)"
        elif i > last_body and p.words <= 8 and not ends_like_sentence(p.text):
            reasons[i] = "site template (footer)"
    return reasons


def _first_unremoved(reasons: dict[int, str], i: int) -> int:
    """Index of the first paragraph not yet removed (masthead lines come first)."""
    j = 0
    while j in reasons:
        j += 1
    return j


def _is_teaser_standfirst(p: Paragraph) -> bool:
    """A short paragraph without a closing full stop: a teaser's standfirst."""
    text = p.text.strip()
    return p.words <= 60 and not re.search(r"\.['\"’”»)]*$", text)


def _unwrapped(paragraph: str) -> str:
    """A hard-wrapped paragraph on one line: each line break becomes a space (same length, so
    offsets still map to the text as loaded). Later stages take one line for one paragraph."""
    return paragraph.replace("\r", " ").replace("\n", " ")


def clean_text(raw: str, title: str = "") -> Cleaned:
    """Clean one article's text as loaded.

    Args:
        raw: the article text as loaded (offsets refer to it).
        title: the article's title from metadata, used to recognise a repeated headline.
    """
    paragraphs = split_paragraphs(raw)
    main = body_language(paragraphs) if paragraphs else ("", "", 0.0)
    reasons = classify(paragraphs, title=title, main=main)
    kept = [p for p in paragraphs if p.index not in reasons]
    removals = [Removal(p.start, p.end, reasons[p.index], p.text) for p in paragraphs if p.index in reasons]
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0
    for p in kept:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        segments.append((pos, p.start, len(p.text)))
        pieces.append(_unwrapped(p.text))
        pos += len(p.text)
    if not segments:
        segments.append((0, 0, 0))
    return Cleaned(raw=raw, text="".join(pieces), paragraphs=paragraphs, kept=kept,
                   removals=removals, segments=segments, language=main[1], language_confidence=main[2])


def odd_paragraphs(cleaned: Cleaned, main_lang: str, main_script: str = "") -> list[dict]:
    """Paragraphs whose script or detected language differs from the article's.

    Reported whether or not the cleaner removed them, so a reader sees, for
    instance, a quotation left in the original language.
    """
    removed = {(r.start, r.end) for r in cleaned.removals}
    main_script = main_script or script_of(cleaned.text)
    rows = []
    for p in cleaned.paragraphs:
        if p.words < 2:
            continue
        script = script_of(p.text)
        if script == main_script and plainly_in(p.text, main_lang):
            continue  # plainly English: not classified (see newsbook.language.ENGLISH_MARKERS)
        lang, prob = detect(p.text)
        if script != main_script or (lang != main_lang and prob >= 0.8):
            rows.append({"start": p.start, "end": p.end, "language": lang, "confidence": prob,
                         "script": script.lower(), "removed": (p.start, p.end) in removed, "text": p.text})
    return rows


# --------------------------------------------------------------------------- the cleaning tables

#: Columns of the ``removals`` table: what cleaning removed from each article, and why.
REMOVAL_COLUMNS = ["doc_id", "removal", "start", "end", "reason", "text"]
#: Columns of the ``odd_paragraphs`` table (:func:`odd_paragraphs`).
ODD_PARAGRAPH_COLUMNS = ["doc_id", "start", "end", "language", "confidence", "script", "removed", "text"]


def removal_rows(doc_id: str, cl: Cleaned) -> list[dict]:
    """One ``removals`` row per removed paragraph (offsets into the text as loaded)."""
    return [{"doc_id": doc_id, "removal": k, "start": r.start, "end": r.end,
             "reason": r.reason, "text": r.text} for k, r in enumerate(cl.removals)]


def odd_paragraph_rows(doc_id: str, cl: Cleaned, lang: str) -> list[dict]:
    """One ``odd_paragraphs`` row per paragraph in another language or script than the body."""
    return [{"doc_id": doc_id, **row} for row in odd_paragraphs(cl, lang)]


def removals_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=REMOVAL_COLUMNS)


def odd_paragraphs_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ODD_PARAGRAPH_COLUMNS)
