"""Zip and tar archives of article files as corpora: read in place, unsafe members refused."""

import io
import json
import tarfile
import zipfile

from newsbook.corpus import load_corpus

ASTANA = "Kazakhstan and China signed a trade agreement in Astana on Monday, officials said."
BISHKEK = "Kyrgyzstan's parliament debated a new media law in Bishkek, a deputy said on Tuesday."
MOSCOW = "Russia's central bank raised its key rate again, the bank said in Moscow on Friday."
PAGE = ("<html><head><title>Rates rise | Outlet C</title>"
        '<meta property="article:published_time" content="2024-11-29T09:00:00Z"></head><body>'
        "<nav>Home | World</nav><article><h1>Rates rise</h1>"
        + "".join(f"<p>{MOSCOW} Paragraph {i} explains what the decision means for borrowers.</p>" for i in range(5))
        + "</article></body></html>")


def problems_of(corpus):
    return {p.where: p.message for p in corpus.problems}


def test_zip_of_text_html_and_metadata_under_one_top_folder(tmp_path):
    path = tmp_path / "saved.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("export/Outlet A/deal.txt", ASTANA)
        zf.writestr("export/Outlet B/law.txt", BISHKEK.encode("cp1251"))
        zf.writestr("export/rates.html", PAGE)
        zf.writestr("export/metadata.csv", "File;Published;ID\nOutlet A/deal.txt;02/12/2024;deal-1\n")
        zf.writestr("export/logo.png", b"\x89PNG....")
        zf.writestr("export/style.css", "body{}")
        zf.writestr("__MACOSX/export/._deal.txt", b"\x00\x05")
    corpus = load_corpus(path, dates="dayfirst")
    by_file = {a.file: a for a in corpus}
    assert list(by_file) == ["saved.zip:export/Outlet A/deal.txt", "saved.zip:export/Outlet B/law.txt",
                             "saved.zip:export/rates.html"]
    deal = by_file["saved.zip:export/Outlet A/deal.txt"]
    assert (deal.doc_id, deal.get("outlet"), deal.get("published"), deal.get("published_raw")) == \
        ("deal-1", "Outlet A", "2024-12-02", "02/12/2024")
    assert by_file["saved.zip:export/Outlet B/law.txt"].text == BISHKEK
    page = by_file["saved.zip:export/rates.html"]
    assert "Paragraph 4 explains" in page.text and "Home | World" not in page.text
    assert (page.get("title"), page.get("published")) == ("Rates rise", "2024-11-29")
    on_archive = [p.message for p in corpus.problems if p.where == "saved.zip"]
    assert [m.split(" (")[0] for m in on_archive] == ["1 member(s) with extension .css skipped",
                                                      "1 member(s) with extension .png skipped"]
    assert corpus.sources[0].format == "zip" and corpus.sources[0].articles == 3


def test_zip_path_traversal_and_oversized_members_are_skipped_and_nothing_is_written(tmp_path):
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("../escape.txt", ASTANA)
        zf.writestr("/etc/absolute.txt", BISHKEK)
        zf.writestr("ok/../../../up.txt", MOSCOW)
        zf.writestr("good.txt", ASTANA)
        zf.writestr("bomb.txt", b"a" * 3_000_000)  # 3 MB of one letter compresses to a few kB
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    corpus = load_corpus(path, max_bytes=1_000_000)
    assert [a.file for a in corpus] == ["hostile.zip:good.txt"]
    reasons = problems_of(corpus)
    for name in ("../escape.txt", "/etc/absolute.txt", "ok/../../../up.txt"):
        assert "leaves the archive" in reasons[f"hostile.zip:{name}"]
    assert "over the 1,000,000-byte limit" in reasons["hostile.zip:bomb.txt"]
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.zip"]


def test_tar_gz_with_an_export_inside_a_link_and_a_truncated_copy(tmp_path):
    path = tmp_path / "crawl.tar.gz"
    records = "".join(json.dumps({"id": f"j{i}", "maintext": t}) + "\n" for i, t in enumerate([BISHKEK, MOSCOW]))
    with tarfile.open(path, "w:gz") as tf:
        for name, data in (("a/deal.txt", ASTANA.encode()), ("a/more.jsonl", records.encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("a/passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        evil = tarfile.TarInfo("../../evil.txt")
        evil.size = len(ASTANA)
        tf.addfile(evil, io.BytesIO(ASTANA.encode()))
    corpus = load_corpus(path)
    assert [a.doc_id for a in corpus] == ["j0", "j1", "deal"]
    reasons = problems_of(corpus)
    assert "is a link" in reasons["crawl.tar.gz:a/passwd.txt"]
    assert "leaves the archive" in reasons["crawl.tar.gz:../../evil.txt"]
    assert corpus.by_id()["j1"].text == MOSCOW


def test_truncated_tar_gz_keeps_the_members_before_the_damage(tmp_path):
    path = tmp_path / "crawl.tar.gz"
    words = [ASTANA, BISHKEK, MOSCOW]
    with tarfile.open(path, "w:gz") as tf:
        for i in range(40):  # distinct texts that do not compress to nothing
            data = " ".join(f"{words[(i + j) % 3]} Item {i}-{j}." for j in range(60)).encode()
            info = tarfile.TarInfo(f"a/{i:02d}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    data = path.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    corpus = load_corpus(cut)
    assert 5 < len(corpus) < 40
    assert [a.doc_id for a in corpus] == [f"{i:02d}" for i in range(len(corpus))]
    assert "is damaged or truncated after" in problems_of(corpus)["cut.tar.gz"]
