"""Token features for the learned quote attribution model (:mod:`newsbook.quotes.model`).

One job: turn a parsed article, and the statements the rule extractor found in it, into one
sequence of feature strings per paragraph, the input of a linear-chain CRF. The features follow
the published design of attribution taggers (Pareti's PARC work, BBC Citron): the word, its lemma,
part of speech and dependency label; its head; whether it is, or hangs below, a reporting verb
(and through which dependency); where it stands relative to quotation marks; its named-entity
tag; and what the rules said of it (inside a rule's content, cue or speaker, and which rule).
A window of two tokens either side carries the word, part of speech, quotation state and rule tag.

Labels are BIO tags over three span types, :data:`SOURCE`, :data:`CUE`, :data:`CONTENT`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from newsbook.quotes.lexicons import reporting_verbs
from newsbook.quotes.marks import find_quote_spans
from newsbook.quotes.records import Quote

SOURCE, CUE, CONTENT = "SRC", "CUE", "CON"
#: Every label the model emits.
LABELS = ("O",) + tuple(f"{p}-{t}" for t in (SOURCE, CUE, CONTENT) for p in "BI")

_WINDOW = (-2, -1, 1, 2)
_RULE_TAG = "r="
_NO_RULE = _RULE_TAG + "O"
_ANCESTOR_DEPTH = 6


@dataclass(frozen=True)
class Paragraph:
    """The non-space tokens of one paragraph: indices into the Doc."""

    tokens: tuple[int, ...]


def paragraphs(doc) -> list[Paragraph]:
    """Split a Doc into paragraphs at white-space tokens holding a line break.

    (A token's own trailing white space is one space or none: a line break is always a token.)
    """
    out, cur = [], []
    text = doc.text
    for i, (start, end, space) in enumerate(zip(*_offsets(doc))):
        if space:
            if "\n" in text[start:end] and cur:
                out.append(Paragraph(tuple(cur)))
                cur = []
            continue
        cur.append(i)
    if cur:
        out.append(Paragraph(tuple(cur)))
    return out


def _offsets(doc) -> tuple[list[int], list[int], list[bool]]:
    """Each token's start and end character and whether it is white space (read as arrays:
    spaCy makes a new Python object each time a Token is touched)."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH  # (here: importing spaCy costs a cached rebuild 0.7 s)

    if not len(doc):
        return [], [], []
    starts, lengths, space = zip(*doc.to_array([IDX, LENGTH, IS_SPACE]).tolist())
    return list(starts), [s + n for s, n in zip(starts, lengths)], [bool(x) for x in space]


def _paint(doc, spans: list[tuple[str, int, int, str]], offsets=None) -> list[tuple[str, str]]:
    """Per token (type, extra) of the spans covering it; a shorter span wins where spans nest.

    ``spans`` are (type, start char, end char, extra). Returns BIO-typed tags per token.
    """
    starts, ends, space = offsets or _offsets(doc)
    tags: list[tuple[str, str]] = [("O", "")] * len(doc)
    span_id: list[int] = [-1] * len(doc)
    for n, (kind, s, e, extra) in enumerate(sorted(spans, key=lambda x: -(x[2] - x[1]))):
        lo = max(0, bisect.bisect_right(starts, s) - 1)
        for i in range(lo, len(doc)):
            if starts[i] >= e:
                break
            if ends[i] <= s or space[i]:
                continue
            tags[i] = (kind, extra)
            span_id[i] = n
    out: list[tuple[str, str]] = []
    prev = -1
    for i, (kind, extra) in enumerate(tags):
        if kind == "O":
            out.append(("O", ""))
            prev = -1
            continue
        out.append((("I-" if span_id[i] == prev else "B-") + kind, extra))
        prev = span_id[i]
    return out


def _fix_bio(labels: list[str]) -> list[str]:
    """BIO over a paragraph: an I- after another type (or after a skipped space) begins a span."""
    out, prev = [], "O"
    for lab in labels:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


def gold_labels(doc, attributions: list[dict]) -> list[str]:
    """BIO labels per token from attribution records ({source|cue|content: [{start, end}]})."""
    spans = [(kind, p["start"], p["end"], "")
             for a in attributions
             for kind, key in ((SOURCE, "source"), (CUE, "cue"), (CONTENT, "content"))
             for p in a.get(key, [])]
    return [t for t, _ in _paint(doc, spans)]


def rule_tags(doc, quotes: list[Quote], offsets=None) -> list[tuple[str, str]]:
    """What the rule extractor said of each token: a BIO tag and the rule's name and type."""
    spans = []
    for q in quotes:
        extra = f"{q.rule}|{q.type}"
        spans += [(CONTENT, s, e, extra) for s, e in q.content]
        if q.cue is not None:
            spans.append((CUE, q.cue[0], q.cue[1], extra))
        if q.speaker.start is not None:
            spans.append((SOURCE, q.speaker.start, q.speaker.end, extra))
    return _paint(doc, spans, offsets)


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "XX"
    if text[:1].isupper():
        return "Xx"
    if text[:1].isalpha():
        return "x"
    return text[:2]


def _heads_and_starts(doc) -> tuple[list[int], list[bool]]:
    """Each token's head index and whether it starts a sentence, read as arrays."""
    from spacy.attrs import HEAD, SENT_START

    if not len(doc):
        return [], []
    rel, start = doc.to_array([HEAD, SENT_START]).astype("int64").T.tolist()  # (unsigned: -1 wraps)
    return [i + r for i, r in enumerate(rel)], [s == 1 for s in start]


def _quote_state(doc, text: str, starts: list[int] | None = None) -> list[str]:
    """Per token: 'open'/'close' for a quotation mark, 'in' inside a quotation, else 'out'."""
    state = ["out"] * len(doc)
    starts = _offsets(doc)[0] if starts is None else starts
    for q in find_quote_spans(text):
        first = bisect.bisect_left(starts, q.start)
        last = bisect.bisect_left(starts, q.end)
        for i in range(first, min(last, len(doc))):
            state[i] = "in"
        if first < len(doc):
            state[first] = "open"
        if q.closed and 0 < last <= len(doc):
            state[last - 1] = "close"
    return state


def doc_features(doc, text: str, quotes: list[Quote]) -> list[list[str]]:
    """Feature strings for every token of ``doc`` (white space included, never used).

    Token attributes are read once into lists: walking heads through spaCy's Token objects
    creates a new object at each step, a third of the cost.
    """
    verbs = reporting_verbs()
    offsets = _offsets(doc)
    rules = rule_tags(doc, quotes, offsets)
    qstate = _quote_state(doc, text, offsets[0])
    n = len(doc)
    toks = list(doc)
    lower = [t.lower_ for t in toks]
    lemma = [t.lemma_.lower() for t in toks]
    pos = [t.pos_ for t in toks]
    dep = [t.dep_ for t in toks]
    head, sent_start = _heads_and_starts(doc)
    # each token's children's dependency labels, in order (Token.children makes an object a child)
    children: list[list[str]] = [[] for _ in range(n)]
    space = offsets[2]
    for j, h in enumerate(head):
        if h != j and not space[j]:
            children[h].append(dep[j])
    is_verb = [lem in verbs for lem in lemma]
    clause_verb = [p in ("VERB", "AUX") for p in pos]
    base: list[list[str]] = []
    for i, tok in enumerate(toks):
        h = head[i]
        ent = tok.ent_type_
        f = [
            "b", "w=" + lower[i], "l=" + lemma[i], "p=" + pos[i], "t=" + tok.tag_, "d=" + dep[i],
            "sh=" + _shape(tok.text), "hl=" + lemma[h], "hp=" + pos[h],
            "dhp=" + dep[i] + "|" + pos[h], "q=" + qstate[i],
            "e=" + (tok.ent_iob_ + ent if ent else "O"),
        ]
        if is_verb[i]:
            f.append("rv")
        if is_verb[h] and h != i:
            f.append("hrv|" + dep[i])
        if sent_start[i]:
            f.append("ss")
        if i + 1 == n or sent_start[i + 1]:
            f.append("se")
        node, below = i, i
        for depth in range(_ANCESTOR_DEPTH):
            if head[node] == node:
                break
            below, node = node, head[node]
            if is_verb[node]:
                f += ["anc=" + dep[below], "ancl=" + lemma[node], f"ancd={min(depth, 3)}"]
                break
        # the nearest verb (or noun taking a clause) above the token, whatever the lexicon says: the
        # model learns which verbs' complements PolNeAR counts as content ("documented", "relied on")
        node, below = i, i
        for _depth in range(_ANCESTOR_DEPTH):
            if head[node] == node:
                break
            below, node = node, head[node]
            if clause_verb[node] or (pos[node] == "NOUN" and dep[below] in ("acl", "prep")):
                f += ["av=" + lemma[node], "avd=" + dep[below], "avl=" + lemma[node] + "|" + dep[below]]
                break
        # the clause shape below a cue: its children's dependency labels
        f += ["ch=" + d for d in children[i]]
        f += ["ld=" + lemma[i] + "|" + dep[i], "l-1=" + (lemma[i - 1] if i else "^"),
              "l+1=" + (lemma[i + 1] if i + 1 < n else "$")]
        rtag, rextra = rules[i]
        f.append(_RULE_TAG + rtag)
        if rtag != "O":
            rule, qtype = rextra.split("|")
            f += ["rn=" + rule + rtag[1:], "rt=" + qtype + rtag[1:]]
        base.append(f)
    rtags = [r for r, _ in rules]
    for i in range(n):
        f = base[i]
        for off in _WINDOW:
            j = i + off
            if 0 <= j < n:
                f += [f"w{off}={lower[j]}", f"p{off}={pos[j]}", f"q{off}={qstate[j]}", f"r{off}={rtags[j]}"]
            else:
                f.append(f"edge{off}")
        f.append(f"pp={pos[i - 1] if i else '^'}|{pos[i]}")
    return base


def rules_touch(xseq: list[list[str]]) -> bool:
    """Whether any token of a feature sequence lies in a rule statement's content, cue or speaker."""
    return any(_NO_RULE not in f for f in xseq)


def sequences(doc, text: str, quotes: list[Quote]) -> tuple[list[Paragraph], list[list[list[str]]]]:
    """The paragraphs of ``doc`` and, for each, its tokens' features."""
    feats = doc_features(doc, text, quotes)
    paras = paragraphs(doc)
    return paras, [[feats[i] for i in p.tokens] for p in paras]


def paragraph_labels(paras: list[Paragraph], labels: list[str]) -> list[list[str]]:
    """Per-token labels cut to the paragraphs' tokens (BIO repaired where a space was skipped)."""
    return [_fix_bio([labels[i] for i in p.tokens]) for p in paras]
