"""A sentence a story says twice ("He denied it." of two people) pairs where the sentences around
it place it: an outlet that drops the first keeps the second, and nothing moved."""

from __future__ import annotations

from app.engine import compare

TITLE = "Finance minister quits as coalition row deepens"
WIRE = [
    "BERLIN (Reuters) - Finance Minister Klaus Berger resigned on Wednesday after weeks of feuding with "
    "Chancellor Anna Vogt over the budget.",
    "Vogt had accused Berger of leaking draft spending plans to the press. He denied it.",
    "Berger said he could no longer serve in a government that planned to borrow 60 billion euros.",
    "The Free Democrats, Berger's party, said they would decide on Friday whether to stay in the coalition.",
    "A spokesman for the party was asked whether it had been consulted. He denied it.",
    "Opinion polls show the coalition's support has fallen to 31 percent.",
    "Deputy Finance Minister Eva Roth will take over on an interim basis.",
]


def _text(paragraphs: list[str]) -> str:
    return TITLE + "\n\n" + "\n\n".join(paragraphs)


def test_the_first_of_two_dropped_is_the_first_and_nothing_moved() -> None:
    cut = list(WIRE)
    cut[1] = "Vogt had accused Berger of leaking draft spending plans to the press."
    result = compare(_text(WIRE), _text(cut))
    denials = [s.index for s in result.base.sentences if s.text == "He denied it."]
    assert len(denials) == 2
    assert [(g.op, g.base, g.moved) for g in result.alignment if set(g.base) & set(denials)] == [
        ("dropped", [denials[0]], False),
        ("kept", [denials[1]], False),
    ]
    assert [f.kind for f in result.findings] == ["lede_dropped"]


def test_the_second_of_two_dropped_is_the_second() -> None:
    cut = list(WIRE)
    cut[4] = "A spokesman for the party was asked whether it had been consulted."
    result = compare(_text(WIRE), _text(cut))
    denials = [s.index for s in result.base.sentences if s.text == "He denied it."]
    assert [(g.op, g.base, g.moved) for g in result.alignment if set(g.base) & set(denials)] == [
        ("kept", [denials[0]], False),
        ("dropped", [denials[1]], False),
    ]
