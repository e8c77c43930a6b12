import os

import pytest

from newsbook.corpus import CorpusError, decode_bytes, load_corpus

TEXT_RU = "Центральная Азия остаётся в центре внимания. Торговля с Китаем растёт."
TEXT_EN = "China overtook Russia as Kazakhstan's biggest trading partner last year, officials said."


def write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1251", b""),
])
def test_decodes_common_encodings(tmp_path, encoding, bom):
    text = TEXT_RU if encoding == "cp1251" else TEXT_EN + " Ещё."
    write(tmp_path / "a.txt", bom + text.encode(encoding))
    corpus = load_corpus(tmp_path)
    assert corpus.articles[0].text == text


def test_latin1_is_detected():
    text = "Der Präsident sagte, die Beziehungen seien stärker als je zuvor. Außerdem wächst der Handel über die Grenze."
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded is not None and decoded[0] == text


def test_skips_bad_files_with_one_reason_each(tmp_path):
    write(tmp_path / "good article.txt", TEXT_EN.encode())
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", b"  \n\t \n")
    write(tmp_path / "binary.txt", bytes(range(256)) * 20)
    write(tmp_path / "big.txt", b"word " * 3000)
    write(tmp_path / "image.png", b"\x89PNG....")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(TEXT_EN)
    os.symlink(outside, tmp_path / "link.txt")
    corpus = load_corpus(tmp_path, max_bytes=10_000)
    assert [a.file for a in corpus] == ["good article.txt"]
    reasons = {p.where: p.message for p in corpus.problems}
    assert "empty" in reasons["empty.txt"]
    assert "white space" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "limit" in reasons["big.txt"]
    assert "extension" in reasons["image.png"]
    assert "leaves the corpus folder" in reasons["link.txt"]


def test_non_ascii_file_names_and_html(tmp_path):
    html = ("<html><head><title>T</title></head><body><nav>Home | World | Sport</nav>"
            "<article><h1>Summit in Astana</h1>"
            + "".join(f"<p>{TEXT_EN} Paragraph {i} adds more detail about trade and politics in the region.</p>" for i in range(6))
            + "</article><footer>Subscribe to our newsletter</footer></body></html>")
    write(tmp_path / "Астана отчёт.html", html.encode("utf-8"))
    corpus = load_corpus(tmp_path)
    text = corpus.articles[0].text
    assert "Paragraph 5 adds more detail" in text
    assert "<p>" not in text
    assert corpus.articles[0].doc_id == "Астана отчёт"


def test_metadata_problems_are_reported_and_good_rows_used(tmp_path):
    write(tmp_path / "a.txt", TEXT_EN.encode())
    write(tmp_path / "b.txt", (TEXT_EN + " A second article.").encode())
    (tmp_path / "metadata.csv").write_text(
        "file,id,outlet,published,shelf\n"
        "a.txt,alpha,Outlet A,2024-07-03,x\n"
        "b.txt,alpha,Outlet B,2024-07-04,y\n"
        "missing.txt,gone,Outlet C,2024-07-05,z\n"
        "a.txt,again,Outlet D,not a date,w\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    by_id = corpus.by_id()
    assert by_id["alpha"].get("outlet") == "Outlet A"
    assert by_id["alpha"].get("shelf") == "x"  # unknown columns are kept
    assert "b" in by_id  # its row was a duplicate id, so the file keeps its stem as id
    messages = " | ".join(str(p) for p in corpus.problems)
    assert "unknown column(s) kept as extra metadata: shelf" in messages
    assert "repeats id 'alpha'" in messages
    assert "names 'missing.txt'" in messages
    assert "repeats file 'a.txt'" in messages


def test_no_usable_article_is_an_error(tmp_path):
    write(tmp_path / "empty.txt", b"")
    with pytest.raises(CorpusError, match="no usable article"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")


def test_default_corpus_loads_with_metadata(corpus):
    assert len(corpus) == 5
    assert not corpus.problems
    vlast = corpus.by_id()["vlast-2024-03-27"]
    assert vlast.get("translated_from") == "ru"
    assert vlast.encoding == "utf-8"
