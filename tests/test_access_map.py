"""Deny by default: every URL pattern has an access decision, and each view answers each persona
exactly as designed (200 shown, 302 to sign-in, 403 role refused, 404 another unit's object)."""

import datetime
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import client_for
from tests.plans.access_support import PLAN_OBJECTS

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
    ("core:floor", None, [200, 200, 200, 200, 200]),
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
    ("people:choices", None, [200, 200, 200, 200, 302]),
    ("orgs:choices", None, [200, 200, 200, 200, 302]),
    ("people:create", None, [200, 200, 200, 403, 302]),
    ("people:import", None, [200, 200, 200, 403, 302]),
    ("people:export", None, [200, 200, 200, 200, 302]),
    ("people:detail", "person_a", [200, 200, 404, 200, 302]),
    ("people:edit", "person_a", [200, 200, 404, 403, 302]),
    ("audit:list", None, [403, 403, 403, 403, 302]),
    ("awards:types", None, [200, 200, 200, 200, 302]),
    ("awards:type_create", None, [200, 403, 403, 403, 302]),
    ("awards:type_detail", "award_type", [200, 200, 200, 200, 302]),
    ("awards:type_edit", "award_type", [200, 403, 403, 403, 302]),
    ("awards:person_award_add", "person_a", [200, 200, 404, 403, 302]),
    ("awards:person_rating_add", "person_a", [200, 200, 404, 403, 302]),
    ("awards:person_initiative_add", "person_a", [200, 200, 404, 403, 302]),
    ("awards:person_discipline_add", "person_a", [200, 200, 404, 403, 302]),
    ("awards:person_case_add", "person_a", [200, 200, 404, 403, 302]),
    ("awards:unit_award_add", "unit_a", [200, 200, 404, 403, 302]),
    ("awards:unit_rating_add", "unit_a", [200, 200, 404, 403, 302]),
    ("awards:unit_case_add", "unit_a", [200, 200, 404, 403, 302]),
    ("awards:case_close", "open_case_of_person_a", [200, 200, 404, 403, 302]),
    ("awards:import_list", None, [200, 200, 200, 403, 302]),
    ("awards:import_upload", None, [200, 200, 200, 403, 302]),
    ("awards:import_detail", "import_batch_of_unit_a", [200, 200, 404, 403, 302]),
    ("awards:import_mapping", "import_batch_of_unit_a", [200, 200, 404, 403, 302]),
    ("awards:import_commit", "import_batch_of_unit_a", [200, 200, 404, 403, 302]),
    ("awards:import_report", "import_batch_of_unit_a", [200, 200, 404, 403, 302]),
    ("awards:import_file", "import_batch_of_unit_a", [200, 200, 404, 403, 302]),
    ("awards:import_row", "import_row_of_unit_a", [200, 200, 404, 403, 302]),
    ("people:duplicates", None, [200, 200, 200, 403, 302]),
    ("people:merge", "person_a", [200, 403, 403, 403, 302]),
    ("plans:list", None, [200, 200, 200, 200, 302]),
    ("plans:detail", "plan", [200, 200, 200, 200, 302]),
    ("plans:source", "plan", [200, 200, 200, 200, 302]),
    ("plans:board", "plan", [200, 200, 200, 200, 302]),
    ("plans:calendar", "plan", [200, 200, 200, 200, 302]),
    ("plans:summary", "plan", [200, 200, 200, 200, 302]),
    ("plans:export_xlsx", "plan", [200, 200, 200, 200, 302]),
    ("plans:export_docx", "plan", [200, 200, 200, 200, 302]),
    ("plans:task", "task_of_unit_a", [200, 200, 404, 200, 302]),
    ("plans:task_update", "task_of_unit_a", [200, 200, 404, 403, 302]),
    ("plans:task_status", "task_of_unit_a", [200, 200, 404, 403, 302]),
    ("plans:task_kind", "task_of_unit_a", [200, 403, 403, 403, 302]),
    ("plans:task_unit_resolve", "flagged_unit_of_task_a", [200, 403, 403, 403, 302]),
    ("plans:evidence", "update_of_unit_a", [200, 200, 404, 200, 302]),
    ("plans:import", None, [200, 403, 403, 403, 302]),
    ("plans:draft", "plan_draft", [200, 403, 403, 403, 302]),
    ("plans:draft_row", "plan_draft", [200, 403, 403, 403, 302]),
    ("plans:draft_split", "plan_draft", [200, 403, 403, 403, 302]),
    ("plans:draft_merge", "plan_draft", [405, 403, 403, 403, 302]),
    ("plans:draft_unit", "plan_draft", [200, 403, 403, 403, 302]),
    ("plans:draft_save", "plan_draft", [405, 403, 403, 403, 302]),
    ("plans:draft_discard", "plan_draft", [405, 403, 403, 403, 302]),
    ("plans:unit_plans", "plan", [200, 200, 200, 200, 302]),
    ("plans:unit_plan_require", "plan", [200, 403, 403, 403, 302]),
    ("plans:unit_plan_submit", "submission_of_unit_a", [200, 200, 404, 403, 302]),
    ("plans:unit_plan_file", "submission_of_unit_a", [200, 200, 404, 200, 302]),
]


def _app_matrices():
    """Each app adds its rows in tests/<app>/access_matrix.py (MATRIX rows and OBJECTS factories), so
    parallel work on two apps never edits this file."""
    import importlib

    rows, objects = [], {}
    for path in sorted(Path(__file__).parent.glob("**/access_matrix.py")):
        module = importlib.import_module(".".join(path.relative_to(Path(__file__).parent.parent).with_suffix("").parts))
        rows.extend(module.MATRIX)
        objects.update(getattr(module, "OBJECTS", {}))
    return rows, objects


APP_MATRIX, APP_OBJECTS = _app_matrices()
MATRIX += APP_MATRIX
MATRIX_URLS = [(name, key) for name, key, _ in MATRIX]


def _national_award_type(world):
    from tdkt.awards.models import AwardType

    return AwardType.objects.get(code="LDTT")  # seeded by migration


def _open_case_of_person_a(world):
    from tdkt.awards.models import OpenCase

    return OpenCase.objects.create(person=world.person_a, kind="complaint", opened_on=datetime.date(2026, 1, 5))


def _import_batch_of_unit_a(world):
    from tests.awards.import_support import RATING_HEADER, check

    return check(world.users["clerk_a"], world.unit_a, [RATING_HEADER, ["Nguyễn Văn An", "1985", "", "2024", "HTTNV"]],
                 kind="ratings", fmt="csv")


def _import_row_of_unit_a(world):
    return _import_batch_of_unit_a(world).rows.get()


# Objects that are not attributes of the world fixture, made on demand.
EXTRA_OBJECTS = {"award_type": _national_award_type, "open_case_of_person_a": _open_case_of_person_a,
                 "import_batch_of_unit_a": _import_batch_of_unit_a, "import_row_of_unit_a": _import_row_of_unit_a}
EXTRA_OBJECTS |= PLAN_OBJECTS | APP_OBJECTS


def _object(world, key):
    return EXTRA_OBJECTS[key](world) if key in EXTRA_OBJECTS else getattr(world, key)
CASES = [(name, key, persona, expected[i]) for name, key, expected in MATRIX for i, persona in enumerate(PERSONAS)]


@pytest.mark.parametrize(("url_name", "object_key", "persona", "expected"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_view_answers_each_persona_as_designed(world, url_name, object_key, persona, expected):
    from django.urls import reverse

    kwargs = {}
    if object_key:  # a factory may return the URL kwargs itself (a dict) for URLs without a single pk
        target = _object(world, object_key)
        kwargs = target if isinstance(target, dict) else {"pk": target.pk}
    response = client_for(world, persona).get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == expected
    if expected == 302 and persona == "anonymous" and url_name not in {"accounts:second_factor", "core:dashboard"}:
        assert response["Location"].startswith("/login/?next=")


def test_anonymous_visitor_at_the_site_address_lands_on_the_public_portal(world):
    response = client_for(world, "anonymous").get("/")
    assert (response.status_code, response["Location"]) == (302, "/portal/")


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
