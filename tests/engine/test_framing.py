"""Reframing with few words: a source, a caveat or the other side's response cut from a sentence
the version keeps, and a phrase put in quotation marks, are findings of their own; the same words
kept, or said another way, are none."""

from __future__ import annotations

import pytest

from app.engine import compare

RAINED = "It rained all day in the capital."


def _findings(base: str, other: str) -> list[tuple[str, str, str, int | None, int | None]]:
    """The findings comparing two sentences after one both keep."""
    result = compare([RAINED, base], [RAINED, other])
    return [(f.kind, f.severity, f.message, f.base_sentence, f.other_sentence) for f in result.findings]


class TestSourceDropped:
    def test_the_source_of_a_toll_cut_is_a_medium_finding(self) -> None:
        assert _findings(
            "Israeli air strikes killed at least 25 people in Gaza on Monday, according to the Hamas-run"
            " health ministry.",
            "Israeli air strikes killed at least 25 people in Gaza on Monday.",
        ) == [
            (
                "source_dropped",
                "medium",
                "source dropped: \u201caccording to the Hamas-run health ministry\u201d",
                1,
                1,
            )
        ]

    def test_the_headline_counts_it(self) -> None:
        result = compare(
            [RAINED, "Gunmen killed 11 miners in Balochistan on Sunday, police said."],
            [RAINED, "Gunmen killed 11 miners in Balochistan on Sunday."],
        )
        assert result.headline == "copy, altered: source dropped"

    @pytest.mark.parametrize(
        "other",
        [
            "Gunmen killed 11 miners in Balochistan on Sunday, officials said.",  # another source
            "Gunmen killed 11 miners in Balochistan on Sunday, police claimed.",  # the verbs' finding
            "Police said gunmen killed 11 miners in Balochistan on Sunday.",  # moved, not cut
        ],
    )
    def test_a_source_still_named_is_none(self, other: str) -> None:
        findings = _findings("Gunmen killed 11 miners in Balochistan on Sunday, police said.", other)
        assert [f for f in findings if f[0] == "source_dropped"] == []

    def test_words_cut_inside_a_quotation_are_the_speakers(self) -> None:
        findings = _findings(
            "\u201cThey said the road was closed, so we walked,\u201d the farmer told reporters.",
            "\u201cThe road was closed, so we walked,\u201d the farmer told reporters.",
        )
        assert [f[0] for f in findings] == ["quote_shortened"]


class TestSourceStillNamed:
    WIRE = "Israeli strikes killed at least 40 people in Gaza overnight, the health ministry said."

    @pytest.mark.parametrize(
        "other",
        [
            "Israeli strikes killed at least 40 people in Gaza overnight, per the health ministry.",
            "Israeli strikes killed at least 40 people in Gaza overnight, health ministry figures show.",
            "Israeli strikes killed at least 40 people in Gaza overnight, by the health ministry's count.",
        ],
    )
    def test_a_source_named_another_way_is_none(self, other: str) -> None:
        assert _findings(self.WIRE, other) == []


class TestCaveatDropped:
    @pytest.mark.parametrize(
        ("base", "other", "cut"),
        [
            (
                "Egyptian mediators said talks on a ceasefire would resume next week if both sides agreed"
                " to a prisoner exchange.",
                "Egyptian mediators said talks on a ceasefire would resume next week.",
                "if both sides agreed to a prisoner exchange",
            ),
            (
                "The commission said the election was free and fair, although no evidence was provided.",
                "The commission said the election was free and fair.",
                "although no evidence was provided",
            ),
            (
                "The army said it repelled the assault, a claim that could not be verified independently.",
                "The army said it repelled the assault.",
                "a claim that could not be verified independently",
            ),
        ],
    )
    def test_a_condition_or_caveat_cut_is_a_medium_finding(self, base: str, other: str, cut: str) -> None:
        assert _findings(base, other) == [
            ("caveat_dropped", "medium", f"caveat dropped: \u201c{cut}\u201d", 1, 1)
        ]

    def test_a_condition_kept_in_other_words_is_none(self) -> None:
        findings = _findings(
            "Mediators said talks would resume next week if both sides agreed to a prisoner exchange.",
            "Mediators said talks would resume next week if the two sides agreed to swap prisoners.",
        )
        assert [f for f in findings if f[0] == "caveat_dropped"] == []

    @pytest.mark.parametrize(
        ("base", "other"),
        [
            (
                "Reporters asked the minister if the government would raise taxes, and he said no decision"
                " had been made.",
                "Reporters asked the minister about taxes, and he said no decision had been made.",
            ),
            (
                "Schools will stay shut until further notice, the education ministry said on Monday.",
                "Schools will stay shut, the education ministry said on Monday.",
            ),
        ],
    )
    def test_a_question_or_a_time_is_no_caveat(self, base: str, other: str) -> None:
        assert _findings(base, other) == []

    def test_a_claim_made_without_evidence(self) -> None:
        assert _findings(
            "The president said the election had been stolen, without providing evidence.",
            "The president said the election had been stolen.",
        ) == [("caveat_dropped", "medium", "caveat dropped: \u201cwithout providing evidence\u201d", 1, 1)]

    def test_a_sentence_saying_the_claim_could_not_be_verified_dropped(self) -> None:
        result = compare(
            [
                RAINED,
                "Rebels said they had shot down a helicopter.",
                "Reuters could not independently verify the claim.",
            ],
            [RAINED, "Rebels said they had shot down a helicopter."],
        )
        assert [(f.kind, f.message, f.base_sentence) for f in result.findings] == [
            ("caveat_dropped", "caveat dropped: Reuters could not independently verify the claim.", 2)
        ]

    def test_if_cut_alone_is_a_word_not_a_condition(self) -> None:
        findings = _findings(
            "The ministry asked if the school would reopen after the floods in the north.",
            "The ministry asked whether the school would reopen after the floods in the north.",
        )
        assert [f for f in findings if f[0] == "caveat_dropped"] == []


class TestResponseDropped:
    WIRE = (
        "Syrian government forces used chlorine gas in an attack on Douma, rescue workers said.",
        "At least 21 people had suffered breathing problems, a doctor said.",
        "The Syrian army denied using chemical weapons and called the reports fabrications.",
    )

    def test_the_other_sides_denial_dropped_is_a_medium_finding(self) -> None:
        result = compare(list(self.WIRE), list(self.WIRE[:2]))
        assert [(f.kind, f.severity, f.message, f.base_sentence) for f in result.findings] == [
            (
                "response_dropped",
                "medium",
                "response dropped: The Syrian army denied using chemical weapons and called the reports"
                " fabricatio\u2026",
                2,
            )
        ]

    def test_a_denial_the_version_gives_in_its_own_words_is_none(self) -> None:
        version = [*self.WIRE[:2], "Damascus has rejected the accusations in the past."]
        assert [
            f.kind for f in compare(list(self.WIRE), version).findings if f.kind == "response_dropped"
        ] == []

    def test_a_denial_cut_from_a_sentence_kept(self) -> None:
        assert _findings(
            "The air force said it had hit military targets and denied striking civilian areas.",
            "The air force said it had hit military targets.",
        ) == [
            (
                "response_dropped",
                "medium",
                "response dropped: \u201cand denied striking civilian areas\u201d",
                1,
                1,
            )
        ]

    def test_no_comment_put_for_a_comment_is_the_negations_finding(self) -> None:
        assert [
            f[0]
            for f in _findings(
                "An Israeli military spokesman declined to comment on the report on Tuesday.",
                "An Israeli military spokesman commented on the report on Tuesday.",
            )
        ] == ["negation_changed"]

    @pytest.mark.parametrize(
        "ruling",
        [
            "The court denied the government's request to delay the hearing on Monday.",
            "Officials denied reporters access to the site on Tuesday.",
            "No one denies that the economy is slowing after a year of high rates.",
        ],
    )
    def test_a_ruling_or_an_act_denied_is_no_response(self, ruling: str) -> None:
        result = compare([RAINED, ruling], [RAINED])
        assert [f.kind for f in result.findings if f.kind == "response_dropped"] == []

    @pytest.mark.parametrize(
        ("base", "other"),
        [
            (
                "The company could not be reached for comment on Tuesday, its office said.",
                "The company was unavailable for comment on Tuesday, its office said.",
            ),
            (
                "The company has denied wrongdoing in the case, its lawyers said.",
                "The company rejects any wrongdoing in the case, its lawyers said.",
            ),
        ],
    )
    def test_a_response_said_in_other_words_is_none(self, base: str, other: str) -> None:
        assert [f[0] for f in _findings(base, other) if f[0] == "response_dropped"] == []

    def test_a_defendant_denied_bail_gave_no_response(self) -> None:
        result = compare(
            [RAINED, "The man, who was denied bail, will appear in court again on Friday."], [RAINED]
        )
        assert [f.kind for f in result.findings if f.kind == "response_dropped"] == []


class TestQuotationMarksAdded:
    def test_a_word_put_in_quotation_marks_is_a_low_finding(self) -> None:
        assert _findings(
            "The truce between Israel and Hamas held for a third day on Thursday.",
            "The \u201ctruce\u201d between Israel and Hamas held for a third day on Thursday.",
        ) == [("quote_marks_added", "low", "put in quotation marks: \u201ctruce\u201d", 1, 1)]

    def test_a_phrase_of_two_words_put_in_quotation_marks_is_left_to_the_quotations_check(self) -> None:
        # words given as someone's ('called the election "a fraud"') are a quotation's to judge
        findings = _findings(
            "The regime announced democratic reforms on Tuesday after months of protests.",
            'The regime announced "democratic reforms" on Tuesday after months of protests.',
        )
        assert [f for f in findings if f[0] == "quote_marks_added"] == []

    @pytest.mark.parametrize(
        ("base", "other"),
        [
            (
                "Oppenheimer won seven Oscars at the ceremony in Los Angeles on Sunday.",
                '"Oppenheimer" won seven Oscars at the ceremony in Los Angeles on Sunday.',
            ),
            (
                "Police launched Operation Kestrel on Monday after a spate of burglaries.",
                "Police launched Operation \u201cKestrel\u201d on Monday after a spate of burglaries.",
            ),
        ],
    )
    def test_a_name_or_a_title_in_quotation_marks_is_none(self, base: str, other: str) -> None:
        assert _findings(base, other) == []

    def test_a_phrase_the_wire_quoted_too_is_none(self) -> None:
        assert (
            _findings(
                'Protesters called the vote a "sham election" on Sunday, organisers said.',
                "Protesters called the vote a \u201csham election\u201d on Sunday, organisers said.",
            )
            == []
        )

    def test_an_apostrophe_is_no_quotation_mark(self) -> None:
        findings = _findings(
            "The minister's plan for the nation's schools was published on Monday.",
            "The minister's plan for the nation's schools was released on Monday.",
        )
        assert [f[0] for f in findings] == ["substitution"]
