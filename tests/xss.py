"""XSS payloads and an inspector that tells whether an HTML page let any of them become markup.

Every payload carries the marker ``xss``; a page is inert when, parsed as a browser would,
no element or attribute came from a payload: no event-handler attribute, no ``javascript:``
URL, no element of a dangerous kind the page does not have anyway, and the marker nowhere
inside a script or style element or in a tag or attribute name.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["PAYLOADS", "inspect_html", "markdown_problems"]

#: Classic breakouts for every context a value can land in: element content, attribute values
#: (single, double and unquoted), URLs, <title>/<style>/<script> bodies, comments, templates.
PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert("xss")>',
    "'><svg/onload=alert('xss')>",
    "<img src=x onerror=alert`xss`>",
    "javascript:alert('xss')",
    "<a href=\"javascript:alert('xss')\">xss link</a>",
    "</title><script>alert('xss')</script>",
    "</style><script>alert('xss')</script>",
    "</textarea><script>alert('xss')</script>",
    "</script><script>alert('xss')</script>",
    "<iframe srcdoc=\"<script>alert('xss')</script>\"></iframe>",
    "<body onload=alert('xss')>",
    '" onmouseover="alert(\'xss\')" x="',
    "' onfocus='alert(\"xss\")' autofocus='",
    "<object data=\"javascript:alert('xss')\"></object>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss\')">',
    '<base href="//xss.example/">',
    "<form action=javascript:alert('xss')><button>xss</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss')>",
    "<svg><script>alert&#40;'xss'&#41;</script></svg>",
    "<!--xss--><![CDATA[xss]]>",
    "{{ 'xss' ~ 7*7 }} ${'xss'} {% print('xss') %}",
    "\u2028\u2029</script><script>alert('xss')</script>",
    "<details open ontoggle=alert('xss')>",
    "[xss](javascript:alert('xss')) <javascript:alert('xss')>",
]

#: Elements a payload might smuggle in; a page may use some itself (the dashboard's own script).
_DANGEROUS = {
    "script", "iframe", "frame", "object", "embed", "applet", "base", "svg", "math", "img",
    "meta", "link", "style", "form", "input", "textarea", "button",
}  # fmt: skip


_RAW_MARKUP = re.compile(r"<[a-zA-Z!/?]")

#: Attributes a browser follows or loads as a URL.
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "ping",
}


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        # entities stay as they are in handle_data, so that raw markup the parser could not read
        # as a tag still shows as "<" followed by a letter
        super().__init__(convert_charrefs=False)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.open_raw: str | None = None
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if "xss" in tag:
            self.problems.append(f"tag from a payload: <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler <{tag} {name}={value!r}>")
            if "xss" in name:
                self.problems.append(f"attribute from a payload: <{tag} {name}>")
            lowered = (value or "").strip().lower().replace("\n", "").replace("\t", "")
            if name in _URL_ATTRIBUTES and lowered.startswith(("javascript:", "data:text/html", "vbscript:")):
                self.problems.append(f"script URL <{tag} {name}={value!r}>")
            if name == "srcdoc" or (tag == "meta" and "url=javascript:" in lowered):
                self.problems.append(f"markup or script in <{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            self.open_raw = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.open_raw = None

    def handle_endtag(self, tag: str) -> None:
        if tag == self.open_raw:
            self.open_raw = None

    def handle_data(self, data: str) -> None:
        if self.open_raw and "xss" in data:
            self.problems.append(f"payload inside <{self.open_raw}>: {data[:80]!r}")
        if not self.open_raw and _RAW_MARKUP.search(data):
            self.problems.append(f"unescaped markup: {data[:80]!r}")

    def handle_comment(self, data: str) -> None:
        if "xss" in data:
            self.problems.append(f"payload inside a comment: {data[:80]!r}")


def _signature(tag: str, attrs: list[tuple[str, str | None]]) -> tuple[str, tuple[str, ...]]:
    return tag, tuple(sorted(name for name, _ in attrs))


def inspect_html(page: str, baseline: str) -> list[str]:
    """What in ``page`` came from a payload: ``baseline`` is the same page built from harmless
    input, whose own dangerous elements (with the same attribute names) are allowed."""
    inspector = _Inspector()
    inspector.feed(page)
    inspector.close()
    allowed = _Inspector()
    allowed.feed(baseline)
    allowed.close()
    known = {_signature(tag, attrs) for tag, attrs in allowed.elements}
    problems = list(inspector.problems)
    for tag, attrs in inspector.elements:
        if tag in _DANGEROUS and _signature(tag, attrs) not in known:
            problems.append(f"<{tag}> with {sorted(name for name, _ in attrs)} not in the page's own markup")
    return problems


def markdown_problems(markdown: str) -> list[str]:
    """Raw HTML in a Markdown rendering (a tag, a comment or an autolink), which a Markdown
    renderer would pass through."""
    return [
        f"raw markup at {m.start()}: {markdown[m.start() : m.start() + 40]!r}"
        for m in _RAW_MARKUP.finditer(markdown)
    ]
