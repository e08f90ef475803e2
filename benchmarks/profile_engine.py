"""Where wirediff's ``compare`` spends its time on one speed-benchmark input (pyinstrument).

Usage::

    python -m benchmarks.profile_engine                       # the slowest case: edited-20000
    python -m benchmarks.profile_engine --input seed-001-vs-003 --repeat 200
    python -m benchmarks.profile_engine --input edited-5000 --html /tmp/profile.html

Prints the top functions by self time and by total time (time in the function and what
it calls, recursion counted once), as markdown, then pyinstrument's call tree. Inputs are
those of benchmarks/inputs.py (``python -m benchmarks.inputs`` lists them). Sampling
every 5 ms keeps the profiler's own overhead small (its fine timer is slow here).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.inputs import DEFAULT_BENCH_DIR, all_inputs, load_sentence_pool, seed_inputs

SAMPLE_INTERVAL_SECONDS = 0.005


def _function_name(frame: Any) -> str:
    where = f"{frame.file_path_short}:{frame.line_no}" if frame.file_path_short else "(native)"
    return f"`{frame.function}` ({where})"


def function_times(root: Any) -> tuple[Counter[str], Counter[str]]:
    """Self and total seconds per function over the whole call tree.

    pyinstrument shows a function's own time as a synthetic ``[self]`` child: it is
    counted as the function's self time here.
    """
    self_seconds: Counter[str] = Counter()
    total_seconds: Counter[str] = Counter()

    def visit(frame: Any, active: frozenset[str]) -> None:
        name = _function_name(frame)
        calls = [child for child in frame.children if not child.is_synthetic]
        self_seconds[name] += frame.time - sum(child.time for child in calls)
        if name not in active:  # a recursive call's time is already in its outer call
            total_seconds[name] += frame.time
        for child in calls:
            visit(child, active | {name})

    visit(root, frozenset())
    return self_seconds, total_seconds


def _top_table(title: str, seconds: Counter[str], whole: float, top: int) -> str:
    lines = [f"| {title} | seconds | share |", "|---|---:|---:|"]
    lines += [f"| {name} | {value:.3f} | {value / whole:.0%} |" for name, value in seconds.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", default="edited-20000", help="an input name, e.g. edited-5000")
    parser.add_argument("--repeat", type=int, default=1, help="compare this many times (small inputs)")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML view here")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    args = parser.parse_args(argv)

    os.environ.setdefault("PYINSTRUMENT_IGNORE_OVERHEAD_WARNING", "1")
    from pyinstrument import Profiler

    from app.engine import compare

    sizes = [] if args.input.startswith("seed-") else [int(args.input.rsplit("-", 1)[1])]
    by_name = {item.name: item for item in all_inputs(load_sentence_pool(args.bench_dir), sizes)}
    if args.input not in by_name:
        parser.error(f"unknown input {args.input}; known: {', '.join(by_name)}")
    item = by_name[args.input]

    # Lazy set-up (the language model, loaded by the first non-English paragraph) is paid
    # once per process, not per comparison: pay it before profiling.
    warm_up = seed_inputs()[0]
    compare(warm_up.base, warm_up.other)
    profiler = Profiler(interval=SAMPLE_INTERVAL_SECONDS)
    started = time.perf_counter()
    profiler.start()
    for _ in range(args.repeat):
        compare(item.base, item.other)
    profiler.stop()
    elapsed = time.perf_counter() - started

    root = profiler.last_session.root_frame()
    self_seconds, total_seconds = function_times(root)
    base_count, other_count = item.sentences_per_side
    print(f"`python -m benchmarks.profile_engine --input {args.input} --repeat {args.repeat}`: ")
    print(f"{item.name}, {base_count:,} vs {other_count:,} sentences, {args.repeat} run(s), ", end="")
    print(f"{elapsed:.2f} s profiled\n")
    print(_top_table("function (self time)", self_seconds, root.time, args.top))
    print()
    print(_top_table("function (total time)", total_seconds, root.time, args.top))
    print()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
