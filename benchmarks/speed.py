"""Speed and peak memory of wirediff's ``compare`` beside the baselines, on the same inputs.

Usage::

    python -m benchmarks.speed                      # full sizes, writes benchmarks/speed.png
    python -m benchmarks.speed --quick              # smoke test: seeds and 100 sentences, no plot
    python -m benchmarks.speed --sizes 1000,5000 --methods wirediff --json /tmp/speed.json

Every (method, input) is measured in a fresh process (multiprocessing, spawn), so its
peak RSS (VmHWM) is its own: interpreter, the method's imports, the input and
the method's work. In that process, a first call under a second is a warm-up and is
not counted; then the call is repeated until RUN_BUDGET_SECONDS are spent (at least
MIN_RUNS, at most MAX_RUNS runs; one run when a call takes over a minute) and the
median is reported, of wall time and of CPU time (the two differ when other work
competes for the cores). Before each call the method forgets, untimed, what it kept from the
call before (``Method.forget``): every call is timed as a story the engine has not read.

A method with a size cap (the all-pairs baselines) is not run beyond it; its time there
is extrapolated from its largest measured size, in proportion to the sentence pairs.
difflib on every sentence pair, projected over SAMPLE_ABOVE_SECONDS, is timed on every
k-th base sentence against the whole other side and scaled by k (its cost is linear in
the base rows). A case projected to take over TIME_LIMIT_SECONDS is not run, and one
still running after CASE_TIMEOUT_SECONDS is stopped: a run of the benchmark stays bounded.

Inputs: see benchmarks/inputs.py. Output: markdown tables on stdout, JSON with --json,
a log-log plot with --plot (by default benchmarks/speed.png, except with --quick).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import math
import multiprocessing
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.inputs import (
    DEFAULT_BENCH_DIR,
    DEFAULT_SIZES,
    REPO_ROOT,
    ComparisonInput,
    all_inputs,
    as_sentences,
    load_sentence_pool,
    parse_sizes,
)
from benchmarks.methods import METHODS, Method

QUICK_SIZES = (100,)
DEFAULT_PLOT = REPO_ROOT / "benchmarks" / "speed.png"

RUN_BUDGET_SECONDS = 10.0
QUICK_RUN_BUDGET_SECONDS = 1.0
MIN_RUNS, MAX_RUNS = 3, 51
WARM_UP_BELOW_SECONDS = 1.0
SINGLE_RUN_ABOVE_SECONDS = 60.0
TIME_LIMIT_SECONDS = 180.0
# An all-pairs method projected over SAMPLE_ABOVE_SECONDS is timed on a sample of base
# rows that takes about SAMPLED_RUN_SECONDS, then scaled up (see _measure_here).
SAMPLE_ABOVE_SECONDS = 30.0
SAMPLED_RUN_SECONDS = 10.0
CASE_TIMEOUT_SECONDS = 240.0


@dataclass
class Measurement:
    """One method on one input: timings and memory, or why it was not run."""

    method: str
    input: str
    family: str
    size: int
    sentences: tuple[int, int]
    status: str  # ok | capped | too-slow | timeout | error
    runs: int = 0
    median_seconds: float | None = None
    min_seconds: float | None = None
    times: list[float] = field(default_factory=list)
    # CPU seconds of the same runs: on a machine busy with other work, wall time grows
    # while CPU time stays close to what an idle machine's wall time would be.
    median_cpu_seconds: float | None = None
    cpu_times: list[float] = field(default_factory=list)
    peak_rss_mb: float | None = None
    start_rss_mb: float | None = None  # after imports and input, before the first call
    projected_seconds: float | None = None
    row_step: int = 1  # > 1: timed on every row_step-th base sentence and scaled up
    note: str = ""
    link_precision: float | None = None
    link_recall: float | None = None

    @property
    def seconds(self) -> float | None:
        """The measured median, or else the projection."""
        return self.median_seconds if self.median_seconds is not None else self.projected_seconds


# --- in the measuring process ---------------------------------------------------------


def _max_rss_mb() -> float:
    """This process's peak RSS so far.

    Linux's VmHWM starts afresh with the new program image; ``ru_maxrss`` would carry
    the parent's peak over from before the exec (the parent holds every input).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux, bytes on macOS


def _planned_runs(first_seconds: float, budget_seconds: float) -> int:
    if first_seconds > SINGLE_RUN_ABOVE_SECONDS:
        return 1
    return max(MIN_RUNS, min(MAX_RUNS, int(budget_seconds / max(first_seconds, 1e-6))))


def _timed(method: Method, item: ComparisonInput) -> tuple[Any, float, float]:
    """The result, wall seconds and CPU seconds of one call, after the method has forgotten (untimed)
    what it kept from the call before."""
    if method.forget is not None:
        method.forget()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = method.run(item)
    return result, time.perf_counter() - started, time.process_time() - cpu_started


def _timed_run(method: Method, item: ComparisonInput) -> tuple[float, float]:
    """Wall and CPU seconds of one call, its result let go on return: a call never starts while
    the one before still holds its result, as for a caller that serves one and moves on."""
    _, seconds, cpu_seconds = _timed(method, item)
    return seconds, cpu_seconds


def _measure_here(
    method_key: str, item: ComparisonInput, budget_seconds: float, row_step: int
) -> dict[str, Any]:
    method = METHODS[method_key]
    method.load()
    report: dict[str, Any] = {"start_rss_mb": _max_rss_mb()}
    scale = 1.0
    if row_step > 1:
        # An all-pairs method's cost is linear in the base sentences: time every
        # row_step-th base sentence against the whole other side and scale up.
        sampled_base = as_sentences(item.base)[::row_step]
        scale = len(as_sentences(item.base)) / len(sampled_base)
        item = dataclasses.replace(item, base=sampled_base, true_links=None)

    result, first_seconds, first_cpu_seconds = _timed(method, item)
    if method.links is not None and item.true_links is not None:
        found = method.links(result)
        correct = len(found & item.true_links)
        report["link_precision"] = correct / len(found) if found else 0.0
        report["link_recall"] = correct / len(item.true_links) if item.true_links else 1.0
    del result

    if first_seconds < WARM_UP_BELOW_SECONDS:  # the first call was a warm-up: plan from a warm one
        first_seconds, first_cpu_seconds = _timed_run(method, item)
    times, cpu_times = [first_seconds], [first_cpu_seconds]
    planned = _planned_runs(first_seconds, budget_seconds)
    while len(times) < planned:
        seconds, cpu_seconds = _timed_run(method, item)
        times.append(seconds)
        cpu_times.append(cpu_seconds)
    report.update(
        times=[seconds * scale for seconds in times],
        cpu_times=[seconds * scale for seconds in cpu_times],
        peak_rss_mb=_max_rss_mb(),
    )
    return report


def _child_entry(
    method_key: str, item: ComparisonInput, budget_seconds: float, row_step: int, sender: Any
) -> None:
    try:
        sender.send(_measure_here(method_key, item, budget_seconds, row_step))
    except Exception as error:  # reported in the table, not raised: the other cases still run
        sender.send({"error": f"{type(error).__name__}: {error}"})
    finally:
        sender.close()


def measure_in_child(
    method_key: str, item: ComparisonInput, budget_seconds: float, row_step: int = 1
) -> dict[str, Any]:
    """Run one case in a fresh process; ``{"timeout": True}`` if it outlives the limit."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child_entry, args=(method_key, item, budget_seconds, row_step, sender))
    process.start()
    sender.close()
    try:
        if receiver.poll(CASE_TIMEOUT_SECONDS):
            return dict(receiver.recv())
        return {"timeout": True}
    except EOFError:
        return {"error": f"the measuring process died (exit code {process.exitcode})"}
    finally:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()


# --- the run --------------------------------------------------------------------------


def _pairs(sentences: tuple[int, int]) -> int:
    return max(1, sentences[0] * sentences[1])


def _projection(method_key: str, item: ComparisonInput, done: list[Measurement]) -> float | None:
    """Time extrapolated from this method's largest measured input of the same family.

    The growth is counted in sentence pairs (base x other): a quadratic method's cost
    is proportional to them; for a method without a cap, the growth seen between its
    two largest measured sizes is used (at least linear).
    """
    measured = sorted(
        (m.size, m.sentences, m.median_seconds)
        for m in done
        if m.method == method_key and m.family == item.family and m.median_seconds is not None
    )
    if not measured or item.family == "seed":
        return None
    method = METHODS[method_key]
    _, largest_sentences, largest_seconds = measured[-1]
    growth = method.growth
    if method.max_size is None and len(measured) >= 2:
        (size_a, _, seconds_a), (size_b, _, seconds_b) = measured[-2], measured[-1]
        growth = max(1.0, math.log(seconds_b / seconds_a) / math.log(size_b / size_a))
    return largest_seconds * (_pairs(item.sentences_per_side) / _pairs(largest_sentences)) ** (growth / 2)


def measure(method_key: str, item: ComparisonInput, done: list[Measurement], budget: float) -> Measurement:
    method = METHODS[method_key]
    measurement = Measurement(method_key, item.name, item.family, item.size, item.sentences_per_side, "ok")
    projected = _projection(method_key, item, done)
    if method.max_size is not None and item.size > method.max_size:
        measurement.status, measurement.projected_seconds = "capped", projected
        measurement.note = f"capped at {method.max_size:,} sentences: {method.cap_reason}"
        return measurement
    row_step = 1
    if method.row_sampling and projected is not None and projected > SAMPLE_ABOVE_SECONDS:
        row_step = math.ceil(projected / SAMPLED_RUN_SECONDS)
        measurement.row_step = row_step
        measurement.note = f"timed on 1 in {row_step} base sentences against all others, scaled up"
    elif projected is not None and projected > TIME_LIMIT_SECONDS:
        measurement.status, measurement.projected_seconds = "too-slow", projected
        measurement.note = f"projected over the {TIME_LIMIT_SECONDS:.0f} s limit"
        return measurement
    report = measure_in_child(method_key, item, budget, row_step)
    if report.get("timeout"):
        measurement.status = "timeout"
        measurement.note = f"stopped after {CASE_TIMEOUT_SECONDS:.0f} s"
    elif "error" in report:
        measurement.status, measurement.note = "error", report["error"]
    else:
        times = report["times"]
        measurement.runs, measurement.times = len(times), times
        measurement.median_seconds, measurement.min_seconds = statistics.median(times), min(times)
        measurement.cpu_times = report["cpu_times"]
        measurement.median_cpu_seconds = statistics.median(report["cpu_times"])
        measurement.peak_rss_mb, measurement.start_rss_mb = report["peak_rss_mb"], report["start_rss_mb"]
        measurement.link_precision = report.get("link_precision")
        measurement.link_recall = report.get("link_recall")
    return measurement


def environment(command: str, load_at_start: float) -> dict[str, Any]:
    def git(*args: str) -> str:
        completed = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
        return completed.stdout.strip()

    import rapidfuzz

    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "app")
    return {
        "command": command,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "engine_files_modified": bool(dirty),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {multiprocessing.cpu_count()} cores",
        "rapidfuzz": rapidfuzz.__version__,
        # Other work on the machine slows every figure: the 1-minute load average, which
        # counts the benchmark's own measuring process (about 1) while it runs.
        "load_average_at_start": round(load_at_start, 2),
        "load_average_at_end": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, help="sentences per side, e.g. 100,1000,5k")
    parser.add_argument("--quick", action="store_true", help="seeds and 100 sentences only, short budget")
    defaults = ",".join(key for key, method in METHODS.items() if method.by_default)
    parser.add_argument(
        "--methods", default=defaults, help=f"subset of {','.join(METHODS)} (default {defaults})"
    )
    parser.add_argument("--json", type=Path, help="write every measurement here")
    parser.add_argument("--plot", type=Path, help=f"PNG to write (default {DEFAULT_PLOT}, none with --quick)")
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    args = parser.parse_args(argv)

    from benchmarks import speed_report  # matplotlib stays out of the measuring processes

    sizes = args.sizes or (list(QUICK_SIZES) if args.quick else list(DEFAULT_SIZES))
    budget = QUICK_RUN_BUDGET_SECONDS if args.quick else RUN_BUDGET_SECONDS
    method_keys = [key.strip() for key in args.methods.split(",") if key.strip()]
    unknown = set(method_keys) - set(METHODS)
    if unknown:
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")
    plot_path = None if args.no_plot else args.plot or (None if args.quick else DEFAULT_PLOT)
    command = shlex.join(["python", "-m", "benchmarks.speed", *(sys.argv[1:] if argv is None else argv)])

    load_at_start = os.getloadavg()[0]
    inputs = sorted(all_inputs(load_sentence_pool(args.bench_dir), sizes), key=lambda item: item.size)
    done: list[Measurement] = []
    for method_key in method_keys:
        for item in inputs:
            measurement = measure(method_key, item, done, budget)
            done.append(measurement)
            print(speed_report.progress_line(measurement), file=sys.stderr, flush=True)

    meta = environment(command, load_at_start)
    print(speed_report.markdown(done, meta, sizes))
    if args.json:
        targets = speed_report.target_checks(done)
        payload = {"meta": meta, "measurements": [asdict(m) for m in done], "targets": targets}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if plot_path:
        speed_report.plot(done, plot_path, meta)
        print(f"\nplot written to {plot_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
