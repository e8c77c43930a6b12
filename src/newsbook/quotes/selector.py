"""The statement selector: which candidate statements the learned method keeps.

One job: score each candidate statement (the CRF's, alone or with the rules' speaker, or a rule's
the CRF did not touch) with a logistic regression, and keep those whose
probability of being an attribution reaches the threshold of their origin.

* **Candidates** come from :func:`newsbook.quotes.model.candidates`; each has an *origin*:
  ``bounds`` (the CRF's statement, which the rules found too: it takes their speaker), ``new``
  (only the CRF found it) or ``rule`` (a rule statement the CRF did not touch).
* **Features** (:func:`statement_features`) describe the whole statement, which the CRF, seeing one
  token and its neighbours at a time, cannot: its origin and the rule that found it, its kind and
  length, its first word and the dependency of its root, how much of it lies inside quotation
  marks, its cue (lemma, part of speech, in the reporting-verb lexicon or not, before or after the
  content), its speaker (kind, named-entity tag), the paragraph it starts in, and how sure the CRF
  is of each part (the mean marginal probability of content, cue and source labels over the
  statement's tokens, computed for every candidate, the rules' included).
* **Training** (:func:`fit`, called by :mod:`newsbook.quotes.training`): the labels are whether a
  candidate matches a PolNeAR attribution (character Dice >= 0.5 of the content, the field's
  criterion). The candidates are those of CRFs trained on the other half of the train split
  (two folds), so that the selector learns how far to trust the CRF on text it has not seen.
* **Weights** are stored as JSON (``models/quotes/selector.json``: feature -> weight, and the
  intercept); applying them is a dot product, so scikit-learn is needed only to train. The
  thresholds per origin (:data:`THRESHOLDS`) were chosen on PolNeAR dev, after training.
"""

from __future__ import annotations

import bisect
import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsbook.quotes.records import Quote

SELECTOR_FILE = "selector.json"
#: Where a candidate statement came from (see the module docstring).
ORIGINS = ("rule", "bounds", "new")
#: First words of a content span that say what kind of complement it is.
_OPENERS = frozenset({"that", "to", "whether", "if", "how", "what", "why", "for", "about", '"', "“", "‘", "'"})
#: Regularisation of the logistic regression (inverse strength; chosen on PolNeAR dev).
C = 1.0
#: The probability a candidate needs, by origin, to be kept (chosen on PolNeAR dev).
THRESHOLDS = {"rule": 0.5, "bounds": 0.2, "new": 0.3}


@dataclass
class Selector:
    """A trained selector: weights per feature, an intercept and a threshold per origin."""

    weights: dict[str, float]
    intercept: float
    thresholds: dict[str, float] = field(default_factory=lambda: dict(THRESHOLDS))

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def keeps(self, origin: str, p: float) -> bool:
        return p >= self.thresholds.get(origin, 0.5)

    def to_json(self) -> dict:
        return {"intercept": self.intercept,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-9}}


def origin_of(rule: str) -> str:
    """A learned statement's origin, read back from its ``rule`` ('crf...' is the model's own,
    '<rule>+crf-bounds' a rule statement with the model's edges, anything else a rule's)."""
    if rule.startswith("crf"):
        return "new"
    return "bounds" if rule.endswith("+crf-bounds") else "rule"


def selector_path() -> Path:
    from newsbook.quotes.model import MODEL_DIR

    return Path(str(resources.files("newsbook").joinpath(MODEL_DIR).joinpath(SELECTOR_FILE)))


@lru_cache(maxsize=4)
def load_selector(path: str | None = None) -> Selector | None:
    """The packaged selector (or the one at ``path``); None when there is no file, in which case
    the learned method keeps the rules' statements and the CRF's surest (see ``model.combine``)."""
    p = Path(path) if path else selector_path()
    if not p.is_file():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return Selector({k: float(v) for k, v in data["weights"].items()}, float(data["intercept"]))


def save_selector(selector: Selector, path: Path) -> None:
    path = Path(path)
    tmp = path.with_name(".tmp-" + path.name)
    tmp.write_text(json.dumps(selector.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


# --------------------------------------------------------------------------- features

@dataclass
class Context:
    """What the features of one article's candidates share."""

    doc: object
    text: str
    quote_spans: list
    verbs: frozenset
    paragraph_starts: list[int]
    #: per token index: (P(content), P(cue), P(source)) from the CRF's marginals
    marginals: dict[int, tuple[float, float, float]]


def _span(doc, start: int, end: int):
    sp = doc.char_span(start, end, alignment_mode="expand")
    return sp if sp is not None and len(sp) else None


def statement_features(q: Quote, origin: str, ctx: Context) -> dict[str, float]:
    """The selector's features of one candidate statement (see the module docstring)."""
    doc = ctx.doc
    rule = q.rule.split("+")[0]
    f: dict[str, float] = {"bias": 1.0, "o=" + origin: 1.0, "t=" + q.type: 1.0, f"o|t={origin}|{q.type}": 1.0,
                           "r=" + rule: 1.0, f"o|r={origin}|{rule}": 1.0}
    if origin != "rule":
        c = q.confidence if q.confidence is not None else 1.0
        f["conf"] = c
        f["conf|" + origin] = c
        f[f"cbin={origin}|{min(int(c * 10), 9)}"] = 1.0
    cue = _span(doc, *q.cue) if q.cue else None
    if cue is not None:
        root = cue.root
        lemma = root.lemma_.lower()
        f.update({"cue": 1.0, "cl=" + lemma: 1.0, "cp=" + root.pos_: 1.0, "cd=" + root.dep_: 1.0,
                  ("clex" if lemma in ctx.verbs else "cnolex"): 1.0, f"o|clex={origin}|{lemma in ctx.verbs}": 1.0,
                  f"cuelen={min(len(cue), 4)}": 1.0})
        rel = "before" if q.cue[1] <= q.start else ("after" if q.cue[0] >= q.end else "inside")
        f["crel=" + rel] = 1.0
    else:
        f["nocue"] = 1.0
    sp = q.speaker
    mention = _span(doc, sp.start, sp.end) if sp.start is not None else None
    if mention is not None:
        f.update({"spk": 1.0, "sk=" + sp.kind: 1.0, "sp=" + mention.root.pos_: 1.0,
                  "se=" + (mention.root.ent_type_ or "O"): 1.0})
    else:
        f["nospk"] = 1.0
    chars = sum(e - s for s, e in q.content)
    spans = [s for s in (_span(doc, a, b) for a, b in q.content) if s is not None]
    if spans:
        first, root = spans[0][0], spans[0].root
        f[f"len={min(sum(len(s) for s in spans) // 3, 12)}"] = 1.0
        f["fp=" + first.pos_] = 1.0
        if first.lower_ in _OPENERS:
            f["fw=" + first.lower_] = 1.0
        f.update({"rd=" + root.dep_: 1.0, "rp=" + root.pos_: 1.0,
                  ("sent_first" if first.is_sent_start else "not_sent_first"): 1.0})
    f[f"nfrag={min(len(q.content), 3)}"] = 1.0
    inside = sum(max(0, min(e, m.end) - max(s, m.start)) for s, e in q.content for m in ctx.quote_spans)
    f[f"qfrac={min(int(4 * inside / max(chars, 1)), 4)}"] = 1.0
    f[f"para={min(bisect.bisect_right(ctx.paragraph_starts, q.start) - 1, 3)}"] = 1.0
    parts = (("pcon", spans, 0), ("pcue", [cue] if cue is not None else [], 1),
             ("psrc", [mention] if mention is not None else [], 2))
    for name, part, k in parts:
        values = [ctx.marginals[t.i][k] for s in part for t in s if t.i in ctx.marginals]
        if values:
            m = sum(values) / len(values)
            f[name] = m
            f[f"{name}|{origin}"] = m
            f[f"{name}b={min(int(m * 5), 4)}"] = 1.0
    return {k: v for k, v in f.items() if v}


def select(candidates: list[tuple[Quote, str]], ctx: Context, selector: Selector) -> list[Quote]:
    """The candidates the selector keeps, each with its probability as ``confidence``."""
    out = []
    for q, origin in candidates:
        p = selector.probability(statement_features(q, origin, ctx))
        if selector.keeps(origin, p):
            q.confidence = p
            out.append(q)
    return out


# --------------------------------------------------------------------------- training

def fit(features: list[dict[str, float]], labels: list[bool], thresholds: dict[str, float] | None = None,
        c: float = C) -> Selector:
    """A logistic regression (scikit-learn, L2, lbfgs: deterministic) over candidate features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(features)
    lr = LogisticRegression(C=c, max_iter=5000).fit(x, labels)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0])}
    return Selector(weights, float(lr.intercept_[0]), dict(thresholds or THRESHOLDS))
