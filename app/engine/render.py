"""Renderings of a :class:`Comparison`: plain text for CI logs, HTML, Markdown.

Each is a small function over the result data; none does any I/O. The HTML
escapes every piece of input.

>>> from app.engine import compare
>>> print(render_text(compare(["Rebels fired.", "It rained."], ["Militants fired.", "It rained."])))
... # doctest: +ELLIPSIS
wirediff 1.0.0: ... (kept 1, reworded 1, dropped 0, added 0, moved 0; base retained 100%, ...)
~ [0] Rebels fired.
    replace "Rebels" -> "Militants"
= [1] It rained.
! swap "Rebels" -> "Militants" x1
"""

from __future__ import annotations

from html import escape

from app.engine.report import Change, Comparison, Document, Group
from app.engine.words import diff_tokens, token_spans, tokenize

__all__ = [
    "MARKERS",
    "describe_change",
    "highlight_changes",
    "markdown_cell",
    "one_line",
    "render_html",
    "render_markdown",
    "render_text",
    "terminal_safe",
]

#: One character per group in the text rendering; moved groups get ">" before theirs.
MARKERS = {"kept": "=", "reworded": "~", "dropped": "-", "added": "+"}
_MAX_LINE = 160


def _texts(document: Document) -> dict[int, str]:
    return {s.index: s.text for s in document.sentences}


def _headline(result: Comparison) -> str:
    s = result.summary
    return (
        f"wirediff {result.engine_version}: {result.verdict} "
        f"(kept {s.kept}, reworded {s.reworded}, dropped {s.dropped}, added {s.added}, moved {s.moved}; "
        f"base retained {s.base_retained:.0%}, other from base {s.other_from_base:.0%})"
    )


def one_line(text: str) -> str:
    """``text`` on one line, cut with an ellipsis past 160 characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_LINE else flat[: _MAX_LINE - 1] + "\u2026"


def describe_change(change: Change) -> str:
    """One change as CI logs show it: ``replace "rebels" -> "militants"``."""
    if change.op == "insert":
        return f'insert "{change.other}"'
    if change.op == "delete":
        return f'delete "{change.base}"'
    return f'{change.op} "{change.base}" -> "{change.other}"'


def _group_text(group: Group, base: dict[int, str], other: dict[int, str]) -> tuple[str, str]:
    left = " ".join(base[i] for i in group.base)
    right = " ".join(other[j] for j in group.other)
    return left, right


def render_text(result: Comparison) -> str:
    """One line per group: ``=`` kept, ``~`` reworded (changes indented below), ``-`` dropped,
    ``+`` added, ``>`` before the marker of a moved group."""
    base, other = _texts(result.base), _texts(result.other)
    lines = [_headline(result)]
    for group in result.alignment:
        marker = (">" if group.moved else "") + MARKERS[group.op]
        left, right = _group_text(group, base, other)
        if group.op == "added":
            lines.append(f"{marker} [{','.join(map(str, group.other))}] {one_line(right)}")
            continue
        where = ",".join(map(str, group.base))
        if group.other and group.other != group.base:
            where += "->" + ",".join(map(str, group.other))
        lines.append(f"{marker} [{where}] {one_line(left)}")
        if group.op == "reworded":
            lines.extend(f"    {describe_change(c)}" for c in group.changes if c.op != "glue")
    for quote in result.quotes:
        if quote.status in ("altered", "missing"):
            lines.append(f'! quote {quote.status}: "{one_line(quote.text)}"')
    for number in result.numbers:
        lines.append(f"! number {number.status}: {number.base or '-'} -> {number.other or '-'}")
    for swap in result.substitutions:
        lines.append(f'! swap "{swap.base}" -> "{swap.other}" x{swap.count}')
    if result.attribution.credit_dropped:
        lines.append(f"! credit dropped: {', '.join(result.attribution.base_credits)}")
    return terminal_safe("\n".join(lines))


#: Markdown punctuation that could make article text into a link or an image (``![](...)`` is a
#: tracking pixel where the Markdown is pasted), a table cell's end, or an escape of its own.
_MARKDOWN_ESCAPED = str.maketrans({c: "\\" + c for c in "\\|[]()!"})


def markdown_cell(text: str) -> str:
    """One line that stays text: no raw HTML (<, > and & as entities, so no ``<https://...>``
    autolink either), and backslashes, pipes, brackets, parentheses and ``!`` escaped, so no link
    or image. Quotes as they are."""
    return escape(" ".join(text.split()), quote=False).translate(_MARKDOWN_ESCAPED)


#: What a terminal obeys rather than prints: C0 controls but newline and tab (ESC starts colour,
#: cursor and title sequences), DEL, C1 controls (0x9b is a one-byte CSI), and the bidirectional
#: overrides and isolates that make a line read otherwise than it is stored.
_TERMINAL_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)  # fmt: skip


def terminal_safe(text: str) -> str:
    """``text`` without the characters a terminal would act on (control and bidi characters); newlines
    and tabs kept. For every rendering printed to a terminal.

    >>> terminal_safe("ok\\x1b[2J\\x1b]0;title\\x07 done")
    'ok[2J]0;title done'
    """
    return text.translate(_TERMINAL_CONTROLS)


def render_markdown(result: Comparison) -> str:
    """A summary and a table of groups, safe to paste into an issue or a PR comment."""
    base, other = _texts(result.base), _texts(result.other)
    s = result.summary
    out = [
        f"## wirediff: **{result.verdict}**",
        "",
        "| kept | reworded | dropped | added | moved | base retained | other from base |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s.kept} | {s.reworded} | {s.dropped} | {s.added} | {s.moved} "
        f"| {s.base_retained:.0%} | {s.other_from_base:.0%} |",
        "",
        "| | base | other | changes |",
        "|---|---|---|---|",
    ]
    for group in result.alignment:
        left, right = _group_text(group, base, other)
        changes = "; ".join(markdown_cell(describe_change(c)) for c in group.changes if c.op != "glue")
        op = group.op + (" (moved)" if group.moved else "")
        out.append(f"| {op} | {markdown_cell(left)} | {markdown_cell(right)} | {changes} |")
    problems = [q for q in result.quotes if q.status in ("altered", "missing")]
    if problems:
        out += ["", "**Quotes**", ""]
        out += [f"- {q.status}: \u201c{markdown_cell(q.text)}\u201d" for q in problems]
    if result.numbers:
        out += ["", "**Numbers**", ""]
        out += [
            f"- {n.status}: {markdown_cell(n.base or '-')} \u2192 {markdown_cell(n.other or '-')}"
            for n in result.numbers
        ]
    if result.substitutions:
        out += ["", "**Substitutions**", ""]
        out += [
            f"- {markdown_cell(x.base)} \u2192 {markdown_cell(x.other)} \u00d7{x.count}"
            for x in result.substitutions
        ]
    attribution = result.attribution
    out += [
        "",
        f"**Credits**: base {', '.join(attribution.base_credits) or 'none'}; "
        f"other {', '.join(attribution.other_credits) or 'none'}"
        + (" (credit dropped)" if attribution.credit_dropped else ""),
    ]
    return "\n".join(out) + "\n"


def _marked_html(text: str, marked: list[tuple[int, int]], tag: str) -> str:
    """``text`` escaped, with the marked character spans wrapped in ``<tag>``; spans
    separated only by spaces or punctuation are merged into one."""
    merged: list[tuple[int, int]] = []
    for start, end in marked:
        if merged and not any(ch.isalnum() for ch in text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    out, position = [], 0
    for start, end in merged:
        out.append(escape(text[position:start]))
        out.append(f"<{tag}>{escape(text[start:end])}</{tag}>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight_changes(base: str, other: str) -> tuple[str, str]:
    """Both texts as escaped HTML, words deleted or replaced in ``base`` inside
    ``<del>``, words inserted or replacing in ``other`` inside ``<ins>``; glue is not
    marked (it is not a change of words).

    >>> highlight_changes("stop the rebels & co now", "stop the militants & co now")
    ('stop the <del>rebels</del> &amp; co now', 'stop the <ins>militants</ins> &amp; co now')
    """
    base_tokens, base_spans = tokenize(base), token_spans(base)
    other_tokens, other_spans = tokenize(other), token_spans(other)
    where = {id(t): span for t, span in zip(base_tokens, base_spans, strict=True)}
    where.update({id(t): span for t, span in zip(other_tokens, other_spans, strict=True)})
    deleted: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    for edit in diff_tokens(base_tokens, other_tokens):
        if edit.op != "glue":
            deleted.extend(where[id(t)] for t in edit.base)
            inserted.extend(where[id(t)] for t in edit.other)
    return _marked_html(base, sorted(deleted), "del"), _marked_html(other, sorted(inserted), "ins")


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}
.kept{background:#f1f8f1}.reworded{background:#fff8e1}.dropped{background:#fdecea}.added{background:#e8f0fe}
.moved td:first-child::after{content:" \\2195 moved"}
del{background:#f8c4c0}ins{background:#c6e8c6;text-decoration:none}
"""


def render_html(result: Comparison) -> str:
    """A standalone page: summary, then base and other side by side, one row per group."""
    base, other = _texts(result.base), _texts(result.other)
    s = result.summary
    rows = []
    for group in result.alignment:
        left, right = _group_text(group, base, other)
        if group.op == "reworded":
            left_html, right_html = highlight_changes(left, right)
        else:
            left_html, right_html = escape(left), escape(right)
        changes = "".join(f"<li>{escape(describe_change(c))}</li>" for c in group.changes if c.op != "glue")
        classes = group.op + (" moved" if group.moved else "")
        rows.append(
            f'<tr class="{classes}"><td>{escape(group.op)}</td><td>{left_html}</td>'
            f"<td>{right_html}</td><td><ul>{changes}</ul></td></tr>"
        )
    quotes = "".join(f"<li>{escape(q.status)}: \u201c{escape(q.text)}\u201d</li>" for q in result.quotes)
    numbers = "".join(
        f"<li>{escape(n.status)}: {escape(n.base or '-')} \u2192 {escape(n.other or '-')}</li>"
        for n in result.numbers
    )
    swaps = "".join(
        f"<li>{escape(x.base)} \u2192 {escape(x.other)} \u00d7{x.count}</li>" for x in result.substitutions
    )
    attribution = result.attribution
    title = escape(result.base.title or "base") + " vs " + escape(result.other.title or "other")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>wirediff: {title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>wirediff: {escape(result.verdict)}</h1>"
        f"<p>kept {s.kept}, reworded {s.reworded}, dropped {s.dropped}, added {s.added}, moved {s.moved}; "
        f"base retained {s.base_retained:.0%}, other from base {s.other_from_base:.0%}</p>"
        '<table><thead><tr><th scope="col">op</th><th scope="col">base</th><th scope="col">other</th>'
        f'<th scope="col">changes</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f"<h2>Quotes</h2><ul>{quotes}</ul><h2>Numbers</h2><ul>{numbers}</ul>"
        f"<h2>Substitutions</h2><ul>{swaps}</ul>"
        f"<h2>Credits</h2><p>base: {escape(', '.join(attribution.base_credits) or 'none')}; "
        f"other: {escape(', '.join(attribution.other_credits) or 'none')}"
        f"{' (credit dropped)' if attribution.credit_dropped else ''}</p>"
        "</body></html>"
    )
