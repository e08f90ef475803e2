"""Properties of compare() on arbitrary input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine import compare

WORDS = st.sampled_from(
    "the Kremlin said on Friday rebels militants fired Turkey Idlib ceasefire 20,000 families "
    "\u201cWe need\u201d "
    "Reuters protest border. stop. Erdogan told Putin, however. \u2026 block Home \u203a".split()
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=14).map(lambda ws: " ".join(ws).strip() + ".")
RAW_TEXT = st.lists(st.one_of(SENTENCE, st.sampled_from(["\n", "\n\n", " "])), max_size=25).map("".join)
SENTENCES = st.lists(SENTENCE, max_size=15)
ANY_TEXT = st.text(max_size=400)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def linked_once(result) -> bool:  # type: ignore[no-untyped-def]
    for document, side in ((result.base, "base"), (result.other, "other")):
        expected = sorted(s.index for s in document.sentences if s.role != "boilerplate")
        seen = sorted(i for g in result.alignment for i in getattr(g, side))
        if seen != expected:
            return False
    return True


@FAST
@given(RAW_TEXT, RAW_TEXT)
def test_every_title_and_body_sentence_is_in_exactly_one_group(a: str, b: str) -> None:
    assert linked_once(compare(a, b))


@FAST
@given(SENTENCES, SENTENCES)
def test_pre_split_sentences_are_each_in_exactly_one_group(a: list[str], b: list[str]) -> None:
    result = compare(a, b)
    assert [s.index for s in result.base.sentences] == list(range(len(a)))
    assert linked_once(result)


@FAST
@given(st.one_of(RAW_TEXT, ANY_TEXT))
def test_offsets_slice_the_original_text(text: str) -> None:
    result = compare(text, "")
    assert all(text[s.start : s.end] == s.text for s in result.base.sentences)


@FAST
@given(st.one_of(RAW_TEXT, SENTENCES))
def test_a_text_against_itself_is_all_kept(text: str | list[str]) -> None:
    result = compare(text, text)
    assert all(g.op == "kept" and g.base == g.other and not g.moved for g in result.alignment)


@FAST
@given(SENTENCES, SENTENCES)
def test_dropped_one_way_is_added_the_other_way(a: list[str], b: list[str]) -> None:
    dropped = sorted(i for g in compare(a, b).alignment if g.op == "dropped" for i in g.base)
    added = sorted(j for g in compare(b, a).alignment if g.op == "added" for j in g.other)
    assert dropped == added


@FAST
@given(ANY_TEXT, ANY_TEXT)
def test_arbitrary_unicode_never_raises(a: str, b: str) -> None:
    result = compare(a, b)
    assert result.verdict in {"copy", "derived", "related", "unrelated"}
