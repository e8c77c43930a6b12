"""Claim cards: built from claims checked against the real reference files; corpus text stays text."""

import html
import re

import pandas as pd
import pytest

from conftest import ROOT
from newsbook.cards import claim_cards
from newsbook.claims import check_claims
from newsbook.figures import COLUMNS as FIGURE_COLUMNS
from newsbook.shares import COLUMNS as SHARE_COLUMNS
from newsbook.shares import check_share_claims
from newsbook.trade import REFERENCE_FILES, load_references, tables_used

HOSTILE = 'Trade hit $41 billion <script>alert("x")</script> <img src=x onerror=alert(1)> last year.'


@pytest.fixture(scope="module")
def ref():
    return load_references([ROOT / "data" / "reference" / name for name in REFERENCE_FILES])


def figure_row(**kw):
    row = {c: "" for c in FIGURE_COLUMNS}
    row.update(doc_id="d", figure_id="d-m01", text="$41 billion", value=41.0, currency="USD", scale=1e9,
               value_usd=41e9, approx="over", measure="trade", parties="CHN;KAZ", year=2023, sentence=HOSTILE)
    row.update(kw)
    return row


def share_row(**kw):
    row = {c: "" for c in SHARE_COLUMNS}
    row.update(doc_id="d", claim_id="d-s01", text="largest trading partner", start=0, end=0, sentence=HOSTILE,
               kind="rank", subject="CHN", owner="KAZ", measure="trade", year=2019, rank=1, share=None, approx="exact")
    row.update(kw)
    return row


def test_cards_escape_corpus_text_and_show_both_sides(ref):
    figures = pd.DataFrame([figure_row()])
    claims = check_claims(figures, ref)
    shares = check_share_claims(pd.DataFrame([share_row()]), ref)
    out = str(claim_cards(claims, shares, figures))
    assert "<script" not in out and "<img" not in out
    assert html.escape(HOSTILE) in out  # the sentence is shown, as text, on both cards
    assert out.count(html.escape(HOSTILE)) == 2
    c, s = claims.iloc[0], shares.iloc[0]
    assert f"{c.reference_value:,.0f} million" in out and f"{c.difference_pct:+.1f} %" in out
    assert html.escape(c.reference_source) in out
    # the share card: each side's rank, value and source, the verdict
    assert f"rank {int(s.own_computed)} (US$ {s.own_subject_value:,.0f} million)" in out
    assert f"rank {int(s.mirror_computed)} (US$ {s.mirror_subject_value:,.0f} million)" in out
    assert html.escape(s.own_source) in out and html.escape(s.mirror_source) in out
    assert re.search(r">" + re.escape(s.verdict) + r"</span>", out)


def test_a_hostile_reference_source_and_claim_id_are_escaped(ref):
    figures = pd.DataFrame([figure_row(figure_id='<b onclick="x">m</b>')])
    claims = check_claims(figures, ref)
    claims["reference_source"] = "<a href='javascript:alert(1)'>DOTS</a>"
    out = str(claim_cards(claims, None, figures))
    assert "<a " not in out and "<b " not in out and "&lt;a href=" in out


def test_not_checkable_share_card_says_why(ref):
    shares = check_share_claims(pd.DataFrame([share_row(kind="share", measure="investment", rank=None, share=0.99,
                                                        approx="over", owner="TJK")]), ref)
    out = str(claim_cards(pd.DataFrame(columns=claims_columns()), shares))
    assert "not checkable" in out and "no investment statistics" in out and "99.0%" in out


def claims_columns():
    from newsbook.claims import COLUMNS

    return COLUMNS


def test_no_claims_gives_a_plain_sentence():
    assert str(claim_cards(pd.DataFrame(columns=claims_columns()))) == "<p>No claim to show.</p>"


def test_tables_used_lists_each_reference_file(ref):
    used = tables_used(ref).set_index("table")
    assert set(used.index) == set(REFERENCE_FILES)
    raw = pd.read_csv(ROOT / "data" / "reference" / "national_statistics.csv")
    assert used.loc["national_statistics.csv", "rows"] == len(raw)
    assert used.loc["national_statistics.csv", "years"] == f"{raw.year.min()}–{raw.year.max()}"
    assert used.loc["national_statistics.csv", "derived_totals"] > 0
    assert used.loc["trade_reference.csv", "rows"] == len(pd.read_csv(ROOT / "data" / "reference" / "trade_reference.csv"))
    assert "IMF Direction of Trade Statistics" in used.loc["trade_reference.csv", "sources"]
