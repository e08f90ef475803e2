"""Claims turned around without a word added or dropped: who did what to whom ("Israel accused
Hamas" -> "Hamas accused Israel"), which figure is which ("61.4%, up from 48.7%" -> "48.7%, down
from 61.4%"), and which way a figure went ("sales rose 4.5%" -> "sales fell 4.5%").

Figures are paired by value and word swaps by the words themselves, so two names or figures
that trade places cancel out in both, and "rose" -> "fell" reads as one more word swap. A
reversal is what neither sees: the same words on both sides, two of them in each other's places
around the same words between, or a word of direction put for its opposite.

>>> swapped_places("Israel accused Hamas of lying", "Hamas accused Israel of lying")
Reversal(kind='roles', base='Israel accused Hamas', other='Hamas accused Israel')
>>> swapped_places("Russia and China agreed", "China and Russia agreed") is None  # a list, reordered
True
>>> direction_flipped("rose", "fell")
Reversal(kind='direction', base='rose', other='fell')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from app.engine.words import STOPWORDS

__all__ = [
    "BOUNDS",
    "DIRECTION",
    "FIGURE_DIRECTION",
    "Reversal",
    "bound_flipped",
    "direction_flipped",
    "swapped_places",
]

ReversalKind = Literal["roles", "figures", "direction", "bound"]

#: Words that say which way something went: +1 up, -1 down. A word of one sign put for a word of
#: the other, everything else kept, turns the claim around ("profit" -> "loss" too: "a profit of
#: $5m" -> "a loss of $5m"). Ambiguous words are left out ("lost" a vote, "cut" a ribbon).
DIRECTION: dict[str, int] = {
    **dict.fromkeys(
        """rise rises rose risen rising increase increases increased increasing gain gains gained
        gaining jump jumps jumped jumping climb climbs climbed climbing soar soars soared soaring
        surge surges surged surging grow grows grew grown growing higher highest upward upwards
        advance advances advanced rebound rebounds rebounded rally rallies rallied expand expands
        expanded expanding widen widens widened raise raises raised raising hike hikes hiked more
        above profit profits surplus strengthen strengthens strengthened strengthening double
        doubles doubled doubling""".split(),
        1,
    ),
    **dict.fromkeys(
        """fall falls fell fallen falling decrease decreases decreased decreasing drop drops dropped
        dropping decline declines declined declining slump slumps slumped plunge plunges plunged
        plunging tumble tumbles tumbled sink sinks sank sunk shrink shrinks shrank shrunk shrinking
        lower lowest downward downwards slide slides slid dip dips dipped contract contracts
        contracted contracting narrow narrows narrowed less fewer below loss losses deficit reduce
        reduces reduced reducing ease eases eased easing weaken weakens weakened weakening halve
        halves halved halving""".split(),
        -1,
    ),
}
#: "up" and "down" say a direction between two figures ("61.4%, up from 48.7%") or before one
#: ("sales were up 1.2%"); after a verb they are its particle ("broke down", "wound up").
FIGURE_DIRECTION = {"up": 1, "down": -1}
_BETWEEN_FIGURES = {**DIRECTION, **FIGURE_DIRECTION}
#: Relations that read the same both ways: the two in each other's places say the same ("Xi met
#: Biden", "Arsenal drew with Chelsea", "Spain face England", "talks with", "along with").
_SYMMETRIC = frozenset(
    """met meet meets meeting with and drew draw draws drawn face faces faced facing play plays
    played playing versus vs v tied tie ties against between along alongside together talks talked
    spoke speak speaks swapped exchanged signed married joined merged""".split()
)
#: A phrase of place, time or manner opens with one of these: two of them in each other's places
#: are a sentence's adverbials moved ("in Brussels on Thursday" -> "on Thursday in Brussels").
_PREPOSITIONS = frozenset(
    """in on at for from to by during after before since until under over into onto near across
    through within without around about""".split()
)
#: Words that only join the two sides of a list: names around them trade places with the meaning
#: kept ("Russia and China" -> "China and Russia").
_JOINING = frozenset(
    {"and", "or", "nor", "&", ",", ";", "/", "-", "plus", "vs", "versus", "v", "as", "well", "both"}
)
#: A reversal is looked for in this many words a side at most (what differs between the two
#: texts, their shared start and end set aside): two clauses, not a paragraph.
MAX_WORDS = 40
#: The two that trade places are names or things, this many words each at most, and the words
#: between them a verb's or a preposition's few ("accused", "beat", "up from"): a clause moved
#: around a phrase ("last month in the Senate to keep the fund open fell flat" -> "to keep the fund
#: open fell flat in the Senate last month") says the same.
PART_MAX_WORDS = 5
BETWEEN_MAX_WORDS = 6
#: A change of direction is a short replacement: this many words a side at most.
DIRECTION_MAX_WORDS = 4

#: Words bounding a figure from below (+1: "at least 12", "more than 60%") or above (-1: "up to
#: 12", "nearly 60%"): one put for the other says the figure is on its other side.
BOUNDS: dict[str, int] = {
    **dict.fromkeys(
        [
            "at least",
            "more than",
            "over",
            "above",
            "upwards of",
            "in excess of",
            "no fewer than",
            "no less than",
        ],
        1,
    ),
    **dict.fromkeys(
        [
            "up to",
            "at most",
            "fewer than",
            "less than",
            "under",
            "below",
            "nearly",
            "almost",
            "just under",
            "no more than",
            "as many as",
        ],
        -1,
    ),
}
_PUNCTUATION = ".,;:!?\"'()\u201c\u201d\u2018\u2019"
#: Two one-letter names and a word between them, with spaces: "X hit Y".
_SHORTEST = 7
_TOKEN = re.compile(r"[^\W_]+(?:[.,'\u2019/-][^\W_]+)*%?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Reversal:
    """``base`` turned around as ``other`` (each as written): ``roles``, two names or things in
    each other's places; ``figures``, two figures in each other's places (the words between them
    turned too, "up from" -> "down from"); ``direction``, a word of direction put for its
    opposite; ``bound``, a figure's lower bound put for an upper one ("at least" -> "up to")."""

    kind: ReversalKind
    base: str
    other: str


@dataclass(frozen=True, slots=True)
class _Token:
    key: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _keys(tokens: list[_Token]) -> list[str]:
    return [t.key for t in tokens]


def _holds_figure(tokens: list[_Token]) -> bool:
    return any(any(c.isdigit() for c in t.key) for t in tokens)


def _holds_content(tokens: list[_Token]) -> bool:
    return any(t.key not in STOPWORDS and t.key not in _JOINING and t.key[0].isalnum() for t in tokens)


def _signed(keys: list[str], sign: int = 1) -> list[str]:
    """``keys`` with every word of direction read as its sign, turned the other way with ``sign``
    -1: only which way a word points is compared ("up" and "rose" are one, "down" their opposite)."""
    return [f"\x00{sign * _BETWEEN_FIGURES[k]}" if k in _BETWEEN_FIGURES else k for k in keys]


def swapped_places(base: str, other: str) -> Reversal | None:
    """Two names, things or figures of ``base`` in each other's places in ``other``, around the
    same words (``X accused Y`` -> ``Y accused X``), or, for figures, around words turned the
    other way (``X, up from Y`` -> ``Y, down from X``); what the two texts share at their start
    and end is set aside. None when the words between only join a list, or nothing swapped."""
    words_a = [word.strip(_PUNCTUATION) for word in base.lower().split()]
    words_b = [word.strip(_PUNCTUATION) for word in other.lower().split()]
    if len(base) < _SHORTEST or len(other) < _SHORTEST or len(words_a) != len(words_b):
        return None  # too short for two names and a word between them, or not as many words
    if any(word not in _BETWEEN_FIGURES for word in Counter(words_a) - Counter(words_b)):
        return None  # a word changed, other than a direction's: not the same words reordered
    a, b = _tokens(base), _tokens(other)
    start = 0
    while start < min(len(a), len(b)) and a[start].key == b[start].key:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end].key == b[-1 - end].key:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    n = len(a)
    if n != len(b) or not 3 <= n <= MAX_WORDS:
        return None
    keys_a, keys_b = _keys(a), _keys(b)
    for j in range(2, n):  # y = a[j:], first in b
        if keys_b[: n - j] != keys_a[j:]:
            continue
        for i in range(1, j):  # x = a[:i], last in b; between them a[i:j]
            if keys_b[n - i :] != keys_a[:i]:
                continue
            x, between, y = a[:i], a[i:j], a[j:]
            if max(len(x), len(y)) > PART_MAX_WORDS or len(between) > BETWEEN_MAX_WORDS:
                continue
            between_other = keys_b[n - j : n - i]
            same = between_other == _keys(between)
            turned = not same and _signed(between_other) == _signed(_keys(between), -1)
            figures = _holds_figure(x) and _holds_figure(y)
            if not figures and any(t.key in _SYMMETRIC or t.key in _JOINING for t in between):
                continue  # a relation both ways, or a list reordered ("Britain, France and Germany")
            if x[0].key in _PREPOSITIONS or y[0].key in _PREPOSITIONS:
                continue  # adverbials moved
            if not (same or (turned and figures)):
                continue
            if _keys(x) == _keys(y) or not (_holds_content(x) and _holds_content(y)):
                continue
            kind: ReversalKind = "figures" if figures else "roles"
            return Reversal(kind, base[a[0].start : a[-1].end], other[b[0].start : b[-1].end])
    return None


def bound_flipped(base: str, other: str, figure: str | None) -> Reversal | None:
    """A figure's lower bound put for an upper one, or the other way round: "at least 12" ->
    "up to 12", "nearly 60%" -> "more than 60%" (``figure``: the figure after the words in the
    text they were changed in; None when none follows)."""
    a, b = " ".join(_keys(_tokens(base))), " ".join(_keys(_tokens(other)))
    if figure and BOUNDS.get(a, 0) * BOUNDS.get(b, 0) == -1:
        return Reversal("bound", f"{base.strip()} {figure}", f"{other.strip()} {figure}")
    return None


def direction_flipped(base: str, other: str) -> Reversal | None:
    """A short replacement that puts words of direction for their opposites, and changes nothing
    else: "rose" -> "fell", "8% rise" -> "8% fall", "more than 60%" -> "less than 60%"."""
    a, b = _keys(_tokens(base)), _keys(_tokens(other))
    if not a or len(a) != len(b) or len(a) > DIRECTION_MAX_WORDS:
        return None
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if differing and all(
        x in DIRECTION and y in DIRECTION and DIRECTION[x] != DIRECTION[y] for x, y in differing
    ):
        return Reversal("direction", base.strip(), other.strip())
    return None
