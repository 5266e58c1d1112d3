"""Persona matrix rows of the portal app: public pages answer everybody, signed in or not."""

from tests.certificates.support import certificate_of, decision_of

MATRIX = [
    ("portal:index", None, [200, 200, 200, 200, 200]),
    ("portal:decisions", None, [200, 200, 200, 200, 200]),
    ("portal:decision", "published_decision", [200, 200, 200, 200, 200]),
    ("portal:verify", None, [200, 200, 200, 200, 200]),
    ("portal:verify_code", "certificate_code", [200, 200, 200, 200, 200]),
]
OBJECTS = {"published_decision": decision_of, "certificate_code": lambda world: {"code": certificate_of(world).code}}
