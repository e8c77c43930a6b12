"""Speaker resolution: full names, roles, institutions, kinds (newsbook.quotes.speakers)."""

from newsbook.quotes import PeopleIndex, extract_quotes
from quote_helpers import content, only, run


def test_surname_resolves_to_full_name_and_keeps_role(nlp):
    text = ("Theresa Fallon, director of the Centre for Russia Studies in Brussels, said the visit "
            "was a signal to Washington. “He has other options,” Fallon said.")
    doc, qs = run(nlp, text)
    assert [q.type for q in qs] == ["indirect", "direct"]
    assert qs[1].speaker.mention == "Fallon"
    assert qs[1].speaker.name == "Theresa Fallon"
    assert qs[1].speaker.role.startswith("director of the Centre")


def test_title_before_name_gives_role_and_official_kind(nlp):
    doc, qs = run(nlp, "Russian Foreign Minister Sergey Lavrov said Belarus would become a full member of the group.")
    q = only(qs)
    assert q.type == "indirect"
    assert q.speaker.name == "Sergey Lavrov"
    assert q.speaker.role == "Russian Foreign Minister"
    assert q.speaker.kind == "official"
    assert content(doc, q).startswith("Belarus would become")


def test_organisation_and_country_speakers(nlp):
    doc, qs = run(nlp, "The U.S. State Department estimated that most foreign investment in the country comes from China. "
                       "Earlier this week, Kazakhstan announced that a Chinese company would build a nuclear plant.")
    assert [q.speaker.name for q in qs] == ["U.S. State Department", "Government of Kazakhstan"]
    assert all(q.speaker.kind == "organisation" for q in qs)


def test_unnamed_sources_have_no_name(nlp):
    doc, qs = run(nlp, "Experts have repeatedly said that Russia's influence in the region could weaken.")
    q = only(qs)
    assert q.speaker.name == ""
    assert q.speaker.kind == "unnamed"


def test_a_name_the_recogniser_missed_keeps_the_role_stated_with_it(nlp):
    # in one default-corpus article en_core_web_sm tags no entity on "Xi Jinping" (it does alone)
    from newsbook.quotes import PeopleIndex

    doc = nlp("Xi Jinping, China’s leader, was greeted in Astana by children singing in Chinese.")
    doc.ents = [e for e in doc.ents if e.label_ != "PERSON"]
    assert PeopleIndex(doc).roles["Xi Jinping"] == ("China’s leader", "")
