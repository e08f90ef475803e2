"""Word-level diff inside a matched pair of sentences.

Tokens compare by a key that ignores case, punctuation, quote style and hyphens
("cease-fire" == "ceasefire"); numbers stay one token ("20,000"). A replace whose
two sides join to the same letters is ``glue`` (words run together by a lost line
break), never a rewording.

>>> [(c.op, c.base, c.other) for c in diff_words("to stop the rebels", "tostop the militants")]
[('glue', 'to stop', 'tostop'), ('replace', 'rebels', 'militants')]
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz.distance import Indel

from app.engine.quantities import CURRENCY_CODES, number_words
from app.engine.report import Change, ChangeOp
from app.engine.reporting import reporting_terms
from app.engine.text import (
    ABBREVIATIONS,
    NON_ALNUM,
    WEEKDAYS,
    load_language_model,
    quoted_spans,
)

__all__ = [
    "ASKING",
    "CONDITIONS",
    "ENGLISH_NEGATIONS",
    "FUNCTION_WORDS",
    "LANGUAGE_NEGATIONS",
    "NEGATING_WORDS",
    "NEGATIONS",
    "NOT_ONLY",
    "REFUSING_WORDS",
    "STOPWORDS",
    "Edit",
    "Matches",
    "Token",
    "TokenMatches",
    "WordKeys",
    "diff_tokens",
    "diff_words",
    "first_token_start",
    "folded",
    "function_words",
    "inflections_of_one_word",
    "is_unchanged",
    "last_token_end",
    "load_word_tables",
    "negation_words",
    "swap_candidates",
    "swap_key",
    "token_keys",
    "token_matches",
    "token_spans",
    "tokenize",
    "word_keys",
]

_TOKEN = re.compile(
    # a minus sign after a space or a bracket is the number's ("growth of -0.3%"); "2019-20" is a
    # range, "COVID-19" a name. Every number starts with a sign, a currency sign or a digit: the
    # lookahead says so first, so that at a letter the number's alternative fails at once (a third
    # of the time of reading a sentence's tokens).
    r"(?P<number>(?=[-\u2212$\u00a3\u20ac\d])(?:(?<![\w.,\-\u2212])[-\u2212](?=[$\u00a3\u20ac]?\d))?"
    r"[$\u00a3\u20ac]?(?:\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3}(?!\d))+|\d+(?:[.,:\u066b\u066c]\d+)*)%?)"
    r"|(?P<word>[^\W_]+(?:['\u2019\u2010\u2011-][^\W_]+)*)"
)
_GROUPING = re.compile(r"[,\u00a0\u202f\u2009 \u066c]")  # U+066C: the Arabic thousands separator

#: Function words: never reported as substitutions, weightless as evidence.
STOPWORDS = frozenset(
    """a an the and or but if of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no
    nor not only own same so than too very s t can will just don should now is are was were
    be been being have has had having do does did doing i me my we our you your he him his
    she her it its they them their what which who whom this that these those am would could
    also as said says say told tell""".split()
)

#: Function words of the news's other languages, by ISO 639-1 code: in copy of that language, with
#: :data:`STOPWORDS`, never a word swap ("sur" -> "dans", "den" -> "die"). Written here: the stop
#: lists installed (jusText's, under trafilatura) are a language's most frequent words, content
#: words among them ("gouvernement", "président", "Regierung"), which are swaps to report. Keys, as
#: :func:`word_keys` makes them: an elided article stays on its word ("l'armée" is one key).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "fr": """le la les un une des du de au aux ce cet cette ces mon ma mes ton ta tes son sa ses
        notre nos votre vos leur leurs je tu il elle on nous vous ils elles me te se lui y en et ou
        mais donc or car que qui quoi dont où à dans par pour sur sous avec sans chez vers entre
        contre depuis pendant avant après selon dès est sont était étaient été être a ont avait
        avaient avoir sera seront fait ceci cela ça aussi très plus tout tous toute toutes""",
        "de": """der die das den dem des ein eine einen einem einer eines und oder aber doch sondern
        denn dass daß ob wenn als wie weil da in im ins an am ans auf aus bei beim mit nach von vom
        zu zum zur für über unter vor hinter neben zwischen durch gegen ohne um bis seit während
        wegen trotz laut ist sind war waren wird werden wurde wurden hat haben hatte hatten sei
        seien ich du er sie es wir ihr ihm ihn ihnen sich mich mir dich dir uns euch sein seine
        seinen seinem seiner seines ihre ihren ihrem ihrer ihres dieser diese dieses diesem diesen
        jener jene auch noch schon nur so sehr mehr ab dort hier""",
        "es": """el la los las lo un una unos unas de del al a en con por para sin sobre entre hasta
        desde según contra hacia tras y e o u pero sino que quien quienes cual cuales cuyo cuya
        donde como cuando se su sus le les me te nos mi mis tu tus yo él ella ellos ellas usted
        ustedes este esta estos estas ese esa esos esas es son era eran fue fueron ha han había
        habían ser estar está están muy más ya también""",
        "it": """il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai
        agli alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle con col su
        sul sullo sulla sui sugli sulle per tra fra e ed o ma però che chi cui se si ci vi ne mi ti
        lui lei egli ella essi esse loro noi voi io tu suo sua suoi sue mio mia questo questa questi
        queste quello quella quelli quelle è sono era erano stato stata stati state essere ha hanno
        aveva avevano avere come anche più già""",
        "pt": """o a os as um uma uns umas de do da dos das em no na nos nas num numa por pelo pela
        pelos pelas para com sem sobre entre até desde ao aos à às e ou mas que quem qual quais
        cujo cuja onde como quando se seu sua seus suas ele ela eles elas eu nós lhe lhes me te
        este esta estes estas esse essa esses essas isso isto aquele aquela é são era eram foi
        foram ser estar está estão tem têm ter muito mais já também""",
        "nl": """de het een en of maar dat die dit deze van in op aan met voor door bij naar om uit
        over onder tot te tegen tussen zonder volgens is zijn was waren wordt worden werd werden
        heeft hebben had hadden hij zij ze wij we jullie u hem haar hun ook al nog er""",
        "ru": """и в во на с со к ко по за из от до о об обо у для при без через над под между после
        перед а но или да что чтобы как так же ли бы он она оно они его её ее их ему ей им нему ней
        них я мы ты вы меня мне нас нам вам вас себя себе свой своя своё свое свои своих это этот эта
        эти этого этой этих тот та те то того той был была было были быть есть который которая
        которое которые которых также уже ещё еще""",
        "pl": """i w we z ze na do o od za po przez dla przy bez pod nad przed między a ale lub oraz że
        jak czy to ten ta te tego tej jego jej ich on ona ono oni one się jest są był była było byli
        być także już""",
        "tr": "ve ile bir bu şu o da de ki için gibi ama fakat veya ya her çok daha en ise olarak olan",
        "ar": """\u0641\u064a \u0645\u0646 \u0639\u0644\u0649 \u0625\u0644\u0649 \u0639\u0646 \u0645\u0639
        \u0623\u0646 \u0625\u0646 \u0647\u0630\u0627 \u0647\u0630\u0647 \u0630\u0644\u0643
        \u0627\u0644\u062a\u064a \u0627\u0644\u0630\u064a \u0627\u0644\u0630\u064a\u0646
        \u0643\u0627\u0646 \u0643\u0627\u0646\u062a \u0642\u062f""",
    }.items()
}
#: Languages whose every noun is capitalised: there a capital is no sign of a name.
NOUN_CAPITALISING_LANGUAGES = frozenset({"de", "lb"})


#: The words that join two quotations of one speech in copy of a language ("et", "und"), beside
#: :data:`STOPWORDS`: only the plain joining ones; a "car", "weil" or "sans" between them says
#: something the speaker did not.
QUOTE_JOINING_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "fr": "et ou puis que qu", "de": "und oder dass", "es": "y e o u que", "it": "e ed o che",
        "pt": "e ou que", "nl": "en of dat",
    }.items()
}  # fmt: skip
#: The subject pronouns of copy in a language: a sentence's speaker, never a name ("Il a ajouté").
SUBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "fr": "il elle on ils elles", "de": "er sie es", "es": "él ella ellos ellas usted ustedes",
        "it": "lui lei egli ella essi esse loro", "pt": "ele ela eles elas", "nl": "hij zij ze",
    }.items()
}  # fmt: skip


@lru_cache(maxsize=64)
def function_words(language: str | None) -> frozenset[str]:
    """The function words of copy in ``language`` (None: not known): :data:`STOPWORDS` and the
    language's own (:data:`FUNCTION_WORDS`)."""
    return STOPWORDS | FUNCTION_WORDS.get(language or "", frozenset())


#: Keys of negation words (a key drops the apostrophe: "didn't" is "didnt"). A rewording that adds
#: or drops one turns its claim around.
ENGLISH_NEGATIONS = frozenset(
    """not no never nor none nobody nothing nowhere neither cannot dont doesnt didnt isnt
    arent wasnt werent wont cant couldnt wouldnt shouldnt hasnt havent hadnt mustnt neednt""".split()
)
#: ... and in other languages' copy, each language's own (a "faux pas" or Malaysia's PAS in
#: English copy is none, nor "Nada", a given name): French ("ne" goes with one of these: "n'a pas
#: confirmé"), German, Spanish, Italian, Portuguese, Dutch, Russian and Arabic, with no word that
#: is also an English one or a common abbreviation ("plus", "personne", "ni" for Northern Ireland,
#: "nie" for Spain's foreigner number, which leaves Polish out), another language's word (Italian
#: "mai" is French May), nor Arabic "ما" ("what") and "غير" ("non-" in "NGO")
LANGUAGE_NEGATIONS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "fr": "pas jamais rien aucun aucune non",
        "de": "nicht kein keine keinen keinem keiner keines niemals nichts niemand weder",
        "es": "nunca jamás ningún ninguno ninguna nadie tampoco nada",
        "it": "non nessuno nessuna nessun niente nulla neanche nemmeno neppure",
        "pt": "não nenhum nenhuma ninguém nunca jamais nada",
        "nl": "niet geen nooit niets nergens",
        "ru": "не нет ни никогда ничего ничто никто нигде никакой никакая никакие никаких нельзя",
        "ar": "\u0644\u0627 \u0644\u0645 \u0644\u0646 \u0644\u064a\u0633 \u0644\u064a\u0633\u062a",
    }.items()
}
#: The negations of every language known.
NEGATIONS = ENGLISH_NEGATIONS.union(*LANGUAGE_NEGATIONS.values())
#: Words that open a condition: cut with it, a claim reads unconditional ("We will send troops only
#: if the UN asks" -> "We will send troops").
CONDITIONS = frozenset({"if", "unless", "lest"})
#: ... but not after these: "asked if", "wondered if" put a question, no condition.
ASKING = frozenset(
    "ask asks asked asking wonder wonders wondered wondering know knew see saw check checked decide".split()
)


#: The negations no English copy writes, whatever its language: those of other scripts (Russian
#: "не", Arabic "لم"), read in copy of no language known too (a short Arabic text is told no
#: language); a Latin one there may be an English word or a name ("Nada").
_NEGATIONS_OF_OTHER_SCRIPTS = frozenset(
    word for word in NEGATIONS if not any("a" <= c <= "z" or "\u00c0" <= c <= "\u024f" for c in word)
)


def negation_words(language: str | None) -> frozenset[str]:
    """The negations of copy in ``language`` (an ISO 639-1 code; None: not known): English ones,
    and the language's own (:data:`LANGUAGE_NEGATIONS`); in copy of no language known, those of
    other scripts than the Latin."""
    if language is None:
        return ENGLISH_NEGATIONS | _NEGATIONS_OF_OTHER_SCRIPTS
    return ENGLISH_NEGATIONS | LANGUAGE_NEGATIONS.get(language, frozenset())


#: Negations that open "not only ... but also", which adds, it does not negate.
NOT_ONLY = frozenset(
    {("not", "only"), ("nicht", "nur"), ("pas", "seulement"), ("no", "solo"), ("no", "sólo")}
)
#: Words whose meaning holds a negation: "declined to comment" says "did not comment", so a
#: rewording between them turns nothing around. Not negations of their own: "denied the charge"
#: put for "was accused of" is a reworded court report, not a claim turned around.
NEGATING_WORDS = frozenset(
    """decline declines declined declining refuse refuses refused refusing fail fails failed
    failing deny denies denied denying unable unclear unknown""".split()
)
#: ... of which these, before "to", say "did not" of the verb after: "refused to publish" is "did
#: not publish", so put for "would publish" it turns the claim around.
REFUSING_WORDS = frozenset(
    """decline declines declined declining refuse refuses refused refusing fail fails failed
    failing""".split()
)


class Token(NamedTuple):
    """A word or number: its text, its comparison key, and where it stands."""

    text: str
    key: str
    is_number: bool
    quoted: bool = False


@dataclass(slots=True)
class Edit:
    """One difference between token runs; ``op`` as in :class:`Change`."""

    op: ChangeOp
    base: list[Token]
    other: list[Token]

    def as_change(self) -> Change:
        return Change(self.op, _text(self.base), _text(self.other))


#: Each token of a text as the pair (number, word), one of them empty: what every reading
#: of a sentence's words starts from (keys, names and numbers, tokens, spans).
Matches = list[tuple[str, str]]


def token_matches(text: str) -> Matches:
    """The (number, word) pair of each token of ``text``, in order."""
    return _TOKEN.findall(text)


class TokenMatches(dict[str, Matches]):
    """:func:`token_matches` by text, each text read once: the keys, tokens and spans a
    comparison takes from a sentence all start from its matches."""

    def __missing__(self, text: str) -> Matches:
        found = self[text] = token_matches(text)
        return found


def tokenize(text: str, matches: Matches | None = None, keys: list[str] | None = None) -> list[Token]:
    """Words and numbers of ``text`` with their comparison keys (``matches``: its
    :func:`token_matches`, and ``keys``: its :func:`token_keys`, when the caller has them).

    >>> [t.key for t in tokenize("The cease-fire, 20,000 people")]
    ['the', 'ceasefire', '20000', 'people']
    """
    found = token_matches(text) if matches is None else matches
    if keys is None:
        keys = word_keys(text, found).keys
    quoted = _quoted_tokens(text, found)
    return [
        _new_token(Token, (number or word, key, bool(number), inside))
        for (number, word), key, inside in zip(found, keys, quoted, strict=True)
    ]


def _quoted_tokens(text: str, found: Matches) -> list[bool]:
    """Whether each token stands inside a quotation."""
    spans = quoted_spans(text)
    if not spans:
        return [False] * len(found)
    ends = iter(sorted(spans))
    start, end = next(ends)
    quoted = []
    for position, _ in token_spans(text, found):
        while position >= end:  # spans are disjoint and in order: walk them once
            start, end = next(ends, (len(text), len(text)))
            if start == len(text):
                break
        quoted.append(start < position < end)
    return quoted


def token_keys(text: str) -> list[str]:
    """The keys of :func:`tokenize`'s tokens, without building the tokens (faster)."""
    return word_keys(text).keys


class WordKeys(NamedTuple):
    """A sentence's token keys, and the keys of its names and numbers among them."""

    keys: list[str]
    #: capitalised words that do not open the sentence
    names: list[str]
    numbers: list[str]


def word_keys(text: str, matches: Matches | None = None) -> WordKeys:
    """:func:`token_keys` with the names and numbers among them, in one pass (``matches``:
    the text's :func:`token_matches`, when the caller has them).

    >>> word_keys("Rebels said Assad's forces killed 20,000 in Idlib.")[1:]
    (['assads', 'idlib'], ['20000'])
    """
    keys: list[str] = []
    names: list[str] = []
    numbers: list[str] = []
    known = _WORD_KEYS.get
    for number, word in token_matches(text) if matches is None else matches:
        if number:
            key = _number_key(number)
            numbers.append(key)
        else:
            found = known(word)
            if found is None:
                found = _word_key(word)
            key, capitalised = found
            if capitalised and keys:
                names.append(key)
        keys.append(key)
    return WordKeys(keys, names, numbers)


#: Words (as written) whose keys :func:`word_keys` has made: a word's key and whether it is
#: capitalised depend on the word alone, and most words of a sentence ("the", "said", the story's
#: names) were met in sentences before it: read here, they halve the time of :func:`word_keys`.
_WORD_KEYS: dict[str, tuple[str, bool]] = {}
#: ... emptied when it reaches this many words (a few MB; a comparison of two news articles meets
#: one or two thousand). Threads share it: one that empties it or misses a word makes keys again,
#: the same keys.
WORD_KEYS_KEPT = 1 << 14


def _word_key(word: str) -> tuple[str, bool]:
    """``word``'s key (lower case, without the inner marks of "cease-fire" or "Turkey's") and
    whether it is capitalised, kept in :data:`_WORD_KEYS`."""
    lowered = word.lower()
    found = (lowered if lowered.isalnum() else NON_ALNUM.sub("", lowered), word[:1].isupper())
    if len(_WORD_KEYS) >= WORD_KEYS_KEPT:
        _WORD_KEYS.clear()
    _WORD_KEYS[word] = found
    return found


def token_spans(text: str, matches: Matches | None = None) -> list[tuple[int, int]]:
    """Where each token of :func:`tokenize` stands in ``text``, in the same order
    (``matches``: the text's :func:`token_matches`, when the caller has them).

    From the matched strings: nothing between two tokens can start one (every letter,
    digit or currency sign before a digit does), so each token is the first occurrence
    of its text after the one before, and finding it costs less than matching again.
    """
    if matches is None:
        return [match.span() for match in _TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    find = text.find
    end = 0
    for number, word in matches:
        token = number or word
        start = find(token, end)
        end = start + len(token)
        spans.append((start, end))
    return spans


def first_token_start(text: str, matches: Matches) -> int:
    """Where the first token of ``text`` starts (``matches``: its :func:`token_matches`, not
    empty): the first occurrence of its text, as :func:`token_spans` reads it."""
    number, word = matches[0]
    return text.find(number or word)


def last_token_end(text: str, matches: Matches) -> int:
    """Where the last token of ``text`` ends (``matches``: its :func:`token_matches`, not
    empty): at the end of the last occurrence of its text, since nothing after it can start
    a token and a token cannot recur overlapping its own end (it ends in a letter, a digit
    or one percent sign)."""
    number, word = matches[-1]
    token = number or word
    return text.rfind(token) + len(token)


def _number_key(number: str) -> str:
    """ "20,000" and "20 000" (French, no-break or thin spaces) are one key, and so are "٣٥" and
    "35" (Arabic pages write either digits)."""
    key = _GROUPING.sub("", number).replace("\u2212", "-").lower()
    if key.isascii():
        return key
    key = key.replace("\u066b", ".")  # the Arabic decimal separator
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in key)


_new_token = tuple.__new__  # NamedTuple's own constructor costs twice as much


def _joined(tokens: list[Token]) -> str:
    return "".join(t.key for t in tokens)


def _text(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _glue_prefix(a: list[Token], b: list[Token], reverse: bool = False) -> tuple[int, int] | None:
    """(i, j) when a[:i] and b[:j] join to the same letters, one side a single token."""
    for single, several, swap in ((a, b, False), (b, a, True)):
        target = single[0].key
        joined = ""
        for count, token in enumerate(several[:6], start=1):
            joined = token.key + joined if reverse else joined + token.key
            if len(joined) > len(target):
                break
            if joined == target and count > 1:
                return (count, 1) if swap else (1, count)
    return None


def _split_replace(a: list[Token], b: list[Token]) -> list[Edit]:
    """A replaced span as glue at its ends and a real edit in between."""
    front: list[Edit] = []
    back: list[Edit] = []
    while a and b and (found := _glue_prefix(a, b)) is not None:
        i, j = found
        front.append(Edit("glue", a[:i], b[:j]))
        a, b = a[i:], b[j:]
    while a and b and (found := _glue_prefix(a[::-1], b[::-1], reverse=True)) is not None:
        i, j = found
        back.insert(0, Edit("glue", a[-i:], b[-j:]))
        a, b = a[:-i], b[:-j]
    middle: list[Edit] = []
    if a and b and _joined(a) == _joined(b):
        middle.append(Edit("glue", a, b))
    elif a and b:
        middle.append(Edit("replace", a, b))
    elif a:
        middle.append(Edit("delete", a, []))
    elif b:
        middle.append(Edit("insert", [], b))
    return [*front, *middle, *back]


def _runs(a: list[Token], b: list[Token]) -> list[tuple[bool, list[Token], list[Token]]]:
    """(equal?, base run, other run) from the longest common subsequence of keys."""
    runs: list[tuple[bool, list[Token], list[Token]]] = []
    for op in Indel.opcodes([t.key for t in a], [t.key for t in b]):
        base_run, other_run = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
        if op.tag == "equal":
            runs.append((True, base_run, other_run))
        elif runs and not runs[-1][0]:
            runs[-1][1].extend(base_run)
            runs[-1][2].extend(other_run)
        else:
            runs.append((False, list(base_run), list(other_run)))
    return runs


def _equality_weight(tokens: list[Token]) -> float:
    return sum(0.5 if t.key in STOPWORDS else 1.0 for t in tokens)


def _absorb_small_equalities(
    runs: list[tuple[bool, list[Token], list[Token]]],
) -> list[tuple[bool, list[Token], list[Token]]]:
    """Fold a one-word equal run into the rewrites around it.

    The longest common subsequence happily matches a lone "the" or "last" between
    two rewritten stretches; a reader sees one rewrite, not three (the semantic
    cleanup of diff-match-patch, on words). Decided on the original runs, so
    merges cannot snowball.
    """
    absorb = set()
    for k in range(1, len(runs) - 1):
        equal, base_run, _ = runs[k]
        before, after = runs[k - 1], runs[k + 1]
        if not equal or before[0] or after[0]:
            continue
        if _joined(before[1]) == _joined(before[2]) or _joined(after[1]) == _joined(after[2]):
            continue  # next to glue: keep the glue on its own
        size = _equality_weight(base_run)
        if (
            size <= 1.0
            and size <= max(len(before[1]), len(before[2]))
            and size <= max(len(after[1]), len(after[2]))
        ):
            absorb.add(k)
    merged: list[tuple[bool, list[Token], list[Token]]] = []
    for k, (equal, base_run, other_run) in enumerate(runs):
        if merged and not merged[-1][0] and (k in absorb or (not equal and k - 1 in absorb)):
            merged[-1][1].extend(base_run)
            merged[-1][2].extend(other_run)
        else:
            merged.append((equal and k not in absorb, list(base_run), list(other_run)))
    return merged


def diff_tokens(a: list[Token], b: list[Token]) -> list[Edit]:
    """Edits turning token list ``a`` into ``b``."""
    edits: list[Edit] = []
    for equal, base_run, other_run in _absorb_small_equalities(_runs(a, b)):
        if equal:
            continue
        if base_run and other_run:
            edits.extend(_split_replace(base_run, other_run))
        elif base_run:
            edits.append(Edit("delete", base_run, []))
        else:
            edits.append(Edit("insert", [], other_run))
    return edits


def diff_words(base: str, other: str) -> list[Change]:
    """Word-level changes from ``base`` to ``other`` (glue included)."""
    return [edit.as_change() for edit in diff_tokens(tokenize(base), tokenize(other))]


def is_unchanged(edits: list[Edit] | list[Change]) -> bool:
    """True when the only differences are glue: every content word is equal."""
    return all(e.op == "glue" for e in edits)


_local = threading.local()


#: Snowball's stemmers by ISO 639-1 code (PyStemmer ships them): words are stemmed in the language
#: of their copy, and in English where it is not known.
_SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "no": "norwegian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish", "fa": "persian", "et": "estonian",
}  # fmt: skip


def stemmer(language: str | None = None) -> Any:
    """This thread's stemmer (PyStemmer) for ``language``, an ISO 639-1 code: Snowball's for the
    language where it has one, else the English one, which every part of the engine stems with
    where the language does not matter.

    One per thread, because PyStemmer documents a ``Stemmer`` as holding internal state (the C
    stemmer's buffer, a word cache it purges as it grows) that "must not be called concurrently";
    comparisons run in several threads at once (the service's thread pool)."""
    algorithm = _SNOWBALL.get(language or "en", "english")
    if algorithm == "english":
        found = getattr(_local, "stemmer", None)
        if found is None:
            import Stemmer

            found = _local.stemmer = Stemmer.Stemmer("english")
        return found
    stemmers: dict[str, Any] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    found = stemmers.get(algorithm)
    if found is None:
        import Stemmer

        found = stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return found


_GLUED_FIGURE = re.compile(rf"(?:{'|'.join(CURRENCY_CODES).lower()})\d")


def _content(tokens: list[Token], language: str | None) -> list[Token]:
    functional, figures = function_words(language), number_words(language)
    return [
        t
        for t in tokens
        if t.key not in functional
        and not t.is_number
        and len(t.key) > 1
        and t.key not in figures
        and not _GLUED_FIGURE.match(t.key)  # "EUR1.5bn": a figure (G20 and MH17 are names)
    ]


def swap_candidates(
    edits: list[Edit], close: bool = False, names: frozenset[str] = frozenset(), language: str | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Word swaps in ``edits``, outside quotations, in copy of ``language`` (an ISO 639-1 code, or
    None: not known): (certain, possible).

    A replacement of one content word by one other (or n by n, word for word) is a
    *certain* swap; in a longer rewrite every base-other pair of content words is
    only *possible*, and counts when it recurs elsewhere in the document
    ("rebels" -> "militants" in two rewritten sentences). Not swaps: inflections, regular
    ("calls" -> "call") or not ("pay" -> "paid"); one word spelt with and without its
    diacritics ("Erdogan" -> "Erdoğan"); and words only moved, on both sides of one replacement
    ("Ankara and Moscow" -> "Moscow and Ankara"); function words ("sur" -> "dans"); and a replacement
    that adds or drops a negation ("agreed" -> "did not agree"), the negation check's finding.
    """
    certain: list[tuple[str, str]] = []
    possible: list[tuple[str, str]] = []
    # in English copy, English negations (a "faux pas" put for "blunder" is a swap)
    negations = negation_words(language)
    for edit in edits:
        if edit.op != "replace" or any(t.quoted for t in edit.base + edit.other):
            continue
        if sum(t.key in negations for t in edit.base) != sum(t.key in negations for t in edit.other):
            continue
        content_left, content_right = _content(edit.base, language), _content(edit.other, language)
        if not content_left or not content_right:
            continue
        # a word on both sides of one replacement was moved, not swapped; a word of another
        # replacement was not ("Russian troops shelled Ukrainian positions" -> the other way round)
        removed = {_stemmed(t.key, language) for t in content_left}
        inserted = {_stemmed(t.key, language) for t in content_right}
        left = [t for t in content_left if _stemmed(t.key, language) not in inserted]
        right = [t for t in content_right if _stemmed(t.key, language) not in removed]
        if not left or not right:
            continue
        # a word of the replacement on both sides leaves no word put for a phrase
        whole = len(left) == len(content_left) and len(right) == len(content_right)
        one_for_phrase = _one_for_phrase(edit, left, right, names, language) if close and whole else None
        if one_for_phrase is not None:
            certain.append(one_for_phrase)
            continue
        if len(left) == len(right) and len(left) <= 3:
            pairs = list(zip(left, right, strict=True))
            if len(pairs) > 1 and any(_capitalised(x) != _capitalised(y) for x, y in pairs):
                # words paired by place that differ in kind (a name against a verb: "Authority" ->
                # "indicated") are a phrase rewritten, not words swapped one for one
                pairs, bucket = [(x, y) for x in left for y in right], possible
            else:
                bucket = certain
        elif len(left) <= 4 and len(right) <= 4:
            pairs, bucket = [(x, y) for x in left for y in right], possible
        else:
            continue
        bucket.extend(
            (x.text, y.text)
            for x, y in pairs
            # a reporting verb is the reporting verbs' check's ("told Reuters" -> "claimed")
            if not inflections_of_one_word(x.key, y.key, language)
            and not reporting_terms((x.key, y.key))
            and not _abbreviation_of(x.key, y.key)
        )
    return certain, possible


def swap_key(base: str, other: str, language: str | None = None) -> tuple[str, str]:
    """What a swap of ``base`` for ``other`` (words as shown) counts under: the stems of its words
    in the copy's ``language``, so that the forms of one swap are one ("Повстанцы" ->
    "Террористы" and "повстанцев" -> "террористов"; "rebel" -> "militant" and "rebels" ->
    "militants")."""
    return (_stems(base, language), _stems(other, language))


def _stems(words: str, language: str | None) -> str:
    return " ".join(_stemmed(word.lower(), language) for word in words.split())


#: A word replaced by a phrase of at most this many content words is a label swapped ("rebels" ->
#: "Takfiri terrorists", "protesters" -> "violent rioters"), not a clause rewritten.
PHRASE_SWAP_WORDS = 3


#: Words of when, which a paper's rewrite tells from its own day ("today" -> "yesterday").
_WHEN = WEEKDAYS | frozenset(
    "today yesterday tomorrow tonight morning afternoon evening night week weekend".split()
)
#: Titles that open a person's name ("Mr Reel", "Defence QC" aside).
_TITLES = frozenset("mr mrs ms miss dr sir lord lady judge justice".split())


def _one_for_phrase(
    edit: Edit, left: list[Token], right: list[Token], names: frozenset[str], language: str | None
) -> tuple[str, str] | None:
    """A replacement of one content word by a phrase of a few in a row, or of such a phrase by a
    word, and nothing else: a certain swap, shown whole ("rebels" -> "Takfiri terrorists"). Not
    the initials of the phrase ("US" -> "United States"). Where the replacement holds more (the
    word among others, a phrase broken by other words), a clause was rewritten. In a language that
    capitalises its nouns (German "Flüchtlinge" -> "illegale Migranten") a capital tells no name
    from a thing, and is not read."""
    if len(left) == 1 and 2 <= len(right) <= PHRASE_SWAP_WORDS:
        word, phrase, side = left[0], right, edit.other
    elif len(right) == 1 and 2 <= len(left) <= PHRASE_SWAP_WORDS:
        word, phrase, side = right[0], left, edit.base
    else:
        return None
    functional = function_words(language)
    words = [t for t in side if t.key not in functional]
    alone = edit.base if side is edit.other else edit.other
    if len(words) != len(phrase) or sum(t.key not in functional for t in alone) != 1:
        return None
    positions = [k for k, t in enumerate(side) if any(t is p for p in phrase)]
    if positions != list(range(positions[0], positions[0] + len(positions))):
        return None  # the phrase's words are not in a row
    capitals = language not in NOUN_CAPITALISING_LANGUAGES
    if word.key == "".join(t.key[0] for t in phrase) or (capitals and word.key in names):
        return None  # initials spelt out; a name described ("Peskov" -> "Kremlin spokesman")
    if any(t.key in _WHEN for t in (word, *phrase)):
        return None  # "court today" -> "yesterday": the day told from another morning
    if capitals and not _capitalised(word) and (phrase[0].key in _TITLES or _capitalised(phrase[-1])):
        return None  # a name where a verb or a thing stood ("heard" -> "south London"): misaligned
    shown = " ".join(t.text for t in phrase)
    return (word.text, shown) if side is edit.other else (shown, word.text)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


@lru_cache(maxsize=1 << 12)
def _stemmed(key: str, language: str | None = None) -> str:
    """A word key as swaps compare it: diacritics set aside, then stemmed in ``language``. Kept:
    swaps read each word of a rewrite twice or more (what was removed, what is left, whether two
    words are forms of one), and a document's words recur. 149 METER comparisons stem 3,482
    words; every entry is two objects each full pass of the garbage collector walks."""
    return str(stemmer(language).stemWord(folded(key)))


def folded(key: str) -> str:
    """``key`` without diacritics ("erdoğan": "erdogan")."""
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _abbreviation_of(a: str, b: str) -> bool:
    """One lower-case word key is an abbreviation (:data:`~app.engine.text.ABBREVIATIONS`: months,
    titles, "corp") of the other, which it opens: "jan" and "january", "gov" and "governor" (not
    "man" and "manager")."""
    short, long = sorted((a, b), key=len)
    return short in ABBREVIATIONS and len(long) > len(short) and long.startswith(short)


#: Languages that join a verb's particle to it ("teilte ... mit" -> "mitteilte") and nouns into one
#: word ("Flüchtlinge" -> "Kriegsflüchtlinge", as "refugees" -> "war refugees" adds a word).
_COMPOUNDING_LANGUAGES = frozenset({"de", "nl"})
#: ... where the shorter word's stem has at least this many letters ("teilt", not "ab").
_COMPOUNDED_STEM_CHARS = 4


def inflections_of_one_word(a: str, b: str, language: str | None = None) -> bool:
    """Two lower-case word keys that are forms of one word in copy of ``language``: the same
    stem ("calls", "call"; "обстрела", "обстрелов"), once diacritics are set aside ("erdogan",
    "erdoğan"); in English, a lemma in common in lemminflect's English tables, which hold the
    irregular forms ("paid", "pay"); in German and Dutch, a word joined to a particle or a noun
    before it ("teilte", "mitteilte")."""
    stem_a, stem_b = _stemmed(a, language), _stemmed(b, language)
    if stem_a == stem_b:
        return True
    if language in _COMPOUNDING_LANGUAGES:
        short, long = sorted((stem_a, stem_b), key=len)
        return len(short) >= _COMPOUNDED_STEM_CHARS and long.endswith(short)
    return language in (None, "en") and bool(_lemmas(a) & _lemmas(b))


@lru_cache(maxsize=8192)
def _lemmas(key: str) -> frozenset[str]:
    """The verbs and nouns ``key`` is a form of ("paid": pay, "children": child; not adjectives,
    whose forms are other words: "worse", "worst")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(key, upos="VERB") | getAllLemmas(key, upos="NOUN")
    return frozenset(lemma for found in lemmas.values() for lemma in found)


def load_word_tables() -> None:
    """Load what the engine reads lazily, lemminflect's tables (about 0.15 s) and the language
    model (about 0.4 s), now: not in the first requests, which would wait on it together."""
    _lemmas("said")
    load_language_model()
