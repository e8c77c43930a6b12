"""Claim cards: each checked claim of the trade chapter as one block of escaped HTML.

A card shows the sentence the claim stands in, what the claim says, each side's
figures with their sources (the owner's or reporter's own statistics, and the
partner's mirror figures), the verdict and the difference. Money claims come from
the ``claims`` table (``newsbook.claims``), share and rank claims from the ``shares``
table (``newsbook.shares``). Every value taken from the corpus or the reference
tables goes through ``html.escape``: article text is untrusted and never becomes
markup.
"""

from __future__ import annotations

import html
import math

import pandas as pd

#: Colour of the verdict label (text stays readable: dark text on a light fill).
VERDICT_COLOURS = {"consistent": "#d9f2d9", "depends on whose statistics": "#fff2cc", "inconsistent": "#f8d7da",
                   "not checkable": "#e9ecef"}
_CARD = "border:1px solid #bbb;border-radius:6px;padding:0.6em 1em;margin:0.8em 0"


class CardsHTML(str):
    """HTML that Jupyter displays as HTML (``_repr_html_``) and that is still a plain string."""

    def _repr_html_(self) -> str:
        return str(self)


def _e(value) -> str:
    """Escaped text of a cell; blank for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def _blank(value) -> bool:
    return _e(value) == ""


def _millions(value) -> str:
    return "" if _blank(value) else f"US$ {float(value):,.0f} million"


def _field(label: str, value: str) -> str:
    return f"<dt>{html.escape(label)}</dt><dd>{value}</dd>" if value else ""


def _verdict(verdict) -> str:
    colour = VERDICT_COLOURS.get(str(verdict), "#e9ecef")
    return (f'<span style="background:{colour};color:#111;padding:0.1em 0.5em;border-radius:4px">'
            f"{_e(verdict)}</span>")


def money_card(claim, sentence: str = "") -> str:
    """One card for a row of the ``claims`` table (a namedtuple) and the sentence of its figure."""
    what = f"{_e(claim.text)} ({_e(claim.measure)}, {_e(str(claim.parties or '').replace(';', '–'))}, {_e(claim.year)}"
    what += f"; qualifier: {_e(claim.approx)})" if claim.approx and claim.approx != "exact" else ")"
    reference = ""
    if not _blank(claim.reference_value):
        unit = "EUR million" if claim.claim_currency == "EUR" and "EUR" in str(claim.reference_source) else None
        value = f"{float(claim.reference_value):,.0f} {unit}" if unit else _millions(claim.reference_value)
        reference = f"{_e(claim.reference_reporter)}: {value} ({_e(claim.reference_source)})"
        if claim.reference_is_statement is True:
            reference += " — itself a political statement, not a published statistic"
    difference = "" if _blank(claim.difference_pct) else f"{float(claim.difference_pct):+.1f} % (claim against reference)"
    body = (_field("Sentence", _e(sentence)) + _field("Claim", what) + _field("Closest reference figure", reference)
            + _field("Not supported by", _e(claim.other_side)) + _field("Difference", difference)
            + _field("Why", _e(claim.reason)))
    if claim.repeat_of:
        body += _field("Repeats", _e(claim.repeat_of))
    return _card(claim.figure_id, claim.verdict, body)


def share_card(claim) -> str:
    """One card for a row of the ``shares`` table (a namedtuple)."""
    if claim.kind == "rank":
        said = f"rank {_e(claim.rank)}" if not _blank(claim.rank) else ""
        own = "" if _blank(claim.own_computed) else f"rank {int(claim.own_computed)} ({_millions(claim.own_subject_value)})"
        mirror = ("" if _blank(claim.mirror_computed)
                  else f"rank {int(claim.mirror_computed)} ({_millions(claim.mirror_subject_value)})")
        difference = "" if _blank(claim.difference) else f"{int(claim.difference):+d} place(s) (computed − claimed)"
    else:
        said = "" if _blank(claim.share) else f"{float(claim.share):.1%} (qualifier: {_e(claim.approx)})"
        own = ("" if _blank(claim.own_computed) else
               f"{float(claim.own_computed):.1%} ({_millions(claim.own_subject_value)} of "
               f"{_millions(claim.own_total_value)} with the world)")
        mirror = ("" if _blank(claim.mirror_computed) else
                  f"{float(claim.mirror_computed):.1%} ({_millions(claim.mirror_subject_value)} over the same total)")
        difference = ("" if _blank(claim.difference)
                      else f"{100 * float(claim.difference):+.1f} percentage points (computed − claimed)")
    what = (f"{_e(claim.subject) or '?'} holds {said} of {_e(claim.owner) or '?'}'s {_e(claim.measure)} "
            f"in {_e(claim.year) or '?'} ({_e(claim.text)})")
    if own:
        own += f"; ranking: {_e(claim.own_ranking)}" if claim.kind == "rank" and claim.own_ranking else ""
        own += f" — source: {_e(claim.own_source)}"
    if mirror:
        mirror += f"; ranking: {_e(claim.mirror_ranking)}" if claim.kind == "rank" and claim.mirror_ranking else ""
        mirror += f" — source: {_e(claim.mirror_source)}"
    body = (_field("Sentence", _e(claim.sentence)) + _field("Claim", what)
            + _field(f"{claim.owner or 'The owner'}'s own statistics", own)
            + _field("The partners' statistics", mirror) + _field("Difference", difference)
            + _field("Why", _e(claim.reason)))
    if claim.repeat_of:
        body += _field("Repeats", _e(claim.repeat_of))
    return _card(claim.claim_id, claim.verdict, body)


def _card(claim_id, verdict, body: str) -> str:
    return (f'<div class="newsbook-claim-card" style="{_CARD}">'
            f"<p><strong>{_e(claim_id)}</strong> {_verdict(verdict)}</p><dl>{body}</dl></div>")


def claim_cards(claims: pd.DataFrame, shares: pd.DataFrame | None = None,
                figures: pd.DataFrame | None = None, limit: int | None = None) -> CardsHTML:
    """Cards for every money claim (with its figure's sentence from ``figures``) and every share or rank claim.

    Args:
        limit: at most this many cards of each kind (None: all).
    """
    sentences = {} if figures is None or figures.empty else dict(zip(figures.figure_id, figures.sentence))
    cards = [money_card(c, sentences.get(c.figure_id, "")) for c in claims.head(limit or len(claims)).itertuples()]
    if shares is not None:
        cards += [share_card(c) for c in shares.head(limit or len(shares)).itertuples()]
    if not cards:
        return CardsHTML("<p>No claim to show.</p>")
    return CardsHTML("".join(cards))
