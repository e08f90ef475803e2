"""Figures in text read as quantities: value, scale and unit, whatever the spelling.

"5%", "5 percent" and "5 per cent" are one quantity; so are "$3.5 million",
"3.5 million dollars" and "USD 3,500,000"; so are "12" and "twelve", and "1,200",
"1 200" (French, with a no-break or thin space) and "1.200" (German). Digit
separators are read by the language of the text when it is known; when it is not,
and in English copy (which outlets that group thousands with a point write too), an
ambiguous figure ("1.200": 1200 or 1.2?) keeps both readings and equals either.

>>> [q.key for q in find_quantities("Prices rose 5 per cent to $3.5 million, twelve officials said.")]
['5%', 'USD 3500000', '12']
>>> same_quantity(find_quantities("2 000 people")[0], find_quantities("2,000 people")[0])
True

The libraries on PyPI were looked at first: word2number (English words only,
unmaintained since 2017), number-parser (words only, no separators or units) and
quantulum3 (English units, no locale separators, heavy dependencies); none reads
"1 200" or "3,5 millions d'euros", so this module is small and hand-written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from app.engine import thresholds

__all__ = [
    "CURRENCY_CODES",
    "DURATIONS",
    "NUMBER_WORDS",
    "Quantity",
    "amounts",
    "find_quantities",
    "number_words",
    "rounded",
    "same_quantity",
]

#: Languages whose "billion" ("Billion", "billion", "billón") is a million millions, and whose
#: thousand millions is a "milliard" (Milliarde, mil millones).
LONG_SCALE_LANGUAGES = frozenset("fr de es it nl pl pt da no nb sv fi cs sk sl hr sr ro hu".split())
#: Languages that write 3,5 for three and a half and 1.200 (or 1 200) for twelve hundred.
COMMA_DECIMAL_LANGUAGES = frozenset(
    "fr de es it pt ru uk pl nl tr ro cs sk sl hr sr bg el sv da no nb fi hu id vi".split()
)

_GROUP_SPACES = "\u00a0\u202f\u2009 '\u2019"  # and the Swiss apostrophe: 1'200
#: Currency codes written before a figure, glued to it or not ("USD 3bn", "EUR1.5bn").
CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RUB", "CHF", "CAD", "AUD", "HKD")
_CODES = "|".join(CURRENCY_CODES)
_NUMBER = (
    rf"(?:(?<![\w.,:])|(?<={_CODES}))"  # "EUR1.5bn" as "EUR 1.5bn"
    r"(?:\d{1,2}(?::\d{2}){1,2}(?:\.\d{1,2})?"
    r"|\d{1,3}(?:(?:[,.\u066c'\u2019]|[\u00a0\u202f\u2009 ])\d{3})+(?:[.,\u066b]\d+)?"  # ١٬٢٠٠٫٥, 1'200
    r"|\d+(?:[.,\u066b]\d+)?)(?![\d.,:\u066b\u066c'\u2019]\d|\d)"
)
_SCALES = {
    "thousand": 10**3, "thousands": 10**3, "k": 10**3, "mil": 10**3, "tausend": 10**3,
    "тыс": 10**3, "тысяч": 10**3, "тысячи": 10**3,
    "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6, "mio": 10**6,
    "millionen": 10**6, "mill\u00f3n": 10**6, "millones": 10**6, "milione": 10**6, "milioni": 10**6,
    "млн": 10**6, "миллион": 10**6,
    "миллиона": 10**6, "миллионов": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9,
    "milliard": 10**9, "milliards": 10**9,
    "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mil millones": 10**9,
    "млрд": 10**9, "миллиард": 10**9,
    "миллиарда": 10**9,
    "миллиардов": 10**9,
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,  # South Asia's 1,00,000 and 1,00,00,000
    "lakh crore": 10**12, "lakh crores": 10**12,
    "trillion": 10**12, "trillions": 10**12, "tn": 10**12, "trn": 10**12, "trln": 10**12,
    "billionen": 10**12, "billones": 10**12, "bill\u00f3n": 10**12,
    # Italian, Portuguese (Brazil's "bilhão" is a thousand millions, Portugal's "bilião" a million
    # millions), Dutch, Polish and Russian, with their abbreviations ("mld", "трлн")
    "mila": 10**3, "miliardo": 10**9, "miliardi": 10**9, "mld": 10**9, "bilione": 10**12, "bilioni": 10**12,
    "milh\u00e3o": 10**6, "milh\u00f5es": 10**6, "mil milh\u00f5es": 10**9, "bilh\u00e3o": 10**9,
    "bilh\u00f5es": 10**9, "bili\u00e3o": 10**12, "bili\u00f5es": 10**12, "trilh\u00e3o": 10**12,
    "trilh\u00f5es": 10**12,
    "duizend": 10**3, "miljoen": 10**6, "miljard": 10**9, "biljoen": 10**12,
    "tys": 10**3, "tysi\u0119cy": 10**3, "milion": 10**6, "miliony": 10**6, "milion\u00f3w": 10**6,
    "miliard": 10**9, "miliardy": 10**9, "miliard\u00f3w": 10**9,
    "тысяча": 10**3, "тысячу": 10**3, "миллионы": 10**6,
    "трлн": 10**12, "триллион": 10**12, "триллиона": 10**12, "триллионов": 10**12,
    # Turkish (not "bin", a thousand: an English word after a figure, "12 bin bags")
    "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12,
    "\u0623\u0644\u0641": 10**3, "\u0622\u0644\u0627\u0641": 10**3,  # Arabic thousand(s)
    "\u0645\u0644\u064a\u0648\u0646": 10**6, "\u0645\u0644\u0627\u064a\u064a\u0646": 10**6,  # million(s)
    "\u0623\u0644\u0641\u0627": 10**3, "\u0623\u0644\u0641\u064a\u0646": 10**3, "\u0627\u0644\u0641": 10**3,
    "\u0627\u0644\u0627\u0641": 10**3, "\u0645\u0644\u064a\u0648\u0646\u0627": 10**6,
    "\u0645\u0644\u064a\u0648\u0646\u064a\u0646": 10**6, "\u0645\u0644\u064a\u0627\u0631\u0627": 10**9,
    # Arabic billion(s)
    "\u0645\u0644\u064a\u0627\u0631": 10**9, "\u0645\u0644\u064a\u0627\u0631\u0627\u062a": 10**9,
}  # fmt: skip
_PERCENT = (
    "%|\uff05|\u066a|pct|pc|per\\s?cent|pour\\s?cent|por\\s?ciento|per\\s?cento|por\\s?cento"
    "|prozent|procent|процентов|процента|процент"
)
#: Currency spellings before a figure ("$", "US$", "USD") and after it ("dollars", "d'euros").
_CURRENCY_BEFORE = {
    "$": "USD", "us$": "USD", "usd": "USD", "\u20ac": "EUR", "eur": "EUR", "\u00a3": "GBP", "gbp": "GBP",
    "\u00a5": "JPY", "jpy": "JPY", "cny": "CNY", "rub": "RUB", "\u20bd": "RUB", "chf": "CHF",
    "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD", "hk$": "HKD", "hkd": "HKD",
}  # fmt: skip
_CURRENCY_AFTER = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD", "us-dollar": "USD",
    "us dollar": "USD", "u.s. dollar": "USD",
    "usd": "USD", "$": "USD",
    "d\u00f3lares": "USD", "dollari": "USD", "долларов": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "\u20ac": "EUR", "евро": "EUR",
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "gbp": "GBP", "\u00a3": "GBP",
    "yen": "JPY", "yuan": "CNY", "rubles": "RUB", "roubles": "RUB", "рублей": "RUB",
    "\u20bd": "RUB", "francs": "CHF", "swiss francs": "CHF", "chf": "CHF",
}  # fmt: skip
#: Currency words after a figure that are an adjective as often as a unit ("a 3.5 billion US dollar
#: loan", "2022 US dollar bonds"): after a year alone they are no currency.
_CURRENCY_ADJECTIVES = frozenset({"dollar", "us dollar", "u.s. dollar"})
#: ... when a noun follows ("bonds"), not a preposition ("2000 US dollar in aid" is money).
_NOUN_AFTER = re.compile(r"\s+(?!(?:in|of|for|to|on|at|by|from|with|and|or|a|an|the|each|per)\b)[a-z]{3,}\b")
#: Units kept as they are written, lower case, plural "s" dropped ("5 km" != "5 miles").
#: Units of time: "jailed for six months" -> "six years" is a figure changed. A figure reads
#: without them, as a count ("four weeks" is the "Four" of another sentence), and the word put for
#: another after one figure is the change (``specifics.check_numbers``); alone they are words
#: ("for months" -> "for years" is a word swap).
DURATIONS = frozenset(
    """second seconds minute minutes hour hours day days week weeks month months year years decade
    decades""".split()
)
_UNITS = (
    "degrees celsius|degrees fahrenheit|degrees c|degrees f|celsius|fahrenheit|\u00b0c|\u00b0f|"
    "millimetres|millimeters|millimetre|millimeter|centimetres|centimeters|centimetre|centimeter|"
    "mph|miles per hour|miles an hour|km/h|kph|kmh|inches|inch|feet|foot|cm|mm|"
    "km|kilometres|kilometers|kilometre|kilometer|miles|mile|metres|meters|metre|meter|m2|km2|kg|"
    "kilograms|tonnes|tons|tonne|ton|litres|liters|barrels per day|barrels a day|barrels|bpd|hectares|"
    "acres|degrees|mw|gw|kwh"
)
_UNIT_CANONICAL = {
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles per hour": "mph", "miles an hour": "mph", "kph": "km/h", "kmh": "km/h", "inches": "inch",
    "feet": "ft", "foot": "ft",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "miles": "mile",
    "millimetres": "mm", "millimeters": "mm", "millimetre": "mm", "millimeter": "mm",
    "centimetres": "cm", "centimeters": "cm", "centimetre": "cm", "centimeter": "cm",
    "c": "\u00b0c", "f": "\u00b0f",  # glued to the digits, in capitals: "40C"
    "degrees celsius": "\u00b0c", "degrees c": "\u00b0c", "celsius": "\u00b0c",
    "degrees fahrenheit": "\u00b0f", "degrees f": "\u00b0f", "fahrenheit": "\u00b0f",
    "kilograms": "kg", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
    "litres": "l", "liters": "l", "barrels": "barrel", "barrels per day": "bpd", "barrels a day": "bpd",
}  # fmt: skip

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "dozens": 12,
    # French, German and Spanish, but words that are English ones too ("sept" for September,
    # "cent", "once", "elf", Spanish "dos" for DOS) and "one" ("un", "ein", "uno": articles)
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "quatre-vingt": 80, "quatre-vingts": 80, "dizaines": 12,
    "zwei": 2, "drei": 3, "vier": 4, "f\u00fcnf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "zw\u00f6lf": 12, "zwanzig": 20, "drei\u00dfig": 30, "vierzig": 40, "f\u00fcnfzig": 50,
    "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "doce": 12, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
}  # fmt: skip
#: Number words that are another language's words too ("due" and "sei" are English and German,
#: "otto" a name, Turkish "on" English), read in copy of their own language only, with the
#: words for "one" that are its article ("un soldato", "um soldado": one, read as "a" is).
_LANGUAGE_WORD_NUMBERS: dict[str, dict[str, int]] = {
    "it": {"due": 2, "sei": 6, "otto": 8, "un": 1, "uno": 1, "una": 1},
    "pt": {"um": 1, "uma": 1},
    "es": {"dos": 2, "un": 1, "uno": 1, "una": 1},
    "fr": {"sept": 7, "un": 1, "une": 1},
    "de": {"elf": 11, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1},
    "nl": {"elf": 11, "een": 1},
    "ru": {"один": 1, "одна": 1, "одно": 1, "одного": 1},
    "tr": {"on": 10, "bir": 1},
}
#: Number words of Italian, Portuguese, Dutch, Polish, Russian (with the cases a count takes) and
#: Turkish, read in copy of their language only, anywhere in a figure: in English copy they are
#: words ("two venti lattes", "Guards were seen to doze", "film twee", "Audi Quattro", "Cinque
#: Terre", "Tien Shan"), and in copy of no language known nothing says they are numbers.
_LANGUAGE_ONLY_WORD_NUMBERS: dict[str, dict[str, int]] = {
    "it": {
        "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "nove": 9, "dieci": 10, "undici": 11,
        "dodici": 12, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50,
    },
    "pt": {
        "dois": 2, "duas": 2, "tr\u00eas": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
        "doze": 12, "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50,
    },
    "nl": {
        "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10, "twaalf": 12,
        "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    },
    "pl": {
        "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "pi\u0119\u0107": 5, "sze\u015b\u0107": 6,
        "siedem": 7, "osiem": 8, "dziewi\u0119\u0107": 9, "dziesi\u0119\u0107": 10,
        "dwadzie\u015bcia": 20,
    },
    "ru": {
        "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4,
        "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
        "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
        "двенадцать": 12, "двадцать": 20, "двадцати": 20, "тридцать": 30, "сорок": 40,
        "пятьдесят": 50,
    },
    "tr": {
        "iki": 2, "\u00fc\u00e7": 3, "d\u00f6rt": 4, "be\u015f": 5, "alt\u0131": 6, "yedi": 7,
        "sekiz": 8, "dokuz": 9, "yirmi": 20, "otuz": 30, "k\u0131rk": 40, "elli": 50,
    },
}  # fmt: skip
#: The guarded words, each with the languages it is a number in, and their values (one each).
_GUARDED: dict[str, frozenset[str]] = {
    word: frozenset(language for language, table in _LANGUAGE_WORD_NUMBERS.items() if word in table)
    for table in _LANGUAGE_WORD_NUMBERS.values()
    for word in table
}
_GUARDED_VALUES = {word: value for table in _LANGUAGE_WORD_NUMBERS.values() for word, value in table.items()}
_LANGUAGE_ONLY_VALUES = {
    word: value for table in _LANGUAGE_ONLY_WORD_NUMBERS.values() for word, value in table.items()
}
#: Words for "one" that are an article as well ("a", "un", "ein"): a figure only before a scale,
#: a unit or a currency ("a million", "un milione").
_ONE_WORDS = frozenset({"one", "a", *(word for word, value in _GUARDED_VALUES.items() if value == 1)})
# "one" alone is mostly a pronoun ("one of them"); it counts only before a scale or unit.
_WORD_NUMBERS_ANY = {
    **_WORD_NUMBERS,
    **_LANGUAGE_ONLY_VALUES,
    **_GUARDED_VALUES,
    "one": 1,
    "a": 1,
    "hundred": 100,
}
#: Words of figures (number words, scales, percent, currency and unit words, ordinal endings,
#: "year-old"): checked as figures, never word swaps ("km" -> "kilometres", "bn" -> "pounds",
#: "percent" -> "pct" are a figure's spelling; "dollars" -> "euros" is the figure's change).
NUMBER_WORDS = frozenset(
    {
        *_WORD_NUMBERS,
        "one",
        "hundred",
        *(s for s in _SCALES if s.isalpha() and len(s) > 1),
        "percent", "pct", "pc", "cent", "prozent", "procent", "cento", "ciento", "yüzde",
        "процентов", "процента", "процент",
        # single words only ("swiss" of "swiss francs" or "hour" of "miles an hour" can be swapped),
        # and no word that is also a verb or a body part ("Russia pounds Kyiv", "on foot")
        *(s for s in _CURRENCY_AFTER if s.isalpha() and len(s) > 2 and s not in ("pound", "pounds")),
        *(s for s in _UNITS.split("|") if s.isalpha() and s != "foot"),
        "st", "nd", "rd", "th", "yearold",
    }
)  # fmt: skip


@lru_cache(maxsize=64)
def number_words(language: str | None) -> frozenset[str]:
    """:data:`NUMBER_WORDS` and the number words read in copy of ``language`` only ("due" and
    "venti" in Italian)."""
    return NUMBER_WORDS | frozenset(
        (
            *_LANGUAGE_WORD_NUMBERS.get(language or "", ()),
            *_LANGUAGE_ONLY_WORD_NUMBERS.get(language or "", ()),
        )
    )


#: A scale written with at most this many letters may be an abbreviation and keep its dot ("bln.",
#: "Mrd."); a longer one is a whole word, and a dot after it ends the sentence.
_ABBREVIATED_SCALE_CHARS = 4
_SCALE_WORDS = "|".join(sorted((re.escape(s) for s in _SCALES), key=len, reverse=True))
_CURRENCY_AFTER_WORDS = "|".join(sorted((re.escape(s) for s in _CURRENCY_AFTER), key=len, reverse=True))
_WORD_ALT = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
#: a figure's first word may be a guarded one, read or not by the language (never a later word:
#: "two UN peacekeepers" is no "two" and "un")
_GUARDED_ALT = "|".join(sorted(_GUARDED, key=len, reverse=True))


def _first_letters(*alternatives: str) -> str:
    """A lookahead for the first characters of ``alternatives``, tried before each long list of
    words after a figure, it spares trying every word of the list where none can start (the
    lists' words are tried one by one; a figure is followed by one of them now and then)."""
    return "(?=[" + "".join(sorted({re.escape(a[0]) for a in alternatives})) + "])"


def _figure_pattern_for(words: str) -> re.Pattern[str]:
    """The figure pattern whose number words are ``words`` (alternatives) besides the guarded
    first words."""
    return re.compile(
        rf"(?P<before>(?:US\$|C\$|A\$|HK\$|\$|\u20ac|\u00a3|\u00a5|\u20bd|(?:{_CODES})\s?))?"
        rf"(?:(?P<digits>{_NUMBER})"
        rf"|(?P<words>\b(?:half(?:\s+an?)?(?:\s+dozen)?"
        rf"|(?:{words}|{_GUARDED_ALT}|one|a)(?:[\s-](?:{words}|hundred)|(?<=ty)-one)*"
        rf"(?:[\s-]+and[\s-]+a[\s-]+half)?)\b))"
        rf"(?:[\s\u00a0\u202f]?{_first_letters(*_SCALES)}(?P<scale>(?:{_SCALE_WORDS})\.?)(?![\w]))?"
        rf"(?:[\s\u00a0\u202f]?{_first_letters(*_PERCENT.split('|'))}(?P<percent>{_PERCENT})(?![\w]))?"
        rf"(?:[\s\u00a0\u202f]?{_first_letters('d', 'o', *_CURRENCY_AFTER)}"
        rf"(?:(?:de|di|d'|d\u2019|of)\s?)?(?P<after>{_CURRENCY_AFTER_WORDS})(?![\w]))?"
        rf"(?:[\s\u00a0\u202f]?{_first_letters(*_UNITS.split('|'))}(?P<unit>{_UNITS}|(?<=\d)(?-i:C|F))(?![\w]))?",
        re.IGNORECASE,
    )


_FIGURE = _figure_pattern_for(_WORD_ALT)


@lru_cache(maxsize=16)
def _figure_pattern(language: str | None) -> re.Pattern[str]:
    """The figure pattern of copy in ``language``: with its own number words
    (:data:`_LANGUAGE_ONLY_WORD_NUMBERS`) where it has some."""
    own = _LANGUAGE_ONLY_WORD_NUMBERS.get(language or "")
    if not own:
        return _FIGURE
    return _figure_pattern_for("|".join(sorted((*_WORD_NUMBERS, *own), key=len, reverse=True)))


#: What every figure holds somewhere: a digit, a currency sign or code, or a word that is a
#: number other than "one" and "a" (which count only with one of the rest), a scale or a
#: unit. Most sentences hold none, and the figure pattern is tried at every word ("a" starts
#: a figure). Words of ASCII are looked up lower-cased; any other word is matched with the
#: figure pattern's own case rules (they fold "K", the Kelvin sign, to "k").
_DIGIT_OR_SIGN = re.compile(r"[\d$\u20ac\u00a3\u00a5\u20bd]")
_TOKEN = re.compile(r"\w+")
_ASCII_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})
_FIGURE_WORDS = frozenset(
    w for w in (*_WORD_NUMBERS, "hundred", "hundreds", "scores", *_SCALES, *_UNITS.split("|")) if w.isascii()
)
_FIGURE_WORD = re.compile(rf"(?:{_WORD_ALT}|hundred|{_SCALE_WORDS}|{_UNITS})", re.IGNORECASE)
_CODES_LOWER = tuple(code.lower() for code in CURRENCY_CODES)
#: where a code starts, overlaps included ("EURUB": "RUB" as well as "EUR")
_CODE_START = re.compile(rf"(?=(?:{_CODES}))", re.IGNORECASE)
#: the words a figure's words begin with ("a" and "one" only before a scale, unit or number)
_FIRST_WORDS = frozenset({*_WORD_NUMBERS, "one", "a", "half"})
_FIRST_WORD = re.compile(rf"(?:{_WORD_ALT}|one|a|half)", re.IGNORECASE)
#: A minus sign just before a figure: "\u2212" anywhere, "-" after a space, a bracket or nothing
#: ("growth of -0.3%"; "2019-20" and "10-12" are ranges, "COVID-19" a name), or the word.
_MINUS = re.compile(r"(?:\u2212|(?:^|(?<=[\s(\[]))-|\bminus\s+)$", re.IGNORECASE)
#: A percent written before its figure: Turkish "yüzde 64,8" and "%64,8".
_PERCENT_BEFORE = re.compile(r"(?:\by\u00fczde\s+|(?<![\w%])[%\uff05])$", re.IGNORECASE)
#: A glued "C" or "F" is degrees only in a sentence about temperatures ("40C" in a heatwave).
_TEMPERATURE = re.compile(
    r"\b(?:temperatures?|degrees?|heat|heatwave|hot|hottest|cold|coldest|warm|warmest|freezing|celsius|"
    r"fahrenheit|thermometers?|mercury|highs?|lows?)\b",
    re.IGNORECASE,
)
_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half$", re.IGNORECASE)
#: A number word that is a fraction's numerator ("two-thirds", "three-quarters"): no count.
_FRACTION_AFTER = re.compile(
    r"-(?:halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b", re.IGNORECASE
)


#: The guarded number words of each language that make a figure alone (not its "one").
_LANGUAGE_FIGURE_WORDS = {
    language: frozenset(
        [word for word, value in _LANGUAGE_WORD_NUMBERS.get(language, {}).items() if value != 1]
        + list(_LANGUAGE_ONLY_WORD_NUMBERS.get(language, ()))
    )
    for language in {*_LANGUAGE_WORD_NUMBERS, *_LANGUAGE_ONLY_WORD_NUMBERS}
}


_LANGUAGE_FIRST_WORDS = {
    language: frozenset(
        (*_LANGUAGE_WORD_NUMBERS.get(language, ()), *_LANGUAGE_ONLY_WORD_NUMBERS.get(language, ()))
    )
    for language in {*_LANGUAGE_WORD_NUMBERS, *_LANGUAGE_ONLY_WORD_NUMBERS}
}


def _may_hold_figure(text: str, language: str | None) -> bool:
    if _DIGIT_OR_SIGN.search(text):
        return True
    guarded = _LANGUAGE_FIGURE_WORDS.get(language or "")
    if guarded and not guarded.isdisjoint(w.lower() for w in _TOKEN.findall(text)):
        return True
    if text.isascii():
        lowered = text.lower()
        return any(code in lowered for code in _CODES_LOWER) or not _FIGURE_WORDS.isdisjoint(
            lowered.translate(_ASCII_NOT_WORD).split()
        )
    # each letter of a code, and "ſ" (which the pattern reads as "s"), upper-cases to one letter
    upper = text.upper()
    if any(code in upper for code in CURRENCY_CODES):
        return True
    words = _TOKEN.findall(text)
    return not _FIGURE_WORDS.isdisjoint(w.lower() for w in words if w.isascii()) or any(
        _FIGURE_WORD.fullmatch(w) for w in words if not w.isascii()
    )


#: The kind of a year: "2028" in "by 2028" is a date, never a count changed ("three years" ->
#: "by 2028"), so it pairs with another year alone.
YEAR = "year"
TIME = "time"
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text: as written, where, and its readings as comparable keys."""

    text: str
    start: int
    end: int
    #: one key per reading ("1.200" with no language known: "1200" and "1.2")
    keys: frozenset[str]

    @property
    def key(self) -> str:
        """The first reading, for display and tests."""
        return min(self.keys, key=lambda k: (len(k), k))

    @property
    def kind(self) -> str:
        """What the figure measures: "%", a currency code, a unit, TIME for a time of day, YEAR
        for a year written alone in four digits ("by 2028"), or "" for a count."""
        key = self.key
        if key.endswith("%"):
            return "%"
        if ":" in key:
            return TIME
        if key.startswith("~"):
            return ABOUT
        if key[:1] in "QH" and key[1:].isdigit():
            return PERIOD
        if " " in key:
            return key.split(" ")[0]
        return YEAR if _YEAR.fullmatch(self.text) else ""


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """True when some reading of ``a`` is a reading of ``b``."""
    return not a.keys.isdisjoint(b.keys)


_DECIMALS = re.compile(r"\d[.,\u066b]\d{1,2}(?!\d)")
_LETTERS = re.compile(r"[^\W\d_]+\.?")


def amounts(quantity: Quantity) -> dict[str, Decimal]:
    """Each reading's amount, by the reading's kind ("USD", "km", "%", "" for a count)."""
    amounts = {}
    for key in quantity.keys:
        kind, _, amount = key.rpartition(" ")
        if amount.endswith("%"):
            kind, amount = "%", amount[:-1]
        try:
            amounts[kind] = Decimal(amount)
        except InvalidOperation:
            continue
    return amounts


def rounded(old: Quantity, new: Quantity) -> bool:
    """Whether ``new`` is ``old`` rounded ("$95.3 billion" -> "$95 billion", "61.4%" -> "61%"): an
    amount in a scale ("million") written with decimals and given with fewer, or a percentage with
    decimals given as a whole one, a reading of the same kind that is the other's amount to the new
    one's significant digits, within ROUNDED_MAX_SHARE of it. The rest is exact as written: whole
    numbers (a toll of 41 given as 40, an age, a year), a rate to fewer decimals (6.25% -> 6.3%), a
    price ($4.99 -> $5), a magnitude (7.9 -> 8), and all or nothing (99.5% -> 100%)."""
    if not _DECIMALS.search(old.text):
        return False
    scaled = any(word.lower().rstrip(".") in _SCALES for word in _LETTERS.findall(old.text))
    new_amounts = amounts(new)
    if not scaled and "%" not in new_amounts:
        return False  # a price, a magnitude, a time: exact as written ("$4.99" -> "$5", "7.9" -> "8")
    for kind, before in amounts(old).items():
        after = new_amounts.get(kind)
        if after is None or before == after or before == 0:
            continue
        if kind == "%" and after in (0, 100):
            continue  # "99.5%" -> "100%", "0.4%" -> "0%": all, or none, is another claim
        _, after_digits, exponent = after.normalize().as_tuple()
        digits = len(after_digits)
        assert isinstance(exponent, int)
        if (
            (scaled or after == after.to_integral_value())
            and len(before.normalize().as_tuple().digits) > digits
            and before.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP) == after
            and abs(after - before) <= Decimal(str(thresholds.ROUNDED_MAX_SHARE)) * abs(before)
        ):
            return True
    return False


def _digit_readings(raw: str, language: str | None) -> list[Decimal]:
    """Values of a digit string under the separator conventions that fit it."""
    if "\u066b" in raw or "\u066c" in raw:  # Arabic marks say which is which: ٣٫٥ and ١٬٢٠٠
        plain = raw
        for mark in _GROUP_SPACES:
            plain = plain.replace(mark, "")
        if "\u066b" in plain:  # the decimal mark: any other mark groups
            plain = plain.replace("\u066c", "").replace(",", "").replace(".", "").replace("\u066b", ".")
        else:  # the grouping mark: a comma or a point left is the decimal one
            plain = plain.replace("\u066c", "").replace(",", ".")
        try:
            return [Decimal(plain)]
        except InvalidOperation:
            return []
    text = raw
    for space in _GROUP_SPACES:
        text = text.replace(space, "")
    commas, dots = text.count(","), text.count(".")
    candidates: list[str] = []
    if commas and dots:  # both: the last one is the decimal mark
        if text.rfind(",") > text.rfind("."):
            candidates.append(text.replace(".", "").replace(",", "."))
        else:
            candidates.append(text.replace(",", ""))
    elif commas or dots:
        mark = "," if commas else "."
        count = commas or dots
        tail = text.rsplit(mark, 1)[1]
        if count > 1:
            candidates.append(text.replace(mark, ""))  # 1,200,000 / 1.200.000
        elif len(tail) != 3:
            candidates.append(text.replace(mark, "."))  # 3,5 / 3.25: a decimal mark
        else:
            grouping = text.replace(mark, "")
            decimal = text.replace(mark, ".")
            comma_decimal = language in COMMA_DECIMAL_LANGUAGES if language else None
            if comma_decimal is None and mark == ",":
                candidates.append(grouping)  # 20,000: no one writes twenty this way
            elif comma_decimal is None or (language == "en" and mark == "."):
                # 1.200 with no language known; in English copy too, where outlets of countries
                # that group thousands with a point write 1.500 for 1,500
                candidates += [grouping, decimal]
            elif (mark == ",") != comma_decimal:
                candidates.append(grouping)  # 1,200 in English, 1.200 in German
            else:
                candidates.append(decimal)  # 1.200 in English, 1,200 in French
    else:
        candidates.append(text)
    values = []
    for candidate in candidates:
        try:
            values.append(Decimal(candidate))
        except InvalidOperation:
            continue
    return values


def _word_value(words: str) -> int | None:
    """ "twenty-five" -> 25, "three hundred and ten" -> 310, "a dozen" -> 12."""
    whole = _WORD_NUMBERS_ANY.get(words.lower())
    if whole is not None:  # "quatre-vingts": 80, not 4 + 20
        return whole
    total = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word == "hundred":
            total = (total or 1) * 100
        elif word in _WORD_NUMBERS_ANY:
            value = _WORD_NUMBERS_ANY[word]
            total = total * value if word in ("dozen", "dozens") and total else total + value
        else:
            return None
        seen = True
    return total if seen else None


def _format(value: Decimal) -> str:
    """A canonical decimal string: 3500000, 3.5, 0.25 (no exponent, no trailing zeros)."""
    normal = value.normalize()
    text = f"{normal:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=8192)
def find_quantities(text: str, language: str | None = None) -> tuple[Quantity, ...]:
    """Figures in ``text`` in order: digits or number words, with their scale,
    percent sign, currency and unit. ``language`` (an ISO 639-1 code) decides how an
    ambiguous separator reads; without it both readings are kept.

    Kept for the sentences seen last: a sentence is read on both sides of its group and again
    by every comparison of its article (related versions, coverage)."""
    return _read(text, language, _figure_matches(text, language)) if _may_hold_figure(text, language) else ()


def read_figures(text: str, language: str | None = None) -> tuple[Quantity, ...]:
    """:func:`find_quantities` by the figure pattern alone, tried at every position of ``text``:
    what the shortcuts of :func:`find_quantities` must find."""
    return _read(text, language, _figure_pattern(language).finditer(text))


def _figure_starts(text: str, language: str | None) -> list[int]:
    """Where a figure may start, in order: at a digit or a currency sign ("US$" two before it), a
    currency code, or a word that begins a number. The figure pattern, tried at every position
    of a sentence, costs about 0.1 ms; tried at these, a tenth of it. A word that is a number in
    some languages only ("due") starts one in copy of those."""
    starts = []
    for match in _DIGIT_OR_SIGN.finditer(text):
        at = match.start()
        starts.append(at)
        if text[at] == "$":
            starts += [at - 2, at - 1]
    if text.isascii():
        lowered = text.lower()
        for code in _CODES_LOWER:
            at = lowered.find(code)
            while at >= 0:
                starts.append(at)
                at = lowered.find(code, at + 1)
    elif any(code in text.upper() for code in CURRENCY_CODES):
        starts += [match.start() for match in _CODE_START.finditer(text)]
    guarded = _LANGUAGE_FIRST_WORDS.get(language or "")
    first_words = _FIRST_WORDS if guarded is None else _FIRST_WORDS | guarded
    for match in _TOKEN.finditer(text):
        word = match.group()
        if (
            word.lower() in first_words
            if word.isascii()
            else _FIRST_WORD.fullmatch(word) or (guarded is not None and word.lower() in guarded)
        ):
            starts.append(match.start())
    return sorted({at for at in starts if at >= 0})


def _figure_matches(text: str, language: str | None) -> Iterator[re.Match[str]]:
    """The figure pattern's matches, as ``finditer`` gives them, tried only where one may start."""
    end = 0
    pattern = _figure_pattern(language)
    for at in _figure_starts(text, language):
        if at < end:
            continue
        match = pattern.match(text, at)
        if match:
            yield match
            end = match.end()


#: A capitalised word and a hyphen before digits: the digits name a thing ("COVID-19", "S-400",
#: "F-16"), they count nothing; "mid-2020" and "pre-1990" are figures.
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z]{0,9}-$")


#: What makes a figure a time of day: "3:30", "3.30pm", "3 p.m.", "0930 GMT" (a zone or "hrs"
#: after four digits); or a time taken, "2:05:45", "3:49.11".
_MERIDIEM = re.compile(r"\s?(?:(?P<am>a\.m\.|am\b)|(?P<pm>p\.m\.|pm\b))", re.IGNORECASE)
_ZONE = re.compile(r"\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|ET|hrs|local time)\b")
_FRENCH_CLOCK = re.compile(r"\s?(?:[hH]|heures?)\s?(\d{2})\b")
_GERMAN_CLOCK = re.compile(r"\s?Uhr\b")
_CLOCK = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?")


def _time_of(text: str, match: re.Match[str], language: str | None) -> Quantity | None:
    """The figure of ``match`` as a time of day, when it is one: its readings "H:MM" on a 24-hour
    clock (the hour without a leading zero), so that "3:30 p.m.", "3.30pm" and "15:30" are one
    time; a time without "am" or "pm" that could be either reads both ways ("3:30" is "3:30 a.m."
    and "3:30 p.m."), but "9.30pm" is not "9.30am". A time taken ("2:05:45", "26:11") reads as
    written. "am" and "pm" are English, after an hour of a clock ("Die 15 am Sonntag ..." is
    German for "the 15 on Sunday")."""
    digits = match.group("digits")
    start, end = match.span("digits")
    meridiem = _MERIDIEM.match(text, end) if language in (None, "en") else None
    clock = _CLOCK.fullmatch(digits)
    if meridiem and clock and int(clock.group("hour")) > 12:
        meridiem = None
    french = _FRENCH_CLOCK.match(text, end) if digits.isdigit() else None
    german = _GERMAN_CLOCK.match(text, end)
    if french:  # "15h30", "15 h 30"
        clock = _CLOCK.fullmatch(f"{digits}:{french.group(1)}")
        end = french.end()
    elif german and clock:  # "15.30 Uhr", "15 Uhr"
        end = german.end()
    elif len(digits) == 4 and digits.isdigit() and _ZONE.match(text, end):
        clock = _CLOCK.fullmatch(f"{digits[:2]}:{digits[2:]}")
    elif not (":" in digits or (meridiem and clock)):
        return None
    if clock is None:  # a race time, "2:05:45" or "3:49.11": compared as written
        return Quantity(digits, start, end, frozenset({digits})) if ":" in digits else None
    hour, minute = int(clock.group("hour")), clock.group("minute") or "00"
    if int(minute) > 59:
        return None
    if hour > 24:  # no hour of a day: a time taken, "26:11"
        return Quantity(digits, start, end, frozenset({digits})) if ":" in digits else None
    if meridiem:  # one reading of the day: "9.30pm" is no "9.30am"
        end = meridiem.end()
        if meridiem.group("pm"):
            keys = {f"{hour + 12 if hour < 12 else hour}:{minute}"}
        else:
            keys = {f"{0 if hour == 12 else hour}:{minute}"}
    elif 1 <= hour <= 12 and not (french or german or digits.startswith("0") or digits.isdigit()):
        # "3:30" is either, "3:30 a.m." or "3:30 p.m." (15:30) written short; "09:30", "0930 GMT",
        # "9h30" and "9.30 Uhr" are a 24-hour clock's
        keys = {f"{hour}:{minute}", f"{(hour + 12) % 24}:{minute}"}
    else:
        keys = {f"{hour}:{minute}"}
    return Quantity(text[start:end], start, end, frozenset(keys))


def _read(text: str, language: str | None, matches: Iterable[re.Match[str]]) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    read: list[tuple[Quantity, list[Decimal], _Form]] = []  # the figures found, with their values
    for match in matches:
        if found and match.start() < found[-1].end:
            continue  # read with the figure before: the minutes of "15 h 30"
        digits, words = match.group("digits"), match.group("words")
        scale_word = (match.group("scale") or "").lower().rstrip(".")
        if words and words.lower().startswith("half"):
            if words.lower().endswith("dozen"):
                values = [Decimal(6)]
            elif scale_word:
                values = [Decimal("0.5")]
            else:
                continue  # "half the town", "half an hour"
        elif words:
            if _FRACTION_AFTER.match(text, match.end("words")):
                continue
            head = words.lower().split()[0].split("-")[0]
            if head in _GUARDED and language not in _GUARDED[head]:
                continue  # "due" in English, "sei" in German: no number
            lone = words.lower() in _ONE_WORDS or words.lower() == "dozens"
            if lone and not (scale_word or match.group("unit") or match.group("before")):
                continue  # "one of them", "a statement"
            if head == "a" and not scale_word and "dozen" not in words.lower():
                continue
            whole, and_a_half = _AND_A_HALF.subn("", words)
            number = _word_value(whole)
            if number is None or (number == 0 and not scale_word):
                continue
            values = [Decimal(number) + (Decimal("0.5") if and_a_half else 0)]
        elif digits and (time := _time_of(text, match, language)) is not None:
            found.append(time)
            continue
        elif digits:
            start = match.start("digits")
            if not match.group("before") and _NAME_BEFORE.search(text, max(0, start - 12), start):
                continue  # part of a name: "COVID-19", "S-400", "MH-17" (as "G20" is)
            values = _digit_readings(digits, language)
        else:
            continue
        if not values:
            continue
        signed = _MINUS.search(text, max(0, match.start() - 7), match.start())
        if signed:
            values = [-value for value in values]  # "-0.3%", "minus 12 degrees": never 0.3 and 12
        multipliers = [_SCALES.get(scale_word, 1)]
        if scale_word in ("billion", "billions") and language in LONG_SCALE_LANGUAGES:
            multipliers = [10**12]  # a thousand times more in French, German, Spanish, Italian ...
        # "m", "b" and "k" are surely scales only with a currency ("$3m", "£2bn"); alone, "3.5m"
        # is 3.5 million people or 3.5 metres, "5k" a race: every reading, and any one equals
        bare = scale_word in ("m", "b", "k") and not (match.group("before") or match.group("after"))
        if bare:
            multipliers.append(1)
        percent_before = _PERCENT_BEFORE.search(text, max(0, match.start() - 7), match.start())
        percent = bool(match.group("percent") or (digits and percent_before))
        before = (match.group("before") or "").strip().lower()
        after = (match.group("after") or "").lower()
        # "since 2022 US dollar bonds have rallied": a year before a currency named as an adjective
        year_before_adjective = bool(
            digits
            and after in _CURRENCY_ADJECTIVES
            and not (before or scale_word)
            and _YEAR.fullmatch(digits)
            and _NOUN_AFTER.match(text, match.end())
        )
        currency = (
            None if year_before_adjective else _CURRENCY_BEFORE.get(before) or _CURRENCY_AFTER.get(after)
        )
        unit = (match.group("unit") or "").lower()
        if unit in ("c", "f") and not _TEMPERATURE.search(text):
            unit = ""  # "Boeing 777F", "stage 3C", "iPhone 5C": a name's letter
        unit = _UNIT_CANONICAL.get(unit, unit)
        form = _Form(multipliers, percent, currency, unit)
        keys = form.keys(values)
        if bare and scale_word == "m" and not (unit or percent):
            keys.update(f"m {_format(value)}" for value in values)
        start, end = match.span()
        if signed:
            start = signed.start()
        if percent_before and digits:
            start = percent_before.start()
        if year_before_adjective:
            end = match.end("digits")
        raw = text[start:end].rstrip()
        if raw.endswith(".") and len((match.group("scale") or "").rstrip(".")) > _ABBREVIATED_SCALE_CHARS:
            raw = raw[:-1]  # "$3.6 trillion." ends its sentence: the scale is a whole word, no abbreviation
        if read and form.spelt and _RANGE.fullmatch(text, read[-1][0].end, start):
            # A range spelt once ("$10-12 billion", "5-10%"): both figures read as what the two
            # are written with together, as "$10 billion to $12 billion" writes them.
            first, first_values, first_form = read[-1]
            if first_form.bare_for(form):
                both = first_form.joined(form)
                found[-1] = Quantity(first.text, first.start, first.end, frozenset(both.keys(first_values)))
                keys = both.keys(values)
        found.append(Quantity(raw, start, start + len(raw), frozenset(keys)))
        read.append((found[-1], values, form))
    found.extend(_counted_without_digits(text, found))
    return tuple(sorted(found, key=lambda q: q.start))


#: The kinds of figures written without digits: a vague count ("hundreds of", "thousands") and a
#: quarter or half of a year ("Q1", "H2").
ABOUT, PERIOD = "about", "period"
#: "scores of" says what "dozens of" says: one bucket
_VAGUE = {
    "dozens": 12, "scores": 12, "hundreds": 100, "thousands": 10**3, "tens of thousands": 10**4,
    "hundreds of thousands": 10**5, "millions": 10**6, "billions": 10**9,
}  # fmt: skip
_WITHOUT_DIGITS = re.compile(
    r"\b(?:(?P<vague>(?:tens|hundreds) of thousands|dozens|hundreds|thousands|millions|billions"
    r"|scores(?=\s+of\b)))\b|\b(?P<period>Q[1-4]|H[12])\b",
    re.IGNORECASE,
)


def _counted_without_digits(text: str, found: list[Quantity]) -> Iterator[Quantity]:
    """The vague counts and periods of ``text`` outside the figures already ``found`` ("5
    thousands" is a figure with its scale): "hundreds" is about 100 ("~100"), which equals
    "hundreds" however written and changes to "thousands"; "Q1" changes to "Q2"."""
    for match in _WITHOUT_DIGITS.finditer(text):
        start, end = match.span()
        if any(q.start < end and start < q.end for q in found):
            continue
        if match.group("vague"):
            key = f"~{_VAGUE[' '.join(match.group('vague').lower().split())]}"
        elif match.group("period").isupper():  # "Q1", "H2"; not "q1" or "h2"
            key = match.group("period")
        else:
            continue
        yield Quantity(match.group(), start, end, frozenset({key}))


#: Between the two figures of a range: "10-12", "10 to 12", "10 and 12" (after "between").
_RANGE = re.compile(r"\s?(?:[-\u2013\u2014]|to|and|or)\s?")


@dataclass(frozen=True, slots=True)
class _Form:
    """How a figure is written beside its digits: its scale's readings, percent, currency, unit."""

    multipliers: list[int]
    percent: bool
    currency: str | None
    unit: str

    @property
    def spelt(self) -> bool:
        """Written with a scale, a percent sign, a currency or a unit."""
        return self.multipliers != [1] or self.percent or bool(self.currency or self.unit)

    def bare_for(self, second: _Form) -> bool:
        """Whether a figure of this form, first in a range before one of form ``second``, was
        written bare to take the second's scale, percent or unit: it has none of its own, and no
        other currency ("5 per cent to $3.5 million" is no range)."""
        return (
            self.multipliers == [1]
            and not (self.percent or self.unit)
            and (self.currency is None or self.currency == (second.currency or self.currency))
        )

    def joined(self, second: _Form) -> _Form:
        """The form of a range's figures, this one its first and ``second`` its second."""
        return _Form(
            second.multipliers if self.multipliers == [1] else self.multipliers,
            self.percent or second.percent,
            self.currency or second.currency,
            self.unit or second.unit,
        )

    def keys(self, values: Iterable[Decimal]) -> set[str]:
        keys = set()
        for value, multiplier in itertools.product(values, self.multipliers):
            amount = _format(value * multiplier)
            if self.percent:
                keys.add(amount + "%")
            elif self.currency:
                keys.add(f"{self.currency} {amount}")
            elif self.unit:
                keys.add(f"{self.unit} {amount}")
            else:
                keys.add(amount)
        return keys
