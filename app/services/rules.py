"""Checks for CI: rules over a :class:`~app.engine.Comparison`, shared by ``POST /v1/checks`` and
``wirediff compare --fail-on``.

A rule left out (or a boolean rule set to false) is not checked. Failures come in
the order the rules are declared below.

>>> from app.engine import compare
>>> result = compare(["It rained.", "Then it stopped."], ["It rained.", "It snowed."])
>>> evaluate(result, Rules(max_dropped=0)).failures[0].detail
'1 sentence dropped, at most 0 allowed'
"""

from __future__ import annotations

import json

from app.engine import NOT_QUOTED, QUOTES_ALTERED, Comparison, Verdict, one_line
from app.schemas import CheckResult, RuleFailure, Rules

__all__ = ["evaluate", "parse_rules"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _quotes_intact(result: Comparison) -> RuleFailure | None:
    # a part quoted word for word ("shortened") misquotes nobody
    broken = [q for q in result.quotes if q.status in QUOTES_ALTERED or q.status in NOT_QUOTED]
    if not broken:
        return None
    listed = "; ".join(f'{q.status} "{one_line(q.text, 60)}"' for q in broken)
    return RuleFailure(rule="quotes_intact", expected=True, actual=False, detail=listed)


def _numbers_intact(result: Comparison) -> RuleFailure | None:
    broken = [n for n in result.numbers if n.status in ("changed", "missing")]
    if not broken:
        return None
    listed = "; ".join(
        f"{n.base} -> {n.other}" if n.status == "changed" else f"{n.base} missing" for n in broken
    )
    return RuleFailure(rule="numbers_intact", expected=True, actual=False, detail=listed)


def _credit_kept(result: Comparison) -> RuleFailure | None:
    credit = result.attribution
    if not credit.credit_dropped:
        return None
    if credit.credited_instead:
        detail = (
            f"other credits {', '.join(credit.credited_instead)} instead of {', '.join(credit.base_credits)}"
        )
    else:
        dropped = ", ".join(c for c in credit.base_credits if c not in credit.other_credits) or "the credit"
        detail = f"other dropped {dropped}"
    return RuleFailure(rule="credit_kept", expected=True, actual=False, detail=detail)


def _at_most(rule: str, actual: int, limit: int | None, noun: str, verb: str) -> RuleFailure | None:
    if limit is None or actual <= limit:
        return None
    detail = f"{_plural(actual, noun)} {verb}, at most {limit} allowed"
    return RuleFailure(rule=rule, expected=limit, actual=actual, detail=detail)


def _at_least(rule: str, actual: float, limit: float | None, what: str) -> RuleFailure | None:
    if limit is None or actual >= limit:
        return None
    return RuleFailure(
        rule=rule, expected=limit, actual=actual, detail=f"{what} {actual:.0%}, at least {limit:.0%} required"
    )


def _verdict_in(verdict: Verdict, allowed: list[Verdict] | None) -> RuleFailure | None:
    if allowed is None or verdict in allowed:
        return None
    return RuleFailure(
        rule="verdict_in",
        expected=list(allowed),
        actual=verdict,
        detail=f"verdict {verdict}, expected one of {', '.join(allowed)}",
    )


def evaluate(result: Comparison, rules: Rules) -> CheckResult:
    """Every rule that was given, in declaration order; passed when none failed."""
    summary = result.summary
    outcomes = [
        _quotes_intact(result) if rules.quotes_intact else None,
        _numbers_intact(result) if rules.numbers_intact else None,
        _credit_kept(result) if rules.credit_kept else None,
        _at_most("max_dropped", summary.dropped, rules.max_dropped, "sentence", "dropped"),
        _at_most("max_added", summary.added, rules.max_added, "sentence", "added"),
        _at_most("max_reworded", summary.reworded, rules.max_reworded, "group", "reworded"),
        _at_least("min_base_retained", summary.base_retained, rules.min_base_retained, "base retained"),
        _at_least(
            "min_other_from_base", summary.other_from_base, rules.min_other_from_base, "other from base"
        ),
        _verdict_in(result.verdict, rules.verdict_in),
    ]
    failures = [failure for failure in outcomes if failure is not None]
    return CheckResult(passed=not failures, failures=failures)


def _parse_value(raw: str) -> object:
    lowered = raw.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw.strip()


def parse_rules(specs: list[str]) -> Rules:
    """Rules from the command line: each spec a JSON object or ``key=value`` pairs joined by commas;
    a list value separates its items with ``|``. Later specs override earlier ones.

    >>> rules = parse_rules(["quotes_intact=true,max_dropped=3", "verdict_in=copy|derived"])
    >>> rules.model_dump(exclude_none=True)
    {'quotes_intact': True, 'max_dropped': 3, 'verdict_in': ['copy', 'derived']}
    >>> parse_rules(['{"min_base_retained": 0.8}']).min_base_retained
    0.8

    Raises ``ValueError`` (pydantic's ``ValidationError`` for unknown rules or bad values).
    """
    merged: dict[str, object] = {}
    for spec in specs:
        stripped = spec.strip()
        if stripped.startswith(("{", "[")):
            try:
                loaded = json.loads(stripped)
            except RecursionError:  # Python's parser gives up on deep nesting; no rule set needs any
                raise ValueError("the JSON rule set is nested too deeply") from None
            if not isinstance(loaded, dict):
                raise ValueError("a JSON rule set must be an object")
            merged.update(loaded)
            continue
        for pair in filter(None, (p.strip() for p in stripped.split(","))):
            key, sep, raw = pair.partition("=")
            if not sep:
                raise ValueError(f"expected key=value, got {pair!r}")
            key = key.strip()
            if key == "verdict_in":
                merged[key] = [item.strip() for item in raw.split("|") if item.strip()]
            else:
                merged[key] = _parse_value(raw)
    return Rules.model_validate(merged)
