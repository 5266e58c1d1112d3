"""Persona matrix rows of the work reports (collected by tests/test_access_map.py). Personas: specialist,
clerk_a, clerk_b, council_member, anonymous."""

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _submission_of_unit_a(world):
    from tdkt.reports.work import services

    return services.send(world.unit_a, kind="year_end", year=2026, by=world.users["clerk_a"],
                         uploaded=SimpleUploadedFile("bao-cao-syt.pdf", PDF))


OBJECTS = {"work_submission_of_unit_a": _submission_of_unit_a}

MATRIX = [
    ("reports:work_index", None, [200, 200, 200, 200, 302]),
    ("reports:work_draft", None, [200, 200, 200, 200, 302]),  # the province's, or the officer's own unit's
    ("reports:work_send", "unit_a", [200, 200, 404, 403, 302]),
    ("reports:work_submissions", None, [200, 403, 403, 403, 302]),
    ("reports:work_submissions_xlsx", None, [200, 403, 403, 403, 302]),
    ("reports:work_file", "work_submission_of_unit_a", [200, 200, 404, 200, 302]),
]
