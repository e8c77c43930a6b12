"""Each verdict class on constructed reference rows, and the default corpus's claims."""

from types import SimpleNamespace

import pandas as pd
import pytest

from newsbook.claims import check_claim, supports


def ref_rows(*rows):
    cols = ["reporter_base", "partner", "year", "flow", "value_usd_millions", "eur_millions", "source_name", "statement"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def fig(value=41, currency="USD", approx="over", parties="KAZ;CHN", year=2023, measure="trade"):
    scale = 1e9
    usd = value * scale if currency == "USD" and value is not None else None
    return SimpleNamespace(doc_id="d", figure_id="d-m01", text=f"${value} billion", measure=measure,
                           parties=parties, year=year, approx=approx, value=value, currency=currency,
                           scale=scale, value_usd=usd, repeat_of="")


@pytest.mark.parametrize("claim,reference,approx,expected", [
    (41, 41.0, "over", True), (41, 46.0, "over", True), (41, 39.0, "over", False),
    (25, 24.0, "under", True), (25, 26.0, "under", False),
    (94.8, 94.82, "exact", True), (94.8, 66.2, "exact", False), (60, 62.1, "about", True),
])
def test_tolerance_by_qualifier(claim, reference, approx, expected):
    assert supports(claim, reference, approx) is expected


def test_consistent_when_both_sides_agree():
    ref = ref_rows(("China", "Kazakhstan", 2023, "total", 41500, None, "GACC", False),
                   ("Kazakhstan", "China", 2023, "total", 41200, None, "Kazakh stats", False))
    assert check_claim(fig(), ref)["verdict"] == "consistent"


def test_depends_on_whose_statistics():
    ref = ref_rows(("China", "Kazakhstan", 2023, "total", 41000, None, "GACC", False),
                   ("Kazakhstan", "China", 2023, "total", 31400, None, "Kazakh stats", False))
    out = check_claim(fig(), ref)
    assert out["verdict"] == "depends on whose statistics"
    assert out["reference_reporter"] == "China" and out["difference_pct"] == 0.0
    assert "Kazakhstan: 31,400 m" in out["other_side"]


def test_inconsistent_when_no_row_supports():
    ref = ref_rows(("Kazakhstan", "China", 2023, "total", 31400, None, "Kazakh stats", False))
    out = check_claim(fig(), ref)
    assert out["verdict"] == "inconsistent"
    assert out["difference_pct"] == pytest.approx(100 * (41000 / 31400 - 1), abs=0.1)


@pytest.mark.parametrize("figure,reason", [
    (fig(year=2019), "no reference row"),
    (fig(parties="KAZ"), "fewer than two parties"),
    (fig(value=None), "no amount"),
    (fig(parties="KAZ;BRA"), "fewer than two parties"),
])
def test_not_checkable(figure, reason):
    ref = ref_rows(("China", "Kazakhstan", 2023, "total", 41000, None, "GACC", False))
    out = check_claim(figure, ref)
    assert out["verdict"] == "not checkable" and reason in out["reason"]


def test_euro_claims_compare_in_euros():
    ref = ref_rows(("Central Asia (5)", "European Union", 2024, "total", None, 54000, "statement", True))
    out = check_claim(fig(value=54, currency="EUR", approx="about", parties="EU;CENTRAL_ASIA", year=2024), ref)
    assert out["verdict"] == "consistent" and out["reference_is_statement"]


def test_default_corpus_claims(corpus):
    from conftest import ROOT
    from newsbook.claims import check_claims
    from newsbook.pipeline import analyse
    from newsbook.trade import REFERENCE_FILES, load_reference, load_references

    figures = analyse(corpus, cache_dir=None).tables["figures"]
    claims = check_claims(figures, load_reference(ROOT / "data" / "reference" / "trade_reference.csv"))
    by_text = dict(zip(claims.figure_id, claims.verdict))
    assert by_text["bylinetimes-2024-07-04-m01"] == "depends on whose statistics"
    # with the national statistics, Kazakhstan's own 2023 figure is among the rows that do not support it
    with_national = check_claims(figures, load_references(
        [ROOT / "data" / "reference" / name for name in REFERENCE_FILES])).set_index("figure_id")
    m01 = with_national.loc["bylinetimes-2024-07-04-m01"]
    assert m01.verdict == "depends on whose statistics" and m01.reference_reporter == "China"
    assert "national statistics" in m01.other_side and m01.reference_rows > claims.set_index(
        "figure_id").loc["bylinetimes-2024-07-04-m01"].reference_rows
    assert by_text["scmp-oped-2025-06-m02"] == "depends on whose statistics"
    assert "bylinetimes-2024-07-04-m02" not in by_text  # inside a related-article teaser: never checked


def test_a_claim_of_the_reporters_own_figure_is_supported_by_its_national_statistics():
    from conftest import ROOT
    from newsbook.trade import REFERENCE_FILES, load_references

    ref = load_references([ROOT / "data" / "reference" / name for name in REFERENCE_FILES])
    own = ref[(ref.reporter == "Uzbekistan") & (ref.partner == "Russia") & (ref.year == 2021) & (ref.flow == "total")]
    value = own.value_usd_millions.iloc[0] / 1000  # the claim states Uzbekistan's own figure, in billions
    out = check_claim(fig(value=round(value, 1), approx="about", parties="UZB;RUS", year=2021), ref)
    assert out["verdict"] == "consistent"  # no Russian-side row for 2021, the Uzbek side supports it
    assert out["reference_reporter"] == "Uzbekistan" and "national statistics" in out["reference_source"]


def test_a_relative_year_is_not_overridden_by_a_baseline_year(tmp_path):
    """The claim is checked against the year it governs (2023), not the baseline's (2022)."""
    import csv

    from conftest import ROOT
    from newsbook.claims import check_claims
    from newsbook.corpus import load_corpus
    from newsbook.pipeline import analyse
    from newsbook.trade import load_reference

    (tmp_path / "a.txt").write_text(
        "Steppe trade\n\nTrade between China and Kazakhstan reached $41 billion last year, up 32 % from 2022, "
        "according to customs data published on Monday.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,id,published\na.txt,a,2024-07-01\n", encoding="utf-8")
    figures = analyse(load_corpus(tmp_path), cache_dir=None).tables["figures"]
    assert figures.year.tolist() == [2023]
    path = ROOT / "data" / "reference" / "trade_reference.csv"
    claims = check_claims(figures, load_reference(path))
    # China's customs reported 41,000 million for 2023 (read from the reference file itself)
    with open(path, encoding="utf-8") as fh:
        china_2023 = [float(r["value_usd_millions"]) for r in csv.DictReader(fh)
                      if (r["reporter"], r["partner"], r["year"], r["flow"]) == ("China", "Kazakhstan", "2023", "total")]
    assert claims.verdict.iloc[0] != "inconsistent"
    assert claims.reference_value.iloc[0] == china_2023[0]
