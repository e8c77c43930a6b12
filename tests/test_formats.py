"""Export files as corpora: CSV/TSV, JSONL/JSON, Parquet, recursive folders, several paths."""

import gzip
import json
import subprocess
import sys

import pandas as pd
import pytest

from newsbook.corpus import CorpusError, load_corpus, normalise_date
from newsbook.formats import parse_column_overrides

ASTANA = "Kazakhstan and China signed a trade agreement in Astana on Monday, officials said."
BISHKEK = "Kyrgyzstan's parliament debated a new media law in Bishkek, a deputy said on Tuesday."
MOSCOW = "Russia's central bank raised its key rate again, the bank said in Moscow on Friday."


def problems_of(corpus):
    return {p.where: p.message for p in corpus.problems}


def test_media_cloud_csv_with_bom_semicolons_and_crlf(tmp_path):
    rows = [["id", "publish_date", "title", "url", "media_name", "text"],
            ["101", "2024-12-02T10:00:00Z", "Trade deal", "https://a.example/1", "Outlet A", ASTANA],
            ["102", "2024-12-03 08:30:00", "Media law", "https://b.example/2", "Outlet B", BISHKEK + "\r\nSecond line."],
            ["103", "2024-12-04", "No text", "https://b.example/3", "Outlet B", ""]]
    body = "\r\n".join(";".join(f'"{c}"' for c in r) for r in rows) + "\r\n"
    path = tmp_path / "mediacloud.csv"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    corpus = load_corpus(path)
    by_id = corpus.by_id()
    assert list(by_id) == ["101", "102"]
    assert by_id["101"].text == ASTANA
    assert by_id["101"].get("outlet") == "Outlet A"
    assert by_id["101"].get("published") == "2024-12-02"
    assert by_id["101"].get("published_raw") == "2024-12-02T10:00:00Z"
    assert by_id["102"].get("published") == "2024-12-03"
    assert by_id["102"].text.startswith(BISHKEK) and "Second line." in by_id["102"].text
    assert by_id["101"].file == "mediacloud.csv#1"
    assert "no text" in problems_of(corpus)["mediacloud.csv record 3"]


def test_news_please_jsonl_and_trafilatura_json_combine(tmp_path):
    jsonl = tmp_path / "newsplease.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in [
        {"title": "Trade deal", "maintext": ASTANA, "date_publish": "2024-12-02 10:00:00",
         "source_domain": "a.example", "url": "https://a.example/1", "language": "en"},
        {"title": "Broken"},
    ]) + "\n{not json\n", encoding="utf-8")
    traf = tmp_path / "trafilatura.json"
    traf.write_text(json.dumps([{"text": MOSCOW, "raw_text": "raw " + MOSCOW, "title": "Rates",
                                 "date": "2024-11-29", "url": "https://c.example/9", "hostname": "c.example",
                                 "author": "A. Writer"}]), encoding="utf-8")
    corpus = load_corpus([jsonl, traf])
    assert [a.doc_id for a in corpus] == ["https://a.example/1", "https://c.example/9"]  # no id: the URL
    first, second = corpus.articles
    assert (first.get("outlet"), first.get("language"), first.get("published")) == ("a.example", "en", "2024-12-02")
    assert second.text == MOSCOW  # 'text' wins over 'raw_text'
    assert (second.get("outlet"), second.get("authors")) == ("c.example", "A. Writer")
    reasons = problems_of(corpus)
    assert "no text" in reasons["newsplease.jsonl record 2"]
    assert "line 3 is not valid JSON" in reasons["newsplease.jsonl"]


def test_parquet_and_tsv_and_column_overrides(tmp_path):
    parquet = tmp_path / "mine.parquet"
    pd.DataFrame({"body": [ASTANA, BISHKEK], "when": ["2024-12-02", "1733133600"],
                  "uid": ["p1", "p2"]}).to_parquet(parquet)
    tsv = tmp_path / "more.tsv"
    tsv.write_text("uid\tbody\twhen\np3\t" + MOSCOW + "\t02/12/2024\n", encoding="utf-8")
    columns = parse_column_overrides("text=body, published=when, id=uid")
    corpus = load_corpus([parquet, tsv], columns=columns, dates="dayfirst")
    by_id = corpus.by_id()
    assert list(by_id) == ["p1", "p2", "p3"]
    assert by_id["p2"].get("published") == "2024-12-02"  # Unix time 1733133600 = 2024-12-02 10:00 UTC
    assert by_id["p3"].get("published") == "2024-12-02"


def test_no_text_column_lists_the_columns_found_and_other_paths_are_kept(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("headline,link\nA,https://x\n", encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": ASTANA}) + "\n", encoding="utf-8")
    corpus = load_corpus([bad, good])
    assert len(corpus) == 1
    message = problems_of(corpus)["bad.csv"]
    assert "no text column (columns found: headline, link)" in message
    assert "--columns text=" in message
    with pytest.raises(CorpusError, match=r"no text column \(columns found: headline, link\)"):
        load_corpus(bad)


def test_unclosed_quote_keeps_the_records_before_it(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text(f'id,text\n1,"{ASTANA}"\n2,"{BISHKEK}"\n3,"{MOSCOW}\n', encoding="utf-8")
    corpus = load_corpus(path)
    assert [a.doc_id for a in corpus] == ["1", "2"]
    assert corpus.articles[1].text == BISHKEK
    assert "unclosed quote" in problems_of(corpus)["cut.csv"]


def test_a_row_with_too_many_fields_is_skipped_alone(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(f'id,text\n1,"{ASTANA}"\n2,{BISHKEK},extra\n3,"{MOSCOW}"\n', encoding="utf-8")
    corpus = load_corpus(path)
    assert [a.doc_id for a in corpus] == ["1", "3"]
    assert "line 3 has 4 fields where the header has 2" in problems_of(corpus)["ragged.csv"]


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path):
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"{ASTANA} Item {i}."}) + "\n" for i in range(3000))
    data = gzip.compress(lines.encode("utf-8"))
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    corpus = load_corpus(path)
    assert 0 < len(corpus) < 3000
    assert corpus.articles[0].doc_id == "r0"
    assert "truncated gzip" in problems_of(corpus)["export.jsonl.gz"]


def test_recursive_folder_subfolder_is_outlet_and_duplicates_kept_once(tmp_path):
    (tmp_path / "outlet-a").mkdir()
    (tmp_path / "outlet-b" / "2024").mkdir(parents=True)
    (tmp_path / "top.txt").write_text(MOSCOW, encoding="utf-8")
    (tmp_path / "outlet-a" / "deal.txt").write_text(ASTANA, encoding="utf-8")
    (tmp_path / "outlet-b" / "2024" / "law.txt").write_text(BISHKEK, encoding="utf-8")
    (tmp_path / "outlet-b" / "2024" / "wire copy.txt").write_text("  " + ASTANA.upper() + "\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("File;Outlet;Published\noutlet-a/deal.txt;Named Outlet;2024-12-01\n",
                                           encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.file for a in corpus] == ["outlet-a/deal.txt", "outlet-b/2024/law.txt", "top.txt"]
    outlets = {a.file: a.get("outlet") for a in corpus}
    assert outlets == {"outlet-a/deal.txt": "Named Outlet", "outlet-b/2024/law.txt": "outlet-b", "top.txt": ""}
    assert corpus.by_id()["deal"].get("published") == "2024-12-01"
    assert "exact duplicate" in problems_of(corpus)["outlet-b/2024/wire copy.txt"]


def test_ids_without_id_or_url_are_content_hashes_stable_across_runs(tmp_path):
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"text": ASTANA}) + "\n" + json.dumps({"text": BISHKEK}) + "\n", encoding="utf-8")
    ids = [a.doc_id for a in load_corpus(path)]
    assert ids == [a.doc_id for a in load_corpus(path)]
    assert len(set(ids)) == 2 and all(i.startswith("sha256-") for i in ids)


@pytest.mark.parametrize("raw,dates,iso,warned", [
    ("2024-12-02T10:00:00Z", None, "2024-12-02", False),
    ("2024-12-02T23:30:00+05:00", None, "2024-12-02", False),
    ("2024-12-02 10:00:00", None, "2024-12-02", False),
    ("1733133600", None, "2024-12-02", False),
    ("1733133600000", None, "2024-12-02", False),
    ("02/12/2024", "dayfirst", "2024-12-02", False),
    ("02/12/2024", "monthfirst", "2024-02-12", False),
    ("02/12/2024", None, "", True),
    ("25/12/2024", None, "2024-12-25", False),
    ("last Tuesday", None, "", True),
])
def test_dates(raw, dates, iso, warned):
    value, warning = normalise_date(raw, dates)
    assert value == iso
    assert (warning is not None) == warned
    if raw == "02/12/2024" and warned:
        assert "ambiguous" in warning


def test_cli_reports_a_missing_text_column_with_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("headline,link\nA,https://x\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsbook", "sourcing", "--corpus", str(bad),
                           "-o", str(tmp_path / "s.csv")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "no text column (columns found: headline, link)" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "newsbook", "sourcing", str(bad), "--columns", "txt=body",
                           "-o", str(tmp_path / "s.csv")], capture_output=True, text=True)
    assert proc.returncode == 2 and "--columns field 'txt' is unknown" in proc.stderr
