"""Persona matrix rows of the nominees app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict."""


def _dossier_a(world):
    from tests.nominees.helpers import make_dossier

    return make_dossier(world.unit_a)


def _line_a(world):
    from tests.nominees.helpers import make_line

    return make_line(_dossier_a(world), person=world.person_a)


def _import_batch_a(world):
    from tests.nominees.helpers import make_line

    line = make_line(_dossier_a(world), person=world.person_a, import_batch="202601150900-abcdef12")
    return {"pk": line.dossier_id, "batch": line.import_batch}


def _quota(world):
    from tdkt.dossiers.models import NominationQuota
    from tests.nominees.helpers import award

    return NominationQuota.objects.create(year=2025, award_type=award("CSTD_CS"), unit=world.unit_a, max_count=2)


MATRIX = [
    ("nominees:lines", "nominees_dossier_a", [200, 200, 404, 200, 302]),
    ("nominees:line_rows", "nominees_dossier_a", [200, 200, 404, 200, 302]),
    ("nominees:line_add", "nominees_dossier_a", [200, 200, 404, 403, 302]),
    ("nominees:line_edit", "nominees_line_a", [200, 200, 404, 403, 302]),
    ("nominees:line_remove", "nominees_line_a", [405, 405, 405, 403, 302]),
    ("nominees:import", "nominees_dossier_a", [200, 200, 404, 403, 302]),
    ("nominees:import_paste", "nominees_dossier_a", [200, 200, 404, 403, 302]),
    ("nominees:import_result", "nominees_import_batch_a", [200, 200, 404, 403, 302]),
    ("nominees:import_review", "nominees_import_batch_a", [302, 302, 404, 403, 302]),
    ("nominees:import_template_xlsx", "nominees_dossier_a", [200, 200, 404, 403, 302]),
    ("nominees:import_template_docx", "nominees_dossier_a", [200, 200, 404, 403, 302]),
    ("nominees:import_undo", "nominees_import_batch_a", [405, 405, 405, 403, 302]),
    ("nominees:export_xlsx", "nominees_dossier_a", [200, 200, 404, 200, 302]),
    ("nominees:export_docx", "nominees_dossier_a", [200, 200, 404, 200, 302]),
    ("nominees:export_selection", None, [200, 403, 403, 403, 302]),
    ("nominees:quotas", None, [200, 403, 403, 403, 302]),
    ("nominees:quota_remove", "nominees_quota", [405, 403, 403, 403, 302]),
]
OBJECTS = {
    "nominees_dossier_a": _dossier_a,
    "nominees_line_a": _line_a,
    "nominees_import_batch_a": _import_batch_a,
    "nominees_quota": _quota,
}
