"""Does ``POST /v1/compare`` answer what the engine answers? Every bench dev record, both ways.

Usage::

    python -m benchmarks.api_parity                       # every dev set, as sentence lists
    python -m benchmarks.api_parity --only meter --raw    # METER's two sides also as raw text

``benchmarks.accuracy`` scores the engine called in process; the held-out test splits are
scored through the service's own ``POST /v1/compare``. This checks that the two are one
judgement: each record's two sides are posted as ``{"sentences": [...]}`` (with ``--raw``,
METER's sides also as ``{"text": ...}``, the wire's sentences joined by spaces and the paper's by
blank lines) to the real app (TestClient, a fresh SQLite database, default settings but no rate
limit), and the answer's JSON is compared, whole, with ``compare(...).to_dict()`` through JSON.
A record the service refuses is listed with its status and detail (METER dev has one with an
empty wire side: the request schema asks for at least one sentence, a 422).

Prints one line per data set and a JSON report; exits 1 when any answer differs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.inputs import DEFAULT_BENCH_DIR

DATASETS = ("argrewrite", "aesop", "meter", "msrp")
#: Different records named in the report, at most.
SHOWN = 10


def _bodies(record: dict[str, Any], raw: bool) -> Iterator[tuple[str, Any, Any]]:
    """(how, base side, other side) for each way this record is posted."""
    yield "sentences", record["a_sentences"], record["b_sentences"]
    if raw:
        yield "text", " ".join(record["a_sentences"]), "\n\n".join(record["b_sentences"])


def check(bench_dir: Path, datasets: list[str], raw: bool) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import migrate
    from app.engine import compare
    from app.main import create_app

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{os.path.join(folder, 'parity.db')}"
        migrate(url)
        settings = Settings(database_url=url, compare_rate_limit="")
        with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
            for name in datasets:
                posted = same = 0
                different: list[str] = []
                refused: list[dict[str, Any]] = []
                with open(bench_dir / f"{name}.dev.jsonl", encoding="utf-8") as lines:
                    for line in lines:
                        record = json.loads(line)
                        for how, base, other in _bodies(record, raw and name == "meter"):
                            posted += 1
                            body = {"base": {how: base}, "other": {how: other}}
                            response = client.post("/v1/compare", json=body)
                            if response.status_code != 200:
                                problem = response.json()
                                refused.append(
                                    {
                                        "record": record["id"],
                                        "as": how,
                                        "status": response.status_code,
                                        "detail": problem.get("errors", problem.get("detail")),
                                    }
                                )
                                continue
                            engine = json.loads(json.dumps(compare(base, other).to_dict()))
                            if response.json() == engine:
                                same += 1
                            else:
                                different.append(f"{record['id']} ({how})")
                report[name] = {
                    "posted": posted,
                    "identical": same,
                    "different": len(different),
                    "different_records": different[:SHOWN],
                    "refused": refused,
                }
                print(
                    f"{name}: {posted} posted, {same} identical, {len(different)} different, "
                    f"{len(refused)} refused",
                    file=sys.stderr,
                )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--only", default=",".join(DATASETS))
    parser.add_argument("--raw", action="store_true", help="post METER's sides as raw text too")
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args(argv)
    datasets = [name for name in args.only.split(",") if name]
    unknown = sorted(set(datasets) - set(DATASETS))
    if unknown:
        parser.error(f"unknown data set(s): {', '.join(unknown)}")
    report = check(args.bench_dir, datasets, args.raw)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if any(entry["different"] for entry in report.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
