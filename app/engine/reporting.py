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

__all__ = [
    "DOUBTING_VERBS",
    "HEDGES",
    "LOADED_VERBS",
    "NEUTRAL_VERBS",
    "SPEAKER_AFTER_ONLY",
    "SPEAKER_VERBS_ABROAD",
    "Term",
    "Tone",
    "reporting_terms",
    "reports_speech",
]

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
#: The verbs (and prepositions) that give a quotation's speaker in French, German, Spanish,
#: Italian and Portuguese copy, read only to find who spoke (``specifics.speakers``), not weighed
#: for tone: "a déclaré le ministre Gérald Darmanin", "Darmanin a déclaré", "so Faeser". Several are
#: English words too ("so", "a dit"), so they are read in copy that is not English only.
SPEAKER_VERBS_ABROAD: tuple[str, ...] = (
    # French
    "a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "a souligné", "a indiqué",
    "a assuré", "a estimé", "a précisé", "a martelé", "a lancé", "déclare", "affirme", "selon",
    # German
    "sagte", "erklärte", "betonte", "sagt", "erklärt", "betont", "so", "laut",
    # Spanish
    "dijo", "afirmó", "declaró", "aseguró", "señaló", "explicó", "añadió", "indicó", "según",
    # Italian
    "ha detto", "ha dichiarato", "ha affermato", "ha spiegato", "ha aggiunto", "ha sottolineato",
    "secondo",
    # Portuguese
    "disse", "afirmou", "declarou", "explicou", "acrescentou", "segundo",
)  # fmt: skip
#: Those of them that put the speaker only after them ("selon Darmanin", "so Faeser").
SPEAKER_AFTER_ONLY = frozenset({"selon", "so", "laut", "según", "secondo", "segundo"})
#: Loaded verbs that put what follows at a distance: put into a sentence with no verb they
#: replace, they turn a fact the text stated into someone's say-so ("The company cut 500 jobs" ->
#: "The company claimed it cut 500 jobs"), as a hedge does. The others say what happened ("denied
#: the charges", "accused him of fraud"): a rewording tells them again or leaves them out.
DOUBTING_VERBS = frozenset({"claimed", "alleged", "insisted", "asserted", "contended", "maintained"})
#: words that distance the text from what it reports
HEDGES = frozenset(
    {"allegedly", "reportedly", "purportedly", "supposedly", "apparently", "so-called", "socalled"}
)

#: Loaded verbs that also name an act, done by someone (the object, not speech, after them) or to
#: someone (in the passive): "the blast claimed 20 lives", "claimed the title", "admitted to
#: hospital", "was admitted", "denied bail", "were denied entry", "was charged with murder". What
#: they say stays speech: "claimed 15 people died", "admitted the hospital had failed",
#: "denied responsibility", "is claiming", "was accused of".
ACTS: dict[str, frozenset[str]] = {
    "claimed": frozenset(
        """lives life responsibility victory credit title titles seat seats gold silver bronze
        medal prize asylum ownership""".split()
    ),
    "admitted": frozenset({"hospital", "care", "intensive"}),
    "denied": frozenset({"bail", "entry", "access", "permission", "visas", "visa"}),
    "charged": frozenset(),  # "charged with" a crime; "charged that ..." is rare in news
}
#: The passive of these is an act done to someone or something ("was admitted to hospital", "the
#: seat was claimed by Labour").
PASSIVE_ACTS = frozenset({"admitted", "denied", "charged", "claimed"})
PASSIVE_BEFORE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
#: Words between an act's verb and its object ("claimed the title", "admitted to hospital").
OBJECT_LEAD = frozenset(
    {"to", "into", "the", "a", "an", "his", "her", "its", "their", "two", "three", "four"}
)
#: Before a loaded verb's form, these make it a noun ("a claim", "the charges", "his admission").
NOUN_LEAD = frozenset("a an the this these those his her its their our your my such any no".split())
#: After the object, one of these makes it a clause's subject: "claimed the seat was stolen".
CLAUSE_VERBS = frozenset(
    """is are was were be been has have had will would could should can may might must did does do
    not""".split()
)

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
    said, by the words around it: an act (:data:`ACTS`) is not.

    >>> reports_speech("the blast claimed 20 lives".split(), 2)
    False
    >>> reports_speech("police claimed the blast was an accident".split(), 1)
    True
    >>> reports_speech("he claimed the seat was stolen".split(), 1)
    True
    >>> reports_speech("a claim that could not be verified".split(), 1)
    False
    """
    if position > 0 and keys[position - 1] in NOUN_LEAD:
        return False  # a noun: "a claim that could not be verified", "denies the charges"
    lemma = _FORMS.get(keys[position], ("", "none"))[0]
    if lemma not in ACTS:
        return True
    going_on = keys[position].endswith("ing")  # "is claiming": speech going on, not a passive
    passive = not going_on and position > 0 and keys[position - 1] in PASSIVE_BEFORE
    if passive and lemma in PASSIVE_ACTS and keys[position + 1 : position + 2] not in (["that"], ["to"]):
        return False  # "was claimed by Labour"; "it was claimed that ..." is speech
    if lemma == "charged" and "with" in keys[position + 1 : position + 4]:
        return False  # "charged with murder", "charged two men with murder"
    for offset, key in enumerate(keys[position + 1 : position + 4], start=position + 1):
        if key in ACTS[lemma]:
            return offset + 1 < len(keys) and keys[offset + 1] in CLAUSE_VERBS
        if key not in OBJECT_LEAD and not key[:1].isdigit():
            break
    return True
