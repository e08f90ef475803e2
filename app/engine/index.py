"""MinHash signatures of an article's sentences and their LSH band keys: what the related-versions
index (table ``article_band``) stores and looks up. Pure: no database, no web.

Each body sentence is a set of word 2-shingles over its content words (lower case, stopwords
left out, stemmed). Each of :data:`BANDS` hash functions keeps the sentence's smallest
shingle hash: a MinHash with one row per band, so a band of two sentences agrees with probability
equal to their shingle Jaccard similarity. A key is ``band << 32 | value``, one 64-bit integer.
Two articles sharing a sentence, verbatim or lightly reworded, share most of its keys; two
articles on the same topic share a key only where they share a phrase.

Why sentences and not whole documents: a version is often a small part of the original (a
newspaper condenses the wire copy) or the original plus much more, and a document-level Jaccard
is then low. On METER dev (PA wire vs newspaper, 445 pairs) the document-level Jaccard of word
3-shingles of "wholly derived" pairs has a median of 0.05, which no banding separates from noise,
while one shared sentence key links all 98 pairs the engine calls copy, all 224 it calls
derived, and 11% of pairs of different stories from the same desks (``python -m
benchmarks.related --meter``; app/services/related.py then asks for more than one key).

>>> keys = band_keys_of(["Russia said on Friday that Turkey must stop the fighting in Idlib."])
>>> len(keys), keys == band_keys_of(["RUSSIA said on Friday that Turkey must stop the fighting in Idlib!"])
(6, True)
>>> band_keys_of(["It rained."])  # fewer than MIN_SENTENCE_WORDS content words: not indexed
[]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

from app.engine.text import PreparedDocument
from app.engine.words import STOPWORDS, stemmer

__all__ = [
    "BANDS",
    "MAX_INDEXED_SENTENCES",
    "MIN_SENTENCE_WORDS",
    "SHINGLE_WORDS",
    "band_keys",
    "band_keys_of",
    "sentence_shingles",
]

# How these were chosen: METER dev pairs linked by at least one key, by the engine's verdict,
# measured while designing (the engine of 2026-11-22 09:50; later engines move the figures a
# little). Bands of two rows linked at most 93% of the "copy" and "derived" pairs.
#: Words per shingle. Content-word pairs, stemmed, linked the most confirmed versions; single
#: words link every pair of stories on one topic, unstemmed triples linked 90.6% of "derived".
SHINGLE_WORDS = 2
#: MinHash functions (bands of one row) per sentence: 4 linked 99.1% of "derived" and 98.0% of
#: "copy" pairs, 6 linked 99.1% and 99.0%, 8 linked 99.6% and 100% but 17% of different-story
#: pairs (6: 15%), with a third more rows to store than 6.
BANDS = 6
#: Sentences with fewer content words ("He said so.", captions) say nothing about a story.
MIN_SENTENCE_WORDS = 3
#: Keys are kept for the first sentences only, so a 2,000-sentence transcript costs at most
#: BANDS x this many rows; news versions keep the top of a story.
MAX_INDEXED_SENTENCES = 200

_RANDOM_SEED = 20261122
_random = np.random.default_rng(_RANDOM_SEED)
# Multiply-shift hashing: (a * x + b) mod 2**64 with odd a; the top 32 bits are the hash.
_MULTIPLIERS = _random.integers(0, 2**63, size=BANDS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_OFFSETS = _random.integers(0, 2**63, size=BANDS, dtype=np.uint64)
_BAND_SHIFT = np.uint64(32)
_BAND_IDS = np.arange(BANDS, dtype=np.uint64) << _BAND_SHIFT

# Words with their inner hyphens, apostrophes and number separators ("cease-fire", "Turkey's",
# "20,000"), which are then dropped: the index has a tokenizer of its own, so that a change to
# the engine's does not change the keys of articles already stored.
_WORD = re.compile(r"[^\W_]+(?:['\u2019.,-][^\W_]+)*")
_JOINERS = re.compile(r"['\u2019.,-]")


def _content_words(sentence: str) -> list[str]:
    words = [_JOINERS.sub("", word) for word in _WORD.findall(sentence.lower())]
    stemmed: list[str] = stemmer().stemWords([word for word in words if word not in STOPWORDS])
    return stemmed


def sentence_shingles(sentence: str) -> set[str]:
    """The sentence's word shingles; empty when it has fewer than MIN_SENTENCE_WORDS content words.

    >>> sorted(sentence_shingles("Rebels shelled the towns of Idlib."))
    ['rebel shell', 'shell town', 'town idlib']
    """
    words = _content_words(sentence)
    if len(words) < MIN_SENTENCE_WORDS:
        return set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _hash64(shingle: str) -> bytes:
    return hashlib.blake2b(shingle.encode(), digest_size=8).digest()


def band_keys_of(sentences: Iterable[str]) -> list[int]:
    """The distinct band keys of these sentences (the first MAX_INDEXED_SENTENCES), sorted."""
    hashes: list[bytes] = []
    starts: list[int] = []
    for count, sentence in enumerate(sentences):
        if count == MAX_INDEXED_SENTENCES:
            break
        shingles = sentence_shingles(sentence)
        if shingles:
            starts.append(len(hashes))
            hashes.extend(map(_hash64, shingles))
    if not hashes:
        return []
    values = np.frombuffer(b"".join(hashes), dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrapping modulo 2**64 is the point
        hashed = (_MULTIPLIERS[:, None] * values[None, :] + _OFFSETS[:, None]) >> _BAND_SHIFT
    minima = np.minimum.reduceat(hashed, starts, axis=1)  # (bands, sentences)
    keys = np.unique(minima | _BAND_IDS[:, None])
    return [int(key) for key in keys]


def band_keys(prepared: PreparedDocument) -> list[int]:
    """The band keys of a prepared document's body sentences (title and boilerplate left out)."""
    return band_keys_of(s.text for s in prepared.document.sentences if s.role == "body")
