"""No inline script, inline style or event handler anywhere, so the Content-Security-Policy (script-src and
style-src 'self', no 'unsafe-inline') blocks nothing the application needs and an injected one runs nowhere.

Three layers: the scanner itself (table of markup it must and must not flag), every template and every
piece of Python that builds HTML (file:line listed on failure, so none comes back), and every page of the
persona matrix (tests/test_access_map.py) rendered for a persona allowed to see it."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.security.inline_code import inline_code_in_html, inline_code_in_python, inline_code_in_template
from tests.test_access_map import MATRIX, PERSONAS, _object

SRC = Path(__file__).resolve().parents[2] / "src" / "tdkt"

SCANNER_CASES = [
    ('<p style="color:red">x</p>', ["line 1 <p> style attribute"]),
    ('<button onclick="go()">x</button>', ["line 1 <button> event handler onclick"]),
    ('<form onsubmit="return confirm(1)"></form>', ["line 1 <form> event handler onsubmit"]),
    ('<div hx-on:click="x"></div>', ["line 1 <div> event handler hx-on:click"]),
    ("<style>p{color:red}</style>", ["line 1 <style> inline stylesheet"]),
    ("<script>alert(1)</script>", ["line 1 <script> inline script"]),
    ('<a href="javascript:alert(1)">x</a>', ["line 1 <a> javascript: URL"]),
    ('<script src="https://cdn.example.com/x.js"></script>', ["line 1 <script> loads from another origin: https://cdn.example.com/x.js"]),
    ('<link rel="stylesheet" href="//cdn.example.com/x.css">', ["line 1 <link> loads from another origin: //cdn.example.com/x.css"]),
    ('<svg><rect style="fill:red" width="3"/></svg>', ["line 1 <rect> style attribute"]),
    # Allowed: static files, JSON data blocks, data- attributes, SVG geometry, <progress>, outbound links.
    ('<script src="/static/tdkt/app.js" defer></script>', []),
    ('<script type="application/json" id="d">{"a": 1}</script>', []),
    ('<form data-confirm="Xoá?"><select data-autosubmit></select></form>', []),
    ('<svg width="10" height="4"><rect x="1" y="2" width="3" height="4"></rect></svg>', []),
    ('<progress max="3" value="1">33%</progress>', []),
    ('<a href="https://thuvienphapluat.vn/">luật</a>', []),
    ('<p>one="two" style= in text, not an attribute</p>', []),
]


@pytest.mark.parametrize(("html", "expected"), SCANNER_CASES)
def test_the_scanner_flags_exactly_what_csp_would_refuse(html, expected):
    assert inline_code_in_html(html) == expected


TEMPLATE_SCANNER_CASES = [
    ('<td style="padding-left:{{ depth }}.5rem">', [(1, "style attribute")]),
    ("<button onclick=\"return confirm('{% translate 'x' %}')\">", [(1, "event handler")]),
    ("{% if a %}\n<script>\nvar x = 1;\n</script>{% endif %}", [(2, "inline script")]),
    ('<script src="{% static \'tdkt/app.js\' %}" defer></script>', []),
    ('{{ data|json_script:"chart-data" }}', []),
    ('<input data-autosubmit name="year">', []),
]


@pytest.mark.parametrize(("text", "expected"), TEMPLATE_SCANNER_CASES)
def test_the_template_scanner_flags_inline_code(text, expected):
    assert inline_code_in_template(text) == expected


def test_python_scanner_reads_markup_strings_only():
    source = ('format_html(\'<span style="width:{}%">\', w)\nbook.style(bold=True)\npdf.rect(1, 2, style="F")\n'
              '"""Docstring: sheet.row(values, style=body)."""\nhtml = f\'<b onclick="{action}">\'\n')
    assert inline_code_in_python(source) == [(1, "style attribute"), (5, "event handler")]


def test_no_template_has_inline_code():
    found = [f"{path.relative_to(SRC)}:{line}: {label}"
             for path in sorted(SRC.rglob("templates/**/*.html"))
             for line, label in inline_code_in_template(path.read_text(encoding="utf-8"))]
    assert found == []


def test_no_python_builds_html_with_inline_code():
    found = [f"{path.relative_to(SRC)}:{line}: {label}"
             for path in sorted(SRC.rglob("*.py")) if "migrations" not in path.parts
             for line, label in inline_code_in_python(path.read_text(encoding="utf-8"))]
    assert found == []


def test_static_files_are_our_own():
    """Every script and stylesheet the pages load is a file of ours under static/ (no CDN)."""
    names = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("static/**/*") if p.suffix in {".js", ".css"})
    assert names == [
        "council/static/council/ballot.js",
        "exemplars/static/exemplars/exemplars.css",
        "movements/scoring/static/scoring/scoring.css",
        "movements/scoring/static/scoring/sheet.js",
        "news/static/news/news.css",
        "plans/static/plans/plans.css",
        "static/tdkt/app.css",
        "static/tdkt/app.js",
        "static/tdkt/lines-more.js",
        "static/tdkt/nav.js",
        "static/tdkt/picker.js",
        "static/tdkt/portal.css",
        "static/tdkt/print.css",
        "static/tdkt/reports-charts.css",
        "static/tdkt/reports-print.css",
        "static/tdkt/session.js",
        "workcalendar/static/workcalendar/workdays.css",
    ]


# Each page of the persona matrix, seen by the first persona the matrix lets in (anonymous pages too).
PAGES = [(name, key, PERSONAS[expected.index(200)]) for name, key, expected in MATRIX if 200 in expected]


@pytest.mark.parametrize(("url_name", "object_key", "persona"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_renders_without_inline_code(world, url_name, object_key, persona):
    kwargs = {}
    if object_key:
        target = _object(world, object_key)
        kwargs = target if isinstance(target, dict) else {"pk": target.pk}
    response = client_for(world, persona).get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'; style-src 'self';")
    if persona == "anonymous":
        assert "no-store" not in response.get("Cache-Control", "")
    else:  # every page and file a signed-in user receives, HTML or not
        assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    if response.get("Content-Type", "").startswith("text/html"):
        html = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        assert inline_code_in_html(html) == []


ADMIN_PAGES = ["admin:index", "admin:accounts_user_changelist", "admin:accounts_user_add", "admin:password_change"]


@pytest.mark.parametrize("url_name", ADMIN_PAGES)
def test_django_admin_pages_have_no_inline_code(db, url_name):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("sieuquantri", password="Mat-khau@2026"))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert inline_code_in_html(response.content.decode()) == []
