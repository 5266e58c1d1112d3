"""Persona matrix rows of the unit workspace (core; collected by tests/test_access_map.py)."""


def _workspace_unit_a(world):
    """Unit A (Sở Y tế) with its own issuing authority (QĐ-SYT)."""
    from tests.factories import make_authority

    make_authority(world.unit_a, symbol="QĐ-SYT")
    return world.unit_a


MATRIX = [
    ("core:my_workspace", None, [200, 200, 200, 200, 302]),
    ("core:workspace", "workspace_unit_a", [200, 200, 404, 200, 302]),
]

OBJECTS = {"workspace_unit_a": _workspace_unit_a}
