"""Decision numbers: gap-free and never repeated, also when 8 signings run at once on the real database
(threads, each with its own connection; SQLite serialises through its IMMEDIATE transactions,
PostgreSQL through the locked counter row)."""

import datetime
import threading
import time

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from tdkt.accounts.enums import Role
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision, DecisionNumberCounter
from tdkt.decisions.numbering import take_number
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes
from tests.factories import make_head_post, make_person, make_user

CONCURRENT = 8


def _approved_drafts(world, authority, count):
    dossier = make_dossier(world.unit_a)
    drafts = []
    for index in range(count):
        person = make_person(f"Nguyễn Văn Số {index}", unit=world.unit_a)
        nomination = approved(dossier, person=person, position=index)
        (decision,) = services.draft_decisions([nomination], by=world.users["specialist"], authority=authority)
        services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
        drafts.append(decision)
    return drafts


def _with_sqlite_retry(job):
    """The SQLite test database is in memory with a shared cache, where a second writer gets
    SQLITE_LOCKED at once instead of waiting (busy_timeout does not apply to shared-cache locks, unlike
    the file database of a real installation). The job then retries, as a user clicking again would;
    the failed attempt rolled back whole, so numbers must still come out without gaps or repeats."""
    if connection.vendor != "sqlite":
        return job()
    for _attempt in range(400):
        try:
            return job()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.02)
    raise AssertionError("the database stayed locked")


def _run_at_once(jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            _with_sqlite_retry(job)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded catalogue
def test_eight_concurrent_signings_get_numbers_one_to_eight(world):
    authority = make_authority()
    drafts = _approved_drafts(world, authority, CONCURRENT)
    signer = world.users["specialist"]
    data = pdf_bytes()

    def job(decision):
        return lambda: services.sign_decision(Decision.objects.get(pk=decision.pk), by=signer, signed_pdf=data,
                                              signed_on=SIGNED_ON)

    errors = _run_at_once([job(decision) for decision in drafts])
    assert errors == []
    numbers = sorted(Decision.objects.filter(authority=authority).values_list("number", flat=True))
    assert numbers == list(range(1, CONCURRENT + 1))
    assert set(Decision.objects.values_list("state", flat=True)) == {DecisionState.SIGNED}
    assert DecisionNumberCounter.objects.get(authority=authority, year=2026).last_number == CONCURRENT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded catalogue
def test_two_decisions_racing_for_one_number_get_two(world):
    authority = make_authority()
    first, second = _approved_drafts(world, authority, 2)
    taken = []

    def take(decision):
        def run():
            services.assign_number(Decision.objects.get(pk=decision.pk), by=world.users["specialist"], year=2026)
            taken.append(Decision.objects.get(pk=decision.pk).number)
        return run

    assert _run_at_once([take(first), take(second)]) == []
    assert sorted(taken) == [1, 2]


def test_a_failed_signing_returns_its_number(world):
    authority = make_authority()
    (decision,) = _approved_drafts(world, authority, 1)
    with pytest.raises(Exception, match=r"^scanner jammed$"), transaction.atomic():  # noqa: B017 - any failure must roll the number back
        take_number(authority, 2026)
        raise RuntimeError("scanner jammed")
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    assert decision.number == 1


def test_a_duplicate_number_is_refused_by_the_database(world):
    authority = make_authority()
    first, second = _approved_drafts(world, authority, 2)
    Decision.objects.filter(pk=first.pk).update(number=5, year=2026)
    with pytest.raises(IntegrityError, match=r"(?s)^(UNIQUE constraint failed: decisions_decision\.authority_id, decisions_decision\.year, decisions_decision\.number|duplicate key value violates unique constraint .*)$"), transaction.atomic():
        Decision.objects.filter(pk=second.pk).update(number=5, year=2026)


def test_numbers_restart_each_year_and_per_authority(world):
    authority = make_authority()
    other = make_authority(name="Sở Nội vụ tỉnh Lào Cai", symbol="QĐ-SNV")
    with transaction.atomic():
        assert [take_number(authority, 2026), take_number(authority, 2026), take_number(authority, 2027),
                take_number(other, 2026)] == [1, 2, 1, 1]


def test_a_numbered_decision_cannot_go_back_to_draft(world):
    authority = make_authority()
    (decision,) = _approved_drafts(world, authority, 1)
    services.assign_number(decision, by=world.users["specialist"], year=2026)
    with pytest.raises(Exception, match=r"^\['Quyết định đã được cấp số 01/QĐ-UBND: chỉ có thể ký ban hành\.'\]$") as error:
        services.return_to_draft(decision, by=world.users["signer"], reason="Sửa lại")
    assert error.value.messages == ["Quyết định đã được cấp số 01/QĐ-UBND: chỉ có thể ký ban hành."]
    signed = services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(),
                                    signed_on=datetime.date(2026, 7, 10))
    assert (signed.number, signed.year) == (1, 2026)


def _unit_drafts(world, authority, count):
    """Approved drafts of the Sở Y tế's own round (LĐTT, decided by its director), drafted by its officer."""
    dossier = make_dossier(world.unit_a, receiving_authority=authority)
    director = make_user("giamdoc.syt", role=Role.UNIT_LEADER, unit=world.unit_a)
    make_head_post(authority, director)  # the director signs his own unit's decisions
    drafts = []
    for index in range(count):
        person = make_person(f"Trần Thị Số {index}", unit=world.unit_a)
        nomination = approved(dossier, person=person, position=index, code="LDTT")
        (decision,) = services.draft_decisions([nomination], by=world.users["clerk_a"])
        services.approve_for_signing(cite_proposal(decision), by=director)
        drafts.append(decision)
    return drafts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded catalogue
def test_two_authorities_numbering_at_once_each_get_one_to_n_without_gap_or_clash(world):
    """The province and the Sở Y tế sign 4 decisions each, all 8 at once: each authority's register runs
    1, 2, 3, 4 for the year ("…/QĐ-UBND" and "…/QĐ-SYT"), neither waits on nor takes from the other."""
    from tests.factories import make_authority as make_unit_authority

    province = make_authority()
    unit = make_unit_authority(world.unit_a, symbol="QĐ-SYT")
    drafts = _approved_drafts(world, province, CONCURRENT // 2) + _unit_drafts(world, unit, CONCURRENT // 2)
    data = pdf_bytes()

    def job(decision):  # the văn thư of each authority: the standing body's, the Sở Y tế's own officer
        recorder = world.users["specialist"] if decision.authority_id == province.pk else world.users["clerk_a"]
        return lambda: services.sign_decision(Decision.objects.get(pk=decision.pk), by=recorder,
                                              signed_pdf=data, signed_on=SIGNED_ON)

    interleaved = [drafts[index // 2 + (CONCURRENT // 2) * (index % 2)] for index in range(CONCURRENT)]
    assert _run_at_once([job(decision) for decision in interleaved]) == []
    numbers = {authority.symbol: sorted(Decision.objects.filter(authority=authority).values_list("number", flat=True))
               for authority in (province, unit)}
    assert numbers == {"QĐ-UBND": [1, 2, 3, 4], "QĐ-SYT": [1, 2, 3, 4]}
    assert sorted(Decision.objects.filter(authority=unit).values_list("number", "year")) == [
        (1, 2026), (2, 2026), (3, 2026), (4, 2026)]
    assert {counter.authority_id: counter.last_number for counter in DecisionNumberCounter.objects.all()} == {
        province.pk: 4, unit.pk: 4}
