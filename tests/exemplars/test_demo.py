"""seed_demo adds a few exemplars with generated photos: two published on the portal, one waiting for the
standing body; wiping the demo removes them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tdkt.exemplars import demo
from tdkt.exemplars.models import Exemplar


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_demo", stdout=out, province="Lào Cai", persons=200, seed="7")
    return out.getvalue()


def test_the_demo_publishes_two_exemplars_with_photos_and_leaves_one_to_approve(seeded, client):
    assert "Điển hình tiên tiến mẫu: 3 điển hình" in seeded
    assert sorted(Exemplar.objects.values_list("state", flat=True)) == ["proposed", "published", "published"]
    assert all(exemplar.photo_type == "image/jpeg" for exemplar in Exemplar.objects.all())
    page = client.get(reverse("exemplars:public_list"))
    assert len(page.context["page"].items) == 2
    assert demo.wipe_demo() >= 3
    assert Exemplar.objects.count() == 0
