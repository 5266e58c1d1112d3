"""Persona rows of the statutory forms (/reports/forms/). A unit officer gets the own unit's form by default
(200); asking for another unit is 404 (tests/reports/forms/test_form_views.py)."""


def _form_0603(world):
    return {"circular": "02-2023", "form": "0603"}


def _cell_0603(world):
    return {"circular": "02-2023", "form": "0603", "row": "01", "column": "1"}


OBJECTS = {"stats_form_0603": _form_0603, "stats_cell_0603": _cell_0603}

SIGNED_IN = [200, 200, 200, 200, 302]
MATRIX = [
    ("reports:forms", None, SIGNED_IN),
    ("reports:form", "stats_form_0603", SIGNED_IN),
    ("reports:form_cell", "stats_cell_0603", SIGNED_IN),
    ("reports:form_xlsx", "stats_form_0603", SIGNED_IN),
    ("reports:form_pdf", "stats_form_0603", SIGNED_IN),
]
