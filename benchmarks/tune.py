"""Run the engine-only accuracy figures with some thresholds overridden (for tuning).

python -m benchmarks.tune ANCHOR_SCORE=0.55 GAP_SCORE=0.25 [--only aesop,meter]
"""

from __future__ import annotations

import argparse
import ast
import sys

from app.engine import thresholds
from benchmarks import accuracy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("settings", nargs="*", help="NAME=VALUE overrides of app.engine.thresholds")
    parser.add_argument("--only", default=",".join(accuracy.DATASETS))
    args = parser.parse_args(argv)
    for setting in args.settings:
        name, _, value = setting.partition("=")
        if not hasattr(thresholds, name):
            parser.error(f"no threshold named {name}")
        setattr(thresholds, name, ast.literal_eval(value))
    accuracy.run(accuracy.DEFAULT_BENCH, args.only.split(","), with_baselines=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
