"""Quotations, credits and datelines in the languages wire agencies publish in."""

from __future__ import annotations

import pytest

from app.engine import compare
from app.engine.specifics import speakers
from app.engine.text import prepare_sentences, prepare_text, quoted_spans

NNBSP, NBSP = "\u202f", "\u00a0"


def quotes(base: list[str] | str, other: list[str] | str) -> list[tuple[str, str]]:
    return [(q.status, q.text) for q in compare(base, other).quotes]


class TestQuotationMarks:
    def test_french_guillemets_with_narrow_no_break_spaces_dropped_is_missing(self) -> None:
        quote = f"«{NNBSP}Nous ne quitterons pas la ville{NNBSP}»"
        assert quotes(
            [f"{quote}, a déclaré le maire mardi.", "Les secours sont arrivés dans la nuit."],
            ["Les secours sont arrivés dans la nuit."],
        ) == [("missing", "Nous ne quitterons pas la ville")]

    def test_french_guillemets_altered_is_altered(self) -> None:
        result = compare(
            [f"«{NBSP}Nous ne quitterons jamais la ville{NBSP}», a déclaré le maire mardi."],
            [f"«{NBSP}Nous ne quitterons pas la ville{NBSP}», a déclaré le maire mardi."],
        )
        assert [(q.status, [(c.base, c.other) for c in q.changes]) for q in result.quotes] == [
            ("altered", [("jamais", "pas")])
        ]

    def test_a_word_added_at_the_end_inside_arabic_guillemets_is_altered(self) -> None:
        result = compare(["وقال مدير المرصد «الوضع كارثي»."], ["وقال مدير المرصد «الوضع كارثي جدا»."])
        assert [(q.status, [(c.op, c.other) for c in q.changes]) for q in result.quotes] == [
            ("altered", [("insert", "جدا")])
        ]
        assert result.headline == "copy, altered: 1 quotation"

    @pytest.mark.parametrize(
        ("base", "other"),
        [
            (
                "Путин заявил: «Мы ещё вернёмся к этому вопросу». Встреча прошла в Кремле.",
                "Путин заявил: «Мы еще вернемся к этому вопросу». Встреча прошла в Кремле.",
            ),
            (
                'He said: "We met Erdoğan in Ankara." Then he left.',
                'He said: "We met Erdogan in Ankara." Then he left.',
            ),
        ],
        ids=["russian-yo-as-ye", "diacritic-dropped"],
    )
    def test_a_quotation_spelt_without_its_diacritics_is_verbatim(self, base: str, other: str) -> None:
        result = compare(base, other)
        assert [q.status for q in result.quotes] == ["verbatim"]
        assert (result.findings, result.headline) == ([], "copy, unaltered")

    def test_a_word_changed_beside_a_diacritic_dropped_is_altered(self) -> None:
        result = compare(
            "Путин заявил: «Мы ещё вернёмся к этому вопросу». Встреча прошла в Кремле.",
            "Путин заявил: «Мы еще не вернемся к этому вопросу». Встреча прошла в Кремле.",
        )
        assert [q.status for q in result.quotes] == ["altered"]

    @pytest.mark.parametrize(
        ("opening", "closing"),
        [("„", "“"), ("»", "«"), ("‚", "‘")],
        ids=["german-low-high", "german-chevrons", "german-single"],
    )
    def test_german_quotation_dropped_is_missing(self, opening: str, closing: str) -> None:
        assert quotes(
            [f"{opening}Wir bleiben in der Stadt{closing}, sagte der Bürgermeister.", "Es regnete."],
            ["Es regnete."],
        ) == [("missing", "Wir bleiben in der Stadt")]

    def test_japanese_corner_brackets_dropped_are_missing(self) -> None:
        assert quotes(
            [
                "市長は「東京は安全だ」と述べた",
                "雨が降った",
            ],
            ["雨が降った"],
        ) == [("missing", "東京は安全だ")]

    def test_japanese_double_corner_brackets_are_a_quotation(self) -> None:
        result = compare(
            ["彼は『戦争は終わった』と言った"],
            ["彼は『戦争は終わった』と言った"],
        )
        assert [(q.status, q.text) for q in result.quotes] == [("verbatim", "戦争は終わった")]

    @pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ('"', '"')], ids=["guillemets", "straight"])
    def test_arabic_quotation_dropped_is_missing(self, opening: str, closing: str) -> None:
        said = f"وقال الوزير {opening}لن نغادر المدينة{closing} يوم الثلاثاء."
        rest = "وصلت فرق الإنقاذ في الليل."
        assert quotes([said, rest], [rest]) == [
            (
                "missing",
                "لن نغادر المدينة",
            )
        ]

    def test_spanish_guillemets_dropped_are_missing(self) -> None:
        assert quotes(
            ["«No vamos a abandonar la ciudad», dijo el alcalde.", "Llovió todo el día."],
            ["Llovió todo el día."],
        ) == [("missing", "No vamos a abandonar la ciudad")]

    @pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ("„", "“")], ids=["guillemets", "low-high"])
    def test_russian_quotation_altered_is_altered(self, opening: str, closing: str) -> None:
        result = compare(
            [f"{opening}Мы не покинем этот город никогда{closing}, заявил мэр."],
            [f"{opening}Мы не покинем этот город сейчас{closing}, заявил мэр."],
        )
        assert [(q.status, [(c.base, c.other) for c in q.changes]) for q in result.quotes] == [
            (
                "altered",
                [("никогда", "сейчас")],
            )
        ]

    def test_nested_quotation_marks_make_one_quotation(self) -> None:
        result = compare(
            ["«Он сказал „нет“ всем нам», заявил мэр."],
            ["«Он сказал „нет“ всем нам», заявил мэр."],
        )
        assert [q.text for q in result.quotes] == ["Он сказал „нет“ всем нам"]


def spoken(text: str) -> list[str]:
    """The quotations ``quoted_spans`` finds in ``text``, their words only."""
    return [text[a + 1 : b].strip() for a, b in quoted_spans(text)]


class TestDashQuotedSpeech:
    def test_spanish_speech_a_dash_opens_altered_is_altered(self) -> None:
        result = compare(
            ["—Es el mayor golpe al narcotráfico de este año —declaró el ministro Grande-Marlaska."],
            ["—Es el mayor golpe al narcotráfico de la década —declaró el ministro Grande-Marlaska."],
        )
        assert [(q.status, q.text, [(c.base, c.other) for c in q.changes]) for q in result.quotes] == [
            ("altered", "Es el mayor golpe al narcotráfico de este año", [("este año", "la década")])
        ]
        assert [(f.kind, f.severity) for f in result.findings] == [("quote_altered", "high")]

    def test_russian_speech_a_dash_opens_with_a_word_added_is_altered(self) -> None:
        result = compare(
            ["— Мы не отступим, — заявил министр обороны."],
            ["— Мы никогда не отступим, — заявил министр обороны."],
        )
        assert [(q.status, q.text, [(c.op, c.other) for c in q.changes]) for q in result.quotes] == [
            ("altered", "Мы не отступим", [("insert", "никогда")])
        ]
        assert result.headline == "copy, altered: 1 quotation"

    def test_russian_speech_of_two_sentences_before_its_attribution_is_one_quotation(self) -> None:
        text = "Министр выступил в Думе.\n\n— Мы не отступим. Мы победим, — заявил министр обороны."
        assert [s.text for s in prepare_text(text).document.sentences][1:] == [
            "— Мы не отступим. Мы победим, — заявил министр обороны."
        ]
        assert spoken(text) == ["Мы не отступим. Мы победим"]

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("— Мы не отступим, — заявил он, — мы победим.", ["Мы не отступим", "мы победим"]),
            ("— Мы не отступим, — заявил он. — Мы победим.", ["Мы не отступим", "Мы победим"]),
            (
                "—No vamos a ceder —aseguró un ganadero—, seguiremos aquí.",
                ["No vamos a ceder", "seguiremos aquí"],
            ),
            ("— Мы победим! — сказал он.", ["Мы победим!"]),
            ("—¿Qué pasa aquí? —preguntó el juez.", ["¿Qué pasa aquí?"]),
            (
                "— Как вы оцениваете ситуацию? — Она сложная, — ответил министр.",
                ["Как вы оцениваете ситуацию", "Она сложная"],
            ),
        ],
        ids=[
            "resumed-after-a-comma",
            "resumed-in-the-next-sentence",
            "resumed-after-a-spanish-incise",
            "exclamation-kept",
            "spanish-question",
            "question-and-answer",
        ],
    )
    def test_speech_runs_from_its_dash_to_its_attribution_or_its_end(
        self, text: str, words: list[str]
    ) -> None:
        assert spoken(text) == words

    @pytest.mark.parametrize(
        "text",
        [
            "The deal — the biggest in a decade — was signed on Monday by the two companies.",
            "— The bank — the country's largest — cut rates on Monday.",
            "— The central bank raised interest rates on Monday.",
        ],
        ids=["parenthetical", "parenthetical-in-a-list", "list"],
    )
    def test_english_dashes_set_off_no_speech(self, text: str) -> None:
        assert spoken(text) == []
        assert compare([text], [text.replace("Monday", "Tuesday")]).quotes == []

    @pytest.mark.parametrize(
        "text",
        [
            "Министр выступил в Думе.\n— Мы не отступим.",
            "Key points:\n— Inflation stays high.\n— Jobs growth slowed.",
            "— Q: Will you run again? — A: Not this time.",
        ],
        ids=["russian-line", "english-list", "english-interview"],
    )
    def test_a_dash_no_attribution_closes_sets_off_no_speech(self, text: str) -> None:
        assert spoken(text) == []

    def test_an_english_list_item_reworded_is_a_word_swap_not_an_altered_quotation(self) -> None:
        base = (
            "The Fed raised rates on Wednesday. Key points:\n— Inflation stays high.\n"
            "— Jobs growth slowed.\nMarkets fell."
        )
        result = compare(base, base.replace("stays", "remains"))
        assert result.quotes == []
        assert [(f.kind, f.severity) for f in result.findings] == [("substitution", "low")]

    def test_a_dash_in_mid_sentence_sets_off_no_speech(self) -> None:
        assert spoken("La operación —la mayor del año— se saldó con 20 detenidos.") == []


class TestSpeakers:
    @pytest.mark.parametrize(
        ("base", "other", "who"),
        [
            (
                "« Nous ne négocierons pas avec les terroristes », a déclaré le ministre de l'Intérieur "
                "Gérald Darmanin. La réunion a duré deux heures.",
                "« Nous ne négocierons pas avec les terroristes », a déclaré le président Emmanuel Macron. "
                "La réunion a duré deux heures.",
                "Gérald Darmanin \u2192 Emmanuel Macron",
            ),
            (
                "Selon Gérald Darmanin, « il n'y aura aucune négociation ». La réunion a duré deux heures.",
                "Selon Emmanuel Macron, « il n'y aura aucune négociation ». La réunion a duré deux heures.",
                "Gérald Darmanin \u2192 Emmanuel Macron",
            ),
            (
                "„Wir werden nicht verhandeln“, so Faeser. Das Treffen dauerte zwei Stunden.",
                "„Wir werden nicht verhandeln“, so Scholz. Das Treffen dauerte zwei Stunden.",
                "Faeser \u2192 Scholz",
            ),
            (
                # long enough to be told Spanish: a language's verbs are read in its copy only
                "«Es el mayor golpe del año contra el narcotráfico», dijo el ministro Fernando "
                "Grande-Marlaska. La operación policial duró varios meses.",
                "«Es el mayor golpe del año contra el narcotráfico», dijo el presidente Pedro Sánchez. "
                "La operación policial duró varios meses.",
                "Fernando Grande-Marlaska \u2192 Pedro Sánchez",
            ),
            (
                "«Non tratteremo con i terroristi», ha detto il ministro Matteo Piantedosi. La riunione è "
                "durata due ore.",
                "«Non tratteremo con i terroristi», ha detto la premier Giorgia Meloni. La riunione è durata "
                "due ore.",
                "Matteo Piantedosi \u2192 Giorgia Meloni",
            ),
            (
                "“Não vamos negociar com terroristas”, disse o ministro Flávio Dino. Durou duas horas.",
                "“Não vamos negociar com terroristas”, disse o presidente Lula. Durou duas horas.",
                "Flávio Dino \u2192 Lula",
            ),
        ],
        ids=["french", "french-selon", "german-so", "spanish", "italian", "portuguese"],
    )
    def test_a_quotation_given_to_another_speaker_is_reattributed(
        self, base: str, other: str, who: str
    ) -> None:
        result = compare(base, other)
        assert [q.status for q in result.quotes] == ["reattributed"]
        assert [
            (f.kind, f.severity, f.message.rpartition("(")[2])
            for f in result.findings
            if f.kind.startswith("quote")
        ] == [("quote_reattributed", "medium", f"{who})")]

    def test_a_speaker_given_a_title_and_a_place_is_the_same_speaker(self) -> None:
        result = compare(
            "« Nous ne négocierons pas avec les terroristes », a déclaré Gérald Darmanin. La réunion a "
            "duré deux heures.",
            "« Nous ne négocierons pas avec les terroristes », a déclaré le ministre de l'Intérieur Gérald "
            "Darmanin mardi à Paris. La réunion a duré deux heures.",
        )
        assert [q.status for q in result.quotes] == ["verbatim"]

    def test_an_according_to_word_names_a_speaker_at_the_start_of_a_clause_only(self) -> None:
        assert speakers("„Wir werden nicht verhandeln“, so Faeser.", "de") == ["Faeser"]
        assert speakers("Selon Gérald Darmanin, « il n'y aura aucune négociation ».", "fr") == [
            "Gérald",
            "Darmanin",
        ]
        assert speakers("Die Gespräche waren so Berlin-freundlich wie nie.", "de") == []

    @pytest.mark.parametrize(
        ("sentence", "language"),
        [
            ("Il a ajouté que « les secours arrivent dans la nuit ».", "fr"),
            ("Elle a ajouté que « les secours arrivent dans la nuit ».", "fr"),
            ("„Die Retter kommen in der Nacht“, sagte er.", "de"),
            ("Él añadió que «los rescatistas llegan esta noche».", "es"),
            ("Egli ha detto che «i soccorsi arrivano stanotte».", "it"),
            ("Ela disse que “os socorristas chegam esta noite”.", "pt"),
        ],
        ids=["il", "elle", "er", "el", "egli", "ela"],
    )
    def test_a_pronoun_is_no_speaker_s_name(self, sentence: str, language: str) -> None:
        assert speakers(sentence, language) == []

    @pytest.mark.parametrize(
        ("sentence", "language", "name"),
        [
            ("« Nous ne négocierons pas », a déclaré Ma.", "fr", "Ma"),
            ("«No negociaremos», dijo Son.", "es", "Son"),
        ],
    )
    def test_a_name_spelt_as_a_function_word_is_still_a_speaker(
        self, sentence: str, language: str, name: str
    ) -> None:
        assert speakers(sentence, language) == [name]

    def test_a_quotation_said_by_a_pronoun_and_then_by_name_keeps_its_speaker(self) -> None:
        base = (
            "Le ministre de l'Intérieur a déclaré mardi que « la situation est grave ». Il a ajouté que "
            "« les secours arrivent dans la nuit ». Trois villages ont été évacués selon la préfecture."
        )
        other = (
            "Le ministre de l'Intérieur a estimé mardi que « les secours arrivent dans la nuit ». Trois "
            "villages ont été évacués selon la préfecture."
        )
        assert quotes(base, other) == [
            ("missing", "la situation est grave"),
            ("verbatim", "les secours arrivent dans la nuit"),
        ]


@pytest.mark.parametrize(
    ("joined", "statuses"),
    [
        # "and" joins two parts of one speech; "because" says something the minister did not
        ("la situation est grave et les secours arrivent dans la nuit", ["verbatim", "verbatim"]),
        ("la situation est grave car les secours arrivent dans la nuit", ["altered", "altered"]),
    ],
    ids=["et", "car"],
)
def test_two_of_the_wire_s_quotations_joined_in_french_are_altered_only_by_a_word_that_says_more(
    joined: str, statuses: list[str]
) -> None:
    base = (
        "Le ministre de l'Intérieur a déclaré mardi que « la situation est grave ». Il a ajouté que « les "
        "secours arrivent dans la nuit ». Trois villages ont été évacués selon la préfecture."
    )
    other = (
        f"Le ministre de l'Intérieur a estimé mardi que « {joined} ». Trois villages ont été évacués selon "
        "la préfecture."
    )
    assert quotes(base, other) == list(
        zip(statuses, ["la situation est grave", "les secours arrivent dans la nuit"], strict=True)
    )


# Each story: a wire version with a dateline or credit in its language, and a copy
# that keeps the text but drops the credit.
STORIES = {
    "french": (
        "ROME (AFP) - Un pont s’est effondré mardi à Rome, faisant douze morts.",
        "Les secours ont travaillé toute la nuit pour dégager les décombres.",
        "AFP",
    ),
    "french-running-text": (
        "Un pont s’est effondré mardi à Rome, a indiqué un responsable à l’AFP.",
        "Les secours ont travaillé toute la nuit pour dégager les décombres.",
        "AFP",
    ),
    "spanish": (
        "ROMA, 4 dic (EFE).- Un puente se derrumbó el martes en Roma y murieron doce personas.",
        "Los equipos de rescate trabajaron toda la noche entre los escombros.",
        "EFE",
    ),
    "spanish-europa-press": (
        "ROMA, 4 (EUROPA PRESS) - Un puente se derrumbó el martes en Roma y murieron doce personas.",
        "Los equipos de rescate trabajaron toda la noche entre los escombros.",
        "Europa Press",
    ),
    "german": (
        "Rom (dpa) - In Rom ist am Dienstag eine Brücke eingestürzt, zwölf Menschen starben.",
        "Die Rettungskräfte arbeiteten die ganze Nacht in den Trümmern.",
        "dpa",
    ),
    "italian": (
        "ROMA (ANSA) - Un ponte è crollato martedì a Roma, dodici i morti.",
        "I soccorritori hanno lavorato tutta la notte tra le macerie.",
        "ANSA",
    ),
    "arabic-reuters": (
        "روما (رويترز) - انهار جسر في روما يوم الثلاثاء مما أسفر عن مقتل 12 شخصا.",
        "وعملت فرق الإنقاذ طوال الليل بين الأنقاض.",
        "Reuters",
    ),
    "arabic-afp": (
        "باريس (أ ف ب) - انهار جسر في روما يوم الثلاثاء مما أسفر عن مقتل 12 شخصا.",
        "وعملت فرق الإنقاذ طوال الليل بين الأنقاض.",
        "AFP",
    ),
    "arabic-wam": (
        "أبوظبي (وام) - أعلنت الوزارة اليوم عن خطة جديدة للنقل.",
        "وستبدأ الخطة في العام المقبل.",
        "WAM",
    ),
    "persian": (
        "تهران (ایرنا) - وزیر امور خارجه روز سه\u200cشنبه به تهران بازگشت.",
        "او در فرودگاه با خبرنگاران صحبت کرد.",
        "IRNA",
    ),
    "persian-running-text": (
        "به گزارش ایرنا، وزیر امور خارجه روز سه\u200cشنبه به تهران بازگشت.",
        "او در فرودگاه با خبرنگاران صحبت کرد.",
        "IRNA",
    ),
    "russian-tass": (
        "МОСКВА, 4 декабря. /ТАСС/. В Риме во вторник обрушился мост, погибли 12 человек.",
        "Спасатели работали всю ночь.",
        "TASS",
    ),
    "russian-ria": (
        "МОСКВА, 4 дек — РИА Новости. В Риме во вторник обрушился мост, погибли 12 человек.",
        "Спасатели работали всю ночь.",
        "RIA Novosti",
    ),
    "russian-reuters": (
        "В Риме во вторник обрушился мост, сообщает Рейтер.",
        "Спасатели работали всю ночь.",
        "Reuters",
    ),
    "portuguese-running-text": (
        "O incêndio consumiu 3.000 hectares na serra, segundo a Lusa.",
        "Os bombeiros continuam no terreno com dezenas de meios aéreos.",
        "Lusa",
    ),
    "turkish": (
        "ANKARA (Anadolu Ajansı) - Köprü salı günü çöktü ve on iki kişi öldü.",
        "Kurtarma ekipleri bütün gece çalıştı.",
        "Anadolu",
    ),
}


def _without_credit(lede: str) -> str:
    """The lede as a copy prints it: dateline and credit phrase gone."""
    for marker in (") - ", ").- ", "/. ", "ости. "):
        if marker in lede:
            return lede.split(marker, 1)[1]
    for credit in (
        ", a indiqué un responsable à l’AFP",
        ", segundo a Lusa",
        ", сообщает Рейтер",
        "به گزارش ایرنا، ",
    ):
        lede = lede.replace(credit, "")
    return lede


@pytest.mark.parametrize("language", sorted(STORIES))
def test_the_agency_is_credited_in_the_wire_version(language: str) -> None:
    lede, rest, agency = STORIES[language]
    result = compare(f"{lede}\n\n{rest}", f"{lede}\n\n{rest}")
    assert result.attribution.base_credits == [agency]


@pytest.mark.parametrize("language", sorted(STORIES))
def test_a_dropped_credit_is_found_and_leads_the_findings(language: str) -> None:
    lede, rest, agency = STORIES[language]
    result = compare(f"{lede}\n\n{rest}", f"{_without_credit(lede)}\n\n{rest}")
    assert (result.attribution.base_credits, result.attribution.credit_dropped) == ([agency], True)
    assert (result.findings[0].kind, result.findings[0].message) == (
        "credit_dropped",
        f"credit dropped: {agency}",
    )


@pytest.mark.parametrize("sign_off", [" EFE", " \u2014 EFE"], ids=["bare", "dash"])
def test_an_agency_s_sign_off_dropped_is_a_dropped_credit(sign_off: str) -> None:
    text = "El paro registrado bajó en 2.830 personas en marzo. El dato supone un descenso del 3 %."
    result = compare(text + sign_off, text)
    assert [(f.kind, f.message) for f in result.findings] == [("credit_dropped", "credit dropped: EFE")]


def test_an_arabic_dateline_is_boilerplate_not_the_lede() -> None:
    lede, rest, _ = STORIES["arabic-reuters"]
    result = compare(f"{lede}\n\n{rest}", f"{lede}\n\n{rest}")
    assert next((s.role, s.text) for s in result.base.sentences) == (
        "boilerplate",
        "روما (رويترز) -",
    )


def test_an_arabic_told_reuters_with_the_glued_preposition_is_a_credit() -> None:
    text = "وقال مسؤول لرويترز إن الجسر انهار صباحا."
    assert compare([text], [text]).attribution.base_credits == ["Reuters"]


# --- findings in other languages' copy --------------------------------------------------------

FLOODS_FR = (
    "PARIS, 3 mars 2024 (AFP) - De violentes inondations ont frappé le sud-ouest de la France "
    "dimanche, selon les autorités locales.\n"
    "Le bilan a atteint 45 morts.\n"
    "Les secours poursuivaient leurs recherches lundi matin dans plusieurs villages isolés de la vallée."
)


def _figures(base: str, other: str) -> list[tuple[str | None, str | None, str]]:
    return [(n.base, n.other, n.status) for n in compare(base, other).numbers]


def test_a_short_french_paragraph_is_body_and_its_changed_toll_is_found() -> None:
    assert _figures(FLOODS_FR, FLOODS_FR.replace("45 morts", "60 morts")) == [("45", "60", "changed")]


def test_a_german_billion_is_a_thousand_times_a_milliarde() -> None:
    base = (
        "Der Bund stellt für den Wiederaufbau 1 Milliarde Euro bereit, wie die Regierung erklärte.\n"
        "Das teilte das Finanzministerium am Montag in Berlin mit.\n"
        "Die Opposition kritisierte den Plan scharf."
    )
    assert _figures(base, base.replace("1 Milliarde", "1 Billion")) == [
        ("1 Milliarde Euro", "1 Billion Euro", "changed")
    ]


SUBSIDY_ES = ("El Gobierno destinará 3.500 millones de euros.", "La ayuda llegará en marzo.")


def _findings(base: list[str] | str, other: list[str] | str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.severity, f.message) for f in compare(base, other).findings]


def test_a_thousandfold_figure_change_in_a_one_paragraph_spanish_text_is_found() -> None:
    base = " ".join(SUBSIDY_ES)
    assert _figures(base, base.replace("3.500", "3,5")) == [
        ("3.500 millones de euros", "3,5 millones de euros", "changed")
    ]
    assert _findings(base, base.replace("3.500", "3,5"))[0][:2] == ("figure_changed", "high")


def test_a_thousandfold_figure_change_in_pre_split_spanish_sentences_is_found() -> None:
    other = [SUBSIDY_ES[0].replace("3.500", "3,5"), SUBSIDY_ES[1]]
    assert _figures(list(SUBSIDY_ES), other) == [
        ("3.500 millones de euros", "3,5 millones de euros", "changed")
    ]


def test_a_thousandfold_figure_change_in_a_one_paragraph_german_text_is_found() -> None:
    base = "Bei dem Unglück wurden 1.200 Menschen verletzt. Die Polizei ermittelt noch."
    assert _figures(base, base.replace("1.200", "1,2")) == [("1.200", "1,2", "changed")]


def test_a_changed_toll_in_arabic_paragraphs_without_a_full_stop_is_found_in_a_copy() -> None:
    first = (
        "قال المرصد السوري لحقوق الإنسان إن 12 مدنيا على الأقل قتلوا يوم الجمعة في غارات جوية روسية على "
        "بلدات في ريف إدلب الجنوبي، مضيفا أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت الأنقاض في المنطقة"
    )
    second = (
        "وأوضح المرصد أن الغارات استهدفت سوقا شعبيا ومدرسة في مدينة معرة النعمان، في حين نزح آلاف المدنيين "
        "باتجاه الحدود التركية خلال الأيام الماضية هربا من القصف المتواصل على المنطقة"
    )
    base = f"{first}\n\n{second}"
    result = compare(base, base.replace("12 مدنيا", "25 مدنيا"))
    assert (result.verdict, [(f.kind, f.severity) for f in result.findings]) == (
        "copy",
        [("figure_changed", "high")],
    )


@pytest.mark.parametrize(
    ("sentences", "language"),
    [
        (list(SUBSIDY_ES), "es"),
        (["Bei dem Unglück wurden 1.200 Menschen verletzt.", "Die Polizei ermittelt noch."], "de"),
        (["The government will spend 3.5 billion euros.", "The aid will arrive in March."], "en"),
        (["Rain.", "Then sun."], None),  # too few words to tell
    ],
)
def test_pre_split_sentences_are_read_in_their_language(sentences: list[str], language: str | None) -> None:
    assert prepare_sentences(sentences).language == language


def test_a_one_paragraph_text_is_read_in_its_language() -> None:
    assert prepare_text(" ".join(SUBSIDY_ES)).language == "es"


def test_a_sentence_written_with_western_instead_of_arabic_indic_digits_is_kept() -> None:
    base = ["قالت الوزارة إن ٣٫٥ مليون شخص نزحوا بسبب الفيضانات.", "وأضافت أن ١٬٢٠٠ منزل دمرت."]
    result = compare(
        base, ["قالت الوزارة إن 3.5 مليون شخص نزحوا بسبب الفيضانات.", "وأضافت أن 1200 منزل دمرت."]
    )
    assert [(g.op, g.base, g.other) for g in result.alignment] == [("kept", [0], [0]), ("kept", [1], [1])]
    assert result.numbers == []


def test_arabic_decimal_and_grouping_marks_are_read() -> None:
    base = ["قالت الوزارة إن ٣٫٥ مليون شخص نزحوا بسبب الفيضانات.", "وأضافت أن ١٬٢٠٠ منزل دمرت."]
    assert (
        _figures(base, ["قالت الوزارة إن 3.5 مليون شخص نزحوا بسبب الفيضانات.", "وأضافت أن 1200 منزل دمرت."])
        == []
    )


@pytest.mark.parametrize(
    ("base", "other"),
    [
        (
            "Le ministre a confirmé la nouvelle lundi à Paris.",
            "Le ministre n'a pas confirmé la nouvelle lundi à Paris.",
        ),
        (
            "Der Minister hat die Nachricht am Montag bestätigt.",
            "Der Minister hat die Nachricht am Montag nicht bestätigt.",
        ),
        (
            "El ministro firmó el acuerdo el lunes en Madrid.",
            "El ministro nunca firmó el acuerdo el lunes en Madrid.",
        ),
    ],
)
def test_a_negation_added_in_french_german_or_spanish_is_found(base: str, other: str) -> None:
    # a sentence of the copy's language after it: a language's negations are read in its copy
    # ("Nada" is a name in English copy), and one of French and Spanish is told no language
    after = "Llovía." if base.startswith("El ") else "Il pleuvait."
    assert [f.kind for f in compare([base, after], [other, after]).findings] == ["negation_changed"]


@pytest.mark.parametrize(
    ("base", "other"),
    [
        (
            "KIEW (dpa) - Russland hat in der Nacht die Hauptstadt mit Drohnen angegriffen.",
            "KIEW (dpa/AFP) - Russland hat in der Nacht die Hauptstadt mit Drohnen angegriffen.",
        ),
        (
            "MADRID, 4 mar (EFE).- El Gobierno aprobó el plan de vivienda, explicó a EFE el portavoz.",
            "El Gobierno aprobó el plan de vivienda, explicó a EFE el portavoz.",
        ),
        (
            "PARIS (AFP) - Le ministre n'a pas souhaité commenter, a-t-il indiqué.",
            "Interrogé par l'AFP, le ministre n'a pas souhaité commenter, a-t-il indiqué.",
        ),
    ],
)
def test_a_credit_kept_in_another_language_s_phrasing_is_no_credit_dropped(base: str, other: str) -> None:
    assert compare(base, other).attribution.credit_dropped is False


@pytest.mark.parametrize(
    ("inside", "outside"),
    [
        (
            "\u00ab\u202fNous ne partirons pas, a martelé un éleveur de la Beauce, nous resterons ici "
            "jusqu'au bout\u202f\u00bb.",
            "\u00ab\u202fNous ne partirons pas, nous resterons ici jusqu'au bout\u202f\u00bb, a martelé un "
            "éleveur de la Beauce.",
        ),
        (
            "\u00abNo vamos a ceder \u2014aseguró un ganadero de Toledo\u2014, seguiremos aquí\u00bb.",
            "\u00abNo vamos a ceder, seguiremos aquí\u00bb, aseguró un ganadero de Toledo.",
        ),
    ],
)
def test_an_attribution_moved_out_of_the_quotation_marks_leaves_it_verbatim(
    inside: str, outside: str
) -> None:
    for base, other in ((inside, outside), (outside, inside)):
        assert [q.status for q in compare([base], [other]).quotes] == ["verbatim"], other


def test_the_speaker_changed_inside_the_quotation_marks_is_altered() -> None:
    base = (
        "\u00abNous ne céderons pas, a martelé le Premier ministre devant les députés, cette réforme "
        "ira au bout\u00bb."
    )
    other = base.replace("le Premier ministre", "le chef de l'opposition")
    assert [(q.status, [(c.base, c.other) for c in q.changes]) for q in compare([base], [other]).quotes] == [
        ("altered", [("Premier ministre", "chef de l'opposition")])
    ]


def test_french_and_english_copy_read_their_own_negations() -> None:
    english = compare(
        ["The minister apologised for what he called a diplomatic faux pas on Monday."],
        ["The minister apologised for what he called a diplomatic blunder on Monday."],
    )
    # no French "pas" negated: the phrase put for a word is a word swap, and nothing more
    assert [(f.kind, f.message) for f in english.findings] == [
        ("substitution", "word swap: faux pas \u2192 blunder \u00d71")
    ]


def test_a_credit_is_no_english_article_before_an_agency() -> None:
    base = "RAMALLAH (Reuters) - A PA official said the talks in Cairo had stalled over the prisoner list."
    other = "A PA official said the talks in Cairo had stalled over the prisoner list."
    assert compare(base, other).attribution.credit_dropped is True


def test_a_term_put_in_quotation_marks_is_no_new_quotation() -> None:
    result = compare(
        ["Die Aktivisten der Letzten Generation blockierten am Montag eine Kreuzung in Berlin."],
        ["Die Aktivisten der \u201eLetzten Generation\u201c blockierten am Montag eine Kreuzung in Berlin."],
    )
    assert result.quotes == []


@pytest.mark.parametrize(
    ("base", "other", "change"),
    [
        (
            "Trois personnes ont été tuées lundi à Lyon.",
            "Cinq personnes ont été tuées lundi à Lyon.",
            ("Trois", "Cinq"),
        ),
        (
            "Bei dem Unfall starben drei Menschen in Köln.",
            "Bei dem Unfall starben fünf Menschen in Köln.",
            ("drei", "fünf"),
        ),
        (
            "Tres personas murieron el lunes en Sevilla.",
            "Cinco personas murieron el lunes en Sevilla.",
            ("Tres", "Cinco"),
        ),
    ],
)
def test_a_number_word_changed_in_another_language_is_a_figure_change(
    base: str, other: str, change: tuple[str, str]
) -> None:
    assert [(n.base, n.other, n.status) for n in compare([base], [other]).numbers] == [(*change, "changed")]


def test_a_translations_sentences_are_not_judged_for_meaning() -> None:
    wire = (
        "Floods kill at least 42 in southern Brazil\n\n"
        "Torrential rains in southern Brazil have killed at least 42 people and forced more than 1,000 "
        "families from their homes, state officials said on Tuesday.\n\n"
        "Governor Eduardo Leite said 68 people were still missing and warned that the toll would rise.\n"
    )
    translation = (
        "Inondations au Brésil : au moins 42 morts\n\n"
        "Des pluies torrentielles dans le sud du Brésil ont fait au moins 42 morts et contraint plus de "
        "1 000 familles à quitter leur domicile, ont annoncé mardi les autorités de l'État.\n\n"
        "Le gouverneur Eduardo Leite a indiqué que 68 personnes étaient toujours portées disparues et a "
        "averti que le bilan allait s'alourdir.\n"
    )
    reworded = [g for g in compare(wire, translation).alignment if g.op == "reworded"]
    assert len(reworded) >= 2
    assert {g.same_meaning for g in reworded} == {None}


def test_the_wires_english_sentences_in_a_page_in_another_language_are_judged_for_meaning() -> None:
    wire = (
        "Floods kill at least 42 in southern Brazil\n\n"
        "Governor Eduardo Leite said 68 people were still missing and warned that the toll would rise.\n\n"
        "Rescuers used boats and helicopters to reach families stranded on rooftops.\n"
    )
    page = (
        "Наводнения на юге Бразилии унесли жизни не менее 42 человек\n\n"
        "Ливни на юге Бразилии унесли жизни не менее 42 человек, тысячи жителей покинули свои дома.\n\n"
        "Спасатели работают в нескольких городах штата, сообщили местные власти во вторник вечером.\n\n"
        "Как сообщает агентство Reuters:\n\n"
        "Governor Eduardo Leite said 68 people were still missing and warned that the toll would rise "
        "further this week.\n\n"
        "Rescuers used boats and helicopters to reach families stranded on rooftops.\n"
    )
    reworded = [g for g in compare(wire, page).alignment if g.op == "reworded"]
    assert [g.base for g in reworded] == [[1]]
    assert reworded[0].same_meaning is not None


# --- negations, word swaps and figures in the copy's own language ----------------------------


def _found(base: list[str], other: list[str]) -> list[tuple[str, str]]:
    return [(f.kind, f.message) for f in compare(base, other).findings]


@pytest.mark.parametrize(
    ("base", "other", "message"),
    [
        (
            ["Il governo ha negoziato con i ribelli.", "Lo ha detto il portavoce."],
            ["Il governo non ha negoziato con i ribelli.", "Lo ha detto il portavoce."],
            "negation added: non",
        ),
        (
            ["O governo pretende aumentar os impostos.", "A informação foi confirmada pelo ministro."],
            ["O governo não pretende aumentar os impostos.", "A informação foi confirmada pelo ministro."],
            "negation added: não",
        ),
        (
            ["Правительство планирует повышать налоги.", "Об этом заявил министр."],
            ["Правительство не планирует повышать налоги.", "Об этом заявил министр."],
            "negation added: не",
        ),
        (
            ["De minister heeft het akkoord maandag ondertekend.", "Dat meldde de woordvoerder."],
            ["De minister heeft het akkoord maandag niet ondertekend.", "Dat meldde de woordvoerder."],
            "negation added: niet",
        ),
    ],
    ids=["italian", "portuguese", "russian", "dutch"],
)
def test_a_negation_added_in_italian_portuguese_russian_or_dutch_is_found(
    base: list[str], other: list[str], message: str
) -> None:
    assert _found(base, other) == [("negation_changed", message)]


def test_an_arabic_negation_added_is_one_finding_and_no_word_swap() -> None:
    assert _found(
        ["وافق البرلمان على القانون الجديد.", "وقال رئيس البرلمان إن القانون سيدخل حيز التنفيذ."],
        ["لم يوافق البرلمان على القانون الجديد.", "وقال رئيس البرلمان إن القانون سيدخل حيز التنفيذ."],
    ) == [("negation_changed", "negation added: وافق → لم يوافق")]


@pytest.mark.parametrize(
    ("base", "other"),
    [
        (
            "La police est intervenue sur place mardi soir. Le préfet l'a confirmé.",
            "La police est intervenue dans place mardi soir. Le préfet l'a confirmé.",
        ),
        (
            "Die Polizei untersucht den Vorfall in Berlin. Der Sprecher bestätigte das.",
            "Die Polizei untersucht die Vorfälle in Berlin. Der Sprecher bestätigte das.",
        ),
        (
            "Повстанцы захватили город после обстрела. Об этом сообщили военные в пятницу.",
            "Повстанцы захватили город после обстрелов. Об этом сообщили военные в пятницу.",
        ),
        (
            "Die Arbeitslosigkeit ist im Januar gestiegen, teilte die Bundesagentur am Mittwoch mit.",
            "Die Arbeitslosigkeit ist im Januar gestiegen, wie die Bundesagentur am Mittwoch mitteilte.",
        ),
    ],
    ids=["french-preposition", "german-article-and-plural", "russian-case", "german-separable-verb"],
)
def test_function_words_and_forms_of_one_word_are_no_word_swap(base: str, other: str) -> None:
    assert _found(base, other) == []


def test_the_forms_of_one_russian_swap_count_as_one_swap() -> None:
    substitutions = compare(
        [
            "Повстанцы захватили город после обстрела.",
            "Командир повстанцев заявил об этом журналистам в пятницу.",
        ],
        [
            "Террористы захватили город после обстрела.",
            "Командир террористов заявил об этом журналистам в пятницу.",
        ],
    ).substitutions
    assert [(s.base, s.other, s.count) for s in substitutions] == [("Повстанцы", "Террористы", 2)]


@pytest.mark.parametrize(
    ("word", "phrase"),
    [("Flüchtlinge", "illegale Migranten"), ("Demonstranten", "gewalttätige Randalierer")],
)
def test_a_german_noun_put_for_a_loaded_phrase_is_a_word_swap(word: str, phrase: str) -> None:
    rest = "Das teilte ein Sprecher mit."
    assert _found(
        [f"Die Polizei nahm am Samstag in Berlin mehrere {word} fest.", rest],
        [f"Die Polizei nahm am Samstag in Berlin mehrere {phrase} fest.", rest],
    ) == [("substitution", f"word swap: {word} → {phrase} ×1")]


@pytest.mark.parametrize(
    ("base", "other", "message"),
    [
        (
            "Il deficit è salito a 24 miliardi di euro. Lo ha detto il ministro.",
            "Il deficit è salito a 24 milioni di euro. Lo ha detto il ministro.",
            "figure changed: 24 miliardi di euro → 24 milioni di euro",
        ),
        (
            "O Brasil exportou 2,3 bilhões de dólares em soja no mês passado.",
            "O Brasil exportou 2,3 milhões de dólares em soja no mês passado.",
            "figure changed: 2,3 bilhões de dólares → 2,3 milhões de dólares",
        ),
        (
            "Hükümet 12 milyar liralık yeni bir destek paketi açıkladı. Bakan açıklama yaptı.",
            "Hükümet 12 milyon liralık yeni bir destek paketi açıkladı. Bakan açıklama yaptı.",
            "figure changed: 12 milyar → 12 milyon",
        ),
        (
            "Бюджет составит 3,5 трлн рублей. Об этом заявил министр финансов.",
            "Бюджет составит 3,5 млрд рублей. Об этом заявил министр финансов.",
            "figure changed: 3,5 трлн рублей → 3,5 млрд рублей",
        ),
        (
            "Nell'attacco sono morti tre soldati. Lo ha detto il ministro.",
            "Nell'attacco sono morti cinque soldati. Lo ha detto il ministro.",
            "figure changed: tre → cinque",
        ),
        (
            "Enflasyon yüzde 64,8 olarak gerçekleşti, dedi TÜİK.",
            "Enflasyon yüzde 46,8 olarak gerçekleşti, dedi TÜİK.",
            "figure changed: yüzde 64,8 → yüzde 46,8",
        ),
    ],
    ids=[
        "italian-scale",
        "portuguese-scale",
        "turkish-scale",
        "russian-abbreviated-scale",
        "italian-words",
        "turkish-percent",
    ],
)
def test_a_figure_changed_in_another_language_is_one_figure_changed(
    base: str, other: str, message: str
) -> None:
    assert _found([base], [other]) == [("figure_changed", message)]


def test_portuguese_per_cent_spelt_out_equals_the_percent_sign() -> None:
    assert (
        _found(
            ["A inflação subiu 4,5 por cento em março, disse o ministro."],
            ["A inflação subiu 4,5% em março, disse o ministro."],
        )
        == []
    )


def test_an_italian_article_put_for_a_number_is_a_figure_added_as_in_english() -> None:
    assert _found(
        ["Nell'attacco è morto un soldato, ha detto il ministro."],
        ["Nell'attacco sono morti due soldati, ha detto il ministro."],
    ) == [("figure_added", "figure added: due")]
    assert _found(
        ["A soldier was killed in the attack, the minister said."],
        ["Two soldiers were killed in the attack, the minister said."],
    ) == [("figure_added", "figure added: Two")]


# --- a page's furniture in another language -------------------------------------------------------

IDLIB_FR = (
    "Syrie: au moins 12 morts dans des frappes à Idleb\n\n"
    "BEYROUTH (AFP) - Au moins 12 civils ont été tués vendredi dans des frappes aériennes russes sur la "
    "province d'Idleb, a indiqué l'Observatoire syrien des droits de l'homme (OSDH).\n\n"
    "Selon l'ONU, plus de 3,5 millions de personnes vivent dans la région, dont 1,2 million de déplacés."
)


def test_a_french_page_around_the_wires_text_is_a_copy_with_nothing_added() -> None:
    title, lede, rest = IDLIB_FR.split("\n\n")
    page = "\n".join(
        [
            title,
            "Publié le 12/03/2024 à 10h15. Mis à jour le 12/03/2024 à 11h02.",
            lede,
            "Lire aussi : Syrie, dix ans de guerre en cartes.",
            rest,
            "Partager sur Facebook",
            "Le Monde avec AFP",
            "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
            "© Le Monde 2024. Tous droits réservés.",
        ]
    )
    result = compare(IDLIB_FR, page)
    assert (result.verdict, result.summary.added, result.summary.other_from_base) == ("copy", 0, 1.0)


IDLIB_EN = (
    "Russia says end to fighting in Idlib is Turkey's responsibility\n\n"
    "MOSCOW (Reuters) - Russia said on Friday it was Turkey's responsibility to end militant attacks from "
    "Syria's Idlib province. Kremlin spokesman Dmitry Peskov told reporters that 12 Russian servicemen had "
    "been wounded.\n\n"
    '"The situation is extremely dangerous," Peskov said. Syrian troops advanced toward Khan Sheikhoun on '
    "Thursday."
)


def test_an_english_page_s_arabic_furniture_is_not_added_text() -> None:
    page = IDLIB_EN + "\nاقرأ أيضا: الجيش السوري يتقدم في ريف حماة\nجميع الحقوق محفوظة © 2019"
    result = compare(IDLIB_EN, page)
    assert (result.verdict, result.summary.added, result.summary.other_from_base) == ("copy", 0, 1.0)


def test_a_russian_menu_above_the_wires_english_text_is_not_its_title() -> None:
    page = "Главная Новости Политика Экономика Спорт Войти\n" + IDLIB_EN
    result = compare(IDLIB_EN, page)
    assert (result.other.title, result.summary.added) == (IDLIB_EN.split("\n\n")[0], 0)
