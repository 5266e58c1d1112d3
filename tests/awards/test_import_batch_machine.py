"""The import batch's declared machine (issue 11): who performs each transition, the race between two
loads, and the history row each transition leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.awards.imports import services
from tdkt.awards.imports.models import BatchState, ImportBatch, ImportBatchStateChange
from tdkt.awards.imports.transitions import IMPORT_BATCH
from tdkt.workflow.machine import SYSTEM

from .import_support import RATING_HEADER, commit_batch, import_all

# transition, from, to, the persona that performs it (SYSTEM: a command or the worker), one that is refused
CASES = [
    ("start_validation", BatchState.DRAFT, BatchState.VALIDATING, "clerk_a", "clerk_b"),
    ("revalidate", BatchState.VALIDATED, BatchState.VALIDATING, "specialist", "council_member"),
    ("revalidate", BatchState.FAILED, BatchState.VALIDATING, "clerk_a", "signer"),
    ("validated", BatchState.VALIDATING, BatchState.VALIDATED, SYSTEM, "specialist"),
    ("validation_failed", BatchState.VALIDATING, BatchState.FAILED, SYSTEM, "clerk_a"),
    ("start_commit", BatchState.VALIDATED, BatchState.COMMITTING, "admin", "clerk_b"),
    ("committed", BatchState.COMMITTING, BatchState.COMMITTED, SYSTEM, "specialist"),
    ("commit_failed", BatchState.COMMITTING, BatchState.FAILED, SYSTEM, "admin"),
]


def make_batch(world, state) -> ImportBatch:
    """A batch of unit A uploaded by clerk A, put in `state` (a fixture: only the primitive writes states in src)."""
    return ImportBatch.objects.create(kind="ratings", uploaded_by=world.users["clerk_a"], unit=world.unit_a,
                                      original_name="x.csv", sha256="0" * 64, state=state)


def test_every_declared_transition_has_a_case():
    assert {name for name, *_rest in CASES} == {item.name for item in IMPORT_BATCH.transitions}


@pytest.mark.parametrize(("name", "source", "target", "actor", "other"), CASES,
                         ids=[f"{case[0]}-from-{case[1]}" for case in CASES])
def test_the_actor_performs_the_transition_and_another_is_refused(world, name, source, target, actor, other):
    batch = make_batch(world, source)
    # A SYSTEM step is performed by the import's own functions; from outside (buttons, API) nobody may run it.
    attempt = IMPORT_BATCH.run if actor == SYSTEM else IMPORT_BATCH.perform
    with pytest.raises(PermissionDenied, match=r"^You may not do this on this import batch\.$"):
        attempt(batch, name, by=world.users[other])
    assert ImportBatch.objects.get(pk=batch.pk).state == source
    assert not ImportBatchStateChange.objects.filter(batch=batch).exists()

    by = SYSTEM if actor == SYSTEM else world.users[actor]
    IMPORT_BATCH.perform(batch, name, by=by, reason="why")
    assert ImportBatch.objects.get(pk=batch.pk).state == target
    change = ImportBatchStateChange.objects.get(batch=batch)
    assert (change.from_state, change.to_state, change.reason) == (source, target, "why")
    if actor == SYSTEM:
        assert (change.by, change.by_name) == (None, SYSTEM)
    else:
        assert (change.by, change.by_name) == (world.users[actor], world.users[actor].username)


def test_of_two_loads_the_second_is_told_someone_else_acted_first(world):
    batch = make_batch(world, BatchState.VALIDATED)
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)
    IMPORT_BATCH.perform(first, "start_commit", by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Someone else changed this import first: it is now “Being "
                                              r"imported”\. Reload the page and try again\.'\]$"):
        IMPORT_BATCH.perform(second, "start_commit", by=world.users["specialist"])
    assert ImportBatchStateChange.objects.filter(batch=batch).count() == 1
    assert ImportBatch.objects.get(pk=batch.pk).state == BatchState.COMMITTING


def test_a_second_commit_of_the_same_batch_is_refused(world):
    batch = make_batch(world, BatchState.VALIDATED)  # no rows: nothing to record, the commit still runs
    stale = ImportBatch.objects.get(pk=batch.pk)
    assert services.start_commit(batch, by=world.users["clerk_a"]).state == BatchState.COMMITTED
    with pytest.raises(ValidationError, match=r"^\['This import cannot do that now: it is “Imported”\.'\]$"):
        services.start_commit(stale, by=world.users["specialist"])
    assert ImportBatchStateChange.objects.filter(batch=batch).count() == 2  # start_commit, committed


def test_a_whole_import_leaves_one_history_row_per_transition(world):
    clerk = world.users["clerk_a"]
    batch = import_all(clerk, world.unit_a, [RATING_HEADER, ["Lò Văn Nam", "1991", "SYT", 2023, "HTNV"]],
                       kind="ratings")
    assert batch.state == BatchState.COMMITTED, batch.error
    history = list(ImportBatchStateChange.objects.filter(batch=batch).order_by("id")
                   .values_list("from_state", "to_state", "by", "by_name", "extra"))
    assert history == [
        ("draft", "validating", clerk.pk, clerk.username, {}),
        ("validating", "validated", None, SYSTEM, {"for": clerk.username}),
        ("validated", "committing", clerk.pk, clerk.username, {}),
        ("committing", "committed", None, SYSTEM, {"for": clerk.username}),
    ]


def test_a_failed_commit_keeps_its_error_as_the_reason(world):
    batch = make_batch(world, BatchState.COMMITTING)
    # a row that is not ready fails the commit (ImportCommitError), nothing is saved
    batch.rows.create(number=2, raw={}, parsed={}, status="review")
    batch = commit_batch(batch, by=world.users["clerk_a"])
    assert batch.state == BatchState.FAILED
    assert batch.error == "The import failed and nothing was saved: Row 2: Needs review"
    change = ImportBatchStateChange.objects.get(batch=batch)
    assert (change.from_state, change.to_state, change.reason) == ("committing", "failed", "Row 2: Needs review")



def test_the_generated_action_runs_the_service_not_the_bare_transition(world):
    batch = make_batch(world, BatchState.VALIDATED)  # no rows: the service commits at once
    IMPORT_BATCH.run(batch, "start_commit", by=world.users["clerk_a"])
    assert batch.state == BatchState.COMMITTED  # start_commit, then the commit itself (not left "committing")
    assert list(ImportBatchStateChange.objects.filter(batch=batch).values_list("to_state", flat=True)) == [
        "committing", "committed"]


def test_a_check_that_breaks_leaves_the_batch_failed_with_its_error(world, monkeypatch):
    def broken(batch, *, by, progress=None):
        raise RuntimeError("unreadable sheet")

    monkeypatch.setattr(services, "run_validation", broken)
    batch = make_batch(world, BatchState.DRAFT)
    with pytest.raises(RuntimeError, match=r"^unreadable sheet$"):
        services.validate_batch(batch, by=world.users["clerk_a"])
    batch.refresh_from_db()
    assert (batch.state, batch.error) == (BatchState.FAILED, "unreadable sheet")
    assert list(ImportBatchStateChange.objects.filter(batch=batch).order_by("id")
                .values_list("from_state", "to_state", "reason")) == [
        ("draft", "validating", ""), ("validating", "failed", "unreadable sheet")]
