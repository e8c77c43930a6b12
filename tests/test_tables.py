"""The CSVs the book and the CLI offer cannot carry a live spreadsheet formula; Parquet stays exact."""

import csv

import pandas as pd

from newsbook import tables
from newsbook.cli import main

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _cells(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_formula_cells_are_neutralised_and_numbers_kept(tmp_path):
    frame = pd.DataFrame({
        "text": HOSTILE + ["plain", "-3.5"],
        "value": [-5, -1, 0, 1, 2, 3, 4, -7],
        "share": [-0.25] * 8,
    })
    tables.write_table(frame, tmp_path, "t")
    rows = _cells(tmp_path / "t.csv")
    assert rows[0] == ["text", "value", "share"]
    assert [r[0] for r in rows[1:7]] == ["'" + h for h in HOSTILE]
    assert rows[7][0] == "plain"
    assert rows[8][0] == "-3.5"  # text that is just a number is a number to a spreadsheet, not a formula
    assert [r[1] for r in rows[1:]] == ["-5", "-1", "0", "1", "2", "3", "4", "-7"]
    assert {r[2] for r in rows[1:]} == {"-0.25"}
    read = tables.read_table(tmp_path, "t")  # Parquet keeps the values exactly as they are
    pd.testing.assert_frame_equal(read, frame)
    tables.write_csv(frame, tmp_path / "c.csv")
    assert _cells(tmp_path / "c.csv") == rows


def test_cli_csv_of_a_hostile_corpus_has_no_formula(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Officials in Astana said on Tuesday that trade with China grew by a fifth last year.\n"
        "“+cmd|' /C calc'!A0 is what the attackers typed into the form,” said Dana Evil, "
        "a professor at the University of Nowhere.\n", encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "file,id,outlet\na.txt,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",@outlet\n", encoding="utf-8")
    out = tmp_path / "quotes.csv"
    # the rules' content starts inside the quotation marks, so the quoted '+cmd|' begins a cell
    assert main(["quotes", str(corpus), "-o", str(out), "--cache", str(tmp_path / "cache"), "--method", "rules"]) == 0
    rows = _cells(out)
    header, body = rows[0], rows[1:]
    assert body, "the quotation is found"
    for row in body:
        for cell in row:
            assert not cell.startswith(tables.FORMULA_STARTS) or cell.lstrip("-").replace(".", "").isdigit(), cell
    doc_ids = {row[header.index("doc_id")] for row in body}
    assert doc_ids == {"'=HYPERLINK(\"http://evil.example\",\"x\")"}
    assert any(row[header.index("text")].startswith("'+cmd|") for row in body)
