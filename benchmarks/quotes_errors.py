#!/usr/bin/env python3
"""Where the quote extractor goes wrong on PolNeAR: figures for rule development. Prints only.

    python benchmarks/quotes_errors.py                        # train articles 0-450, the rule-development slice
    python benchmarks/quotes_errors.py --range 450:840        # the held-out train slice (look at figures only)
    python benchmarks/quotes_errors.py --examples 20 --seed 3 # and a sample of misses in context
    python benchmarks/quotes_errors.py --split dev --range : --method learned   # the error breakdown to report

Scores with the official protocol (``../shared/eval/score_quotes.py``: Dice >= 0.5 on normalised
content characters, one-to-one greedy matching, system quotes merged by cue) and sorts the errors:

* a gold statement is **missed** outright (no system content overlaps it), or found with the
  wrong **boundary** (overlap, Dice < 0.5: too short, too long or crossing), or **taken** (the
  overlapping system quote was matched to another gold statement);
* a system statement is a false positive with **no** gold overlap, a **boundary** error, or
  **taken** likewise;
* the outright misses by the gold cue's part of speech, and how thinly they spread over cue words
  (a rule for one cue word gains at most that word's count).

Parses go through newsbook's parse cache (``--cache``, default as ``newsbook build``), so a second
run takes seconds. Use the dev split only to report, never to choose rules.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes_eval import scored_record  # noqa: E402  (the scorer's system format, written once)


def load_scorer(shared: Path):
    """The official scorer as a module, for its normalisation and Dice."""
    spec = importlib.util.spec_from_file_location("score_quotes", shared / "eval" / "score_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def merged_by_cue(records: list[dict]) -> list[dict]:
    """System quotes sharing a cue span as one (the scorer's --merge-by-cue)."""
    merged: dict = {}
    for n, q in enumerate(records):
        key = tuple((c["start"], c["end"]) for c in q["cue"]) or ("solo", n)
        if key not in merged:
            merged[key] = dict(q, content=[])
        merged[key]["content"] = merged[key]["content"] + q["content"]
    return list(merged.values())


def classify(article: dict, records: list[dict], scorer) -> tuple[collections.Counter, list[dict]]:
    """Counts and error records of one article, with the scorer's matching."""
    text = article["text"]
    gold = [(scorer.norm_frags(g["content"], text), scorer.norm_frags(g["source"], text), g)
            for g in article["attributions"] if g["content"]]
    preds = [(scorer.norm_frags(q["content"], text), scorer.norm_frags(q["speaker"], text), q)
             for q in merged_by_cue(records)]
    preds = [p for p in preds if p[0]]
    pairs = sorted(((scorer.dice(p[0], g[0]), i, j) for i, p in enumerate(preds) for j, g in enumerate(gold)),
                   reverse=True)
    pred_of, gold_of = {}, {}
    for d, i, j in pairs:
        if d >= 0.5 and i not in pred_of and j not in gold_of:
            pred_of[i], gold_of[j] = j, i
    n = collections.Counter(gold=len(gold), pred=len(preds), match=len(pred_of))
    n["speaker"] = sum(bool(preds[i][1] & gold[j][1]) or not (preds[i][1] or gold[j][1]) for i, j in pred_of.items())
    errors = []
    for j, (g_chars, _, g) in enumerate(gold):
        if j in gold_of:
            continue
        best, i = max(((scorer.dice(p[0], g_chars), i) for i, p in enumerate(preds)), default=(0.0, None))
        if best == 0:
            how = "none"
        elif i in pred_of:
            how = "taken"
        else:
            p_chars = preds[i][0]
            how = "too short" if p_chars <= g_chars else "too long" if g_chars <= p_chars else "crossing"
        n[f"miss {how}"] += 1
        n[f"miss kind {g.get('derived_quote_kind', '?')}"] += 1
        errors.append({"gold": g, "how": how, "system": preds[i][2] if i is not None and best else None})
    for i, (p_chars, _, q) in enumerate(preds):
        if i not in pred_of:
            best, j = max(((scorer.dice(p_chars, g[0]), j) for j, g in enumerate(gold)), default=(0.0, None))
            how = "none" if best == 0 else "taken" if j in gold_of else "boundary"
            n[f"false {how}"] += 1
            n[f"false type {q['type']}"] += 1
    return n, errors


def prf(tp: int, pred: int, gold: int) -> str:
    p, r = tp / pred if pred else 0.0, tp / gold if gold else 0.0
    return f"P {p:.4f}  R {r:.4f}  F1 {2 * p * r / (p + r) if p + r else 0.0:.4f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--split", choices=["train", "dev"], default="train")
    ap.add_argument("--range", default="0:450", help="articles FROM:TO of the split (default 0:450)")
    ap.add_argument("--cache", type=Path, default=None, help="parse cache folder (default: newsbook's)")
    ap.add_argument("--examples", type=int, default=0, help="print this many outright misses in context")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--method", choices=["rules", "learned"], default="rules",
                    help="the rules alone (default: rule development) or the learned model over them")
    args = ap.parse_args()

    from newsbook.build import default_cache_dir
    from newsbook.parse import ParseCache, load_nlp, parse_texts
    from newsbook.quotes.model import extract

    scorer = load_scorer(args.shared)
    path = args.shared / "eval" / f"polnear_{args.split}" / f"polnear_{args.split}.jsonl"
    lo, hi = (int(x) if x else None for x in args.range.split(":"))
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][lo:hi]
    nlp = load_nlp()
    cache = ParseCache(args.cache or default_cache_dir())
    t0 = time.perf_counter()
    docs = list(parse_texts((a["text"] for a in articles), nlp, cache, n_process=2))
    parse_s = time.perf_counter() - t0
    total, errors, t0 = collections.Counter(), [], time.perf_counter()
    for a, doc in zip(articles, docs):
        n, errs = classify(a, [scored_record(q) for q in extract(doc, a["text"], args.method)], scorer)
        total.update(n)
        errors += [dict(e, doc=doc) for e in errs]
    extract_s = time.perf_counter() - t0

    print(f"== PolNeAR {args.split} [{args.range}], method {args.method}: {len(articles)} articles, {total['gold']:,} gold statements, "
          f"{total['pred']:,} extracted (parse {parse_s:.1f} s, {cache.hits} from the cache; extractor {extract_s:.1f} s)")
    print(f"content      {prf(total['match'], total['pred'], total['gold'])}")
    print(f"end-to-end   {prf(total['speaker'], total['pred'], total['gold'])}")
    misses = total["gold"] - total["match"]
    false = total["pred"] - total["match"]
    print(f"-- {misses:,} gold statements not matched ({misses / total['gold']:.1%} of gold):")
    for how in ("none", "too short", "too long", "crossing", "taken"):
        print(f"   {how:10s} {total['miss ' + how]:6,}")
    print("   by kind: " + ", ".join(f"{k[10:]} {v:,}" for k, v in sorted(total.items()) if k.startswith("miss kind ")))
    print(f"-- {false:,} extracted statements not matched ({false / total['pred']:.1%} of extracted):")
    for how in ("none", "boundary", "taken"):
        print(f"   {how:10s} {total['false ' + how]:6,}")
    print("   by type: " + ", ".join(f"{k[11:]} {v:,}" for k, v in sorted(total.items()) if k.startswith("false type ")))

    outright = [e for e in errors if e["how"] == "none"]
    pos, words = collections.Counter(), collections.Counter()
    for e in outright:
        cue = e["gold"]["cue"]
        span = e["doc"].char_span(cue[0]["start"], cue[-1]["end"], alignment_mode="expand") if cue else None
        pos[span.root.pos_ if span is not None else "(no cue)"] += 1
        if span is not None:
            words[span.root.lemma_.lower()] += 1
    top = words.most_common(10)
    print(f"-- the {len(outright):,} outright misses: cue part of speech "
          + ", ".join(f"{k} {v:,}" for k, v in pos.most_common(8)))
    print(f"   {len(words):,} distinct cue words; the ten commonest cover {sum(v for _, v in top):,} "
          f"({sum(v for _, v in top) / max(1, len(outright)):.1%}): " + ", ".join(f"{k} {v}" for k, v in top))

    random.seed(args.seed)
    for e in random.sample(outright, min(args.examples, len(outright))):
        g, text = e["gold"], e["doc"].text
        spans = g["content"] + g["source"] + g["cue"]
        s, t = min(x["start"] for x in spans), max(x["end"] for x in spans)
        print("\n  " + text[max(0, s - 60):t + 20].replace("\n", " / "))
        print(f"    source {[x['text'] for x in g['source']]}  cue {[x['text'] for x in g['cue']]}  "
              f"content {[x['text'][:100] for x in g['content']]}")


if __name__ == "__main__":
    main()
