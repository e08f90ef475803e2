"""Text preparation: normalisation, boilerplate, title and sentence segmentation.

Every sentence keeps character offsets into the original text, so
``original[s.start:s.end] == s.text`` always holds for raw input.

>>> doc = prepare_text("Rain in Moscow\\n\\nMOSCOW (Reuters): It rained.Then it stopped.")
>>> [(s.role, s.text) for s in doc.document.sentences]  # doctest: +NORMALIZE_WHITESPACE
[('title', 'Rain in Moscow'), ('boilerplate', 'MOSCOW (Reuters):'),
 ('body', 'It rained.'), ('body', 'Then it stopped.')]
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from app.engine import thresholds
from app.engine.report import Document, Role, Sentence

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "NON_ALNUM",
    "PreparedDocument",
    "find_credits",
    "normalize",
    "prepare_sentences",
    "prepare_text",
    "quoted_spans",
    "split_sentences",
    "squash",
]

# --- normalisation ---------------------------------------------------------------

_CHAR_MAP = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\uff02": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")
#: What squashing and word keys leave out: everything but letters and digits.
NON_ALNUM = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """NFKC, straight quotes, ``...`` for ``…``, ``-`` for dashes, single spaces.

    >>> normalize("“Cease\u2011fire”\u2026  now")
    '"Cease-fire"... now'
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)).strip()


@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """Lowercase letters and digits only: glue, punctuation and case vanish.

    >>> squash("Russian targets") == squash("Russiantargets")
    True
    """
    return NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


# --- sentence segmentation -------------------------------------------------------

# Words after which a period does not end a sentence (lower case, no dots).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col sgt capt cmdr adm gov sen rep st jr sr inc ltd co corp
    vs jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd dept est fig vol
    rev hon messrs pres supt det insp maj brig pt approx cf al""".split()
)
_OPENING = "\u201c\u2018(["
_CLOSING = "\u201d\u2019)]"
_TERMINAL_RUN = re.compile(r"[.!?\u2026]+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$")
_QUOTE_CHARS = re.compile(r"[\u201c\u201d\"]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of quotations short enough to protect their inside."""
    spans: list[tuple[int, int]] = []
    curly_open: int | None = None
    straight_open: int | None = None
    for match in _QUOTE_CHARS.finditer(text):
        pos, char = match.start(), match.group()
        if char == "\u201c":
            curly_open = pos
        elif char == "\u201d":
            if curly_open is not None:
                spans.append((curly_open, pos))
                curly_open = None
        elif straight_open is None:
            straight_open = pos
        else:
            spans.append((straight_open, pos))
            straight_open = None
    return [(a, b) for a, b in spans if b - a <= thresholds.MAX_QUOTE_CHARS]


class _SpanIndex:
    """Whether a position falls inside one of a set of disjoint spans, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def __call__(self, position: int) -> bool:
        """True when ``start < position <= end`` for some span."""
        k = bisect.bisect_left(self.starts, position) - 1
        return k >= 0 and position <= self.spans[k][1]


def _is_abbreviation(text: str, dot: int, next_char: str) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if match is None:
        return False
    word = match.group(1)
    if "." in word:  # U.S., e.g., a.m.
        return True
    if len(word) == 1 and word.isupper():  # an initial: J. Smith
        return True
    lowered = word.lower()
    if lowered == "no":  # "No. 10" but not "he said no. Then"
        return next_char.isdigit()
    return lowered in _ABBREVIATIONS


def _boundaries(text: str) -> list[int]:
    """Positions where a new sentence starts, run-on boundaries included."""
    protected = quoted_spans(text)
    inside = _SpanIndex(protected)
    cuts: list[int] = []
    length = len(text)
    for match in _TERMINAL_RUN.finditer(text):
        start, end = match.span()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in _CLOSING + '"%'):
            continue  # "“...This" opens a quote: not an end
        after = end
        while after < length and (text[after] in _CLOSING or (text[after] == '"' and inside(after))):
            after += 1
        next_start = after
        while next_start < length and text[next_start].isspace():
            next_start += 1
        if next_start >= length:
            continue
        nxt = text[next_start]
        glued = next_start == after
        if glued:
            following = text[next_start + 1 : next_start + 2]
            starts = nxt.isupper() or (nxt in '\u201c"' and (following[:1].isalpha() or following == "."))
        else:
            starts = (
                nxt.isupper()
                or nxt.isdigit()
                or nxt in _OPENING + '"'
                or (nxt.isalpha() and not nxt.islower())
            )
        if not starts:
            continue
        if end - start == 1 and text[start] == "." and _is_abbreviation(text, start, nxt):
            continue
        if inside(after):
            continue
        cuts.append(next_start if not glued else after)
    return cuts


def _wrap_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS at word boundaries."""
    pieces: list[tuple[int, int]] = []
    limit = thresholds.MAX_SENTENCE_CHARS
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            cut = start + limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text[start:end]``, stripped of outer spaces.

    >>> t = "It was Turkey\u2019s job.Erdogan said so.\u201cWe agree. Truly,\u201d he said."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['It was Turkey’s job.', 'Erdogan said so.', '“We agree. Truly,” he said.']
    """
    end = len(text) if end is None else end
    segment = text[start:end]
    cuts = [0, *_boundaries(segment), len(segment)]
    spans: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(cuts):
        while a < b and segment[a].isspace():
            a += 1
        while b > a and segment[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if spans and not any(ch.isalnum() for ch in segment[a:b]):
            spans[-1] = (spans[-1][0], b)  # a lone closing quote or "..." joins its sentence
            continue
        spans.append((a, b))
    result: list[tuple[int, int]] = []
    for a, b in spans:
        result.extend(_wrap_long(text, start + a, start + b))
    return result


# --- boilerplate -----------------------------------------------------------------

_WIRE_AGENCIES = {
    "reuters": "Reuters",
    "associated press": "AP",
    "ap": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "upi": "UPI",
    "pa": "PA",
    "press association": "PA",
    "irna": "IRNA",
    "sputnik": "Sputnik",
    "pti": "PTI",
    "ani": "ANI",
    "ians": "IANS",
}
# In running text only credit-like phrases count: "(Reuters)", "told Reuters",
# "according to AFP", "\u00a9 Reuters", "Reuters reported", "PA News".
_CREDIT_BEFORE = re.compile(
    r"(?:\btold|according to|\bvia|\bby|\u00a9|\(c\)|copyright)\s+(?:the\s+)?$", re.IGNORECASE
)
_CREDIT_AFTER = re.compile(r"\s+(?:reported|said|news|contributed|reporting)\b", re.IGNORECASE)
_SHORT_NAMES = frozenset({"ap", "pa", "ani", "efe", "upi", "dpa", "afp", "pti", "irna", "tass"})

# "MOSCOW/ANKARA (Reuters): ", "WASHINGTON, May 31 (AP) - ", "(Hatha al-Youm | Iraq News )-"
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\u2019/-]+(?:[ /]+[A-Z][A-Z.'\u2019/-]+)*"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\([^()\n]{2,60}\)\s*[-\u2013\u2014:]+\s*"
)
# "LONDON - " or "MOSCOW, May 31 - " without a credit.
_BARE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\u2019/-]{2,}(?:[ /]+[A-Z][A-Z.'\u2019/-]+)*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s+[-\u2013\u2014]+\s+"
)
_BREADCRUMB_SEPARATORS = re.compile(r"\s[\u203a\u00bb|>]\s|\s[\u203a\u00bb|>]$|[\u203a]")
_SENTENCE_PUNCT = re.compile(r"[.!?\u2026\u3002\u061f]")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026\u3002\u061f][\"\u201d\u2019')\]]*$")
_REPORTING_CREDIT = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.IGNORECASE
)
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def _credit_zone(text: str) -> str:
    """Where running-text credits are looked for: the top and the bottom of a text
    (datelines, "told Reuters" in the lede, credit lines at the end); the middle of
    a 2 MB transcript is not worth a scan."""
    head, tail = thresholds.CREDIT_HEAD_CHARS, thresholds.CREDIT_TAIL_CHARS
    return text if len(text) <= head + tail else text[:head] + "\n" + text[-tail:]


def find_credits(text: str, *, boilerplate: bool = False) -> list[str]:
    """Wire agencies credited in ``text``, canonical names, in order of appearance.

    In boilerplate (datelines, bylines, credit lines) any agency name counts; in
    running text only credit-like phrases do ("(Reuters)", "told AFP").
    """
    lowered = text.lower()
    hits: list[tuple[int, int, str]] = []  # (start, -length, name) so the longest name wins a tie
    for name in _WIRE_AGENCIES:
        at = lowered.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not lowered[at - 1].isalnum()) and (
                end == len(lowered) or not lowered[end].isalnum()
            ):
                hits.append((at, -len(name), name))
            at = lowered.find(name, at + 1)
    found: list[str] = []
    covered_until = -1
    for start, negative_length, name in sorted(hits):
        end = start - negative_length
        if start < covered_until:
            continue  # inside a longer name already taken ("press" in "associated press")
        raw = text[start:end]
        if name in _SHORT_NAMES and not raw.isupper():
            continue  # "ap", "pa" as ordinary words
        covered_until = end
        credited = boilerplate or (
            (text[start - 1 : start] == "(" and text[end : end + 1] == ")")
            or _CREDIT_BEFORE.search(text, max(0, start - 20), start) is not None
            or _CREDIT_AFTER.match(text, end, end + 16) is not None
        )
        canonical = _WIRE_AGENCIES[name]
        if credited and canonical not in found:
            found.append(canonical)
    return found


@lru_cache(maxsize=1)
def _language_identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _language(text: str) -> tuple[str, float]:
    lang, prob = _language_identifier().classify(text[:400])
    return str(lang), float(prob)


# Frequent English function words: a paragraph made of them is English without asking
# the language model, which costs ~100 microseconds a paragraph.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in and is was were for on that with as by at from it its has have had "
    "he she they said says will would but not be been this which who are".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def _paragraph_language(text: str) -> tuple[str, float]:
    words = _WORD.findall(text.lower())
    if words and sum(w in _ENGLISH_FUNCTION_WORDS for w in words) >= thresholds.ENGLISH_FUNCTION_SHARE * len(
        words
    ):
        return "en", 1.0
    return _language(text)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    words: int


@dataclass(slots=True)
class PreparedDocument:
    """A document ready for alignment, with what preparation learnt about it."""

    document: Document
    credits: list[str] = field(default_factory=list)
    language: str | None = None


class _Builder:
    """Collects units in order, numbering them as they come."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[Sentence] = []
        self.title: str | None = None

    def add(self, start: int, end: int, role: Role) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start >= end:
            return
        piece = self.text[start:end]
        if role == "title":
            self.title = piece
        self.sentences.append(Sentence(len(self.sentences), piece, start, end, role))

    def add_body(self, start: int, end: int) -> None:
        for a, b in split_sentences(self.text, start, end):
            self.add(a, b, "body")

    def credits(self) -> list[str]:
        """Agencies named in boilerplate (datelines, bylines), then credited in the text."""
        found = find_credits(
            "\n".join(s.text for s in self.sentences if s.role == "boilerplate"), boilerplate=True
        )
        in_text = find_credits("\n".join(s.text for s in self.sentences if s.role != "boilerplate"))
        return found + [name for name in in_text if name not in found]


def _word_count(text: str) -> int:
    return len(text.split())


def _line_languages(text: str, lines: list[_Line]) -> list[str | None]:
    """Each paragraph's language where it is long enough and clear enough to tell."""
    languages: list[str | None] = []
    for line in lines:
        language = None
        if line.words >= thresholds.LANGUAGE_MIN_WORDS:
            lang, prob = _paragraph_language(text[line.start : line.end])
            if prob >= thresholds.LANGUAGE_MIN_PROBABILITY:
                language = lang
        languages.append(language)
    return languages


def prepare_text(
    text: str, *, detect_boilerplate: bool = True, detect_title: bool = True
) -> PreparedDocument:
    """Split raw text into title, body sentences and boilerplate, with offsets."""
    lines = [
        _Line(m.start(), m.end(), _word_count(m.group())) for m in _LINE.finditer(text) if m.group().strip()
    ]
    builder = _Builder(text)
    language: str | None = None
    line_languages: list[str | None] = [None] * len(lines)
    if detect_boilerplate and len(lines) > 1:
        line_languages = _line_languages(text, lines)
        votes = Counter(lang for lang in line_languages if lang)
        language = votes.most_common(1)[0][0] if votes else None
    seen: set[str] = set()
    content_seen = False
    for position, line in enumerate(lines):
        raw = text[line.start : line.end]
        start, end = line.start, line.end
        if not detect_boilerplate:
            if detect_title and not content_seen and _looks_like_title(raw, position, lines):
                builder.add(start, end, "title")
            else:
                builder.add_body(start, end)
            content_seen = True
            continue
        key = squash(raw)
        if key in seen:
            builder.add(start, end, "boilerplate")
            continue
        seen.add(key)
        if language and line_languages[position] not in (None, language):
            builder.add(start, end, "boilerplate")
            continue
        separators = list(_BREADCRUMB_SEPARATORS.finditer(raw))
        if len(separators) >= 2 and "\u00ab" not in raw:
            cut = start + separators[-1].end()
            builder.add(start, cut, "boilerplate")
            start = cut
            raw = text[start:end]
            if not raw.strip():
                continue
        dateline = _DATELINE.match(raw) or _BARE_DATELINE.match(raw)
        if dateline and dateline.end() < len(raw.rstrip()):
            builder.add(start, start + dateline.end(), "boilerplate")
            start += dateline.end()
            raw = text[start:end]
        words = _word_count(raw)
        terminated = bool(_ENDS_SENTENCE.search(raw.rstrip()))
        if detect_title and not content_seen and _looks_like_title(raw, position, lines):
            builder.add(start, end, "title")
        elif (
            (not _SENTENCE_PUNCT.search(raw) and words >= thresholds.NAV_MIN_WORDS)
            or (not terminated and words <= thresholds.JUNK_MAX_WORDS)
            or _REPORTING_CREDIT.match(raw.strip())
        ):
            builder.add(start, end, "boilerplate")
        else:
            builder.add_body(start, end)
        content_seen = True
    return PreparedDocument(Document(builder.title, builder.sentences), builder.credits(), language)


def _looks_like_title(raw: str, position: int, lines: list[_Line]) -> bool:
    words = _word_count(raw)
    return (
        position < len(lines) - 1
        and 3 <= words <= thresholds.TITLE_MAX_WORDS
        and not _ENDS_SENTENCE.search(raw.rstrip())
    )


def prepare_sentences(sentences: list[str]) -> PreparedDocument:
    """Pre-split input: every sentence is one body unit, in order, no boilerplate."""
    units = [Sentence(i, s, None, None, "body") for i, s in enumerate(sentences)]
    return PreparedDocument(Document(None, units), find_credits(_credit_zone("\n".join(sentences))), None)
