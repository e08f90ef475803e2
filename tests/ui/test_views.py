"""app.ui.views: the comparison view's rows and word marks, from the engine's result."""

from __future__ import annotations

from app.engine import compare
from app.ui.views import Segment, comparison_rows, mark_words, paragraphs
from tests.moved_story import FLOODS, FLOODS_MOVED


class TestMarkWords:
    def test_a_replaced_word_is_deleted_on_one_side_and_inserted_on_the_other(self) -> None:
        assert mark_words("stop the rebels now.", "stop the militants now.") == (
            [Segment("stop the "), Segment("rebels", "del"), Segment(" now.")],
            [Segment("stop the "), Segment("militants", "ins"), Segment(" now.")],
        )

    def test_neighbouring_changed_words_are_one_run_with_the_space_between(self) -> None:
        base, other = mark_words("Russia says end to fighting.", "Russia says halt the fighting.")
        assert [s for s in base if s.mark] == [Segment("end to", "del")]
        assert [s for s in other if s.mark] == [Segment("halt the", "ins")]

    def test_run_together_words_are_glue_not_changes(self) -> None:
        base, other = mark_words("needed a political solution", "needed apolitical solution")
        assert base == [Segment("needed "), Segment("a political", "glue"), Segment(" solution")]
        assert other == [Segment("needed "), Segment("apolitical", "glue"), Segment(" solution")]

    def test_punctuation_and_quotes_stay_unmarked_text(self) -> None:
        base, other = mark_words("“We need a ceasefire,” he said.", "“We need a truce,” he said.")
        assert "".join(s.text for s in base) == "“We need a ceasefire,” he said."
        assert [s for s in other if s.mark] == [Segment("truce", "ins")]

    def test_identical_texts_have_no_marks(self) -> None:
        assert mark_words("It rained.", "It rained.") == ([Segment("It rained.")], [Segment("It rained.")])


class TestComparisonRows:
    def test_one_row_per_group_in_order(self) -> None:
        result = compare(["Rebels fired.", "It rained."], ["Militants fired.", "It snowed heavily today."])
        rows = comparison_rows(result)
        assert [(row.op, row.anchor) for row in rows] == [
            (group.op, f"b{group.base[0]}" if group.base else f"o{group.other[0]}")
            for group in result.alignment
        ]

    def test_a_dropped_row_has_no_other_cell(self) -> None:
        rows = comparison_rows(
            compare(["It rained in Moscow.", "Then it stopped."], ["It rained in Moscow."])
        )
        assert [(row.op, row.base is not None, row.other is not None) for row in rows] == [
            ("kept", True, True),
            ("dropped", True, False),
        ]

    def test_boilerplate_is_folded_where_it_stands(self) -> None:
        base = "Rain in Moscow\n\nMOSCOW (Reuters): It rained in Moscow on Friday. Then it stopped."
        other = "Rain in Moscow\n\nIt rained in Moscow on Friday. Then it stopped."
        rows = comparison_rows(compare(base, other))
        assert [row.op for row in rows] == ["kept", "boilerplate", "kept", "kept"]
        folded = rows[1]
        assert folded.base is not None and folded.other is None
        assert (folded.base.indices, folded.base.segments) == ([1], [Segment("MOSCOW (Reuters):")])

    def test_glued_words_are_counted_on_a_kept_row(self) -> None:
        rows = comparison_rows(
            compare(["Syria needed a political solution."], ["Syria needed apolitical solution."])
        )
        assert [(row.op, row.glued, row.changes) for row in rows] == [("kept", 1, [])]

    def test_word_changes_are_described_for_screen_readers(self) -> None:
        rows = comparison_rows(compare(["Rebels fired on the town."], ["Militants fired on the town."]))
        assert rows[0].changes == ["“Rebels” replaced by “Militants”"]

    def test_a_kept_sentence_that_moved_is_a_change_and_the_others_are_not(self) -> None:
        rows = comparison_rows(compare(FLOODS, FLOODS_MOVED))
        assert [(row.anchor, row.op, row.moved, row.changed) for row in rows] == [
            ("b0", "kept", False, False),
            ("b1", "kept", False, False),
            ("b2", "kept", True, True),
            ("b3", "kept", False, False),
            ("b4", "kept", False, False),
        ]


class TestParagraphs:
    def test_blank_lines_separate_paragraphs(self) -> None:
        assert paragraphs("A.\r\n\r\nB.\nC.\n\n\n") == ["A.", "B.\nC."]
