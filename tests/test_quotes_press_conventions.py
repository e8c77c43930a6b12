"""Conventions of the Central Asian and wire press that PolNeAR rarely shows, on sentences written
for these tests: abbreviations defined in the article, role nouns for a named person, and wire
agencies that relay a statement (a channel, not the speaker)."""

from newsbook.quotes import defined_abbreviations, extract_quotes


def statements(nlp, text):
    doc = nlp(text)
    return [(q, " | ".join(text[s:e] for s, e in q.content)) for q in extract_quotes(doc, text)]


def cued(nlp, text, cue):
    found = [q for q, _ in statements(nlp, text) if q.cue_text == cue]
    assert len(found) == 1, [(q.cue_text, q.speaker.name) for q, _ in statements(nlp, text)]
    return found[0]


# --------------------------------------------------------------------------- abbreviations

def test_an_abbreviation_defined_in_the_article_speaks_under_its_full_name(nlp):
    text = ("The Eurasian Development Bank (EDB) opened a regional office in Dushanbe last week.\n\n"
            "The EDB said the economies of the region would grow by five percent next year.")
    sp = cued(nlp, text, "said").speaker
    assert sp.name == "Eurasian Development Bank"
    assert sp.mention == "EDB"  # the mention stays what the text says
    assert sp.org == "Eurasian Development Bank"


def test_an_abbreviation_speaks_in_a_later_paragraph_and_without_an_article(nlp):
    text = ("Ministers of the Collective Security Treaty Organization (CSTO) met in Bishkek on Friday.\n\n"
            "Kyrgyzstan hosted the talks for the second year.\n\n"
            "CSTO announced that joint exercises would be held in Tajikistan in the autumn.")
    assert cued(nlp, text, "announced").speaker.name == "Collective Security Treaty Organization"


def test_which_abbreviations_a_text_defines():
    text = ("Members of the Eurasian Economic Union (EAEU) and the Shanghai Cooperation Organisation "
            "(SCO) met with the AIIB (Asian Infrastructure Investment Bank) in Astana (AIFC).")
    assert defined_abbreviations(text) == {
        "EAEU": "Eurasian Economic Union",  # the initials E, E, U are letters of EAEU, in order
        "SCO": "Shanghai Cooperation Organisation",
        "AIIB": "Asian Infrastructure Investment Bank",
    }  # "Astana (AIFC)" is one word: no definition
    assert defined_abbreviations("The bank (EDB) and Kazakh Railways (KTZ) agreed.") == {}
