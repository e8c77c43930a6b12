"""A researcher's own statistics: each format read from a small file written here, each bad row named."""

import pytest

from newsbook.references import country, detect_format, load_reference_file, load_reference_files
from newsbook.trade import ReferenceError, load_references


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


COMTRADE = """typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,cmdCode,customsCode,motCode,primaryValue
C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,X,Export,156,CHN,China,0,W00,TOTAL,C00,0,15600000000
C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,M,Import,156,CHN,China,0,W00,TOTAL,C00,0,14450000000
C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,X,Export,0,W00,World,0,W00,TOTAL,C00,0,78600000000
C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,M,Import,0,W00,World,0,W00,TOTAL,C00,0,60800000000
C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,X,Export,156,CHN,China,0,W00,27,C00,0,9000000000
C,A,20230101,2023,52,2023,398,KAZ,Kazakhstan,RX,Re-export,156,CHN,China,0,W00,TOTAL,C00,0,100000000
"""


def test_un_comtrade_export_is_read_with_a_source_per_row(tmp_path):
    path = write(tmp_path, "comtrade.csv", COMTRADE)
    assert detect_format(path.read_text().splitlines()[0].split(",")) == "comtrade"
    ref = load_reference_file(path)
    assert len(ref) == 4  # the chapter-27 commodity row and the re-export are skipped
    row = ref[(ref.partner == "China") & (ref.flow == "exports")].iloc[0]
    assert (row.reporter, row.year, row.value_usd_millions) == ("Kazakhstan", 2023, pytest.approx(15600.0))
    assert "UN Comtrade" in row.source_name and row.source_url_or_repo_path == "comtrade.csv:2"
    assert "primaryValue=15600000000" in row.retrieved_text_snippet
    assert row.is_national_statistics and row.table == "comtrade.csv"


def test_comtrade_rows_become_totals_and_answer_a_share_claim(tmp_path):
    from newsbook.shares import check_share_claim, find_share_claims

    ref = load_references([], [write(tmp_path, "comtrade.csv", COMTRADE)])
    total = ref[(ref.flow == "total") & (ref.partner == "China")].iloc[0]
    assert total.value_usd_millions == pytest.approx(15600 + 14450)
    share = (15600 + 14450) / (78600 + 60800)  # 21.6 %
    out = check_share_claim(find_share_claims("In 2023, China accounted for about 22 % of Kazakhstan's trade.")[0], ref)
    assert out["computed"] == pytest.approx(share, abs=1e-4)
    assert out["verdict"] == "consistent"  # within 5 % of 22 %
    out = check_share_claim(find_share_claims("In 2023, China accounted for about a fifth of Kazakhstan's trade.")[0],
                            ref)
    assert out["verdict"] == "inconsistent"  # 21.6 % is 7.8 % above a fifth: outside +-5 %


def test_imf_dots_wide_bulk_csv(tmp_path):
    text = ('"Country Name","Country Code","Indicator Name","Indicator Code","Counterpart Country Name",'
            '"Counterpart Country Code","Attribute","2021","2022","2022M01"\n'
            '"Kyrgyz Rep.","917","Goods, Value of Exports, FOB, US Dollars","TXG_FOB_USD","China, P.R.: Mainland",'
            '"924","Value","75.5","120.25","9.1"\n'
            '"Kyrgyz Rep.","917","Goods, Value of Exports, FOB, US Dollars","TXG_FOB_USD","China, P.R.: Mainland",'
            '"924","Status","","",""\n'
            '"Kyrgyz Rep.","917","Goods, Value of Imports, CIF, US Dollars","TMG_CIF_USD","Russian Federation",'
            '"922","Value","2500","3100.5",""\n')
    ref = load_reference_file(write(tmp_path, "dots.csv", text))
    assert sorted(zip(ref.partner, ref.year, ref.flow, ref.value_usd_millions)) == [
        ("China", 2021, "exports", 75.5), ("China", 2022, "exports", 120.25),
        ("Russia", 2021, "imports", 2500.0), ("Russia", 2022, "imports", 3100.5)]
    assert set(ref.reporter) == {"Kyrgyzstan"} and ref.is_dots.all()


def test_imf_imts_long_csv_with_unit_multiplier(tmp_path):
    text = ("COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n"
            "UZB,CHN,XG_FOB_USD,A,2023,2100000,3\n"
            "UZB,CHN,MG_CIF_USD,A,2023,10.5,9\n"
            "UZB,CHN,MG_CIF_USD,M,2023-M01,0.8,9\n")
    ref = load_reference_file(write(tmp_path, "imts.csv", text))
    assert sorted(zip(ref.flow, ref.value_usd_millions)) == [("exports", 2100.0), ("imports", 10500.0)]
    assert set(ref.reporter) == {"Uzbekistan"} and set(ref.partner) == {"China"}


def test_eurostat_comext_values_stay_in_euros(tmp_path):
    text = ("DECLARANT,DECLARANT_LAB,PARTNER,PARTNER_LAB,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUROS\n"
            "EU27_2020,European Union,KZ,Kazakhstan,TOTAL,2,1,202352,10234000000\n"
            "EU27_2020,European Union,KZ,Kazakhstan,TOTAL,1,1,202352,28900000000\n"
            "EU27_2020,European Union,KZ,Kazakhstan,27,1,1,202352,25000000000\n")
    ref = load_reference_file(write(tmp_path, "comext.csv", text))
    assert list(zip(ref.reporter, ref.partner, ref.year, ref.flow)) == [
        ("European Union", "Kazakhstan", 2023, "exports"), ("European Union", "Kazakhstan", 2023, "imports")]
    assert ref.value_usd_millions.isna().all()
    assert list(ref.eur_millions) == [pytest.approx(10234.0), pytest.approx(28900.0)]


def test_newsbook_schema_is_read_as_is(tmp_path):
    text = ("reporter,partner,year,flow,value_usd_millions,source_name,source_url_or_repo_path,"
            "retrieved_text_snippet,notes\n"
            "Tajikistan,China,2023,total,1800,Tajik customs yearbook,book p. 12,total 1.8 bn,\n")
    ref = load_reference_file(write(tmp_path, "mine.csv", text))
    assert (ref.reporter.iloc[0], ref.value_usd_millions.iloc[0], ref.source_name.iloc[0]) == (
        "Tajikistan", 1800.0, "Tajik customs yearbook")


@pytest.mark.parametrize("name,text,messages", [
    ("comtrade_bad.csv",
     "refYear,reporterISO,reporterDesc,partnerISO,partnerDesc,flowDesc,primaryValue\n"
     "2023,KAZ,Kazakhstan,XXX,Narnia,Export,100\n"
     "2023,KAZ,Kazakhstan,CHN,China,Export,-5\n"
     "2023,KAZ,Kazakhstan,CHN,China,Transit,5\n"
     "202301,KAZ,Kazakhstan,CHN,China,Import,5\n",
     ["row 2: unknown partner country 'XXX'", "row 3: primaryValue '-5' is negative",
      "row 4: flow 'Transit' is not Export or Import", "row 5: period '202301' is not a year"]),
    ("imf_bad.csv",
     "COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE\n"
     "KGZ,CHN,TXG_FOB_NCU,2022,5\n"
     "KGZ,ZZZ,TXG_FOB_USD,2022,5\n"
     "KGZ,CHN,TXG_FOB_USD,2022,abc\n",
     ["row 2: indicator 'TXG_FOB_NCU' is not exports or imports in US dollars",
      "row 3: unknown partner country 'ZZZ'", "row 4: OBS_VALUE 'abc' is not a number"]),
    ("eurostat_bad.csv",
     "reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n"
     "EU27_2020,KZ,TOTAL,2,QUANTITY_IN_100KG,2023,5\n"
     "EU27_2020,QQ,TOTAL,2,VALUE_IN_EUROS,2023,5\n",
     ["row 2: indicator 'QUANTITY_IN_100KG' is not VALUE_IN_EUROS", "row 3: unknown partner country 'QQ'"]),
    ("mine_bad.csv",
     "reporter,partner,year,flow,value_usd_millions,source_name,source_url_or_repo_path,retrieved_text_snippet,notes\n"
     "Atlantis,China,2023,total,5,x,,,\n",
     ["row 2: unknown reporter country 'Atlantis'"]),
])
def test_each_bad_row_has_its_own_message(tmp_path, name, text, messages):
    path = write(tmp_path, name, text)
    with pytest.raises(ReferenceError) as exc:
        load_reference_file(path)
    for message in messages:
        assert any(p == f"{path} {message}" or p.startswith(f"{path} {message}") for p in exc.value.problems), (
            message, exc.value.problems)
    assert len(exc.value.problems) == len(messages)


def test_an_unknown_format_names_the_columns_it_found(tmp_path):
    path = write(tmp_path, "x.csv", "a,b\n1,2\n")
    with pytest.raises(ReferenceError, match=r"not a reference format.*columns found: a, b"):
        load_reference_file(path)


def test_problems_of_several_files_are_reported_together(tmp_path):
    a = write(tmp_path, "a.csv", "refYear,reporterISO,partnerISO,flowDesc,primaryValue\n2023,KAZ,NOPE,Export,1\n")
    b = write(tmp_path, "b.csv", "a,b\n1,2\n")
    with pytest.raises(ReferenceError) as exc:
        load_reference_files([a, b])
    assert len(exc.value.problems) == 2


@pytest.mark.parametrize("value,name", [("KZ", "Kazakhstan"), ("KAZ", "Kazakhstan"), ("Kyrgyz Rep.", "Kyrgyzstan"),
                                        ("China, P.R.: Mainland", "China"), ("Russian Federation", "Russia"),
                                        ("Türkiye, Rep. of", "Turkey"), ("W00", "World"),
                                        ("EU27_2020", "European Union"), ("DEU", "Germany"), ("Narnia", None)])
def test_country_codes_and_names(value, name):
    assert country(value) == name


def test_build_with_a_bad_reference_file_fails_before_the_analyses_one_line_per_problem(tmp_path, capsys):
    from conftest import ROOT
    from newsbook.cli import main

    bad = write(tmp_path, "bad.csv", "refYear,reporterISO,partnerISO,flowDesc,primaryValue\n"
                                     "2023,KAZ,NOPE,Export,1\n2023,KAZ,CHN,Export,-1\n")
    out = tmp_path / "book"
    code = main(["build", "--corpus", str(ROOT / "data" / "corpus"), "--out", str(out), "--reference", str(bad)])
    err = capsys.readouterr().err
    assert code != 0 and not out.exists()
    assert f"{bad} row 2: unknown partner country 'NOPE'" in err
    assert f"\n{bad} row 3: primaryValue '-1' is negative" in err
    assert not list(tmp_path.glob(".book.staging-*"))
