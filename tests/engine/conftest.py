"""Seed texts and helpers to find sentences by their opening words."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from app.engine import Comparison, Document, Group, compare

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@cache
def seed_text(number: str) -> str:
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    name = next(d["file"] for d in manifest["documents"] if d["file"].startswith(number))
    return (SEEDS / name).read_text(encoding="utf-8")


@cache
def seed_comparison(base: str, other: str) -> Comparison:
    return compare(seed_text(base), seed_text(other))


def index_of(document: Document, opening: str) -> int:
    """The index of the one sentence of ``document`` that starts with ``opening``."""
    found = [s.index for s in document.sentences if s.text.startswith(opening)]
    assert len(found) == 1, f"{len(found)} sentences start with {opening!r}"
    return found[0]


def group_of_base(result: Comparison, index: int) -> Group:
    return next(g for g in result.alignment if index in g.base)


def group_of_other(result: Comparison, index: int) -> Group:
    return next(g for g in result.alignment if index in g.other)


@pytest.fixture(scope="session")
def reuters_vs_aggregator() -> Comparison:
    return seed_comparison("001", "000")


@pytest.fixture(scope="session")
def reuters_vs_baghdad_post() -> Comparison:
    return seed_comparison("001", "002")


@pytest.fixture(scope="session")
def reuters_vs_presstv() -> Comparison:
    return seed_comparison("001", "004")


@pytest.fixture(scope="session")
def reuters_vs_other_story() -> Comparison:
    return seed_comparison("001", "003")
