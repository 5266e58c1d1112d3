"""Persona matrix rows of the archive wizard (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
Unit A's batch: its clerk and the province specialist; unit B's clerk gets 404, a council member 403 (not an
archivist role). The scan download is for whoever reads unit A's records: the council member too."""


def _batch_a(world):
    from tdkt.awards.archive.models import LineStatus
    from tdkt.awards.models import AwardType
    from tests.awards.archive.support import decision_pdf, stored_read_batch

    return stored_read_batch(world.users["clerk_a"], world.unit_a, pdf=decision_pdf(), lines=[
        ("Nguyễn Văn An", LineStatus.LINKED, world.person_a, AwardType.objects.get(code="BK_TINH"), "")])


def _document_a(world):
    return _batch_a(world).documents.get()


MATRIX = [
    ("awards:archive_list", None, [200, 200, 200, 403, 302]),
    ("awards:archive_upload", None, [200, 200, 200, 403, 302]),
    ("awards:archive_detail", "archive_batch_a", [200, 200, 404, 403, 302]),
    ("awards:archive_commit", "archive_batch_a", [200, 200, 404, 403, 302]),
    ("awards:archive_document", "archive_document_a", [200, 200, 404, 403, 302]),
    ("awards:archive_page", "archive_page_a", [200, 200, 404, 403, 302]),
    ("awards:archive_file", "archive_document_a", [200, 200, 404, 403, 302]),
    ("awards:archive_scan", "archive_document_a", [200, 200, 404, 200, 302]),
    ("awards:archive_line", "archive_line_a", [405, 405, 405, 403, 302]),
]
OBJECTS = {
    "archive_batch_a": _batch_a,
    "archive_document_a": _document_a,
    "archive_page_a": lambda world: {"pk": _document_a(world).pk, "page": 1},
    "archive_line_a": lambda world: _document_a(world).lines.get(),
}
