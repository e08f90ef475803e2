"""Is a version a pickup of a wire story? A decision with its evidence, from a comparison.

A pickup is a text that derives from the base (the engine would say copy or derived): an
outlet's rewrite of a wire story. The engine's verdict alone mistakes a paper's own report of
the same event (the same names, the same court, quotes from the same people) for a rewrite, and
misses condensed rewrites that keep a few phrases of each sentence. The decision weighs what the
version takes from the base: the share of its content-word pairs found in the base
(:func:`app.engine.index.band_keys`, counted by the index), the shares of its word pairs and
five-word runs found in the base (the containment measures of the METER studies), the share of
its text aligned to the base, and the verdict; with the judgement's probabilities and the reused fragments'
containment when the comparison has them. A logistic model turns them into the probability of
a pickup; its coefficients are fitted by ``python -m benchmarks.pickups --fit`` (grouped
cross-validation over METER dev stories) and shipped in ``pickup_model.json`` beside this file.

>>> evidence = PickupEvidence(pair_containment=0.62, base_pair_containment=0.4, other_from_base=0.7,
...     base_retained=0.5, verdict="derived", bigram_containment=0.7, fivegram_containment=0.4,
...     judged_pickup=0.9, fragment_containment=0.5)
>>> decision = decide_pickup(evidence)
>>> decision.is_pickup, decision.probability > 0.9
(True, True)
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from app.engine.quantities import find_quantities
from app.engine.specifics import names_swapped

__all__ = [
    "PickupDecision",
    "PickupEvidence",
    "PickupModel",
    "decide_pickup",
    "evidence_from_comparison",
    "forget_word_runs",
    "load_model",
    "pickup_features",
    "ruled_out_by",
    "tells_another_story",
    "with_rule",
]


@dataclass(frozen=True, slots=True)
class PickupEvidence:
    """What a pickup decision weighs, all shares in [0, 1]."""

    pair_containment: float  # the version's content-word pairs found in the base
    base_pair_containment: float  # the base's content-word pairs found in the version
    other_from_base: float  # the engine: share of the version's body aligned to the base
    base_retained: float  # the engine: share of the base's body found in the version
    verdict: str  # the engine's verdict, the base as base
    bigram_containment: float = 0.0  # the version's word pairs (every word) found in the base
    fivegram_containment: float = 0.0  # the version's runs of five words found in the base
    base_trigram_containment: float = 0.0  # the base's runs of three words found in the version
    judged_pickup: float | None = None  # the judgement's P(copy) + P(derived), when given
    fragment_containment: float | None = None  # the version's words in reused fragments, when given
    figures_changed: int = 0  # figures of the base's aligned sentences the version changed
    figures_kept: int = 0  # ... and the ones it states unchanged
    names_swapped: int = 0  # word swaps between two capitalised words ("Airbnb" -> "DoorDash")


@dataclass(frozen=True, slots=True)
class PickupDecision:
    is_pickup: bool
    probability: float
    evidence: PickupEvidence
    reasons: list[str]  # the features that weighed most, strongest first ("pair_containment +2.31")


@dataclass(frozen=True, slots=True)
class PickupModel:
    version: str
    intercept: float
    coefficients: dict[str, float]
    threshold: float  # chosen inside grouped cross-validation (see pickup_model.json)


def pickup_features(evidence: PickupEvidence) -> dict[str, float]:
    """The model's inputs: what the version takes from the base, never how much of the base it
    takes. Features the comparison does not have are left out (weight 0).

    The base-side shares (``base_pair_containment``, ``base_retained``,
    ``base_trigram_containment``) stay in the evidence an editor reads but not in the model:
    METER's wire side joins several agency files per story, so there they weighed *against* a
    pickup (coefficients -0.9 to -1.3), a property of the corpus that would count a wire
    rewrite keeping most of the story as less of a pickup. Without them the cross-validated
    F1 on METER dev rose from 86.7 to 87.2 and other stories' papers called pickups fell from
    3 to 1 (BENCHMARKS.md, "Pickups on real newspapers").
    """
    features = {
        "pair_containment": evidence.pair_containment,
        "other_from_base": evidence.other_from_base,
        "bigram_containment": evidence.bigram_containment,
        "fivegram_containment": evidence.fivegram_containment,
        "verdict_copy": float(evidence.verdict == "copy"),
        "verdict_derived": float(evidence.verdict == "derived"),
    }
    if evidence.judged_pickup is not None:
        features["judged_pickup"] = evidence.judged_pickup
    if evidence.fragment_containment is not None:
        features["fragment_containment"] = evidence.fragment_containment
    return features


@cache
def load_model() -> PickupModel:
    data = json.loads(resources.files("app.engine").joinpath("pickup_model.json").read_text("utf-8"))
    return PickupModel(
        version=data["version"],
        intercept=data["intercept"],
        coefficients=dict(data["coefficients"]),
        threshold=data["threshold"],
    )


#: A reason that is a weighed feature and its contribution to the logit ("pair_containment +2.31").
_WEIGHED = re.compile(r"^\w+ [+-]\d")


def _weighed(name: str, contribution: float) -> str:
    return f"{name} {contribution:+.2f}"


def ruled_out_by(reasons: list[str]) -> str | None:
    """The rule that keeps a version from being a pickup whatever its probability, if any: the
    first of a decision's reasons that is not a weighed feature (another story in the base's
    words; the service's: published before the base, another file's words).

    >>> ruled_out_by(["published before this article", "judged_pickup +2.81"])
    'published before this article'
    >>> ruled_out_by(["judged_pickup +1.03", "bigram_containment -0.40"]) is None
    True
    """
    rules = _rules(reasons)
    return rules[0] if rules else None


def with_rule(reasons: list[str], rule: str) -> list[str]:
    """A decision's reasons with one more rule's: after the rules already there, before the
    weighed features, so that the first reason is the first rule that kept the version out.

    >>> with_rule(["published before this article", "judged_pickup +2.81"], "another rule")
    ['published before this article', 'another rule', 'judged_pickup +2.81']
    """
    rules = _rules(reasons)
    return [*rules, rule, *(reason for reason in reasons if reason not in rules)]


def _rules(reasons: list[str]) -> list[str]:
    """The rules' reasons among a decision's, in their order: those that are no weighed feature."""
    return [reason for reason in reasons if not _WEIGHED.match(reason)]


#: Figures changed in the shared sentences, at least, for a version that also changes more of them
#: than it keeps, and names another subject, to tell another story (:func:`tells_another_story`).
OTHER_STORY_FIGURES = 3
#: Names swapped for others, at least, to name another subject: one in a version the engine judges
#: related; two different ones in a version it judges copy or derived (the company and its chief
#: executive, "Halvard" -> "Norrland", "Lindqvist" -> "Berg"), where a falsified copy renames one
#: thing, however often ("Israeli" -> "Zionist" three times).
OTHER_STORY_NAME_SWAPS = {"related": 1, "derived": 2, "copy": 2}


def tells_another_story(evidence: PickupEvidence) -> bool:
    """The base's template filled with another story's facts: agencies write earnings reports,
    results and disasters sentence for sentence alike ("Shares of Airbnb rose 4% in extended
    trading" / "Shares of DoorDash fell 10% ..."), so the word runs say pickup where the facts
    say otherwise, and a template followed closely reads as a copy or a rewrite to the engine.
    Such a version changes OTHER_STORY_FIGURES figures or more of the shared sentences, more than
    it keeps, and swaps names for others (:func:`~app.engine.specifics.names_swapped`): one in a
    version judged related, two different ones in a version judged copy or derived. A copy with
    figures falsified and one name changed, however often, stays a pickup. On
    METER dev no version changes three figures (fixed rules, not tuned cut-offs: BENCHMARKS.md,
    "Pickups on real newspapers")."""
    needed = OTHER_STORY_NAME_SWAPS.get(evidence.verdict)
    return (
        needed is not None
        and evidence.figures_changed >= OTHER_STORY_FIGURES
        and evidence.figures_changed > evidence.figures_kept
        and evidence.names_swapped >= needed
    )


def decide_pickup(evidence: PickupEvidence, model: PickupModel | None = None) -> PickupDecision:
    """The probability that the version is a pickup of the base, and the decision at the
    model's threshold; an unrelated verdict or another story told in the base's words
    (:func:`tells_another_story`) is never a pickup.

    Sharing no run of five words is evidence the model weighs (``fivegram_containment``), not a
    rule: a news brief that condenses the wire's lede in its own words shares none and is still
    the wire's rewrite. Once the judgement's probabilities were among the inputs, the rule only
    kept derived papers of METER dev from being pickups: without it, 10 more are found under
    cross-validation, at one same-event report more and still no article of another story (F1
    87.3 -> 88.8, recall 87.0 -> 90.0; BENCHMARKS.md, "Pickups on real newspapers")."""
    model = model or load_model()
    features = pickup_features(evidence)
    contributions = {name: model.coefficients.get(name, 0.0) * value for name, value in features.items()}
    logit = model.intercept + sum(contributions.values())
    probability = 0.0 if evidence.verdict == "unrelated" else 1.0 / (1.0 + math.exp(-logit))
    strongest = sorted(contributions.items(), key=lambda item: -abs(item[1]))[:3]
    reasons = [_weighed(name, value) for name, value in strongest if value]
    other_story = tells_another_story(evidence)
    if other_story:
        reasons = with_rule(
            reasons,
            f"another story in the same words: {evidence.figures_changed} figures changed, "
            f"{evidence.figures_kept} kept, names swapped",
        )
    return PickupDecision(
        is_pickup=probability >= model.threshold and not other_story,
        probability=round(probability, 4),
        evidence=evidence,
        reasons=reasons,
    )


def _containment_of_fragments(comparison: dict[str, Any]) -> float | None:
    fragments = comparison.get("fragments")
    if fragments is None:
        return None
    words = sum(len(s["text"].split()) for s in comparison["other"]["sentences"] if s.get("role") == "body")
    return min(1.0, sum(f["words"] for f in fragments) / words) if words else 0.0


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=64)  # each text's words serve its three run lengths
def _words(texts: tuple[str, ...]) -> list[str]:
    return [word.lower() for text in texts for word in _WORD.findall(text)]


@lru_cache(maxsize=64)  # a related query weighs one base against every candidate
def _grams(texts: tuple[str, ...], size: int) -> frozenset[str]:
    """The runs of ``size`` words, each one string (a word holds no space): kept tuples are what
    the cycle collector walks, and thousands of them a query set off its full passes."""
    words = _words(texts)
    return frozenset(map(" ".join, zip(*(words[offset:] for offset in range(size)), strict=False)))


def forget_word_runs() -> None:
    """Forget the word runs of the texts weighed last (benchmarks measure with nothing in memory)."""
    _words.cache_clear()
    _grams.cache_clear()


def _containment(part: frozenset[str], whole: frozenset[str]) -> float:
    return round(len(part & whole) / len(part), 4) if part else 0.0


def evidence_from_comparison(
    comparison: dict[str, Any], *, pair_containment: float, base_pair_containment: float
) -> PickupEvidence:
    """The evidence of a comparison as the API serves it (JSON), with the index's containments."""
    base = tuple(sentence["text"] for sentence in comparison["base"]["sentences"])
    other = tuple(sentence["text"] for sentence in comparison["other"]["sentences"])
    judgement = comparison.get("judgement")
    probabilities = judgement.get("probabilities") if isinstance(judgement, dict) else None
    return PickupEvidence(
        pair_containment=round(pair_containment, 4),
        base_pair_containment=round(base_pair_containment, 4),
        other_from_base=comparison["summary"]["other_from_base"],
        base_retained=comparison["summary"]["base_retained"],
        verdict=comparison["verdict"],
        bigram_containment=_containment(_grams(other, 2), _grams(base, 2)),
        fivegram_containment=_containment(_grams(other, 5), _grams(base, 5)),
        base_trigram_containment=_containment(_grams(base, 3), _grams(other, 3)),
        judged_pickup=(
            round(probabilities.get("copy", 0.0) + probabilities.get("derived", 0.0), 4)
            if probabilities
            else None
        ),
        fragment_containment=_containment_of_fragments(comparison),
        **_facts_changed(comparison),
    )


def _facts_changed(comparison: dict[str, Any]) -> dict[str, int]:
    """:class:`PickupEvidence`'s ``figures_changed``, ``figures_kept`` and ``names_swapped``."""
    texts = {s["index"]: s["text"] for s in comparison["base"]["sentences"]}
    aligned = {i for g in comparison["alignment"] if g["op"] in ("kept", "reworded") for i in g["base"]}
    figures = sum(len(find_quantities(texts[i])) for i in aligned)
    numbers = [n for n in comparison.get("numbers", []) if n.get("base_sentence") in aligned]
    changed = sum(n["status"] == "changed" for n in numbers)
    lost = sum(n["status"] in ("changed", "missing") for n in numbers)
    names = names_swapped((s["base"], s["other"]) for s in comparison.get("substitutions", []))
    return {"figures_changed": changed, "figures_kept": max(0, figures - lost), "names_swapped": names}
