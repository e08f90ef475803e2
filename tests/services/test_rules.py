"""app.services.rules: the checks shared by POST /v1/checks and ``wirediff compare --fail-on``, over hand-made
results so that the rules, not the engine, are under test."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.engine import Attribution, Comparison, Document, NumberChange, Quote, Summary, compare
from app.engine.report import Judgement, Verdict
from app.schemas import CheckResult, RuleFailure, Rules
from app.services.rules import evaluate, parse_rules


def result(
    *,
    verdict: Verdict = "derived",
    kept: int = 3,
    reworded: int = 2,
    dropped: int = 1,
    added: int = 4,
    base_retained: float = 0.75,
    other_from_base: float = 0.5,
    quotes: list[Quote] | None = None,
    numbers: list[NumberChange] | None = None,
    credits: tuple[list[str], list[str]] = (["Reuters"], ["Reuters"]),
) -> Comparison:
    base_credits, other_credits = credits
    return Comparison(
        engine_version="test",
        verdict=verdict,
        judgement=Judgement({verdict: 1.0}, [], "test"),
        summary=Summary(kept, reworded, dropped, added, 0, base_retained, other_from_base),
        headline=verdict,
        findings=[],
        base=Document(None, []),
        other=Document(None, []),
        alignment=[],
        fragments=[],
        quotes=quotes or [],
        numbers=numbers or [],
        substitutions=[],
        reporting_verbs=[],
        attribution=Attribution(
            base_credits, other_credits, credit_dropped=bool(set(base_credits) - set(other_credits))
        ),
    )


def failures(rules: Rules, comparison: Comparison) -> list[RuleFailure]:
    return evaluate(comparison, rules).failures


class TestEvaluate:
    def test_rules_that_hold_pass(self) -> None:
        rules = Rules(
            max_dropped=1, max_added=4, max_reworded=2, min_base_retained=0.75, verdict_in=["derived"]
        )
        assert evaluate(result(), rules) == CheckResult(passed=True, failures=[])

    def test_quotes_intact_fails_on_altered_and_missing_quotes(self) -> None:
        quotes = [
            Quote("We need a ceasefire", 2, "verbatim", 3, "We need a ceasefire"),
            Quote("This is their responsibility", 4, "altered", 5, "This is its responsibility"),
            Quote("They don't have any shelter", 6, "missing", None, None),
            Quote("New words", None, "new", 7, "New words"),
        ]
        assert failures(Rules(quotes_intact=True), result(quotes=quotes)) == [
            RuleFailure(
                rule="quotes_intact",
                expected=True,
                actual=False,
                detail='altered "This is their responsibility"; missing "They don\'t have any shelter"',
            )
        ]

    def test_quotes_intact_fails_on_a_quotation_given_to_another_speaker(self) -> None:
        quotes = [Quote("We need a ceasefire", 2, "reattributed", 3, "We need a ceasefire")]
        assert failures(Rules(quotes_intact=True), result(quotes=quotes)) == [
            RuleFailure(
                rule="quotes_intact", expected=True, actual=False, detail='reattributed "We need a ceasefire"'
            )
        ]

    def test_quotes_intact_false_is_not_checked(self) -> None:
        quotes = [Quote("Gone", 0, "missing", None, None)]
        assert failures(Rules(quotes_intact=False), result(quotes=quotes)) == []

    def test_numbers_intact_fails_on_changed_and_missing_numbers(self) -> None:
        numbers = [
            NumberChange("20,000", "25,000", 1, 1, "changed"),
            NumberChange("6", None, 2, None, "missing"),
            NumberChange(None, "7", None, 3, "new"),
        ]
        assert failures(Rules(numbers_intact=True), result(numbers=numbers)) == [
            RuleFailure(
                rule="numbers_intact", expected=True, actual=False, detail="20,000 -> 25,000; 6 missing"
            )
        ]

    def test_credit_kept_fails_when_other_drops_the_wire_credit(self) -> None:
        comparison = result(credits=(["Reuters", "AFP"], ["AFP"]))
        assert failures(Rules(credit_kept=True), comparison) == [
            RuleFailure(rule="credit_kept", expected=True, actual=False, detail="other dropped Reuters")
        ]

    def test_credit_kept_fails_when_other_credits_another_agency_instead(self) -> None:
        wire = (
            "Senate passes aid package\n\n"
            "WASHINGTON (Reuters) - The Senate passed a $95 billion aid package on Tuesday.\n\n"
            "A senior Democratic aide told Reuters the House was unlikely to act before March.\n"
        )
        comparison = compare(wire, wire.replace("(Reuters)", "(AFP)"))
        assert failures(Rules(credit_kept=True), comparison) == [
            RuleFailure(
                rule="credit_kept", expected=True, actual=False, detail="other credits AFP instead of Reuters"
            )
        ]

    @pytest.mark.parametrize(
        ("rules", "expected"),
        [
            (Rules(max_dropped=0), ("max_dropped", 0, 1, "1 sentence dropped, at most 0 allowed")),
            (Rules(max_added=2), ("max_added", 2, 4, "4 sentences added, at most 2 allowed")),
            (Rules(max_reworded=1), ("max_reworded", 1, 2, "2 groups reworded, at most 1 allowed")),
        ],
    )
    def test_counts_over_their_maximum_fail(self, rules: Rules, expected: tuple[str, int, int, str]) -> None:
        rule, limit, actual, detail = expected
        assert failures(rules, result()) == [
            RuleFailure(rule=rule, expected=limit, actual=actual, detail=detail)
        ]

    def test_shares_under_their_minimum_fail(self) -> None:
        rules = Rules(min_base_retained=0.8, min_other_from_base=0.5)
        assert failures(rules, result(base_retained=0.6266)) == [
            RuleFailure(
                rule="min_base_retained",
                expected=0.8,
                actual=0.6266,
                detail="base retained 63%, at least 80% required",
            )
        ]

    def test_verdict_outside_the_allowed_ones_fails(self) -> None:
        assert failures(Rules(verdict_in=["copy"]), result(verdict="related")) == [
            RuleFailure(
                rule="verdict_in",
                expected=["copy"],
                actual="related",
                detail="verdict related, expected one of copy",
            )
        ]


class TestRules:
    def test_at_least_one_rule_is_needed(self) -> None:
        with pytest.raises(ValidationError, match="give at least one rule"):
            Rules()

    def test_unknown_rules_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="extra_forbidden"):
            Rules.model_validate({"max_moves": 1})


class TestParseRules:
    def test_key_value_pairs_with_list_items_joined_by_bars(self) -> None:
        rules = parse_rules(
            ["quotes_intact=true,max_dropped=3,min_base_retained=0.8,verdict_in=copy|derived"]
        )
        assert rules == Rules(
            quotes_intact=True, max_dropped=3, min_base_retained=0.8, verdict_in=["copy", "derived"]
        )

    def test_json_objects_and_later_specs_override_earlier_ones(self) -> None:
        rules = parse_rules(['{"max_dropped": 3, "credit_kept": true}', "max_dropped=1"])
        assert rules == Rules(max_dropped=1, credit_kept=True)

    def test_a_pair_without_equals_is_refused(self) -> None:
        with pytest.raises(ValueError, match="expected key=value, got 'quotes_intact'"):
            parse_rules(["quotes_intact"])

    def test_json_that_is_not_an_object_is_refused(self) -> None:
        with pytest.raises(ValueError, match="must be an object"):
            parse_rules(["[1]"])
