"""Sentence ends, abbreviations and datelines in the languages wire agencies publish in."""

from __future__ import annotations

import pytest

from app.engine import compare
from app.engine.text import is_dateline, prepare_text, split_sentences

NNBSP, NBSP, RLM = "\u202f", "\u00a0", "\u200f"


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def ops(base: str, other: str) -> list[tuple[str, list[int], list[int]]]:
    return [(g.op, g.base, g.other) for g in compare(base, other).alignment]


def findings(base: str, other: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.severity, f.message) for f in compare(base, other).findings]


# --- a sentence ending inside its closing quotation mark ------------------------------------------

SCHOLZ_QUOTE = "Scholz sagte: \u201eWir stehen fest an der Seite der Ukraine.\u201c"
MINISTRE_QUOTE = "Le ministre a déclaré : « Nous ne reculerons pas. »"


class TestSentenceEndsInsideItsClosingMark:
    def test_a_german_low_high_quotation_ends_its_sentence(self) -> None:
        assert sentences(f"{SCHOLZ_QUOTE} Die Opposition kritisierte die Rede scharf.") == [
            SCHOLZ_QUOTE,
            "Die Opposition kritisierte die Rede scharf.",
        ]

    def test_a_german_closing_mark_before_a_full_stop_ends_its_sentence(self) -> None:
        assert sentences("Er sprach von einer \u201eZeitenwende\u201c. Die Union widersprach.") == [
            "Er sprach von einer \u201eZeitenwende\u201c.",
            "Die Union widersprach.",
        ]

    @pytest.mark.parametrize(
        ("opening", "closing"), [("»", "«"), ("«", "»")], ids=["german-chevrons", "swiss-guillemets"]
    )
    def test_chevrons_either_way_end_their_sentence(self, opening: str, closing: str) -> None:
        quote = f"Er sagte: {opening}Wir bleiben.{closing}"
        assert sentences(f"{quote} Die Opposition kritisierte ihn.") == [
            quote,
            "Die Opposition kritisierte ihn.",
        ]

    def test_a_german_chevron_opening_a_sentence_starts_it(self) -> None:
        assert sentences("Er sagte es. »Wir gehen.« Dann ging er.") == [
            "Er sagte es.",
            "»Wir gehen.«",
            "Dann ging er.",
        ]

    @pytest.mark.parametrize("space", [" ", NBSP, NNBSP], ids=["space", "no-break", "narrow-no-break"])
    def test_a_spaced_french_closing_guillemet_ends_its_sentence(self, space: str) -> None:
        quote = f"Le ministre a déclaré : «{space}Nous ne reculerons pas.{space}»"
        assert sentences(f"{quote} L'opposition a dénoncé un passage en force.") == [
            quote,
            "L'opposition a dénoncé un passage en force.",
        ]

    def test_a_spaced_french_opening_guillemet_starts_its_sentence(self) -> None:
        assert sentences("Il a parlé. « Nous partons. » Puis il est parti.") == [
            "Il a parlé.",
            "« Nous partons. »",
            "Puis il est parti.",
        ]

    def test_an_english_opening_mark_after_a_full_stop_starts_the_next_sentence(self) -> None:
        assert sentences(
            "He said so.\u201cWe go.\u201d Then he left. She said \u201c...This is it.\u201d"
        ) == [
            "He said so.",
            "\u201cWe go.\u201d",
            "Then he left.",
            "She said \u201c...This is it.\u201d",
        ]

    def test_a_direction_mark_after_a_full_stop_stays_with_its_sentence(self) -> None:
        text = f"هاجم مقاتلو المعارضة مواقع للجيش.{RLM} وقالت مصادر إن الاشتباكات مستمرة."
        assert sentences(text) == [
            f"هاجم مقاتلو المعارضة مواقع للجيش.{RLM}",
            "وقالت مصادر إن الاشتباكات مستمرة.",
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "وأكد الجيش أنه استعاد السيطرة على القرية؟ وقالت مصادر إن الاشتباكات مستمرة.",
            "ایران نے کہا۔ امریکہ نے انکار کیا۔",
            "भारत ने कहा। पाकिस्तान ने इनकार किया।",
            "雨が降った。市長は述べた。",
            "你好吗？我很好。",
        ],
        ids=["arabic-question-mark", "urdu-full-stop", "devanagari-danda", "japanese-full-stop", "fullwidth"],
    )
    def test_other_scripts_sentence_ends_end_a_sentence(self, text: str) -> None:
        assert len(sentences(text)) == 2

    def test_a_japanese_quotation_ending_in_a_full_stop_goes_on_with_its_sentence(self) -> None:
        assert sentences("市長は「東京は安全だ。」と述べた。雨が降った。") == [
            "市長は「東京は安全だ。」と述べた。",
            "雨が降った。",
        ]

    def test_a_japanese_question_before_its_quotative_particle_goes_on_with_its_sentence(self) -> None:
        assert sentences("本当？と聞いた。彼は来た。") == ["本当？と聞いた。", "彼は来た。"]

    def test_a_sentence_dropped_after_a_german_quotation_is_dropped_and_the_quotation_kept(self) -> None:
        rest = "Die Union forderte mehr Waffenlieferungen."
        base = f"{SCHOLZ_QUOTE} Die Opposition kritisierte die Rede scharf. {rest}"
        other = f"{SCHOLZ_QUOTE} {rest}"
        assert ops(base, other) == [("kept", [0], [0]), ("dropped", [1], []), ("kept", [2], [1])]
        assert findings(base, other) == [
            ("lede_dropped", "low", "dropped from the lede: Die Opposition kritisierte die Rede scharf.")
        ]

    def test_a_sentence_dropped_after_a_french_quotation_is_dropped_and_the_quotation_kept(self) -> None:
        rest = "Le vote aura lieu jeudi."
        base = f"{MINISTRE_QUOTE} L'opposition a dénoncé un passage en force. {rest}"
        other = f"{MINISTRE_QUOTE} {rest}"
        assert ops(base, other) == [("kept", [0], [0]), ("dropped", [1], []), ("kept", [2], [1])]
        assert findings(base, other) == [
            ("lede_dropped", "low", "dropped from the lede: L'opposition a dénoncé un passage en force.")
        ]


# --- abbreviations and ordinals ---------------------------------------------------------------------


class TestAbbreviationsInOtherLanguages:
    @pytest.mark.parametrize(
        "text",
        [
            "Viajó a EE.UU. el lunes.",
            "La Dra. García lo acompañó.",
            "La Sra. López llegó tarde.",
            "Le Pr. Martin a parlé.",
            "Selon Me Dupont et MM. Durand, rien ne change.",
            "Environ env. 300 personnes ont manifesté.",
            "Secondo il dott. Bianchi, va bene.",
            "Il sig. Rossi è arrivato.",
            "L'on. Mario Rossi ha parlato.",
            "Es kamen ca. 500 Menschen.",
            "Es gibt z. B. Kinder.",
            "Das geschah 44 v. Chr. in Rom.",
            "Nach Art. 5 des Grundgesetzes ist das erlaubt.",
            "Er wohnt in Haus Nr. 10 am Markt.",
            "Встреча прошла в г. Москве.",
            "Здание на ул. Тверской закрыто.",
            "Prof. Dr. Ahmet Yılmaz, Doç. Dr. Ayşe Kaya ile konuştu.",
        ],
    )
    def test_an_abbreviation_does_not_end_a_sentence(self, text: str) -> None:
        assert sentences(text) == [text]

    @pytest.mark.parametrize(
        "text",
        [
            "Am 3. Oktober feiert Deutschland.",
            "Der 1. FC Köln spielt am Abend.",
            "Im 20. Jahrhundert war das anders.",
            "Bis zum 12. März bleibt alles gleich.",
            "Am 30. April 2024 war es so.",
            "Seit dem 1. September gilt das Gesetz.",
        ],
    )
    def test_a_german_ordinal_does_not_end_a_sentence(self, text: str) -> None:
        assert sentences(text) == [text]

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("It happened in 2019.", "The company said so."),
            ("Das war Ende 2019.", "Oktober brachte die Wende."),
            ("Он вернулся в 2023 г.", "Затем всё кончилось."),
            ("Это было и т. д.", "Затем всё кончилось."),
            ("He went on.", "Then he stopped."),
            ("He liked modern art.", "The rest is history."),
            ("He said no.", "Then he left."),
            ("The pipe is 5 mm.", "The rest is longer."),
            ("The report was sent to the CIA.", "The agency declined to comment."),
            ("The deal was advised by ING.", "The Dutch bank did not respond."),
            ("Root top-scored for ENG.", "Australia won by five wickets."),
            ("He moved to CA.", "He lives there now."),
            ("The convoy stopped near Mons.", "Police said nobody was hurt."),
            ("He spoke to Sig.", "Police said nothing."),
            ("He joined the Dep.", "Officials said so."),
            ("They played Stand by Me.", "The crowd cheered."),
            ("He was the old chap.", "The rest left."),
            ("Sales rose in the three months to June 30.", "September figures are due."),
            ("It ended on April 4.", "August was worse."),
            ("Benfica beat Arsenal 2-1.", "FC Porto drew with Lyon."),
            ("Thieves stole millions in modern art.", "2023 was a record year."),
        ],
    )
    def test_a_word_that_may_be_an_abbreviation_ends_a_sentence_where_it_is_not(
        self, first: str, second: str
    ) -> None:
        assert sentences(f"{first} {second}") == [first, second]

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Talks broke down with Iran.", "Dr. Smith said the deal was dead."),
            ("Talks broke down with UK.", "Dr. Smith said the deal was dead."),
        ],
    )
    def test_sentences_glued_without_a_space_are_no_dotted_abbreviation(
        self, first: str, second: str
    ) -> None:
        assert sentences(f"{first}{second}") == [first, second]

    def test_an_english_sentence_dropped_after_an_acronym_is_dropped(self) -> None:
        base = (
            "The report was sent to the CIA. The agency declined to comment on Tuesday. "
            "Officials said the review would take months."
        )
        other = "The report was sent to the CIA. Officials said the review would take months."
        assert ops(base, other) == [("kept", [0], [0]), ("dropped", [1], []), ("kept", [2], [1])]
        assert findings(base, other) == [
            ("response_dropped", "medium", "response dropped: The agency declined to comment on Tuesday.")
        ]

    def test_a_figure_changed_in_a_sentence_with_abbreviations_is_found_in_its_sentence(self) -> None:
        base = "Dr. Maria Müller vom Ifo-Institut rechnet am 3. Oktober mit ca. 500.000 Besuchern."
        result = compare(base, base.replace("500.000", "800.000"))
        assert [(g.op, g.base, g.other) for g in result.alignment] == [("reworded", [0], [0])]
        assert [(n.base, n.other, n.status) for n in result.numbers] == [("500.000", "800.000", "changed")]


# --- datelines ---------------------------------------------------------------------------------------


class TestDaysBeforeTheMonth:
    @pytest.mark.parametrize(
        "dateline",
        [
            "PARIS, 12 mars -",
            "ROMA, 12 MAR -",
            "BUENOS AIRES, 12 mar -",
            "BERLIN, 12. März -",
            "MADRID, 4 dic \u2013",
            "SÃO PAULO, 12 de março de 2024 \u2014",
            "BOGOTÁ, 4 dic. -",
            "LONDON, 12 March 2024 -",
            "ROME, March 12 -",
            "PARIS, 12 mars (Correspondance) -",
        ],
    )
    def test_a_dateline_without_an_agency_is_boilerplate(self, dateline: str) -> None:
        text = f"{dateline} Le gouvernement a annoncé 45 nouvelles mesures. L'inflation reste élevée."
        assert [(s.role, s.text) for s in prepare_text(text).document.sentences] == [
            ("boilerplate", dateline),
            ("body", "Le gouvernement a annoncé 45 nouvelles mesures."),
            ("body", "L'inflation reste élevée."),
        ]
        assert is_dateline(text)

    def test_a_day_and_a_word_that_is_no_month_is_no_dateline(self) -> None:
        assert not is_dateline("PARIS, 12 personnes - rien de plus.")

    @pytest.mark.parametrize(
        ("dateline", "body"),
        [
            ("PARIS, 12 mars -", "Le gouvernement a annoncé 45 nouvelles mesures. L'inflation reste élevée."),
            ("BERLIN, 12. März -", "Die Regierung kündigte 45 neue Maßnahmen an. Die Inflation bleibt hoch."),
        ],
    )
    def test_a_dateline_left_out_is_no_change(self, dateline: str, body: str) -> None:
        result = compare(f"{dateline} {body}", body)
        assert (result.headline, result.findings, result.numbers) == ("copy, unaltered", [], [])
