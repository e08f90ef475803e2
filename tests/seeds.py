"""The seed articles in seeds/, for every suite."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_path(number: str) -> Path:
    """The file of seed ``number`` ("000" .. "004")."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def seed_text(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")
