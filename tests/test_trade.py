import pandas as pd
import pytest

from conftest import ROOT
from newsbook.trade import ReferenceError, bilateral_totals, load_reference

REF = ROOT / "data" / "reference" / "trade_reference.csv"


def test_reference_schema_and_derived_columns():
    ref = load_reference(REF)
    assert ref.year.between(2015, 2024).all()
    assert set(ref.flow) == {"total", "exports", "imports"}
    # EUR-only rows keep their EUR value from the notes
    eur = ref[ref.value_usd_millions.isna()]
    assert eur.eur_millions.notna().all()
    assert (ref.source_name.str.len() > 0).all()


def test_bilateral_totals_add_dots_exports_and_imports():
    ref = load_reference(REF)
    tot = bilateral_totals(ref)
    row = tot[(tot.central_asia == "Kazakhstan") & (tot.partner == "China") & (tot.year == 2015)
              & (tot.reported_by == "partner") & tot.source.str.startswith("IMF")]
    dots = ref[(ref.reporter == "China") & (ref.partner == "Kazakhstan") & (ref.year == 2015) & ref.is_dots
               & ref.flow.isin(["exports", "imports"])]
    assert row.value_usd_millions.iloc[0] == pytest.approx(dots.value_usd_millions.sum())


@pytest.mark.parametrize("mutate,message", [
    (lambda f: f.drop(columns=["flow"]), "missing column"),
    (lambda f: f.assign(flow="barter"), "is not one of"),
    (lambda f: f.assign(year="last year"), "is not a year"),
    (lambda f: f.assign(value_usd_millions="lots"), "is not a number"),
])
def test_bad_reference_files_are_rejected(tmp_path, mutate, message):
    frame = pd.read_csv(REF, dtype=str, keep_default_na=False).head(5)
    path = tmp_path / "ref.csv"
    mutate(frame).to_csv(path, index=False)
    with pytest.raises(ReferenceError, match=message):
        load_reference(path)


NATIONAL = ROOT / "data" / "reference" / "national_statistics.csv"


def _csv_rows(path):
    import csv

    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_national_statistics_schema_and_sources():
    nat = load_reference(NATIONAL)
    assert {"Kazakhstan", "Kyrgyzstan", "Uzbekistan", "European Union"} <= set(nat.reporter)
    assert set(nat.flow) == {"exports", "imports"}  # the file states no totals
    assert nat.year.max() == 2023
    assert (nat.source_name.str.strip() != "").all() and (nat.source_url_or_repo_path.str.strip() != "").all()
    assert (nat.table == "national_statistics.csv").all()
    own = nat[nat.reporter != "European Union"]
    assert own.is_national_statistics.all() and not own.statement.any()
    eu = nat[nat.reporter == "European Union"]  # Eurostat exports, in euros only
    assert eu.value_usd_millions.isna().all() and eu.eur_millions.notna().all()


def test_national_exports_and_imports_become_a_sourced_total():
    from newsbook.trade import load_references

    file_rows = [r for r in _csv_rows(NATIONAL)
                 if (r["reporter"], r["partner"], r["year"]) == ("Kazakhstan", "China", "2023")]
    by_flow = {r["flow"]: r for r in file_rows}
    ref = load_references([REF, NATIONAL])
    total = ref[(ref.reporter == "Kazakhstan") & (ref.partner == "China") & (ref.year == 2023)
                & (ref.flow == "total") & ref.is_national_statistics]
    assert len(total) == 1
    expected = float(by_flow["exports"]["value_usd_millions"]) + float(by_flow["imports"]["value_usd_millions"])
    assert total.value_usd_millions.iloc[0] == pytest.approx(expected)
    assert by_flow["exports"]["source_name"] in total.source_name.iloc[0]
    assert "derived total" in total.source_name.iloc[0]
    # every row of the combined table keeps its source and its file
    assert (ref.source_name.str.strip() != "").all()
    assert set(ref.table) == {"trade_reference.csv", "national_statistics.csv"}
    # China's customs rows are still there beside the Kazakh side
    assert ((ref.reporter == "China") & (ref.partner == "Kazakhstan") & (ref.year == 2023) & (ref.flow == "total")).any()


def test_a_file_that_states_its_own_total_gets_no_second_one(tmp_path):
    from newsbook.trade import load_references

    header = ",".join(["reporter", "partner", "year", "flow", "value_usd_millions", "source_name",
                       "source_url_or_repo_path", "retrieved_text_snippet", "notes"])
    src = "Ruritania national statistics: table 1"
    lines = [header] + [f"Ruritania,China,2022,{flow},{v},{src},file.xls,,"
                        for flow, v in (("exports", 10), ("imports", 5), ("total", 15))] \
        + [f"Ruritania,China,2021,{flow},{v},{src},file.xls,," for flow, v in (("exports", 8), ("imports", 4))]
    path = tmp_path / "own.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ref = load_references([path])
    totals = ref[ref.flow == "total"].sort_values("year")
    assert totals[["year", "value_usd_millions"]].values.tolist() == [[2021, 12.0], [2022, 15.0]]


def test_mirror_gap_covers_2015_to_2023_with_national_statistics():
    from newsbook.trade import mirror_gap
    from newsbook.trade import load_references

    gap = mirror_gap(bilateral_totals(load_references([REF, NATIONAL])))
    assert gap.year.min() == 2015 and gap.year.max() == 2023
    row = gap[(gap.central_asia == "Kazakhstan") & (gap.partner == "China") & (gap.year == 2023)].iloc[0]
    china = [float(r["value_usd_millions"]) for r in _csv_rows(REF)
             if (r["reporter"], r["partner"], r["year"], r["flow"]) == ("China", "Kazakhstan", "2023", "total")]
    kazakh = sum(float(r["value_usd_millions"]) for r in _csv_rows(NATIONAL)
                 if (r["reporter"], r["partner"], r["year"]) == ("Kazakhstan", "China", "2023"))
    assert row.reported_by_partner == pytest.approx(china[0])
    assert row.reported_by_central_asia == pytest.approx(kazakh)
    assert "national statistics" in row.source_central_asia and "GACC" in row.source_partner
    # statements are no side of a mirror comparison: Russia's post-2021 figures are politicians'
    assert gap[(gap.partner == "Russia") & (gap.year > 2020)].empty
