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
