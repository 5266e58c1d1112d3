"""Two specialists accepting the last place of a quota at once: the quota's row is locked before the lines
are counted, so the second waits for the first, counts its line and is refused (never both accepted)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from tdkt.dossiers import line_decisions
from tdkt.dossiers.models import Nomination, NominationQuota
from tests.factories import make_user
from tests.nominees.helpers import award, make_dossier, make_line, make_people

ELIGIBLE = {"verdict": "eligible", "findings": []}


def _with_sqlite_retry(job):
    """The in-memory shared-cache SQLite test database answers a second writer "locked" at once instead of
    waiting: the job retries as a user clicking again would (its failed attempt rolled back whole)."""
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded catalogue
def test_two_specialists_taking_the_last_place_at_once_one_is_refused(world):
    NominationQuota.objects.create(year=2025, award_type=award("LDTT"), unit=world.unit_a, max_count=2)
    earlier = make_dossier(world.unit_a, state="in_appraisal", title="Hồ sơ đợt 1")
    dossier = make_dossier(world.unit_a, state="in_appraisal")
    people = make_people(world.unit_a, 3)
    make_line(earlier, person=people[0], state="accepted")
    lines = [make_line(dossier, person=person, position=index, verdict_at_appraisal=ELIGIBLE)
             for index, person in enumerate(people[1:], start=1)]
    first = world.users["clerk_a"].memberships.get()  # the unit's round: its officers decide the lines
    specialists = [world.users["clerk_a"], make_user("vanthu.a2", role=first.role, unit=first.unit)]
    barrier = threading.Barrier(2)
    refusals, errors = [], []

    def accept(line, by):
        try:
            barrier.wait(timeout=30)
            _with_sqlite_retry(lambda: line_decisions.accept_line(Nomination.objects.select_related("dossier").get(
                pk=line.pk), by=by))
        except ValidationError as exc:
            refusals.extend(exc.messages)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(line, by)) for line, by in zip(lines, specialists, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    states = sorted(Nomination.objects.filter(dossier=dossier).values_list("state", flat=True))
    assert states == ["accepted", "proposed"]
    assert len(refusals) == 1
    assert refusals[0].startswith("Vượt chỉ tiêu: “Lao động tiên tiến” của Sở Y tế năm 2025 tối đa 2 trường hợp "
                                  "(chỉ tiêu chưa ghi căn cứ); đã chấp thuận 2 trường hợp (trong hồ sơ ")
