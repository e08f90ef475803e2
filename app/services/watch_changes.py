"""What counts as a change of a watched article: its text fingerprint, and the share of its words
that changed in substance. Pure functions; the thresholds live here and nowhere else.

>>> fingerprint("Rain  fell, said the “service”.") == fingerprint("rain fell said the service")
True
>>> changed_word_share("The goverment said on Friday.", "The government said on Friday.")
0.0
>>> changed_word_share("The minister will resign.", "The minister will not resign.")
0.2
"""

from __future__ import annotations

import hashlib
import re
from difflib import SequenceMatcher

from rapidfuzz.fuzz import ratio

__all__ = ["TYPO_SIMILARITY", "changed_word_share", "fingerprint", "is_substantive", "words"]

#: Two words at least this similar (rapidfuzz ratio, 0-100) are one word with a typo fixed:
#: "goverment"/"government" 95, "recieved"/"received" 88, while "not"/"now" 67, "rise"/"fall"
#: 25 and "40"/"400" 80 (figures are checked by the engine apart, never excused as typos).
TYPO_SIMILARITY = 85
#: A change alerts when at least this share of the words changed beyond typo fixes: one word in
#: the longest article (200,000 characters, some 35,000 words), so a single real word (a "not"
#: added to a quotation) is substantive and a typo fix never is. Rules ask for more per rule
#: (``min_change_share``).
SUBSTANTIVE_CHANGE_SHARE = 1e-5

_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text, casefolded, links left out (tracking parameters are not edits)."""
    return _WORD.findall(_URL.sub(" ", text).casefold())


def fingerprint(text: str) -> str:
    """SHA-256 of the text's words: spacing, punctuation, quote styles, case and links are not a
    new version."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def _typo(old: str, new: str) -> bool:
    return not (old.isdigit() or new.isdigit()) and ratio(old, new) >= TYPO_SIMILARITY


def changed_word_share(old: str, new: str) -> float:
    """The share of words (of the longer text) added, removed or replaced, a typo fix not counted."""
    a, b = words(old), words(new)
    changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            changed += sum(1 for x, y in zip(a[i1:i2], b[j1:j2], strict=True) if not _typo(x, y))
        else:
            changed += max(i2 - i1, j2 - j1)
    return round(changed / max(len(a), len(b), 1), 6)


def is_substantive(share: float) -> bool:
    return share >= SUBSTANTIVE_CHANGE_SHARE
