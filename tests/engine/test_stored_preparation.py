"""A raw text's preparation stored beside it and read back: the same document as preparing the text
again, or nothing when what is stored cannot be trusted (another engine version, another text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine import ENGINE_VERSION, Preparation, preparation_of, prepare, restore_preparation
from tests.engine.test_properties import ANY_TEXT, RAW_TEXT
from tests.seeds import SEEDS

MESSY = (
    "Russia urged to halt Idlib offensive\n"
    "Home \u203a World \u203a Middle East\n"
    "ANKARA (Reuters) - Turkey asked Russia on Friday to stop the offensive.\n"
    "The talks ended without a deal.\n"
    "Die Gespr\u00e4che endeten ohne eine Einigung, sagte ein Sprecher am Freitag in Ankara.\n"
    "The talks ended without a deal.\n"
    "Share this article\n"
)


def _stored(text: str) -> Preparation:
    """The preparation as a JSON column gives it back."""
    stored: Preparation = json.loads(json.dumps(preparation_of(prepare(text))))
    return stored


class TestRoundTrip:
    @pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
    def test_each_seed_reads_back_as_preparing_it_again(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        restored = restore_preparation(text, _stored(text))
        assert restored == prepare(text)

    def test_title_boilerplate_credits_and_language_are_kept(self) -> None:
        stored = _stored(MESSY)
        assert stored == {
            "engine": ENGINE_VERSION,
            "sentences": [
                [0, 36, "title"],
                [37, 51, "boilerplate"],  # the breadcrumb
                [52, 63, "boilerplate"],
                [64, 82, "boilerplate"],  # the dateline
                [83, 135, "body"],
                [136, 167, "body"],
                [168, 250, "boilerplate"],  # another language
                [251, 282, "boilerplate"],  # a line again
                [283, 301, "boilerplate"],
            ],
            "credits": ["Reuters"],
            "language": "en",
        }
        restored = restore_preparation(MESSY, stored)
        assert restored is not None
        assert restored.document.title == "Russia urged to halt Idlib offensive"
        assert restored == prepare(MESSY)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(RAW_TEXT, ANY_TEXT))
    def test_any_text_reads_back_as_preparing_it_again(self, text: str) -> None:
        assert restore_preparation(text, _stored(text)) == prepare(text)


class TestNothingToRestore:
    TEXT = "Rebels fired on Friday.  Then it rained."

    @pytest.mark.parametrize(
        "stored",
        [
            None,
            {},
            {"engine": "0.9.0", "sentences": [[0, 23, "body"]], "credits": [], "language": None},
            {"sentences": [[0, 23, "body"]], "credits": [], "language": None},
            {"engine": ENGINE_VERSION, "sentences": [[0, 99, "body"]], "credits": [], "language": None},
            {"engine": ENGINE_VERSION, "sentences": [[5, 5, "body"]], "credits": [], "language": None},
            {"engine": ENGINE_VERSION, "sentences": [[-1, 23, "body"]], "credits": [], "language": None},
            {"engine": ENGINE_VERSION, "sentences": [[0, 23, "caption"]], "credits": [], "language": None},
            {"engine": ENGINE_VERSION, "sentences": ["Rebels fired."], "credits": [], "language": None},
            {"engine": ENGINE_VERSION, "sentences": [[0, 23, "body"]], "credits": [], "language": 7},
            {"engine": ENGINE_VERSION, "sentences": [[0, 23, "body"]], "language": None},
        ],
        ids=[
            "none",
            "empty",
            "another engine version",
            "no engine version",
            "past the end of the text",
            "an empty span",
            "a negative offset",
            "an unknown role",
            "sentences as strings",
            "a language that is not a name",
            "no credits",
        ],
    )
    def test_is_none(self, stored: dict[str, object] | None) -> None:
        assert restore_preparation(self.TEXT, stored) is None

    def test_a_pre_split_document_has_no_offsets_to_store(self) -> None:
        with pytest.raises(ValueError, match="only a raw text's preparation can be stored"):
            preparation_of(prepare(["Rebels fired.", "Then it rained."]))
