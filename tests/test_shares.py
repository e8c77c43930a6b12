"""Share and rank claims on sentences written for these tests, checked against the reference files."""

import csv
from datetime import date

import pytest

from conftest import ROOT
from newsbook.shares import check_share_claim, find_share_claims
from newsbook.trade import REFERENCE_FILES, load_references

PUBLISHED = date(2024, 3, 1)
NATIONAL = ROOT / "data" / "reference" / "national_statistics.csv"


@pytest.fixture(scope="module")
def ref():
    return load_references([ROOT / "data" / "reference" / name for name in REFERENCE_FILES])


def one(sentence):
    claims = find_share_claims(sentence, PUBLISHED)
    assert len(claims) == 1, claims
    return claims[0]


def national(reporter, year, flow):
    """{partner: value} read straight from the national statistics file."""
    with open(NATIONAL, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["reporter"] == reporter and r["year"] == str(year)]
    out = {}
    for r in rows:
        if flow == "total" and r["flow"] in ("exports", "imports") and r["value_usd_millions"]:
            out[r["partner"]] = out.get(r["partner"], 0) + float(r["value_usd_millions"])
        elif r["flow"] == flow and r["value_usd_millions"]:
            out[r["partner"]] = float(r["value_usd_millions"])
    return out


@pytest.mark.parametrize("sentence,kind,subject,owner,measure,rank,share,approx,year", [
    ("Last year Beijing's rise continued as China overtook Russia to become Kyrgyzstan’s biggest trading partner.",
     "rank", "CHN", "KGZ", "trade", 1, None, "exact", 2023),
    ("In 2021, Russia was the second-largest trading partner of Uzbekistan.", "rank", "RUS", "UZB", "trade", 2, None,
     "exact", 2021),
    ("Russia remains the second partner.", "rank", "RUS", None, "trade", 2, None, "exact", 2024),
    ("In 2022, China accounted for a quarter of Kazakhstan's trade.", "share", "CHN", "KAZ", "trade", None, 0.25,
     "about", 2022),
    ("More than 99 % of foreign investment in Tajikistan comes from China.", "share", "CHN", "TJK", "investment",
     None, 0.99, "over", 2024),
    ("In 2023 Russia took nearly 30 per cent of Kyrgyzstan's exports.", "share", "RUS", "KGZ", "exports", None, 0.30,
     "under", 2023),
])
def test_claims_are_read_into_a_typed_record(sentence, kind, subject, owner, measure, rank, share, approx, year):
    c = one(sentence)
    assert (c.kind, c.subject, c.owner, c.measure, c.rank, c.approx, c.year) == (
        kind, subject, owner, measure, rank, approx, year)
    assert c.share == (pytest.approx(share) if share is not None else None)
    assert sentence[c.start:c.end] == c.text


def test_a_sentence_without_share_or_rank_gives_nothing():
    assert find_share_claims("Trade between the two reached $5 billion in 2022, up 10 %.", PUBLISHED) == []


def test_rank_computed_from_the_owners_statistics(ref):
    c = one("In 2023, China was Kyrgyzstan's largest trading partner.")
    out = check_share_claim(c, ref)
    values = national("Kyrgyzstan", 2023, "total")
    countries = {p: v for p, v in values.items() if p not in ("World", "European Union")}
    expected = sorted(countries, key=countries.get, reverse=True).index("China") + 1
    assert out["computed"] == expected
    assert out["verdict"] == ("consistent" if expected == 1 else "inconsistent")
    assert out["subject_value"] == pytest.approx(values["China"])
    assert "Kyrgyzstan national statistics" in out["source"]


def test_a_wrong_rank_is_inconsistent_with_the_numbers(ref):
    c = one("In 2023, Turkey was Kyrgyzstan's largest trading partner.")
    out = check_share_claim(c, ref)
    assert out["verdict"] == "inconsistent" and out["computed"] > 1
    assert "China" in out["ranking"]


def test_share_computed_against_the_owners_trade_with_the_world(ref):
    c = one("In 2023 Russia took nearly 30 per cent of Kyrgyzstan's exports.")
    out = check_share_claim(c, ref)
    values = national("Kyrgyzstan", 2023, "exports")
    share = values["Russia"] / values["World"]
    assert out["computed"] == pytest.approx(share, abs=1e-4)
    # "nearly 30 %": the true share must lie from 15 % below to 1 % above 30 %
    assert out["verdict"] == ("consistent" if 0.255 <= share <= 0.303 else "inconsistent")
    assert f"{share:.1%}" in out["reason"]


@pytest.mark.parametrize("sentence,reason", [
    ("More than 99 % of foreign investment in Tajikistan comes from China.", "no investment statistics"),
    ("Russia remains the second partner.", "not named"),
    ("China is Kazakhstan's largest trading partner, officials said.", "no total by partner"),  # 2024: no table
    ("In 2022, China accounted for a quarter of Uzbekistan's trade.", "no total with the world"),
    ("In 2021, China was Tajikistan's main trading partner.", "own statistics"),  # Tajikistan publishes none
])
def test_not_checkable_with_the_reason(ref, sentence, reason):
    out = check_share_claim(one(sentence), ref)
    assert out["verdict"] == "not checkable" and reason in out["reason"]


REFERENCE = ROOT / "data" / "reference" / "trade_reference.csv"


def dots_total(reporter, partner, year):
    """A DOTS reporter's exports + imports with a partner, read straight from trade_reference.csv."""
    with open(REFERENCE, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["reporter"] == reporter and r["partner"] == partner
                and r["year"] == str(year) and "DOTS" in r["source_name"] and r["flow"] in ("exports", "imports")]
    assert {r["flow"] for r in rows} == {"exports", "imports"}
    return sum(float(r["value_usd_millions"]) for r in rows)


def test_the_partners_side_is_checked_too_and_the_sides_can_disagree(ref):
    # 2019: Kazakhstan's own statistics put Russia first; the partners' own (China's customs, Russia's, ...)
    # figures put China first
    c = one("In 2019, China was Kazakhstan's largest trading partner.")
    out = check_share_claim(c, ref)
    own = national("Kazakhstan", 2019, "total")
    countries = {p: v for p, v in own.items() if p not in ("World", "European Union")}
    own_rank = sorted(countries, key=countries.get, reverse=True).index("China") + 1
    assert out["computed"] == own_rank
    assert out["mirror_subject_value"] == pytest.approx(dots_total("China", "Kazakhstan", 2019), abs=0.01)
    mirror_rank = 1 if dots_total("China", "Kazakhstan", 2019) > dots_total("Russia", "Kazakhstan", 2019) else 2
    assert out["mirror_computed"] == mirror_rank
    expected = {(True, True): "consistent", (False, False): "inconsistent"}.get(
        (own_rank == 1, mirror_rank == 1), "depends on whose statistics")
    assert out["verdict"] == expected
    assert "DOTS" in out["mirror_source"] and "Kazakhstan national statistics" in out["source"]


def test_a_share_from_the_partners_side_uses_the_owners_total_with_the_world(ref):
    c = one("In 2019, China supplied more than a third of Kyrgyzstan's imports.")
    out = check_share_claim(c, ref)
    world = national("Kyrgyzstan", 2019, "imports")["World"]
    with open(REFERENCE, encoding="utf-8") as fh:
        china_exports = next(float(r["value_usd_millions"]) for r in csv.DictReader(fh)
                             if r["reporter"] == "China" and r["partner"] == "Kyrgyzstan" and r["year"] == "2019"
                             and r["flow"] == "exports" and "DOTS" in r["source_name"])
    assert out["mirror_computed"] == pytest.approx(china_exports / world, abs=1e-4)
    assert out["computed"] == pytest.approx(national("Kyrgyzstan", 2019, "imports")["China"] / world, abs=1e-4)
    assert out["difference"] == pytest.approx(out["computed"] - 1 / 3, abs=1e-4)


def test_too_few_reporting_partners_give_no_mirror_rank(ref):
    out = check_share_claim(one("In 2023, China was Kazakhstan's largest trading partner."), ref)
    assert out["mirror_computed"] is None and "too few to rank" in out["reason"]
    assert out["verdict"] == out["own_verdict"]


def test_the_country_is_the_one_named_in_the_sentences_before():
    claims = find_share_claims("The U.S. embassy estimated that more than 99 percent of foreign investment in the "
                               "country comes from China.", PUBLISHED,
                               context="After the summit, Xi will visit Tajikistan.")
    assert [(c.subject, c.owner, c.measure) for c in claims] == [("CHN", "TJK", "investment")]
    claims = find_share_claims("China is now the country's biggest trading partner.", PUBLISHED,
                               context="Kyrgyzstan's economy grew by 9 % in 2023.")
    assert [(c.subject, c.owner, c.rank) for c in claims] == [("CHN", "KGZ", 1)]


def test_the_corpus_tables_find_check_and_link_repeats(tmp_path, ref):
    from newsbook.pipeline import run
    from newsbook.shares import CHECKED_COLUMNS, check_share_claims

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = ("Trade in the steppe\n\nIn 2019, Russia was Kazakhstan's largest trading partner, officials said.\n\n"
            "Analysts noted that, in 2019, Russia was Kazakhstan's largest trading partner.\n\n"
            "Tajikistan hosted the talks. Almost 40 per cent of investment in the country comes from China.\n")
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    (corpus / "metadata.csv").write_text("file,id,published\na.txt,a,2024-05-01\n", encoding="utf-8")
    found = run(corpus, cache_dir=None).tables["share_claims"]
    assert list(found.kind) == ["rank", "rank", "share"]
    assert all(text[r.start:r.end] == r.text for r in found.itertuples())
    assert list(found.repeat_of) == ["", "a-s01", ""]
    checked = check_share_claims(found, ref)
    assert list(checked.columns) == CHECKED_COLUMNS
    assert checked.verdict.iloc[2] == "not checkable" and "investment" in checked.reason.iloc[2]
    assert checked.owner.iloc[2] == "TJK"
    assert checked.own_source.iloc[0].startswith("Kazakhstan national statistics")
    assert checked.verdict.iloc[0] == checked.verdict.iloc[1] != "not checkable"
