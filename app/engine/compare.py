"""The entry point: ``compare(base, other)`` -> :class:`Comparison`."""

from __future__ import annotations

import gc
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any, cast, get_args

from app.engine import sentence_model, thresholds
from app.engine.align import Link, align_units
from app.engine.budget import Budget, ComparisonTimeoutError, SentenceLimitError
from app.engine.findings import find_findings, headline
from app.engine.fragments import find_fragments
from app.engine.framing import check_framing
from app.engine.meaning import same_meaning
from app.engine.quantities import find_quantities
from app.engine.report import (
    Comparison,
    Document,
    Group,
    Role,
    Sentence,
    summarise,
)
from app.engine.similarity import Unit, make_unit, pair_score
from app.engine.specifics import (
    check_attribution,
    check_numbers,
    check_quotes,
    check_reporting_verbs,
    count_substitutions,
    reattributed,
)
from app.engine.text import (
    PreparedDocument,
    boilerplate_credits,
    byline_credits,
    find_credits,
    looks_english,
    own_bylines,
    prepare_sentences,
    prepare_text,
    squash,
)
from app.engine.verdict import (
    document_features,
    document_words,
    figures_against_reuse,
    is_linked,
    is_rewrite,
    judge,
)
from app.engine.words import (
    Edit,
    Token,
    TokenMatches,
    WordKeys,
    diff_tokens,
    is_unchanged,
    tokenize,
)

__all__ = [
    "ENGINE_VERSION",
    "PREPARED_BY",
    "CompareOptions",
    "ComparisonTimeoutError",
    "Preparation",
    "SentenceLimitError",
    "compare",
    "compare_prepared",
    "engine_version",
    "forget_read_sentences",
    "is_current_preparation",
    "preparation_of",
    "prepare",
    "restore_preparation",
    "set_aside_long_lived",
]

#: Part of every cached result's key: bump it whenever the output for the same input changes.
ENGINE_VERSION = "1.2.10"

Side = str | Sequence[str]


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Switches for raw-text preparation and alignment (pre-split input ignores the first two)."""

    detect_boilerplate: bool = True
    detect_title: bool = True
    detect_moves: bool = True
    #: seconds; past it, :class:`ComparisonTimeoutError` is raised between steps (None: no limit)
    time_budget: float | None = None
    #: sentences a side may hold (title and boilerplate included); past it,
    #: :class:`SentenceLimitError` is raised as soon as that side is prepared (None: no limit)
    max_sentences: int | None = None
    #: judge each rewording's meaning with the semantic extra's sentence model as well
    #: (:mod:`app.engine.sentence_model`; the result's engine version then names the model)
    semantic_meaning: bool = False


def engine_version(options: CompareOptions) -> str:
    """The engine version a comparison under ``options`` reports, and is cached under: the semantic
    extra's sentence model judges meaning otherwise, so it is named after a "+" ("1.2.10+minilm-l6-int8")."""
    return f"{ENGINE_VERSION}+{sentence_model.MODEL_NAME}" if options.semantic_meaning else ENGINE_VERSION


def prepare(side: Side, options: CompareOptions | None = None) -> PreparedDocument:
    """Raw text is segmented; a list of strings is taken as sentences, as given."""
    options = options or CompareOptions()
    if isinstance(side, str):
        return prepare_text(
            side, detect_boilerplate=options.detect_boilerplate, detect_title=options.detect_title
        )
    return prepare_sentences(list(side))


#: What :func:`prepare` found in a raw text, in a form small enough to store beside it (about 450
#: bytes of JSON a news article): each sentence's offsets and role, the credits and the language.
#: Preparing a news article (segmenting it, telling its boilerplate and languages apart) costs 1 to
#: 4 ms, and a related-versions query prepares its article and every candidate; a stored
#: preparation is read back in 0.02 to 0.04 ms.
Preparation = dict[str, Any]

#: What a preparation depends on besides the text: this engine, the Unicode tables behind its
#: normalisation and character classes, and the language model that tells paragraphs apart. A
#: preparation made under any other is not read (the same text may be segmented differently).
PREPARED_BY: dict[str, str] = {
    "engine": ENGINE_VERSION,
    "unicode": unicodedata.unidata_version,
    "language_model": f"py3langid {metadata.version('py3langid')}",
}

_ROLES: frozenset[str] = frozenset(get_args(Role))


def preparation_of(prepared: PreparedDocument) -> Preparation:
    """The stored form of a raw text's default preparation (``prepare(text)``), for
    :func:`restore_preparation`. A document given as a list of sentences has no offsets to store.

    >>> preparation_of(prepare("Rebels fired.  Then it rained."))["sentences"]
    [[0, 13, 'body'], [15, 30, 'body']]
    """
    sentences = prepared.document.sentences
    if any(s.start is None or s.end is None for s in sentences):
        raise ValueError("only a raw text's preparation can be stored: its sentences have no offsets")
    return {
        **PREPARED_BY,
        "sentences": [[s.start, s.end, s.role] for s in sentences],
        "credits": list(prepared.credits),
        "language": prepared.language,
    }


def is_current_preparation(preparation: object) -> bool:
    """Whether a stored preparation was made under :data:`PREPARED_BY` (one made by another engine,
    Unicode tables or language model may segment the same text differently, and is not read)."""
    return isinstance(preparation, dict) and all(
        preparation.get(name) == value for name, value in PREPARED_BY.items()
    )


def restore_preparation(text: str, preparation: object) -> PreparedDocument | None:
    """``prepare(text)`` as :func:`preparation_of` stored it, or None when there is nothing to
    restore: no preparation, one made under another :data:`PREPARED_BY`, or one that does not fit
    the text or the form :func:`preparation_of` gives (offsets outside the text, out of order or
    overlapping, a span starting or ending in a space, an unknown role, a value of the wrong type).
    A stored value is never trusted further than that: the database may hold anything.

    >>> text = "Rebels fired.  Then it rained."
    >>> restore_preparation(text, preparation_of(prepare(text))) == prepare(text)
    True
    """
    if not is_current_preparation(preparation):
        return None
    assert isinstance(preparation, dict)
    spans, credits, language = (preparation.get(name) for name in ("sentences", "credits", "language"))
    if not isinstance(spans, list) or not isinstance(credits, list):
        return None
    if not all(isinstance(name, str) for name in credits) or not isinstance(language, str | None):
        return None
    sentences: list[Sentence] = []
    title: str | None = None
    previous_end = 0
    for index, span in enumerate(spans):
        if not (isinstance(span, list) and len(span) == 3):
            return None
        start, end, role = span
        if type(start) is not int or type(end) is not int or not isinstance(role, str) or role not in _ROLES:
            return None  # bool is an int to isinstance; a float is no offset
        if not previous_end <= start < end <= len(text):
            return None
        piece = text[start:end]
        if piece[0].isspace() or piece[-1].isspace():
            return None
        if role == "title":
            title = piece
        sentences.append(Sentence(index, piece, start, end, cast(Role, role)))
        previous_end = end
    return PreparedDocument(Document(title, sentences), list(credits), language)


def compare(base: Side, other: Side, options: CompareOptions | None = None) -> Comparison:
    """Align ``other`` against ``base`` sentence by sentence and check what changed.

    >>> result = compare(["It rained.", "Then it stopped."], ["It rained.", "It snowed."])
    >>> [(g.op, g.base, g.other) for g in result.alignment]
    [('kept', [0], [0]), ('dropped', [1], []), ('added', [], [1])]
    """
    options = options or CompareOptions()
    budget = Budget(options.time_budget)
    with _collector_paused():
        prepared_base = _prepare_within_limit(base, "base", options)
        prepared_other = _prepare_within_limit(other, "other", options)
        budget.check("text preparation")
        # prepared for this comparison only: their analyses are not kept
        return _compare_prepared(prepared_base, prepared_other, options, budget, keep=False)


def _prepare_within_limit(side: Side, name: str, options: CompareOptions) -> PreparedDocument:
    prepared = prepare(side, options)
    count = len(prepared.document.sentences)
    if options.max_sentences is not None and count > options.max_sentences:
        raise SentenceLimitError(name, count, options.max_sentences)
    return prepared


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@cache  # once a process: what a later call would set aside is what serving made
def set_aside_long_lived() -> None:
    """Every object alive now taken out of the cycle collector's passes, once a process: for a
    service or a worker at the end of its start, when what it keeps for its life is loaded (the
    modules, the word tables, the models). A full pass walks every object the collector tracks;
    in the server after start-up that is about 230,000 objects and 125 to 190 ms a pass, a pause
    in whichever request's allocation sets it off, against 2 to 3 ms with them set aside. Passes
    then walk what serving keeps (its caches: 27,000 to 38,000 objects over 100 cold related
    queries, 34 to 48 ms a pass on the project's machine, against 180 ms before). Garbage is
    collected first, so none is kept."""
    gc.collect()
    gc.freeze()


def forget_read_sentences() -> None:
    """Forget what the engine keeps of the sentences it read last (their squashed text and their
    figures, kept because a sentence is read on both sides of its group and again by every
    comparison of its article): the benchmarks time a story the server has not read before. Word
    tables and what is kept by word (stems, lemmas) stay: a new story's words are mostly words a
    running server has read."""
    squash.cache_clear()
    find_quantities.cache_clear()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while comparisons run.

    A comparison allocates hundreds of thousands of small objects and creates no
    reference cycles; the collector's repeated full passes over them cost a quarter
    of the time on 20,000-sentence texts. Counted, so that concurrent comparisons in
    threads restore the collector only when the last one ends.

    The collector is process-wide, so the pause reaches the whole process: a deliberate
    choice, bounded to the time some comparison runs (each is held to its time budget),
    ended on failure too, and never turning on a collector the application turned off
    (tests/engine/test_collector.py).
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def compare_prepared(
    prepared_base: PreparedDocument,
    prepared_other: PreparedDocument,
    options: CompareOptions | None = None,
    budget: Budget | None = None,
) -> Comparison:
    """:func:`compare` on documents already prepared (the service caches preparation)."""
    with _collector_paused():
        return _compare_prepared(prepared_base, prepared_other, options or CompareOptions(), budget)


@dataclass(slots=True)
class _Analysis:
    """What a comparison reads from one document's sentences, whoever it is compared with."""

    words: dict[int, WordKeys]
    #: the body sentences as the aligner sees them; their n-grams and stems are filled on first use
    units: list[Unit]
    matches: TokenMatches

    @classmethod
    def of(cls, document: Document, known: _Analysis | None = None, of: Document | None = None) -> _Analysis:
        """``known``, the analysis of the document ``of``: sentences of the same text are not read
        again (versions of a story share most of their sentences word for word)."""
        matches = TokenMatches()
        words = document_words(document, known=known.words if known else None, of=of, matches=matches)
        squashed = {unit.text: unit.squashed for unit in known.units} if known else {}
        units = [
            make_unit(s.index, s.text, words[s.index].keys, squashed.get(s.text))
            for s in document.sentences
            if s.role == "body"
        ]
        return cls(words, units, matches)


#: Characters of text whose analysis is kept, over the documents compared last. A prepared
#: document is compared with several others in a row (an article's related versions, its origin,
#: the coverage of a wire story, a new article against its candidates), and reading its sentences
#: (words, n-grams, stems) is about a third of a comparison of news articles. An analysis weighs
#: 60 to 100 bytes a character of text (about 15 KB a news sentence), so the bound is in
#: characters, and a document larger than it is not kept. It holds a long wire story and its
#: versions (a news article is 2,000 to 10,000 characters) and no more: what is kept costs every
#: full pass of the garbage collector, which made one-off comparisons of 1,000-sentence documents
#: 15% slower when they were kept.
ANALYSIS_CACHE_CHARACTERS = 100_000


def _characters(prepared: PreparedDocument) -> int:
    return sum(len(sentence.text) for sentence in prepared.document.sentences)


class _AnalysisCache:
    """Analyses of the documents compared last, least recently used first out; thread-safe.

    Keyed by the prepared document's identity, with the document held in the entry so that the
    identity cannot pass to another document while the entry lives; a prepared document is never
    changed once made. Analyses are shared between threads: their lazily filled parts are the
    same whoever fills them, and each is stored in one assignment (or its flag last)."""

    def __init__(self, max_characters: int) -> None:
        self._max_characters = max_characters
        self._items: OrderedDict[int, tuple[PreparedDocument, _Analysis, int]] = OrderedDict()
        self._characters = 0
        self._lock = threading.Lock()

    @property
    def characters(self) -> int:
        """Characters of the documents kept."""
        with self._lock:
            return self._characters

    def kept(self) -> list[PreparedDocument]:
        """The documents kept, least recently compared first."""
        with self._lock:
            return [prepared for prepared, _, _ in self._items.values()]

    def get(
        self,
        prepared: PreparedDocument,
        known: _Analysis | None = None,
        of: Document | None = None,
        keep: bool = True,
    ) -> _Analysis:
        """The analysis of ``prepared``, kept for its next comparisons when ``keep`` (documents
        prepared for one comparison only are not: they would push out those compared again)."""
        with self._lock:
            found = self._items.get(id(prepared))
            if found is not None:
                self._items.move_to_end(id(prepared))
                return found[1]
        analysis = _Analysis.of(prepared.document, known, of)
        if not keep:
            return analysis
        size = _characters(prepared)
        if size > self._max_characters:
            return analysis
        with self._lock:
            if id(prepared) not in self._items:
                self._items[id(prepared)] = (prepared, analysis, size)
                self._characters += size
            while self._characters > self._max_characters:
                _, (_, _, evicted) = self._items.popitem(last=False)
                self._characters -= evicted
        return analysis


_analyses = _AnalysisCache(ANALYSIS_CACHE_CHARACTERS)


def _compare_prepared(
    prepared_base: PreparedDocument,
    prepared_other: PreparedDocument,
    options: CompareOptions,
    budget: Budget | None,
    keep: bool = True,
) -> Comparison:
    budget = budget or Budget(options.time_budget)
    if options.semantic_meaning:
        # refused up front, not at the first rewording: a result without one would otherwise carry
        # the model's name in its version on a machine that does not have the model
        sentence_model.load()
    base_doc, other_doc = prepared_base.document, prepared_other.document
    # every sentence's keys, names and numbers in one pass, for the aligner, fragments and verdict;
    # its token matches are kept for the tokens of word diffs and the places of fragments
    base_analysis = _analyses.get(prepared_base, keep=keep)
    other_analysis = _analyses.get(prepared_other, known=base_analysis, of=base_doc, keep=keep)
    base_words, base_units = base_analysis.words, base_analysis.units
    other_words, other_units = other_analysis.words, other_analysis.units
    matches = TokenMatches(base_analysis.matches)
    matches.update(other_analysis.matches)
    base_tokens = _TokenCache(base_doc, matches, base_words)
    other_tokens = _TokenCache(other_doc, matches, other_words)
    links = align_units(base_units, other_units, budget)
    budget.check("alignment")
    if not options.detect_moves:
        for link in links:
            link.moved = False
    groups = _groups_from_links(links, base_units, other_units, base_doc, other_doc)
    title_group = _title_group(base_doc, other_doc, related=bool(links))
    if links:
        title_group, groups = _titles_in_bodies(title_group, groups, base_doc, other_doc)
    edits_of: dict[int, list[Edit]] = {}
    # the meaning models read two versions in one language: a translation's sentences are no
    # rewording of the wire's to judge
    one_language = not (
        prepared_base.language
        and prepared_other.language
        and prepared_base.language != prepared_other.language
    )
    for group in [*title_group, *groups]:
        if group.op in ("kept", "reworded"):
            budget.check("word diffs")
            edits = _classify(
                group, base_tokens, other_tokens, semantic=options.semantic_meaning, meaning=one_language
            )
            edits_of[id(group)] = edits
    budget.check("word diffs")
    alignment = _in_reading_order([*title_group, *groups], base_doc, other_doc)
    summary = summarise(alignment, base_doc, other_doc)
    fragments = find_fragments(
        [s for s in base_doc.sentences if s.role != "boilerplate"],
        [s for s in other_doc.sentences if s.role != "boilerplate"],
        budget,
        base_keys={index: w.keys for index, w in base_words.items()},
        other_keys={index: w.keys for index, w in other_words.items()},
        matches=matches,
    )
    quotes = check_quotes(base_doc, other_doc, alignment, budget, prepared_other.language)
    features = document_features(
        summary, alignment, fragments, quotes, base_doc, other_doc, base_words, other_words
    )
    languages = (prepared_base.language, prepared_other.language)
    numbers = check_numbers(alignment, base_doc, other_doc, languages, budget)
    reworded = [g for g in alignment if g.op == "reworded"]
    substitutions = count_substitutions(
        [edits_of[id(g)] for g in reworded],
        [(g.similarity or 0.0) >= thresholds.PHRASE_SWAP_SIMILARITY for g in reworded],
        frozenset(name for words in (base_words, other_words) for w in words.values() for name in w.names),
        # words swapped in the copy's language; between two languages, no swap reads both
        languages[0] if languages[0] == languages[1] else None,
    )
    verdict, judgement = judge(
        features,
        linked=is_linked(summary, fragments),
        rewrite=is_rewrite(summary, alignment, figures_against_reuse(numbers, substitutions)),
    )
    # after the verdict's inputs: a quotation given to someone else is still one the two share
    quotes = reattributed(quotes, alignment, base_doc, other_doc, languages, budget)
    reporting_verbs = check_reporting_verbs(alignment, base_tokens, other_tokens)
    attribution = check_attribution(
        prepared_base.credits,
        prepared_other.credits,
        boilerplate_credits(base_doc.sentences) if prepared_base.credits else None,
        _own_credits(base_doc, other_doc, alignment)
        if prepared_base.credits and prepared_other.credits
        else None,
        # the base says whose text it is, and the other gives it to an agency
        byline_credits(other_doc.sentences)
        if prepared_other.credits and not prepared_base.credits and own_bylines(base_doc.sentences)
        else None,
    )
    findings = find_findings(
        verdict,
        base_doc,
        other_doc,
        alignment,
        quotes,
        numbers,
        substitutions,
        reporting_verbs,
        attribution,
        languages,
        check_framing(alignment, edits_of, base_doc, other_doc, other_tokens),
    )
    return Comparison(
        engine_version=engine_version(options),
        verdict=verdict,
        judgement=judgement,
        summary=summary,
        headline=headline(verdict, findings),
        findings=findings,
        base=base_doc,
        other=other_doc,
        alignment=alignment,
        fragments=fragments,
        quotes=quotes,
        numbers=numbers,
        substitutions=substitutions,
        reporting_verbs=reporting_verbs,
        attribution=attribution,
    )


def _groups_from_links(
    links: list[Link],
    base_units: list[Unit],
    other_units: list[Unit],
    base_doc: Document,
    other_doc: Document,
) -> list[Group]:
    groups: list[Group] = []
    linked_base: set[int] = set()
    linked_other: set[int] = set()
    for link in links:
        b = [base_units[p].index for p in link.base]
        o = [other_units[p].index for p in link.other]
        linked_base.update(b)
        linked_other.update(o)
        groups.append(Group("reworded", b, o, round(link.score, 4), link.moved))
    groups.extend(Group("dropped", [u.index], [], None) for u in base_units if u.index not in linked_base)
    groups.extend(Group("added", [], [u.index], None) for u in other_units if u.index not in linked_other)
    return groups


def _title(document: Document) -> Sentence | None:
    return next((s for s in document.sentences if s.role == "title"), None)


def _title_group(base_doc: Document, other_doc: Document, *, related: bool) -> list[Group]:
    """Titles pair with titles only, and only when the bodies share something."""
    base_title, other_title = _title(base_doc), _title(other_doc)
    if base_title and other_title and related:
        score = pair_score(make_unit(0, base_title.text), make_unit(0, other_title.text))
        if score >= thresholds.TITLE_SCORE:
            return [Group("reworded", [base_title.index], [other_title.index], round(score, 4))]
    groups = []
    if base_title:
        groups.append(Group("dropped", [base_title.index], [], None))
    if other_title:
        groups.append(Group("added", [], [other_title.index], None))
    return groups


def _own_credits(base: Document, other: Document, alignment: list[Group]) -> tuple[list[str], list[str]]:
    """The other side's credits in its datelines and bylines, and those it gives in words of its
    own: its boilerplate's, and its running text's but for what it took from the base (a kept or
    reworded "a senior aide told Reuters" is the wire's credit, "Reuters reported" added is the
    outlet's)."""
    bylines = boilerplate_credits(other.sentences)
    added = [j for group in alignment if group.op == "added" for j in group.other]
    reworded = [g for g in alignment if g.op == "reworded"]
    taken = find_credits(base.text_of(i for g in reworded for i in g.base)) if reworded else []
    said = find_credits(other.text_of(added)) + [
        name
        for name in find_credits(other.text_of(j for g in reworded for j in g.other))
        if name not in taken
    ]
    own = bylines + [name for name in said if name not in bylines]
    return bylines, own


def _titles_in_bodies(
    title_group: list[Group], groups: list[Group], base_doc: Document, other_doc: Document
) -> tuple[list[Group], list[Group]]:
    """A title left unpaired that the other side states word for word as a body line (an outlet's
    own analysis, then "Below is the Reuters report:" and the wire's headline above its text) is
    kept there, not dropped and added."""
    for title in list(title_group):
        if title.op == "dropped":
            own, other_side, side_of = base_doc, other_doc, "other"
            wanted = "added"
        elif title.op == "added":
            own, other_side, side_of = other_doc, base_doc, "base"
            wanted = "dropped"
        else:
            continue
        [index] = title.base or title.other
        key = squash(own.sentences[index].text)
        found = next(
            (
                (group, at)
                for group in groups
                if group.op == wanted
                for at in getattr(group, side_of)
                if other_side.sentences[at].role == "body" and squash(other_side.sentences[at].text) == key
            ),
            None,
        )
        if found is None:
            continue
        group, at = found
        getattr(group, side_of).remove(at)
        if not group.base and not group.other:
            groups = [g for g in groups if g is not group]
        pair = (
            Group("kept", [index], [at], 1.0) if title.op == "dropped" else Group("kept", [at], [index], 1.0)
        )
        title_group = [pair if g is title else g for g in title_group]
    return title_group, groups


class _TokenCache(dict[int, list[Token]]):
    """Tokens of a document's sentences by index, computed on first use from the
    comparison's token matches and the sentences' keys."""

    def __init__(self, document: Document, matches: TokenMatches, words: Mapping[int, WordKeys]) -> None:
        super().__init__()
        self.document = document
        self.matches = matches
        self.words = words

    def __missing__(self, index: int) -> list[Token]:
        text = self.document.sentences[index].text
        words = self.words.get(index)
        tokens = tokenize(text, self.matches[text], None if words is None else words.keys)
        self[index] = tokens
        return tokens


def _classify(
    group: Group, base_tokens: _TokenCache, other_tokens: _TokenCache, *, semantic: bool, meaning: bool = True
) -> list[Edit]:
    """Kept when no content word changed (glue, punctuation, case, quote style aside); a rewording's
    meaning judged (``semantic``: with the sentence model too; ``meaning`` false, the versions in
    two languages: only between two English sentences, such as the wire's pasted into a page in
    another language)."""
    if len(group.base) == 1 and len(group.other) == 1:
        base_text = base_tokens.document.sentences[group.base[0]].text
        if base_text == other_tokens.document.sentences[group.other[0]].text:
            group.op, group.changes = "kept", []
            return []
    edits = diff_tokens(
        [t for i in group.base for t in base_tokens[i]], [t for j in group.other for t in other_tokens[j]]
    )
    group.op = "kept" if is_unchanged(edits) else "reworded"
    group.changes = [edit.as_change() for edit in edits]
    if group.op != "reworded":
        return edits
    base_text = base_tokens.document.text_of(group.base)
    other_text = other_tokens.document.text_of(group.other)
    if meaning or (looks_english(base_text) and looks_english(other_text)):
        group.same_meaning = same_meaning(
            base_text,
            other_text,
            _joined_words(base_tokens.words, group.base),
            _joined_words(other_tokens.words, group.other),
            semantic=semantic,
        )
    return edits


def _joined_words(words: Mapping[int, WordKeys], indices: list[int]) -> WordKeys | None:
    """The group's sentences' keys, names and numbers, one sentence after another (None when
    a sentence's were not read: the meaning model then reads the joined text)."""
    if len(indices) == 1:
        return words.get(indices[0])
    if any(i not in words for i in indices):
        return None
    found = [words[i] for i in indices]
    return WordKeys(
        [k for w in found for k in w.keys],
        [k for w in found for k in w.names],
        [k for w in found for k in w.numbers],
    )


def _in_reading_order(groups: list[Group], base_doc: Document, other_doc: Document) -> list[Group]:
    """Base order; added sentences go just before the group holding their successor in
    other, so that, as in a diff, what was dropped at a place comes before what was added."""
    next_position: dict[int, float] = {}
    for group in groups:
        if group.base and group.other and not group.moved:
            for j in group.other:
                next_position[j] = min(group.base)
    position_of_added: dict[int, float] = {}
    upcoming = float(len(base_doc.sentences))
    for sentence in reversed(other_doc.sentences):
        if sentence.index in next_position:
            upcoming = next_position[sentence.index]
        else:
            position_of_added[sentence.index] = upcoming - 0.5
    keyed: list[tuple[float, int, int, Group]] = []
    for group in groups:
        if group.base:
            keyed.append((min(group.base), 0, min(group.other, default=-1), group))
        else:
            keyed.append((position_of_added[min(group.other)], 1, min(group.other), group))
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]
