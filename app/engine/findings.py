"""What an editor should look at first: the specifics' results (quotations, figures,
credits, framing) as ranked findings and a one-line headline.

The verdict says how much was taken (copy / derived / related / unrelated); the
findings say what was changed in what was taken, most important first: by severity (high,
medium, low), and within one by kind: a dropped credit, then quotations, figures, negations,
framing (reporting verbs, word swaps), and sentences dropped from the lede.

>>> from app.engine import compare
>>> base = ["Police said 12 people died.", "It rained."]
>>> result = compare(base, ["Police claimed 15 people died.", "It rained."])
>>> result.headline
'copy, altered: 1 figure, 1 attribution verb'
>>> [(f.kind, f.severity) for f in result.findings]
[('figure_changed', 'high'), ('reporting_verb', 'medium')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import get_args

from app.engine import thresholds
from app.engine.quantities import DURATIONS, Quantity, amounts, find_quantities, rounded
from app.engine.report import (
    DERIVES,
    Attribution,
    Document,
    Finding,
    FindingKind,
    Group,
    NumberChange,
    Quote,
    ReportingVerbChange,
    Substitution,
    Verdict,
)
from app.engine.reversals import (
    BOUNDS,
    FIGURE_DIRECTION,
    Reversal,
    bound_flipped,
    direction_flipped,
    swapped_places,
)
from app.engine.specifics import described_speaker, speakers
from app.engine.text import LIST_ITEM, MONTHS, WEEKDAYS, is_dateline, shortened
from app.engine.words import (
    NEGATING_WORDS,
    NEGATIONS,
    NOT_ONLY,
    REFUSING_WORDS,
    STOPWORDS,
    negation_words,
    token_keys,
    word_keys,
)

__all__ = ["KIND_ORDER", "find_findings", "headline"]

#: The kinds in the order findings of one severity are listed (the headline counts their families
#: in the order the findings come).
KIND_ORDER: tuple[FindingKind, ...] = get_args(FindingKind)
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
#: Headline wording of each kind: (one, several) or one phrase for a fact.
_PHRASES: dict[str, tuple[str, str]] = {
    "credit": ("credit dropped", "credit dropped"),
    "credit_replaced": ("credit replaced", "credit replaced"),
    "credit_added": ("credit added", "credit added"),
    "quote": ("1 quotation", "{n} quotations"),
    "figure": ("1 figure", "{n} figures"),
    "date": ("1 date", "{n} dates"),
    "reversal": ("1 reversal", "{n} reversals"),
    "negation": ("1 negation", "{n} negations"),
    "reporting": ("1 attribution verb", "{n} attribution verbs"),
    "source": ("source dropped", "{n} sources dropped"),
    "caveat": ("caveat dropped", "{n} caveats dropped"),
    "response": ("response dropped", "{n} responses dropped"),
    "marks": ("1 word in quotation marks", "{n} words in quotation marks"),
    "substitution": ("1 word swap", "{n} word swaps"),
    "lede": ("lede cut", "lede cut"),
    "lede_moved": ("lede moved", "lede moved"),
    "headline": ("headline rewritten", "headline rewritten"),
}
_FAMILY = {
    "credit_dropped": "credit",
    "credit_replaced": "credit_replaced",
    "credit_added": "credit_added",
    "quote_altered": "quote",
    "quote_reattributed": "quote",
    "quote_paraphrased": "quote",
    "quote_missing": "quote",
    "quote_shortened": "quote",
    "quote_invented": "quote",
    "figure_changed": "figure",
    "figure_missing": "figure",
    "figure_added": "figure",
    "figure_rounded": "figure",
    "date_changed": "date",
    "claim_reversed": "reversal",
    "negation_changed": "negation",
    "reporting_verb": "reporting",
    "source_dropped": "source",
    "caveat_dropped": "caveat",
    "response_dropped": "response",
    "quote_marks_added": "marks",
    "substitution": "substitution",
    "lede_dropped": "lede",
    "lede_moved": "lede_moved",
    "headline_rewritten": "headline",
}


def find_findings(
    verdict: Verdict,
    base: Document,
    other: Document,
    alignment: list[Group],
    quotes: list[Quote],
    numbers: list[NumberChange],
    substitutions: list[Substitution],
    reporting_verbs: list[ReportingVerbChange],
    attribution: Attribution,
    languages: tuple[str | None, str | None] = (None, None),
    framing: Sequence[Finding] = (),
) -> list[Finding]:
    """The specifics' results worth an editor's attention, ranked. ``languages``: the two
    documents' (ISO 639-1 codes, None when not known), whose speakers and negations are read;
    ``framing``: the reframing found (:func:`app.engine.framing.check_framing`).

    Only a text that takes from base (copy or derived) can alter it: between
    related or unrelated stories, quotations and figures differ as a matter of
    course, and nothing is reported.
    """
    if verdict not in DERIVES:
        return []
    found: list[Finding] = []
    carried = {j for group in alignment if group.op in ("kept", "reworded") for j in group.other}
    if attribution.credit_dropped and not attribution.credited_instead:
        credits = ", ".join(attribution.base_credits)
        found.append(Finding("credit_dropped", "high", f"credit dropped: {credits}", None, None))
    if attribution.credited_instead:  # the credit given to another: dropped, and said so
        found.append(
            Finding(
                "credit_replaced",
                "high",
                f"credited to {', '.join(attribution.credited_instead)} "
                f"instead of {', '.join(attribution.base_credits)}",
                None,
                None,
            )
        )
    if attribution.credit_added:
        found.append(
            Finding(
                "credit_added",
                "high",
                f"credited to {', '.join(attribution.credit_added)}, which the source does not credit",
                None,
                None,
            )
        )
    spoke_before: dict[int, list[str]] = {}  # the speakers of each sentence giving a quotation away
    spoke_after: dict[int, list[str]] = {}
    for quote in quotes:
        if quote.status == "altered":
            edits = "; ".join(
                f"{c.base or '-'} \u2192 {c.other or '-'}" for c in quote.changes if c.op != "glue"
            )
            found.append(
                Finding(
                    "quote_altered",
                    "high",
                    f"quotation altered: \u201c{shortened(quote.text)}\u201d"
                    + (f" ({edits})" if edits else ""),
                    quote.base_sentence,
                    quote.other_sentence,
                )
            )
        elif quote.status == "reattributed":
            assert quote.base_sentence is not None and quote.other_sentence is not None
            # each sentence's speakers read once, however many of its quotations were given away
            if quote.base_sentence not in spoke_before:
                spoke_before[quote.base_sentence] = speakers(
                    base.text_of([quote.base_sentence]), languages[0]
                )
            if quote.other_sentence not in spoke_after:
                other_text = other.text_of([quote.other_sentence])
                spoke_after[quote.other_sentence] = speakers(other_text, languages[1]) or described_speaker(
                    other_text
                )
            before, after = spoke_before[quote.base_sentence], spoke_after[quote.other_sentence]
            found.append(
                Finding(
                    "quote_reattributed",
                    # medium: an organisation's words given to its director read so too
                    "medium",
                    f"quotation given to another speaker: \u201c{shortened(quote.text)}\u201d "
                    f"({' '.join(before)} \u2192 {' '.join(after)})",
                    quote.base_sentence,
                    quote.other_sentence,
                )
            )
        elif quote.status in ("paraphrased", "shortened"):
            # indirect speech is no misquote, but the words are no longer given as said; a part
            # quoted word for word is what outlets do, and what was cut may matter
            found.append(
                Finding(
                    "quote_paraphrased" if quote.status == "paraphrased" else "quote_shortened",
                    "medium" if quote.status == "paraphrased" else "low",
                    f"quotation {quote.status}: \u201c{shortened(quote.text)}\u201d",
                    quote.base_sentence,
                    quote.other_sentence,
                )
            )
        elif quote.status == "missing":
            found.append(
                Finding(
                    "quote_missing",
                    "medium",
                    f"quotation missing: \u201c{shortened(quote.text)}\u201d",
                    quote.base_sentence,
                    None,
                )
            )
        elif quote.status == "new":
            # in a copy's sentences, a quotation the source never had is put in someone's mouth; in a
            # paragraph the copy adds, it is the outlet's own reporting, or not: worth a look
            found.append(
                Finding(
                    "quote_invented",
                    ("high" if quote.other_sentence in carried else "medium") if verdict == "copy" else "low",
                    f"quotation not in the source: \u201c{shortened(quote.text)}\u201d",
                    None,
                    quote.other_sentence,
                )
            )
    titles = {s.index for s in base.sentences if s.role == "title"}
    for number in numbers:
        if number.status == "changed":
            where = " in the headline" if number.base_sentence in titles else ""
            given = _rounded(number, other)
            if given is not None:
                found.append(
                    Finding(
                        "figure_rounded",
                        "low",
                        f"figure rounded{where}: {number.base} \u2192 {given}",
                        number.base_sentence,
                        number.other_sentence,
                    )
                )
                continue
            found.append(
                Finding(
                    "figure_changed",
                    "high",
                    f"figure changed{where}: {number.base} \u2192 {number.other}",
                    number.base_sentence,
                    number.other_sentence,
                )
            )
        elif number.status == "missing":
            found.append(
                Finding(
                    "figure_missing", "medium", f"figure missing: {number.base}", number.base_sentence, None
                )
            )
        else:
            found.append(
                Finding("figure_added", "low", f"figure added: {number.other}", None, number.other_sentence)
            )
    found.extend(framing)
    reversals, flipped = _reversals(alignment, quotes, base, other)
    found.extend(reversals)
    dates, redated = _date_changes(alignment, quotes, base, other, titles)
    found.extend(dates)
    flipped |= redated
    found.extend(_negation_changes(alignment, quotes, base, other, languages))
    for verb in reporting_verbs:
        change = f"{verb.base or '(none)'} \u2192 {verb.other or '(none)'}"
        found.append(
            Finding("reporting_verb", "medium", f"attribution: {change} \u00d7{verb.count}", None, None)
        )
    # "six months" -> "six years" is said as the figure changed
    flipped |= {
        (w.lower(), x.lower())
        for n in numbers
        if n.status == "changed" and n.base and n.other
        for w, x in [(re.split(r"[\s-]", n.base)[-1], re.split(r"[\s-]", n.other)[-1])]
        if w.lower() in DURATIONS and x.lower() in DURATIONS
    }
    for swap in substitutions:
        if (swap.base.lower(), swap.other.lower()) in flipped or _prefix_opposite(
            token_keys(swap.base), token_keys(swap.other)
        ):
            continue  # a word put for its opposite, or a day for another: said above
        found.append(
            Finding(
                "substitution",
                "low",
                f"word swap: {swap.base} \u2192 {swap.other} \u00d7{swap.count}",
                None,
                None,
            )
        )
    # an agency's summary bullets above the story are not its lede: an outlet that leaves them
    # out cut none of it
    lede = [s.index for s in base.sentences if s.role == "body" and not LIST_ITEM.match(s.text)][
        : thresholds.LEDE_SENTENCES
    ]
    # a response or a caveat dropped from the lede is said once, as what it was
    answered = {f.base_sentence for f in framing if f.other_sentence is None}
    dropped = {i for g in alignment if g.op == "dropped" for i in g.base} - answered
    for index in lede:
        if index in dropped:
            text = next(s.text for s in base.sentences if s.index == index)
            found.append(
                Finding("lede_dropped", "low", f"dropped from the lede: {shortened(text)}", index, None)
            )
    # the lede opens after the dateline (a picture's caption may stand above it); a headline in
    # capitals among pre-split sentences is no lede
    datelines = [s.index for s in base.sentences if s.role == "boilerplate" and is_dateline(s.text)]
    below = [s.index for s in base.sentences if s.role == "body" and datelines and s.index > datelines[0]]
    opening = below[:1] or [i for i in lede if not base.sentences[i].text.isupper()][:1]
    found.extend(_lede_moved(alignment, base, other, opening))
    found.extend(_headline_rewritten(alignment, base, other))
    # high before medium before low, whatever the kind ("quotation not in the source" is low in a
    # derived text and must not come before a changed death toll); by kind within a severity
    rank = {kind: k for k, kind in enumerate(KIND_ORDER)}
    found.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], rank[f.kind]))
    return found


#: A figure as written after its bound: "12", "60%", "$5 million" as "$5".
_FIGURE_AFTER = r"[$\u20ac\u00a3]?\d[\d.,]*%?"
_REVERSAL_WORDING = {
    "roles": "roles reversed",
    "figures": "figures reversed",
    "direction": "direction reversed",
    "bound": "bound reversed",
}


def _reversals(
    alignment: list[Group], quotes: list[Quote], base: Document, other: Document
) -> tuple[list[Finding], set[tuple[str, str]]]:
    """Claims turned around in close rewordings (:mod:`app.engine.reversals`): two names or
    figures in each other's places, in a group's text or in one of its word changes, and words of
    direction put for their opposites; and those words, lowercased, which are then no word swap
    of their own. A change inside an altered quotation of the same sentences is that quotation's
    finding."""
    found: list[Finding] = []
    flipped: set[tuple[str, str]] = set()
    altered = _altered_changes(quotes)
    for group in alignment:
        if group.op != "reworded" or (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue  # a loose rewording moves whole clauses
        in_quotes = _altered_in(altered, group)
        candidates = [swapped_places(base.text_of(group.base), other.text_of(group.other))]
        for change in group.changes:
            if change.op == "replace" and (change.base, change.other) not in in_quotes:
                candidates.append(swapped_places(change.base, change.other))
                candidates.append(direction_flipped(change.base, change.other))
                candidates.append(
                    _figure_direction_flipped(change.base, change.other, other.text_of(group.other))
                )
                if change.other.lower() in BOUNDS:  # a figure after it is looked for only then
                    after = re.search(
                        rf"{re.escape(change.other)}\s+({_FIGURE_AFTER})", other.text_of(group.other)
                    )
                    figure = after.group(1).rstrip(".,") if after else None
                    candidates.append(bound_flipped(change.base, change.other, figure))
        seen: list[tuple[str, str]] = []  # words of each reversal found, as " a b c "
        for reversal in candidates:
            if reversal is None or any(reversal.base in quoted for quoted, _ in in_quotes):
                continue
            words = (_spaced(reversal.base), _spaced(reversal.other))
            if any(words[0] in before and words[1] in after for before, after in seen):
                continue  # the same reversal found in the group's text and in a change, or a part of one
            seen.append(words)
            if reversal.kind == "direction":
                flipped.add((reversal.base.lower(), reversal.other.lower()))
            wording = _REVERSAL_WORDING[reversal.kind]
            found.append(
                Finding(
                    "claim_reversed",
                    "high",
                    f"{wording}: {shortened(reversal.base)} \u2192 {shortened(reversal.other)}",
                    base.holding(group.base, reversal.base),
                    other.holding(group.other, reversal.other),
                )
            )
    return found, flipped


def _date_changes(
    alignment: list[Group], quotes: list[Quote], base: Document, other: Document, titles: set[int]
) -> tuple[list[Finding], set[tuple[str, str]]]:
    """Days and months put for others in close rewordings ("on Sunday" -> "on Saturday", "March 3"
    -> "April 3"): a fact changed, as a figure is; and those words, lowercased, which are then no
    word swap of their own. A day the other sentence names elsewhere was moved, not changed; a
    change inside an altered quotation is that quotation's finding."""
    found: list[Finding] = []
    redated: set[tuple[str, str]] = set()
    altered = _altered_changes(quotes)
    for group in alignment:
        if group.op != "reworded" or (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue  # a loose rewording moves whole clauses, and its days with them
        dated = [
            change
            for change in group.changes
            if change.op == "replace"
            and not _DATED.isdisjoint(change.base.lower().split())
            and not _DATED.isdisjoint(change.other.lower().split())
        ]
        if not dated:
            continue  # most rewordings put no day, month or "last" for another
        in_quotes = _altered_in(altered, group)
        both = f"{base.text_of(group.base)} {other.text_of(group.other)}"
        before, after = _spaced(base.text_of(group.base)), _spaced(other.text_of(group.other))
        named = _NAMED_BEFORE_SURNAME.search(both) is not None  # "April Walker" -> "June Walker": a person
        for change in dated:
            if (change.base, change.other) in in_quotes:
                continue
            relative = _relative_change(change.base, change.other, before, after)
            if relative is not None:
                redated.add((change.base.lower(), change.other.lower()))
                message = f"date changed: {relative[0]} \u2192 {relative[1]}"
                found.append(
                    Finding.of_change(
                        "date_changed", "high", message, (base, other, group), (change.base, change.other)
                    )
                )
                continue
            for names in (WEEKDAYS, MONTHS):
                old, new = _date_words(change.base, names), _date_words(change.other, names)
                if len(old) != 1 or len(new) != 1 or old == new:
                    continue
                (was,), (now,) = old, new
                if f" {now.lower()} " in before or f" {was.lower()} " in after or named:
                    continue  # named on both sides (moved, or another date beside it), or a person
                redated.add((was.lower(), now.lower()))
                where = " in the headline" if set(group.base) & titles else ""
                message = f"date changed{where}: {was} \u2192 {now}"
                found.append(
                    Finding.of_change("date_changed", "high", message, (base, other, group), (was, now))
                )
    return found, redated


#: Which week, month or year: "last week" -> "this week" moves the news (a paper's "yesterday"
#: for the wire's "today" does not: it is the next day's paper telling the same day).
_WHICH = frozenset({"last", "this", "next"})
#: The words of a date that a change must hold on both sides to be a date changed.
_DATED = WEEKDAYS | MONTHS | _WHICH
_PERIODS = ("week", "weekend", "month", "year")


def _relative_change(was: str, now: str, before: str, after: str) -> tuple[str, str] | None:
    """("last week", "this week") when one word of which period was put for another before the
    same period in the two sentences (``before`` and ``after``, as :func:`_spaced` gives them)."""
    old, new = was.lower(), now.lower()
    if old == new or old not in _WHICH or new not in _WHICH:
        return None
    for period in _PERIODS:
        if (
            f" {old} {period} " in before
            and f" {new} {period} " in after
            and f" {new} {period} " not in before
        ):
            return f"{was} {period}", f"{now} {period}"
    return None


def _date_words(text: str, names: frozenset[str]) -> set[str]:
    """The capitalised words of ``text`` that are among ``names`` (weekdays or months: "May" is a
    month, "may" a verb)."""
    return {word for word in _ELIDED_WORD.findall(text) if word[:1].isupper() and word.lower() in names}


#: A month or a weekday before a capitalised word: a given name before a surname ("April Walker").
_NAMED_BEFORE_SURNAME = re.compile(
    r"\b(?:" + "|".join(w.capitalize() for w in sorted(WEEKDAYS | MONTHS)) + r")\s+[A-Z][a-z]"
)


def _figure_direction_flipped(was: str, now: str, other_text: str) -> Reversal | None:
    """ "up" put for "down" (or the other way) just before a figure of the version's sentence:
    "sales were up 1.2%" -> "sales were down 1.2%"."""
    old, new = FIGURE_DIRECTION.get(was.lower()), FIGURE_DIRECTION.get(now.lower())
    if old is None or new is None or old == new:
        return None
    if not re.search(rf"\b{re.escape(now)}\s+(?:by\s+)?{_FIGURE_AFTER}", other_text):
        return None
    return Reversal("direction", was, now)


def _headline_rewritten(alignment: list[Group], base: Document, other: Document) -> list[Finding]:
    """The base's headline and the version's, too far apart to pair (one dropped, the other added)
    over a story the version takes: the headline rewritten, which a reader sees first ("Israeli
    strike kills 12 in Gaza, army says it targeted Hamas commander" -> "Zionist massacre kills 12
    in Gaza, children among dead")."""
    dropped = [i for g in alignment if g.op == "dropped" for i in g.base if base.sentences[i].role == "title"]
    added = [j for g in alignment if g.op == "added" for j in g.other if other.sentences[j].role == "title"]
    if not dropped or not added:
        return []
    was, now = base.sentences[dropped[0]].text, other.sentences[added[0]].text
    return [
        Finding(
            "headline_rewritten",
            "medium",
            f"headline rewritten: \u201c{shortened(was, 60)}\u201d \u2192 \u201c{shortened(now, 60)}\u201d",
            dropped[0],
            added[0],
        )
    ]


def _lede_moved(alignment: list[Group], base: Document, other: Document, lede: list[int]) -> list[Finding]:
    """The base's first sentence kept, with LEDE_PUSHED_BY or more of the base's later sentences
    moved above it: the story opens with what the wire told after its news, which is pushed down
    (an outlet's own sentences put on top are its own intro, not this)."""
    body = [s.index for s in other.sentences if s.role == "body" and not LIST_ITEM.match(s.text)]
    from_base = {
        j: min(g.base) for g in alignment if g.op in ("kept", "reworded") and g.base for j in g.other
    }
    if not lede or not body:
        return []
    place = next((k for k, j in enumerate(body) if from_base.get(j) == lede[0]), None)
    if place is None:
        return []
    above = [j for j in body[:place] if j in from_base and from_base[j] > lede[0]]
    if len(above) < thresholds.LEDE_PUSHED_BY:
        return []
    return [
        Finding(
            "lede_moved",
            "low",
            f"lede moved down to sentence {place + 1}: {shortened(base.text_of(lede))}",
            lede[0],
            body[place],
        )
    ]


def _altered_changes(quotes: list[Quote]) -> dict[int, set[tuple[str, str]]]:
    """The word changes of each base sentence's altered quotations, by sentence: read once, not
    once a group."""
    by_sentence: dict[int, set[tuple[str, str]]] = {}
    for q in quotes:
        if q.status == "altered" and q.base_sentence is not None:
            by_sentence.setdefault(q.base_sentence, set()).update((c.base, c.other) for c in q.changes)
    return by_sentence


def _altered_in(altered: dict[int, set[tuple[str, str]]], group: Group) -> set[tuple[str, str]]:
    """The word changes of the altered quotations in a group's base sentences: that quotation's
    findings, not a reversal's or a negation's."""
    return set().union(*(altered.get(i, set()) for i in group.base))


def _spaced(text: str) -> str:
    """``text``'s words, lowercased, each between spaces: a part of a text is in it as a string."""
    return f" {' '.join(_ELIDED_WORD.findall(text.lower()))} "


def _rounded(number: NumberChange, other: Document) -> str | None:
    """The figure changed as the version gives the base's, rounded: the version's figure as
    written ("$95 billion"), with the word that says it is round ("more than 12,000"); None when
    it is a figure changed. Rounded as :func:`app.engine.quantities.rounded` reads it, or a whole
    number given with fewer digits after a word that says so (:func:`_said_round`)."""
    old, new = find_quantities(number.base), find_quantities(number.other)
    if len(old) != 1 or len(new) != 1 or number.other is None:
        return None
    if rounded(old[0], new[0]):
        return number.other
    if number.other_sentence is None:
        return None
    text = other.sentences[number.other_sentence].text
    at = text.find(number.other)
    lead = _LEAD.search(text, 0, at) if at > 0 else None
    if lead and _said_round(old[0], new[0], lead.group(1).lower()):
        return f"{lead.group(1)} {number.other}"
    return None


#: Words before a figure that give it as round ("about 12,000") or as a bound of the true one
#: (``reversals.BOUNDS``: "more than 12,000", "nearly 3,500").
_ABOUT_WORDS = ("about", "around", "some", "roughly", "approximately", "an estimated", "close to")
_LEAD = re.compile(
    r"\b("
    + "|".join(re.escape(w) for w in sorted((*_ABOUT_WORDS, *BOUNDS), key=len, reverse=True))
    + r")\s+(?:[$\u20ac\u00a3]\s?)?$",
    re.IGNORECASE,
)


def _said_round(old: Quantity, new: Quantity, lead: str) -> bool:
    """Whether ``new``, after ``lead``, gives the whole number ``old`` rounded: fewer digits,
    within ROUNDED_WITH_WORD_MAX_SHARE of it, and on the side of it that a bound says ("more than
    12,000" for 12,345, not "fewer than 12,000")."""
    side = BOUNDS.get(lead, 0)
    new_amounts = amounts(new)
    for kind, before in amounts(old).items():
        after = new_amounts.get(kind)
        if after is None or before == after or not before:
            continue
        if len(after.normalize().as_tuple().digits) >= len(before.normalize().as_tuple().digits):
            continue
        if abs(after - before) > Decimal(str(thresholds.ROUNDED_WITH_WORD_MAX_SHARE)) * abs(before):
            continue
        if (side > 0 and before <= after) or (side < 0 and before >= after):
            continue
        return True
    return False


def _negation_changes(
    alignment: list[Group],
    quotes: list[Quote],
    base: Document,
    other: Document,
    languages: tuple[str | None, str | None] = (None, None),
) -> list[Finding]:
    """A negation added or dropped by a rewording ("resigned" -> "did not resign"): the claim
    turned around, which neither the figures nor the meaning model see (news paraphrase
    annotators weigh it little). One finding per word change, at the sentence holding it; a
    change inside an altered quotation of the same sentences is that quotation's finding. A
    rewording that moves its negations from noun phrases to verbs, as many as it drops, turned
    nothing around (:func:`_negation_reworded`)."""
    found: list[Finding] = []
    altered = _altered_changes(quotes)
    # the negations of the document's language: in English copy, or copy of no language known,
    # English ones ("faux pas" is no French "pas", "Nada" no Spanish "nada")
    languages_negations = negation_words(languages[0]) | negation_words(languages[1])
    for group in alignment:
        if group.op != "reworded" or (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue  # a loose rewording moves whole clauses, negations with them
        in_group: list[Finding] = []
        negations = languages_negations
        keyed = [
            (change, token_keys(change.base), token_keys(change.other))
            for change in group.changes
            if change.op != "glue"
        ]
        if any(not languages_negations.isdisjoint((*before, *after)) for _, before, after in keyed):
            # and no word capitalised inside a sentence, a name ("Nada Ali", "Nessun Dorma"): read
            # only where a change holds a negation's word
            negations = languages_negations - (_names_in(base, group.base) | _names_in(other, group.other))
        in_quotes = _altered_in(altered, group)
        for change, before, after in keyed:
            if (change.base, change.other) in in_quotes:
                continue
            opposite = _prefix_opposite(before, after)
            if opposite is not None:
                message = f"negation {opposite}: {shortened(change.base)} \u2192 {shortened(change.other)}"
                in_group.append(
                    Finding.of_change(
                        "negation_changed", "high", message, (base, other, group), (change.base, change.other)
                    )
                )
                continue
            negated_before, negated_after = (
                _negations(before, words=negations) + _refusals(before),
                _negations(after, words=negations) + _refusals(after),
            )
            if negated_before == negated_after or _negations(before, True, negations) == _negations(
                after, True, negations
            ):
                continue  # none added or dropped, or a verb that holds one put for it ("declined to")
            words = len(before) + len(after)
            if change.op == "replace" and not _claim_kept(change.base, change.other, words, negations):
                continue  # a clause rewritten, not a claim turned around
            if change.op != "replace" and words - negated_before - negated_after > 1:
                continue  # a phrase added or cut that holds a negation ("and not the council")
            what = "added" if negated_after > negated_before else "dropped"
            shown = (
                f"{shortened(change.base)} \u2192 {shortened(change.other)}"
                if change.op == "replace"
                else shortened(change.base or change.other)
            )
            in_group.append(
                Finding(
                    "negation_changed",
                    "high",
                    f"negation {what}: {shown}",
                    base.holding(group.base, change.base),
                    other.holding(group.other, change.other),
                )
            )
        if in_group and not _negation_reworded(group, in_quotes):
            found.extend(in_group)
    return found


#: A word's opposite by its prefix ("unlawful", "nonviolent"), the prefixed word of at least
#: OPPOSITE_STEM_CHARS letters past it: "unarmed" -> "armed" turns the claim around.
_OPPOSING_PREFIXES = ("non", "un")
_OPPOSITE_STEM_CHARS = 4


def _prefix_opposite(before: list[str], after: list[str]) -> str | None:
    """ "added" or "dropped" when one word is put for its opposite by a prefix or "without" ("lawful"
    -> "unlawful", "without orders" -> "with orders"), in English copy's words; else None."""
    if len(before) != 1 or len(after) != 1:
        return None
    (old,), (new,) = before, after
    if {old, new} == {"with", "without"}:
        return "added" if new == "without" else "dropped"
    for prefix in _OPPOSING_PREFIXES:
        if new == prefix + old and len(old) >= _OPPOSITE_STEM_CHARS:
            return "added"
        if old == prefix + new and len(new) >= _OPPOSITE_STEM_CHARS:
            return "dropped"
    return None


#: Negations of a noun phrase ("None of the companies", "Neither X nor Y") and of a verb ("did not");
#: a "nor" without "neither" opens a clause of its own ("nor did his deputy"), and is neither.
_PHRASE_NEGATIONS = frozenset(
    """neither none no nobody nothing nowhere kein keine keinen keinem keiner keines nichts niemand
    aucun aucune rien ningún ninguno ninguna nadie""".split()
)
_VERB_NEGATIONS = NEGATIONS - _PHRASE_NEGATIONS - {"nor", "never"}


def _names_in(document: Document, indices: list[int]) -> frozenset[str]:
    """The keys of the words capitalised inside the sentences (not opening one): names."""
    return frozenset(name for i in indices for name in word_keys(document.sentences[i].text).names)


def _negation_reworded(group: Group, in_quotes: set[tuple[str, str]]) -> bool:
    """Whether the group's changes move its negations from noun phrases to verbs, or back, as
    many as they drop: "Neither X nor Y commented" -> "X and Y did not comment", "None of the 40
    companies has commented" -> "The 40 companies have not commented". A "not" dropped and
    another added elsewhere turns two claims around ("X did not resign, and Y resigned" ->
    "X resigned, and Y did not")."""
    dropped: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for change in group.changes:
        if change.op == "glue" or (change.base, change.other) in in_quotes:
            continue
        before = Counter(k for k in token_keys(change.base) if k in NEGATIONS)
        after = Counter(k for k in token_keys(change.other) if k in NEGATIONS)
        dropped += before - after
        added += after - before
    if "neither" in dropped:
        dropped["nor"] = 0  # "neither ... nor" is one negation
    if "neither" in added:
        added["nor"] = 0
    lost, gained = set(+dropped), set(+added)
    if not lost or sum(dropped.values()) != sum(added.values()):
        return False
    return (lost <= _PHRASE_NEGATIONS and gained <= _VERB_NEGATIONS) or (
        gained <= _PHRASE_NEGATIONS and lost <= _VERB_NEGATIONS
    )


def _claim_kept(base: str, other: str, words: int, negations: frozenset[str]) -> bool:
    """A replacement that turns its claim around rather than rewriting it: short (``words``, its
    tokens on both sides, at most NEGATION_CHANGE_WORDS), or keeping a word of the claim on both
    sides, with no more than NEGATION_CHANGE_WORDS words changed besides the negations ("arrested
    two" -> "have
    not arrested any", "a ouvert une enquête" -> "n'a pas ouvert d'enquête", "eine Verkürzung auf
    37 Stunden" -> "keine Verkürzung"; not "pleads not guilty to" -> "denies"). Words are split at
    apostrophes here, so that an elided article leaves its noun whole ("d'enquête")."""
    if words <= thresholds.NEGATION_CHANGE_WORDS:
        return True
    before, after = _ELIDED_WORD.findall(base.lower()), _ELIDED_WORD.findall(other.lower())
    kept = Counter(before) & Counter(after)
    changed = (Counter(before) - kept) + (Counter(after) - kept)
    return any(key not in STOPWORDS for key in kept) and (
        sum(n for key, n in changed.items() if key not in negations) <= thresholds.NEGATION_CHANGE_WORDS
    )


_ELIDED_WORD = re.compile(r"[^\W_]+")


def _negations(keys: list[str], negating_words: bool = False, words: frozenset[str] = NEGATIONS) -> int:
    """Negation words ("not only ... but also" adds, it does not negate); with ``negating_words``,
    the words whose meaning holds one too ("declined to" says "did not")."""
    return sum(
        1
        for position, key in enumerate(keys)
        if (key in words or (negating_words and key in NEGATING_WORDS))
        and (key, keys[position + 1] if position + 1 < len(keys) else "") not in NOT_ONLY
        and not (key == "nor" and "neither" in keys[:position])  # "neither ... nor": one negation
    )


def _refusals(keys: list[str]) -> int:
    """Verbs that say "did not" of the verb after their "to" ("refused to", "failed to")."""
    return sum(
        key in REFUSING_WORDS and keys[position + 1 : position + 2] == ["to"]
        for position, key in enumerate(keys)
    )


def headline(verdict: Verdict, findings: list[Finding]) -> str:
    """The verdict, and what was altered, counted by family in rank order.

    >>> headline("copy", [])
    'copy, unaltered'
    >>> headline("related", [])
    'related'
    """
    if not findings:
        return f"{verdict}, unaltered" if verdict in DERIVES else verdict
    counts: dict[str, int] = {}
    for finding in findings:
        family = _FAMILY[finding.kind]
        counts[family] = counts.get(family, 0) + 1
    parts = [
        _PHRASES[family][0] if n == 1 else _PHRASES[family][1].format(n=n) for family, n in counts.items()
    ]
    return f"{verdict}, altered: {', '.join(parts)}"
