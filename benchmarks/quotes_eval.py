#!/usr/bin/env python3
"""Measure the quote extractor: PolNeAR dev (scored by ../shared/eval/score_quotes.py) and the
gold seeds of the default corpus (speaker full names). Prints figures; asserts nothing.

    python benchmarks/quotes_eval.py [--shared ../shared] [--limit N] [--method learned|rules] [--cache DIR]
                                     [--model crf.crfsuite] [--selector selector.json]
                                     [--record src/newsbook/models/quotes/dev_figures.json]

PolNeAR dev is scored twice: by the official Dice scorer (all attributions, then each kind) and by
CofeNet's exact-match metric on CofeNet's dev instances (``score_cofenet.py``). ``--cache`` parses
through newsbook's parse cache (then no parse time is reported).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
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


_PRF = re.compile(r"P=([\d.]+) R=([\d.]+) F1=([\d.]+)")


def _prf(line: str) -> dict:
    p, r, f = (float(x) for x in _PRF.search(line).groups())
    return {"precision": p, "recall": r, "f1": f}


def _dice_figures(scorer_output: str) -> dict:
    """The official scorer's content and quote+speaker lines, as numbers."""
    lines = scorer_output.splitlines()
    content = next(ln for ln in lines if ln.startswith("content match"))
    speaker = next(ln for ln in lines if ln.startswith("end-to-end"))
    gold = re.search(r"gold=(\d+)", scorer_output)
    return {"gold": int(gold.group(1)) if gold else None, "content": _prf(content), "quote_speaker": _prf(speaker)}


def _cofenet_figures(output: str) -> dict:
    """CofeNet's exact-match P/R/F1 per role (source, cue, content) of the system line."""
    line = next(ln for ln in output.splitlines() if ln.startswith("system"))
    triples = re.findall(r"([\d.]+)/\s*([\d.]+)/\s*([\d.]+)", line)[:3]
    return {role: {"precision": float(p), "recall": float(r), "f1": float(f)}
            for role, (p, r, f) in zip(("source", "cue", "content"), triples)}


def polnear(shared: Path, limit: int | None, method: str, cache: str | None, model: str | None = None,
            selector: str | None = None) -> dict:
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
    if selector:
        from newsbook.quotes.selector import load_selector

        selector = load_selector(selector)
    texts = [a["text"] for a in articles]
    t0 = time.perf_counter()
    docs = list(parse_texts(texts, nlp, ParseCache(cache), batch_size=16) if cache else nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    system = []
    for a, doc in zip(articles, docs):
        # the text it was parsed from, as the pipeline passes it
        system.append({"id": a["id"], "quotes": [scored_record(q) for q in extract(doc, a["text"], method, tagger, selector or None)]})
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
    figures: dict = {"articles": len(articles), "words": words, "dice": {}}
    for kind, extra in (("all", []), ("direct", ["--kinds", "direct"]), ("mixed", ["--kinds", "mixed"]),
                        ("indirect", ["--kinds", "indirect"])):
        print(f"-- all attributions {' '.join(extra)}".rstrip())
        out = subprocess.run([sys.executable, str(scorer), str(gold_file), sys_path, *extra, "--merge-by-cue"],
                             capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip())
        figures["dice"][kind] = _dice_figures(out.stdout)
    cofenet = shared / "eval" / "cofenet_dev" / "valid.jsonl"
    if cofenet.is_file() and not limit:
        print("-- CofeNet's exact-match metric on CofeNet's dev instances")
        out = subprocess.run([sys.executable, str(shared / "eval" / "score_cofenet.py"), str(cofenet),
                              str(gold_path), sys_path], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip())
        figures["cofenet_exact"] = _cofenet_figures(out.stdout)
    return figures


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").lower().strip()
    return "" if name in {"unattributed", ""} else name


def seeds(shared: Path, method: str) -> dict:
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
    return {"statements": len(strict), "found": found, "named": named_total, "named_right": named_ok,
            "speaker_right": all_ok}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR articles")
    ap.add_argument("--skip-polnear", action="store_true")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--method", choices=("learned", "rules"), default="learned")
    ap.add_argument("--cache", default=None, help="parse through this parse-cache folder")
    ap.add_argument("--model", default=None, help="a crf.crfsuite file instead of the packaged model")
    ap.add_argument("--selector", default=None, help="a selector.json file instead of the packaged one")
    ap.add_argument("--record", type=Path, default=None, metavar="FILE",
                    help="also write the figures as JSON (the book reads src/newsbook/models/quotes/dev_figures.json: "
                         "run both methods with --record on the same file)")
    args = ap.parse_args()
    record: dict = {}
    if not args.skip_seeds:
        record["seeds"] = seeds(args.shared, args.method)
    if not args.skip_polnear:
        record["polnear_dev"] = polnear(args.shared, args.limit, args.method, args.cache, args.model, args.selector)
    if args.record and not args.limit:
        write_record(args.record, args.method, record)


def write_record(path: Path, method: str, figures: dict) -> None:
    """Add one method's figures to ``path`` (JSON by method), atomically."""
    import datetime
    import os

    from newsbook.quotes.model import model_version

    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data["measured_by"] = "benchmarks/quotes_eval.py"
    data.setdefault("methods", {})[method] = {
        **figures, "model": model_version() if method == "learned" else None,
        "date": datetime.date.today().isoformat()}
    tmp = path.with_name(".tmp-" + path.name)
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    print(f"figures recorded in {path}")


if __name__ == "__main__":
    main()
