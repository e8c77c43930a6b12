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
