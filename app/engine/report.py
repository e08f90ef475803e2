"""The result of a comparison: plain dataclasses, the summary and the verdict.

Every field here is part of the public contract: the HTTP API serialises a
:class:`Comparison` to JSON field by field (``dataclasses.asdict`` or orjson),
so renaming a field is a breaking change.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, Literal

from app.engine import thresholds

Role = Literal["title", "body", "boilerplate"]
SentenceOp = Literal["kept", "reworded", "dropped", "added"]
ChangeOp = Literal["replace", "insert", "delete", "glue"]
#: verbatim; shortened (a part of it quoted word for word, or parts around an ellipsis); altered
#: (words changed inside quotation marks); reattributed (its words kept, given to another speaker);
#: paraphrased (its words outside quotation marks: indirect speech); missing; new (other's own)
QuoteStatus = Literal["verbatim", "shortened", "altered", "reattributed", "paraphrased", "missing", "new"]
#: Base quotations the outlet quotes word for word, whole or in part (a CI rule's "intact").
QUOTED_AS_SAID: frozenset[QuoteStatus] = frozenset({"verbatim", "shortened"})
#: Base quotations the outlet quotes otherwise: words changed, or given to another speaker.
QUOTES_ALTERED: frozenset[QuoteStatus] = frozenset({"altered", "reattributed"})
#: Base quotations the outlet no longer quotes: left out, or put in indirect speech.
NOT_QUOTED: frozenset[QuoteStatus] = frozenset({"missing", "paraphrased"})
#: Base quotations not carried as they were, listed for an editor.
QUOTES_CHANGED: frozenset[QuoteStatus] = frozenset(
    {"shortened", "altered", "reattributed", "paraphrased", "missing"}
)
NumberStatus = Literal["changed", "missing", "new"]
Verdict = Literal["copy", "derived", "related", "unrelated"]
JudgementRule = Literal["rewrite", "unlinked"]
#: The verdicts of a version that takes from the base: what it changed (findings, the renderings'
#: checks, a credit dropped) is said of these only. Another report of the event quotes other
#: people, states its own figures and credits whom it likes.
DERIVES: frozenset[Verdict] = frozenset({"copy", "derived"})
Tone = Literal["neutral", "loaded", "hedge", "none"]
Severity = Literal["high", "medium", "low"]
#: In the order findings of one severity are listed (:data:`app.engine.findings.KIND_ORDER`): a
#: credit, a quotation's words, a figure changed, before a quotation the source never had.
FindingKind = Literal[
    "credit_dropped",
    "credit_replaced",
    "credit_added",
    "quote_altered",
    "quote_reattributed",
    "quote_paraphrased",
    "quote_missing",
    "quote_shortened",
    "figure_changed",
    "date_changed",
    "quote_invented",
    "figure_missing",
    "figure_added",
    "figure_rounded",
    "claim_reversed",
    "negation_changed",
    "headline_rewritten",
    "reporting_verb",
    "source_dropped",
    "caveat_dropped",
    "response_dropped",
    "quote_marks_added",
    "substitution",
    "lede_dropped",
    "lede_moved",
]

__all__ = [
    "DERIVES",
    "NOT_QUOTED",
    "QUOTED_AS_SAID",
    "QUOTES_ALTERED",
    "QUOTES_CHANGED",
    "Attribution",
    "Change",
    "Comparison",
    "Document",
    "Evidence",
    "Finding",
    "Fragment",
    "Group",
    "Judgement",
    "JudgementRule",
    "NumberChange",
    "Quote",
    "ReportingVerbChange",
    "Sentence",
    "Substitution",
    "Summary",
    "bigrams_from_base",
    "strongly_linked",
    "summarise",
]


@dataclass(slots=True)
class Sentence:
    """One unit of a document; ``text == original[start:end]`` for raw input."""

    index: int
    text: str
    start: int | None
    end: int | None
    role: Role


@dataclass(slots=True)
class Document:
    title: str | None
    sentences: list[Sentence]

    def text_of(self, indices: Iterable[int]) -> str:
        """The text of the sentences at ``indices`` (a group's side), joined by spaces."""
        return " ".join(self.sentences[i].text for i in indices)

    def holding(self, indices: list[int], words: str) -> int | None:
        """The sentence among ``indices`` (a group's side) that holds ``words`` (the first when
        none does, None when there are none): where a finding about a change points."""
        if not indices:
            return None
        return next((i for i in indices if words and words in self.sentences[i].text), indices[0])


@dataclass(slots=True)
class Change:
    """A word-level edit inside a reworded group (or an altered quote)."""

    op: ChangeOp
    base: str
    other: str


@dataclass(slots=True)
class Group:
    """Sentences that correspond: base indices, other indices (either may be empty).

    ``same_meaning``, for reworded groups only (null otherwise, for a group of more than 400
    words a side, longer than any sentence the model learned from, and between versions in two
    languages): the probability, 0 to 1,
    that the other side still says what the base side said, from a model fitted on human
    paraphrase judgements of news sentences (MSRP). Under 0.5 the rewording likely changed
    what the sentence says, most often by a clause added or cut. Those annotators let small
    differences pass (a figure rounded, a detail left out), so a high value is no promise
    that nothing changed: changed figures, quotations and negations are reported on their own."""

    op: SentenceOp
    base: list[int]
    other: list[int]
    similarity: float | None
    moved: bool = False
    changes: list[Change] = field(default_factory=list)
    #: see the class docstring (``meaning.py``; kept at or above ``thresholds.SAME_MEANING``)
    same_meaning: float | None = None
    #: defaults are always serialised: the JSON schema marks these fields required
    __pydantic_config__: ClassVar[dict[str, bool]] = {"json_schema_serialization_defaults_required": True}


@dataclass(slots=True)
class Quote:
    text: str
    base_sentence: int | None
    status: QuoteStatus
    other_sentence: int | None
    other_text: str | None
    changes: list[Change] = field(default_factory=list)
    __pydantic_config__: ClassVar[dict[str, bool]] = {"json_schema_serialization_defaults_required": True}


@dataclass(slots=True)
class NumberChange:
    base: str | None
    other: str | None
    base_sentence: int | None
    other_sentence: int | None
    status: NumberStatus


@dataclass(slots=True)
class Substitution:
    base: str
    other: str
    count: int


@dataclass(slots=True)
class ReportingVerbChange:
    """A reporting verb or hedge changed between matched sentences, ``count`` times:
    "said" (neutral) -> "claimed" (loaded); an added hedge has ``base == ""``."""

    base: str
    other: str
    count: int
    base_tone: Tone
    other_tone: Tone


@dataclass(slots=True)
class Finding:
    """One thing an editor should look at, most important first in ``Comparison.findings``."""

    kind: FindingKind
    severity: Severity
    message: str
    base_sentence: int | None
    other_sentence: int | None

    @classmethod
    def of_change(
        cls,
        kind: FindingKind,
        severity: Severity,
        message: str,
        sides: tuple[Document, Document, Group],
        words: tuple[str, str],
    ) -> Finding:
        """A finding about a change in a group (``sides``: base, other and the group), pointing at
        the sentence of each side that holds its ``words`` (base's, other's)."""
        base, other, group = sides
        return cls(
            kind, severity, message, base.holding(group.base, words[0]), other.holding(group.other, words[1])
        )


@dataclass(slots=True)
class Attribution:
    base_credits: list[str]
    other_credits: list[str]
    credit_dropped: bool
    #: the agencies the other's datelines and bylines credit in place of the base's (then
    #: ``credit_dropped`` too)
    credited_instead: list[str] = field(default_factory=list)
    #: the agencies the other's datelines and bylines credit where the base credits none: the
    #: text given to an agency that never wrote it ("BAGHDAD (Reuters) -" above an outlet's own)
    credit_added: list[str] = field(default_factory=list)
    #: defaults are always serialised: the JSON schema marks these fields required
    __pydantic_config__: ClassVar[dict[str, bool]] = {"json_schema_serialization_defaults_required": True}


@dataclass(slots=True)
class Summary:
    kept: int
    reworded: int
    dropped: int
    added: int
    moved: int
    base_retained: float
    other_from_base: float


@dataclass(slots=True)
class Fragment:
    """A run of words shared by one base sentence and one other sentence.

    ``base_start``/``base_end`` are character offsets into the base sentence's
    ``text`` and ``other_start``/``other_end`` into the other sentence's ``text``
    (so they are defined for pre-split input too; for raw input add the sentence's
    ``start`` to get offsets into the whole text). ``words`` counts the run's words;
    ``text`` is the base side's characters.
    """

    base_sentence: int
    other_sentence: int
    base_start: int
    base_end: int
    other_start: int
    other_end: int
    words: int
    text: str


@dataclass(slots=True)
class Evidence:
    """One input of the verdict model: its value and how far it pushed the verdict
    given (log-odds of that verdict against the mean of the others)."""

    feature: str
    value: float
    contribution: float


@dataclass(slots=True)
class Judgement:
    """Why the verdict: each verdict's probability, the evidence that weighed most,
    and the version of the fitted model that weighed it.

    When nothing links the texts (no aligned sentence, no fragment of 8 words or
    more) the verdict is ``unrelated`` by rule: probability 1 and no evidence.
    """

    probabilities: dict[str, float]
    evidence: list[Evidence]
    model_version: str
    #: the rule that set the verdict over the model's most likely class, when one did: "rewrite"
    #: (a good part of the base carried, several sentences clearly reused: at least derived) or
    #: "unlinked" (nothing links the texts: unrelated)
    rule: JudgementRule | None = None


@dataclass(slots=True)
class Comparison:
    engine_version: str
    verdict: Verdict
    judgement: Judgement
    summary: Summary
    #: what was taken and what was changed, in one line: "copy, altered: 1 figure, credit dropped"
    headline: str
    #: what an editor should check, ranked: credit, quotations, figures, framing, lede
    findings: list[Finding]
    base: Document
    other: Document
    alignment: list[Group]
    fragments: list[Fragment]
    quotes: list[Quote]
    numbers: list[NumberChange]
    substitutions: list[Substitution]
    reporting_verbs: list[ReportingVerbChange]
    attribution: Attribution

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, exactly the documented schema."""
        return asdict(self)


def _body_chars(document: Document) -> dict[int, int]:
    return {s.index: len(s.text) for s in document.sentences if s.role == "body"}


def summarise(alignment: list[Group], base: Document, other: Document) -> Summary:
    """Counts per op, moves, and the shares of body text carried across.

    ``base_retained``: share of base body characters in kept or reworded groups;
    ``other_from_base``: share of other body characters in kept or reworded groups.
    Titles are counted in the op counts but not in the shares (they are not body).
    """
    counts = {"kept": 0, "reworded": 0, "dropped": 0, "added": 0}
    moved = 0
    base_chars = _body_chars(base)
    other_chars = _body_chars(other)
    base_matched = other_matched = 0
    for group in alignment:
        counts[group.op] += 1
        moved += group.moved
        if group.op in ("kept", "reworded"):
            base_matched += sum(base_chars.get(i, 0) for i in group.base)
            other_matched += sum(other_chars.get(j, 0) for j in group.other)
    base_total = sum(base_chars.values())
    other_total = sum(other_chars.values())
    return Summary(
        kept=counts["kept"],
        reworded=counts["reworded"],
        dropped=counts["dropped"],
        added=counts["added"],
        moved=moved,
        base_retained=round(base_matched / base_total, 4) if base_total else 0.0,
        other_from_base=round(other_matched / other_total, 4) if other_total else 0.0,
    )


class _NotWordChars(dict[int, int]):
    """A :meth:`str.translate` table turning every character that is not a letter or a digit
    into a space, filled as characters are met. ``str.isalnum`` is exactly the regular
    expression class ``[^\\W_]``: a text's words are its alphanumeric runs."""

    def __missing__(self, code: int) -> int:
        mapped = code if chr(code).isalnum() else 32
        if code < 0x10000:  # the basic plane is kept (at most 65,536 entries); rarer characters are not
            self[code] = mapped
        return mapped


_NOT_WORD_CHARS = _NotWordChars((code, code if chr(code).isalnum() else 32) for code in range(128))


def _words(text: str) -> list[str]:
    """The words whose consecutive pairs are a text's bigrams: its lowercased runs of letters
    and digits (as ``re.findall(r"[^\\W_]+", text.lower())``, faster)."""
    return text.lower().translate(_NOT_WORD_CHARS).split()


def bigrams_from_base(base: Document, other: Document) -> float:
    """Share of other's body word bigrams that occur anywhere in base's body."""
    base_texts = list({s.text: None for s in base.sentences if s.role == "body"})
    base_words = list(map(_words, base_texts))
    # pairs built and looked up by map and chain, not a Python loop per sentence
    base_pairs = set(itertools.chain.from_iterable(map(itertools.pairwise, base_words)))
    words_in = dict(zip(base_texts, map(len, base_words), strict=True))
    total = found = 0
    new_texts = []
    for sentence in other.sentences:
        if sentence.role != "body":
            continue
        count = words_in.get(sentence.text)
        if count is None:
            new_texts.append(sentence.text)
        elif count > 1:  # a base sentence word for word: every pair is found
            total += count - 1
            found += count - 1
    new_words = list(map(_words, new_texts))
    total += sum(len(words) - 1 for words in new_words if words)
    new_pairs = itertools.chain.from_iterable(map(itertools.pairwise, new_words))
    found += sum(map(base_pairs.__contains__, new_pairs))
    return found / total if total else 0.0


def strongly_linked(alignment: list[Group], other: Document) -> float:
    """Share of other body characters in groups at least as similar as an anchor."""
    other_chars = _body_chars(other)
    total = sum(other_chars.values())
    strong = sum(
        other_chars.get(j, 0)
        for g in alignment
        if g.op in ("kept", "reworded") and (g.similarity or 0.0) >= thresholds.ANCHOR_SCORE
        for j in g.other
    )
    return strong / total if total else 0.0
