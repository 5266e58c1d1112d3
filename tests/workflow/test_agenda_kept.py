""""Việc của tôi" kept per user while nothing it reads has changed (tdkt.workflow.agenda_version): a second read
costs one query plus the registered sources; any saved change, state change or another process's commit is seen
at once; rows written by reading (sessions, access logs) do not empty the kept agendas."""

import datetime

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection, transaction
from django.db.models.deletion import Collector
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier
from tdkt.workflow import agenda_version
from tdkt.workflow.agenda import SOURCES, agenda
from tdkt.workflow.machine import MACHINES
from tdkt.workflow.primitive import change_states


def _returned(world, title):
    return Dossier.objects.create(unit=world.unit_a, year=2025, title=title, state=DossierState.RETURNED)


def _titles(user):
    return [item.title for item in agenda(type(user).objects.get(pk=user.pk)) if item.kind == "dossier"]


def _queries(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured.captured_queries)


def test_a_second_read_with_nothing_changed_costs_one_query_and_the_sources(world):
    clerk = world.users["clerk_a"]
    _returned(world, "Hồ sơ trả lại")
    user = type(clerk).objects.get(pk=clerk.pk)
    first = _queries(lambda: agenda(user))
    sources = _queries(lambda: [source(user) for source in SOURCES.values()])
    second = _queries(lambda: agenda(user))
    assert second == 1 + sources
    assert first > second
    assert _titles(clerk) == ["Hồ sơ trả lại"]


def test_a_saved_change_is_seen_at_once(world):
    clerk = world.users["clerk_a"]
    dossier = _returned(world, "Tên cũ")
    assert _titles(clerk) == ["Tên cũ"]
    dossier.title = "Tên mới"
    dossier.save(update_fields=["title"])
    assert _titles(clerk) == ["Tên mới"]
    _returned(world, "Hồ sơ thứ hai")
    assert sorted(_titles(clerk)) == ["Hồ sơ thứ hai", "Tên mới"]
    dossier.delete()
    assert _titles(clerk) == ["Hồ sơ thứ hai"]


def test_a_bulk_state_change_through_the_primitive_is_seen_at_once(world):
    """change_states writes by UPDATE and bulk inserts (no model signal): its state_changed signal raises the
    version."""
    clerk = world.users["clerk_a"]
    dossiers = [_returned(world, f"Hồ sơ {i}") for i in range(3)]
    assert len(_titles(clerk)) == 3
    change_states(MACHINES["dossier"], dossiers, DossierState.AWAITING_APPROVAL, by=clerk,
                  allowed_from={DossierState.RETURNED})
    assert _titles(clerk) == []


def test_another_process_commit_is_seen_through_the_shared_version(world):
    clerk = world.users["clerk_a"]
    dossier = _returned(world, "Tên cũ")
    assert _titles(clerk) == ["Tên cũ"]
    # Another process writes and commits: this process's signals see nothing, its number stays.
    Dossier.objects.filter(pk=dossier.pk).update(title="Tên do máy khác sửa")
    assert _titles(clerk) == ["Tên cũ"]  # kept: nothing told this process yet (at most KEPT_SECONDS)
    agenda_version._raise_shared()  # what the other process does after its commit
    assert _titles(clerk) == ["Tên do máy khác sửa"]


@pytest.mark.django_db(transaction=True)
def test_the_shared_version_rises_once_per_commit_and_not_for_a_rollback(world):
    before = agenda_version.shared_version()
    with transaction.atomic():
        for i in range(3):
            _returned(world, f"Hồ sơ {i}")
        assert agenda_version.shared_version() == before  # not before the commit
    assert agenda_version.shared_version() == before + 1
    _returned(world, "Hồ sơ ngoài giao dịch")  # autocommit: at once
    assert agenda_version.shared_version() == before + 2
    with pytest.raises(RuntimeError, match="undone"), transaction.atomic():
        _returned(world, "Hồ sơ bị hủy")
        raise RuntimeError("undone")
    assert agenda_version.shared_version() == before + 2


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_takes_its_raise_and_a_later_write_brings_it_back(world):
    before = agenda_version.shared_version()
    with transaction.atomic():
        with pytest.raises(RuntimeError, match="undone"), transaction.atomic():
            _returned(world, "Hồ sơ bị hủy")
            raise RuntimeError("undone")
        _returned(world, "Hồ sơ giữ lại")
    assert agenda_version.shared_version() == before + 1


def test_rows_written_by_reading_or_signing_in_change_nothing(world, django_capture_on_commit_callbacks):
    clerk = world.users["clerk_a"]
    _returned(world, "Hồ sơ trả lại")
    user = type(clerk).objects.get(pk=clerk.pk)
    key = agenda_version.current(user, timezone.localdate())
    with django_capture_on_commit_callbacks() as callbacks:
        session = SessionStore()
        session["x"] = 1
        session.save()  # a page marks the session active
        record(clerk, AuditAction.VIEW_PERSONAL, world.person_a)  # a read of personal data, logged
        clerk.last_login = timezone.now()
        clerk.save(update_fields=["last_login"])  # signing in
    assert callbacks == []
    assert agenda_version.current(user, timezone.localdate()) == key
    clerk.first_name = "Lan"
    clerk.save(update_fields=["first_name"])  # the user himself changed: his roles may have
    assert agenda_version.current(user, timezone.localdate()) != key


def test_the_key_names_the_user_the_day_and_the_language(world):
    clerk, specialist = world.users["clerk_a"], world.users["specialist"]
    today = timezone.localdate()
    key = agenda_version.current(clerk, today)
    assert agenda_version.current(specialist, today) != key
    assert agenda_version.current(clerk, today + datetime.timedelta(days=1)) != key
    with translation.override("en"):
        assert agenda_version.current(clerk, today) != key


@pytest.mark.django_db(transaction=True)
def test_a_failed_raise_after_the_commit_does_not_fail_the_write(world, monkeypatch, caplog):
    """The commit is done when the shared number is raised: a lock timeout there is logged, never the user's
    error (the numbering test's retries once signed a decision twice when it was)."""

    def locked():
        raise OperationalError("database is locked")

    monkeypatch.setattr(agenda_version, "_version_model", locked)
    with transaction.atomic():
        dossier = _returned(world, "Hồ sơ vẫn được lưu")
    assert Dossier.objects.get(pk=dossier.pk).title == "Hồ sơ vẫn được lưu"
    assert "database is locked" in caplog.text


def test_every_ignored_model_is_an_installed_model():
    installed = {model._meta.label_lower for model in apps.get_models(include_auto_created=True)}
    assert sorted(agenda_version.IGNORED_MODELS - installed) == []


@pytest.mark.parametrize("label", ["awards.importrow", "awards.archivedline", "sessions.session", "audit.auditevent"])
def test_the_bulk_tables_keep_their_one_statement_delete(label):
    """A listener on a model makes QuerySet.delete() load every row first: the staging tables re-made in bulk, the
    sessions and the log keep Django's fast delete."""
    model = apps.get_model(label)
    assert Collector(using="default", origin=None).can_fast_delete(model.objects.none())


def test_a_listened_model_is_no_longer_fast_deleted():
    """The other side of the test above: a membership (no row refers to it) is deleted one by one, so that a
    revoked role is seen at once."""
    model = apps.get_model("accounts.membership")
    assert not Collector(using="default", origin=None).can_fast_delete(model.objects.none())
