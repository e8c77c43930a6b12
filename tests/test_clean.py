import csv

import pytest

from conftest import SHARED
from newsbook.clean import clean_text, split_paragraphs


def test_offsets_map_every_kept_character_back_to_the_raw_text(corpus):
    for article in corpus:
        cleaned = clean_text(article.text, article.get("title"))
        for c_start, c_end in cleaned.kept_paragraph_spans():
            for i in range(c_start, c_end):
                assert cleaned.text[i] == article.text[cleaned.to_raw(i)]


def test_scraped_page_furniture_is_removed_with_reasons(corpus):
    article = corpus.by_id()["bylinetimes-2024-07-04"]
    cleaned = clean_text(article.text, article.get("title"))
    reasons = [r.reason for r in cleaned.removals]
    assert reasons.count("related-article teaser (headline)") == 4
    assert reasons.count("related-article teaser (standfirst)") == 4
    assert "newsletter, subscription or sharing box" in reasons
    assert any(r.startswith("repeated paragraph") for r in reasons)
    assert not any("Sign up" in p.text for p in cleaned.kept)
    # the closing paragraph of the article stays, and so does the standfirst at the top
    assert any(p.text.startswith("In reality, Putin is having a hard time") for p in cleaned.kept)
    for r in cleaned.removals:
        assert article.text[r.start:r.end] == r.text


def test_other_language_appeal_and_footer_removed(corpus):
    vlast = corpus.by_id()["vlast-2024-03-27"]
    cleaned = clean_text(vlast.text)
    assert [r.reason.split(" (")[0] for r in cleaned.removals] == ["paragraph in another script"]
    assert cleaned.text.rstrip().endswith("Fatima Yerbolek.")


def test_no_gold_statement_is_removed(corpus):
    """Every non-borderline annotated statement of the default corpus survives cleaning."""
    path = SHARED / "gold" / "seeds_quotes.csv"
    if not path.is_file():
        pytest.skip("shared gold annotations not present")
    by_file = {a.file: a for a in corpus}
    checked = 0
    for row in csv.DictReader(open(path, encoding="utf-8")):
        if row["borderline"] == "yes":
            continue
        article = by_file[row["file"]]
        cleaned = clean_text(article.text, article.get("title"))
        offset = int(row["char_offset"])
        assert not any(r.start <= offset < r.end for r in cleaned.removals), row["quote_id"]
        checked += 1
    assert checked > 40


def test_subheading_followed_by_a_real_paragraph_is_kept():
    text = ("Leaders met in Astana on Wednesday for the annual summit of the regional grouping.\n"
            "Trade And The Railway Question\n"
            "The new line will cut transit times between China and Uzbekistan by several days, officials said.\n"
            "Analysts expect the project to take at least five more years to complete in full.\n")
    cleaned = clean_text(text)
    assert cleaned.removals == []


def test_teaser_between_body_paragraphs_is_removed():
    text = ("Leaders met in Astana on Wednesday for the annual summit of the regional grouping.\n"
            "How The War Changed Everything For The Kremlin's Neighbours\n"
            "Since the invasion, old partners have looked elsewhere for trade and security\n"
            "The new line will cut transit times between China and Uzbekistan by several days, officials said.\n")
    cleaned = clean_text(text)
    assert [r.reason for r in cleaned.removals] == [
        "related-article teaser (headline)", "related-article teaser (standfirst)"]


def test_hard_wrapped_text_is_split_into_blocks():
    text = ("The summit opened on Wednesday with a\nspeech by the host, who praised\nthe region.\n\n"
            "Delegations then met behind closed\ndoors for several hours.\n")
    paras = split_paragraphs(text)
    assert len(paras) == 2
    assert paras[1].text.startswith("Delegations")
    # the cleaned text holds each paragraph on one line, and offsets still reach the raw text
    cleaned = clean_text(text)
    assert cleaned.text.split("\n\n") == [
        "The summit opened on Wednesday with a speech by the host, who praised the region.",
        "Delegations then met behind closed doors for several hours."]
    at = cleaned.text.index("doors")
    assert text[cleaned.to_raw(at):cleaned.to_raw(at) + 5] == "doors"


def test_paragraph_in_another_language_is_removed_and_reported():
    from newsbook.clean import odd_paragraphs

    text = ("Leaders met in Astana on Wednesday for the annual summit of the regional grouping.\n"
            "Die Regierung in Berlin beobachtet die Entwicklung in Zentralasien seit Jahren sehr genau und mit Sorge.\n"
            "The new line will cut transit times between China and Uzbekistan by several days, officials said.\n")
    cleaned = clean_text(text)
    assert [r.reason.split(" (")[0] for r in cleaned.removals] == ["paragraph in another language"]
    assert "(de," in cleaned.removals[0].reason
    odd = odd_paragraphs(cleaned, "en")
    assert [(o["language"], o["removed"]) for o in odd] == [("de", True)]


def test_english_marker_words_agree_with_the_classifier_on_real_paragraphs(corpus):
    from newsbook.language import _identifier, looks_english

    paragraphs = [p.text for a in corpus.articles for p in split_paragraphs(a.text) if p.words >= 6]
    marked = [t for t in paragraphs if looks_english(t)]
    assert len(marked) >= len(paragraphs) // 2
    assert all(_identifier().classify(t)[0] == "en" for t in marked)
    # Latin-script prose in other languages never passes, whatever its shared words
    for other in ("Die Regierung in Berlin beobachtet die Entwicklung in Zentralasien seit Jahren.",
                  "Le sommet de l'Organisation de coopération de Shanghai s'est tenu à Astana et la presse.",
                  "To je dobrý den pro Astanu, the summit, řekl ministr zahraničí."):
        assert not looks_english(other)
    assert looks_english("The leaders said that the new railway would open next year.")
