"""Tables the chapters show, built from the extractor's output."""

import pandas as pd

from newsbook import report


def _quotes(rows):
    cols = ["doc_id", "quote_id", "type", "text", "speaker", "speaker_role", "speaker_org", "speaker_kind",
            "speaker_country", "speaker_mention"]
    return pd.DataFrame(rows, columns=cols)


def test_a_joint_statement_counts_for_each_of_its_speakers():
    quotes = _quotes([
        ("a", "a-1", "mixed", "the friendship has no limits", "Vladimir Putin; Xi Jinping", "", "", "official", "",
         "their leaders"),
        ("a", "a-2", "indirect", "the summit was a success", "Xi Jinping", "Chinese President", "", "official", "CHN",
         "Xi"),
    ])
    table = report.speakers(quotes).set_index("speaker")
    assert sorted(table.index) == ["Vladimir Putin", "Xi Jinping"]
    assert table.loc["Xi Jinping", "statements"] == 2
    assert table.loc["Xi Jinping", "role"] == "Chinese President"  # its own, not the joint mention's
    assert table.loc["Vladimir Putin", "words"] == 5
    voices = report.voices_per_article(quotes, ["a"])
    assert voices.loc["a", "official"] == 2


def test_a_speaker_gets_the_kind_most_of_their_statements_carry():
    quotes = _quotes([
        # the first statement gave no clue (a bare surname), the next two name the office
        ("a", "a-1", "indirect", "the reform would go ahead", "Sadyr Japarov", "", "", "unknown", "", "Japarov"),
        ("a", "a-2", "indirect", "the dam would open in May", "Sadyr Japarov", "President", "", "official", "",
         "the president"),
        ("b", "b-1", "indirect", "tariffs would stay low", "Sadyr Japarov", "President", "", "official", "",
         "Kyrgyz President Sadyr Japarov"),
        # two kinds once each: the tie goes to the kind listed first in KIND_ORDER
        ("a", "a-3", "indirect", "growth would slow", "Aida Bekova", "", "", "organisation", "", "Bekova"),
        ("b", "b-2", "indirect", "inflation would ease", "Aida Bekova", "economist", "", "expert", "", "Bekova"),
        ("b", "b-3", "indirect", "prices would rise", "Bekova's office", "", "", "unknown", "", "her office"),
    ])
    table = report.speakers(quotes).set_index("speaker")
    assert table.loc["Sadyr Japarov", "kind"] == "official"  # not the first statement's "unknown"
    assert table.loc["Aida Bekova", "kind"] == "expert"
    assert table.loc["Bekova's office", "kind"] == "unknown"  # nothing says more
    assert report.majority_kind(pd.Series(["media", "official", "media", "unknown", "unknown", "unknown"])) \
        == "media"


def test_corpus_description_names_the_folder_count_dates_and_outlets():
    articles = pd.DataFrame({
        "published": ["2024-07-03", "2025-06-17", "not a date", "2024-07-04"],
        "outlet": ["Vlast.kz", "South China Morning Post", "Vlast.kz", None],
    })
    text = report.corpus_description("my-corpus", articles)
    assert text == ("the corpus 'my-corpus': 4 articles, published 2024-07-03 to 2025-06-17, "
                    "from 2 outlets (Vlast.kz; South China Morning Post)")
    assert "/" not in report.corpus_description("x", articles.iloc[:0])


def test_corpus_description_counts_outlets_past_the_limit():
    articles = pd.DataFrame({"published": ["2024-01-01"] * 7, "outlet": [f"Outlet {i}" for i in range(7)]})
    text = report.corpus_description("c", articles, max_outlets=3)
    assert "published 2024-01-01," in text and "from 7 outlets (" in text and "; and 4 more)" in text


def test_readability_coverage_says_which_articles_are_measured():
    assert report.readability_coverage(0, 2) == "No article is measured: none of the 2 articles is in English."
    assert report.readability_coverage(0, 1) == "No article is measured: the corpus's only article is not in English."
    assert report.readability_coverage(5, 0) == "Every article is measured (5 articles, all in English)."
    assert report.readability_coverage(3, 1) == "3 articles are measured; 1 is left out because it is not in English."


def test_a_chart_with_no_data_says_so_instead_of_drawing_empty_axes():
    empty = pd.DataFrame({"group": [], "flesch_kincaid_grade": [], "gunning_fog": []})
    fig = report.bar_chart(empty, "group", ["flesch_kincaid_grade", "gunning_fog"], "article", "US school grade")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == [report.NOTHING_TO_PLOT]
    assert ax.get_legend() is None and ax.get_xlabel() == "article" and ax.get_ylabel() == "US school grade"
    full = pd.DataFrame({"group": ["a1"], "flesch_kincaid_grade": [9.5], "gunning_fog": [11.0]})
    fig = report.bar_chart(full, "group", ["flesch_kincaid_grade", "gunning_fog"], "article", "US school grade")
    assert len(fig.axes[0].texts) == 0 and len(fig.axes[0].patches) == 2 and fig.axes[0].get_legend() is not None

    paragraphs = pd.DataFrame({"doc_id": pd.Series([], dtype=str), "flesch_reading_ease": pd.Series([], dtype=float)})
    fig = report.box_by_article(paragraphs, "flesch_reading_ease", "article", "Flesch reading ease")
    assert [t.get_text() for t in fig.axes[0].texts] == [report.NOTHING_TO_PLOT]
    kinds = pd.DataFrame({"official": pd.Series([], dtype=int)})
    fig = report.stacked_kinds(kinds, "article", "statements")
    assert [t.get_text() for t in fig.axes[0].texts] == [report.NOTHING_TO_PLOT]
    import matplotlib.pyplot as plt

    plt.close("all")
