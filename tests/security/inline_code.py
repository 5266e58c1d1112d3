"""Find what a Content-Security-Policy without 'unsafe-inline' would refuse, in rendered HTML and in sources.

Shared by the page scan (tests/security/test_inline_code.py) and usable from any test that renders HTML."""

import io
import re
import tokenize
from html.parser import HTMLParser

JSON_TYPES = {"application/json", "application/ld+json"}  # data blocks: never executed, CSP allows them
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
SUBRESOURCE_TAGS = {"script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"}


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, dict(attrs), self.getpos()[0])

    def handle_startendtag(self, tag, attrs):
        self._check(tag, dict(attrs), self.getpos()[0])

    def _check(self, tag, attrs, line):
        where = f"line {line} <{tag}>"
        for name, value in attrs.items():
            if name == "style":
                self.found.append(f"{where} style attribute")
            elif name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"{where} event handler {name}")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{where} javascript: URL")
            elif name in {"src", "href"} and tag in SUBRESOURCE_TAGS and re.match(r"^(https?:)?//", value or ""):
                self.found.append(f"{where} loads from another origin: {value}")
        if tag == "style":
            self.found.append(f"{where} inline stylesheet")
        if tag == "script" and not attrs.get("src") and (attrs.get("type") or "").lower() not in JSON_TYPES:
            self.found.append(f"{where} inline script")


def inline_code_in_html(html: str) -> list[str]:
    """Every inline style, inline script, event handler, javascript: URL or foreign subresource in the page."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found


# The same rules over template sources (which the HTML parser cannot read reliably around template tags).
TEMPLATE_PATTERNS = [
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style[\s>]", re.I), "inline stylesheet"),
    (re.compile(r"\s(hx-)?on[a-z:-]+\s*=\s*[\"']", re.I), "event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"""<script(?![^>]*\ssrc=)(?![^>]*type=["']application/(ld\+)?json["'])[^>]*>""", re.I),
     "inline script"),
    (re.compile(r"""<(script|link|img|iframe)\b[^>]*\s(src|href)=["'](https?:)?//""", re.I), "another origin"),
]


TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


def inline_code_in_template(text: str) -> list[tuple[int, str]]:
    """(line, what) for each line; template tags are blanked first ({% tag only="a b" %} is no handler)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = TEMPLATE_TAG.sub("", line)
        found += [(number, label) for pattern, label in TEMPLATE_PATTERNS if pattern.search(line)]
    return found


# In Python, an attribute is only markup when a quoted value follows (not ``style=book.style(…)`` in a docstring).
PYTHON_PATTERNS = [
    (re.compile(r"""\sstyle\s*=\s*(\\?["']|\{)""", re.I), "style attribute"),
    (re.compile(r"""\s(hx-)?on[a-z:-]+\s*=\s*(\\?["']|\{)""", re.I), "event handler"),
] + [(pattern, label) for pattern, label in TEMPLATE_PATTERNS if label not in {"style attribute", "event handler"}]


def inline_code_in_python(source: str) -> list[tuple[int, str]]:
    """The template rules applied to string literals (f-string parts too) that hold markup."""
    found = []
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in kinds:
            found += [(token.start[0], label) for pattern, label in PYTHON_PATTERNS if pattern.search(token.string)]
    return found
