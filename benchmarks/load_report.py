"""The markdown table of benchmarks/load.sh: one row per endpoint, with issue 5's targets.

Usage (load.sh calls it)::

    python -m benchmarks.load_report results.jsonl [--command "..."] [--json out.json]

Each input line is wrk's result for one endpoint (see benchmarks/load.lua) with its
``endpoint`` and ``path``; the first line is /livez, the framework's ceiling.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import subprocess
from pathlib import Path
from typing import Any

# Issue 5: share of /livez throughput each endpoint must reach (by path), and 0 errors.
THROUGHPUT_TARGETS = {
    "/v1/compare": 0.30,
    "/v1/articles/2/compare/3": 0.70,
}
LIVEZ_PATH = "/livez"


def error_count(row: dict[str, Any]) -> int:
    return sum(row["errors"].values())


def target_verdict(row: dict[str, Any], livez_rps: float) -> tuple[str, bool | None]:
    share = THROUGHPUT_TARGETS.get(row["path"])
    if share is None:
        return ("0 errors", error_count(row) == 0)
    met = row["requests_per_second"] >= share * livez_rps and error_count(row) == 0
    return (f">= {share:.0%} of /livez, 0 errors", met)


def markdown(
    rows: list[dict[str, Any]], command: str, load_average: tuple[float, float] | None = None
) -> str:
    livez_rps = next(r["requests_per_second"] for r in rows if r["path"] == LIVEZ_PATH)
    lines = [
        f"Command: `{command}`  ",
        f"{datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}, commit {_commit()}, "
        f"Python {platform.python_version()}"
        + (
            f"; load average {load_average[0]} before the first run, {load_average[1]} after the last "
            "(wrk and the two workers count for about 3 while they run)."
            if load_average
            else "."
        ),
        "",
        "| endpoint | requests/s | share of /livez | p50 | p99 | errors | connections per worker "
        "| target | met |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        target, met = target_verdict(row, livez_rps)
        verdict = {True: "met", False: "**not met**", None: ""}[met]
        rps = row["requests_per_second"]
        latency = f"{row['p50_ms']:.1f} ms | {row['p99_ms']:.1f} ms"
        errors = f"{error_count(row):,}"
        if error_count(row):
            errors += f" (a request after the run: HTTP {row.get('status_after', '?')})"
        split = row.get("connections_per_worker", "")
        share = f"{rps / livez_rps:.0%}"
        cells = [row["endpoint"], f"{rps:,.0f}", share, latency, errors, split, target, verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _commit() -> str:
    command = ["git", "rev-parse", "--short", "HEAD"]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    return completed.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--command", default="benchmarks/load.sh")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--load-average", type=float, nargs=2, metavar=("START", "END"))
    args = parser.parse_args(argv)
    lines = args.results.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    print(markdown(rows, args.command, tuple(args.load_average) if args.load_average else None))
    if args.json:
        payload = {"command": args.command, "load_average": args.load_average, "results": rows}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
