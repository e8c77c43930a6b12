"""Countries behind place names."""

import pytest

from newsbook.places import capital_country, institution_country


@pytest.mark.parametrize("name, country", [
    ("Beijing", "China"), ("moscow", "Russia"), ("Astana", "Kazakhstan"), ("Washington", "United States"),
    ("Yerevan", "Armenia"), ("Berlin", "Germany"),
    ("Almaty", None),     # Kazakhstan's largest city, not its capital: no government speaks for it
    ("Brussels", None),   # speaks for the EU more often than for Belgium
])
def test_a_capital_stands_for_its_countrys_government(name, country):
    assert capital_country(name) == country


@pytest.mark.parametrize("role, org, country", [
    # where the institution is, when the role says so
    ("director of the Centre for Russia, Europe and Asia Studies in Brussels",
     "Centre for Russia, Europe and Asia Studies", "BEL"),
    ("a fellow specializing in China-Central Asia relations at the Atlantic Council, a Washington research group",
     "Atlantic Council", "USA"),
    ("a senior fellow at the Berlin-based Carnegie Center", "Carnegie Center", "DEU"),
    # a country the name carries, unless it is what the institution studies
    ("professor of international relations at King’s College London", "King’s College London", "GBR"),
    ("director of the Carnegie Russia and Eurasia Center", "Carnegie Russia and Eurasia Center", ""),
    ("head of the Institute for China Studies", "Institute for China Studies", ""),
    # else the role's own country
    ("Kazakh Deputy Foreign Minister", "", "KAZ"),
    ("senior research fellow at Harvard University’s Davis Center", "Harvard University’s Davis Center", ""),
])
def test_an_institutions_country_is_where_the_text_places_it(role, org, country):
    assert institution_country(role, org) == country
