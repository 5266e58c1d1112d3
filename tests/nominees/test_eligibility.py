"""check_nominations / refresh_live_verdicts: snapshots per line, a fixed number of queries."""

import datetime
import json

import pytest

from tdkt.dossiers.eligibility import check_nominations, failed_findings, is_blocking, refresh_live_verdicts
from tdkt.dossiers.models import Nomination
from tests.factories import make_award, make_rating
from tests.nominees.helpers import make_dossier, make_line, make_people

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def dossier(world):
    return make_dossier(world.unit_a, year=2025)


def test_snapshot_is_json_and_names_the_rule_set(world, dossier):
    make_rating(person=world.person_a, year=2025, level="HTTNV")
    line = make_line(dossier, person=world.person_a, code="LDTT")
    snapshots = check_nominations([line], today=TODAY)
    data = snapshots[line.pk]
    assert json.loads(json.dumps(data)) == data
    assert data["award"] == "LDTT"
    assert data["year"] == 2025
    assert data["evaluated_on"] == "2026-01-15"
    assert data["ruleset"]
    assert data["verdict"] in {"eligible", "needs_review", "ineligible", "on_hold"}
    assert all({"code", "passed", "message", "citation"} <= set(f) for f in data["findings"])


def test_already_holding_the_award_for_the_year_is_ineligible_with_reason(world, dossier):
    make_rating(person=world.person_a, year=2025, level="HTTNV")
    make_award(person=world.person_a, code="LDTT", year=2025)
    line = make_line(dossier, person=world.person_a, code="LDTT")
    data = check_nominations([line], today=TODAY)[line.pk]
    assert data["verdict"] == "ineligible"
    assert is_blocking(data)
    reasons = failed_findings(data)
    assert any(f["code"] == "already_awarded" for f in reasons), reasons
    assert all(f["message"] and f["citation"] for f in reasons)


def test_collective_line_is_checked(world, dossier):
    line = make_line(dossier, unit=world.unit_a_child, code="TTLDXS")
    data = check_nominations([line], today=TODAY)[line.pk]
    assert data["award"] == "TTLDXS"
    assert data["verdict"] in {"ineligible", "needs_review"}


@pytest.mark.parametrize("count", [1, 50])
def test_fixed_number_of_queries(world, dossier, count, django_assert_num_queries):
    people = make_people(world.unit_a, count)
    for index, person in enumerate(people):
        make_line(dossier, person=person, position=index + 1)
    lines = list(Nomination.objects.filter(dossier=dossier))
    # award codes, dossier year, then load_histories: codes + 6 for persons
    with django_assert_num_queries(9):
        snapshots = check_nominations(lines, today=TODAY)
    assert len(snapshots) == count


def test_refresh_live_verdicts_stores_every_line(world, dossier, django_assert_num_queries):
    people = make_people(world.unit_a, 5)
    for person in people:
        make_line(dossier, person=person)
    make_line(dossier, unit=world.unit_a_child, code="TTLDXS")
    refresh_live_verdicts(dossier, today=TODAY)
    stored = list(Nomination.objects.filter(dossier=dossier).values_list("verdict_live", flat=True))
    assert len(stored) == 6
    assert all(v and v["evaluated_on"] == "2026-01-15" for v in stored)
