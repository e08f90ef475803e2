"""What the dashboard's templates show, computed from the engine's result: plain data, no HTML.

The comparison view has one row per alignment group, base and other side by side, with
the sentences the engine left out of the alignment (boilerplate) folded between them;
inside reworded sentences the words that changed are marked.

>>> a, b = mark_words("Rebels fired on Friday.", "Militants fired on Friday.")
>>> [(s.text, s.mark) for s in a], [(s.text, s.mark) for s in b]
([('Rebels', 'del'), (' fired on Friday.', '')], [('Militants', 'ins'), (' fired on Friday.', '')])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.engine import (
    Comparison,
    Document,
    Group,
    Sentence,
    describe_meaning,
    diff_tokens,
    token_spans,
    tokenize,
)

__all__ = [
    "OPS",
    "VERDICTS",
    "Cell",
    "Row",
    "Segment",
    "comparison_rows",
    "mark_words",
    "paragraphs",
]

Mark = Literal["", "del", "ins", "glue"]
RowOp = Literal["kept", "reworded", "dropped", "added", "boilerplate"]

#: The legend, in reading order: what each colour means.
OPS: dict[str, str] = {
    "kept": "in both, word for word (words run together by a lost line break count as kept)",
    "reworded": "in both, with words changed",
    "dropped": "in the base only",
    "added": "in the other version only",
    "moved": "in both, in another place",
    "boilerplate": "datelines, credits, navigation: not compared",
}

#: What each verdict means, as the engine decides it (app/engine/verdict.py, a fitted model).
VERDICTS: dict[str, str] = {
    "copy": "Nearly all of the other version comes from the base, mostly in its own words.",
    "derived": "A fair share of the other version's words come from the base, or it retells much of it.",
    "related": "Some sentences correspond, but the other version is mostly its own.",
    "unrelated": "No sentence of one corresponds to a sentence of the other.",
}


@dataclass(slots=True, frozen=True)
class Segment:
    """A run of a sentence's text: unchanged (``""``), deleted, inserted, or glue (words run together)."""

    text: str
    mark: Mark = ""


@dataclass(slots=True)
class Cell:
    """One side of a row: which sentences, and their text as segments."""

    indices: list[int]
    segments: list[Segment]
    role: str = "body"


@dataclass(slots=True)
class Row:
    op: RowOp
    base: Cell | None
    other: Cell | None
    moved: bool = False
    #: the non-glue word changes, as the engine described them, for screen readers and the text form
    changes: list[str] = field(default_factory=list)
    glued: int = 0
    #: a reworded row whose meaning likely changed, in words (``describe_meaning``)
    meaning: str | None = None

    @property
    def changed(self) -> bool:
        """A stop of "Next change": every row but kept and boilerplate ones, and a kept sentence
        that moved (the legend counts a move as a change, and "Only changes" keeps it)."""
        return self.op not in ("kept", "boilerplate") or self.moved

    @property
    def anchor(self) -> str:
        """A stable id for linking: the first base sentence, else the first other sentence."""
        if self.base and self.base.indices:
            return f"b{self.base.indices[0]}"
        assert self.other is not None
        return f"o{self.other.indices[0]}"


# --- word marks ---------------------------------------------------------------------------


def _segments(text: str, spans: list[tuple[int, int]], marks: list[Mark]) -> list[Segment]:
    """The text cut at marked token runs; neighbouring tokens with the same mark form one run."""
    segments: list[Segment] = []
    position = k = 0
    while k < len(marks):
        mark = marks[k]
        if not mark:
            k += 1
            continue
        last = k
        while last + 1 < len(marks) and marks[last + 1] == mark:
            last += 1
        start, end = spans[k][0], spans[last][1]
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], mark))
        position, k = end, last + 1
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def mark_words(base: str, other: str) -> tuple[list[Segment], list[Segment]]:
    """Both texts as segments, the words the engine's word diff changed marked on each side."""
    base_tokens, other_tokens = tokenize(base), tokenize(other)
    base_marks: list[Mark] = [""] * len(base_tokens)
    other_marks: list[Mark] = [""] * len(other_tokens)
    base_at = {id(token): k for k, token in enumerate(base_tokens)}
    other_at = {id(token): k for k, token in enumerate(other_tokens)}
    for edit in diff_tokens(base_tokens, other_tokens):
        glue = edit.op == "glue"
        for token in edit.base:
            base_marks[base_at[id(token)]] = "glue" if glue else "del"
        for token in edit.other:
            other_marks[other_at[id(token)]] = "glue" if glue else "ins"
    return (
        _segments(base, token_spans(base), base_marks),
        _segments(other, token_spans(other), other_marks),
    )


# --- rows ---------------------------------------------------------------------------------------


# A sentence's index is its position in its document's list (the engine numbers them so).


def _role(document: Document, indices: list[int]) -> str:
    return "title" if any(document.sentences[i].role == "title" for i in indices) else "body"


def _describe(group: Group) -> list[str]:
    described = []
    for change in group.changes:
        if change.op == "insert":
            described.append(f"inserted “{change.other}”")
        elif change.op == "delete":
            described.append(f"deleted “{change.base}”")
        elif change.op == "replace":
            described.append(f"“{change.base}” replaced by “{change.other}”")
    return described


def _group_row(group: Group, result: Comparison) -> Row:
    base_text = result.base.text_of(group.base)
    other_text = result.other.text_of(group.other)
    if group.base and group.other:
        base_segments, other_segments = mark_words(base_text, other_text)
    else:
        base_segments, other_segments = [Segment(base_text)], [Segment(other_text)]
    return Row(
        op=group.op,
        base=Cell(group.base, base_segments, _role(result.base, group.base)) if group.base else None,
        other=Cell(group.other, other_segments, _role(result.other, group.other)) if group.other else None,
        moved=group.moved,
        changes=_describe(group),
        glued=sum(1 for change in group.changes if change.op == "glue"),
        meaning=describe_meaning(group),
    )


def _folded(base: list[Sentence], other: list[Sentence]) -> Row:
    def cell(sentences: list[Sentence]) -> Cell | None:
        if not sentences:
            return None
        text = " ".join(s.text for s in sentences)
        return Cell([s.index for s in sentences], [Segment(text)], "boilerplate")

    return Row(op="boilerplate", base=cell(base), other=cell(other))


def comparison_rows(result: Comparison) -> list[Row]:
    """One row per alignment group, in the engine's reading order, with the sentences outside
    the alignment folded into boilerplate rows where they stand."""
    in_base = {i for group in result.alignment for i in group.base}
    in_other = {j for group in result.alignment for j in group.other}
    left = [s for s in result.base.sentences if s.index not in in_base]
    right = [s for s in result.other.sentences if s.index not in in_other]
    rows: list[Row] = []
    for group in result.alignment:
        base_before = [s for s in left if group.base and s.index < min(group.base)]
        other_before = [s for s in right if group.other and s.index < min(group.other)]
        if base_before or other_before:
            rows.append(_folded(base_before, other_before))
            left = left[len(base_before) :]
            right = right[len(other_before) :]
        rows.append(_group_row(group, result))
    if left or right:
        rows.append(_folded(left, right))
    return rows


def paragraphs(text: str) -> list[str]:
    """An article's text as paragraphs (blank-line separated), for the article page.

    >>> paragraphs("Title\\n\\nFirst.\\nStill first.\\n\\n\\nSecond.")
    ['Title', 'First.\\nStill first.', 'Second.']
    """
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]
