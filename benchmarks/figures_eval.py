#!/usr/bin/env python3
"""Score money-figure extraction against ../shared/gold/seeds_figures.csv. Prints figures only.

A gold figure is found when a system figure starts within 3 characters of its offset. Value,
currency and scale must equal the gold ones (vague amounts: no value on both sides); the year
is right when it equals the gold year or lies in the gold range ("2022–2024"); the parties are
right when the sets of codes are equal (gold names mapped with newsbook.places.parties_in).

Then the year alone on constructed sentences (benchmarks/data/figure_years.csv, written for this
benchmark, not from the corpus): one sentence per case of newsbook.figures.year_of (a relative year
against a baseline year, a year in another phrase, a sentence-opening time frame, ...), each with
its publication date and the year that governs the figure.

Then share and rank claims ("China is Kazakhstan's largest trading partner", "a quarter of
Kyrgyzstan's imports"): on constructed sentences (benchmarks/data/share_claims.csv, written for
this benchmark: one per form, with sentences that hold none) and on the default corpus's claims
annotated by hand (benchmarks/data/corpus_share_claims.csv: every share or rank claim of
data/corpus, with file offsets). A claim is found when one of the same kind is read from the
sentence (corpus: starts within 3 characters of the offset); its fields (subject, owner,
measure, year, rank or share, qualifier) are scored one by one and all together; sentences with
no claim score false positives. The corpus claims are then checked against the reference
tables (newsbook.shares.check_share_claims) and each verdict is printed with its reason.
"""

from __future__ import annotations

import argparse
import csv
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALES = {"billion": 1e9, "million": 1e6, "trillion": 1e12, "thousand": 1e3}


def year_ok(system, gold: str) -> bool:
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", gold)]
    if system is None or system != system or not years:
        return False
    return min(years) <= int(system) <= max(years)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    from newsbook.pipeline import run
    from newsbook.places import parties_in

    results = run(ROOT / "data" / "corpus", cache_dir=None)
    figures = results.tables["figures"]
    files = {a.file: a.doc_id for a in results.corpus}
    gold = list(csv.DictReader(open(args.shared / "gold" / "seeds_figures.csv", encoding="utf-8")))
    found = vcs = years = parties = 0
    for g in gold:
        doc_id, off = files[g["file"]], int(g["char_offset"])
        cand = figures[(figures.doc_id == doc_id) & ((figures.start - off).abs() <= 3)]
        if cand.empty:
            print(f"MISS  {g['money_id']} {g['amount_text']}")
            continue
        f = cand.iloc[0]
        found += 1
        g_value = float(g["value"]) if g["value"] else None
        s_value = None if f.value != f.value else float(f.value)
        ok_vcs = (g_value == s_value and g["currency"] == f.currency and SCALES.get(g["unit"]) == f.scale)
        ok_year = year_ok(f.year, g["year_referred"])
        ok_parties = set(parties_in(g["parties"])) == set(str(f.parties).split(";")) - {""}
        vcs += ok_vcs
        years += ok_year
        parties += ok_parties
        print(f"{'ok  ' if ok_vcs and ok_year and ok_parties else 'DIFF'}  {g['money_id']} {g['amount_text']!r}: "
              f"value/currency/scale {'ok' if ok_vcs else 'WRONG'}; year {f.year} vs {g['year_referred']!r} "
              f"{'ok' if ok_year else 'WRONG'}; parties {f.parties} vs {g['parties']!r} {'ok' if ok_parties else 'WRONG'}")
    n = len(gold)
    print(f"found {found}/{n}; value+currency+scale right {vcs}/{n}; year right {years}/{n} = {years / n:.3f}; "
          f"parties right {parties}/{n} = {parties / n:.3f}")
    constructed_years()
    constructed_share_claims()
    corpus_share_claims(results, files)


FIELDS = ("subject", "owner", "measure", "year", "amount", "approx")


def _fields_right(claim, gold: dict) -> dict[str, bool]:
    amount = (claim.rank == int(gold["rank"])) if gold["kind"] == "rank" else (
        claim.share is not None and abs(claim.share - float(gold["share"])) < 1e-3)
    return {"subject": (claim.subject or "") == gold["subject"], "owner": (claim.owner or "") == gold["owner"],
            "measure": claim.measure == gold["measure"], "year": str(claim.year) == gold["year"],
            "amount": amount, "approx": claim.approx == gold["approx"]}


def _report(name: str, scored: list[dict], n: int, found: int) -> None:
    right = {f: sum(s[f] for s in scored) for f in FIELDS}
    all_right = sum(all(s.values()) for s in scored)
    print(f"{name}: found {found}/{n}; " + ", ".join(f"{f} {right[f]}/{n}" for f in FIELDS)
          + f"; all fields right {all_right}/{n} = {all_right / n:.3f}")


def constructed_share_claims() -> None:
    from newsbook.shares import find_share_claims

    rows = list(csv.DictReader(open(ROOT / "benchmarks" / "data" / "share_claims.csv", encoding="utf-8")))
    scored, found, false_pos, n = [], 0, 0, 0
    for r in rows:
        claims = find_share_claims(r["sentence"], date.fromisoformat(r["published"]), r["context"])
        if not r["kind"]:
            false_pos += len(claims)
            print(f"{'ok  ' if not claims else 'FP  '}  share/rank ({r['case']}): {len(claims)} claim(s) in a sentence with none")
            continue
        n += 1
        same = [c for c in claims if c.kind == r["kind"]]
        if not same:
            print(f"MISS  share/rank ({r['case']}): {r['sentence']}")
            scored.append({f: False for f in FIELDS})
            continue
        found += 1
        false_pos += len(claims) - 1
        right = _fields_right(same[0], r)
        scored.append(right)
        wrong = [f for f, ok in right.items() if not ok]
        print(f"{'ok  ' if not wrong else 'DIFF'}  share/rank ({r['case']}): "
              + ("all fields right" if not wrong else "wrong: " + ", ".join(
                  f"{f}={getattr(same[0], 'rank' if f == 'amount' and r['kind'] == 'rank' else 'share' if f == 'amount' else f)}"
                  for f in wrong)))
    _report("constructed share/rank claims", scored, n, found)
    print(f"constructed share/rank claims: false positives {false_pos}")


def corpus_share_claims(results, files: dict) -> None:
    import pandas as pd

    from newsbook.shares import ShareClaim, check_share_claims
    from newsbook.trade import REFERENCE_FILES, load_references

    found_table = results.tables["share_claims"]
    gold = list(csv.DictReader(open(ROOT / "benchmarks" / "data" / "corpus_share_claims.csv", encoding="utf-8")))
    scored, found, matched = [], 0, set()
    for g in gold:
        doc_id, off = files[g["file"]], int(g["char_offset"])
        cand = found_table[(found_table.doc_id == doc_id) & ((found_table.start - off).abs() <= 3)
                           & (found_table.kind == g["kind"])]
        if cand.empty:
            print(f"MISS  corpus share/rank {g['file']}@{off} {g['text']!r}")
            scored.append({f: False for f in FIELDS})
            continue
        found += 1
        r = cand.iloc[0]
        matched.add(r.claim_id)
        claim = ShareClaim(r.text, 0, 0, r.kind, r.subject or None, r.owner or None, r.measure,
                           None if pd.isna(r["rank"]) else int(r["rank"]), None if pd.isna(r.share) else r.share,
                           r.approx, None if pd.isna(r.year) else int(r.year))
        right = _fields_right(claim, g)
        scored.append(right)
        wrong = [f for f, ok in right.items() if not ok]
        print(f"{'ok  ' if not wrong else 'DIFF'}  corpus share/rank {r.claim_id} {r.text!r}: "
              + ("all fields right" if not wrong else "wrong: " + ", ".join(wrong)))
    extra = found_table[~found_table.claim_id.isin(matched)]
    for r in extra.itertuples():
        print(f"EXTRA corpus share/rank {r.claim_id} {r.text!r}: not in the annotation")
    _report("corpus share/rank claims", scored, len(gold), found)
    print(f"corpus share/rank claims: claims found that the annotation lacks {len(extra)}")
    ref = load_references([ROOT / "data" / "reference" / name for name in REFERENCE_FILES])
    checked = check_share_claims(found_table, ref)
    for r in checked.itertuples():
        print(f"CHECK {r.claim_id} {r.kind} {r.subject} of {r.owner or '?'} {r.measure} {r.year}: {r.verdict} ({r.reason})")
    counts = checked.verdict.value_counts().to_dict()
    print(f"corpus share/rank claims checked: {len(checked)}/{len(found_table)} with a verdict; {counts}")


def constructed_years() -> None:
    from newsbook.figures import year_of

    rows = list(csv.DictReader(open(ROOT / "benchmarks" / "data" / "figure_years.csv", encoding="utf-8")))
    right = 0
    for r in rows:
        got = year_of(r["sentence"], r["sentence"].index(r["amount"]), date.fromisoformat(r["published"]))
        right += got == int(r["year"])
        print(f"{'ok  ' if got == int(r['year']) else 'DIFF'}  year {got} vs {r['year']} ({r['case']}): {r['amount']}")
    print(f"constructed sentences: year right {right}/{len(rows)} = {right / len(rows):.3f}")


if __name__ == "__main__":
    main()
