"""`newsbook corpus PATH ... [--json]`: what would be loaded, without analysing."""

import json
import subprocess
import sys
import zipfile

ASTANA = "Kazakhstan and China signed a trade agreement in Astana on Monday, officials said."
BISHKEK = "Kyrgyzstan's parliament debated a new media law in Bishkek, a deputy said on Tuesday."
RU = "Центральная Азия остаётся в центре внимания. Торговля с Китаем растёт год от года, говорят эксперты."


def run(*args):
    return subprocess.run([sys.executable, "-m", "newsbook", "corpus", *map(str, args)],
                          capture_output=True, text=True)


def test_corpus_command_describes_formats_columns_skips_languages_dates_and_duplicates(tmp_path):
    csv_path = tmp_path / "mediacloud.csv"
    csv_path.write_text("stories_id,publish_date,media_name,text\n"
                        f'1,2024-12-02T10:00:00Z,Outlet A,"{ASTANA}"\n'
                        "2,2024-12-03,Outlet B,\n"
                        f'3,1733220000,Outlet B,"{ASTANA.upper()}"\n', encoding="utf-8")
    zip_path = tmp_path / "pages.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("law.txt", BISHKEK)
        zf.writestr("ru.txt", RU)
        zf.writestr("photo.jpg", b"\xff\xd8\xff")
    proc = run(csv_path, zip_path, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["articles"] == 3
    csv_source, zip_source = summary["sources"]
    assert (csv_source["format"], csv_source["read"], csv_source["articles"], csv_source["duplicates"]) == \
        ("csv", 3, 1, 1)
    assert csv_source["columns"] == {"text": "text", "id": "stories_id", "published": "publish_date",
                                     "outlet": "media_name"}
    assert csv_source["skipped"] == {"has no text in column '…'; skipped": 1}
    assert (zip_source["format"], zip_source["articles"]) == ("zip", 2)
    assert zip_source["skipped"] == {"member(s) with extension .jpg skipped (use .txt, .html, .htm, .md "
                                     "or an export file)": 1}
    assert summary["languages"]["detected"] == {"en": 2, "ru": 1}
    assert summary["dates"] == {"first": "2024-12-02", "last": "2024-12-02", "dated": 1, "undated": 2}
    text = run(csv_path, zip_path)
    assert text.returncode == 0
    assert "mediacloud.csv: csv, 3 item(s) read, 1 article(s), 1 exact duplicate(s) kept once" in text.stdout
    assert "columns: text = text, id = stories_id, published = publish_date, outlet = media_name" in text.stdout
    assert "dates: 2024-12-02 to 2024-12-02 (1 dated, 2 undated)" in text.stdout


def test_corpus_command_on_a_missing_path_exits_2(tmp_path):
    proc = run(tmp_path / "nope.csv")
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr
