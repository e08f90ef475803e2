"""A raw text's preparation stored beside it and read back: the same document as preparing the text
again, or nothing when what is stored cannot be trusted (another engine version, another text)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine import ENGINE_VERSION, Preparation, preparation_of, prepare, restore_preparation
from app.engine.compare import PREPARED_BY
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
            "unicode": unicodedata.unidata_version,
            "language_model": PREPARED_BY["language_model"],
            "sentences": [
                [0, 36, "title"],
                [37, 51, "boilerplate"],  # the breadcrumb
                [52, 63, "boilerplate"],
                [64, 82, "boilerplate"],  # the dateline
                [83, 135, "body"],
                [136, 167, "body"],
                [168, 250, "body"],  # prose in another language is content
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


TEXT = "Rebels fired on Friday.  Then it rained."
GOOD: Preparation = {
    **PREPARED_BY,
    "sentences": [[0, 23, "body"], [25, 40, "body"]],
    "credits": [],
    "language": "en",
}


class TestNothingToRestore:
    """What cannot be trusted is not read: the database may hold anything."""

    def test_the_good_one_reads_back(self) -> None:
        assert restore_preparation(TEXT, GOOD) == prepare(TEXT)

    @pytest.mark.parametrize(
        "changes",
        [
            {"engine": "0.9.0"},
            {"engine": None},
            {"unicode": "9.0.0"},
            {"language_model": "py3langid 0.0.1"},
            {"sentences": [[0, 99, "body"]]},
            {"sentences": [[5, 5, "body"]]},
            {"sentences": [[-1, 23, "body"]]},
            {"sentences": [[25, 40, "body"], [0, 23, "body"]]},
            {"sentences": [[0, 23, "body"], [20, 40, "body"]]},
            {"sentences": [[0, 24, "body"]]},
            {"sentences": [[0, 23, "caption"]]},
            {"sentences": [[0, 23, ["body"]]]},
            {"sentences": ["Rebels fired."]},
            {"sentences": [[0, 23]]},
            {"sentences": [[0.0, 23, "body"]]},
            {"sentences": [[0, 1e400, "body"]]},
            {"sentences": [[False, True, "body"]]},
            {"sentences": "0 23 body"},
            {"credits": "Reuters"},
            {"credits": [None, 3]},
            {"language": 7},
        ],
        ids=[
            "another engine version",
            "no engine version",
            "other Unicode tables",
            "another language model",
            "past the end of the text",
            "an empty span",
            "a negative offset",
            "out of order",
            "overlapping",
            "ending in a space",
            "an unknown role",
            "a role that is a list",
            "sentences as strings",
            "a span of two",
            "a float offset",
            "an infinite offset",
            "offsets that are booleans",
            "sentences as a string",
            "credits as a string",
            "credits that are not names",
            "a language that is not a name",
        ],
    )
    def test_is_none(self, changes: dict[str, object]) -> None:
        assert restore_preparation(TEXT, {**GOOD, **changes}) is None

    @pytest.mark.parametrize(
        "stored", [None, {}, [], "1.1.2", 7], ids=["none", "empty", "a list", "a string", "a number"]
    )
    def test_is_none_for_what_is_no_preparation(self, stored: object) -> None:
        assert restore_preparation(TEXT, stored) is None

    def test_a_pre_split_document_has_no_offsets_to_store(self) -> None:
        with pytest.raises(ValueError, match="only a raw text's preparation can be stored"):
            preparation_of(prepare(["Rebels fired.", "Then it rained."]))
