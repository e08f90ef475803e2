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
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from app.engine import thresholds
from app.engine.report import Document, Role, Sentence

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "ABBREVIATIONS",
    "LIST_ITEM",
    "NON_ALNUM",
    "PreparedDocument",
    "byline_credits",
    "find_credits",
    "normalize",
    "prepare_sentences",
    "prepare_text",
    "quoted_spans",
    "shortened",
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
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col sgt capt cmdr adm gov sen rep st jr sr inc ltd co corp
    vs jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd dept est fig vol
    rev hon messrs pres supt det insp maj brig pt approx cf al""".split()
)
#: The news abbreviations of other languages a period does not end (lower case, no dots): titles,
#: ranks, streets. Segmentation does not know a paragraph's language (a page may quote another), so
#: it reads them all, but never in capitals, where they are English acronyms ("the CIA.", "ING.",
#: "ENG."); the ones that are English words or names capitalised are read only in lower case
#: (:data:`_LOWER_CASE_ABBREVIATIONS`), and the ones that may end an English sentence otherwise
#: (German "Art.", "ca.", French "env.", Italian "on.") only where they cannot, below.
#: Kept apart from :data:`ABBREVIATIONS`, which word swaps read as short forms of English words
#: ("gov", "governor").
_OTHER_ABBREVIATIONS: dict[str, str] = {
    "fr": "mme mmes mlle mlles mgr ste cie apr av bd gén cdt cne adj",
    "es": "sra srta sres dra dña lic ing arq abog ud uds vd vds excmo excma ilmo ilma sto sta gral tte "
    "cnel aprox avda cía pte dcha izq ej prov",
    "it": "sig sigg dott avv geom mons magg cav comm",
    "pt": "profa eng exmo exma cel dep cia",
    "de": "fr dipl evtl ggf inkl zzgl vgl sog str jh geb bzw",
    "ru": "ул им ген акад проф просп пер обл",
    "tr": "doç yrd sn alb sok mah",
}
_FOREIGN_ABBREVIATIONS = frozenset(word for words in _OTHER_ABBREVIATIONS.values() for word in words.split())
#: Of those, the ones that are English words or names capitalised, read only in lower case: Italian
#: "il sig. Rossi", "mons." (monsignore), Portuguese "dep." (deputado), but "near Mons.", "Sig."
#: end sentences.
_LOWER_CASE_ABBREVIATIONS = frozenset({"sig", "mons", "dep"})
#: Abbreviations that are an abbreviation only as written, capitalised: French "MM." (messieurs)
#: and "Pr" (professeur), German "Hr." (Herr), Turkish "Cad." (cadde); "mm.", "hr." and "a cad."
#: end sentences. (French "Me" (maître) is written without a period; "Stand by Me." ends a
#: sentence.)
_CAPITALISED_ABBREVIATIONS = frozenset({"MM", "Pr", "Hr", "Cad"})
#: Abbreviations that are one only before a figure: "No. 10", German "Nr. 10", "Abs. 2", Spanish
#: "núm. 3", "pág. 12", Italian "n. 5", "p. 3", Russian "д. 5" (дом), "ст. 12" (статья), "ч. 2",
#: "п. 3"; "he said no.", "и т. п." end sentences.
_FIGURE_ABBREVIATIONS = frozenset("no nr abs núm pág pag p pp n д ст ч п".split())
#: ... and the ones that are one only before a figure written as other languages write them,
#: German "Art. 5" (Artikel) capitalised, German and Italian "ca. 500" (circa), French "env. 300"
#: (environ) and "chap. 3" in lower case: "modern art. 2023 was", "moved to CA. 2023", "the old
#: chap." end sentences.
_FIGURE_ABBREVIATIONS_AS_WRITTEN = frozenset({"Art", "ca", "env", "chap"})
#: An abbreviation after an elided article: Italian "l'on." (l'onorevole), not English "went on.".
_ELIDED_ABBREVIATIONS = frozenset({"on"})
#: Russian "г." is "город" (a city) before a name, "год" (a year) after a figure, where it may
#: end the sentence: "в г. Москве", "в 2023 г. Затем".
_UNLESS_AFTER_A_FIGURE = frozenset({"г", "гг"})
#: A letter and a period before another short abbreviation: German "z. B.", "d. h.", "v. Chr.",
#: Russian "т. е.".
_ABBREVIATION_AFTER = re.compile(r"\s?[^\W\d_]{1,3}\.")
#: A dotted abbreviation written without its spaces, in parts of a few letters each, the next one
#: in one case: Spanish "EE.UU.", "FF.AA.", "CC.OO."; not scraped sentences glued together,
#: "with Iran.Dr. Smith", "with UK.Dr. Smith".
_GLUED_ABBREVIATION_MAX = 3
_GLUED_ABBREVIATION_AFTER = re.compile(rf"([^\W\d_]{{1,{_GLUED_ABBREVIATION_MAX}}})\.")
#: The month names and their abbreviations in the languages wire agencies write dates in (lower
#: case, no dots), by language.
MONTH_NAMES: dict[str, str] = {
    "en": "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "janv févr fév avr juil sept oct nov déc",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre ene feb mar abr may jun jul ago sep sept set oct nov dic",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre "
    "gen feb mar apr mag giu lug ago set ott nov dic",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro "
    "jan fev mar abr mai jun jul ago set out nov dez",
    "de": "januar jänner februar feber märz april mai juni juli august september oktober november "
    "dezember jan feb mär mrz apr jun jul aug sep sept okt nov dez",
}
#: What a German ordinal ("3.") goes on with, where it cannot end a sentence before a capital: a
#: month spelled as only German spells it ("3. Oktober"), a century ("im 20. Jahrhundert"). Other
#: capitalised words after a number and a period are as often a new sentence ("in 2019. The").
_ORDINAL_NOUNS = frozenset(
    {*(set(MONTH_NAMES["de"].split()) - set(MONTH_NAMES["en"].split())), "jahrhundert", "jahrhunderts"}
    | {"jahrtausend", "jh", "weltkrieg"}
)
#: ... and what it goes on with after a German article or preposition only, as English writes the
#: same words after a number ending a sentence ("to June 30. September figures"): a month spelled
#: as English spells it ("am 30. April"), a football club ("der 1. FC Köln").
_ORDINAL_NOUNS_AFTER_AN_ARTICLE = frozenset({*(set(MONTH_NAMES["de"].split()) - _ORDINAL_NOUNS), "fc"})
#: A day or rank before an ordinal's period, not the end of a score or a range ("won 2-1.").
_ORDINAL_BEFORE = re.compile(r"(?<![\d.,:/\u2013\u2014-])\d{1,2}$")
_ORDINAL_ARTICLE = re.compile(r"\b(?i:am|vom|zum|im|bis|seit|ab|der|den|dem|des|beim)\s+\d{1,2}$")
#: Scales abbreviated after a figure, in German and Spanish copy: "257,6 Mrd. Dollar", "5 Mio.
#: Euro", "3 mill. de euros". Written there, the period is the abbreviation's, not a sentence's end
#: (a figure's currency or unit follows it).
_SCALE_ABBREVIATIONS = frozenset({"mrd", "mio", "tsd", "mill"})
_FIGURE_BEFORE = re.compile(r"\d\s?$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
#: ... unless the next word opens a sentence, as a currency or a noun after a scale cannot: "Die
#: Zahl der Arbeitslosen stieg auf 2,9 Mio. Die Bundesagentur ...".
_SENTENCE_OPENERS = frozenset(
    """Der Die Das Den Dem Des Ein Eine Einer Er Sie Es Wir Ich Man Im In Am Auch Doch Aber Nach Laut
    Mit Bei Seit Zudem Damit Dies Diese Dieser Dabei Zuvor Damals Zuletzt Demnach El La Los Las Un
    Una En Se The It He She They We""".split()
)
#: Marks that open a quotation or an aside, and marks that only close one.
_OPENING = "\u201c\u2018([\u00ab\u201e\u300c\u300e"
_CLOSING = "\u201d\u2019)]\u300d\u300f"
#: Quotation marks that open in one language and close in another: “ closes German „…“ and opens
#: English “…”, » closes French «…» and opens German »…«, « the other way round. Where one ends a
#: sentence, :func:`_closes` tells which it is.
_EITHER_WAY = '"\u201c\u00ab\u00bb'
#: ... and of those, the ones that close where a space follows them: an English opening “ and a
#: German opening » are written against their first word, French « is spaced from it.
_CLOSING_BEFORE_A_SPACE = "\u201c\u00bb"
#: Quotation marks that open a sentence run on to the one before ("...in Kyiv.„Wir bleiben").
_OPENING_GLUED = '\u201c"\u201e\u00ab\u00bb'
#: Invisible marks (direction marks and isolates, word joiners) a right-to-left text puts around
#: its punctuation: part of the sentence they follow, never its end.
_INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2060\ufeff"
)
#: What ends a sentence: full stops, question and exclamation marks and ellipses, Latin, Arabic
#: (؟), Urdu (۔), Devanagari (। ॥), Armenian (։), Ethiopic (።), Chinese and Japanese (。 ｡) and
#: fullwidth (！ ？ ．).
_TERMINAL_RUN = re.compile(
    "[.!?\u2026\u203c\u2047\u2048\u2049\u061f\u06d4\u0964\u0965\u0589\u1362\u3002\uff61\uff01\uff1f\uff0e]+"
)
#: The full stops of scripts that leave no space between sentences (Chinese and Japanese): a
#: sentence after one starts glued to it, in letters that have no capitals.
_UNSPACED_FULL_STOPS = frozenset("\u3002\uff61")
#: ... and their question and exclamation marks, which Japanese also puts before a quotative
#: particle in hiragana ("本当？と聞いた"): a sentence starts after one in other letters.
_UNSPACED_MARKS = frozenset("\uff01\uff1f")
_HIRAGANA = ("\u3040", "\u309f")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$")
_QUOTE_CHARS = re.compile('[\u201c\u201d\u201e"\u00ab\u00bb\u300c\u300d\u300e\u300f\u201a\u2018]')
#: Each opening mark and the marks that close it: English “…” and "…", German „…“
#: and »…«, French, Spanish, Russian and Arabic «…», Japanese 「…」 and 『…』,
#: German single ‚…‘. A mark that closes nothing open opens (» in German).
_CLOSERS = {
    "\u201c": "\u201d",
    "\u201e": "\u201c\u201d",
    '"': '"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "\u201a": "\u2018",
}
#: Marks that only ever close (an English ’ or ‘ alone is an apostrophe or a typo).
_ONLY_CLOSING = frozenset("\u201d\u300d\u300f\u2018")
#: A dash that opens direct speech at the start of a paragraph or a sentence: Spanish "—Es el
#: mayor golpe —declaró el ministro.", "—¿Qué pasa?", Russian "— Мы не отступим, — заявил он."
#: (– in some Russian typesetting). A dash in mid-sentence sets off words of the sentence's own.
_DASH_OPENING = re.compile(
    r"(?:^|(?<=[.!?\u2026][ \t]))[ \t]*([\u2014\u2013])[ \t]*(?=[\w\u00ab\u201e\u201c\"\u00bf\u00a1])",
    re.MULTILINE,
)
#: Where dash-quoted speech gives way to its attribution: Russian ", — заявил он" (or "?", "!",
#: "…" before the dash), Spanish " —declaró el ministro" (the dash against the verb).
_DASH_CLOSING = re.compile(r"(?P<mark>[,!?\u2026])[ \t]*[\u2014\u2013][ \t]*(?=\w)|[ \t][\u2014\u2013](?=\w)")
#: Where the speech takes up again after its attribution, in the same sentence: Russian ", —
#: мы победим", Spanish "—aseguró un ganadero—, seguiremos".
_DASH_RESUMING = re.compile(r",[ \t]*[\u2014\u2013][ \t]*(?=\w)|(?<=\w)[\u2014\u2013][,;:.]?[ \t]+(?=\w)")
#: Where speech no attribution closes ends: its sentence's end, or its paragraph's.
_SPEECH_END = re.compile(r"[.!?\u2026]+(?=\s|$)|\n")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of the outermost quotations, short enough to protect
    their inside, in order; nested quotations ride inside their outer one. Speech a dash opens
    (:func:`_dash_quotes`) is a quotation too.

    >>> t = "Il a dit\u00a0: \u00ab\u202fNous partons.\u202f\u00bb Er sagte: \u201eWir bleiben.\u201c"
    >>> [t[a + 1 : b].strip() for a, b in quoted_spans(t)]
    ['Nous partons.', 'Wir bleiben.']
    >>> t = "\u2014 Мы уходим, \u2014 сказал он. \u2014No nos vamos \u2014dijo ella."
    >>> [t[a + 1 : b].strip() for a, b in quoted_spans(t)]
    ['Мы уходим', 'No nos vamos']
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_CHARS.finditer(text):
        pos, char = match.start(), match.group()
        while stack and pos - stack[0][1] > thresholds.MAX_QUOTE_CHARS:
            del stack[0]  # left open too long: an unbalanced mark, not a quotation
        closes = next((k for k in range(len(stack) - 1, -1, -1) if char in _CLOSERS[stack[k][0]]), None)
        if closes is not None:
            opened = stack[closes][1]
            del stack[closes:]
            if not stack:
                spans.append((opened, pos))
        elif char not in _ONLY_CLOSING:
            # marks of one kind do not nest: an older one of the same kind was never closed
            reopened = next((k for k, (mark, _) in enumerate(stack) if mark == char), len(stack))
            del stack[reopened:]
            stack.append((char, pos))
    spans = [(a, b) for a, b in spans if b - a <= thresholds.MAX_QUOTE_CHARS]
    if "\u2014" in text or "\u2013" in text:
        # a mark inside speech a dash opens rides inside it; a dash inside marks opens nothing
        dashed = [
            (a, b) for a, b in _dash_quotes(text) if not any(c <= a <= d or a <= c <= b < d for c, d in spans)
        ]
        spans = sorted([*dashed, *((c, d) for c, d in spans if not any(a < c < b for a, b in dashed))])
    return spans


def _dash_quotes(text: str) -> list[tuple[int, int]]:
    """(dash, close) positions of the speech dashes open (:data:`_DASH_OPENING`): up to the
    attribution (:data:`_DASH_CLOSING`, a comma before it left out), or to the end of the
    sentence; again after the attribution where the speech takes up again. A dash no attribution
    closes opens no quotation, in any language: it sets off a list's item ("— Rates rose 2%.") or
    an interview's turn ("— Q: Will you run again?"), unless it is a turn of a dialogue whose
    paragraph attributes another ("— Как дела? — Хорошо, — ответил он.")."""
    spans: list[tuple[int, int]] = []
    unattributed: set[int] = set()  # spans no attribution closes, by index
    attributed: set[int] = set()  # paragraphs (numbered by the line breaks before) with an attribution
    breaks = [m.start() for m in re.finditer("\n", text)]
    # speech opens on a capital: "! — сказал он" after speech is its attribution
    openings = [m.start(1) for m in _DASH_OPENING.finditer(text) if not text[m.end()].islower()]
    for k, opening in enumerate(openings):
        at: int | None = opening
        while at is not None and (not spans or at > spans[-1][1]):
            # speech runs at most to its paragraph's end, or the next speaker's dash
            paragraph_end = text.find("\n", at)
            limit = min(
                len(text) if paragraph_end < 0 else paragraph_end,
                next((later for later in openings[k + 1 :] if later > at), len(text)),
                at + thresholds.MAX_QUOTE_CHARS,
            )
            closing = next(
                (
                    m
                    for m in _DASH_CLOSING.finditer(text, at + 1, limit)
                    # after "?" or "!" a capital opens the next speaker's turn, not an attribution
                    if m.group("mark") == "," or text[m.end()].islower()
                ),
                None,
            )
            end = _SPEECH_END.search(text, at + 1 if closing is None else closing.end())
            if closing is None:
                spans.append((at, end.start() if end else len(text)))
                if at == opening:
                    unattributed.add(len(spans) - 1)
                break
            # the comma stands for the speech's full stop; its "!", "?" or "…" are its own
            spans.append((at, closing.start() + (closing.group("mark") != ",")))
            attributed.add(bisect.bisect(breaks, at))
            # the attribution runs to its sentence's end, unless the speech takes up again before
            resuming = _DASH_RESUMING.search(text, closing.end(), limit)
            if resuming is None or (end is not None and resuming.start() > end.start()):
                break
            at = resuming.end() - 1
    return [
        (a, b)
        for k, (a, b) in enumerate(spans)
        if k not in unattributed or bisect.bisect(breaks, a) in attributed
    ]


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
        return _is_ordinal(text, dot)
    word = match.group(1)
    if "." in word:  # U.S., e.g., a.m.
        return True
    if len(word) == 1 and word.isupper():  # an initial: J. Smith
        return True
    lowered = word.lower()
    if len(word) == 1 and _ABBREVIATION_AFTER.match(text, dot + 1):  # z. B., т. е.
        return True
    glued = _GLUED_ABBREVIATION_AFTER.match(text, dot + 1) if len(word) <= _GLUED_ABBREVIATION_MAX else None
    if glued and (glued.group(1).isupper() or glued.group(1).islower()):
        return True  # EE.UU.
    if lowered in _SCALE_ABBREVIATIONS:
        following = _NEXT_WORD.match(text, dot + 1)
        return _FIGURE_BEFORE.search(text, max(0, match.start(1) - 2), match.start(1)) is not None and not (
            following and following.group(1) in _SENTENCE_OPENERS
        )
    if lowered in _UNLESS_AFTER_A_FIGURE:
        return _FIGURE_BEFORE.search(text, max(0, match.start(1) - 2), match.start(1)) is None
    if lowered in _FIGURE_ABBREVIATIONS:  # "No. 10" but not "he said no. Then"
        return next_char.isdigit()
    if word in _FIGURE_ABBREVIATIONS_AS_WRITTEN:  # "ca. 500" but not "modern art. 2023"
        return next_char.isdigit()
    if lowered in _ELIDED_ABBREVIATIONS:  # "l'on. Rossi" but not "went on. Then"
        return text[match.start(1) - 1 : match.start(1)] in "'\u2019" and match.start(1) >= 2
    if lowered in ABBREVIATIONS or word in _CAPITALISED_ABBREVIATIONS:
        return True
    if lowered not in _FOREIGN_ABBREVIATIONS or (len(word) > 1 and word.isupper()):
        return False  # "the CIA."
    return word.islower() or lowered not in _LOWER_CASE_ABBREVIATIONS


def _is_ordinal(text: str, dot: int) -> bool:
    """A German ordinal's period before what an ordinal goes on with (:data:`_ORDINAL_NOUNS`,
    :data:`_ORDINAL_NOUNS_AFTER_AN_ARTICLE` after an article)."""
    if _ORDINAL_BEFORE.search(text, max(0, dot - 3), dot) is None:
        return False
    following = _NEXT_WORD.match(text, dot + 1)
    if following is None:
        return False
    noun = following.group(1).lower()
    return noun in _ORDINAL_NOUNS or (
        noun in _ORDINAL_NOUNS_AFTER_AN_ARTICLE
        and _ORDINAL_ARTICLE.search(text, max(0, dot - 12), dot) is not None
    )


def _closes(text: str, position: int, inside: _SpanIndex) -> bool:
    """The mark at ``position`` closes a quotation or an aside (:data:`_EITHER_WAY`): one that
    only closes, one that ends a quotation found (or sits in one), or, where none is found, “ or
    » before a space."""
    char = text[position]
    if char in _CLOSING:
        return True
    if char not in _EITHER_WAY:
        return False
    if inside(position):
        return True
    return char in _CLOSING_BEFORE_A_SPACE and (position + 1 == len(text) or text[position + 1].isspace())


def _after_closing(text: str, end: int, inside: _SpanIndex) -> int:
    """Where the sentence ending at ``end`` ends, past its closing marks (with the space French
    puts before one: "pas. »") and the invisible marks a right-to-left text puts after it."""
    length = len(text)
    after = end
    while True:
        while after < length and text[after] in _INVISIBLE:
            after += 1
        position = after
        while position < length and text[position] in " \t\u00a0\u202f\u2009":
            position += 1
        if position < length and _closes(text, position, inside):
            after = position + 1
            continue
        return after


def _starts_unspaced(stop: str, nxt: str) -> bool:
    """A Chinese or Japanese sentence starts right after ``stop``, without a space or a capital."""
    if not nxt.isalpha() or nxt.islower():
        return False
    return stop in _UNSPACED_FULL_STOPS or (
        stop in _UNSPACED_MARKS and not _HIRAGANA[0] <= nxt <= _HIRAGANA[1]
    )


def _boundaries(text: str) -> list[int]:
    """Positions where a new sentence starts, run-on boundaries included."""
    protected = quoted_spans(text)
    inside = _SpanIndex(protected)
    cuts: list[int] = []
    length = len(text)
    for match in _TERMINAL_RUN.finditer(text):
        start, end = match.span()
        if start == 0:
            continue
        before = text[start - 1]
        if not (
            before.isalnum()
            or unicodedata.category(before)[0] == "M"  # a vowel sign: "कहा।"
            or before in _CLOSING + _INVISIBLE + '"%\u00ab\u00bb'
            or (before == "\u201c" and _closes(text, start - 1, inside))
        ):
            continue  # "“...This" opens a quote: not an end
        after = _after_closing(text, end, inside)
        next_start = after
        while next_start < length and (text[next_start].isspace() or text[next_start] in _INVISIBLE):
            next_start += 1
        if next_start >= length:
            continue
        nxt = text[next_start]
        glued = next_start == after
        if glued:
            following = text[next_start + 1 : next_start + 2]
            starts = (
                nxt.isupper()
                or (nxt in _OPENING_GLUED and (following[:1].isalpha() or following == "."))
                # not after a quotation: 「…。」と述べた
                or (after == end and _starts_unspaced(match.group()[-1], nxt))
            )
        else:
            starts = (
                nxt.isupper()
                or nxt.isdigit()
                or nxt in _OPENING + _EITHER_WAY
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


def _load_agencies() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Spelling (lower case) -> canonical agency name; the exact-case spellings; the names
    (lower case) of organisations named after an agency; the agencies that are a surname too, and
    those that are a given name too."""
    data = json.loads(resources.files("app.engine").joinpath("agencies.json").read_text(encoding="utf-8"))
    names = {
        spelling.lower(): canonical
        for canonical, spellings in data["agencies"].items()
        for spelling in spellings
    }
    return (
        names,
        frozenset(data["exact_case"]),
        frozenset(name.lower() for name in data["named_after_an_agency"]),
        frozenset(data["surnames"]),
        frozenset(data["given_names"]),
    )


# The agency table is data (app/engine/agencies.json), kept in one place.
_WIRE_AGENCIES, _EXACT_CASE, _NAMED_AFTER_AN_AGENCY, _SURNAMES, _GIVEN_NAMES = _load_agencies()
#: Days and months, lower case: capitalised words that name no one.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
#: What makes an agency that is a surname a person: a capitalised word just before it ("Michael
#: Bloomberg", "Mr. Bloomberg"), unless that word is a credit's ("By Bloomberg", "Via Bloomberg"),
#: a function word or a date ("As Bloomberg reported", "On Tuesday Bloomberg reported").
_GIVEN_NAME_BEFORE = re.compile(r"\b([A-Z][\w.'\u2019-]*)[ \t]$")
#: What makes an agency that is a given name a person: a capitalised word just after it, not one
#: of the agency's own ("Tasnim Akter", not "Tasnim News").
_SURNAME_AFTER = re.compile(r"[ \t]+(?!News\b|Agency\b)[A-Z][a-z]")
#: ... and unless the agency's own words follow ("Bloomberg News", "Bloomberg reported").
_AGENCY_AFTER = re.compile(r"\s+(?:news|reported|reports|reporting|television|tv)\b", re.IGNORECASE)
_EXACT_CASE_LOWER = frozenset(name.lower() for name in _EXACT_CASE)
#: The names find_credits looks for (an organisation named after an agency too, so that it covers the
#: agency's name in it): a name in Latin letters by its first word, one in another script by its first
#: letter, so that a text is searched for the few names it may hold, not for each of a hundred.
_NAMES_BY_FIRST_WORD: dict[str, tuple[str, ...]] = {}
_NAMES_BY_FIRST_LETTER: dict[str, tuple[str, ...]] = {}
for _name in (*_WIRE_AGENCIES, *_NAMED_AFTER_AN_AGENCY):
    _first = re.match(r"[a-z0-9]+", _name)
    if _first is not None:
        _NAMES_BY_FIRST_WORD[_first.group()] = (*_NAMES_BY_FIRST_WORD.get(_first.group(), ()), _name)
    else:
        _NAMES_BY_FIRST_LETTER[_name[0]] = (*_NAMES_BY_FIRST_LETTER.get(_name[0], ()), _name)
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_LONGEST_AGENCY_NAME = max(map(len, _WIRE_AGENCIES))
_AGENCY_NAMES = "|".join(sorted((re.escape(n) for n in _WIRE_AGENCIES), key=len, reverse=True))
# In running text only credit-like phrases count: "(Reuters)", "told Reuters",
# "according to AFP", "\u00a9 Reuters", "Reuters reported", "PA News", and their
# French, Spanish, Italian, Portuguese, German, Russian, Turkish, Arabic and Persian forms
# ("selon l'AFP", "según EFE", "secondo l'ANSA", "segundo a Lusa", "laut dpa", "сообщает ТАСС",
# "AA muhabirine", "ذكرت رويترز", "لوكالة فرانس برس", "به گزارش ایرنا").
_CREDIT_BEFORE = re.compile(
    r"(?:\btold|according to|\bvia|\bby|\u00a9|\(c\)|copyright|interview with"
    r"|\bselon|d['\u2019]après|\bà|\bpar|\(\s*avec|\brapporté|\bindiqué|\bsegún|\bpor|\bcon información de"
    r"|\binform(?:ó|a|aron|an)"
    # Spanish "told EFE": a speech verb and "a" (an English "a" before an agency is an article)
    r"|\b(?:dijo|explicó|declaró|aseguró|confirmó|afirmó|indicó|señaló|comentó|precisó|detalló|contó"
    r"|reconoció|añadió|agregó|manifestó|relató|advirtió|respondió)\s+a"
    r"|\bcitada por"
    # Italian and Portuguese: "secondo l'ANSA", "riferisce l'ANSA", "ha detto all'ANSA", "segundo a Lusa"
    r"|\bsecondo|\briferi(?:sce|scono|to)|\bripor(?:ta|tato)|\bfonti\s+(?:dell['\u2019]|della)"
    r"|\b(?:detto|dichiarato|spiegato|confermato|raccontato)"
    r"|\bsegundo|\bde acordo com|\binform(?:ou|a)|\bdisse|\bafirmou|\bexplicou|\bconfirmou"
    r"|\blaut|\bgegenüber|\bsagte|\bberichtete|\bmeldete"
    # German "told dpa" with its subject between: "sagte ein Sprecher der Deutschen Presse-Agentur"
    r"|\b(?:sagte|sagten|erklärte|bestätigte)(?:\s+[^\s.,;:!?]+){1,3}\s+(?:der|dem)"
    r"|сообщ\w*|перед\w*|заявил\w*"
    r"|по данным|согласно"
    r"|ذكرت|أفادت|وفقا|وفقاً|نقلت|قال|قالت|بحسب|حسب|نقلا عن|\bلوكالة"
    r"|به گزارش|گزارش)"
    # an article or two between: "according to a Reuters report", "selon l'agence AFP"
    # (or a German pronoun and an article: "sagte er der dpa")
    r"\s+(?:the\s+|an?\s+|l['\u2019]\s*|all['\u2019]\s*|la\s+|el\s+|der\s+|die\s+|dem\s+|er\s+"
    r"|sie\s+|agencia\s+|agence\s+|agenzia\s+|agência\s+|خبرگزاری\s+|ل?وكالة\s+){0,2}$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(
    r"\s+(?:reported|reports|said|news|contributed|reporting|quoted|informa|informó|berichtet\w*"
    r"|meldet\w*|rapporte|riferisce|сообщ\w*|muhabir\w*)\b"
    # Turkish suffixes on the name: "Anadolu Ajansı'nın haberine göre", "AA'ya konuşan"
    r"|['\u2019]\w{1,4}\s+(?:haberine\s+göre|göre|muhabir\w*|açıklama\w*|konuş\w*|bilgi\s+ver\w*)",
    re.IGNORECASE,
)
#: An agency signing a text off: its name after the last sentence's end, or on a line of its own,
#: and nothing after it on the line ("... del 3 %. \u2014 EFE", "Das sagte Lindner. dpa").
_SIGN_OFF_BEFORE = re.compile(
    r"(?:^|[.!?\u2026\u3002\u061f\"\u201d\u00bb)][ \t]*)(?:[-\u2013\u2014][ \t]*)?$", re.MULTILINE
)
# possessive blanks: a run of them is not tried at every length before the end of the line
_SIGN_OFF_AFTER = re.compile(r"[ \t]*+[.)]?[ \t]*+$", re.MULTILINE)
#: ... ending a paragraph, where it is no sentence of the text.
_PARAGRAPH_SIGN_OFF = re.compile(
    rf"(?<=[.!?\u2026\u3002\u061f\"\u201d\u00bb)])\s+(?:[-\u2013\u2014]\s*)?(?:{_AGENCY_NAMES})\s*[.)]?\s*$",
    re.IGNORECASE,
)
#: What joins agencies named together on one line: "Reuters and AFP", "AP, AFP and Reuters",
#: "l'AFP et Reuters", "dpa und AFP".
_AGENCY_LIST_JOIN = re.compile(
    r"[ \t]*+(?:,[ \t]*+(?:and[ \t]++)?|&|\b(?:and|et|y|und|и)\b|\u0648)[ \t]*+", re.IGNORECASE
)
#: A list of agencies credited by the phrase before it ends the clause: "according to AP, AFP and
#: Reuters." credits the three; "told Reuters and AP was barred" credits Reuters alone.
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)\]\"\u201d\u2019\u060c]|$)")
#: ... or the phrase is a preposition, which governs the whole list: "Laut dpa und AFP stieg".
_CREDIT_PREPOSITION = re.compile(
    r"(?:according to|selon|d['\u2019]après|laut|según|согласно|по данным|وفقا|وفقاً)\s+"
    r"(?:the\s+|l['\u2019]\s*|la\s+|el\s+|der\s+|die\s+|agencia\s+|agence\s+|وكالة\s+)?$",
    re.IGNORECASE,
)
#: Arabic letters a name may carry glued in front: li- ("to Reuters"), wa-, bi-, fa-.
_ARABIC_PROCLITICS = "\u0644\u0648\u0628\u0641"
_CJK_OR_HANGUL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

#: A dateline's place: capitals, with their accents ("BOGOTÁ", "SÃO PAULO", "ZÜRICH").
_PLACE_CAPITAL = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_PLACE_LETTER = rf"[{_PLACE_CAPITAL}.'\u2019/-]"
#: The words of a place after its first: "BUENOS AIRES", "MOSCOW/ANKARA". Each word is taken
#: whole (possessive): "/" is a letter of a word and a separator of words, and a line of "AA/AA/..."
#: would otherwise be tried every way of cutting it, twice as many for each slash.
_PLACE_REST = rf"(?:[ /]+[{_PLACE_CAPITAL}]{_PLACE_LETTER}++)*"
_MONTH = "(?i:{})".format(
    "|".join(sorted({m for names in MONTH_NAMES.values() for m in names.split()}, key=len, reverse=True))
)
#: A dateline's date after its place: "May 31", or the day first, as most languages write it
#: ("12 mars", "12 MAR", "4 dic", "12 de março", "12. März", "12 March"), a year after it or not.
_DATELINE_DATE = (
    rf",\s*(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\.?\s+(?:de\s+)?{_MONTH}(?!\w)\.?)"
    r"(?:,?\s+(?:de\s+)?\d{4})?"
)
# "MOSCOW/ANKARA (Reuters): ", "WASHINGTON, May 31 (AP) - ", "(Hatha al-Youm | Iraq News )-"
_DATELINE = re.compile(
    rf"^(?:[{_PLACE_CAPITAL}]{_PLACE_LETTER}++{_PLACE_REST}(?:{_DATELINE_DATE})?\s*)?"
    r"\([^()\n]{2,60}\)\s*[-\u2013\u2014:]+\s*"
)
# "LONDON - ", "MOSCOW, May 31 - ", "PARIS, 12 mars - ", "BERLIN, 12. März - " without a credit.
_BARE_DATELINE = re.compile(
    rf"^[{_PLACE_CAPITAL}]{_PLACE_LETTER}{{2,}}+{_PLACE_REST}(?:{_DATELINE_DATE})?\s+[-\u2013\u2014]+\s+"
)
# "روما (رويترز) - ", "Berlin (dpa) - ", "MADRID, 4 dic (EFE).- ", "МОСКВА, 4 декабря. /ТАСС/. ":
# a place in any script or case, then a known agency in parentheses or slashes. The lookahead asks
# first for the parenthesis or slash it needs: most lines have none, and are then let go after one
# scan instead of a try at each of the place's first 60 characters (a quarter of the time).
_AGENCY_DATELINE = re.compile(
    r"^(?=[^(/]*+[(/])"
    rf"(?:[^\W\d_][^\n()/]{{0,60}}?\s*)?[(/]\s*(?:{_AGENCY_NAMES})(?:\s*[/,]\s*(?:{_AGENCY_NAMES}))*"
    rf"\s*[)/][.\s]*[-\u2013\u2014:.\u060c]+\s*",
    re.IGNORECASE,
)
# "МОСКВА, 4 дек — РИА Новости. ": a place, a dash, the agency, a full stop.
#: Agencies named together in parentheses: "(dpa/AFP)", "(EFE/AFP)".
_AGENCY_GROUP = re.compile(rf"\((?:{_AGENCY_NAMES})(?:\s*/\s*(?:{_AGENCY_NAMES}))+\)", re.IGNORECASE)
_DASH_DATELINE = re.compile(
    rf"^[^\W\d_][^\n]{{0,40}}?\s[-\u2013\u2014]\s*(?:{_AGENCY_NAMES})\s*[.:]\s+",
    re.IGNORECASE,
)
_BREADCRUMB_SEPARATORS = re.compile(r"\s[\u203a\u00bb|>]\s|\s[\u203a\u00bb|>]$|[\u203a]")
#: Every breadcrumb separator holds one of these: a line with none is not searched.
_BREADCRUMB_MARKS = ("\u203a", "\u00bb", "|", ">")
_SENTENCE_PUNCT = re.compile(r"[.!?\u2026\u3002\u061f]")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026\u3002\u061f][\"\u201d\u2019')\]]*$")
_REPORTING_CREDIT = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.IGNORECASE
)
#: A line crediting the help the story had, closing it ("Reuters and The Associated Press
#: contributed to this report.", "Associated Press writer John Roe in Istanbul contributed to this
#: report.", "Jane Doe contributed reporting.", "Information from AFP was used in this report."):
#: names and their roles, then the contribution to *this* report; not the story ("Smith
#: contributed $5 million", "UNICEF contributed to the report", which name what was given).
_CONTRIBUTION_CREDIT = re.compile(
    r"\(?\s*(?:(?:[A-Z][\w.'\u2019&-]*|and|in|of|the|from|staff|writers?|reporters?|correspondents?"
    r"|photographers?|producers?|editors?)[,;]?\s+){1,16}?"
    r"(?:contributed\s+(?:reporting(?:\s+to\s+this\s+(?:report|story|article))?"
    r"|to\s+this\s+(?:report|story|article))"
    r"|(?:was|were)\s+used\s+in\s+this\s+(?:report|story|article))"
    r"(?:\s+(?:from|in)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*)?\.?\)?\s*$"
)
#: A sentence's end and the space after it, where a credit run into a paragraph may start.
_SENTENCE_END_SPACE = re.compile(r"[.!?][\"\u201d\u2019)]?\s+")
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
#: A list item ("* S&P 500 falls 2.1%", "\u2022 Polls open at 7", "- 36,000 people evacuated"): an
#: agency's summary bullets, an outlet's box of key facts.
LIST_ITEM = re.compile(r"\s*[*\u2022\u25cf\u25aa\u2013\u2014-]\s")
#: Lines a news page puts around the story, in the usual words of English, French, Spanish,
#: Italian, Portuguese, German, Russian, Arabic and Turkish pages: links to other stories,
#: sharing, comment and newsletter prompts, photo credits, copyright and publication stamps ("All
#: rights reserved" anywhere in the line: :data:`_RIGHTS_RESERVED`). Scraped with the text, each
#: would be a sentence the outlet added.
#: Lines of a page that speak of the story rather than tell it: a paywall's prompt, an editor's
#: note on the file (a correction, an update, a refiling). Page furniture, and never a credit of
#: the text, whatever agency they name ("... wrongly credited a photograph to Reuters").
_NOTES_AND_PAYWALLS = r"""(?:
      # a paywall's prompt cutting the story short
        (?:this|the)\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:available\s+)?(?:exclusively\s+)?
        (?:for|to)\s+(?:our\s+)?(?:paid\s+)?(?:subscribers|members)\b
      | already\s+(?:a\s+subscriber\b|subscribed\b|a\s+member\s*\?)
      | (?:to\s+)?continue\s+reading\b
      | you(?:['\u2019]ve|\s+have)\s+(?:reached|read)\s+(?:your|the)\s+(?:limit|maximum|\d+)\b.{0,40}\bfree\b
      | (?:get|receive)\s+(?:our|the)\b.{0,40}\bnewsletter\b
      # an editor's note on the file, not the story's words: a correction, an update, a refiling
      | \(?(?:editor['\u2019]?s\s+note|correction|clarification)\s*:
      | \(?an\s+earlier\s+version\s+of\s+this\s+(?:story|article|report)\b
      | \(?this\s+(?:story|article|report)\s+(?:has\s+been|had\s+been|was)\s+
        (?:corrected|updated|amended|refiled|clarified)\b
      | \((?:corrects|adds|updates|recasts|refiles|fixes)\b[^()]*\)\s*$
    )"""
_NOTE_OR_PAYWALL = re.compile(rf"^{_NOTES_AND_PAYWALLS}", re.IGNORECASE | re.VERBOSE)
# Blanks and words are taken whole (possessive) wherever what follows cannot begin with them: a
# line of "comments" or "published" and thousands of spaces is otherwise tried every way of
# sharing the spaces out, for seconds to hours (a line is furniture up to 30 words, any length).
_PAGE_FURNITURE = re.compile(
    r"""^(?:
        (?:read|see)\s+(?:more|also)\b\s*[:\u00bb\u203a|-]
      | also\s+read\b\s*[:\u00bb\u203a|-]
      | (?:(?:à\s+)?lire\s+(?:aussi|également|la\s+suite)|voir\s+aussi|le[ae]\s+(?:también|más)|ver\s+también
        |te\s+puede\s+interesar|leggi\s+anche|vedi\s+anche|leia\s+(?:também|mais)|veja\s+também|saiba\s+mais
        |lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|siehe\s+auch|читайте\s+также|смотрите\s+также
        |читать\s+далее|اقرأ\s+(?:أيضا|أيضاً|المزيد)|شاهد\s+(?:أيضا|أيضاً)|ayrıca\s+okuyun|ilgili\s+haber(?:ler)?
        )\s*[:\u00bb\u203a|-]
      | (?:abonnez-vous|inscrivez-vous|suscr[ií]bete|suscr[ií]base|iscriviti|assine|inscreva-se
        |jetzt\s+abonnieren|abonnieren\s+sie|подпишитесь|подписывайтесь|اشترك|abone\s+ol)\b
      | (?:partager|compartir|compartilhar|partilhar|condividi|teilen|поделиться|paylaş)
        (?:\s+(?:sur|en|no|na|su|auf|в|on))?\s+(?:facebook|twitter|x|whatsapp|linkedin|telegram|vk)\b
      | (?:partager\s+(?:cet\s+article|l['\u2019]article)|compart(?:ir|e)\s+esta\s+noticia
        |condividi\s+(?:l['\u2019]articolo|questo)|artikel\s+teilen|compartilhe|شارك\s+(?:هذا|عبر|على))
      | (?:comments?|commentaires?|comentarios|commenti|comentários|kommentare|комментарии|التعليقات|yorumlar)
        \s*+[:|]?\s*+(?:\(?\d++\)?)?\s*+[:|]?\s*+$
      | (?:photo|foto|fotoğraf|bild|imagen|фото|صورة|الصورة|crédit\s+photo|crédito)\s*(?:\(|:)
        # a credit, a few words not closed by a word's full stop, or a caption closed by its date
        # ("..., le 12 mars 2024."), not a sentence
        (?:(?=\s*+(?:\S++\s*+){1,6}$)(?!.*[^\W\d_]{2}[.!?]\s*$)|(?=.*\b\d{4}\.?\s*$))
      | (?:publié|mis\s+à\s+jour|modifié|publicado|actualizado|pubblicato|aggiornato|atualizado
        |veröffentlicht|aktualisiert|опубликовано|обновлено|نشر\s+في|تاريخ\s+النشر|آخر\s+تحديث
        |yayınlanma(?:\s+tarihi)?|güncellenme(?:\s+tarihi)?|güncelleme)\b[^\d\n]{0,12}\d
      | (?:recommended(?:\s+for\s+you)?|disclaimer)\s*[:|]
      | listen\s+to\s+this\s+(?:article|story)\s*$
      | join\s+our\s+(?:whatsapp|telegram|youtube|google\s+news)\b
      | (?:we|this\s+(?:site|website)|our\s+(?:site|website))\s+uses?\s+cookies\b
      | related(?:\s+(?:stories|articles|coverage|content|news))?\s*:
      | more\s*:
      | (?:share|email|tweet)\s+this\b
      | share\s+on\s+(?:facebook|twitter|x|whatsapp)\b
      | sign\s+up\b.*\bnewsletter
      | (?:subscribe|follow\s+us)\b
      | click\s+here\b
      | skip\s+to\s+(?:the\s+)?(?:main\s+)?content\b
      | advertisement\s*$
      | (?:\u00a9|\(c\)\s|copyright\s+(?:\u00a9|\(c\)|\d))
      | """
    + _NOTES_AND_PAYWALLS
    + r"""
      | last\s+modified\s+on\b
      | (?:first\s+)?(?:published|updated|last\s+updated|posted)\s*+:?\s*+(?:on\s++)?
        (?:\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: A copyright notice, anywhere in a line ("\u00a9 Le Monde 2024. Tous droits réservés."). The
#: lookahead holds the first letters of the notices: searched at every place of a line, the notices
#: are tried only where one may start (the search takes a third of the time).
_RIGHTS_RESERVED = re.compile(
    r"(?=[at\u0432\u062c])"
    r"(?:all\s+rights\s+reserved|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados"
    r"|tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados|alle\s+rechte\s+vorbehalten"
    r"|все\s+права\s+защищены|جميع\s+الحقوق\s+محفوظة|tüm\s+hakları\s+saklıdır)",
    re.IGNORECASE,
)
#: A photo caption's credit: the agency, a slash, the photographer ("REUTERS/Umit Bektas").
_PHOTO_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|AP(?: Photo)?|EPA(?:-EFE)?|XINHUA|ANADOLU|Getty Images)\s?/\s?[A-Z]"
)

#: A picture's credit line ("Image credit: Reuters", "Photo: AFP", "Picture: Getty Images/Reuters"):
#: it credits the picture, not the text.
_PICTURE_CREDIT_LINE = re.compile(
    r"\s*(?:file\s+)?(?:photo(?:graph)?|picture|pic|image|video)(?:\s+credits?)?\s*[:|/]",
    re.IGNORECASE,
)


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
    agency_groups = [m.span() for m in _AGENCY_GROUP.finditer(text)] if "/" in text else []
    lowered = _lower_in_place(text)
    hits: list[tuple[int, int, str]] = []  # (start, -length, name) so the longest name wins a tie
    names = [
        name
        for word in _NAMES_BY_FIRST_WORD.keys() & set(_ASCII_WORD.findall(lowered))
        for name in _NAMES_BY_FIRST_WORD[word]
    ]
    if not lowered.isascii():
        letters = _NAMES_BY_FIRST_LETTER.keys() & set(lowered)
        names += (name for letter in letters for name in _NAMES_BY_FIRST_LETTER[letter])
    for name in names:
        at = lowered.find(name)
        while at >= 0:
            end = at + len(name)
            if _CJK_OR_HANGUL.match(name) or (
                _bounded(lowered, at, name) and (end == len(lowered) or not lowered[end].isalnum())
            ):
                hits.append((at, -len(name), name))
            at = lowered.find(name, at + 1)
    named: list[tuple[int, int, str]] = []  # start, end, canonical name
    credited: list[bool] = []
    before: list[bool] = []  # credited by the phrase before the name ("according to", "told")
    after: list[bool] = []  # credited by the verb after it ("contributed", "reported")
    covered_until = -1
    # a credit phrase before a name, by what the search reads (its window and the character before
    # it, which \b sees): a text naming an agency tens of thousands of times ("AA AA AA ...") is one
    # search, not one of 90 microseconds a name
    phrase_before: dict[str, bool] = {}
    for start, negative_length, name in sorted(hits):
        end = start - negative_length
        if start < covered_until:
            continue  # inside a longer name already taken ("press" in "associated press")
        raw = text[start:end]
        if name in _EXACT_CASE_LOWER and raw not in _EXACT_CASE:
            continue  # "ap", "pa" as ordinary words
        covered_until = end
        if name in _NAMED_AFTER_AN_AGENCY:
            continue  # "the Reuters Institute": an organisation named after the agency
        window = max(0, start - thresholds.CREDIT_PHRASE_BEFORE_CHARS)
        read = text[max(0, window - 1) : start] if window else "\x00" + text[:start]
        credit_before = phrase_before.get(read)
        if credit_before is None:
            credit_before = phrase_before[read] = _CREDIT_BEFORE.search(text, window, start) is not None
        if _WIRE_AGENCIES[name] in _SURNAMES and not credit_before and _a_persons_name(text, start, end):
            continue  # "Michael Bloomberg said": the person
        if _WIRE_AGENCIES[name] in _GIVEN_NAMES and _SURNAME_AFTER.match(text, end):
            continue  # "Tasnim Akter said": the person
        # "(dpa)", and each agency of "(dpa/AFP)" (not "(Reuters/Ipsos)", a poll)
        in_parentheses = (text[start - 1 : start] == "(" and text[end : end + 1] == ")") or any(
            a <= start and end <= b for a, b in agency_groups
        )
        if in_parentheses and _spelled_out_before(text, start, raw):
            continue  # "Middle East and North Africa (MENA)": an abbreviation, not the agency
        glued = start > 0 and lowered[start - 1] in _ARABIC_PROCLITICS and lowered[start - 1].isalpha()
        before.append(credit_before)
        after.append(_CREDIT_AFTER.match(text, end, end + thresholds.CREDIT_PHRASE_AFTER_CHARS) is not None)
        signed_off = (
            _SIGN_OFF_AFTER.match(text, end) is not None
            and _SIGN_OFF_BEFORE.search(text, max(0, start - 8), start) is not None
        )
        credited.append(boilerplate or glued or in_parentheses or before[-1] or after[-1] or signed_off)
        named.append((start, end, _WIRE_AGENCIES[name]))
    _credit_lists(text, named, credited, before, after)
    found: list[str] = []
    for (_, _, canonical), is_credited in zip(named, credited, strict=True):
        if is_credited and canonical not in found:
            found.append(canonical)
    return found


_CAPITALISED_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _spelled_out_before(text: str, start: int, acronym: str) -> bool:
    """``acronym`` in parentheses at ``start`` abbreviates the capitalised words just before it
    ("Middle East and North Africa (MENA)", "American Academy of Pediatrics (AAP)"), and they are not
    the agency's own name ("Australian Associated Press (AAP)")."""
    if not acronym.isupper() or len(acronym) < 2:
        return False
    window = max(0, start - 1 - 12 * len(acronym))
    found = list(_CAPITALISED_WORD.finditer(text, window, max(0, start - 1)))
    capitalised = [m for m in found if m.group()[:1].isupper()]
    spelled_out = capitalised[-len(acronym) :]
    spelled = [m.group() for m in spelled_out]
    if len(spelled) < len(acronym) or "".join(w[0] for w in spelled) != acronym:
        return False
    if any(mark in text[spelled_out[0].start() : start - 1] for mark in ",.;:"):
        return False  # "ALLENTOWN, Pa. (AP)": a dateline, not words run on
    named = _WIRE_AGENCIES.get(" ".join(spelled).lower())
    return named is None or named != _WIRE_AGENCIES.get(acronym.lower())


def _a_persons_name(text: str, start: int, end: int) -> bool:
    """The agency's name at ``start:end`` is a person's: a given name or title just before it, and
    none of the agency's own words after it."""
    from app.engine.words import STOPWORDS  # words reads text's tables: imported here, not above

    before = _GIVEN_NAME_BEFORE.search(text, max(0, start - 24), start)
    if before is None or _AGENCY_AFTER.match(text, end, end + 16):
        return False
    word = before.group(1).lower().rstrip(".")
    return word not in STOPWORDS and word not in WEEKDAYS and word not in MONTHS


def _lower_in_place(text: str) -> str:
    """``text`` lowercased character for character, so that a position in it is one in ``text``:
    a few characters lowercase to two ("İ" to "i" and a dot above), and are kept as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def _credit_lists(
    text: str, named: list[tuple[int, int, str]], credited: list[bool], before: list[bool], after: list[bool]
) -> None:
    """Credit every agency of a list (names joined on one line by "and", a comma...) that a verb
    after it credits ("Reuters and AFP contributed to this report"), or a phrase before it, when
    the list ends the clause or the phrase is a preposition ("according to AP, AFP and Reuters.")."""
    joined = [
        _AGENCY_LIST_JOIN.fullmatch(text, named[k][1], named[k + 1][0]) is not None
        for k in range(len(named) - 1)
    ]
    for k in range(len(named) - 2, -1, -1):  # back from a verb after the list
        if joined[k] and after[k + 1]:
            after[k] = credited[k] = True
    k = 0
    while k < len(named):
        last = k
        while last < len(joined) and joined[last]:
            last += 1
        start = named[k][0]
        if (
            before[k]
            and last > k
            and (
                _CLAUSE_END.match(text, named[last][1]) is not None
                or _CREDIT_PREPOSITION.search(text, max(0, start - 24), start) is not None
            )
        ):
            for member in range(k, last + 1):
                credited[member] = True
        k = last + 1


def _bounded(lowered: str, at: int, name: str) -> bool:
    """The name starts a word, or follows one glued Arabic letter ("لرويترز", to Reuters)."""
    if at == 0 or not lowered[at - 1].isalnum():
        return True
    return (
        "\u0600" <= name[0] <= "\u06ff"
        and lowered[at - 1] in _ARABIC_PROCLITICS
        and (at == 1 or not lowered[at - 2].isalnum())
    )


@lru_cache(maxsize=1)
def _language_identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_language_model() -> None:
    """Load the language model now (about 0.4 s), not in the first request that needs it."""
    _language_identifier()


def _language(text: str) -> tuple[str, float]:
    lang, prob = _language_identifier().classify(text[:400])
    return str(lang), float(prob)


# Frequent English function words: a paragraph made of them is English without asking
# the language model, which costs ~100 microseconds a paragraph.
#: English function words, and among them the ones no other language of the news writes as words
#: of its own: "a", "an", "in", "on", "as", "was", "will" and "he" are French, German or Spanish
#: words too ("Le bilan a atteint 45 morts" holds one, and is French).
_ENGLISH_ONLY_FUNCTION_WORDS = frozenset(
    "the of to and is were for that with by at from it its has have had "
    "she they said says would but not be been this which who are".split()
)
_ENGLISH_FUNCTION_WORDS = _ENGLISH_ONLY_FUNCTION_WORDS | {"a", "an", "in", "on", "as", "was", "will", "he"}
_WORD = re.compile(r"[^\W\d_]+")
#: Function words of the languages of the news, the English ones among them: what makes a run of
#: words without a full stop prose (a paragraph whose writer left it off), not a menu's labels.
_FUNCTION_WORDS = _ENGLISH_FUNCTION_WORDS | frozenset(
    """le la les de des du et un une au aux pour par sur dans que qui est pas il elle ont
    el los las del y en que por para con se es su al lo
    der die das und von zu den mit für ist im auf dem des ein eine sich nicht auch
    il lo gli di della e che per con è nel alla non
    o os as do da dos das em um uma no na com não
    и в на с по не что к из за от для о как это
    في من على إلى أن إن عن مع التي الذي ما لا كما بعد قد
    ve bir bu da de ile için olarak gibi daha çok""".split()
)


def looks_english(text: str) -> bool:
    """English by its function words (ENGLISH_FUNCTION_SHARE of them, one of no other language)."""
    words = _WORD.findall(text.lower())
    found = [word for word in words if word in _ENGLISH_FUNCTION_WORDS]
    return len(found) >= thresholds.ENGLISH_FUNCTION_SHARE * len(
        words
    ) and not _ENGLISH_ONLY_FUNCTION_WORDS.isdisjoint(found)


#: Clause punctuation of scripts English is not written in: Arabic, Chinese and Japanese. (A
#: Latin comma is a tag list's as often as prose's: "Topics: India, Kerala, floods, ...".)
_CLAUSE_PUNCT = re.compile(r"[\u060c\u061b\u3001\uff0c\uff1b]")
#: Function words of other languages than English that are not words English copy and its menus
#: have often: not English's own ("us", "with", "the" of "About us Contact us Work with us", "More
#: from India ... in the south"), nor "as", "no", "die", "per", "non" (of "non-EU"), nor the
#: articles and particles of names ("Los Angeles", "El Paso", "de Gaulle", "al-Assad").
_OTHER_FUNCTION_WORDS = (
    _FUNCTION_WORDS
    - _ENGLISH_FUNCTION_WORDS
    - frozenset("as o e do no non per com de die la el los las al".split())
)


def _reads_as_prose(text: str) -> bool:
    """Clause punctuation English does not write, or function words of another language than
    English as prose has them (NAV_PROSE_FUNCTION_SHARE): a paragraph without its full stop, not
    a run of labels. An English line without sentence punctuation is read as before the other
    languages were: a long one is a page's navigation, its link runs and tag lists."""
    if _CLAUSE_PUNCT.search(text):
        return True
    words = _WORD.findall(text.lower())
    found = sum(1 for word in words if word in _OTHER_FUNCTION_WORDS)
    return found >= thresholds.NAV_PROSE_FUNCTION_SHARE * len(words) > 0


def _paragraph_language(text: str) -> tuple[str, float]:
    return ("en", 1.0) if looks_english(text) else _language(text)


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
        found = boilerplate_credits(self.sentences)
        in_text = find_credits("\n".join(s.text for s in self.sentences if s.role != "boilerplate"))
        return found + [name for name in in_text if name not in found]


def boilerplate_credits(sentences: list[Sentence]) -> list[str]:
    """The agencies a document's boilerplate credits (datelines, bylines, credit lines): whom the
    outlet gives the text to, where a credit in its running text ("told Reuters") may be a
    sentence it took."""
    # a photo caption's agency credits the photograph, not the text
    return find_credits(
        "\n".join(
            _PHOTO_CREDIT.sub(" ", s.text)
            for s in sentences
            if s.role == "boilerplate"
            and not _PICTURE_CREDIT_LINE.match(s.text)
            and not _NOTE_OR_PAYWALL.match(s.text)
        ),
        boilerplate=True,
    )


def _next_line(text: str, line: _Line, following: _Line) -> bool:
    """One line break between the two lines, no blank line."""
    return len(text[line.end : following.start].replace("\r\n", "\n")) == 1


def _runs_on(text: str, line: _Line, following: _Line, width: int | None = None) -> bool:
    """Whether ``following`` goes on with ``line``'s paragraph: the next line, after a line that
    ends no sentence, and (given the text's ``width``) one the next line's first word would not
    have fitted on: a wrapper breaks a line only there, where a list, a poem or a headline breaks
    where its lines end."""
    if not _next_line(text, line, following):
        return False
    raw = text[line.start : line.end].rstrip()
    if _ENDS_SENTENCE.search(raw) or raw.endswith(":"):  # a colon opens a list or a quotation below
        return False
    if width is None:
        return True
    first_word = text[following.start : following.end].split(maxsplit=1)[0]
    return len(raw.strip()) + 1 + len(first_word) > width


def _unwrapped(text: str, lines: list[_Line]) -> list[_Line]:
    """The paragraphs of hard-wrapped text (see thresholds.WRAP_WIDTH), each line that runs on
    joined with the next; any other text's lines as they are (a page's lines are its paragraphs,
    and its short lines are its navigation)."""
    if len(lines) < thresholds.WRAP_MIN_LINES:
        return lines
    widths = [len(text[line.start : line.end].strip()) for line in lines]
    width = max(widths)
    low, high = thresholds.WRAP_WIDTH
    if not low <= width <= high:
        return lines
    followed = [i for i in range(len(lines) - 1) if _next_line(text, lines[i], lines[i + 1])]
    if len(followed) < thresholds.WRAP_RUN_ON_SHARE * len(lines):
        return lines
    running_on = [i for i in followed if _runs_on(text, lines[i], lines[i + 1])]
    filled = sum(1 for i in followed if widths[i] >= thresholds.WRAP_FILLED * width)
    # a sentence cut at the margin goes on in lower case as often as not; a list, a timeline or a
    # table, one item a line, opens every line with a capital, a digit or a mark
    lower = sum(1 for i in running_on if text[lines[i + 1].start : lines[i + 1].end].lstrip()[:1].islower())
    if (
        len(running_on) < thresholds.WRAP_UNTERMINATED_SHARE * len(followed)
        or filled < thresholds.WRAP_FILLED_SHARE * len(followed)
        or lower < thresholds.WRAP_LOWER_SHARE * len(running_on)
    ):
        return lines
    paragraphs = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if (
            _runs_on(text, previous, line, width)
            and not _is_byline(text[previous.start : previous.end].strip())
            and not _heads_a_text(text, line)
        ):
            last = paragraphs[-1]
            paragraphs[-1] = _Line(last.start, line.end, last.words + line.words)
        else:
            paragraphs.append(line)
    return paragraphs


#: A printed page's number or running head, which a PDF's text puts mid-paragraph ("Page 3 |
#: Saturday, May 25, 2024", "3 of 12", "- 4 -"): page furniture, never part of a paragraph.
_PAGE_MARK = re.compile(
    r"(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?(?:\s*(?:[|\u2013\u2014-]|$))"  # "Page 3 |", "Page 3 of 12"
    r"|\d+\s*(?:of|/)\s*\d+\s*$"  # "3 of 12", "3/12"
    r"|[-\u2013\u2014]?\s*\d+\s*[-\u2013\u2014]?$)",  # "12", "- 4 -"
    re.IGNORECASE,
)


def _heads_a_text(text: str, line: _Line) -> bool:
    """A printed page's number or running head, a byline, or a line opening with a dateline: a
    paragraph of its own, or the start of one, never the end of the line above it, however the
    text is wrapped."""
    raw = text[line.start : line.end].strip()
    if _PAGE_MARK.match(raw):
        return True
    # a place opens a dateline ("PORTO ALEGRE, Brazil (Reuters) -"); "(Reuters) -" alone is the
    # rest of one the margin cut
    return _is_byline(raw) or (
        raw[:1].isalpha()
        and bool(_DATELINE.match(raw) or _AGENCY_DATELINE.match(raw) or _DASH_DATELINE.match(raw))
    )


def _word_count(text: str) -> int:
    return len(text.split())


def _line_languages(text: str, lines: list[_Line]) -> list[str | None]:
    """Each paragraph's language where it is long enough and clear enough to tell."""
    return [_text_language(text[line.start : line.end], line.words) for line in lines]


def _text_language(text: str, words: int | None = None) -> str | None:
    """The language of ``text`` read as one paragraph, where it is long enough and clear enough to
    tell (its figures are read by it: "3.500" is 3500 in Spanish, 3.5 in English)."""
    if (_word_count(text) if words is None else words) < thresholds.LANGUAGE_MIN_WORDS:
        return None
    lang, prob = _paragraph_language(text)
    return lang if prob >= thresholds.LANGUAGE_MIN_PROBABILITY else None


#: Scripts a line's letters may be written in, each by its letters' blocks (Latin with its
#: accented letters; Chinese, Japanese and Korean as one).
_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile(r"[\u0400-\u052f]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "indic": re.compile(r"[\u0900-\u0dff]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "cjk": _CJK_OR_HANGUL,
}


#: A letter of any script of :data:`_SCRIPTS` but the Latin (one character class).
_NOT_LATIN = re.compile("|".join(letters.pattern for name, letters in _SCRIPTS.items() if name != "latin"))


def _script(text: str) -> str | None:
    """The script most of ``text``'s letters are written in, if any."""
    if not _NOT_LATIN.search(text):
        # most lines: one scan, not a count of every script's letters
        return "latin" if _SCRIPTS["latin"].search(text) else None
    counts = {name: len(letters.findall(text)) for name, letters in _SCRIPTS.items()}
    script = max(counts, key=counts.__getitem__)
    return script if counts[script] else None


def _document_language(text: str, lines: list[_Line], line_languages: list[str | None]) -> str | None:
    """The language most of a text's paragraphs of prose are in (a page's menu in its own language
    around the wire's text is no vote for it), else most of its paragraphs; where none can tell (a
    text of short lines), the whole text's, read as one."""
    told = [(line, lang) for line, lang in zip(lines, line_languages, strict=True) if lang]
    prose = Counter(lang for line, lang in told if _is_prose_line(text[line.start : line.end]))
    votes = prose or Counter(lang for _, lang in told)
    return votes.most_common(1)[0][0] if votes else _text_language(text[: thresholds.LANGUAGE_SAMPLE_CHARS])


def _is_prose_line(raw: str) -> bool:
    return bool(_ENDS_SENTENCE.search(raw.rstrip())) or _reads_as_prose(raw)


def prepare_text(
    text: str, *, detect_boilerplate: bool = True, detect_title: bool = True
) -> PreparedDocument:
    """Split raw text into title, body sentences and boilerplate, with offsets."""
    lines = _unwrapped(
        text,
        [
            _Line(m.start(), m.end(), _word_count(m.group()))
            for m in _LINE.finditer(text)
            if m.group().strip()
        ],
    )
    line_languages = _line_languages(text, lines)
    language = _document_language(text, lines, line_languages)
    # the script the text's own paragraphs are written in: a line in another is another language's,
    # however short (language id is unsure of a short line; its script is certain)
    script = (
        next(
            (
                _script(text[line.start : line.end])
                for line, lang in zip(lines, line_languages, strict=True)
                if lang == language
            ),
            None,
        )
        if language and detect_boilerplate
        else None
    )

    def read(unpunctuated_is_navigation: bool) -> tuple[_Builder, bool]:
        """The lines read into units; and whether a long line without sentence punctuation was read
        as navigation (with ``unpunctuated_is_navigation``)."""
        builder = _Builder(text)
        found_navigation = False
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
            if (
                language
                and not _ENDS_SENTENCE.search(raw.rstrip())
                and (
                    line_languages[position] not in (None, language)
                    or (script is not None and _script(raw) not in (None, script))
                )
            ):
                # another language's furniture around the page's own; a paragraph of prose in another
                # language is content (the wire's English pasted into a Russian page, a quotation given
                # in the original)
                builder.add(start, end, "boilerplate")
                continue
            marked = any(mark in raw for mark in _BREADCRUMB_MARKS)
            separators = list(_BREADCRUMB_SEPARATORS.finditer(raw)) if marked else []
            breadcrumb = len(separators) >= 2 and "\u00ab" not in raw
            if breadcrumb:
                cut = start + separators[-1].end()
                builder.add(start, cut, "boilerplate")
                start = cut
                raw = text[start:end]
                if not raw.strip():
                    continue
            slug = None if content_seen else _WIRE_SLUG.match(raw)
            if slug:
                # "UPDATE 2-", "REFILE-" before a wire headline: the file's history, not its words
                builder.add(start, start + slug.end(), "boilerplate")
                start += slug.end()
                raw = text[start:end]
            dateline = (
                _DATELINE.match(raw)
                or _AGENCY_DATELINE.match(raw)
                or _DASH_DATELINE.match(raw)
                or _BARE_DATELINE.match(raw)
            )
            if dateline and dateline.end() < len(raw.rstrip()):
                builder.add(start, start + dateline.end(), "boilerplate")
                start += dateline.end()
                raw = text[start:end]
            words = _word_count(raw)
            terminated = bool(_ENDS_SENTENCE.search(raw.rstrip()))
            furniture = words <= thresholds.FURNITURE_MAX_WORDS and _is_page_furniture(raw)
            navigation = (
                unpunctuated_is_navigation
                and not _SENTENCE_PUNCT.search(raw)
                and words >= thresholds.NAV_MIN_WORDS
                and not _reads_as_prose(raw)
            )
            if (
                detect_title
                and not content_seen
                and not furniture
                # a menu's run of labels at the top of a page is no headline, however few its words
                and not navigation
                and _looks_like_title(raw, position, lines)
            ):
                builder.add(start, end, "title")
            elif (
                navigation
                or (not terminated and words <= thresholds.JUNK_MAX_WORDS and not _listed_figure(raw))
                or _REPORTING_CREDIT.match(raw.strip())
                or _CONTRIBUTION_CREDIT.match(raw.strip())
                or (not terminated and words <= thresholds.BYLINE_MAX_WORDS and _is_byline(raw.strip()))
                or furniture
            ):
                builder.add(start, end, "boilerplate")
                found_navigation = found_navigation or navigation
                label = not terminated and words <= thresholds.LABEL_MAX_WORDS
                if navigation or furniture or breadcrumb or label or _BYLINE_OR_DATE.match(raw.strip()):
                    # a page's navigation, sharing lines, section labels ("World", "EXCLUSIVE") and date
                    # above the headline leave it the title
                    continue
            else:
                signed_off = _sign_off(raw)
                builder.add_body(start, end if signed_off is None else start + signed_off)
                if signed_off is not None:
                    builder.add(start + signed_off, end, "boilerplate")
            content_seen = True
        return builder, found_navigation

    builder, found_navigation = read(unpunctuated_is_navigation=True)
    if found_navigation and not any(s.role == "body" for s in builder.sentences):
        # nothing but navigation is a text that lost its full stops (a transcript, a pasted
        # paragraph), not a page of menus alone: read as navigation, two such texts compared word
        # for word would be unrelated
        builder, _ = read(unpunctuated_is_navigation=False)
    return PreparedDocument(Document(builder.title, builder.sentences), builder.credits(), language)


#: A wire agency's slug before its headline: what the file is ("EXCLUSIVE-", "FACTBOX-") and its
#: history ("UPDATE 2-", "REFILE-", "CORRECTED-"), each in capitals with its hyphen, one or more.
_WIRE_SLUG = re.compile(
    r"^\s*(?:(?:UPDATE|WRAPUP|REFILE|CORRECTED|CORRECTION|RPT|REPEAT|EXCLUSIVE|ANALYSIS|FACTBOX|"
    r"INSIGHT|INTERVIEW|PREVIEW|TIMELINE|EXPLAINER|FEATURE|BREAKINGVIEWS|GRAPHIC|FOCUS|COLUMN|"
    r"BRIEF|BUZZ|POLL|SPECIAL REPORT|GLOBAL MARKETS|WIDER IMAGE)(?: \d{1,2})?(?: \(OFFICIAL\))?-)+(?=\S)"
)


#: A picture's credit closing a paragraph after its full stop ("... on Monday. Photograph: Umit
#: Bektas/Reuters", "... in Hatay. Photo: AFP"): a few words naming who took it, which credit the
#: picture, not the text. Searched in the paragraph's last characters only.
_PICTURE_CREDIT_TAIL = re.compile(
    r"([.!?][\"\u201d\u2019)]?\s+)(?:photo(?:graph)?|picture|image|foto)\s*:\s*"
    r"[\w.'\u2019&-]+(?:[\s/]+[\w.'\u2019&-]+){0,5}[\s/]*$",
    re.IGNORECASE,
)
_PICTURE_CREDIT_TAIL_CHARS = 120


def _sign_off(paragraph: str) -> int | None:
    """Where the agency's sign-off ending ``paragraph`` starts ("... del 3 %. EFE"), a picture's
    credit run into it (:data:`_PICTURE_CREDIT_TAIL`), or the line crediting the story's helpers
    (:data:`_CONTRIBUTION_CREDIT`) run into its last sentence, if it ends so."""
    # a sign-off is the name, a dash and spaces: the paragraph's end is all there is to search
    tail = max(0, len(paragraph) - _LONGEST_AGENCY_NAME - 8)
    match = _PARAGRAPH_SIGN_OFF.search(paragraph, tail)
    if match and find_credits(match.group(), boilerplate=True):
        return match.start()
    credit = _PICTURE_CREDIT_TAIL.search(paragraph, max(0, len(paragraph) - _PICTURE_CREDIT_TAIL_CHARS))
    if credit:
        return credit.start() + len(credit.group(1))
    if "contributed" in paragraph or "used in" in paragraph:
        for end in _SENTENCE_END_SPACE.finditer(paragraph):
            if _CONTRIBUTION_CREDIT.match(paragraph, end.end()):
                return end.end()
    return None


def _listed_figure(line: str) -> bool:
    """A list item holding a figure ("- 36,000 people evacuated"): a fact in few words, not junk."""
    return bool(LIST_ITEM.match(line)) and any(c.isdigit() for c in line)


def _is_page_furniture(line: str) -> bool:
    """A link to other stories, a sharing or newsletter prompt, a copyright or publication stamp
    (:data:`_PAGE_FURNITURE`), or a photo caption credited to an agency's photographer."""
    return bool(
        _PAGE_FURNITURE.match(line.lstrip())
        or _PAGE_MARK.match(line.strip())
        or _RIGHTS_RESERVED.search(line) is not None
        or ("/" in line and _PHOTO_CREDIT.search(line))
    )


def _looks_like_title(raw: str, position: int, lines: list[_Line]) -> bool:
    """A line that may be the headline: not the last, of headline length, unterminated, and neither
    a byline ("By Jane Doe, South Asia correspondent") nor a date ("Tuesday 12 March 2024")."""
    words = _word_count(raw)
    return (
        position < len(lines) - 1
        and 3 <= words <= thresholds.TITLE_MAX_WORDS
        and not _ENDS_SENTENCE.search(raw.rstrip())
        and not _BYLINE_OR_DATE.match(raw.strip())
    )


#: A byline ("By Patricia Zengerle | Reuters", "BY JANE DOE, Associated Press Writer", "By Ana
#: Mano and Daniel Wallis"): "By", names (capitalised words, no weekday or month: "By Saturday
#: morning the toll had risen"), then at most a separator and the writer's role or agency.
_BYLINE = re.compile(
    r"(?:By|BY)\s+(?P<names>[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|AND|&))*)"
    r"\s*(?:$|[,|/\u2013\u2014-]\s*(?P<role>\S.*))"
)


def byline_credits(sentences: list[Sentence]) -> list[str]:
    """The agencies a document's datelines and bylines credit ("BAGHDAD (Reuters) -", "By Jane
    Doe | AFP"): whose text the outlet says it is. Not the lines crediting help with it
    ("Additional reporting by Reuters", "With inputs from AFP")."""
    return find_credits(
        "\n".join(
            s.text
            for s in sentences
            if s.role == "boilerplate" and (is_dateline(s.text) or _is_byline(s.text.strip()))
        ),
        boilerplate=True,
    )


def is_dateline(line: str) -> bool:
    """A dateline ("BAGHDAD, Nov 3 (Reuters) -", "MOSCOW (AP) -"), as a line opens with one."""
    return any(
        pattern.match(line) for pattern in (_DATELINE, _AGENCY_DATELINE, _DASH_DATELINE, _BARE_DATELINE)
    )


def own_bylines(sentences: list[Sentence]) -> bool:
    """Whether a document's boilerplate holds a byline that credits no wire agency ("By Ahmed
    Rasheed, Baghdad Today staff"): the outlet says whose text it is."""
    return any(
        s.role == "boilerplate" and _is_byline(s.text.strip()) and not find_credits(s.text, boilerplate=True)
        for s in sentences
    )


def _is_byline(line: str) -> bool:
    """A byline (:data:`_BYLINE`): names that are no date ("By Saturday morning", "By March"), and
    after them a role or an agency, capitalised ("| Reuters", ", South Asia correspondent" is
    lower case after its place): "By Christmas, prices could be 60% higher" goes on as a sentence."""
    match = _BYLINE.match(line)
    if match is None or {word.lower() for word in match.group("names").split()} & (WEEKDAYS | MONTHS):
        return False
    role = match.group("role")
    return role is None or role[:1].isupper()


#: A byline or a date on a line of its own, which a page may put above its headline.
#: A weekday a date may open with ("Tuesday, 12 March 2024"), from the one list of them.
_WEEKDAY = rf"(?:(?:{'|'.join(sorted(WEEKDAYS))}),?\s+)?"
_BYLINE_OR_DATE = re.compile(
    rf"(?:by\s+[A-Z]|{_WEEKDAY}\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}}$|{_WEEKDAY}[A-Z][a-z]+\s+\d{{1,2}},?\s+\d{{4}}$)",
    re.IGNORECASE,
)


def prepare_sentences(sentences: list[str]) -> PreparedDocument:
    """Pre-split input: every sentence is one body unit, in order, no boilerplate; the language,
    that of the sentences read as one text."""
    units = [Sentence(i, s, None, None, "body") for i, s in enumerate(sentences)]
    joined = "\n".join(sentences)
    language = _text_language(joined[: thresholds.LANGUAGE_SAMPLE_CHARS])
    return PreparedDocument(Document(None, units), find_credits(_credit_zone(joined)), language)


def shortened(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis: how a finding quotes."""
    flat = " ".join(text.split()).rstrip(",;:")
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"
