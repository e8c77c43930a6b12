"""Every rule of the catalogue finds its own example, and the extractor records only catalogued rules."""

import pytest

from newsbook.quotes import RULES, extract_quotes
from newsbook.quotes.extract import CUE_RULES, PASSES
from newsbook.quotes.rules import catalogue


@pytest.mark.parametrize("name", list(RULES))
def test_each_rule_finds_its_example(nlp, name):
    rule = RULES[name]
    doc = nlp(rule.example)
    found = [q for q in extract_quotes(doc, rule.example) if q.rule == name]
    assert found, f"{name} found nothing in its example"
    statements = [(" … ".join(rule.example[s:e] for s, e in q.content), q.speaker.name) for q in found]
    assert (rule.content, rule.speaker) in statements, statements


def test_the_catalogue_names_the_passes_that_exist():
    passes = {name for name, _ in PASSES}
    assert {rule.found_in for rule in RULES.values()} <= passes
    assert len(CUE_RULES) == 6 and all(run.__doc__ for run in CUE_RULES)


def test_the_method_table_lists_every_rule_once():
    table = catalogue()
    assert list(table.rule) == list(RULES) and table.example.str.len().min() > 10


def test_the_method_page_holds_the_current_rule_table():
    from pathlib import Path

    from newsbook.quotes.rules import markdown_table

    page = (Path(__file__).resolve().parents[2] / "book" / "method.md").read_text(encoding="utf-8")
    assert markdown_table() in page, "run: python -m newsbook.quotes.rules book/method.md"
