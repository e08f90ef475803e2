"""Reframing done with few words: what a close rewording cuts or marks that changes how a
reader weighs the claim, though the facts stay.

- the source cut: "..., according to the Hamas-run health ministry" or "..., police said" gone,
  and no one said it any more: a claim turned into a fact (``source_dropped``);
- a condition or caveat cut: "talks would resume next week if both sides agreed to an
  exchange" -> "talks would resume next week", "..., although no evidence was provided"
  (``caveat_dropped``);
- the other side's response cut: "The army denied the allegation." dropped, or "... and denied
  striking civilian areas" cut from a sentence kept (``response_dropped``);
- a phrase put in quotation marks that the wire wrote plain: 'the "truce" held', scare quotes, or
  a word of the speaker's quoted ('was "delighted"'), which the text cannot tell apart: a low
  finding for the editor to read (``quote_marks_added``).

Only close rewordings are read (as similar as an anchor): a loose one tells its clauses
again, and what it leaves out is no edit of a sentence it keeps. Words inside quotations are
the speaker's, and the quotation checks' (:mod:`app.engine.specifics`).

>>> from app.engine import compare
>>> wire = ["Gunmen killed 11 miners in Balochistan on Sunday, police said.", "It rained."]
>>> version = ["Gunmen killed 11 miners in Balochistan on Sunday.", "It rained."]
>>> [f.message for f in compare(wire, version).findings]
['source dropped: \u201cpolice said\u201d']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from app.engine import thresholds
from app.engine.report import Document, Finding, Group
from app.engine.reporting import NEUTRAL_VERBS, reporting_terms
from app.engine.text import shortened
from app.engine.words import CONDITIONS, Edit, Token

__all__ = ["check_framing", "newly_quoted"]

#: The verbs that only say who said it: one of them cut, and none left in the sentence, the
#: sentence states as fact what someone said. "reported", "announced" and "confirmed" name an
#: act as often ("reported cases", "announced a plan"), and loaded verbs are the reporting
#: verbs' check's (:func:`app.engine.specifics.check_reporting_verbs`).
SOURCE_VERBS = frozenset(NEUTRAL_VERBS) - {"reported", "announced", "confirmed"}

#: Words besides the reporting verbs that still give a claim its source: "Kremlin spokesman Dmitry
#: Peskov made clear ..., emphasizing that ...", "a statement from the ministry", "told state TV".
_SOURCE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson statement emphasized emphasised emphasizing emphasising
    stressed stressing underlined urged quoted citing cited tweeted posted says say asked responded
    answered testified""".split()
)
#: Words that open a condition or a caveat: cut with the clause they open, the claim reads
#: unconditional ("only if", "as long as" open with words of this list too).
_CAVEAT_OPENERS = CONDITIONS | frozenset("although though whereas except".split())
#: ... and these before one of them: "only if", "even though", "except when".
_CAVEAT_LEADS = frozenset("only even except".split())
#: A caveat that need not open its clause: "a claim that could not be independently verified".
_UNVERIFIED = re.compile(
    r"\b(?:could not|cannot|can ?not|has not|have not|had not|was not|were not|not)\s+(?:been\s+|be\s+)?"
    r"(?:immediately\s+|independently\s+)*(?:verified|confirmed|corroborated)\b"
    r"|\b(?:no|without) evidence\b",
    re.IGNORECASE,
)
#: The other side's answer: a denial, a plea of not guilty, or no answer to a request ("declined
#: to comment"). An act denied to someone ("denied bail") is none.
_RESPONSE = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)(?!\s+(?:him\s+|her\s+|them\s+)?(?:bail|entry|access|permission|visas?)\b)"
    r"|(?:declined|refused)\s+to\s+comment|did\s+not\s+(?:immediately\s+)?(?:respond|reply|comment)"
    r"|could\s+not\s+(?:immediately\s+)?be\s+reached|no\s+immediate\s+comment|pleads?\s+not\s+guilty"
    r"|pleaded\s+not\s+guilty"
    r"|(?:not\s+)?(?:immediately\s+)?available\s+for\s+comment"
    r"|(?:rejected|dismissed)\s+(?:the|these|those|such)\s+(?:\w+\s+)?"
    r"(?:allegations?|accusations?|claims?|charges?|reports?))",
    re.IGNORECASE,
)
#: A short quotation: one to SCARE_QUOTE_WORDS words between double quotation marks, or curly
#: single ones (a straight single mark is an apostrophe as often).
_SHORT_QUOTATION = re.compile(
    r"(?<![\w\"\u201c\u201d])[\"\u201c\u2018\u00ab]\s?([^\"\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:!?]{1,60}?)\s?"
    r"[\"\u201d\u2019\u00bb](?![\w\"\u201c\u201d])"
)
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def check_framing(
    alignment: Sequence[Group],
    edits_of: Mapping[int, list[Edit]],
    base: Document,
    other: Document,
    base_tokens: Mapping[int, list[Token]],
    other_tokens: Mapping[int, list[Token]],
) -> list[Finding]:
    """The reframing findings of a comparison (see the module's docstring), in reading order."""
    found: list[Finding] = []
    # a response the version gives anywhere, in its words or the wire's, is no response dropped
    answers = any(_RESPONSE.search(s.text) for s in other.sentences if s.role == "body")
    for group in alignment:
        if group.op == "dropped":
            if answers:
                continue
            found += [
                Finding("response_dropped", "medium", f"response dropped: {shortened(text)}", i, None)
                for i in group.base
                if base.sentences[i].role == "body" and _RESPONSE.search(text := base.sentences[i].text)
            ]
            continue
        if group.op not in ("kept", "reworded"):
            continue
        found += _quote_marks_added(group, base, other)
        if group.op != "reworded" or (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue
        found += _cut(group, edits_of.get(id(group), []), base, other, base_tokens, other_tokens, answers)
    return found


def _cut(
    group: Group,
    edits: list[Edit],
    base: Document,
    other: Document,
    base_tokens: Mapping[int, list[Token]],
    other_tokens: Mapping[int, list[Token]],
    answers: bool,
) -> list[Finding]:
    """What a close rewording cut: its source, a caveat, the other side's response (when the
    version ``answers`` nowhere)."""
    found: list[Finding] = []
    other_words = [t for j in group.other for t in other_tokens[j] if not t.quoted]
    other_text = other.text_of(group.other)
    # any verb of speech left, loaded or not, or a word naming a source, still says whose claim it
    # is; a quotation is its speaker's, given in the sentence or beside it
    sourced = (
        any(t.quoted for j in group.other for t in other_tokens[j])
        or not _SOURCE_WORDS.isdisjoint(t.key for t in other_words)
        or any(term.tone != "hedge" for term in reporting_terms(t.key for t in other_words))
    )
    first = group.base[0] if group.base else None
    at = group.other[0] if group.other else None
    for edit in edits:
        if edit.op not in ("delete", "replace"):
            continue
        cut = [t for t in edit.base if not t.quoted]
        if not cut:
            continue
        kept = {t.key for t in edit.other}
        span = _span(base.text_of(group.base), cut)
        if not sourced and _says_who(t.key for t in cut):
            found.append(
                Finding(
                    "source_dropped", "medium", f"source dropped: \u201c{shortened(span)}\u201d", first, at
                )
            )
        elif len(cut) >= thresholds.CAVEAT_MIN_WORDS and (
            _opens_caveat(cut, kept) or (_UNVERIFIED.search(span) and not _UNVERIFIED.search(other_text))
        ):
            found.append(
                Finding(
                    "caveat_dropped", "medium", f"caveat dropped: \u201c{shortened(span)}\u201d", first, at
                )
            )
        elif (
            not answers
            and _RESPONSE.search(span)
            # "declined to comment" -> "commented": answered otherwise (the negations' finding)
            and not reporting_terms(t.key for t in edit.other)
        ):
            found.append(
                Finding(
                    "response_dropped",
                    "medium",
                    f"response dropped: \u201c{shortened(span)}\u201d",
                    first,
                    at,
                )
            )
    return found


def _says_who(keys: Iterable[str]) -> bool:
    return any(term.lemma in SOURCE_VERBS for term in reporting_terms(keys))


def _opens_caveat(cut: list[Token], kept: set[str]) -> bool:
    """Whether the words cut open a condition or a concession the version does not keep."""
    opener = cut[1] if cut[0].key in _CAVEAT_LEADS and len(cut) > 1 else cut[0]
    return opener.key in _CAVEAT_OPENERS and opener.key not in kept


def _span(text: str, tokens: list[Token]) -> str:
    """The words of ``tokens`` as ``text`` writes them (with their hyphens and commas)."""
    pattern = r"\W+".join(re.escape(t.text) for t in tokens)
    match = re.search(pattern, text)
    return match.group() if match else " ".join(t.text for t in tokens)


def newly_quoted(base_text: str, other_text: str) -> list[str]:
    """The short phrases ``other_text`` puts between quotation marks that ``base_text`` writes
    plain: 'the "truce" held' against "the truce held"."""
    plain = _plain_words(base_text)
    marked = {m.group(1).strip().lower() for m in _SHORT_QUOTATION.finditer(base_text)}
    found: list[str] = []
    for match in _SHORT_QUOTATION.finditer(other_text):
        phrase = match.group(1).strip()
        words = _WORD.findall(phrase)
        if not words or len(words) > thresholds.SCARE_QUOTE_WORDS or phrase.lower() in marked:
            continue
        if f" {' '.join(w.lower() for w in words)} " in plain and phrase not in found:
            found.append(phrase)
    return found


def _plain_words(text: str) -> str:
    """``text``'s words outside quotations, lowercased, each between spaces."""
    unquoted = _SHORT_QUOTATION.sub(" | ", text)
    return f" {' '.join(w.lower() for w in _WORD.findall(unquoted))} "


def _quote_marks_added(group: Group, base: Document, other: Document) -> list[Finding]:
    phrases = newly_quoted(base.text_of(group.base), other.text_of(group.other))
    at = group.other[0] if group.other else None
    first = group.base[0] if group.base else None
    return [
        Finding("quote_marks_added", "low", f"put in quotation marks: \u201c{p}\u201d", first, at)
        for p in phrases
    ]
