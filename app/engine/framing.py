"""Reframing done with few words: what a close rewording cuts or marks that changes how a
reader weighs the claim, though the facts stay.

- the source cut: "..., according to the Hamas-run health ministry" or "..., police said" gone,
  and no one said it any more: a claim turned into a fact (``source_dropped``);
- a condition or caveat cut: "talks would resume next week if both sides agreed to an
  exchange" -> "talks would resume next week", "..., although no evidence was provided"
  (``caveat_dropped``);
- the other side's response cut: "The army denied the allegation." dropped, or "... and denied
  striking civilian areas" cut from a sentence kept, when the version answers nowhere
  (``response_dropped``); a sentence saying a claim could not be verified dropped is a caveat;
- a word put in quotation marks that the wire wrote plain: 'the "truce" held', scare quotes, or
  a word of the speaker's quoted ('was "delighted"'), which the text cannot tell apart: a low
  finding for the editor to read (``quote_marks_added``).

Only close rewordings are read for what they cut (as similar as an anchor): a loose one tells its
clauses again, and what it leaves out is no edit of a sentence it keeps. Words inside quotations are
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
from functools import cached_property

from app.engine import thresholds
from app.engine.report import Document, Finding, FindingKind, Group
from app.engine.reporting import NEUTRAL_VERBS, reporting_terms
from app.engine.text import shortened
from app.engine.words import ASKING, CONDITIONS, STOPWORDS, Edit, Token

__all__ = ["check_framing"]

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
    answered testified showed show shows""".split()
)
#: Words that open a condition or a caveat: cut with the clause they open, the claim reads
#: unconditional ("only if" and "even though" open with words of this list too; "asked if" puts a
#: question, :data:`~app.engine.words.ASKING`).
_CAVEAT_OPENERS = CONDITIONS | frozenset("although though whereas except".split())
#: ... and these before one of them: "only if", "even though", "except when".
_CAVEAT_LEADS = frozenset("only even except".split())
#: A caveat that need not open its clause: "a claim that could not be independently verified".
_UNVERIFIED = re.compile(
    r"\b(?:could not|cannot|can ?not|has not|have not|had not|was not|were not|not)\s+(?:been\s+|be\s+)?"
    r"(?:immediately\s+|independently\s+)*(?:verif(?:y|ied)|confirm(?:ed)?|corroborated?)\b"
    r"|\b(?:no|without\s+(?:providing\s+|offering\s+|giving\s+|citing\s+)?(?:any\s+)?)evidence\b",
    re.IGNORECASE,
)
#: The other side's answer cut: a denial of an accusation or a charge ("denied the allegations",
#: "denies murder", "denied using chemical weapons"), a plea of not guilty, or no answer to a
#: request ("declined to comment"). A ruling or an act denied ("the court denied the request",
#: "denied him bail", "No one denies that ...") is none.
_DENIED = (
    r"(?<!no one )(?<!nobody )\bden(?:ied|ies|y|ying)\s+(?:(?:the|any|all|these|those|such|a|an)\s+)?"
    r"(?:\w+ing\b|that\b|it\b|this\b|(?:\w+\s+)?(?:allegations?|accusations?|charges?|claims?|reports?|"
    r"wrongdoing|involvement|responsibility|murder|manslaughter|assault|rape|theft|fraud|libel|"
    r"offen[cs]es?|counts?|conspiracy|bribery|corruption|abuse)\b)"
)
_NO_COMMENT = (
    r"(?:declined|refused)\s+to\s+comment|did\s+not\s+(?:immediately\s+)?(?:respond|reply|comment)"
    r"|could\s+not\s+(?:immediately\s+)?be\s+reached|no\s+immediate\s+comment|not\s+(?:immediately\s+)?"
    r"available\s+for\s+comment"
)
_RESPONSE = re.compile(
    rf"{_DENIED}|{_NO_COMMENT}|\bplead(?:s|ed)?\s+not\s+guilty"
    r"|\b(?:rejected|dismissed)\s+(?:the|these|those|such)\s+(?:\w+\s+)?(?:allegations?|accusations?|claims?|charges?)",
    re.IGNORECASE,
)
#: What in a version answers for the other side, in the wire's words or its own: a response, or
#: "rejects", "disputes", "contests", "maintains his innocence", "unavailable for comment".
_ANSWER = re.compile(
    rf"{_RESPONSE.pattern}|\bden(?:ied|ies|y|ying)\b|\b(?:reject|dispute|contest)(?:s|ed|ing)?\b|\binnocen(?:ce|t)\b"
    r"|\bunavailable\s+for\s+comment|\bno\s+comment\b|\bnot\s+guilty\b",
    re.IGNORECASE,
)
#: A short quotation: one to SCARE_QUOTE_WORDS words between double quotation marks, or curly
#: single ones (a straight single mark is an apostrophe as often).
_SHORT_QUOTATION = re.compile(
    r"(?<![\w\"\u201c\u201d])[\"\u201c\u2018\u00ab]\s?([^\"\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:!?]{1,60}?)\s?"
    r"[\"\u201d\u2019\u00bb](?![\w\"\u201c\u201d])"
)
_OPENING_MARKS = ('"', "\u201c", "\u2018", "\u00ab")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def check_framing(
    alignment: Sequence[Group],
    edits_of: Mapping[int, list[Edit]],
    base: Document,
    other: Document,
    other_tokens: Mapping[int, list[Token]],
) -> list[Finding]:
    """The reframing findings of a comparison (see the module's docstring), in reading order."""
    found: list[Finding] = []
    version = _Version(other)
    for group in alignment:
        if group.op == "dropped":
            for i in group.base:
                text = base.sentences[i].text
                if base.sentences[i].role != "body":
                    continue
                if _responds(text) and not version.answers:
                    found.append(
                        Finding("response_dropped", "medium", f"response dropped: {shortened(text)}", i, None)
                    )
                elif _unverified(text) and not version.unverified:  # "Reuters could not verify the claim."
                    found.append(
                        Finding("caveat_dropped", "medium", f"caveat dropped: {shortened(text)}", i, None)
                    )
            continue
        if group.op not in ("kept", "reworded") or base.text_of(group.base) == other.text_of(group.other):
            continue
        found += _quote_marks_added(group, base, other)
        if group.op != "reworded" or (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue
        found += _cut(group, edits_of.get(id(group), []), base, other, other_tokens, version)
    return found


class _Version:
    """What the version says anywhere, read once and only when a finding asks (a long text's
    sentences are many, and most comparisons drop no response)."""

    def __init__(self, document: Document) -> None:
        self._body = [s.text for s in document.sentences if s.role == "body"]

    @cached_property
    def answers(self) -> bool:
        """A response the version gives anywhere, in its words or the wire's: none was dropped."""
        return any(_ANSWER.search(text) for text in self._body)

    @cached_property
    def unverified(self) -> bool:
        """The version says somewhere that a claim could not be verified."""
        return any(_unverified(text) for text in self._body)


#: Words one of which every response and every unverified claim holds: the regular expressions
#: are tried only where one is (most sentences hold none).
_RESPONSE_HINTS = ("den", "comment", "guilty", "reached", "reject", "dismiss")
_UNVERIFIED_HINTS = ("verif", "confirm", "corroborat", "evidence")


def _responds(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _RESPONSE_HINTS) and _RESPONSE.search(text) is not None


def _unverified(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _UNVERIFIED_HINTS) and _UNVERIFIED.search(text) is not None


def _cut(
    group: Group,
    edits: list[Edit],
    base: Document,
    other: Document,
    other_tokens: Mapping[int, list[Token]],
    version: _Version,
) -> list[Finding]:
    """What a close rewording cut: its source, a caveat, the other side's response (when the
    ``version`` answers nowhere). ``other_tokens``: the version's, by sentence."""
    found: list[Finding] = []
    other_text, base_text = other.text_of(group.other), base.text_of(group.base)
    kind: FindingKind
    for edit in edits:
        if edit.op not in ("delete", "replace"):
            continue
        cut = [t for t in edit.base if not t.quoted]
        if not cut:
            continue
        span = _span(base_text, cut)
        if _says_who(t.key for t in cut):
            if _sourced(cut, [t for j in group.other for t in other_tokens[j]]):
                continue
            kind, message = "source_dropped", "source dropped"
        elif len(cut) >= thresholds.CAVEAT_MIN_WORDS and (
            (_opens_caveat(cut, {t.key for t in edit.other}) and not _asked_before(base_text, span))
            or (_unverified(span) and not _unverified(other_text))
        ):
            kind, message = "caveat_dropped", "caveat dropped"
        elif (
            _responds(span)
            and not version.answers
            # "declined to comment" -> "commented": answered otherwise (the negations' finding)
            and not reporting_terms(t.key for t in edit.other)
        ):
            kind, message = "response_dropped", "response dropped"
        else:
            continue
        found.append(
            Finding(
                kind,
                "medium",
                f"{message}: \u201c{shortened(span)}\u201d",
                base.holding(group.base, span),
                other.holding(group.other, _span(other_text, edit.other)),
            )
        )
    return found


def _sourced(cut: list[Token], other_tokens: list[Token]) -> bool:
    """Whether the version's sentence (``other_tokens``) still says whose claim it is: a verb of
    speech, loaded or not, or a word naming a source, is left; a quotation is its speaker's, given
    in the sentence or beside it; or the words cut with the verb named no one the sentence does
    not name still (:func:`_named_still`)."""
    if any(t.quoted for t in other_tokens):
        return True
    keys = {t.key for t in other_tokens}
    return (
        not _SOURCE_WORDS.isdisjoint(keys)
        or any(term.tone != "hedge" for term in reporting_terms(keys))
        or _named_still(cut, keys)
    )


def _named_still(cut: list[Token], other_keys: set[str]) -> bool:
    """Whether the version's sentence still names who the cut words said said it: a word of theirs
    that is no verb of speech nor a function word ("per the health ministry", "health ministry
    figures show" for "the health ministry said")."""
    named = {t.key for t in cut if t.key not in STOPWORDS and not reporting_terms((t.key,))}
    # nothing named cut with the verb: who said it stands in the sentence still ("the health
    # ministry said" -> "per the health ministry"); "ministry's" names the ministry
    return not named or any(key.startswith(word) for word in named for key in other_keys)


def _asked_before(text: str, span: str) -> bool:
    """Whether ``span`` follows a verb of asking in ``text`` ("asked the minister if ...")."""
    at = text.find(span)
    before = _WORD.findall(text[:at]) if at > 0 else []
    return any(word.lower() in ASKING for word in before[-3:])


def _says_who(keys: Iterable[str]) -> bool:
    return any(term.lemma in SOURCE_VERBS for term in reporting_terms(keys))


def _opens_caveat(cut: list[Token], kept: set[str]) -> bool:
    """Whether the words cut open a condition or a concession the version does not keep."""
    opener = cut[1] if cut[0].key in _CAVEAT_LEADS and len(cut) > 1 else cut[0]
    return opener.key in _CAVEAT_OPENERS and opener.key not in kept


def _span(text: str, tokens: list[Token]) -> str:
    """The words of ``tokens`` as ``text`` writes them (with their hyphens and commas): from the
    first token's place to the end of the last, each looked for as a word after the one before."""
    start, at = -1, 0
    for token in tokens:
        found = _find_word(text, token.text, at)
        if found < 0:
            return " ".join(t.text for t in tokens)
        start = found if start < 0 else start
        at = found + len(token.text)
    return text[start:at] if start >= 0 else ""


def _find_word(text: str, word: str, at: int) -> int:
    """Where ``word`` stands in ``text`` as a whole word from ``at`` on, or -1."""
    found = text.find(word, at)
    while found >= 0:
        end = found + len(word)
        if (not found or not text[found - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return found
        found = text.find(word, found + 1)
    return -1


def _newly_quoted(base_text: str, other_text: str) -> list[str]:
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
        if all(re.search(rf"\b{re.escape(w[:1].upper() + w[1:])}\b", base_text) for w in words):
            continue  # a name or a title the wire capitalises too ("Oppenheimer", "Operation Care")
        if f" {' '.join(w.lower() for w in words)} " in plain and phrase not in found:
            found.append(phrase)
    return found


def _plain_words(text: str) -> str:
    """``text``'s words outside quotations, lowercased, each between spaces."""
    unquoted = _SHORT_QUOTATION.sub(" | ", text)
    return f" {' '.join(w.lower() for w in _WORD.findall(unquoted))} "


def _quote_marks_added(group: Group, base: Document, other: Document) -> list[Finding]:
    other_text = other.text_of(group.other)
    if not any(mark in other_text for mark in _OPENING_MARKS):
        return []  # most sentences quote nothing
    phrases = _newly_quoted(base.text_of(group.base), other_text)
    sides = (base, other, group)
    return [
        Finding.of_change(
            "quote_marks_added", "low", f"put in quotation marks: \u201c{p}\u201d", sides, (p, p)
        )
        for p in phrases
    ]
