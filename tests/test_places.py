"""Countries behind place names."""

import pytest

from newsbook.places import capital_country


@pytest.mark.parametrize("name, country", [
    ("Beijing", "China"), ("moscow", "Russia"), ("Astana", "Kazakhstan"), ("Washington", "United States"),
    ("Almaty", None),     # Kazakhstan's largest city, not its capital: no government speaks for it
    ("Brussels", None),   # speaks for the EU more often than for Belgium
])
def test_a_capital_stands_for_its_countrys_government(name, country):
    assert capital_country(name) == country
