import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import CORPUS


def newsbook(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsbook", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", ["build", "quotes", "figures", "readability", "sourcing", "provision"])
def test_help(command):
    proc = newsbook(command, "--help")
    assert proc.returncode == 0
    assert "usage: newsbook " + command in proc.stdout


def test_readability_and_quotes_commands(tmp_path):
    out = tmp_path / "read.csv"
    proc = newsbook("readability", str(CORPUS), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(out)
    assert set(frame.level) == {"article", "paragraph"}
    assert (frame[frame.level == "article"].doc_id.nunique()) == 5
    jl = tmp_path / "q.jsonl"
    assert newsbook("quotes", str(CORPUS), "-o", str(jl)).returncode == 0
    lines = [json.loads(x) for x in jl.read_text().splitlines()]
    assert {x["id"] for x in lines} == set(pd.read_csv(CORPUS / "metadata.csv").id)
    first = next(q for x in lines for q in x["quotes"])
    assert set(first) >= {"type", "content", "cue", "speaker", "speaker_name"}


def test_bad_input_exits_2_with_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    proc = newsbook("figures", str(tmp_path), "-o", str(tmp_path / "f.csv"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no usable article" in lines[0] and "Traceback" not in proc.stderr
    proc = newsbook("figures", str(tmp_path), "-o", str(tmp_path / "f.txt"))
    assert proc.returncode == 2 and "must end in .csv" in proc.stderr


def test_the_quotes_table_and_jsonl_name_the_outlet_that_relayed_a_statement(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "grain.txt").write_text(
        "Kazakhstan to double grain exports\n\n"
        "Kazakh President Kassym-Jomart Tokayev said the country would double its grain exports to "
        "China by 2030, Trend reports.\n\n"
        "Officials in Astana said the new rail terminal at Khorgos would carry most of the grain.\n", encoding="utf-8")
    table, jl = tmp_path / "q.csv", tmp_path / "q.jsonl"
    for out in (table, jl):
        proc = newsbook("quotes", str(corpus), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
    rows = pd.read_csv(table, keep_default_na=False).set_index("speaker")
    assert rows.loc["Kassym-Jomart Tokayev", "via"] == "Trend"
    assert rows.loc["", "via"] == ""  # the officials spoke for themselves
    [article] = [json.loads(x) for x in jl.read_text().splitlines()]
    assert sorted(q["via"] for q in article["quotes"]) == ["", "Trend"]


@pytest.mark.parametrize("command", ["quotes", "sourcing"])  # figures and readability share the code path
def test_each_corpus_problem_is_reported_once(tmp_path, command):
    """A skipped file is one line on stderr (it was two: the pipeline's warning and the command's print)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "grain.txt").write_text(
        "Kazakhstan to double grain exports\n\n"
        "Kazakhstan exported $2.5 billion of grain to China last year, officials in Astana said.\n",
        encoding="utf-8")
    (corpus / "empty.txt").write_text("")
    (corpus / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    proc = newsbook(command, str(corpus), "-o", str(tmp_path / "out.csv"), "--cache", str(tmp_path / "cache"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert sorted(lines) == ["newsbook: empty.txt: is empty; skipped",
                             "newsbook: scan.txt: is binary, not text; skipped"]
