"""Deterministic comparison inputs for the speed benchmark, built from real text.

Usage::

    python -m benchmarks.inputs [--sizes 100,1000] [--bench-dir ../shared/bench]

prints what each input holds. The text is read at run time from the bench data
(``../shared/bench/*.dev.jsonl``, fields ``a_sentences`` and ``b_sentences``; its
licences forbid copying it into the repository) and from ``seeds/*.txt``. The same
arguments always give the same inputs (fixed random seed, files read in name order).

Families of inputs:

- ``seed``: the Reuters original (001) against each other seed, raw text;
- ``edited``: N real sentences (a run of the pool, in document order) against an
  edited copy: about 10% dropped, 10% added (sentences from elsewhere in the pool),
  15% reworded (word swaps, insertions, deletions), a few short blocks moved, the
  rest kept; the true sentence links are recorded;
- ``identical``: one real sentence N times on each side (every pair is a perfect match);
- ``near-identical``: one real sentence N times with a running number in it, the
  same list on both sides (every pair differs by one number only).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_BENCH_DIR",
    "DEFAULT_SIZES",
    "REPO_ROOT",
    "SEED_DIR",
    "ComparisonInput",
    "adversarial_inputs",
    "all_inputs",
    "edited_input",
    "load_sentence_pool",
    "seed_inputs",
    "split_plain_sentences",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO_ROOT.parent / "shared" / "bench"
SEED_DIR = REPO_ROOT / "seeds"
DEFAULT_SIZES = (100, 1_000, 5_000, 20_000)
RANDOM_SEED = 20261122

# Share of base sentences given each fate in an ``edited`` pair.
DROP_SHARE = 0.10
ADD_SHARE = 0.10
REWORD_SHARE = 0.15
# One moved block (1 to 3 kept sentences) per this many base sentences, at least one.
SENTENCES_PER_MOVED_BLOCK = 200
# Pool sentences shorter or longer than this (in words) are headlines, by-lines or run-ons.
MIN_WORDS, MAX_WORDS = 4, 80

# The Reuters original and the seeds compared against it (file-name prefixes).
SEED_BASE = "001"
SEED_OTHERS = ("000", "002", "003", "004")

# End punctuation after a lower-case letter, digit or closing mark, then a capital: also
# splits sentences glued by lost line breaks ("Turkey.Erdogan"), keeps "U.S. President".
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\"'][.!?])\s*(?=[\"'A-Z])|(?<=[.!?][\"'])\s+(?=[\"'A-Z0-9])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class ComparisonInput:
    """One base/other pair: raw text (seeds) or pre-split sentence lists."""

    name: str
    family: str
    size: int  # base sentences (for seeds: sentences found by the plain splitter)
    base: str | list[str]
    other: str | list[str]
    # (base index, other index) of every sentence the edit kept, reworded or moved;
    # None where the truth is not one-to-one (identical sentences) or unknown (seeds).
    true_links: frozenset[tuple[int, int]] | None = None
    edit_counts: dict[str, int] = field(default_factory=dict)

    @property
    def sentences_per_side(self) -> tuple[int, int]:
        return len(as_sentences(self.base)), len(as_sentences(self.other))


def split_plain_sentences(text: str) -> list[str]:
    """A plain splitter: line breaks, then end punctuation before a capital.

    It stands in for whatever splitter a user of the baselines would write.

    >>> split_plain_sentences("It rained.Then it stopped in the U.S. Army camp.\\n\\nNew day")
    ['It rained.', 'Then it stopped in the U.S. Army camp.', 'New day']
    """
    sentences = []
    for line in text.splitlines():
        sentences.extend(part.strip() for part in _SENTENCE_END.split(line) if part.strip())
    return sentences


def as_sentences(side: str | Sequence[str]) -> list[str]:
    """A side as sentences: raw text goes through the plain splitter."""
    return split_plain_sentences(side) if isinstance(side, str) else list(side)


# --- the pool of real sentences ------------------------------------------------------


def load_sentence_pool(bench_dir: Path = DEFAULT_BENCH_DIR, seed_dir: Path = SEED_DIR) -> list[str]:
    """Every distinct sentence of the bench data and the seeds, in document order.

    Whitespace is collapsed; sentences outside MIN_WORDS..MAX_WORDS words are left out.
    """
    paths = sorted(bench_dir.glob("*.dev.jsonl"))
    if not paths:
        raise FileNotFoundError(f"no *.dev.jsonl in {bench_dir} (pass --bench-dir)")
    seen: set[str] = set()
    pool: list[str] = []

    def add(sentences: Iterable[str]) -> None:
        for sentence in sentences:
            sentence = " ".join(sentence.split())
            if MIN_WORDS <= len(sentence.split()) <= MAX_WORDS and sentence not in seen:
                seen.add(sentence)
                pool.append(sentence)

    for path in sorted(seed_dir.glob("*.txt")):
        add(split_plain_sentences(path.read_text(encoding="utf-8")))
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                add(record["a_sentences"])
                add(record["b_sentences"])
    return pool


# --- realistic edits -----------------------------------------------------------------


def _reword(sentence: str, vocabulary: Sequence[str], rng: random.Random) -> str:
    """One to a few word swaps, insertions or deletions (about one per six words)."""
    words = sentence.split()
    for _ in range(rng.randint(1, max(1, len(words) // 6))):
        operation = rng.choice(("swap", "insert", "delete")) if len(words) > 3 else "insert"
        position = rng.randrange(len(words))
        if operation == "swap":
            words[position] = rng.choice(vocabulary)
        elif operation == "insert":
            words.insert(position, rng.choice(vocabulary))
        else:
            del words[position]
    reworded = " ".join(words)
    # A swap can, rarely, put back the same word: force a visible change.
    return reworded if reworded != sentence else f"{reworded} {rng.choice(vocabulary)}"


def edited_input(pool: Sequence[str], size: int, seed: int = RANDOM_SEED) -> ComparisonInput:
    """``size`` consecutive pool sentences against an edited copy of them.

    Additions come from outside the base's run of the pool; where the pool has too few
    (the largest size), fewer are added, as ``edit_counts`` says.
    """
    if size > len(pool):
        raise ValueError(f"the pool has {len(pool)} sentences, fewer than {size}")
    rng = random.Random(f"{seed}-edited-{size}")
    start = rng.randrange(len(pool) - size + 1)
    base = list(pool[start : start + size])
    outside = [*pool[:start], *pool[start + size :]]
    vocabulary = sorted({word for sentence in base for word in sentence.split()})

    # other: (text, base index or None for an addition), built in base order first.
    other: list[tuple[str, int | None]] = []
    fates: Counter[str] = Counter()
    for index, sentence in enumerate(base):
        roll = rng.random()
        if roll < DROP_SHARE:
            fates["dropped"] += 1
        elif roll < DROP_SHARE + REWORD_SHARE:
            other.append((_reword(sentence, vocabulary, rng), index))
            fates["reworded"] += 1
        else:
            other.append((sentence, index))

    kept_positions = [p for p, (text, index) in enumerate(other) if index is not None and text == base[index]]
    kept_set = set(kept_positions)
    moved: list[tuple[str, int | None]] = []
    block_count = min(len(kept_positions), max(1, size // SENTENCES_PER_MOVED_BLOCK))
    block_starts = rng.sample(kept_positions, block_count)
    taken: set[int] = set()
    for block_start in sorted(block_starts):
        for position in range(block_start, min(block_start + rng.randint(1, 3), len(other))):
            if position in kept_set and position not in taken:
                taken.add(position)
                moved.append(other[position])
    other = [entry for position, entry in enumerate(other) if position not in taken]
    for entry in moved:
        other.insert(rng.randrange(len(other) + 1), entry)
    fates["moved"] = len(moved)

    additions = rng.sample(outside, min(len(outside), round(ADD_SHARE * size)))
    for sentence in additions:
        other.insert(rng.randrange(len(other) + 1), (sentence, None))
    fates["added"] = len(additions)
    fates["kept"] = size - fates["dropped"] - fates["reworded"] - fates["moved"]

    true_links = frozenset(
        (index, position) for position, (_, index) in enumerate(other) if index is not None
    )
    return ComparisonInput(
        name=f"edited-{size}",
        family="edited",
        size=size,
        base=base,
        other=[text for text, _ in other],
        true_links=true_links,
        edit_counts=dict(sorted(fates.items())),
    )


# --- adversarial and seed inputs -----------------------------------------------------


def adversarial_inputs(pool: Sequence[str], size: int) -> list[ComparisonInput]:
    """All-identical sentences, and near-identical ones that differ by one number."""
    sentence = next(s for s in pool if 12 <= len(s.split()) <= 25)
    template = next(s for s in pool if 12 <= len(s.split()) <= 25 and _NUMBER.search(s))
    numbered = [_NUMBER.sub(str(number), template, count=1) for number in range(size)]
    return [
        ComparisonInput(
            name=f"identical-{size}",
            family="identical",
            size=size,
            base=[sentence] * size,
            other=[sentence] * size,
        ),
        ComparisonInput(
            name=f"near-identical-{size}",
            family="near-identical",
            size=size,
            base=numbered,
            other=list(numbered),
            true_links=frozenset((i, i) for i in range(size)),
        ),
    ]


def seed_inputs(seed_dir: Path = SEED_DIR) -> list[ComparisonInput]:
    """The Reuters original against each other seed, as raw text."""
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(seed_dir.glob("*.txt"))}
    base = texts[SEED_BASE]
    return [
        ComparisonInput(
            name=f"seed-{SEED_BASE}-vs-{other}",
            family="seed",
            size=len(split_plain_sentences(base)),
            base=base,
            other=texts[other],
        )
        for other in SEED_OTHERS
    ]


def all_inputs(pool: Sequence[str], sizes: Iterable[int] = DEFAULT_SIZES) -> list[ComparisonInput]:
    """Seeds first, then for each size the edited pair and the adversarial pairs."""
    inputs = seed_inputs()
    for size in sizes:
        inputs.append(edited_input(pool, size))
        inputs.extend(adversarial_inputs(pool, size))
    return inputs


def parse_sizes(text: str) -> list[int]:
    """``"100,1000,5k,20_000"`` -> ``[100, 1000, 5000, 20000]``."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        sizes.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES))
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    args = parser.parse_args(argv)
    pool = load_sentence_pool(args.bench_dir)
    print(f"pool: {len(pool):,} distinct sentences from {args.bench_dir} and {SEED_DIR}")
    for item in all_inputs(pool, args.sizes):
        base_count, other_count = item.sentences_per_side
        links = "-" if item.true_links is None else f"{len(item.true_links):,} true links"
        edits = ", ".join(f"{fate} {count:,}" for fate, count in item.edit_counts.items())
        print(f"{item.name:22} {base_count:>7,} vs {other_count:>7,} sentences  {links:>18}  {edits}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
