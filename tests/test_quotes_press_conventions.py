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


# --------------------------------------------------------------------------- role nouns

def test_the_premier_is_the_person_named_prime_minister(nlp):
    text = ("Prime Minister Olzhas Bektenov visited a housing estate in Almaty on Tuesday.\n\n"
            "The premier said that forty thousand flats would be finished this year.")
    sp = cued(nlp, text, "said").speaker
    assert (sp.name, sp.mention, sp.kind) == ("Olzhas Bektenov", "The premier", "official")


def test_the_head_of_state_is_the_president_the_article_names(nlp):
    text = ("President Sadyr Japarov opened the new terminal at Manas airport.\n\n"
            "The head of state said that flights to Tashkent would resume in March.")
    sp = cued(nlp, text, "said").speaker
    assert (sp.name, sp.mention) == ("Sadyr Japarov", "The head of state")


def test_a_national_leader_is_the_leader_of_that_country(nlp):
    text = ("Russian President Vladimir Putin and President Kassym-Jomart Tokayev met in Orenburg.\n\n"
            "Chinese President Xi Jinping sent a letter to the forum.\n\n"
            "The Kazakh leader said the two countries would build a new gas pipeline.")
    # Xi and Putin are placed in other countries; Tokayev's role names none, and he is the one left
    assert cued(nlp, text, "said").speaker.name == "Kassym-Jomart Tokayev"
    text = ("Russian President Vladimir Putin met President Kassym-Jomart Tokayev in Orenburg.\n\n"
            "The Russian leader said trade between the neighbours had grown by a tenth.")
    assert cued(nlp, text, "said").speaker.name == "Vladimir Putin"  # placed in Russia, though named first
