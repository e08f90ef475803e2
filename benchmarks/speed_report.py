"""Tables, target checks and the plot for benchmarks/speed.py's measurements."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.methods import METHODS

if TYPE_CHECKING:
    from benchmarks.speed import Measurement

__all__ = ["markdown", "plot", "progress_line", "target_checks"]

FAMILY_TITLES = {
    "seed": "Seed pairs: Reuters 001 against each other seed, raw text, everything included",
    "edited": "Edited pairs: N real sentences against an edited copy "
    "(~10% dropped, ~10% added, ~15% reworded, a few moved)",
    "identical": "Adversarial: the same sentence N times on each side",
    "near-identical": "Adversarial: N sentences that differ by one number, the same list on each side",
}

SAMPLED_MARK = "†"

# Issue 5's targets on this 2-core machine.
SEED_TARGET_SECONDS = 0.003
TARGET_5000_SECONDS, TARGET_5000_MB = 1.0, 300.0
TARGET_20000_SECONDS = 5.0
SPEEDUP_OVER_DIFFLIB_AT_1000 = 100.0
# "Near-linear": the log-log slope of time against size from 5,000 to 20,000 sentences.
# n log n gives about 1.1 there; a dense n x m pass gives 2.
NEAR_LINEAR_SLOPE = 1.25


def format_seconds(seconds: float) -> str:
    """``0.00042`` -> ``'0.42 ms'``, ``0.132`` -> ``'132 ms'``, ``5.74`` -> ``'5.74 s'``."""
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 100:
        return f"{seconds:.2f} s"
    return f"{seconds:,.0f} s"


def cell(measurement: Measurement) -> str:
    if measurement.status == "ok" and measurement.median_seconds is not None:
        sampled = SAMPLED_MARK if measurement.row_step > 1 else ""
        cpu = ""
        if measurement.median_cpu_seconds is not None:
            cpu = f" (CPU {format_seconds(measurement.median_cpu_seconds)})"
        return (
            f"{format_seconds(measurement.median_seconds)}{sampled}{cpu} · {measurement.peak_rss_mb:.0f} MB"
        )
    if measurement.status in ("capped", "too-slow"):
        why = "cap" if measurement.status == "capped" else "over the time limit"
        if measurement.projected_seconds is None:
            return f"n/a ({why})"
        return f"n/a ({why}: would take ~{format_seconds(measurement.projected_seconds)})"
    if measurement.status == "timeout":
        return f"n/a ({measurement.note})"
    return f"error: {measurement.note[:60]}"


def progress_line(measurement: Measurement) -> str:
    runs = f"{measurement.runs} runs" if measurement.runs else measurement.note
    return f"{measurement.method:16} {measurement.input:22} {cell(measurement):40} {runs}"


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _grid(measurements: list[Measurement], family: str, value: Any) -> str | None:
    """Methods down, inputs of one family across."""
    chosen = [m for m in measurements if m.family == family]
    if not chosen:
        return None
    columns = list(dict.fromkeys(m.input for m in chosen))
    by_key = {(m.method, m.input): m for m in chosen}
    methods = list(dict.fromkeys(m.method for m in chosen))
    header = ["method", *(_column_title(family, name, by_key) for name in columns)]
    rows = []
    for method in methods:
        cells = [value(by_key[method, name]) if (method, name) in by_key else "" for name in columns]
        if any(cells):
            rows.append([METHODS[method].label, *cells])
    return _table(header, rows) if rows else None


def _column_title(family: str, name: str, by_key: dict[tuple[str, str], Measurement]) -> str:
    if family == "seed":
        base, _, other = name.removeprefix("seed-").partition("-vs-")
        sentences = next(m.sentences for (_, input_name), m in by_key.items() if input_name == name)
        return f"{base} vs {other} ({sentences[0]} vs {sentences[1]} sent.)"
    return f"{int(name.rsplit('-', 1)[1]):,}"


def _links_cell(measurement: Measurement) -> str:
    if measurement.link_precision is None or measurement.link_recall is None:
        return ""
    return f"P {measurement.link_precision:.3f} / R {measurement.link_recall:.3f}"


def markdown(measurements: list[Measurement], meta: dict[str, Any], sizes: list[int]) -> str:
    modified = " (engine files modified in the work tree)" if meta["engine_files_modified"] else ""
    parts = [
        f"Command: `{meta['command']}`  ",
        f"Commit {meta['commit']}{modified}, Python {meta['python']}, {meta['machine']}, "
        f"rapidfuzz {meta['rapidfuzz']}, {meta['date']}; load average {meta['load_average_at_start']} "
        f"at the start, {meta['load_average_at_end']} at the end (the benchmark itself counts for about 1).",
        "Cells: median wall time over repeated runs (median CPU time) · peak RSS of the measuring "
        "process (interpreter, imports, input and work). Targets are judged on wall time.",
    ]
    for family, title in FAMILY_TITLES.items():
        table = _grid(measurements, family, cell)
        if table:
            parts += [f"\n#### {title}\n", table]
    sampled = sorted({(m.input, m.row_step) for m in measurements if m.row_step > 1})
    if sampled:
        steps = ", ".join(f"{name}: 1 in {step}" for name, step in sampled)
        parts.append(
            f"\n{SAMPLED_MARK} Timed on every k-th base sentence against the whole other side, "
            f"times scaled by k (all-pairs cost is linear in the base rows; peak memory is the "
            f"sample's): {steps}."
        )
    for family in ("edited", "near-identical"):
        table = _grid(measurements, family, _links_cell)
        if table:
            parts += [
                f"\n#### Sentence links against the truth ({family} pairs): precision / recall\n",
                table,
            ]
    parts += ["\n#### Targets (issue 5)\n", _table(["target", "measured", "met"], _target_rows(measurements))]
    return "\n".join(parts)


# --- targets -------------------------------------------------------------------------


def _find(measurements: list[Measurement], method: str, input_name: str) -> Measurement | None:
    return next((m for m in measurements if m.method == method and m.input == input_name), None)


def _check(target: str, measured: str | None, met: bool | None, note: str = "") -> dict[str, Any]:
    return {"target": target, "measured": measured or "not measured", "met": met, "note": note}


def _time_check(
    target: str, measurement: Measurement | None, limit: float, label: str = ""
) -> dict[str, Any]:
    """Wall time against the limit; CPU time shown beside it, and named when only it meets."""
    if measurement is None or measurement.median_seconds is None:
        return _check(target, None, None)
    wall, cpu = measurement.median_seconds, measurement.median_cpu_seconds
    shown = f"{label}{format_seconds(wall)}" + (f" (CPU {format_seconds(cpu)})" if cpu is not None else "")
    only_cpu_meets = wall > limit and cpu is not None and cpu <= limit
    note = "CPU time meets it: the wall time includes waiting for a busy machine's cores"
    return _check(target, shown, wall <= limit, note if only_cpu_meets else "")


def target_checks(measurements: list[Measurement]) -> list[dict[str, Any]]:
    """Each target of issue 5 with what was measured and whether it is met (None: not measured)."""
    seeds = [m for m in measurements if m.method == "wirediff" and m.family == "seed" and m.median_seconds]
    slowest_seed = max(seeds, key=lambda m: m.median_seconds or 0.0, default=None)
    at_1000 = _find(measurements, "wirediff", "edited-1000")
    at_5000 = _find(measurements, "wirediff", "edited-5000")
    at_20000 = _find(measurements, "wirediff", "edited-20000")
    difflib_at_1000 = _find(measurements, "difflib-pairs", "edited-1000")

    checks = [
        _time_check(
            f"seed pair, raw text: median <= {format_seconds(SEED_TARGET_SECONDS)}",
            slowest_seed,
            SEED_TARGET_SECONDS,
            f"slowest, {slowest_seed.input}: " if slowest_seed else "",
        ),
        _time_check("5,000 x 5,000: <= 1 s", at_5000, TARGET_5000_SECONDS),
    ]
    peak = at_5000.peak_rss_mb if at_5000 else None
    checks.append(
        _check(
            "5,000 x 5,000: <= 300 MB peak",
            f"{peak:.0f} MB (whole process)" if peak is not None else None,
            None if peak is None else peak <= TARGET_5000_MB,
        )
    )
    checks.append(_time_check("20,000 x 20,000: <= 5 s", at_20000, TARGET_20000_SECONDS))

    slope_target = f"near-linear growth: log-log slope from 5,000 to 20,000 <= {NEAR_LINEAR_SLOPE}"
    if at_5000 and at_20000 and at_5000.median_cpu_seconds and at_20000.median_cpu_seconds:
        # CPU time: the slope of the work, not of the machine's load during each run.
        slope = math.log(at_20000.median_cpu_seconds / at_5000.median_cpu_seconds) / math.log(4)
        checks.append(_check(slope_target, f"{slope:.2f} (CPU time)", slope <= NEAR_LINEAR_SLOPE))
    else:
        checks.append(_check(slope_target, None, None))

    speedup_target = f">= {SPEEDUP_OVER_DIFFLIB_AT_1000:.0f} x faster than difflib on every pair at 1,000"
    ours = at_1000.median_seconds if at_1000 else None
    theirs = difflib_at_1000.median_seconds if difflib_at_1000 else None
    if ours and theirs:
        speedup = theirs / ours
        shown = f"{speedup:,.0f} x ({format_seconds(theirs)} / {format_seconds(ours)})"
        checks.append(_check(speedup_target, shown, speedup >= SPEEDUP_OVER_DIFFLIB_AT_1000))
    else:
        checks.append(_check(speedup_target, None, None))
    return checks


def _target_rows(measurements: list[Measurement]) -> list[list[str]]:
    verdict = {True: "met", False: "**not met**", None: "not measured"}
    rows = []
    for check in target_checks(measurements):
        shown = verdict[check["met"]] + (f" ({check['note']})" if check["note"] else "")
        rows.append([check["target"], check["measured"], shown])
    return rows


# --- the plot ------------------------------------------------------------------------


def plot(measurements: list[Measurement], path: Path, meta: dict[str, Any]) -> None:
    """Log-log: median seconds against sentences per side, one line per method."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(11, 5.5), dpi=110)
    # a colour for each method, from matplotlib's ten-colour cycle
    colours = {method: f"C{k % 10}" for k, method in enumerate(METHODS)}
    for method in METHODS:
        for family, style in (("edited", "-"), ("identical", "--"), ("near-identical", ":")):
            if family != "edited" and method != "wirediff":
                continue
            points = sorted(
                (m.size, m.median_seconds)
                for m in measurements
                if m.method == method and m.family == family and m.median_seconds
            )
            if not points:
                continue
            label = METHODS[method].label.replace("`", "")
            if family != "edited":
                label += f", {family} sentences"
            axes.plot(*zip(*points, strict=True), style, marker="o", color=colours[method], label=label)
            projected = sorted(
                (m.size, m.projected_seconds)
                for m in measurements
                if m.method == method
                and m.family == family
                and m.median_seconds is None
                and m.projected_seconds
            )
            if projected and family == "edited":
                axes.plot(
                    *zip(points[-1], *projected, strict=True),
                    ":",
                    marker="o",
                    markerfacecolor="none",
                    color=colours[method],
                    label=f"{label}: extrapolated, not run",
                )
    axes.plot([5_000, 20_000], [TARGET_5000_SECONDS, TARGET_20000_SECONDS], "x", color="black", markersize=10)
    axes.plot([], [], "x", color="black", label="issue 5 targets (5,000: 1 s; 20,000: 5 s)")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("sentences per side (edited pairs of real sentences)")
    axes.set_ylabel("median seconds per comparison")
    axes.set_title(f"wirediff and baselines, commit {meta['commit']}, {meta['machine']}", fontsize=10)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
