from datetime import date

import pytest

from newsbook.figures import find_figures, measure_of, year_of
from newsbook.places import parties_in


@pytest.mark.parametrize("text,value,currency,scale,approx", [
    ("two-way trade topping $41 billion.", 41, "USD", 1e9, "over"),
    ("reached US$94.8 billion, dwarfing", 94.8, "USD", 1e9, "exact"),
    ("is around €54bn (US$62.1 billion)", 54, "EUR", 1e9, "about"),
    ("a £8bn package", 8, "GBP", 1e9, "exact"),
    ("worth 1.2 trillion yuan last year", 1.2, "CNY", 1e12, "exact"),
    ("agreements worth nearly US$25 billion were signed", 25, "USD", 1e9, "under"),
    ("more than $1,250 million in loans", 1250, "USD", 1e6, "over"),
    ("between $10-15 billion", 12.5, "USD", 1e9, "about"),
])
def test_amount_forms(text, value, currency, scale, approx):
    fig = find_figures(text)[0]
    assert (fig.value, fig.currency, fig.scale, fig.approx) == (pytest.approx(value), currency, scale, approx)
    assert text[fig.start:fig.end] == fig.text


def test_parenthetical_conversion_is_a_second_figure():
    figs = find_figures("is around €54 billion (US$62.1 billion), Mirziyoyev said")
    assert [(f.currency, f.value) for f in figs] == [("EUR", 54), ("USD", 62.1)]


def test_vague_amounts_have_no_value():
    figs = find_figures("Russia acquired billions of dollars’ worth of goods; the war cost hundreds of billions of dollars")
    assert [f.value for f in figs] == [None, None]
    assert all(f.currency == "USD" and f.scale == 1e9 for f in figs)


def test_numbers_that_are_not_money_are_ignored():
    assert find_figures("In 2024, 58 agreements were signed and 700,000 people fled 7,000 km away.") == []


def test_relative_years_resolve_against_publication_date():
    s = "Last year China overtook Russia, with two-way trade topping $41 billion."
    assert year_of(s, s.index("$"), date(2024, 7, 4)) == 2023
    s2 = "In 2024, China's turnover reached US$94.8 billion."
    assert year_of(s2, s2.index("US$"), date(2025, 6, 23)) == 2024


def test_measure_and_parties_from_the_sentence():
    s = "Last year China overtook Russia to become Kazakhstan’s biggest trading partner, with two-way trade topping $41 billion."
    assert measure_of(s, s.index("$")) == "trade"
    assert parties_in(s) == ["CHN", "RUS", "KAZ"]
    assert parties_in("the EU's trade volume with Central Asia is US$62 billion") == ["EU", "CENTRAL_ASIA"]
