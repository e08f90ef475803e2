"""The specifics a story carries, matched across an alignment: its quotations (verbatim,
altered, missing, new), figures (changed, missing, new), reporting verbs, word swaps and wire
credits."""

from __future__ import annotations

import dataclasses
import itertools
import operator
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from app.engine import thresholds
from app.engine.budget import Budget
from app.engine.quantities import ABOUT, CURRENCY_CODES, DURATIONS, Quantity, find_quantities, same_quantity
from app.engine.report import (
    Attribution,
    Change,
    Document,
    Group,
    NumberChange,
    Quote,
    QuoteStatus,
    ReportingVerbChange,
    Substitution,
)
from app.engine.reporting import (
    DOUBTING_VERBS,
    LOADED_VERBS,
    NEUTRAL_VERBS,
    SPEAKER_AFTER_ONLY,
    SPEAKER_VERBS_ABROAD,
    Term,
    reporting_terms,
    reports_speech,
)
from app.engine.text import MONTHS, WEEKDAYS, find_credits, looks_english, quoted_spans, squash
from app.engine.words import (
    ASKING,
    CONDITIONS,
    NEGATING_WORDS,
    NEGATIONS,
    QUOTE_JOINING_WORDS,
    STOPWORDS,
    SUBJECT_PRONOUNS,
    Edit,
    Token,
    diff_words,
    folded,
    inflections_of_one_word,
    stemmer,
    swap_candidates,
    swap_key,
    token_keys,
)

__all__ = [
    "check_attribution",
    "check_numbers",
    "check_quotes",
    "check_reporting_verbs",
    "count_substitutions",
    "find_quotes",
    "names_swapped",
    "reattributed",
    "speakers",
]

_OPEN_QUOTE = re.compile(r"^[\"\u201c]")
#: Chinese and Japanese characters: quotations there have no spaces to count words by.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass(slots=True)
class _Quotation:
    text: str
    sentence: int
    key: str


def find_quotes(
    document: Document, known: dict[str, list[tuple[str, str]]] | None = None
) -> list[_Quotation]:
    """Quotations of two words or more in the body and title, in order.

    A quotation left open at the end of its sentence runs to the end of it (news
    style for quotes that continue in the next paragraph). ``known``: each text's
    quotations (text and key) read so far, read from and added to; versions of a
    story share most of their sentences word for word.
    """
    known = {} if known is None else known
    found: list[_Quotation] = []
    sentences = [s for s in document.sentences if s.role != "boilerplate"]
    for k, sentence in enumerate(sentences):
        following = sentences[k + 1] if k + 1 < len(sentences) else None
        # a quotation left open in straight marks runs on only into a paragraph opening with one
        reopened = following is not None and following.text.startswith('"')
        cached = f"{sentence.text}\x00" if reopened else sentence.text
        quotations = known.get(cached)
        if quotations is None:
            quotations = known[cached] = _quotations(sentence.text, reopened)
        found.extend(_Quotation(inner, sentence.index, key) for inner, key in quotations)
    return found


def _quotations(text: str, reopened: bool = False) -> list[tuple[str, str]]:
    """The quotations of one sentence (see :func:`find_quotes`): text and key (:func:`_quote_key`).
    ``reopened``: the next sentence opens with a straight quotation mark."""
    spans = quoted_spans(text)
    if not spans and _OPEN_QUOTE.match(text) and _left_open(text, reopened):
        spans = [(0, len(text))]
    quotations = []
    for start, end in spans:
        inner = text[start + 1 : end].strip()
        if (
            text[start] in _ENGLISH_MARKS
            and _is_title(inner)
            and not _SAID_BEFORE.search(text, max(0, start - _SAID_WINDOW), start)
        ):
            continue
        if (len(inner.split()) >= 2 or len(_CJK.findall(inner)) >= 4) and (
            key := _quote_key(_INCISE.sub(" ", inner))
        ):
            quotations.append((inner, key))
    return quotations


def _quote_key(text: str) -> str:
    """What a quotation is matched by: its letters and digits (:func:`squash`), without
    diacritics, which outlets drop or change without changing a word ("Erdoğan" written
    "Erdogan", Russian "ещё" written "еще")."""
    return folded(squash(text))


def _left_open(text: str, reopened: bool) -> bool:
    """Whether the one quotation mark of a sentence opens it and nothing closes it: a curly one,
    or a straight one when the next sentence opens with another ('"The economy is not sending
    any signals.' and a paragraph '"Ultimately, ...," Powell said.': news style for a quotation
    that goes on in the next paragraph). A straight mark is both opening and closing, and text
    split into sentences by a plain rule leaves one alone at either end of a quotation it cuts."""
    curly = text.count("\u201c") == 1 and "\u201d" not in text
    straight = reopened and text.count('"') == 1 and "\u201c" not in text and "\u201d" not in text
    return curly or straight


#: A quotation this many words long or shorter, found in base's text without quotation marks, is
#: a term put in them (a name, scare quotes), not a quotation new to the text, unless someone
#: is said to say it ('the ministry called it "crimes against humanity"').
_TERM_WORDS = 4


def _said(sentence: str, quotation: str) -> bool:
    """Whether a word of speech stands in the few words before the quotation in its sentence."""
    at = sentence.find(quotation)
    return at > 0 and _SPEECH.search(sentence, max(0, at - 1 - _SAID_WINDOW), max(0, at - 1)) is not None


_SPEECH = re.compile(
    r"\b(?:said|says|say|told|admitted|admits|denied|denies|called|calls|described|accused|claimed|claims|"
    r"warned|insisted|chanted|shouted|wrote|declared|dismissed|condemned|branded)\b",
    re.IGNORECASE,
)


#: An attribution French and Spanish write inside the quotation marks, which an outlet may move
#: out: «Nous ne partirons pas, a martelé un éleveur, nous resterons», «No vamos a ceder
#: —aseguró un ganadero—, seguiremos». The quotation's words are the rest.
_INCISE = re.compile(
    r",\s*(?:a|ont|avait)(?:-t-(?:il|elle|on))?\s+(?:\w+\s+){0,1}?"
    r"(?:déclaré|dit|martelé|ajouté|expliqué|affirmé|souligné|assuré|indiqué|estimé|lancé|précisé|"
    r"confié|insisté|poursuivi|résumé|raconté|prévenu|averti|relevé|observé|noté)\b[^,\u00bb]{0,80},"
    r"|,\s*(?:dit|déclare|ajoute|explique|affirme|souligne|assure|indique|estime|précise)(?:-(?:il|elle))?\b[^,\u00bb]{0,80},"
    r"|\s*[\u2014\u2013]\s*(?:dijo|aseguró|afirmó|explicó|añadió|señaló|indicó|agregó|declaró|comentó|"
    r"advirtió|subrayó|apuntó|insistió)\b[^\u2014\u2013]{0,80}[\u2014\u2013],?",
    re.IGNORECASE,
)


#: Words a title leaves in lower case ("Killers of the Flower Moon").
_TITLE_SMALL = frozenset(
    "a an the and or of in on at to for by with from as vs de la le du des von van der".split()
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


#: English quotation marks: the title rule reads English capitals (German writes every noun with
#: one: „Blanker Hohn“ is a quotation).
_ENGLISH_MARKS = frozenset('"\u201c')
#: Words just before a quotation that make it said, written or shown, whatever its capitals:
#: 'chanted "Death to Israel"', 'banners reading "Stop the War"', 'wrote: "..."'.
_SAID_WINDOW = 24  # characters before the quotation mark: the words just before it
_SAID_BEFORE = re.compile(
    r"(?:\b(?:said|says|say|told|chanted|chanting|chant|shouted|shouting|read|reading|reads|wrote|writes|"
    r"posted|tweeted|declared|saying|slogan|slogans|message|sign|signs|banner|banners)"
    r"|:)\s*$",
    re.IGNORECASE,
)


def _is_title(inner: str) -> bool:
    """A film's, a book's or an operation's name in quotation marks ("Ring of Fire", "Killers of
    the Flower Moon," as American style puts the comma inside): every word capitalised but the
    small ones, and no question or exclamation. Nobody is quoted: a list of nominated films is no
    text full of quotations, and two texts naming the same films share no quotation."""
    words = _TITLE_WORD.findall(inner)
    return (
        len(words) >= 2
        and not inner.isupper()  # shouted, not a title
        and inner[-1:] not in "!?;:\u2026"
        and words[0][0].isupper()
        and all(word[0].isupper() or word.lower() in _TITLE_SMALL for word in words)
    )


class _Haystack:
    """The body of a document keyed as quotations are (:func:`_quote_key`), searchable, mapping
    hits back to sentences."""

    def __init__(self, document: Document) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        self.indices: list[int] = []
        position = 0
        for sentence in document.sentences:
            if sentence.role == "boilerplate":
                continue
            key = _quote_key(sentence.text)
            self.starts.append(position)
            self.indices.append(sentence.index)
            parts.append(key)
            position += len(key)
        self.text = "".join(parts)
        self.position = {index: k for k, index in enumerate(self.indices)}

    def find(self, key: str, near: list[int]) -> int | None:
        """The sentence holding ``key``: anywhere in a text of ordinary length; in a
        very long one, around the sentences ``near`` (the quote's matched sentences),
        so that thousands of quotations do not each scan megabytes."""
        if len(self.text) <= thresholds.QUOTE_FULL_SEARCH_CHARS:
            start, end = 0, len(self.text)
        else:
            positions = [self.position[i] for i in near if i in self.position]
            if not positions:
                return None
            window = thresholds.QUOTE_SEARCH_WINDOW
            first = max(0, min(positions) - window)
            last = min(len(self.starts) - 1, max(positions) + window)
            start = self.starts[first]
            end = self.starts[last + 1] if last + 1 < len(self.starts) else len(self.text)
        at = self.text.find(key, start, end)
        if at < 0:
            return None
        return self.indices[bisect_right(self.starts, at) - 1]


def check_quotes(
    base: Document,
    other: Document,
    alignment: list[Group],
    budget: Budget | None = None,
    language: str | None = None,
) -> list[Quote]:
    """Every base quotation: verbatim, altered (with its diff) or missing; then the new ones
    (``language``: other's, whose plain joining words between two of the wire's quotations are
    no words of the outlet's: :data:`~app.engine.words.QUOTE_JOINING_WORDS`).

    Verbatim: found, squashed, anywhere in other's body. Altered: the closest other
    quotation scores QUOTE_ALTERED_RATIO or more (searched among the quotations of the
    matched sentences, or all of them in short texts), or the words are found changed
    inside the matched sentence. New: other's quotations that no base one accounts for.
    """
    known: dict[str, list[tuple[str, str]]] = {}
    base_quotes = find_quotes(base, known)
    other_quotes = find_quotes(other, known)
    haystack = _Haystack(other)
    partner = _partners(alignment)
    texts = {s.index: s.text for s in other.sentences}
    base_texts = {s.index: s.text for s in base.sentences}
    base_partner = _partners(alignment, other_side=True)
    quotes_in: dict[int, list[int]] = {}
    for k, candidate in enumerate(other_quotes):
        quotes_in.setdefault(candidate.sentence, []).append(k)
    claimed: set[int] = set()
    near: dict[tuple[int, str], list[int]] = {}  # other's quotations around a key in a sentence
    lengthened: dict[tuple[int, int, str, str], _Quotation | None] = {}  # (:func:`_lengthened`)
    results: list[Quote] = []
    budget = budget or Budget(None)
    glue = STOPWORDS | QUOTE_JOINING_WORDS.get(language or "", frozenset())
    for quote in base_quotes:
        budget.check("quotes")  # thousands of quotations each search the other text
        partners = partner.get(quote.sentence, [])
        everywhere = len(other_quotes) <= thresholds.QUOTE_FULL_SEARCH
        hit = haystack.find(quote.key, partners)
        if hit is not None:
            # read once for each quotation of a sentence found in each other sentence: a sentence
            # repeating one quotation thousands of times read them all again for each
            around = near.get((hit, quote.key))
            if around is None:
                around = near[hit, quote.key] = [
                    k
                    for k in quotes_in.get(hit, [])
                    if other_quotes[k].key in quote.key or quote.key in other_quotes[k].key
                ]
                claimed.update(around)
            read = (hit, quote.sentence, quote.key, quote.text)
            if read not in lengthened:
                told = [base_texts[i] for i in dict.fromkeys([quote.sentence, *base_partner.get(hit, [])])]
                lengthened[read] = _lengthened(quote, [other_quotes[k] for k in around], told, glue)
            longer = lengthened[read]
            if longer is not None:
                results.append(
                    Quote(
                        quote.text,
                        quote.sentence,
                        "altered",
                        hit,
                        longer.text,
                        diff_words(quote.text, longer.text),
                    )
                )
            else:
                results.append(Quote(quote.text, quote.sentence, "verbatim", hit, quote.text))
            continue
        # the same words around an attribution written inside the marks («..., a-t-il dit, ...»)
        same = next((k for k in _quotes_of(partners, quotes_in) if other_quotes[k].key == quote.key), None)
        if same is not None:
            # its words kept; the attribution inside the marks moved out, or changed (the speaker)
            kept = other_quotes[same]
            said = (
                [squash(x) for x in _INCISE.findall(quote.text)],
                [squash(x) for x in _INCISE.findall(kept.text)],
            )
            same_status: QuoteStatus = "altered" if all(said) and said[0] != said[1] else "verbatim"
            changes = diff_words(quote.text, kept.text) if same_status == "altered" else []
            results.append(Quote(quote.text, quote.sentence, same_status, kept.sentence, kept.text, changes))
            claimed.add(same)
            continue
        # the pieces of a split quote: in its matched sentences and the sentence after each
        pieces = _split_verbatim(
            quote.key,
            other_quotes,
            range(len(other_quotes))
            if everywhere
            else sorted(set(_quotes_of([*partners, *(j + 1 for j in partners)], quotes_in))),
        )
        if pieces:
            # kept word for word around its attribution: '"This decision protects competition,"
            # Kule said, "and the millions of users..."'
            first = other_quotes[pieces[0]]
            results.append(Quote(quote.text, quote.sentence, "verbatim", first.sentence, quote.text))
            claimed.update(pieces)
            continue
        pool = range(len(other_quotes)) if everywhere else _quotes_of(partners, quotes_in)
        best = process.extractOne(
            quote.key,
            {k: other_quotes[k].key for k in pool},
            scorer=fuzz.ratio,
            score_cutoff=thresholds.QUOTE_ALTERED_RATIO,
        )
        if best is None:
            # in the matched sentence itself, a looser likeness is enough
            best = process.extractOne(
                quote.key,
                {k: other_quotes[k].key for k in _quotes_of(partners, quotes_in)},
                scorer=fuzz.ratio,
                score_cutoff=thresholds.QUOTE_ALTERED_IN_PARTNER_RATIO,
            )
        if best is None:
            best = _word_cut_in_partner(quote, _quotes_of(partners, quotes_in), other_quotes)
        if best is not None:
            candidate = other_quotes[best[2]]
            claimed.add(best[2])
            changes = diff_words(quote.text, candidate.text)
            status: QuoteStatus = _part_of(candidate.text, quote.text) or "altered"
            results.append(
                Quote(quote.text, quote.sentence, status, candidate.sentence, candidate.text, changes)
            )
            continue
        part = next(
            (
                (k, cut)
                for k in _quotes_of(partners, quotes_in)
                if (cut := _part_of(other_quotes[k].text, quote.text)) is not None
            ),
            None,
        )
        if part is not None:
            # a part of it quoted word for word, the rest said outside the quotation marks or cut
            candidate = other_quotes[part[0]]
            claimed.add(part[0])
            changes = diff_words(quote.text, candidate.text)
            results.append(
                Quote(quote.text, quote.sentence, part[1], candidate.sentence, candidate.text, changes)
            )
            continue
        altered = _altered_in_partner(quote, partners, texts)
        if altered is not None:
            results.append(altered)
        else:
            results.append(Quote(quote.text, quote.sentence, "missing", None, None))
    base_keys = "\x00".join(q.key for q in base_quotes)
    base_body: _Haystack | None = None
    for k, candidate in enumerate(other_quotes):
        budget.check("quotes")
        if k in claimed or candidate.key in base_keys:
            continue
        # a name or a term base states without quotation marks, only put in them (\u00ab gilets
        # jaunes \u00bb): not new; longer words put in someone's mouth are
        base_body = base_body or _Haystack(base)
        if (
            len(candidate.text.split()) > _TERM_WORDS
            or _said(texts[candidate.sentence], candidate.text)
            or base_body.find(candidate.key, []) is None
        ):
            results.append(Quote(candidate.text, None, "new", candidate.sentence, candidate.text))
    return results


def _lengthened(
    quote: _Quotation, around: list[_Quotation], told: list[str], glue: Collection[str]
) -> _Quotation | None:
    """The other's quotation that holds the whole of ``quote`` and words of its own inside the
    same marks ("the situation is catastrophic" quoted as "the situation is catastrophic and
    hopeless"): words put in the speaker's mouth. None when it adds more than
    QUOTE_LENGTHENED_WORDS (a longer quotation of the same speech), when a quotation of other is ``quote``
    itself, or when every word it adds stands in ``told``, the base sentences it tells again
    (the quote's and those matched with the other's), or is a function word joining them (of
    ``glue``, the copy's language's plain joining words): the
    wire's own telling of what was said around a partial quotation, quoted at more length ('said
    the situation was "utterly catastrophic"' quoted as "the situation was utterly
    catastrophic"), or the wire's quotation in two sentences, or two partial quotations, quoted
    in one ("strong" and "jobs are growing" as "strong and jobs are growing")."""
    if any(candidate.key == quote.key for candidate in around):
        return None
    said = {key for text in told for key in token_keys(text)}
    for candidate in around:
        if quote.key not in candidate.key:
            continue
        added = [
            key
            for change in diff_words(quote.text, candidate.text)
            if change.op != "glue"
            for key in token_keys(change.other)
        ]
        # a connective or function word joining the wire's own words is no word of the
        # outlet's ('"The economy is strong," ... adding that "jobs are growing"' quoted as "The
        # economy is strong and jobs are growing"; "et" in French copy); a negation is one
        own = [key for key in added if key not in said and (key not in glue or key in NEGATIONS)]
        if 0 < len(own) <= thresholds.QUOTE_LENGTHENED_WORDS:
            return candidate
    return None


def _word_cut_in_partner(
    quote: _Quotation, pool: list[int], other_quotes: list[_Quotation]
) -> tuple[str, float, int] | None:
    """In the matched sentence, a short quotation with a word or two cut, added or changed: "no
    reasonable doubt" -> "no doubt" shares too few characters for a likeness of its squashed text,
    yet is that quotation, altered. As ``process.extractOne`` answers: (key, score, number)."""
    words = _WORD.findall(quote.text.lower())
    if not 2 <= len(words) <= thresholds.QUOTE_SHORT_WORDS:
        return None
    for k in pool:
        other = _WORD.findall(other_quotes[k].text.lower())
        changed = Indel.distance(words, other)
        kept = len(words) + len(other) - changed  # twice the words in common
        # two words in common, or the one content word a two-word quotation kept ("deeply
        # disappointing" -> "disappointing")
        enough = kept >= 4 or (kept == 2 and len(words) == 2 and other[0] not in STOPWORDS)
        if enough and changed <= thresholds.QUOTE_SHORT_WORDS_CHANGED:
            return other_quotes[k].key, 0.0, k
    return None


def _quotes_of(sentences: Iterable[int], quotes_in: dict[int, list[int]]) -> list[int]:
    """Other's quotations (by number) in these sentences, in their order."""
    return [k for j in sentences for k in quotes_in.get(j, [])]


def _split_verbatim(key: str, other_quotes: list[_Quotation], pool: range | list[int]) -> list[int]:
    """Consecutive quotations of other (from ``pool``) that join to ``key``, word for word: the
    quote kept whole, broken by its attribution or a sentence end; [] when none do."""
    for start in pool:
        joined = other_quotes[start].key
        if joined == key or not key.startswith(joined):
            continue
        pieces = [start]
        for k in range(start + 1, len(other_quotes)):
            joined += other_quotes[k].key
            if not key.startswith(joined):
                break
            pieces.append(k)
            if joined == key:
                return pieces
    return []


def _altered_in_partner(quote: _Quotation, partners: list[int], texts: dict[int, str]) -> Quote | None:
    """The quotation's words found inside the matched sentence without its quotation marks:
    paraphrased when only indirect speech changed them ("Kule said the decision protected ..."),
    altered when a content word, a name, a figure or a negation changed."""
    for index in partners:
        text = texts[index]
        match = fuzz.partial_ratio_alignment(quote.text, text, processor=str.lower)
        if match is not None and match.score >= thresholds.QUOTE_ALTERED_RATIO:
            start, end = _word_bounds(text, match.dest_start, match.dest_end)
            found = text[start:end].strip()
            changes = diff_words(quote.text, found)
            english = looks_english(quote.text)
            status: QuoteStatus = (
                "paraphrased"
                if all(_grammatical(change, english=english) for change in changes)
                else "altered"
            )
            return Quote(quote.text, quote.sentence, status, index, found, changes)
    return None


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved out to the edges of the words they fall in."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


#: Words indirect speech puts a name, a noun phrase or a date for: "We will respond" -> "Russia
#: would respond", "tomorrow" -> "on Tuesday".
_SPEAKER_WORDS = frozenset("i we you me us my our your mine ours yours this".split())
_TIME_WORDS = frozenset("today tomorrow yesterday tonight now here currently".split())
#: A word with a capital, or a figure. Its words are read whole (never given back): a word is
#: the whole run of letters or nothing, a capital among them, or a multiplication sign (in the
#: class of capitals, no letter) between two runs; read with a capital taken at every split of the
#: run, a long word before a digit took seconds.
_NAME_OR_FIGURE = re.compile(
    r"(?<!\w)(?:[^\W\d_]*+\u00d7[^\W\d_]*+(?!\w)|(?=[^\W\d_]*[A-Z\u00c0-\u00d6\u00d8-\u00de])[^\W\d_]*+(?!\w)"
    r"|\d[\d.,]*(?!\w))"
)


def _grammatical(change: Change, *, english: bool = True) -> bool:
    """A change indirect speech makes: function words and pronouns ("This" -> "the", "we" ->
    "they"), tense and person ("protects" -> "protected"), words left out; not a content word, a
    name, a figure or a negation put for another ("Israel" -> "Iran", "will not resign" -> "will
    resign")."""
    if change.op == "glue":
        return True
    before, after = token_keys(change.base), token_keys(change.other)
    if sum(k in NEGATIONS for k in before) != sum(k in NEGATIONS for k in after):
        return False
    if change.op == "delete":
        return True
    if not english:  # another language's grammar is not read: its names and figures are
        return set(_NAME_OR_FIGURE.findall(change.other)) <= set(_NAME_OR_FIGURE.findall(change.base))
    if _SPEAKER_WORDS.intersection(before) or _TIME_WORDS.intersection(before):
        return not any(key[:1].isdigit() for key in before + after)  # the speaker or the day named
    left = [k for k in before if k not in STOPWORDS]
    right = [k for k in after if k not in STOPWORDS]
    return all(any(inflections_of_one_word(x, y) for y in right) for x in left) and all(
        any(inflections_of_one_word(x, y) for x in left) for y in right
    )


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\.\s\.\s\.|\u2026|\[\.\.\.\]|\[\u2026\])\s*")


def _part_of(other_text: str, base_text: str) -> QuoteStatus | None:
    """A quotation of other that is a part of the base quotation, word for word (one stretch of
    it, or stretches in order around an ellipsis: "We will ... appeal"; "long term" for
    "long-term"): shortened; altered when the cut turns it around, a negation cut between the
    pieces or just before or after them in the same clause ("We will not, under any
    circumstances, appeal" cut to "We will ... appeal"; "This was not a massacre" to "a
    massacre"), or a condition cut beside them ("We will send troops only if the UN asks" to "We will
    send troops"). None when it is no part of it ("acceptable" is no part of "unacceptable")."""
    keys = token_keys(base_text)
    # where each word starts in the words joined, and the end: a part starts and ends at these
    word_at = {edge: k for k, edge in enumerate(itertools.accumulate((len(key) for key in keys), initial=0))}
    joined = "".join(keys)
    pieces = [
        "".join(piece_keys) for piece in _ELLIPSIS.split(other_text) if (piece_keys := token_keys(piece))
    ]
    if not pieces:
        return None
    at, spans = 0, []
    for piece in pieces:
        found = joined.find(piece, at)
        while found >= 0 and not (found in word_at and found + len(piece) in word_at):
            found = joined.find(piece, found + 1)
        if found < 0:
            return None
        spans.append((word_at[found], word_at[found + len(piece)]))
        at = found + len(piece)
    first, last = spans[0][0], spans[-1][1]
    near = set(range(first, last)) - {i for a, b in spans for i in range(a, b)}  # the gaps
    for step, start in ((-1, first - 1), (1, last)):
        index = start
        while 0 <= index < len(keys) and abs(index - start) < _CUT_NEAR and keys[index] not in _CLAUSE_WORDS:
            near.add(index)
            index += step
    cut_negation = any(
        keys[i] in NEGATIONS
        or keys[i] in NEGATING_WORDS
        or (keys[i] in CONDITIONS and ASKING.isdisjoint(keys[max(i - 2, 0) : i]))  # "asking me if"
        for i in near
    )
    return "altered" if cut_negation else "shortened"


#: How far from a kept part a cut negation still turns it around, in words (within its clause).
_CUT_NEAR = 4
_CLAUSE_WORDS = frozenset({"but", "and", "or", "while", "although", "though", "because", "yet"})


#: Quoted words, to be left out of a sentence's speakers: "..." or \u201c...\u201d.
_QUOTATIONS = re.compile(r"[\"\u201c\u201e][^\"\u201c\u201d\u201e]*[\"\u201d]?")
_NAME_WORDS = re.compile(r"\b[A-Z][\w'\u2019-]*")


def _capitalised_run(capitals: str, *, whole: bool = False) -> str:
    """Capitalised words in a row ("Prime Minister Shehbaz Sharif"), their first letters of the
    class ``capitals``. ``whole``: taken whole, never given back (possessive): every reporting
    verb a run precedes starts in lower case, so only the whole run can stand before one
    (:data:`_NAMED_SPEAKER`)."""
    more = "+" if whole else ""
    word = rf"[{capitals}][\w'\u2019.-]*{more}"
    return rf"{word}(?:\s+{word})*{more}"


_CAPITALISED_RUN = _capitalised_run("A-Z")
_WHOLE_RUN = _capitalised_run("A-Z", whole=True)


def _run_passed(capital: str, starting: str) -> str:
    """A capitalised run read past without a speaker in it (``capital``: the class of its first
    letters), stopping only where ``starting`` (a pattern) could start a speaker inside it: a
    word start after an apostrophe, a full stop, a hyphen or a space ("Al-said Bilal Faizi").
    Once a run is followed by no reporting verb, no letter after its first one starts a run that
    is (it ends where the run ends): reading past it at once keeps the search linear, where
    trying each of its capitals again read the rest of the run each time."""
    return rf"[{capital}](?:\w++|['\u2019.-](?!{starting})|\s++(?=[{capital}])(?!{starting}))*+"


#: Every form of the reporting verbs (:mod:`app.engine.reporting`), longest first.
_REPORTING_FORMS = "|".join(
    sorted(
        {
            form
            for verbs in (NEUTRAL_VERBS, LOADED_VERBS)
            for lemma, forms in verbs.items()
            for form in (lemma, *forms)
        },
        key=len,
        reverse=True,
    )
)
#: The verbs a speaker's name follows, and one followed by a name.
_SPEAKER_AFTER = r"(?:said|says|added|adds|according\s+to)"
_SPEAKER_AFTER_FOLLOWED = rf"{_SPEAKER_AFTER}\s+[A-Z]"
#: Who a sentence says spoke, in English copy: a name before a reporting verb ("Faizi told",
#: "Prime Minister Shehbaz Sharif claimed"), or after one that puts the speaker there ("said Bilal
#: Faizi", "according to Mr Lloyd"); after "told" or "warned" comes whom it was said to.
#: The third alternative, no speaker, matches a run the first did not take (:func:`_run_passed`).
_NAMED_SPEAKER = re.compile(
    rf"({_WHOLE_RUN}),?\s+(?:{_REPORTING_FORMS})\b"
    rf"|\b{_SPEAKER_AFTER}\s+({_CAPITALISED_RUN})"
    rf"|{_run_passed('A-Z', _SPEAKER_AFTER_FOLLOWED)}"
)
#: Words of a speaker's title or office, lower case, left out of the name: "Prime Minister Shehbaz
#: Sharif" is Sharif. A speaker named only so ("the Prime Minister said") names no one.
_TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister ministers
    secretary chancellor premier governor mayor senator sen rep representative congressman
    congresswoman judge justice general gen lieutenant lt colonel col major maj captain capt
    commander admiral sergeant sgt officer chief executive ceo chairman chairwoman chair director
    spokesman spokeswoman spokesperson ambassador envoy king queen prince princess pope sheikh emir
    deputy acting former foreign interior defence defense finance health housing education trade
    economy home state attorney coroner inspector superintendent detective constable""".split()
)
#: Words of an institution, lower case: a speaker that holds one is no person ("the Kremlin said",
#: "Scotland Yard said"), whom a quotation may be given to as well as to its spokesman.
_INSTITUTIONS = frozenset(
    """kremlin pentagon yard street house palace ministry office department police army military
    government council court commission agency service authority authorities embassy company group
    party union committee parliament congress senate cabinet administration""".split()
)


def speakers(text: str, language: str | None = None) -> list[str]:
    """The names of the people a sentence gives as speakers, outside its quotations, without
    titles: not days, months, institutions, possessives ("Ukraine's President"), abbreviations or
    wire agencies ("Faizi told Reuters": Faizi). ``language``: the document's (an ISO 639-1
    code); in French, German, Spanish, Italian or Portuguese copy that language's reporting verbs
    name speakers too (:data:`_NAMED_SPEAKER_ABROAD`), never in English copy or copy of no
    language known, where "so" and "selon" are no reporting verbs ("..., so Republicans balked")."""
    matches = list(_NAMED_SPEAKER.finditer(_QUOTATIONS.sub(" \u2026 ", text)))
    if language in _SPEAKER_LANGUAGES:
        # quotation marks and dashes of every language set the speech apart
        for start, end in reversed(quoted_spans(text)):
            text = f"{text[:start]} \u2026 {text[end + 1 :]}"
        matches += _NAMED_SPEAKER_ABROAD.finditer(text)
    names: list[str] = []
    for match in matches:
        run = match.group(1) or match.group(2)
        if run is None:
            continue  # a capitalised run read past (:func:`_run_passed`)
        words = [word.rstrip(".") for word in run.split()]
        lowered = [w.lower().rstrip(".") for w in words]
        if any(w in _INSTITUTIONS or w.endswith(("'s", "\u2019s")) for w in lowered):
            continue
        titles = [k for k, low in enumerate(lowered) if low in _TITLES]
        if titles and titles[-1] < len(words) - 1:
            # a name follows its titles, and what comes before them describes the office:
            # "Ukrainian President Volodymyr Zelenskiy" is Volodymyr Zelenskiy
            words, lowered = words[titles[-1] + 1 :], lowered[titles[-1] + 1 :]
        names += [
            word
            for word, low in zip(words, lowered, strict=True)
            if low not in _TITLES
            and not word.isupper()  # an abbreviation: "PM", "MBS", "UN"
            and low not in STOPWORDS
            and low not in SUBJECT_PRONOUNS.get(language or "", ())  # "Il a ajouté": no one's name
            and low not in WEEKDAYS
            and low not in MONTHS
            and not find_credits(word, boilerplate=True)
        ]
    return names


def _named_in(names: list[str], words: list[str]) -> bool:
    """One of ``names`` is one of a sentence's capitalised words outside its quotations, ``words``
    (:func:`_name_words`): the same word, a spelling of it (``SAME_SPEAKER_RATIO``: "Gaddafi",
    "Kadhafi"), or within a word a scraped page glued together ("DmitryPeskov")."""
    distinct = list(dict.fromkeys(words))
    if not distinct:
        return False
    joined = "\x00".join(distinct)  # a name, no NUL in it, is within one word if within these
    return any(
        (len(name) >= 4 and name in joined)
        or process.extractOne(name, distinct, scorer=fuzz.ratio, score_cutoff=thresholds.SAME_SPEAKER_RATIO)
        is not None
        for name in dict.fromkeys(n.lower() for n in names)
    )


def _name_words(sentence: str) -> list[str]:
    """The capitalised words of ``sentence`` outside its quotations, lower case (:func:`_named_in`)."""
    return [w.lower() for w in _NAME_WORDS.findall(_QUOTATIONS.sub(" ", sentence))]


#: A speaker's description is at most this many words ("a senior Kremlin spokesman").
DESCRIPTION_MAX_WORDS = 5
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
#: The capitals of the Latin alphabets of French, German, Spanish, Italian and Portuguese names.
_CAPITAL_ABROAD = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_CAPITALISED_RUN_ABROAD = _capitalised_run(_CAPITAL_ABROAD)
_WHOLE_RUN_ABROAD = _capitalised_run(_CAPITAL_ABROAD, whole=True)


def _alternatives(phrases: Iterable[str]) -> str:
    """A regular expression's alternatives for ``phrases``, longest first, any spaces between words."""
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))


#: A verb :data:`_NAMED_SPEAKER_ABROAD` reads a speaker after, in any case, and a space.
_VERB_ABROAD_FOLLOWED = (
    rf"(?i:{_alternatives(v for v in SPEAKER_VERBS_ABROAD if v not in SPEAKER_AFTER_ONLY)})\s"
)
#: Who a sentence in another language says spoke: a name before its verb ("Darmanin a déclaré"),
#: or after it, past an article and a title the language writes in lower case ("a déclaré le
#: ministre de l'Intérieur Gérald Darmanin", "dijo el ministro Fernando Grande-Marlaska",
#: "sagte Innenministerin Nancy Faeser", "so Faeser").
#: "According to" words ("selon", "so", "laut") name a speaker at the start of a clause only:
#: "« ... », selon Darmanin", "Selon Darmanin, « ... »", not "Le Monde écrit selon ...".
#: The third alternative, no speaker, matches a run the first did not take (:func:`_run_passed`),
#: up to a word inside it that may be a verb the second takes ("Darmanin Dit Gérald", any case).
_NAMED_SPEAKER_ABROAD = re.compile(
    rf"({_WHOLE_RUN_ABROAD}),?\s+"
    rf"(?:{_alternatives(v for v in SPEAKER_VERBS_ABROAD if v not in SPEAKER_AFTER_ONLY)})(?!\w)"
    rf"|(?:(?<!\w)(?i:{_alternatives(v for v in SPEAKER_VERBS_ABROAD if v not in SPEAKER_AFTER_ONLY)})"
    rf"|(?:^|(?<=[,;:(\u2026\u2013\u2014]))\s*(?i:{_alternatives(SPEAKER_AFTER_ONLY)}))\s+"
    rf"(?:(?![{_CAPITAL_ABROAD}])\S+\s+){{0,{DESCRIPTION_MAX_WORDS - 1}}}?({_CAPITALISED_RUN_ABROAD})"
    rf"|{_run_passed(_CAPITAL_ABROAD, _VERB_ABROAD_FOLLOWED)}"
)
#: The languages whose reporting verbs :data:`_NAMED_SPEAKER_ABROAD` reads.
_SPEAKER_LANGUAGES = frozenset({"fr", "de", "es", "it", "pt"})
#: Where a speaker's description after their verb ends: "said a Kremlin spokesman at a news
#: conference".
_DESCRIPTION_ENDS = frozenset("at on in to with after before during from about of when while as".split())


def described_speaker(sentence: str) -> list[str]:
    """The words that describe who speaks in a sentence that gives a quotation, next to its
    reporting verb ("...," a Kremlin spokesman said at ... -> ["Kremlin", "spokesman"]; "...,"
    said an industry source -> ["industry", "source"]; "An official told Reuters: ..." ->
    ["official"]), without function words. Empty when there is none."""
    outside = _QUOTATIONS.sub(" \u2026 ", sentence)
    if "\u2026" not in outside:
        return []
    before, _, after = outside.partition("\u2026")
    words = _WORD.findall(after)
    verbs = [k for k, word in enumerate(words) if reporting_terms((word.lower(),))]
    if verbs and verbs[0] > 0:
        described = words[: verbs[0]]  # "...," a Kremlin spokesman said
    elif verbs:
        described = []
        for word in words[1:]:  # "...," said a Kremlin spokesman at ...
            if word.lower() in _DESCRIPTION_ENDS or reporting_terms((word.lower(),)):
                break
            described.append(word)
    else:
        words = _WORD.findall(before)
        verbs = [k for k, word in enumerate(words) if reporting_terms((word.lower(),))]
        described = words[max(0, verbs[-1] - DESCRIPTION_MAX_WORDS) : verbs[-1]] if verbs else []
    if not 0 < len(described) <= DESCRIPTION_MAX_WORDS:
        return []
    return [w for w in described if w.lower() not in STOPWORDS and not find_credits(w, boilerplate=True)]


def _described_apart(names: list[str], base: _BaseWords, described: list[str]) -> bool:
    """Whether the other sentence gives its quotation to someone of another affiliation than the
    one the base gives the person it names (``names``): the other's description of its speaker
    (:func:`described_speaker`) holds a capitalised word, no title, that names where they are from
    ("a Kremlin spokesman"), the base describes the person by such words too (before a name,
    "Ukrainian President Volodymyr Zelenskiy", or after it, "Peskov, the Kremlin's spokesman,"),
    and the other's is none of the base's. Anything less is a person described otherwise ("senior
    Hamas official" for "Hamas official Basem Naim", "Israeli premier" for "Prime Minister
    Benjamin Netanyahu", "Putin's spokesman" for "Kremlin spokesman Dmitry Peskov") or left
    unnamed ("an industry source"), which says nothing of who spoke. ``base``: the base's words
    (:class:`_BaseWords`); ``described``: the other sentence's :func:`described_speaker`."""
    affiliations = [
        _root(w)
        for w in described
        if w[:1].isupper() and len(w) >= 3 and not w.endswith(("'s", "\u2019s")) and w.lower() not in _TITLES
    ]
    if not affiliations:
        return False
    descriptions, prefixes = base.descriptions({n.lower() for n in names})
    if not descriptions:
        return False
    # no description is the word, or a form of it: its first five letters, in words of five or
    # more ("Ukraine", "Ukrainian"; "spokesman", "spokesmen")
    return any(
        word not in descriptions and not (len(word) >= 5 and word[:5] in prefixes) for word in affiliations
    )


class _BaseWords:
    """The base's lines outside its quotations, read once a comparison, and the descriptions of
    each set of names asked about (:func:`_described_apart`). Every word and stop of a description
    lies within one line (a line break is a stop), so only the lines that may hold one of the names
    are split into words: found by searching the lowercased text, a base of thousands of sentences
    is not read word by word for a question about a few of them."""

    def __init__(self, base: Document) -> None:
        self._base = base
        self._described: dict[frozenset[str], tuple[set[str], set[str]]] = {}

    @cached_property
    def _lines(self) -> tuple[list[str], str, list[int]]:
        """The base's lines with its quotations blanked out (a quotation left open runs on, joining
        the lines it spans), their text lowercased for finding names (:func:`_findable`), and where
        each line starts in it."""
        text = _QUOTATIONS.sub(" . ", "\n".join(sentence.text for sentence in self._base.sentences))
        lines = text.split("\n")
        findable = [_findable(line) for line in lines]
        starts = list(itertools.accumulate((len(line) + 1 for line in findable[:-1]), initial=0))
        return lines, "\n".join(findable), starts

    def descriptions(self, wanted: set[str]) -> tuple[set[str], set[str]]:
        """The words that describe the person named by the words ``wanted`` (lower case), and
        their first five letters where they have five or more."""
        key = frozenset(wanted)
        if key not in self._described:
            self._described[key] = self._descriptions(wanted)
        return self._described[key]

    def _descriptions(self, wanted: set[str]) -> tuple[set[str], set[str]]:
        lines, findable, starts = self._lines
        holding: set[int] = set()  # the lines where a wanted word may stand
        for word in map(_findable, wanted):
            at = findable.find(word) if word else -1
            while at >= 0:
                holding.add(bisect_right(starts, at) - 1)
                at = findable.find(word, at + 1)
        descriptions: set[str] = set()
        for line in sorted(holding):
            descriptions.update(_line_descriptions(_WORD_OR_STOP.findall(lines[line]), wanted))
        return descriptions, {d[:5] for d in descriptions if len(d) >= 5}


def _findable(text: str) -> str:
    """``text`` lowercased with one sigma for both of its lowercase forms: the only letter whose
    lowercase depends on its neighbours, so that a word's lowercase is found in its text's."""
    return text.lower().replace("\u03c2", "\u03c3")


def _line_descriptions(tokens: list[str], wanted: set[str]) -> set[str]:
    """The descriptions in one line's words and stops (``tokens``) of the person named by the
    words ``wanted``: the capitalised words (no title, no stop) just before each stretch of the
    names' words and the rest of the name, or in an apposition after it."""
    positions = [p for p, token in enumerate(tokens) if _root(token) in wanted]
    name_start = [0] * (len(tokens) + 1)  # where a name ending before each position starts
    for position in range(1, len(tokens) + 1):
        word = tokens[position - 1]
        named = word[:1].isupper() and word.lower() not in _TITLES
        name_start[position] = name_start[position - 1] if named else position
    descriptions: set[str] = set()
    n = 0
    while n < len(positions):
        # a stretch of the names' words
        start = k = positions[n]
        while n < len(positions) and positions[n] == k:
            n += 1
            k += 1
        # the rest of the name ("Dmitry" of "Kremlin spokesman Dmitry Peskov")
        start = name_start[start]
        before = list(
            itertools.takewhile(lambda t: t not in _STOPS, reversed(tokens[max(0, start - 3) : start]))
        )
        # an apposition, up to its first preposition: "spokesman for President Vladimir Putin"
        # names whom he speaks for, not where he is from
        after = (
            list(itertools.takewhile(lambda t: t not in _STOPS and t not in _RELATING, tokens[k + 1 : k + 6]))
            if k < len(tokens) and tokens[k] == ","
            else []
        )
        descriptions.update(
            _root(t) for t in before + after if t[:1].isupper() and len(t) >= 3 and _describes(t.lower())
        )
    return descriptions


_WORD_OR_STOP = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?|[,.;:!?()\n]")
_STOPS = frozenset(",.;:!?()\n")
_RELATING = frozenset("for of to with at by from under".split())


def _describes(word: str) -> bool:
    return (
        word not in _TITLES
        and word not in STOPWORDS
        and word not in WEEKDAYS
        and word not in MONTHS
        and not reporting_terms((word,))
    )


def _root(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("\u2019s")


#: Quotations whose words are still the speaker's, whole or cut: given to someone else, they are
#: reattributed (an altered one is reported altered, its graver finding).
_SPOKEN_STILL = frozenset({"verbatim", "shortened"})


def reattributed(
    quotes: list[Quote],
    alignment: list[Group],
    base: Document,
    other: Document,
    languages: tuple[str | None, str | None] = (None, None),
    budget: Budget | None = None,
) -> list[Quote]:
    """The quotations with those kept word for word (or only shortened) and given to someone
    else in the same sentence ("...," Faizi told Reuters -> "...," Prime Minister Shehbaz Sharif
    told Reuters) marked ``reattributed``: each side names a person as its speaker
    (:func:`speakers`), and neither names the other's (a spelling of one name is one). A speaker
    named where the base named none, or named by title or institution only ("a spokesman said" ->
    "Faizi said", "Mr Johnson said" -> "the Prime Minister said", "Peskov said" -> "the Kremlin
    said"), is no other speaker, when the base describes its speaker so (:func:`_described_apart`):
    a person's words given to "a Kremlin spokesman" or "an industry source" the base never calls
    them are given to someone else. ``languages``: the two documents' (:func:`speakers`).

    A sentence's speakers and words are read once, however many quotations it holds: read again
    for each, a sentence of thousands of quotations took seconds. ``budget`` is checked for each
    quotation."""
    paired = {(i, j) for g in alignment if g.op in ("kept", "reworded") for i in g.base for j in g.other}
    budget = budget or Budget(None)
    named: dict[tuple[int, int], list[str]] = {}  # each sentence's speakers, by side and index
    words: dict[tuple[int, int], list[str]] = {}  # and its capitalised words (:func:`_named_in`)
    described: dict[int, list[str]] = {}  # each other sentence's :func:`described_speaker`
    base_words = _BaseWords(base)  # read only when a speaker is asked about (:func:`_described_apart`)

    def read(side: int, index: int, text: str) -> tuple[list[str], list[str]]:
        if (side, index) not in named:
            named[side, index] = speakers(text, languages[side])
            words[side, index] = _name_words(text)
        return named[side, index], words[side, index]

    def given_away(i: int, j: int) -> bool:
        """Whether base sentence ``i`` and other sentence ``j`` give their quotations to two people."""
        base_text, other_text = base.text_of([i]), other.text_of([j])
        before, base_named = read(0, i, base_text)
        after, other_named = read(1, j, other_text)
        # each speaker is named nowhere in the other sentence ("coroner Dr Lawrence Addicott
        # added" -> "Lawrence Addicott, the South Glamorgan Coroner, said" keeps him)
        if after:
            given_to = not _named_in(after, base_named)
        elif before:
            if j not in described:
                described[j] = described_speaker(other_text)
            given_to = _described_apart(before, base_words, described[j])
        else:
            given_to = False
        return bool(before) and given_to and not _named_in(before, other_named)

    decided: dict[tuple[int, int], bool] = {}  # by sentence pair: its quotations all go alike
    marked: list[Quote] = []
    for quote in quotes:
        budget.check("reattribution")
        if quote.status in _SPOKEN_STILL and (quote.base_sentence, quote.other_sentence) in paired:
            assert quote.base_sentence is not None and quote.other_sentence is not None
            i, j = quote.base_sentence, quote.other_sentence
            if (i, j) not in decided:
                decided[i, j] = given_away(i, j)
            if decided[i, j]:
                # the other side's text is the sentence that names the new speaker
                quote = dataclasses.replace(quote, status="reattributed", other_text=other.text_of([j]))
        marked.append(quote)
    return marked


def check_numbers(
    groups: list[Group],
    base: Document,
    other: Document,
    languages: tuple[str | None, str | None] = (None, None),
    budget: Budget | None = None,
) -> list[NumberChange]:
    """Figures changed, missing or new between the sides of each matched group.

    Figures compare as quantities (:mod:`app.engine.quantities`): "5%" equals
    "5 percent", "$3.5 million" equals "3.5 million dollars", "1 200" equals
    "1,200". Unpaired figures of the same kind (percent, a currency, a unit, a year, a
    count) pair up as changed, in order; the rest are missing or new ("$5 million" dropped
    and "12%" added are not one figure changed). A figure one
    side states in another sentence is neither changed nor missing or new: the
    other side took it from, or moved it to, that sentence ("Hale, 52," aligned to
    "Hale, who had drunk four pints" is no change of 52 to four when the base says
    "four pints" too); a bare count only in a sentence whose own partner does not state it
    (:meth:`_Figures.stated_outside`). A figure the word diff replaces in place by another is
    changed whatever else is stated ("12 killed" -> "15 killed" beside "Of the 12 dead").
    A title's figure is not missing when other's body states it. A vague count ("hundreds",
    "the millions of users") is only ever changed: dropped or added, it is a turn of phrase.
    """
    read: dict[tuple[str, str | None], tuple[Quantity, ...]] = {}
    base_figures = _Figures(base, languages[0], read)
    other_figures = _Figures(other, languages[1], read)
    base_figures.partners, other_figures.partners = _partners(groups), _partners(groups, other_side=True)
    base_figures.opposite, other_figures.opposite = other_figures, base_figures
    titles = {s.index for s in base.sentences if s.role == "title"}

    budget = budget or Budget(None)
    results: list[NumberChange] = []
    for group in groups:
        budget.check("numbers")
        if group.op not in ("kept", "reworded") or (group.op == "kept" and not group.changes):
            continue  # identical text: identical numbers
        left = [(q, i) for i in group.base for q in base_figures.of(i)]
        right = [(q, j) for j in group.other for q in other_figures.of(j)]
        changed = _changed_in_place(group, left, right, [base_figures.text(i) for i in group.base], budget)
        in_place = {id(x) for pair in changed for x in pair}
        only_left, only_right = _unpaired(
            [x for x in left if id(x) not in in_place], [y for y in right if id(y) not in in_place]
        )
        only_left = [x for x in only_left if not other_figures.stated_outside(x[0], group.other)]
        only_right = [y for y in only_right if not base_figures.stated_outside(y[0], group.base)]
        changed.extend(_currency_changes(only_left, only_right))
        only_left = _currency_said_once(only_left, base_figures)
        only_right = _currency_said_once(only_right, other_figures)
        for kind in dict.fromkeys(q.kind for q, _ in only_left):
            lefts = [x for x in only_left if x[0].kind == kind]
            rights = [y for y in only_right if y[0].kind == kind]
            changed.extend(_paired_by_noun(lefts, rights, base_figures, other_figures))
        paired = {id(x) for pair in changed for x in pair}
        only_left = [x for x in only_left if id(x) not in paired]
        only_right = [y for y in only_right if id(y) not in paired]
        changed.sort(key=lambda pair: (pair[0][1], pair[0][0].start))
        for (a, i), (b, j) in changed:
            results.append(NumberChange(a.text, b.text, i, j, "changed"))
        for a, i in only_left:
            if (i in titles and other_figures.in_body(a)) or a.kind == ABOUT:
                continue
            results.append(NumberChange(a.text, None, i, None, "missing"))
        for b, j in only_right:
            if b.kind != ABOUT:
                results.append(NumberChange(None, b.text, None, j, "new"))
    results.extend(_opening_figure_changes(groups, base, other, base_figures, other_figures))
    results.extend(_duration_changes(groups, base, other))
    return results


def _duration_changes(groups: list[Group], base: Document, other: Document) -> list[NumberChange]:
    """A unit of time put for another after the same figure in a close rewording: "jailed for six
    months" -> "six years", "a 10-year contract" -> "a 10-month contract" (the figure reads alike
    on both sides: a count, :data:`DURATIONS`)."""
    found: list[NumberChange] = []
    for group in groups:
        if group.op != "reworded" or (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue
        for change in group.changes:
            was, now = change.base.lower(), change.other.lower()
            if change.op != "replace" or was == now or was not in DURATIONS or now not in DURATIONS:
                continue
            before = _figure_before(base, group.base, change.base)
            after = _figure_before(other, group.other, change.other)
            if before and after and same_quantity(before[0], after[0]):
                found.append(NumberChange(before[1], after[1], before[2], after[2], "changed"))
    return found


def _figure_before(document: Document, indices: list[int], word: str) -> tuple[Quantity, str, int] | None:
    """The figure just before ``word`` in one of ``document``'s sentences ``indices``, the two as
    written ("six months", "10-year"), and that sentence."""
    for index in indices:
        text = document.sentences[index].text
        for match in re.finditer(rf"(?<![\w-])(\S+?)[ \u00a0-]{re.escape(word)}\b", text):
            figures = find_quantities(match.group(1))
            if len(figures) == 1:
                return figures[0], match.group(), index
    return None


#: A figure and the sentence it stands in.
_Placed = tuple[Quantity, int]


def _amount(quantity: Quantity) -> str:
    """A figure's value without its currency or unit ("USD 5000000": "5000000")."""
    return quantity.key.rpartition(" ")[2]


class _FirstFree:
    """Places in a list by key, each key's in order, giving the first of a key's not taken yet:
    each figure paired by a lookup and a step past those taken, where a scan of the other side's
    figures for each made a sentence of thousands of figures take seconds to minutes."""

    def __init__(self, keyed: Iterable[tuple[Hashable, int]]) -> None:
        self._places: dict[Hashable, list[int]] = {}
        for key, place in keyed:
            self._places.setdefault(key, []).append(place)
        self._passed: dict[Hashable, int] = {}  # how many of each key's places are taken, from the first
        self.taken: set[int] = set()

    def first(self, key: Hashable) -> int | None:
        """The first place of ``key`` not taken yet, or None."""
        places = self._places.get(key)
        if places is None:
            return None
        at = self._passed.get(key, 0)
        while at < len(places) and places[at] in self.taken:
            at += 1
        self._passed[key] = at
        return places[at] if at < len(places) else None

    def first_of(self, keys: Iterable[Hashable]) -> int | None:
        """The first place not taken yet of any of ``keys``, or None."""
        return min((place for key in keys if (place := self.first(key)) is not None), default=None)


def _currency_changes(only_left: list[_Placed], only_right: list[_Placed]) -> list[tuple[_Placed, _Placed]]:
    """Amounts the two sides state alike but in two currencies, taken out of ``only_left`` and
    ``only_right`` (in place) as figures changed ("$5 million" -> "€5 million"; two amounts whose
    currencies trade places pair by amount, not by currency). Each figure of ``only_left``, in
    order, takes the first of ``only_right`` not yet taken of its amount in another currency
    (:class:`_FirstFree`)."""
    currencies: dict[str, set[str]] = {}  # the currencies of ``only_right`` each amount is in
    for q, _ in only_right:
        if q.kind in CURRENCY_CODES:
            currencies.setdefault(_amount(q), set()).add(q.kind)
    free = _FirstFree(
        ((_amount(q), q.kind), k) for k, (q, _) in enumerate(only_right) if q.kind in CURRENCY_CODES
    )
    pairs: list[tuple[_Placed, _Placed]] = []
    for x in only_left:
        if (currency := x[0].kind) not in CURRENCY_CODES:
            continue
        amount = _amount(x[0])
        match = free.first_of((amount, kind) for kind in currencies.get(amount, ()) if kind != currency)
        if match is not None:
            pairs.append((x, only_right[match]))
            free.taken.add(match)
    paired = {id(x) for x, _ in pairs}
    only_left[:] = [x for x in only_left if id(x) not in paired]
    only_right[:] = [y for k, y in enumerate(only_right) if k not in free.taken]
    return pairs


def _currency_said_once(placed: list[_Placed], figures: _Figures) -> list[_Placed]:
    """``placed`` without the scaled amounts written with no currency where their own side states
    the amount with one ("€20.9bn" first, "20.9 billion" in a second mention): the same figure.
    "$2 billion in revenue" -> "2 billion users", stated nowhere in dollars, counts another thing."""
    return [
        (q, i)
        for q, i in placed
        if not (q.kind == "" and _SCALED.search(q.text) and figures.in_currency(_amount(q)))
    ]


#: A figure written with its scale in words or letters ("20.9 billion", "3bn"): an amount.
_SCALED = re.compile(r"\d\s*[^\W\d_]")


def _opening_figure_changes(
    groups: list[Group], base: Document, other: Document, base_figures: _Figures, other_figures: _Figures
) -> list[NumberChange]:
    """A headline or lede rewritten past pairing that states another figure of the one kind the
    wire's states ("Flash floods kill 12 in northern Pakistan" -> "Pakistan floods: at least 30
    dead, army blamed"): the toll changed where a reader looks first. Only for two versions whose
    bodies share a sentence, the two headlines (or the two first body sentences) both left
    unpaired and sharing a word of their own, one figure of the kind on each side, and a new figure
    the base states nowhere (a lede that picks another of the wire's figures changed none). A
    headline's figure is changed even while the version's body keeps the wire's: an outlet that
    inflates the toll in its headline alone is what a reader sees first. A lede's is not, then:
    a lede of the missing beside a body that keeps the dead counts another thing."""
    if not any(g.op in ("kept", "reworded") for g in groups):
        return []
    unpaired_base = {i for g in groups if g.op == "dropped" for i in g.base}
    unpaired_other = {j for g in groups if g.op == "added" for j in g.other}
    changes = []
    for role in ("title", "body"):
        i = next((s.index for s in base.sentences if s.role == role), None)
        j = next((s.index for s in other.sentences if s.role == role), None)
        if i not in unpaired_base or j not in unpaired_other:
            continue
        assert i is not None and j is not None
        if not _shared_stems(base_figures.text(i), other_figures.text(j)):
            continue  # "55 convictions" and "arrested 100 times": two counts of two things
        left, right = _unpaired([(q, i) for q in base_figures.of(i)], [(q, j) for q in other_figures.of(j)])
        for kind in dict.fromkeys(q.kind for q, _ in left):
            lefts = [q for q, _ in left if q.kind == kind]
            rights = [q for q, _ in right if q.kind == kind]
            if kind == ABOUT or len(lefts) != 1 or len(rights) != 1:
                continue
            if base_figures.in_body(rights[0]) or any(
                same_quantity(lefts[0], q) for q in other_figures.of(j)
            ):
                continue  # the wire states the new figure
            if role == "body" and other_figures.in_body(lefts[0]):
                continue  # the version's body still states the old one
            changes.append(NumberChange(lefts[0].text, rights[0].text, i, j, "changed"))
    return changes


def _shared_stems(base: str, other: str) -> bool:
    """The two sentences share a word that is no function word (as stems: "fine", "fined")."""

    def stems(text: str) -> set[str]:
        return {
            str(stemmer().stemWord(key))
            for key in token_keys(text)
            if key not in STOPWORDS and not key[:1].isdigit()
        }

    return bool(stems(base) & stems(other))


#: A live blog entry's stamp: a bare clock time ("08:20"; "10:30 a.m. on Tuesday is when ..." is prose).
_STAMP = re.compile(r"\d{1,2}[:.]\d{2}")
#: What may stand before a live blog entry's time stamp: bullets and spaces.
_STAMP_LEAD = " \t-\u2013\u2014\u2022*>"


class _Figures:
    """One side's figures, read once a comparison: by sentence, and the body sentences
    stating each reading. Every unpaired figure of the other side asks where it is stated;
    a scan of the side per question would make the check quadratic in the sentences.
    ``read``: figures by text and language, shared by the two sides (most sentences of two
    versions are the same text, and the figures' cache holds fewer sentences than a long text)."""

    def __init__(
        self,
        document: Document,
        language: str | None,
        read: dict[tuple[str, str | None], tuple[Quantity, ...]],
    ) -> None:
        self._texts = {s.index: s.text for s in document.sentences}
        self._language = language
        self._read = read
        self._body = [s.index for s in document.sentences if s.role == "body"]
        self._stating: dict[str, set[int]] | None = None
        #: each sentence's aligned sentences on the other side, and that side's figures
        self.partners: dict[int, list[int]] = {}
        self.opposite: _Figures | None = None

    def of(self, index: int) -> tuple[Quantity, ...]:
        key = (self._texts[index], self._language)
        found = self._read.get(key)
        if found is None:
            found = find_quantities(*key)
            # a live blog entry's stamp ("08:20 The army said ..."): no fact of it
            if found and _STAMP.fullmatch(found[0].text) and not key[0][: found[0].start].strip(_STAMP_LEAD):
                found = found[1:]
            self._read[key] = found
        return found

    def stated_outside(self, quantity: Quantity, sentences: Collection[int]) -> bool:
        """Whether a body sentence not in ``sentences`` states a reading of ``quantity``. A year,
        an amount, a percentage or a time is one fact however often it is stated; a bare count
        ("12") counts different things, so it counts only in a sentence whose aligned sentences
        (:attr:`partners`, on the :attr:`opposite` side) do not state it too: moved there, not
        repeated there on both sides ("12 people killed" dropped beside "for 12 hours")."""
        outside = [index for index in self._stating_of(quantity) if index not in sentences]
        if quantity.kind:
            return bool(outside)
        return any(not self._partner_states(quantity, index) for index in outside)

    def text(self, index: int) -> str:
        return self._texts[index]

    def word_after(self, quantity: Quantity, index: int) -> str:
        """The word after ``quantity`` in sentence ``index``, lower case ("" at the end)."""
        match = _WORD_AFTER.match(self._texts[index], quantity.end)
        return match.group(1).lower() if match else ""

    def in_currency(self, amount: str) -> bool:
        """Whether a body sentence states ``amount`` ("20900000000") in a currency."""
        return any(
            key.endswith(f" {amount}") and key.partition(" ")[0] in CURRENCY_CODES for key in self._index()
        )

    def in_body(self, quantity: Quantity) -> bool:
        """Whether a body sentence states a reading of ``quantity``."""
        return bool(self._stating_of(quantity))

    def _index(self) -> dict[str, set[int]]:
        """The body sentences stating each reading of a figure, read once."""
        if self._stating is None:
            self._stating = {}
            for index in self._body:
                for figure in self.of(index):
                    for key in figure.keys:
                        self._stating.setdefault(key, set()).add(index)
        return self._stating

    def _stating_of(self, quantity: Quantity) -> set[int]:
        index = self._index()
        return {sentence for key in quantity.keys for sentence in index.get(key, ())}

    def _partner_states(self, quantity: Quantity, index: int) -> bool:
        if self.opposite is None:
            return False
        return any(
            same_quantity(quantity, figure)
            for partner in self.partners.get(index, ())
            for figure in self.opposite.of(partner)
        )


Placed = tuple[Quantity, int]  # a figure and the index of the sentence stating it


def _changed_in_place(
    group: Group, left: list[Placed], right: list[Placed], base_texts: list[str], budget: Budget
) -> list[tuple[Placed, Placed]]:
    """Figures the word diff replaces in place with another figure of the same kind: a short
    replacement ("12" -> "15", "rose 1.2" -> "fell 0.8") whose sides each hold a figure, paired
    in order. They are changes wherever else either value is stated ("Of the 12 dead" kept on
    both sides; 12 killed and 40 injured turned into 40 killed and 12 injured). ``budget`` is
    checked for each replacement: one sentence may hold thousands."""
    changed: list[tuple[Placed, Placed]] = []
    used: set[int] = set()
    unused = (_Unused(left, used), _Unused(right, used))
    tallies: dict[str, set[str]] | None = None  # the base's tallies (:func:`_tallies`), read once
    for change in group.changes:
        budget.check("numbers")
        if (
            change.op != "replace"
            or max(len(change.base.split()), len(change.other.split())) > thresholds.FIGURE_IN_PLACE_WORDS
        ):
            continue
        # word by word: a change's words are joined by spaces, and "217 215" would read as one figure
        before = [q for word in change.base.split() for q in find_quantities(word)]
        after = [q for word in change.other.split() for q in find_quantities(word)]
        if sorted(q.key for q in before) == sorted(q.key for q in after):
            if tallies is None:
                tallies = _tallies(base_texts)
            if not _in_tally(change.base, tallies):
                continue  # the same figures listed in another order: "aged 25 and 31" -> "aged 31 and 25"
        for a, b in zip(before, after, strict=False):
            if same_quantity(a, b):
                continue
            x, y = unused[0].holding(a.text), unused[1].holding(b.text)
            if x is None or y is None or same_quantity(x[0], y[0]):
                continue  # the whole figures are equal: "0930 GMT" and "9:30 GMT"
            if x[0].kind == y[0].kind:
                changed.append((x, y))
                used.update((id(x), id(y)))
    return changed


def _paired_by_noun(
    lefts: list[Placed], rights: list[Placed], base: _Figures, other: _Figures
) -> list[tuple[Placed, Placed]]:
    """Figures of one kind paired as changed: first those followed by the same word ("200,000
    homes" -> "350,000 homes", beside "two people" added), then the rest in order. Each of
    ``lefts`` takes the first of ``rights`` not yet taken followed by its word (:class:`_FirstFree`)."""
    followed = _FirstFree((other.word_after(*y), k) for k, y in enumerate(rights))
    pairs: list[tuple[Placed, Placed]] = []
    paired: set[int] = set()
    for x in lefts:
        noun = base.word_after(*x)
        match = followed.first(noun) if noun else None
        if match is not None:
            pairs.append((x, rights[match]))
            followed.taken.add(match)
            paired.add(id(x))
    rest = [x for x in lefts if id(x) not in paired]
    free = [y for k, y in enumerate(rights) if k not in followed.taken]
    pairs.extend(zip(rest, free, strict=False))
    return pairs


_WORD_AFTER = re.compile(r"[\s,]*([^\W\d_]+)")


#: Figures whose order is the fact: a score, a vote, a ratio ("won 2-1" -> "1-2", "52 to 48").
_TALLY = re.compile(r"(\d[\d.,]*)\s*(?:[-\u2013\u2014:/]|\s(?:to|of)\s)\s*(\d[\d.,]*)")


def _tallies(texts: list[str]) -> dict[str, set[str]]:
    """The figures standing in a tally in ``texts``, each with the figures it stands beside: read
    once for all of a group's replacements (read for each, a sentence of thousands of words and
    replacements took a minute)."""
    beside: dict[str, set[str]] = {}
    for text in texts:
        for match in _TALLY.finditer(text):
            first, second = match.group(1), match.group(2)
            beside.setdefault(first, set()).add(second)
            beside.setdefault(second, set()).add(first)
    return beside


def _in_tally(replaced: str, tallies: dict[str, set[str]]) -> bool:
    """Whether the figures of a replacement (its base words) stand as a tally (:func:`_tallies`)."""
    words = set(replaced.split())
    return any(not tallies[word].isdisjoint(words) for word in words if word in tallies)


class _Unused:
    """Figures in sentence order, with those a pairing ``used``: what :meth:`holding` asks passes
    over the used ones at the front once, not at every question (a sentence may hold thousands of
    figures, most of them paired in order)."""

    def __init__(self, figures: list[Placed], used: set[int]) -> None:
        self._figures = figures
        self._used = used  # grows only
        self._start = 0  # every figure before it is used

    def holding(self, text: str) -> Placed | None:
        """The first figure not yet used whose text holds ``text`` as a whole figure ("1.2" in
        "1.2 percent", "$12" in "$12 million"; not "2" in "2,000" or "12")."""
        figures, used = self._figures, self._used
        while self._start < len(figures) and id(figures[self._start]) in used:
            self._start += 1
        pattern = re.compile(rf"(?<![\w.,]){re.escape(text)}(?![\w]|[.,:]\d)")
        return next(
            (
                f
                for f in itertools.islice(figures, self._start, None)
                if id(f) not in used and pattern.search(f[0].text)
            ),
            None,
        )


def _partners(groups: list[Group], *, other_side: bool = False) -> dict[int, list[int]]:
    """Each sentence of one side (base, or other with ``other_side``) in a kept or reworded
    group: the sentences of the other side in that group."""
    partners: dict[int, list[int]] = {}
    for group in groups:
        if group.op in ("kept", "reworded"):
            mine, theirs = (group.other, group.base) if other_side else (group.base, group.other)
            for index in mine:
                partners[index] = theirs
    return partners


def _unpaired(
    left: list[tuple[Quantity, int]], right: list[tuple[Quantity, int]]
) -> tuple[list[tuple[Quantity, int]], list[tuple[Quantity, int]]]:
    """The figures of each side that no equal figure of the other side accounts for: each figure of
    the left, in order, takes the first figure of the right not yet taken that shares a reading
    with it (:func:`same_quantity`; :class:`_FirstFree`)."""
    free = _FirstFree((key, k) for k, (q, _) in enumerate(right) for key in q.keys)
    only_left = []
    for item in left:
        match = free.first_of(item[0].keys)
        if match is None:
            only_left.append(item)
        else:
            free.taken.add(match)
    return only_left, [item for k, item in enumerate(right) if k not in free.taken]


def names_swapped(swaps: Iterable[tuple[str, str]]) -> int:
    """Word swaps, as (base, other) words, from one name to another: both capitalised and not
    spellings of one name ("Airbnb" -> "DoorDash", not "Kyiv" -> "Kiev"). Another story told in
    the same template swaps its names."""
    return sum(
        1
        for base, other in swaps
        if base[:1].isupper()
        and other[:1].isupper()
        and fuzz.ratio(base.lower(), other.lower()) < thresholds.SAME_NAME_RATIO
    )


def count_substitutions(
    edits_per_group: list[list[Edit]],
    close: list[bool] | None = None,
    names: frozenset[str] = frozenset(),
    language: str | None = None,
) -> list[Substitution]:
    """Word swaps aggregated over the reworded groups, most frequent first.

    Certain swaps always count; possible ones only when seen in two groups or more. ``close``,
    for each group: whether it is a close rewording (as similar as an anchor), where a word put
    for a phrase is a label swapped (:func:`~app.engine.words.swap_candidates`); ``names``: the
    word keys the two texts write as names, which a phrase describes rather than swaps;
    ``language``: the copy's, whose function words and word forms are no swaps. Forms of one
    swap count as one ("Повстанцы" -> "Террористы", "повстанцев" -> "террористов").
    """
    certain: Counter[tuple[str, str]] = Counter()
    possible: Counter[tuple[str, str]] = Counter()
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    for edits, near in zip(edits_per_group, close or [False] * len(edits_per_group), strict=True):
        sure, maybe = swap_candidates(edits, near, names, language)
        # possible swaps counted once a group; in order, so that the spelling shown for a swap
        # is its first one whatever the process's string hashing
        for bucket, pairs in ((certain, sure), (possible, dict.fromkeys(maybe))):
            for base_word, other_word in pairs:
                key = swap_key(base_word, other_word, language)
                bucket[key] += 1
                shown.setdefault(key, (base_word, other_word))
    counts = Counter({key: n + possible[key] for key, n in certain.items()})
    counts.update({key: n for key, n in possible.items() if n >= 2 and key not in certain})
    return [
        Substitution(shown[key][0], shown[key][1], count)
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def check_reporting_verbs(
    groups: list[Group], base_tokens: Mapping[int, list[Token]], other_tokens: Mapping[int, list[Token]]
) -> list[ReportingVerbChange]:
    """Reporting verbs and hedges changed between matched sentences, with counts.

    In each reworded group, the verbs only base uses pair in order with those only
    other uses; a pair counts when either verb is loaded ("said" -> "claimed",
    "admitted" -> "said"), not between two neutral ones ("said" -> "told"). A hedge
    added or removed ("allegedly") counts on its own. Words inside quotations are
    the speaker's, not the text's, and are left out. In a close rewording, a doubting verb
    (``DOUBTING_VERBS``: "claimed", "alleged") left over, with no verb to pair with, counts on
    its own too.
    """
    counts: Counter[tuple[Term, Term]] = Counter()
    none = Term("", "none")
    term_of = _TermOf()
    for group in groups:
        if group.op != "reworded":
            continue
        left = [term for i in group.base for term in term_of.among(base_tokens[i])]
        right = [term for j in group.other for term in term_of.among(other_tokens[j])]
        if left == right:  # the same verbs and hedges in the same order: nothing changed
            continue
        shared = Counter(left) & Counter(right)
        left_only = list((Counter(left) - shared).elements())
        right_only = list((Counter(right) - shared).elements())
        only_left, only_right = _told_otherwise(left_only, right_only), _told_otherwise(right_only, left_only)
        verbs_left = [t for t in only_left if t.tone != "hedge"]
        verbs_right = [t for t in only_right if t.tone != "hedge"]
        for a, b in zip(verbs_left, verbs_right, strict=False):
            if "loaded" in (a.tone, b.tone):
                counts[(a, b)] += 1
        counts.update((a, none) for a in only_left if a.tone == "hedge")
        counts.update((none, b) for b in only_right if b.tone == "hedge")
        if (group.similarity or 0.0) < thresholds.ANCHOR_SCORE:
            continue  # a loose rewording tells its clauses again, their verbs with them
        # in a close one, a doubting verb with none to pair with, a clause after it, is put in or
        # taken out on its own: "The company cut 500 jobs" -> "The company claimed it cut 500 jobs"
        paired = min(len(verbs_left), len(verbs_right))
        for verb in verbs_left[paired:]:
            if verb.lemma in DOUBTING_VERBS and _clause_after(verb, [base_tokens[i] for i in group.base]):
                counts[(verb, none)] += 1
        for verb in verbs_right[paired:]:
            if verb.lemma in DOUBTING_VERBS and _clause_after(verb, [other_tokens[j] for j in group.other]):
                counts[(none, verb)] += 1
    return [
        ReportingVerbChange(a.lemma, b.lemma, n, a.tone, b.tone)
        for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0].lemma, kv[0][1].lemma))
    ]


#: A hedge and the verbs that say it otherwise: "reportedly fled" is "is reported to have fled"
#: and "fled, according to reports"; "allegedly tortured" is "are accused of torturing".
_HEDGE_TOLD = {"reportedly": frozenset({"reported"}), "allegedly": frozenset({"alleged", "accused"})}


def _told_otherwise(terms: list[Term], others: list[Term]) -> list[Term]:
    """``terms`` but the hedges among them that ``others`` say with a verb, and those verbs: one
    distance said two ways, no change."""
    return [term for term in terms if not _says_the_hedge(term, others)]


def _says_the_hedge(term: Term, others: list[Term]) -> bool:
    """Whether ``term`` is a hedge that ``others`` say with a verb, or such a verb of a hedge of
    ``others``."""
    if term.tone == "hedge":
        told = _HEDGE_TOLD.get(term.lemma, frozenset())
        return any(other.lemma in told for other in others)
    return any(
        other.tone == "hedge" and term.lemma in _HEDGE_TOLD.get(other.lemma, frozenset()) for other in others
    )


#: Words that open the clause a verb of speech reports: "claimed (that) it cut", "alleged they".
_CLAUSE_OPENERS = frozenset("that it he she they we i you there this these those".split())


def _clause_after(verb: Term, sentences: list[list[Token]]) -> bool:
    """Whether a form of ``verb`` is followed by the opening of a clause it reports, not by what
    it acts on ("claimed his third title", "maintained its forecast")."""
    for tokens in sentences:
        keys = [t.key for t in tokens]
        for position, key in enumerate(keys[:-1]):
            term = reporting_terms((key,))
            if term and term[0].lemma == verb.lemma and keys[position + 1] in _CLAUSE_OPENERS:
                return True
    return False


class _TermOf(dict[str, Term | None]):
    """The reporting verb or hedge of each word key (None for most), looked up once a key:
    a comparison's sentences hold tens of thousands of words but a few thousand keys."""

    def __missing__(self, key: str) -> Term | None:
        terms = reporting_terms((key,))
        term = self[key] = terms[0] if terms else None
        return term

    def among(self, tokens: list[Token]) -> list[Term]:
        """The reporting verbs and hedges among ``tokens`` outside quotations, in order
        (:func:`reporting_terms` of their keys), without a Python loop per token but where a
        loaded verb is found: it counts only where it :func:`reports_speech`."""
        keys = list(itertools.compress(map(_KEY, tokens), map(operator.not_, map(_QUOTED, tokens))))
        found = list(filter(None, map(self.__getitem__, keys)))
        if all(term.tone != "loaded" for term in found):
            return found
        return [
            term
            for position, term in enumerate(map(self.__getitem__, keys))
            if term is not None and (term.tone != "loaded" or reports_speech(keys, position))
        ]


_KEY = operator.attrgetter("key")
_QUOTED = operator.attrgetter("quoted")


def check_attribution(
    base_credits: list[str],
    other_credits: list[str],
    base_bylines: list[str] | None = None,
    other_own: tuple[list[str], list[str]] | None = None,
    other_bylines: list[str] | None = None,
) -> Attribution:
    """The base's credits dropped: none of its agencies credited by the other, or the text
    given to another agency (``credited_instead``, and dropped too). ``other_own``: the other's
    datelines' and bylines' credits, and every credit in words of its own (see
    ``compare._own_credits``). Given to another: those datelines and bylines name agencies and
    none of those the base's name (``base_bylines``), and no base agency is credited in the
    other's own words, whatever a sentence it kept still says ("WASHINGTON (AFP)" for
    "WASHINGTON (Reuters)" above the wire's "a senior aide told Reuters"; "MOSCOW (AP)" above
    "Reuters contributed to this report" combines the two). ``other_bylines``: the agencies the
    other's datelines and bylines credit, read when the base credits none (``credit_added``)."""
    instead: list[str] = []
    if base_bylines and other_own:
        other_bylines, own = other_own
        if other_bylines and not set(base_bylines) & set(other_bylines) and not set(base_credits) & set(own):
            instead = [name for name in other_bylines if name not in base_credits]
    # credited to another, the base's credit is dropped from where a reader looks for it
    dropped = bool(base_credits) and (not set(base_credits) & set(other_credits) or bool(instead))
    # a base that credits no agency, given one by the other's datelines or bylines: ``other_bylines``
    added = [] if base_credits else list(dict.fromkeys(other_bylines or []))
    return Attribution(list(base_credits), list(other_credits), dropped, instead, added)
