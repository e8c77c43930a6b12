"""The learned quote attribution model: a linear-chain CRF over the rules' output.

One job: load (or train) the model and turn its tags into attributed statements.

* **Candidates and features.** The rule extractor (:func:`newsbook.quotes.extract_quotes`) runs
  first; what it found becomes features of each token (:mod:`newsbook.quotes.features`), beside the
  word, its parse and its place relative to quotation marks.
* **Tagging.** A CRF (python-crfsuite) tags each paragraph's tokens with BIO labels for source,
  cue and content, trained on PolNeAR's train split (see ``models/quotes/MODEL_CARD.md``).
* **Linking.** Each content span is attached to the nearest cue span of its paragraph (before it
  if there is one in the same sentence, else after it); the cue to the nearest source span of its
  sentence. A content span without a cue in its paragraph takes the cue and speaker of a rule
  statement it overlaps, else continues the previous statement's speaker (a follow-on quotation)
  within two paragraphs. Content spans sharing a cue are one statement with several fragments.
* **Candidates.** The model's statements come first: one the rules also found keeps the model's
  content and cue and takes the rules' speaker (its mention widened to the model's source); a
  rule statement that overlaps none of the model's is a candidate too (:func:`candidates`).
* **Selecting.** The statement selector (:mod:`newsbook.quotes.selector`) keeps the candidates
  likely to be attributions. Without its file, the candidates are kept but for the model's own
  statements below :data:`ADD_CONFIDENCE` (:func:`combine`).
* **Speakers** are resolved by the rules' :func:`~newsbook.quotes.resolve_speaker` from the root of
  the source span, so names, roles and kinds behave exactly as for the rules.

Each statement records its path in ``rule`` (``crf``, ``crf+rule-cue``, ``crf+follow-on``, ...)
and the mean marginal probability of its content tokens' labels in ``confidence``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsbook.quotes import features as qf
from newsbook.quotes.extract import extract_quotes
from newsbook.quotes.marks import find_quote_spans
from newsbook.quotes.records import Quote, Speaker
from newsbook.quotes.speakers import PeopleIndex, resolve_speaker

log = logging.getLogger(__name__)

MODEL_DIR = "models/quotes"
MODEL_FILE = "crf.crfsuite"
META_FILE = "meta.json"
#: CRF training parameters (chosen on PolNeAR dev; see the model card).
TRAIN_PARAMS = {"c1": 2.0, "c2": 2.0, "max_iterations": 150, "feature.possible_transitions": True}
#: Content spans whose mean label marginal is below this are dropped (chosen on PolNeAR dev).
MIN_CONFIDENCE = 0.0
#: A model statement the rules did not find is added at this confidence or more (chosen on dev).
ADD_CONFIDENCE = 0.95
#: A rule statement that starts more than this many characters before the model's matching one
#: keeps its own content: the model's would lose the statement's opening.
_MAX_LATER_START = 5
_QUOTE_CHARS = "\"“”„«»'‘’`"


class ModelMissing(RuntimeError):
    """The trained model file is not installed with the package."""


@dataclass
class _Span:
    kind: str
    first: int  # token indices into the Doc, inclusive
    last: int
    score: float


def model_path() -> Path:
    return Path(str(resources.files("newsbook").joinpath(MODEL_DIR).joinpath(MODEL_FILE)))


@lru_cache(maxsize=2)
def load_tagger(path: str | None = None):
    """The CRF tagger, opened once per process from the package (no download)."""
    import pycrfsuite

    p = Path(path) if path else model_path()
    if not p.is_file():
        raise ModelMissing(f"quote model not found at {p}; retrain it with 'newsbook train-quotes "
                           f"--polnear DIR' or use --method rules")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(p))
    return tagger


def model_version() -> str:
    """The model's identifier from its meta.json (for the build stamp), or '' when absent."""
    try:
        meta = json.loads(resources.files("newsbook").joinpath(MODEL_DIR).joinpath(META_FILE).read_text("utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return ""
    return str(meta.get("version", ""))


# --------------------------------------------------------------------------- decoding

def _spans(labels: list[str], marginals: list[float], tokens: tuple[int, ...]) -> list[_Span]:
    out: list[_Span] = []
    cur: _Span | None = None
    scores: list[float] = []
    for lab, m, i in zip(labels, marginals, tokens):
        if lab == "O" or lab.startswith("B-") or (cur is not None and lab[2:] != cur.kind):
            if cur is not None:
                cur.score = sum(scores) / len(scores)
                out.append(cur)
            cur, scores = None, []
        if lab != "O":
            if cur is None:
                cur = _Span(lab[2:], i, i, 0.0)
            cur.last = i
            scores.append(m)
    if cur is not None:
        cur.score = sum(scores) / len(scores)
        out.append(cur)
    return out


def _char_span(doc, sp: _Span) -> tuple[int, int]:
    return doc[sp.first].idx, doc[sp.last].idx + len(doc[sp.last].text)


def _sentence(doc, i: int) -> tuple[int, int]:
    s = doc[i].sent
    return s.start, s.end - 1


def _nearest_cue(content: _Span, cues: list[_Span], doc) -> _Span | None:
    """The cue of a content span: in its sentence(s) outside it, nearest first, else nearest."""
    sent_lo = _sentence(doc, content.first)[0]
    sent_hi = _sentence(doc, content.last)[1]
    best, best_d = None, None
    for c in cues:
        if content.first <= c.first and c.last <= content.last:
            continue  # a cue inside the content is a nested statement's
        d = content.first - c.last if c.last < content.first else c.first - content.last
        if not (sent_lo <= c.first and c.last <= sent_hi):
            d += 1000
        if best_d is None or d < best_d:
            best, best_d = c, d
    return best


def _nearest_source(cue: _Span, sources: list[_Span], doc) -> _Span | None:
    """The source span of a cue: the nearest one in the cue's sentence."""
    lo, hi = _sentence(doc, cue.first)
    best, best_d = None, None
    for s in sources:
        if not (lo <= s.first and s.last <= hi):
            continue
        d = cue.first - s.last if s.last < cue.first else s.first - cue.last
        if best_d is None or d < best_d:
            best, best_d = s, d
    return best


def _span_root(doc, sp: _Span):
    toks = [doc[i] for i in range(sp.first, sp.last + 1)]
    roots = [t for t in toks if not (sp.first <= t.head.i <= sp.last) or t.head.i == t.i]
    named = [t for t in roots if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return (named or roots or toks)[0]


def _type(text: str, s: int, e: int, qspans) -> str:
    inside = [q for q in qspans if q.start < e and q.end > s]
    if not inside:
        return "indirect"
    frag = text[s:e].strip().strip(".,;:")
    if frag[:1] in _QUOTE_CHARS and frag[-1:] in _QUOTE_CHARS and len(inside) == 1:
        return "direct"
    covered = sum(min(e, q.end) - max(s, q.start) for q in inside)
    return "direct" if covered >= 0.9 * (e - s) else "mixed"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def decode(doc, text: str, paras, tagged: list[tuple[list[str], list[float]]], rule_quotes: list[Quote],
           people: PeopleIndex | None = None) -> list[Quote]:
    """Statements from the tagger's labels (see the module docstring for the linking rules)."""
    people = people or PeopleIndex(doc, text)
    qspans = find_quote_spans(text)
    quote_ranges = [(q.start, q.end) for q in qspans]
    out: list[Quote] = []
    by_cue: dict[tuple[int, int], Quote] = {}
    last: Quote | None = None
    last_para = -99
    for pno, (para, (labels, marg)) in enumerate(zip(paras, tagged)):
        spans = _spans(labels, marg, para.tokens)
        contents = [s for s in spans if s.kind == qf.CONTENT and s.score >= MIN_CONFIDENCE]
        cues = [s for s in spans if s.kind == qf.CUE]
        sources = [s for s in spans if s.kind == qf.SOURCE]
        for c in contents:
            cs, ce = _char_span(doc, c)
            if not text[cs:ce].strip(_QUOTE_CHARS + " .,;:-—–"):
                continue
            cue = _nearest_cue(c, cues, doc)
            rule_q = None if cue is not None else max(
                (q for q in rule_quotes if any(_overlap((cs, ce), f) for f in q.content)),
                key=lambda q: max(_overlap((cs, ce), f) for f in q.content), default=None)
            if cue is not None:
                cue_chars = _char_span(doc, cue)
                existing = by_cue.get(cue_chars)
                if existing is not None:
                    existing.content.append((cs, ce))
                    existing.confidence = min(existing.confidence or 1.0, c.score)
                    last, last_para = existing, pno
                    continue
                src = _nearest_source(cue, sources, doc)
                rule, via = "crf", ""
                if src is not None:
                    speaker = resolve_speaker(_span_root(doc, src), people, quote_ranges)
                    s0, s1 = _char_span(doc, src)
                    speaker.mention, speaker.start, speaker.end = text[s0:s1], s0, s1
                else:
                    same = next((q for q in rule_quotes if q.cue and _overlap(q.cue, cue_chars)), None)
                    speaker = _copy(same.speaker) if same is not None else Speaker()
                    rule = "crf+rule-speaker" if same is not None else "crf"
                    via = same.via if same is not None else ""
                q = Quote(_type(text, cs, ce, qspans), [(cs, ce)], cue_chars, text[cue_chars[0]:cue_chars[1]],
                          speaker, rule=rule, confidence=c.score, via=via)
                by_cue[cue_chars] = q
            elif rule_q is not None and rule_q.cue is not None:
                q = Quote(_type(text, cs, ce, qspans), [(cs, ce)], rule_q.cue, rule_q.cue_text,
                          _copy(rule_q.speaker), rule="crf+rule-cue", confidence=c.score, via=rule_q.via)
                by_cue.setdefault(rule_q.cue, q)
            elif last is not None and pno - last_para <= 2:
                q = Quote(_type(text, cs, ce, qspans), [(cs, ce)], None, "", _copy(last.speaker),
                          rule="crf+follow-on", confidence=c.score, via=last.via)
            else:
                q = Quote(_type(text, cs, ce, qspans), [(cs, ce)], None, "", Speaker(), rule="crf",
                          confidence=c.score)
            out.append(q)
            last, last_para = q, pno
    for q in out:
        q.content.sort()
        if len(q.content) > 1:
            q.type = "direct" if all(_type(text, s, e, qspans) == "direct" for s, e in q.content) else (
                "indirect" if all(_type(text, s, e, qspans) == "indirect" for s, e in q.content) else "mixed")
    return sorted(out, key=lambda q: (q.start, q.end))


def _chars(q: Quote, text: str) -> set[int]:
    return {i for s, e in q.content for i in range(s, e) if not text[i].isspace() and text[i] not in _QUOTE_CHARS}


def dice(a: set[int], b: set[int]) -> float:
    """Character Dice of two sets of positions (0 when either is empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def candidates(learned: list[Quote], rule_quotes: list[Quote], text: str, min_dice: float = 0.5,
               doc=None) -> list[tuple[Quote, str]]:
    """Every statement the learned method may keep, each with its origin (see
    :mod:`newsbook.quotes.selector`): ``bounds``, ``new`` or ``rule``. The model's statements come
    first (on PolNeAR dev its spans are better than the rules').

    * A model statement that a rule statement matches (character Dice >= ``min_dice`` over their
      content) keeps the model's content and cue, and takes the rules' speaker, resolved with the
      press's conventions (names, roles, channels), its mention widened to the model's source
      where the two overlap (:func:`source_extent`): origin ``bounds``. Where the rules' content
      starts well before the model's (more than :data:`_MAX_LATER_START` characters), it stays
      the rules': the model's would lose the statement's opening.
    * A model statement no rule statement matches is ``new``.
    * A rule statement that overlaps no model statement is kept as it is (``rule``); one that
      overlaps a model statement without matching it gives way to the model's.
    """
    rule_chars = [_chars(q, text) for q in rule_quotes]
    used: set[int] = set()
    out: list[tuple[Quote, str]] = []
    for m in learned:
        mc = _chars(m, text)
        best, best_d = None, min_dice
        for k, rc in enumerate(rule_chars):
            if k in used or not (mc & rc):
                continue
            d = dice(mc, rc)
            if d >= best_d:
                best, best_d = k, d
        if best is None:
            out.append((m, "new"))
            continue
        used.add(best)
        q = rule_quotes[best]
        cue, cue_text = m.cue, m.cue_text  # (the rules' cue could join it to another statement's)
        content = list(q.content) if q.start < m.start - _MAX_LATER_START else list(m.content)
        speaker = _copy(q.speaker)
        if q.speaker.start is None and not q.speaker.name:
            speaker = _copy(m.speaker)
        elif m.speaker.start is not None and speaker.start is not None \
                and _overlap((m.speaker.start, m.speaker.end), (speaker.start, speaker.end)):
            start, end = source_extent((speaker.start, speaker.end), (m.speaker.start, m.speaker.end), text, doc)
            speaker.mention, speaker.start, speaker.end = text[start:end], start, end
        out.append((Quote(m.type if content == m.content else q.type, content, cue, cue_text, speaker,
                          rule=f"{q.rule}+crf-bounds",
                          confidence=m.confidence, via=q.via or m.via), "bounds"))
    model_chars = [_chars(m, text) for m in learned]
    for k, q in enumerate(rule_quotes):
        if k in used or any(rule_chars[k] & mc for mc in model_chars):
            continue
        out.append((q, "rule"))
    out.sort(key=lambda c: (c[0].start, c[0].end))
    return out


def combine(learned: list[Quote], rule_quotes: list[Quote], text: str, min_dice: float = 0.5,
            min_new: float | None = None, doc=None) -> list[Quote]:
    """The :func:`candidates` without a selector: the model's statements the rules also found, the
    rules' the model did not touch, and a model statement the rules missed when its confidence is
    at least ``min_new`` (default :data:`ADD_CONFIDENCE`)."""
    min_new = ADD_CONFIDENCE if min_new is None else min_new
    return [q for q, origin in candidates(learned, rule_quotes, text, min_dice, doc)
            if origin != "new" or (q.confidence or 0) >= min_new]


def source_extent(rule: tuple[int, int], model: tuple[int, int], text: str, doc=None) -> tuple[int, int]:
    """The speaker mention's edges: the model's (PolNeAR's extent: "Harsh V. Pant, professor of
    international relations at King's College London,"), except where the model runs past the
    rules' mention into part of another phrase, where the rules' edge is kept. On the left that
    is across a comma, into a fronted phrase ("[since the start of the talks in March,] analysts
    say"); on the right (given the parsed ``doc``), an edge that splits a noun from its modifier
    ("Aigul Bekova, senior research[ fellow at ...]"). (Any right
    edge followed by neither punctuation nor the cue was tried: it cost 3 of 1,366 exact sources
    on PolNeAR dev.)"""
    start, end = model
    if start < rule[0] and "," in text[start:rule[0]]:
        start = rule[0]
    if doc is not None and end > rule[1]:
        last = doc.char_span(start, end, alignment_mode="expand")
        if last is not None and len(last):
            tok = last[-1]
            nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
            if nxt is not None and tok.head.i == nxt.i and tok.dep_ in {"compound", "amod", "nmod"}:
                end = rule[1]
    return start, end


def _copy(sp: Speaker) -> Speaker:
    return Speaker(sp.mention, sp.start, sp.end, sp.name, sp.role, sp.org, sp.kind)


# --------------------------------------------------------------------------- the public entry point

def tag(tagger, xseq: list[list[str]]) -> tuple[list[str], list[float]]:
    """Labels of one sequence and the marginal probability of each label chosen."""
    if not xseq:
        return [], []
    labels = tagger.tag(xseq)
    marg = [1.0 if lab == "O" else tagger.marginal(lab, i) for i, lab in enumerate(labels)]
    return labels, marg


_PART_LABELS = tuple((f"B-{k}", f"I-{k}") for k in (qf.CONTENT, qf.CUE, qf.SOURCE))


def part_marginals(tagger, tokens: tuple[int, ...]) -> dict[int, tuple[float, float, float]]:
    """Per token of the sequence just tagged: its probability of being content, cue and source."""
    m = tagger.marginal
    return {i: tuple(m(b, j) + m(c, j) for b, c in _PART_LABELS) for j, i in enumerate(tokens)}


def tagged_statements(doc, text: str, tagger, marginals: bool = True):
    """The rules' statements, the CRF's decoded statements and the selector's
    :class:`~newsbook.quotes.selector.Context` (with the CRF's part marginals when ``marginals``)
    of one parsed document: what both the learned method and the selector's training start from."""
    from newsbook.quotes import selector as qsel
    from newsbook.quotes.lexicons import reporting_verbs

    people = PeopleIndex(doc, text)
    rule_quotes = extract_quotes(doc, text, people)
    paras, xseqs = qf.sequences(doc, text, rule_quotes)
    tagged, probs = [], {}
    for para, x in zip(paras, xseqs):
        labels, marg = tag(tagger, x)
        tagged.append((labels, marg))
        # the selector reads the marginals of candidates' tokens only, and every candidate lies in
        # paragraphs the CRF labelled or a rule statement touched: the others are not asked
        if marginals and x and (any(lab != "O" for lab in labels) or qf.rules_touch(x)):
            probs.update(part_marginals(tagger, para.tokens))
    learned = decode(doc, text, paras, tagged, rule_quotes, people)
    ctx = qsel.Context(doc, text, find_quote_spans(text), reporting_verbs(),
                       [doc[p.tokens[0]].idx for p in paras if p.tokens], probs)
    return rule_quotes, learned, ctx


def extract_quotes_learned(doc, text: str | None = None, tagger=None, selector=None) -> list[Quote]:
    """All attributed statements of a parsed document, found by the learned method: the rules,
    the CRF, and the statement selector (:mod:`newsbook.quotes.selector`) when it is installed."""
    from newsbook.quotes import selector as qsel

    text = doc.text if text is None else text
    selector = selector or qsel.load_selector()
    rule_quotes, learned, ctx = tagged_statements(doc, text, tagger or load_tagger(), selector is not None)
    if selector is None:
        return combine(learned, rule_quotes, text, doc=doc)
    return qsel.select(candidates(learned, rule_quotes, text, doc=doc), ctx, selector)


METHODS = ("learned", "rules")


def extract(doc, text: str | None = None, method: str = "learned", tagger=None, selector=None) -> list[Quote]:
    """Statements by ``method``: 'learned' (the CRF over the rules) or 'rules' alone.

    ``tagger`` is an open ``pycrfsuite.Tagger`` to use instead of the packaged model, ``selector`` a
    :class:`~newsbook.quotes.selector.Selector` instead of the packaged one.
    """
    if method == "rules":
        return extract_quotes(doc, text)
    if method == "learned":
        return extract_quotes_learned(doc, text, tagger, selector)
    raise ValueError(f"unknown quote method {method!r}; choose one of {', '.join(METHODS)}")
