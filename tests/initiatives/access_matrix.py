"""Persona matrix rows of the initiatives register (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
A work of unit A: its clerk and the province read it; unit B's clerk gets 404; council members read all."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.initiatives import services


def _work_of_unit_a(world):
    return services.register_work(by=world.users["clerk_a"], unit=world.unit_a, authors=[(world.person_a, 100)],
                                  title="Sáng kiến quản lý thuốc", field="Y tế")


def _evidence_of_unit_a(world):
    work = _work_of_unit_a(world)
    return services.add_evidence(work, SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), by=world.users["clerk_a"])


def _evaluated_with_minutes(world):
    work = _work_of_unit_a(world)
    return services.evaluate_work(work, by=world.users["clerk_a"], meeting_date=datetime.date(2025, 5, 2),
                                  passed=True, members=[(world.person_a_child, 90, "")],
                                  minutes=SimpleUploadedFile("bb.pdf", b"%PDF-1.4\n%%EOF\n"))


MATRIX = [
    ("initiatives:list", None, [200, 200, 200, 200, 302]),
    ("initiatives:export", None, [200, 200, 200, 200, 302]),
    ("initiatives:new", None, [200, 200, 200, 403, 302]),
    ("initiatives:detail", "work_of_unit_a", [200, 200, 404, 200, 302]),
    ("initiatives:evaluate", "work_of_unit_a", [200, 200, 404, 403, 302]),
    ("initiatives:recognise", "work_of_unit_a", [200, 200, 404, 403, 302]),
    ("initiatives:add_evidence", "work_of_unit_a", [405, 405, 405, 403, 302]),
    ("initiatives:claim", "work_of_unit_a", [405, 405, 405, 403, 302]),
    ("initiatives:minutes", "evaluated_work_of_unit_a", [200, 200, 404, 200, 302]),
    ("initiatives:release_claim", "missing_claim", [405, 405, 405, 403, 302]),
    ("initiatives:evidence", "evidence_of_unit_a", [200, 200, 404, 200, 302]),
]

OBJECTS = {
    "work_of_unit_a": _work_of_unit_a,
    "evaluated_work_of_unit_a": _evaluated_with_minutes,
    "evidence_of_unit_a": _evidence_of_unit_a,
    "missing_claim": lambda world: {"pk": 987654},  # POST only: the method is refused before the lookup
}
