"""The plan import preview's declared state machine (tdkt.plans.transitions.PLAN_DRAFT): save and discard by
the importer and refused to another persona, the race between two loads, the history and audit rows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.plans.enums import DraftState
from tdkt.plans.importing import discard_draft, save_draft
from tdkt.plans.models import Plan, PlanDraft, PlanDraftStateChange
from tdkt.plans.transitions import PLAN_DRAFT
from tests.plans.support import make_draft

S = DraftState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# transition, its domain function, the persona who may, one who may not (a unit clerk, a council member).
CASES = [
    ("save", save_draft, "specialist", "clerk_a"),
    ("discard", discard_draft, "specialist", "council_member"),
]


def test_every_transition_has_a_case():
    assert {name for name, *_ in CASES} == {item.name for item in PLAN_DRAFT.transitions}
    assert PLAN_DRAFT.initial == S.OPEN and PlanDraft().state == S.OPEN


@pytest.mark.parametrize(("name", "function", "allowed", "refused"), CASES)
def test_the_importer_acts_another_persona_is_refused(world, name, function, allowed, refused):
    draft = make_draft(world.users["specialist"])
    assert PLAN_DRAFT.may(world.users[allowed], draft, name)
    assert not PLAN_DRAFT.may(world.users[refused], draft, name)
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ plan\ import\ preview\.$"):
        function(draft, by=world.users[refused])
    draft.refresh_from_db()
    assert draft.state == S.OPEN and not Plan.objects.exists()

    function(draft, by=world.users[allowed])
    draft.refresh_from_db()
    assert draft.state == PLAN_DRAFT[name].target
    assert (draft.plan is not None) == (name == "save") and Plan.objects.count() == (name == "save")
    change = PlanDraftStateChange.objects.get(draft=draft)
    assert (change.by, change.from_state, change.to_state, change.reason) == (
        world.users[allowed], S.OPEN, PLAN_DRAFT[name].target, "")
    assert PLAN_DRAFT.allowed(world.users[allowed], draft) == []


@pytest.mark.parametrize("first", ["save", "discard"])
@pytest.mark.parametrize("second", ["save", "discard"])
def test_two_loads_give_one_change_and_one_clear_refusal(world, first, second):
    specialist = world.users["specialist"]
    draft = make_draft(specialist)
    one, two = PlanDraft.objects.get(pk=draft.pk), PlanDraft.objects.get(pk=draft.pk)
    {"save": save_draft, "discard": discard_draft}[first](one, by=specialist)
    with pytest.raises(ValidationError, match=r"^(\['Someone\ else\ saved\ or\ discarded\ this\ preview\ first:\ it\ is\ now\ “Discarded”\.\ Reload\ the\ page\.'\]|\['Someone\ else\ saved\ or\ discarded\ this\ preview\ first:\ it\ is\ now\ “Saved\ as\ a\ plan”\.\ Reload\ the\ page\.'\])$") as refused:
        {"save": save_draft, "discard": discard_draft}[second](two, by=specialist)
    state = PLAN_DRAFT.state_label(PLAN_DRAFT[first].target)
    assert refused.value.messages == [
        f"Someone else saved or discarded this preview first: it is now “{state}”. Reload the page."]
    draft.refresh_from_db()
    assert draft.state == PLAN_DRAFT[first].target
    assert Plan.objects.count() == (first == "save")  # the refused save wrote no second plan
    assert PlanDraftStateChange.objects.filter(draft=draft).count() == 1


def test_a_closed_preview_is_refused_by_name(world):
    specialist = world.users["specialist"]
    draft = make_draft(specialist)
    discard_draft(draft, by=specialist)
    with pytest.raises(ValidationError, match=r"^\['This\ preview\ is\ no\ longer\ open:\ it\ is\ “Discarded”\.'\]$") as refused:
        save_draft(draft, by=specialist)
    assert refused.value.messages == ["This preview is no longer open: it is “Discarded”."]
    assert not Plan.objects.exists()


def test_history_and_audit_rows(world):
    specialist = world.users["specialist"]
    draft = make_draft(specialist)
    plan = save_draft(draft, by=specialist)
    assert (draft.state, draft.plan) == (S.SAVED, plan)
    change = PlanDraftStateChange.objects.get(draft=draft)
    assert (change.by, change.by_name, change.from_state, change.to_state) == (
        specialist, specialist.username, S.OPEN, S.SAVED)
    event = AuditEvent.objects.get(object_type="plans.plandraft", action=AuditAction.UPDATE)
    assert event.changes == {"state": [S.OPEN, S.SAVED], "reason": "", "plan": str(plan.pk)}
    assert AuditEvent.objects.filter(object_type="plans.plan", action=AuditAction.IMPORT).count() == 1

    other = make_draft(specialist)
    discard_draft(other, by=specialist)
    event = AuditEvent.objects.filter(object_type="plans.plandraft", action=AuditAction.UPDATE).latest("id")
    assert (event.object_id, event.changes) == (str(other.pk), {"state": [S.OPEN, S.DISCARDED], "reason": ""})


def test_the_generated_action_runs_the_domain_function(world):
    specialist = world.users["specialist"]
    draft = make_draft(specialist)
    plan = PLAN_DRAFT.run(draft, "save", by=specialist)
    assert isinstance(plan, Plan) and PlanDraft.objects.get(pk=draft.pk).plan == plan
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ plan\ import\ preview\.$"):
        PLAN_DRAFT.run(make_draft(specialist), "discard", by=world.users["clerk_a"])
    assert PLAN_DRAFT.get_for_user(specialist, draft.pk) == draft
