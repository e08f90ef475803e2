"""Every test: TestClient sends ``Host: testserver``, a host the server answers to only here; the
shell's WIREDIFF_SEMANTIC_MEANING is not read. ``extra_missing``: the semantic extra as on a
machine without it."""

from __future__ import annotations

import os

import pytest

from app.engine import sentence_model

os.environ.setdefault("WIREDIFF_TRUSTED_HOSTS", "localhost,127.0.0.1,::1,testserver")
# the tests that judge with the sentence model say so; a shell's setting must not turn it on for all
os.environ.pop("WIREDIFF_SEMANTIC_MEANING", None)


@pytest.fixture
def extra_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The semantic extra as on a machine installed without it: one of its packages absent, and
    no model loaded by an earlier test."""
    monkeypatch.setattr(sentence_model, "_PACKAGES", (*sentence_model._PACKAGES, "wirediff_no_such_package"))
    monkeypatch.setattr(sentence_model, "_model", None)
