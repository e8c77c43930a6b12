"""The recorded accuracy figures the book reports are complete and self-consistent."""

import pytest

from newsbook.quotes import evaluation


def test_both_methods_are_recorded_for_every_kind_of_statement():
    table = evaluation.dice_table()
    assert set(table.method) == {"learned", "rules"}
    assert sorted(table[table.method == "learned"].kind) == sorted(evaluation.KINDS)


def test_each_recorded_f1_is_the_harmonic_mean_of_its_precision_and_recall():
    table = evaluation.dice_table()
    for row in table.itertuples():
        p, r = row._4, row._5
        assert row._6 == pytest.approx(2 * p * r / (p + r), abs=0.0015), row


def test_kinds_add_up_to_all_statements():
    table = evaluation.dice_table()
    for method, rows in table.groupby("method"):
        by_kind = rows.set_index("kind")["gold statements"]
        assert by_kind[["direct", "mixed", "indirect"]].sum() == by_kind["all"], method


def test_exact_match_and_seed_figures_are_recorded():
    cofenet = evaluation.cofenet_table()
    assert set(cofenet.method) == {"learned", "rules"} and (cofenet[["source F1", "cue F1", "content F1"]] <= 100).all().all()
    seeds = evaluation.seeds_table()
    assert (seeds.found <= seeds.statements).all() and (seeds.named_right <= seeds.named).all()
