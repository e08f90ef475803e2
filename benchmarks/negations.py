"""How often the negation finding fires on real rewrites (METER dev), and on what.

Usage::

    python -m benchmarks.negations [--bench-dir ../shared/bench] [--show 20]

Each METER newspaper article is compared with its Press Association text (pre-split sentences,
as ``benchmarks.accuracy`` does). Among the texts the engine calls copy or derived (the only
ones that get findings), it counts the word changes of reworded groups that add or drop a
negation, and the ``negation_changed`` findings the engine reports, with the findings' messages
and the article's METER class. The rule (``findings._negation_changes``) keeps short changes
only; this shows what it keeps and how much it leaves.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.engine import compare
from app.engine.words import NEGATIONS, token_keys
from benchmarks.accuracy import DEFAULT_BENCH, load


def _negations(text: str) -> int:
    return sum(1 for key in token_keys(text) if key in NEGATIONS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--show", type=int, default=20, help="findings to print")
    args = parser.parse_args(argv)

    taken = changes = 0
    findings: list[tuple[str, str]] = []
    for record in load(args.bench_dir, "meter"):
        result = compare(record["a_sentences"], record["b_sentences"])
        if result.verdict not in ("copy", "derived"):
            continue
        taken += 1
        changes += sum(
            1
            for group in result.alignment
            if group.op == "reworded"
            for change in group.changes
            if change.op != "glue" and _negations(change.base) != _negations(change.other)
        )
        findings += [
            (record["doc_label"], f.message) for f in result.findings if f.kind == "negation_changed"
        ]
    print(f"METER dev: {taken} comparisons called copy or derived")
    print(f"word changes of reworded groups adding or dropping a negation: {changes}")
    print(f"negation findings: {len(findings)}")
    for label, message in findings[: args.show]:
        print(f"  [{label}] {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
