#!/usr/bin/env python3
"""Choose the statement selector's thresholds on PolNeAR dev (how sure a candidate must be, by
origin, to be kept; newsbook.quotes.selector.THRESHOLDS). Prints the best settings by content F1 +
quote+speaker F1 (official Dice scorer); asserts nothing, changes nothing.

It also prints the ceiling of selection: the figures of keeping every candidate, and of keeping
exactly the candidates that match a gold attribution (an oracle selector, labelled as the selector
is trained: character Dice >= 0.5 of the content the candidates of one cue share). No selector over
these candidates can beat the oracle; better figures need better candidates (the CRF's spans).

    python benchmarks/quotes_thresholds.py [--shared ../shared] [--cache DIR] [--model crf.crfsuite]
                                           [--selector selector.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from quotes_eval import ROOT, _dice_figures, scored_record

GRID = {"rule": (0.0, 0.2, 0.3, 0.4, 0.5, 0.6), "bounds": (0.0, 0.2, 0.3, 0.4),
        "new": (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)}


def main() -> None:
    from newsbook.parse import ParseCache, load_nlp, parse_texts
    from newsbook.quotes import selector as qsel
    from newsbook.quotes.model import extract, load_tagger
    from newsbook.quotes.training import candidate_labels

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", default=None)
    ap.add_argument("--model", default=None)
    ap.add_argument("--selector", default=None)
    args = ap.parse_args()
    gold = args.shared / "eval" / "polnear_dev" / "polnear_dev.jsonl"
    articles = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp()
    docs = parse_texts([a["text"] for a in articles], nlp, ParseCache(args.cache), batch_size=16)
    base = qsel.load_selector(args.selector)
    keep_all = qsel.Selector(base.weights, base.intercept, {o: 0.0 for o in qsel.ORIGINS})
    tagger = load_tagger(args.model)
    found = [extract(doc, a["text"], "learned", tagger, keep_all) for a, doc in zip(articles, docs)]
    def score(kept: list[list]) -> dict:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            for a, qs in zip(articles, kept):
                fh.write(json.dumps({"id": a["id"], "quotes": [scored_record(q) for q in qs]}) + "\n")
        out = subprocess.run([sys.executable, str(args.shared / "eval" / "score_quotes.py"), str(gold), fh.name,
                              "--merge-by-cue"], capture_output=True, text=True).stdout
        Path(fh.name).unlink()
        return _dice_figures(out)

    results = []
    for values in itertools.product(*(GRID[o] for o in qsel.ORIGINS)):
        th = dict(zip(qsel.ORIGINS, values))
        fig = score([[q for q in qs if q.confidence >= th[qsel.origin_of(q.rule)]] for qs in found])
        results.append((fig["content"]["f1"] + fig["quote_speaker"]["f1"], fig["content"]["f1"],
                        fig["quote_speaker"]["f1"], th))
    results.sort(key=lambda r: r[:3])
    oracle = [[q for q, right in zip(qs, candidate_labels([(q, qsel.origin_of(q.rule)) for q in qs],
                                                           a["attributions"], a["text"])) if right]
              for a, qs in zip(articles, found)]
    for name, kept in (("every candidate", found), ("oracle selector", oracle)):
        fig = score(kept)
        c, qs_ = fig["content"], fig["quote_speaker"]
        print(f"{name}: content P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f}; "
              f"quote+speaker P {qs_['precision']:.3f} R {qs_['recall']:.3f} F1 {qs_['f1']:.3f}")
    print("content F1, quote+speaker F1, thresholds (best last)")
    for _, content, speaker, th in results[-10:]:
        print(f"{content:.3f} {speaker:.3f} {th}")
    for _, content, speaker, th in results:
        if th == qsel.THRESHOLDS:
            print(f"the package's THRESHOLDS {th}: {content:.3f} {speaker:.3f}")


if __name__ == "__main__":
    main()
