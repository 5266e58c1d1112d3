"""/floor: the reference endpoint of the benchmarks' load test does no I/O — no query, no session, no cookie."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for


@pytest.mark.django_db
def test_floor_answers_ok_without_touching_the_database():
    assert reverse("core:floor") == "/floor"
    with CaptureQueriesContext(connection) as captured:
        response = Client().get("/floor")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert captured.captured_queries == []
    assert response.cookies == {}


@pytest.mark.django_db
def test_floor_is_public_and_answers_a_signed_in_user_the_same(world):
    response = client_for(world, "specialist").get("/floor")
    assert response.status_code == 200
    assert response.content == b"ok"

