#!/usr/bin/env python3
"""Measure the quote extractor: PolNeAR dev (scored by ../shared/eval/score_quotes.py) and the
gold seeds of the default corpus (speaker full names). Prints figures; asserts nothing.

    python benchmarks/quotes_eval.py [--shared ../shared] [--limit N] [--method learned|rules] [--cache DIR]

PolNeAR dev is scored twice: by the official Dice scorer (all attributions, then each kind) and by
CofeNet's exact-match metric on CofeNet's dev instances (``score_cofenet.py``). ``--cache`` parses
through newsbook's parse cache (then no parse time is reported).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scored_record(q) -> dict:
    """One extracted quote in the scorer's system format (../shared/eval/README.md)."""
    return {
        "type": q.type,
        "content": [{"start": s, "end": e} for s, e in q.content],
        "cue": [{"start": q.cue[0], "end": q.cue[1]}] if q.cue else [],
        "speaker": [{"start": q.speaker.start, "end": q.speaker.end}] if q.speaker.start is not None else [],
        "speaker_name": q.speaker.name,
        "rule": q.rule,
    }


def polnear(shared: Path, limit: int | None, method: str, cache: str | None, model: str | None = None) -> None:
    from newsbook.parse import ParseCache, load_nlp, parse_texts
    from newsbook.quotes.model import extract

    gold_path = shared / "eval" / "polnear_dev" / "polnear_dev.jsonl"
    articles = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    if limit:
        articles = articles[:limit]
    nlp = load_nlp()
    tagger = None
    if model:
        from newsbook.quotes.model import load_tagger

        tagger = load_tagger(model)
    texts = [a["text"] for a in articles]
    t0 = time.perf_counter()
    docs = list(parse_texts(texts, nlp, ParseCache(cache), batch_size=16) if cache else nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    system = []
    for a, doc in zip(articles, docs):
        # the text it was parsed from, as the pipeline passes it
        system.append({"id": a["id"], "quotes": [scored_record(q) for q in extract(doc, a["text"], method, tagger)]})
    extract_s = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for rec in system:
            fh.write(json.dumps(rec) + "\n")
        sys_path = fh.name
    gold_file = gold_path
    if limit:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as gh:
            for a in articles:
                gh.write(json.dumps(a) + "\n")
            gold_file = Path(gh.name)
    scorer = shared / "eval" / "score_quotes.py"
    words = sum(len(t.split()) for t in texts)
    print(f"== PolNeAR dev, method {method}: {len(articles)} articles, {words:,} words")
    if cache:
        print(f"parsed through the cache {cache}; quotes stage {extract_s:.1f} s")
    else:
        print(f"spaCy parse {parse_s:.1f} s; quotes stage {extract_s:.1f} s "
              f"(+{100 * extract_s / parse_s:.1f} % of the parse time)")
    for extra in ([], ["--kinds", "direct"], ["--kinds", "mixed"], ["--kinds", "indirect"]):
        print(f"-- all attributions {' '.join(extra)}".rstrip())
        out = subprocess.run([sys.executable, str(scorer), str(gold_file), sys_path, *extra, "--merge-by-cue"],
                             capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip())
    cofenet = shared / "eval" / "cofenet_dev" / "valid.jsonl"
    if cofenet.is_file() and not limit:
        print("-- CofeNet's exact-match metric on CofeNet's dev instances")
        out = subprocess.run([sys.executable, str(shared / "eval" / "score_cofenet.py"), str(cofenet),
                              str(gold_path), sys_path], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip())


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").lower().strip()
    return "" if name in {"unattributed", ""} else name


def seeds(shared: Path, method: str) -> None:
    from newsbook.pipeline import run

    gold = [r for r in csv.DictReader(open(shared / "gold" / "seeds_quotes.csv", encoding="utf-8"))]
    strict = [r for r in gold if r["borderline"] != "yes"]
    results = run(ROOT / "data" / "corpus", cache_dir=None, quote_method=method)
    quotes = results.tables["quotes"]
    files = {a.file: a.doc_id for a in results.corpus}
    found = named_ok = named_total = all_ok = 0
    misses = []
    for r in strict:
        doc_id = files[r["file"]]
        off = int(r["char_offset"])
        cands = quotes[(quotes.doc_id == doc_id) & (quotes.start <= off + 3) & (quotes.end > off)]
        is_named = r["speaker_kind"] in {"person", "organization", "media"} and r["speaker_full_name"] != "UNATTRIBUTED"
        if len(cands):
            found += 1
        if any(_norm(sp) == _norm(r["speaker_full_name"]) for sp in cands.speaker):
            all_ok += 1
        elif not is_named:
            misses.append((r["quote_id"], r["speaker_full_name"], list(cands.speaker)))
        if is_named:
            named_total += 1
            if any(_norm(s) == _norm(r["speaker_full_name"]) for s in cands.speaker):
                named_ok += 1
            else:
                misses.append((r["quote_id"], r["speaker_full_name"], list(cands.speaker)))
    print(f"== Gold seeds: {len(strict)} non-borderline statements ({len(gold)} in all)")
    print(f"found (a system quote covers the statement's start): {found}/{len(strict)} = {found / len(strict):.3f}")
    print(f"named speakers found with the correct full name: {named_ok}/{named_total} = {named_ok / named_total:.3f}")
    print(f"all statements found with the correct speaker (UNATTRIBUTED = no name): "
          f"{all_ok}/{len(strict)} = {all_ok / len(strict):.3f}")
    for m in misses:
        print("   miss:", m)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR articles")
    ap.add_argument("--skip-polnear", action="store_true")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--method", choices=("learned", "rules"), default="learned")
    ap.add_argument("--cache", default=None, help="parse through this parse-cache folder")
    ap.add_argument("--model", default=None, help="a crf.crfsuite file instead of the packaged model")
    args = ap.parse_args()
    if not args.skip_seeds:
        seeds(args.shared, args.method)
    if not args.skip_polnear:
        polnear(args.shared, args.limit, args.method, args.cache, args.model)


if __name__ == "__main__":
    main()
