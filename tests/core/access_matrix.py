"""Persona matrix rows of the unit workspace (core; collected by tests/test_access_map.py)."""


def _workspace_unit_a(world):
    """Unit A (Sở Y tế) with its own issuing authority (QĐ-SYT)."""
    from tests.factories import make_authority

    make_authority(world.unit_a, symbol="QĐ-SYT")
    return world.unit_a


MATRIX = [
    ("core:my_workspace", None, [200, 200, 200, 200, 302]),
    ("core:workspace", "workspace_unit_a", [200, 200, 404, 200, 302]),
    # The header's search, the in-app guide and the about page (navigation, issue 21).
    ("core:search", None, [200, 200, 200, 200, 302]),
    ("core:guide_index", None, [200, 200, 200, 200, 200]),
    ("core:guide_page", "guide_page_dossiers", [200, 200, 200, 200, 200]),
    ("core:about", None, [200, 200, 200, 200, 200]),
    ("core:import_template", "import_template_people", [200, 200, 200, 200, 302]),
]

OBJECTS = {"workspace_unit_a": _workspace_unit_a, "guide_page_dossiers": lambda world: {"page": "ho-so-de-nghi"},
           "import_template_people": lambda world: {"layout": "ca-nhan"}}
