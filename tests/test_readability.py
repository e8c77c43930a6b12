import pandas as pd
import pytest

from newsbook.clean import clean_text
from newsbook.readability import COLUMNS, FORMULAS, readability_rows, to_frame


@pytest.mark.usefixtures("no_network")
def test_scores_equal_textstat_on_the_same_cleaned_text(corpus):
    import textstat

    article = corpus.by_id()["bylinetimes-2024-07-04"]
    cleaned = clean_text(article.text, article.get("title"))
    rows = readability_rows(article.doc_id, cleaned.text, [p.text for p in cleaned.kept])
    art = rows[0]
    assert art["level"] == "article"
    for name in FORMULAS:
        assert art[name] == pytest.approx(getattr(textstat, name)(cleaned.text), abs=1e-3), name
    assert art["words"] == textstat.lexicon_count(cleaned.text)
    assert art["text_standard"] == textstat.text_standard(cleaned.text, float_output=False)
    # one row per kept paragraph, each scored on that paragraph's text alone
    paras = [r for r in rows if r["level"] == "paragraph"]
    assert len(paras) == len(cleaned.kept)
    first = cleaned.kept[0].text
    assert paras[0]["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(first), abs=1e-3)


@pytest.mark.usefixtures("no_network")
def test_cleaning_changes_the_scores_of_a_page_with_furniture(corpus):
    article = corpus.by_id()["bylinetimes-2024-07-04"]
    cleaned = clean_text(article.text, article.get("title"))
    raw = readability_rows("x", article.text, [])[0]
    clean = readability_rows("x", cleaned.text, [])[0]
    assert clean["words"] < raw["words"]
    assert clean["flesch_kincaid_grade"] != raw["flesch_kincaid_grade"]


def test_frame_has_the_documented_columns():
    frame = to_frame(readability_rows("d", "One short sentence here. And another one.", ["One short sentence here."]))
    assert list(frame.columns) == COLUMNS
    assert frame["paragraph"].tolist()[1] == 0
    assert pd.isna(frame["paragraph"].tolist()[0])


def test_wider_word_caches_leave_every_score_as_textstat_ships_it(corpus):
    """newsbook gives textstat's per-word helpers a bigger memo; a process running textstat
    untouched must score every paragraph of a real article identically."""
    import json
    import os
    import subprocess
    import sys

    from newsbook.readability import _textstat, _widen_word_caches

    _textstat()  # the caches are widened in this process
    assert _widen_word_caches() >= 0
    import textstat.backend.counts._count_syllables as cs

    assert cs.count_syllables.cache_info().maxsize > 128
    article = corpus.articles[0]
    cleaned = clean_text(article.text, article.get("title"))
    texts = [cleaned.text] + [p.text for p in cleaned.kept]
    script = (
        "import json, sys, textstat\ntextstat.set_lang(\"en\")\n"
        "texts = json.load(sys.stdin)\n"
        f"names = {FORMULAS!r}\n"
        "print(json.dumps([[getattr(textstat, n)(t) for n in names] + [textstat.text_standard(t, float_output=False)]"
        " for t in texts]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True,
                         text=True, env={**os.environ}, check=True, timeout=300)
    shipped = json.loads(out.stdout)
    rows = readability_rows("x", cleaned.text, [p.text for p in cleaned.kept])
    assert len(rows) == len(shipped) > 5
    for row, values in zip(rows, shipped):
        assert [row[n] for n in FORMULAS] == [round(v, 3) for v in values[:-1]]
        assert row["text_standard"] == values[-1]
