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
