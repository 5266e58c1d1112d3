"""Persona matrix rows of the certificates app (collected by tests/test_access_map.py)."""

from tests.certificates.support import certificate_of, decision_of, health_authority, template_of

MATRIX = [
    # A province decision's certificates are the province's: a unit's officer is a 404 (its own decisions' are its).
    ("certificates:decision", "published_decision", [200, 404, 404, 403, 302]),
    ("certificates:print_decision", "published_decision", [405, 405, 405, 403, 302]),
    ("certificates:print_one", "certificate", [405, 405, 405, 403, 302]),
    ("certificates:templates", None, [200, 403, 403, 403, 302]),
    ("certificates:template_create", None, [200, 403, 403, 403, 302]),
    ("certificates:template_edit", "certificate_template", [200, 403, 403, 403, 302]),
    ("certificates:template_preview", "certificate_template", [200, 403, 403, 403, 302]),
    # Sở Y tế's clerk sets Sở Y tế's own blank; another unit's clerk gets a 404.
    ("certificates:authority_layout", "health_authority", [200, 200, 404, 403, 302]),
]
OBJECTS = {"published_decision": decision_of, "certificate": certificate_of, "certificate_template": template_of,
           "health_authority": health_authority}
