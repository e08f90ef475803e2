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
    prepare,
)
from app.engine.index import BANDS, MAX_INDEXED_SENTENCES, band_keys, band_keys_of
from app.engine.render import (
    MARKERS,
    describe_change,
    markdown_cell,
    one_line,
    render_html,
    render_markdown,
    render_text,
    terminal_safe,
)
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
    Verdict,
)
from app.engine.text import PreparedDocument, find_credits, normalize
from app.engine.words import diff_tokens, token_spans, tokenize

__all__ = [
    "BANDS",
    "ENGINE_VERSION",
    "MARKERS",
    "MAX_INDEXED_SENTENCES",
    "Attribution",
    "Change",
    "CompareOptions",
    "Comparison",
    "ComparisonTimeoutError",
    "Document",
    "Group",
    "NumberChange",
    "PreparedDocument",
    "Quote",
    "Sentence",
    "SentenceLimitError",
    "Substitution",
    "Summary",
    "Verdict",
    "band_keys",
    "band_keys_of",
    "compare",
    "compare_prepared",
    "describe_change",
    "diff_tokens",
    "find_credits",
    "markdown_cell",
    "normalize",
    "one_line",
    "prepare",
    "render_html",
    "render_markdown",
    "render_text",
    "terminal_safe",
    "token_spans",
    "tokenize",
]
