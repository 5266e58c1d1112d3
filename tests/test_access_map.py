"""Deny by default: every URL pattern has an access decision, and each view answers each persona
exactly as designed (200 shown, 302 to sign-in, 403 role refused, 404 another unit's object)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import client_for

SELF_GUARDED_NAMESPACES = {"admin"}  # Django admin: staff check of its own, superusers only


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def test_every_url_pattern_has_an_access_decision():
    missing = [
        f"{ns}:{p.name} -> {p.lookup_str}"
        for ns, p in _walk(get_resolver().url_patterns)
        if ns not in SELF_GUARDED_NAMESPACES and getattr(p.callback, "access", None) is None
    ]
    assert missing == []


def test_every_url_pattern_is_covered_by_the_persona_matrix():
    names = {f"{ns}:{p.name}" for ns, p in _walk(get_resolver().url_patterns) if ns not in SELF_GUARDED_NAMESPACES}
    assert names == {name for name, _args in MATRIX_URLS}


PERSONAS = ["specialist", "clerk_a", "clerk_b", "council_member", "anonymous"]

# url name, kwargs key (resolved from the world fixture); then expected status for each persona above.
MATRIX = [
    ("core:healthz", None, [200, 200, 200, 200, 200]),
    ("core:dashboard", None, [200, 200, 200, 200, 302]),
    ("accounts:login", None, [200, 200, 200, 200, 200]),
    ("accounts:second_factor", None, [302, 302, 302, 302, 302]),
    ("accounts:logout", None, [405, 405, 405, 405, 405]),
    ("accounts:password_change", None, [200, 200, 200, 200, 302]),
    ("orgs:tree", None, [200, 200, 200, 200, 302]),
    ("orgs:create", None, [200, 403, 403, 403, 302]),
    ("orgs:detail", "unit_a", [200, 200, 404, 200, 302]),
    ("orgs:edit", "unit_a", [200, 403, 403, 403, 302]),
    ("orgs:merge", "unit_a", [200, 403, 403, 403, 302]),
    ("orgs:split", "unit_a", [200, 403, 403, 403, 302]),
    ("orgs:groups", None, [200, 200, 200, 200, 302]),
    ("orgs:group_create", None, [200, 403, 403, 403, 302]),
    ("orgs:group_detail", "group_year", [200, 200, 200, 200, 302]),
    ("orgs:councils", None, [200, 200, 200, 200, 302]),
    ("orgs:council_detail", "council", [200, 404, 404, 200, 302]),
    ("people:list", None, [200, 200, 200, 200, 302]),
    ("people:create", None, [200, 200, 200, 403, 302]),
    ("people:import", None, [200, 200, 200, 403, 302]),
    ("people:export", None, [200, 200, 200, 200, 302]),
    ("people:detail", "person_a", [200, 200, 404, 200, 302]),
    ("people:edit", "person_a", [200, 200, 404, 403, 302]),
    ("audit:list", None, [403, 403, 403, 403, 302]),
]
MATRIX_URLS = [(name, key) for name, key, _ in MATRIX]
CASES = [(name, key, persona, expected[i]) for name, key, expected in MATRIX for i, persona in enumerate(PERSONAS)]


@pytest.mark.parametrize(("url_name", "object_key", "persona", "expected"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_view_answers_each_persona_as_designed(world, url_name, object_key, persona, expected):
    from django.urls import reverse

    kwargs = {"pk": getattr(world, object_key).pk} if object_key else {}
    response = client_for(world, persona).get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == expected
    if expected == 302 and persona == "anonymous" and url_name not in {"accounts:second_factor"}:
        assert response["Location"].startswith("/login/?next=")


def test_admin_persona_sees_the_audit_log(world):
    from django.urls import reverse

    assert client_for(world, "admin").get(reverse("audit:list")).status_code == 200


def test_clerk_of_unit_a_sees_sub_unit_but_not_unit_b(world):
    from django.urls import reverse

    client = client_for(world, "clerk_a")
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.unit_a_child.pk})).status_code == 200
    assert client.get(reverse("people:detail", kwargs={"pk": world.person_a_child.pk})).status_code == 200
    assert client.get(reverse("people:detail", kwargs={"pk": world.person_b.pk})).status_code == 404
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.province.pk})).status_code == 404
