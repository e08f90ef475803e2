"""wirediff's comparison engine: align two versions of a news story, sentence by sentence.

A library, not a service: no web framework, no database.

>>> from app.engine import compare, render_text
>>> result = compare("Rebels fired on Friday.", "Militants fired on Friday.")
>>> [(g.op, g.changes[0].base, g.changes[0].other) for g in result.alignment]
[('reworded', 'Rebels', 'Militants')]
"""

from app.engine.compare import (
    ENGINE_VERSION,
    CompareOptions,
    ComparisonTimeoutError,
    SentenceLimitError,
    compare,
    compare_prepared,
)
from app.engine.render import render_html, render_markdown, render_text
from app.engine.report import (
    Attribution,
    Change,
    Comparison,
    Document,
    Group,
    NumberChange,
    Quote,
    Sentence,
    Substitution,
    Summary,
)

__all__ = [
    "ENGINE_VERSION",
    "Attribution",
    "Change",
    "CompareOptions",
    "Comparison",
    "ComparisonTimeoutError",
    "Document",
    "Group",
    "NumberChange",
    "Quote",
    "Sentence",
    "SentenceLimitError",
    "Substitution",
    "Summary",
    "compare",
    "compare_prepared",
    "render_html",
    "render_markdown",
    "render_text",
]
