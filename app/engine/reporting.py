"""Reporting verbs and hedges: how a text attributes what it reports.

"said" and "told" only report; "claimed", "alleged", "admitted" and "insisted" take a
side. Swapping one for the other changes how a reader weighs the statement, which
is what editors look for when a story is republished. The lists live here, and
only here.

>>> [(v.lemma, v.tone) for v in reporting_terms("He said, reportedly, that police claimed it.".split())]
[('said', 'neutral'), ('reportedly', 'hedge'), ('claimed', 'loaded')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

__all__ = ["HEDGES", "LOADED_VERBS", "NEUTRAL_VERBS", "Term", "Tone", "reporting_terms", "reports_speech"]

Tone = Literal["neutral", "loaded", "hedge", "none"]

#: lemma (as a news text writes it, past tense) -> its other forms
NEUTRAL_VERBS: dict[str, tuple[str, ...]] = {
    "said": ("say", "says", "saying"),
    "told": ("tell", "tells", "telling"),
    "stated": ("state", "states"),
    "according to": ("according",),
    "added": ("adds",),
    "noted": ("notes",),
    "explained": ("explains",),
    "reported": ("reports",),
    "announced": ("announces",),
    "wrote": ("writes",),
    "replied": ("replies",),
    "commented": ("comments",),
    "confirmed": ("confirms",),
}
LOADED_VERBS: dict[str, tuple[str, ...]] = {
    "claimed": ("claim", "claims", "claiming"),
    "alleged": ("allege", "alleges", "alleging"),
    "admitted": ("admit", "admits", "admitting"),
    "insisted": ("insist", "insists", "insisting"),
    "conceded": ("concede", "concedes"),
    "denied": ("deny", "denies", "denying"),
    "confessed": ("confess", "confesses"),
    "acknowledged": ("acknowledge", "acknowledges"),
    "asserted": ("assert", "asserts"),
    "maintained": ("maintains",),
    "contended": ("contend", "contends"),
    "boasted": ("boast", "boasts"),
    "argued": ("argue", "argues"),
    "warned": ("warn", "warns"),
    "threatened": ("threaten", "threatens"),
    "revealed": ("reveal", "reveals"),
    "charged": ("charges",),
    "accused": ("accuse", "accuses"),
    "complained": ("complain", "complains"),
    "suggested": ("suggest", "suggests"),
}
#: words that distance the text from what it reports
HEDGES = frozenset(
    {"allegedly", "reportedly", "purportedly", "supposedly", "apparently", "so-called", "socalled"}
)

#: A loaded verb after one of these is passive, an act done to someone, not a way of reporting
#: what they said: "was admitted to hospital", "were denied bail", "was charged with murder".
PASSIVE_BEFORE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
#: ... and before one of these (after at most two numbers or words of OBJECT_LEAD), it has an
#: object that is not speech: "claimed 20 lives", "claimed responsibility", "claimed the
#: title", "admitted to hospital", "denied entry"; "claimed 15 people died" is speech.
NOT_SPEECH_OBJECTS = frozenset(
    """lives life responsibility victory credit title titles seat seats gold silver bronze medal
    prize asylum bail entry access permission hospital care power""".split()
)
OBJECT_LEAD = frozenset({"to", "into", "the", "a", "an", "his", "her", "its", "their", "intensive"})

_FORMS: dict[str, tuple[str, Tone]] = {}
for _tone, _table in (("neutral", NEUTRAL_VERBS), ("loaded", LOADED_VERBS)):
    for _lemma, _forms in _table.items():
        for _form in (_lemma.split()[0], *_forms):
            _FORMS[_form] = (_lemma, _tone)  # type: ignore[assignment]
for _hedge in HEDGES:
    _FORMS[_hedge] = ("so-called" if _hedge == "socalled" else _hedge, "hedge")


class Term(NamedTuple):
    lemma: str
    tone: Tone


def reporting_terms(keys: Iterable[str]) -> list[Term]:
    """The reporting verbs and hedges among lower-case word keys, in order."""
    found = []
    for key in keys:
        hit = _FORMS.get(key.lower().strip(".,;:"))
        if hit is not None:
            found.append(Term(*hit))
    return found


def reports_speech(keys: list[str], position: int) -> bool:
    """Whether the loaded verb at ``keys[position]`` (lower-case word keys) reports what someone
    said, by the words around it (:data:`PASSIVE_BEFORE`, :data:`NOT_SPEECH_OBJECTS`).

    >>> reports_speech("the blast claimed 20 lives".split(), 2)
    False
    >>> reports_speech("police claimed the blast was an accident".split(), 1)
    True
    """
    if position > 0 and keys[position - 1] in PASSIVE_BEFORE:
        return False
    for key in keys[position + 1 : position + 4]:
        if key in NOT_SPEECH_OBJECTS:
            return False
        if key not in OBJECT_LEAD and not key[:1].isdigit():
            break
    return True
