"""Check the trade figures that articles cite against the reference statistics.

A claim is a money figure that measures trade, exports or imports, names two
parties and a year. It is matched to every reference row with the same two
parties (in either direction: each side's own statistics and its partner's
mirror figures), the same year and the same flow (``trade`` -> ``total``;
``exports``/``imports`` -> either side's exports or imports between the two),
compared in the claim's own currency where the reference has it (EUR figures
are kept in EUR), otherwise in US dollars.

A reference row *supports* a claim when the claim's qualifier allows the
difference:

=========  ==========================================================
approx     the reference value must lie in
=========  ==========================================================
exact      within ±5 % of the claim (rounding)
about      within ±5 % of the claim
over       from 1 % below the claim to 15 % above ("topping $41bn")
under      from 15 % below the claim to 1 % above ("nearly $25bn")
=========  ==========================================================

Verdicts: ``consistent`` (every matching row supports it, or the rows that do
not come from the same side as rows that do); ``depends on whose statistics``
(rows from one side support it, rows from the other side do not); ``inconsistent``
(no row supports it); ``not checkable`` (no reference row for those parties,
year and flow, or no comparable currency).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TOLERANCE = {"exact": (-0.05, 0.05), "about": (-0.05, 0.05), "over": (-0.01, 0.15), "under": (-0.15, 0.01)}
TRADE_MEASURES = {"trade", "exports", "imports"}
#: newsbook party codes -> the reference table's names.
REFERENCE_NAMES = {
    "KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan",
    "UZB": "Uzbekistan", "CHN": "China", "RUS": "Russia", "EU": "European Union", "USA": "United States",
    "TUR": "Turkey", "IND": "India", "CENTRAL_ASIA": "Central Asia (5)",
}
VERDICTS = ["consistent", "depends on whose statistics", "inconsistent", "not checkable"]
COLUMNS = [
    "doc_id", "figure_id", "text", "measure", "parties", "year", "approx", "claim_value", "claim_currency",
    "verdict", "reference_value", "difference_pct", "reference_reporter", "reference_source",
    "reference_rows", "supporting_rows", "reference_is_statement", "other_side", "repeat_of", "reason",
]


@dataclass(frozen=True)
class Match:
    reporter: str
    value: float
    source: str
    supports: bool
    difference: float  # (claim - reference) / reference
    statement: bool = False


def supports(claim: float, reference: float, approx: str) -> bool:
    """Whether a reference value supports a claim with the given qualifier (see module table)."""
    low, high = TOLERANCE.get(approx, TOLERANCE["exact"])
    ratio = reference / claim - 1
    return low <= ratio <= high


def reference_rows(ref: pd.DataFrame, a: str, b: str, year: int, measure: str) -> pd.DataFrame:
    """Reference rows for the two parties (either direction), the year and the flow."""
    pair = ((ref.reporter_base == a) & (ref.partner == b)) | ((ref.reporter_base == b) & (ref.partner == a))
    flows = {"total"} if measure == "trade" else {"exports", "imports"}
    return ref[pair & (ref.year == year) & ref.flow.isin(flows)]


def check_claim(fig, ref: pd.DataFrame) -> dict:
    """Verdict and evidence for one figure row (a namedtuple of the figures table)."""
    row = {c: None for c in COLUMNS}
    parties = [p for p in str(fig.parties or "").split(";") if p]
    row.update({"doc_id": fig.doc_id, "figure_id": fig.figure_id, "text": fig.text, "measure": fig.measure,
                "parties": fig.parties, "year": fig.year, "approx": fig.approx,
                "claim_value": fig.value, "claim_currency": fig.currency, "reference_rows": 0,
                "supporting_rows": 0, "other_side": "", "repeat_of": getattr(fig, "repeat_of", "") or ""})
    names = [REFERENCE_NAMES.get(p) for p in parties[:2]]
    if fig.value is None or pd.isna(fig.value):
        return {**row, "verdict": "not checkable", "reason": "no amount (vague figure)"}
    if len(parties) < 2 or None in names:
        return {**row, "verdict": "not checkable", "reason": "fewer than two parties the reference covers"}
    if fig.year is None or pd.isna(fig.year):
        return {**row, "verdict": "not checkable", "reason": "no year"}
    rows = reference_rows(ref, names[0], names[1], int(fig.year), fig.measure)
    claim_millions = fig.value * fig.scale / 1e6
    matches = []
    for r in rows.itertuples():
        if fig.currency == "EUR" and pd.notna(r.eur_millions):
            value, claim = r.eur_millions, claim_millions  # both in euros
        elif pd.notna(fig.value_usd) and pd.notna(r.value_usd_millions):
            value, claim = r.value_usd_millions, fig.value_usd / 1e6
        else:
            continue
        matches.append(Match(r.reporter_base, value, r.source_name, supports(claim, value, fig.approx),
                             claim / value - 1, bool(getattr(r, "statement", False))))
    if not matches:
        reason = "no reference row for these parties, year and flow" if rows.empty else "no comparable currency"
        return {**row, "verdict": "not checkable", "reason": reason}
    good = [m for m in matches if m.supports]
    bad = [m for m in matches if not m.supports]
    good_sides = {m.reporter for m in good}
    bad_sides = {m.reporter for m in bad}
    if good and not bad:
        verdict = "consistent"
    elif good and bad_sides - good_sides:
        verdict = "depends on whose statistics"
    elif good:
        verdict = "consistent"
    else:
        verdict = "inconsistent"
    best = min(good or matches, key=lambda m: abs(m.difference))
    others = sorted(bad if good else [m for m in matches if m is not best], key=lambda m: abs(m.difference))
    other_text = "; ".join(f"{m.reporter}: {m.value:,.0f} m ({m.difference:+.0%} claim vs reference, {m.source})"
                           for m in others[:3])
    return {**row, "verdict": verdict, "reference_value": best.value,
            "difference_pct": round(100 * best.difference, 1), "reference_reporter": best.reporter,
            "reference_source": best.source, "reference_rows": len(matches), "supporting_rows": len(good),
            "reference_is_statement": best.statement,
            "other_side": other_text,
            "reason": f"{len(good)} of {len(matches)} reference rows support the claim"}


def check_claims(figures: pd.DataFrame, ref: pd.DataFrame) -> pd.DataFrame:
    """One row per trade figure of the corpus (not in page furniture), with its verdict."""
    rows = []
    trade = figures[figures.measure.isin(TRADE_MEASURES)]
    if "furniture" in trade:
        trade = trade[trade.furniture.fillna("") == ""]
    for fig in trade.itertuples():
        rows.append(check_claim(fig, ref))
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(claims: pd.DataFrame) -> list[str]:
    """Plain-language sentences on the claims, generated from the table."""
    if claims.empty:
        return ["The corpus cites no trade figure that could be matched to a pair of parties."]
    counts = claims.verdict.value_counts()
    parts = [f"{counts[v]} {v}" for v in VERDICTS if v in counts]
    out = [f"Of {len(claims)} trade figures cited in the corpus: " + ", ".join(parts) + "."]
    for c in claims.itertuples():
        if c.repeat_of:
            out.append(f"{c.text} ({c.doc_id}) repeats {c.repeat_of}: same verdict, {c.verdict}.")
            continue
        if c.verdict in {"consistent", "depends on whose statistics", "inconsistent"}:
            sentence = (f"{c.text} ({c.doc_id}; {c.parties.replace(';', '–')}, {c.year}): {c.verdict}. "
                        f"Closest reference: {c.reference_reporter}'s figure of {c.reference_value:,.0f} million "
                        f"({c.reference_source}), the claim differing by {c.difference_pct:+.1f} %.")
            if c.reference_is_statement:
                sentence += " That reference is itself a political statement, not a published statistic."
            if c.other_side:
                sentence += f" Not supported by: {c.other_side}."
        else:
            sentence = f"{c.text} ({c.doc_id}): not checkable: {c.reason}."
        out.append(sentence)
    return out
