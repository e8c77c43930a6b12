"""End to end: `newsbook build` on the default corpus, and what the reader gets."""

import html
import json
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
import yaml

from conftest import CORPUS, ROOT  # the `built` fixture (one build of the default corpus) is in conftest.py

pytestmark = pytest.mark.slow


def text_of(page):
    body = page.read_text(encoding="utf-8")
    body = body[body.find("<main"):body.find("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def test_every_page_of_the_toc_is_rendered(built):
    out, _ = built
    for f in toc_files():
        page = out / "html" / f"{f}.html"
        assert page.is_file(), f
    assert (out / "html" / "index.html").is_file()


def test_no_traceback_or_error_output(built):
    out, _ = built
    for page in (out / "html").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text, page
        assert "output_error" not in text and "ansi-red" not in text, page
    for nb in (out / "source" / "book").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not any(o.get("output_type") == "error" for c in cells for o in c.get("outputs", [])), nb


def test_glued_numbers_equal_the_tables(built):
    out, _ = built
    tables = out / "tables"
    articles = pd.read_csv(tables / "articles.csv")
    removals = pd.read_csv(tables / "removals.csv")
    quotes = pd.read_csv(tables / "quotes.csv", keep_default_na=False)
    figures = pd.read_csv(tables / "figures.csv")
    sourcing = text_of(out / "html" / "book" / "sourcing.html")
    assert f"The corpus holds {len(articles)} articles with {articles.words.sum()} words" in sourcing
    assert f"It removed {len(removals)} paragraphs from {removals.doc_id.nunique()} articles" in sourcing
    q = text_of(out / "html" / "book" / "quotes.html")
    n = quotes.type.value_counts()
    assert (f"The extractor finds {len(quotes)} attributed statements: {n.get('direct', 0)} direct, "
            f"{n.get('indirect', 0)} indirect and {n.get('mixed', 0)} mixed") in q
    t = text_of(out / "html" / "book" / "trade.html")
    assert f"The extractor finds {len(figures)} money figures" in t
    claims = pd.read_csv(tables / "claims.csv")
    v = claims.verdict.value_counts()
    assert (f"Of {len(claims)} trade figures, {v.get('consistent', 0)} are consistent with the reference, "
            f"{v.get('depends on whose statistics', 0)} depend on whose statistics") in t


def test_figures_are_numbered_images_with_captions(built):
    out, _ = built
    for chapter, count in (("sourcing", 1), ("readability", 2), ("quotes", 1), ("trade", 3)):
        page = (out / "html" / "book" / f"{chapter}.html").read_text()
        assert len(re.findall(r'<img[^>]+src="[^"]+\.png"', page)) >= count, chapter
        assert len(re.findall(r"Fig\. \d+\.\d+", text_of(out / "html" / "book" / f"{chapter}.html"))) >= count


def test_tables_are_offered_for_download(built):
    out, _ = built
    page = (out / "html" / "book" / "quotes.html").read_text()
    assert re.search(r'href="[^"]*_downloads/[^"]*/quotes\.csv"', page)


def test_parameter_cells_stay_in_the_notebooks_but_not_on_the_pages(built):
    out, _ = built
    for chapter in ("sourcing", "quotes", "readability", "trade"):
        cells = json.loads((out / "source" / "book" / f"{chapter}.ipynb").read_text())["cells"]
        tagged = {t: c for c in cells for t in c["metadata"].get("tags", [])}
        assert "remove-cell" in tagged["parameters"]["metadata"]["tags"], chapter
        injected = tagged["injected-parameters"]
        assert "remove-cell" in injected["metadata"]["tags"], chapter
        assert "tables_dir = " in "".join(injected["source"]), chapter
        page = text_of(out / "html" / "book" / f"{chapter}.html")
        assert "tables_dir =" not in page and "corpus_name =" not in page, chapter


def test_no_absolute_path_of_the_build_machine_in_the_site(built):
    out, _ = built
    machine_paths = {str(out.parent), str(ROOT), str(CORPUS)}
    checked = 0
    for f in (out / "html").rglob("*"):
        if f.is_file() and f.suffix in {".html", ".ipynb", ".md", ".txt", ".js", ".json", ".csv"}:
            text = f.read_text(encoding="utf-8", errors="replace")
            for p in machine_paths:
                assert p not in text, (f.relative_to(out), p)
            checked += 1
    assert checked > 10


def test_each_chapter_names_its_corpus_in_words(built):
    out, _ = built
    articles = pd.read_csv(out / "tables" / "articles.csv")
    dates = pd.to_datetime(articles.published, utc=True)
    for chapter in ("sourcing", "quotes", "readability"):
        # Sphinx's smartquotes curls the quotes around the name
        page = text_of(out / "html" / "book" / f"{chapter}.html").replace("\u2018", "'").replace("\u2019", "'")
        assert f"This page describes the corpus '{CORPUS.name}': {len(articles)} articles" in page, chapter
        assert f"published {dates.min().date()} to {dates.max().date()}" in page, chapter
        assert f"from {articles.outlet.nunique()} outlets (" in page, chapter


def test_second_build_reuses_the_parse_and_gives_identical_tables(built, tmp_path):
    out, first = built
    out2 = tmp_path / "again"
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(CORPUS), "--out", str(out2)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "5 reused, 0 parsed" in proc.stderr
    for csv in sorted((out / "tables").glob("*.csv")):
        assert csv.read_bytes() == (out2 / "tables" / csv.name).read_bytes(), csv.name


def test_a_failing_chapter_fails_the_build_and_keeps_the_old_book(built, tmp_path):
    out, _ = built
    project = tmp_path / "project"
    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy2(ROOT / name, project / name if project.exists() else (project.mkdir() or project / name))
    shutil.copytree(ROOT / "book", project / "book")
    shutil.copytree(ROOT / "data" / "reference", project / "data" / "reference")
    chapter = project / "book" / "trade.md"
    chapter.write_text(chapter.read_text().replace("gap = t.mirror_gap",
                                                   "gap = t.mirror_gap\nraise ValueError('boom in trade')"))
    index = (out / "html" / "index.html").read_bytes()
    env = {**__import__("os").environ, "NEWSBOOK_PROJECT": str(project)}
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(CORPUS), "--out", str(out)],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 1
    assert "chapter 'trade'" in proc.stderr and "boom in trade" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "html" / "index.html").read_bytes() == index
    assert not list(out.parent.glob(".out.staging-*"))


def test_a_corpus_with_no_english_article_builds_and_says_what_it_could_not_measure(tmp_path):
    corpus = tmp_path / "russian"
    corpus.mkdir()
    (corpus / "a1.txt").write_text("Президент Казахстана заявил во вторник, что товарооборот с Китаем вырос.\n\n"
                                   "«Мы откроем новые железнодорожные маршруты», — сказал министр транспорта.\n",
                                   encoding="utf-8")
    (corpus / "a2.txt").write_text("Министр экономики Узбекистана сообщил, что инвестиции из России выросли.\n",
                                   encoding="utf-8")
    (corpus / "metadata.csv").write_text("file,id,outlet,language\na1.txt,ru1,Kazinform,ru\na2.txt,ru2,Gazeta.uz,ru\n",
                                         encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(corpus), "--out", str(out),
                           "--cache", str(tmp_path / "cache")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    readability = text_of(out / "html" / "book" / "readability.html")
    assert "No article of this corpus was measured (readability is measured on English text only)." in readability
    assert "No article is measured: none of the 2 articles is in English." in readability
    quotes = pd.read_csv(out / "tables" / "quotes.csv")
    assert quotes.empty  # quotes are extracted from English text only
    assert "This book describes the corpus 'russian': 2 articles" in text_of(out / "html" / "book" / "intro.html") \
        .replace("\u2018", "'").replace("\u2019", "'")


def test_chapter_sources_carry_no_outputs():
    for nb in (ROOT / "book").rglob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not any(c.get("outputs") for c in cells if c["cell_type"] == "code"), nb
    for md in (ROOT / "book").glob("*.md"):
        assert not (md.with_suffix(".ipynb")).exists(), f"{md.name} and its .ipynb share a folder"


def test_jupyter_book_is_pinned_below_2():
    from importlib.metadata import version

    major = int(version("jupyter-book").split(".")[0])
    assert major == 1


def test_the_explorer_is_in_the_site_and_the_quotes_table_links_into_it(built):
    out, _ = built
    from newsbook import explorer

    html_dir = out / "html" / "book"
    articles = pd.read_csv(out / "tables" / "articles.csv", keep_default_na=False)
    index = (html_dir / "explorer.html").read_text(encoding="utf-8")
    for doc_id in articles.doc_id:
        page = html_dir / explorer.FOLDER / f"{explorer.page_name(doc_id)}.html"
        assert page.is_file(), doc_id
        assert f'href="{explorer.FOLDER}/{page.name}"' in index
    quotes_page = (html_dir / "quotes.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(explorer/[^"#]+)#(q\d+)"', quotes_page)
    assert links
    for target, anchor in links[:10]:
        assert f'id="{anchor}"' in (html_dir / target).read_text(encoding="utf-8")
    # the site search indexes the explorer pages (a speaker's name finds its article)
    assert "explorer/" in (out / "html" / "searchindex.js").read_text(encoding="utf-8")


def documented_tables():
    """Table name -> the columns book/tables.md lists for it, in order."""
    page = (ROOT / "book" / "tables.md").read_text(encoding="utf-8")
    out = {}
    for block in re.split(r"^### ", page, flags=re.M)[1:]:
        name = re.match(r"`(\w+)`", block).group(1)
        text = block.split("\n", 1)[1]
        out[name] = list(dict.fromkeys(re.findall(r"`(\w+)`", text)))
    for name, words in out.items():  # "the columns of `share_claims`, then ..."
        words += [c for ref in list(words) if ref in out and ref != name for c in out[ref]]
    return out


def test_the_tables_page_documents_every_column_of_every_table(built):
    out, _ = built
    documented = documented_tables()
    written = sorted(p.stem for p in (out / "tables").glob("*.parquet"))
    assert written and set(written) <= set(documented), set(written) - set(documented)
    for name in written:
        columns = list(pd.read_parquet(out / "tables" / f"{name}.parquet").columns)
        missing = [c for c in columns if c not in documented[name]]
        assert not missing, f"book/tables.md does not describe {name}.{missing}"

def test_every_page_carries_the_build_stamp_and_cite_quotes_it(built):
    out, _ = built
    stamp = json.loads((out / "tables" / "build.json").read_text())
    assert (out / "html" / "tables" / "build.json").read_bytes() == (out / "tables" / "build.json").read_bytes()
    assert len(stamp["corpus_fingerprint"]) == 64 and stamp["articles"] == len(pd.read_csv(out / "tables" / "articles.csv"))
    for f in toc_files():
        page = (out / "html" / f"{f}.html").read_text(encoding="utf-8")
        footer = re.search(r'<p class="newsbook-stamp">(.*?)</p>', page)
        assert footer, f
        assert stamp["corpus_fingerprint"][:16] in footer.group(1) and stamp["built_utc"] in footer.group(1), f
    cite = text_of(out / "html" / "book" / "cite.html")
    assert stamp["corpus_fingerprint"] in cite and stamp["git_commit"] in cite and stamp["built_utc"] in cite
    assert f"newsbook {stamp['newsbook_version']}" in cite


def test_tables_link_their_csv_in_the_site_and_load_no_library_from_a_cdn(built):
    out, _ = built
    for chapter in ("sourcing", "quotes", "readability", "trade"):
        page = (out / "html" / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="\.\./tables/([^"]+\.csv)" download>', page)
        assert links, chapter
        for name in links:
            assert (out / "html" / "tables" / name).is_file(), (chapter, name)
        assert "<th>doc_id</th>" not in page and ">NaN<" not in page, chapter
        assert 'class="dataframe' not in page, chapter  # no raw pandas table
        # the interactive tables use the site's one copy of DataTables, not one embedded in each page
        assert "new ITable(" in page and '<script src="../_static/newsbook-datatables.js"></script>' in page, chapter
        assert len(page) < 300_000, (chapter, len(page))
    loader = (out / "html" / "_static" / "newsbook-datatables.js").read_text(encoding="utf-8")
    assert "import(" in loader and len(loader) > 500_000 and "dt_src_b64" not in loader
    for page in (out / "html").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"https?://[^\"' ]*(itables|datatables)[^\"' ]*\.js", text), page


def test_intro_and_references_describe_the_corpus_built(built):
    out, _ = built
    articles = pd.read_csv(out / "tables" / "articles.csv", keep_default_na=False)
    intro = text_of(out / "html" / "book" / "intro.html").replace("\u2018", "'").replace("\u2019", "'")
    assert f"This book describes the corpus '{CORPUS.name}': {len(articles)} articles" in intro
    assert "Nothing was skipped" in intro or "The loader reported" in intro
    refs = text_of(out / "html" / "book" / "references.html")
    for row in articles.itertuples():
        assert f"[{row.doc_id}]" in refs and row.url in refs


def test_each_chapter_opens_with_its_findings(built):
    out, _ = built
    quotes = pd.read_csv(out / "tables" / "quotes.csv", keep_default_na=False)
    for chapter in ("sourcing", "readability", "quotes", "trade"):
        page = (out / "html" / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        main = page[page.find("<main"):]
        heading = main.find('id="what-this-corpus-shows"')
        box = main.find('<div class="nb-findings">', heading)
        assert 0 < heading < box < main.find('<section id=', heading), chapter  # the box, before the next section
    q = text_of(out / "html" / "book" / "quotes.html")
    assert f"statements of {len(quotes)} (" in q
