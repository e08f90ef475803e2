"""The top functions of a py-spy profile in raw (collapsed stack) form, as markdown.

Usage (benchmarks/load.sh calls it with PROFILE=1)::

    py-spy record --pid PID --duration 10 --format raw --output stacks.txt --nonblocking --subprocesses
    python -m benchmarks.stack_top stacks.txt [--top 12] [--title "POST /v1/compare"]

Each line of the input is ``frame;frame;...;leaf COUNT`` (outermost first). Three tables:
self samples by component (wirediff's engine, the rest of wirediff, each library), the
functions with the most self samples, and wirediff's own functions by total samples
(the function and what it calls). py-spy sees Python frames only: time in uvloop's C
code (network I/O and waiting for it) shows as the event loop's ``Runner.run``, and a
thread-pool thread waiting for work as ``Condition.wait``; both are named as such.

>>> stacks = parse_collapsed(["main (app/cli.py:1);work (app/engine/a.py:5) 3", "main (app/cli.py:1) 1"])
>>> self_samples, total_samples = top_functions(stacks)
>>> self_samples["work (app/engine/a.py:5)"], total_samples["main (app/cli.py:1)"]
(3, 4)
>>> dict(by_component(self_samples))
{'wirediff engine': 3, 'wirediff (service)': 1}
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

__all__ = ["by_component", "component", "parse_collapsed", "top_functions"]

_FRAME = re.compile(r"^(?P<function>.*?) \((?P<path>[^()]*?)(?::\d+)?\)$")
# Leaf frames that are waiting rather than working (see the module docstring).
_WAITING = {
    "Runner.run": "event loop (uvloop in C: network I/O, waiting)",
    "Condition.wait": "thread pool: threads waiting for work",
    "Queue.get": "thread pool: threads waiting for work",
}


def parse_collapsed(lines: Iterable[str]) -> Counter[tuple[str, ...]]:
    """Stacks (outermost first) and their sample counts."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(stack.split(";"))] += int(count)
    return stacks


def top_functions(stacks: Counter[tuple[str, ...]]) -> tuple[Counter[str], Counter[str]]:
    """Self and total samples per frame."""
    self_samples: Counter[str] = Counter()
    total_samples: Counter[str] = Counter()
    for stack, count in stacks.items():
        self_samples[stack[-1]] += count
        for frame in set(stack):
            total_samples[frame] += count
    return self_samples, total_samples


def component(frame: str) -> str:
    """``'squash (app/engine/text.py:72)'`` -> ``'wirediff engine'``; libraries by top package."""
    match = _FRAME.match(frame)
    if not match:
        return "other"
    function, path = match["function"], match["path"]
    if function in _WAITING:
        return _WAITING[function]
    if path.startswith("app/engine/"):
        return "wirediff engine"
    if path.startswith("app/"):
        return "wirediff (service)"
    return path.split("/", 1)[0].removesuffix(".py") or "other"


def by_component(self_samples: Counter[str]) -> Counter[str]:
    components: Counter[str] = Counter()
    for frame, count in self_samples.items():
        components[component(frame)] += count
    return components


def _table(title: str, samples: Counter[str], whole: int, top: int, code: bool = True) -> str:
    lines = [f"| {title} | samples | share |", "|---|---:|---:|"]
    for name, count in samples.most_common(top):
        shown = f"`{name}`" if code else name
        lines.append(f"| {shown} | {count:,} | {count / whole:.0%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stacks", type=Path)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--title", default="")
    args = parser.parse_args(argv)
    stacks = parse_collapsed(args.stacks.read_text(encoding="utf-8").splitlines())
    samples = sum(stacks.values())
    if args.title:
        print(f"\n**{args.title}**: {samples:,} samples\n")
    if not samples:
        print("(no samples)")
        return 0
    self_samples, total_samples = top_functions(stacks)
    own = Counter({frame: n for frame, n in total_samples.items() if component(frame).startswith("wirediff")})
    print(_table("component (self)", by_component(self_samples), samples, args.top, code=False))
    print()
    print(_table("function (self)", self_samples, samples, args.top))
    if own:
        print()
        print(_table("wirediff function (total)", own, samples, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
