"""Index keys of an article's sentences: what the related-versions index (table
``article_band``) stores and looks up. Pure: no database, no web.

Each body sentence is a set of word 2-shingles over its content words (lower case, stopwords
left out, stemmed), and every shingle is a key: a 63-bit hash with :data:`KEY_TAG` set. Two
articles share a key wherever they share a pair of content words in a sentence, so a version
that keeps a sentence shares all of its keys, one that rewrites a sentence around the wire's
names, numbers and phrases ("Kevin Jones, 41", "Luton Crown Court") still shares those, and a
report of another story shares only common pairs ("crown court", "last year"), which the
candidate rule of app/services/related.py (a share of the smaller article's keys) leaves out.

Why every shingle and not a MinHash of each sentence: the keys were first six MinHash bands of
one row per sentence, tuned on near-copies; on METER dev (118 Press Association stories, 331
newspaper articles derived from them, ``python -m benchmarks.pickups``) they made candidates of
85.5% of the derived articles: condensed ones that keep a few phrases of each sentence share no
band. Every shingle made candidates of 97.3% with as many candidates per query (5.0 against
5.1), at 190 rows an article instead of 115; one shingle in two kept by hash, 95.8% at 95 rows;
every content-word 3-shingle, 87.3% (BENCHMARKS.md, "Related versions").

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

from app.engine.text import PreparedDocument
from app.engine.words import STOPWORDS, stemmer

__all__ = [
    "KEY_TAG",
    "MAX_INDEXED_SENTENCES",
    "MIN_SENTENCE_WORDS",
    "SHINGLE_WORDS",
    "band_keys",
    "band_keys_of",
    "sentence_shingles",
]

#: Words per shingle: content-word pairs, stemmed. Single words link every pair of stories on one
#: topic; triples made candidates of 87.3% of METER dev's derived articles, pairs of 97.3%.
SHINGLE_WORDS = 2
#: Sentences with fewer content words ("He said so.", captions) say nothing about a story.
MIN_SENTENCE_WORDS = 3
#: Keys are kept for the first sentences only, so a 2,000-sentence transcript costs a bounded
#: number of rows; news versions keep the top of a story.
MAX_INDEXED_SENTENCES = 200
#: Set on every key (bit 62): the MinHash band keys of earlier versions were under 2**35, so an
#: index not yet rebuilt (``wirediff reindex``) never matches a new key by accident.
KEY_TAG = 1 << 62
_HASH_MASK = KEY_TAG - 1

# Words with their inner hyphens, apostrophes and number separators ("cease-fire", "Turkey's",
# "20,000"), which are then dropped: the index has a tokenizer of its own, so that a change to
# the engine's does not change the keys of articles already stored.
_WORD = re.compile(r"[^\W_]+(?:['\u2019.,-][^\W_]+)*")
_JOINERS = re.compile(r"['\u2019.,-]")


def _content_words(sentence: str) -> list[str]:
    found = _WORD.findall(sentence.lower())
    if not found:
        return []
    # One substitution for the sentence: a word holds no space and never ends up empty.
    words = _JOINERS.sub("", " ".join(found)).split(" ")
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


def _key(shingle: str) -> int:
    digest = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "little")
    return KEY_TAG | (digest & _HASH_MASK)


def band_keys_of(sentences: Iterable[str]) -> list[int]:
    """The distinct keys of these sentences (the first MAX_INDEXED_SENTENCES), sorted."""
    shingles: set[str] = set()
    for count, sentence in enumerate(sentences):
        if count == MAX_INDEXED_SENTENCES:
            break
        shingles.update(sentence_shingles(sentence))
    return sorted({_key(shingle) for shingle in shingles})


def band_keys(prepared: PreparedDocument) -> list[int]:
    """The keys of a prepared document's body sentences (title and boilerplate left out)."""
    return band_keys_of(s.text for s in prepared.document.sentences if s.role == "body")
