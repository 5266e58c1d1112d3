"""History rows name the actor with the role they held (issue 21): "Trần Thị Bình (Chuyên viên Sở Nội vụ)" —
the membership valid on the day of the event, one in the object's unit first, else the role held now."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.dossiers import workflow
from tdkt.dossiers.models import DossierEvent
from tdkt.workflow.actors import with_actor_roles
from tests.conftest import client_for
from tests.decisions.access_matrix import _published_decision
from tests.dossiers.support import in_appraisal, leader_a, ready_draft


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def named(user, full_name):
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


def test_the_dossier_timeline_names_each_actor_with_their_role(world):
    dossier, _lines = ready_draft(world)
    leader = named(leader_a(world), "Phạm Minh Châu")
    named(world.users["specialist"], "Trần Thị Bình")
    workflow.submit_dossier(dossier, by=leader)
    page = client_for(world, "clerk_a").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk})).content.decode()
    timeline = page[page.index('id="timeline"'):]
    assert "<td>Phạm Minh Châu (Lãnh đạo Sở Y tế)</td>" in timeline


def test_the_role_held_on_the_day_of_the_event_wins_over_the_role_now(world):
    dossier, _lines = in_appraisal(world)
    specialist = named(world.users["specialist"], "Trần Thị Bình")
    event = DossierEvent.objects.filter(dossier=dossier).last()
    day = timezone.localtime(event.at).date()
    # Until the day before yesterday she was the clerk of Sở Y tế; since then a specialist of Sở Nội vụ.
    Membership.objects.filter(user=specialist).update(valid_from=day)
    Membership.objects.create(user=specialist, role=Role.UNIT_CLERK, unit=world.unit_a,
                              valid_from=day - datetime.timedelta(days=400), valid_to=day - datetime.timedelta(days=1))
    event.by = specialist
    then = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=30), datetime.time(9)))
    event.at = then
    now = DossierEvent(dossier=dossier, by=specialist, at=timezone.now())
    labelled = with_actor_roles([event, now])
    assert [e.actor_label for e in labelled] == ["Trần Thị Bình (Cán bộ thi đua Sở Y tế)",
                                                 "Trần Thị Bình (Chuyên viên Sở Nội vụ)"]
    # No membership valid then and none recorded with dates: the role now.
    Membership.objects.filter(user=specialist, role=Role.UNIT_CLERK).delete()
    assert with_actor_roles([event])[0].actor_label == "Trần Thị Bình (Chuyên viên Sở Nội vụ)"


def test_a_command_is_named_without_a_role(world):
    dossier, _lines = ready_draft(world)
    event = DossierEvent(dossier=dossier, by=None, by_name="Hệ thống", at=timezone.now())
    assert with_actor_roles([event])[0].actor_label == "Hệ thống"


def test_the_decision_history_names_the_specialist_with_the_role(world):
    decision = _published_decision(world)
    named(world.users["specialist"], "Trần Thị Bình")
    page = client_for(world, "specialist").get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    history = page[page.index('id="events"'):]
    assert "<td>Trần Thị Bình (Chuyên viên Sở Nội vụ)</td>" in history


def test_one_query_for_all_the_actors_of_a_history(world):
    dossier, _lines = in_appraisal(world)
    events = list(DossierEvent.objects.filter(dossier=dossier).select_related("by"))
    assert len({e.by_id for e in events}) >= 2
    with CaptureQueriesContext(connection) as captured:
        with_actor_roles(events)
    assert len(captured) == 1
