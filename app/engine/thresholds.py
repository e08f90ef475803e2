"""Every tunable number of the engine, in one place, with how it was chosen.

Figures quoted here come from ``python -m benchmarks.accuracy`` on the dev splits
in ``../shared/bench`` (see BENCHMARKS.md); changing a value means re-running it.
"""

# --- text preparation ------------------------------------------------------------

#: A quotation longer than this never protects its inside from sentence splits, so
#: an unbalanced quote cannot swallow the rest of the text (002 has no newlines).
MAX_QUOTE_CHARS = 600
#: A "sentence" longer than this is cut at a word boundary: no real sentence is
#: this long, and it keeps every later step bounded on adversarial input.
MAX_SENTENCE_CHARS = 1500
#: Paragraphs of at least this many words with no sentence punctuation are navigation.
NAV_MIN_WORDS = 25
#: Language id is trusted only on paragraphs this long and this confident
#: ("block" came out as Swedish at p=0.05).
LANGUAGE_MIN_WORDS = 5
LANGUAGE_MIN_PROBABILITY = 0.9
#: Unterminated lines this short inside the text are junk ("block", "Advertisement").
JUNK_MAX_WORDS = 4
#: A first line without final punctuation and at most this many words is the title.
TITLE_MAX_WORDS = 30

# --- alignment -------------------------------------------------------------------

#: Character n-gram size for the similarity of squashed text.
NGRAM = 4
#: Above this many sentence pairs, candidates come from the inverted index only.
DENSE_PAIR_LIMIT = 40_000
#: Candidates kept per sentence from the inverted index.
CANDIDATES_PER_SENTENCE = 6
#: Index terms shared by more than this share of sentences carry no evidence.
MAX_TERM_SHARE = 0.2

#: A pair at least this similar is an anchor: strong evidence of reuse on its own.
ANCHOR_SCORE = 0.5
#: Weaker pairs are accepted between anchors, in order.
GAP_SCORE = 0.3
#: A moved anchor must be at least this strong (near-duplicates cause false moves).
MOVED_SCORE = 0.6
#: Titles are paired with titles only, with this much evidence.
TITLE_SCORE = 0.3
#: A neighbour joins a group (split / merge) when this much of it is covered.
JOIN_COVERAGE = 0.6
#: ... and the group's score improves by at least this much.
JOIN_GAIN = 0.02

# --- verdict ---------------------------------------------------------------------

VERDICT_COPY_OTHER_FROM_BASE = 0.9
VERDICT_COPY_KEPT_SHARE = 0.5
VERDICT_DERIVED_OTHER_FROM_BASE = 0.2

# --- checks ----------------------------------------------------------------------

#: A quotation whose best counterpart scores at least this (rapidfuzz ratio on
#: squashed text, 0-100) is "altered"; below it, "missing".
QUOTE_ALTERED_RATIO = 80
