"""Persona matrix rows of the portal app: public pages answer everybody, signed in or not."""

from tests.certificates.support import certificate_of, decision_of
from tests.portal.support import launched_movement, published_with_file

MATRIX = [
    ("portal:index", None, [200, 200, 200, 200, 200]),
    ("portal:search", None, [200, 200, 200, 200, 200]),
    ("portal:decisions", None, [200, 200, 200, 200, 200]),
    ("portal:decision", "published_decision", [200, 200, 200, 200, 200]),
    ("portal:decision_signed_pdf", "published_decision_with_file", [200, 200, 200, 200, 200]),
    ("portal:verify", None, [200, 200, 200, 200, 200]),
    ("portal:verify_code", "certificate_code", [200, 200, 200, 200, 200]),
    ("portal:movements", None, [200, 200, 200, 200, 200]),
    ("portal:movement", "launched_movement", [200, 200, 200, 200, 200]),
]
OBJECTS = {"published_decision": decision_of, "certificate_code": lambda world: {"code": certificate_of(world).code},
           "published_decision_with_file": published_with_file, "launched_movement": lambda world: launched_movement()}
