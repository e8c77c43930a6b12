"""Saved HTML pages' own metadata, metadata.csv in any dialect, and metadata that cannot be used."""

import subprocess
import sys

import pytest

from newsbook.corpus import CorpusError, load_corpus

ASTANA = "Kazakhstan and China signed a trade agreement in Astana on Monday, officials said."
BISHKEK = "Kyrgyzstan's parliament debated a new media law in Bishkek, a deputy said on Tuesday."


def saved_page(title, published=None, copyright_year=None):
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    foot = f"<footer>Copyright {copyright_year} Example News</footer>" if copyright_year else ""
    return ("<html><head><title>" + title + " | Example News</title>" + meta + "</head><body><article>"
            + "".join(f"<p>{ASTANA} Paragraph {i} carries the story further.</p>" for i in range(5))
            + "</article>" + foot + "</body></html>")


def test_saved_html_takes_title_and_date_from_the_page_and_metadata_csv_wins(tmp_path):
    (tmp_path / "dated.html").write_text(saved_page("Deal in Astana", "2024-12-02T10:00:00+05:00"), encoding="utf-8")
    (tmp_path / "undated.html").write_text(saved_page("Undated story", copyright_year=2019).replace(
        "Paragraph", "Section"), encoding="utf-8")
    (tmp_path / "named.html").write_text(saved_page("Page title", "2024-01-05").replace("Paragraph", "Part"),
                                         encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,title\nnamed.html,Title from metadata\n", encoding="utf-8")
    by_id = load_corpus(tmp_path).by_id()
    assert (by_id["dated"].get("title"), by_id["dated"].get("published")) == ("Deal in Astana", "2024-12-02")
    assert by_id["undated"].get("title") == "Undated story"
    assert by_id["undated"].get("published") == ""  # no page date: not guessed from 'Copyright 2019'
    assert (by_id["named"].get("title"), by_id["named"].get("published")) == ("Title from metadata", "2024-01-05")


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_metadata_csv_any_delimiter_any_case_and_dates_like_exports(tmp_path, delimiter):
    (tmp_path / "a.txt").write_text(ASTANA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BISHKEK, encoding="utf-8")
    rows = [["File", "ID", "Outlet", "PUBLISHED"], ["a.txt", "A-1", "Outlet, Inc.", "2024-12-02T10:00:00Z"],
            ["b.txt", "B-1", "Other", "25/12/2024"]]
    text = "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows) + "\n"
    (tmp_path / "metadata.csv").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    by_id = corpus.by_id()
    assert set(by_id) == {"A-1", "B-1"}
    assert by_id["A-1"].get("outlet") == "Outlet, Inc."
    assert (by_id["A-1"].get("published"), by_id["A-1"].get("published_raw")) == ("2024-12-02", "2024-12-02T10:00:00Z")
    assert by_id["B-1"].get("published") == "2024-12-25"
    assert not corpus.problems


def test_ambiguous_metadata_date_is_blanked_with_a_warning_unless_dayfirst(tmp_path):
    (tmp_path / "a.txt").write_text(ASTANA, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file;published\na.txt;02/12/2024\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles[0].get("published") == ""
    assert "ambiguous" in str(corpus.problems[0]) and corpus.problems[0].level == "warning"
    assert load_corpus(tmp_path, dates="dayfirst").articles[0].get("published") == "2024-12-02"


def test_metadata_without_a_file_column_stops_with_the_columns_found(tmp_path):
    (tmp_path / "a.txt").write_text(ASTANA, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("name;outlet\na.txt;Outlet A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv has no 'file' column \(read as semicolon-separated, "
                                          r"columns found: 'name', 'outlet'\)"):
        load_corpus(tmp_path)


def test_metadata_naming_no_article_stops_and_the_cli_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text(ASTANA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BISHKEK, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\na,Outlet A\nb,Outlet B\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"none of its 2 row\(s\) names an article of the corpus \(first: 'a'; "
                                          r"files are named by their path in the folder, e.g. 'a.txt'\)"):
        load_corpus(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "newsbook", "corpus", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "none of its 2 row(s)" in proc.stderr and "Traceback" not in proc.stderr
