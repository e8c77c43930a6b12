"""The extractor's measured accuracy, as recorded by ``benchmarks/quotes_eval.py --record``.

The figures come from PolNeAR's development split (84 articles the model was never trained on
and the rules were never tuned on) and the hand-checked seed statements of the default corpus.
They ship with the package (``models/quotes/dev_figures.json``) so the book can report them
without the evaluation data, which is not part of the repository.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import pandas as pd

FIGURES_FILE = "models/quotes/dev_figures.json"
KINDS = ("all", "direct", "mixed", "indirect")


@lru_cache(maxsize=1)
def recorded() -> dict:
    """The recorded figures by method ({} when none are recorded)."""
    path = resources.files("newsbook").joinpath(FIGURES_FILE)
    if not path.is_file():
        return {}
    return json.loads(path.read_text("utf-8")).get("methods", {})


def dice_table() -> pd.DataFrame:
    """Content and quote+speaker F1 (Dice >= 0.5) per method and kind of statement."""
    rows = []
    for method, figures in recorded().items():
        for kind in KINDS:
            d = figures.get("polnear_dev", {}).get("dice", {}).get(kind)
            if d:
                rows.append({"method": method, "kind": kind, "gold statements": d["gold"],
                             "content precision": d["content"]["precision"], "content recall": d["content"]["recall"],
                             "content F1": d["content"]["f1"], "quote+speaker F1": d["quote_speaker"]["f1"]})
    return pd.DataFrame(rows, columns=["method", "kind", "gold statements", "content precision", "content recall",
                                       "content F1", "quote+speaker F1"])


def cofenet_table() -> pd.DataFrame:
    """CofeNet's exact-match F1 (percent) per method and role."""
    rows = []
    for method, figures in recorded().items():
        c = figures.get("polnear_dev", {}).get("cofenet_exact")
        if c:
            rows.append({"method": method, **{f"{role} F1": c[role]["f1"] for role in ("source", "cue", "content")}})
    return pd.DataFrame(rows, columns=["method", "source F1", "cue F1", "content F1"])


def seeds_table() -> pd.DataFrame:
    """The default corpus's seed statements: found, and named speakers right, per method."""
    rows = [{"method": m, **f["seeds"]} for m, f in recorded().items() if f.get("seeds")]
    return pd.DataFrame(rows, columns=["method", "statements", "found", "named", "named_right", "speaker_right"])
