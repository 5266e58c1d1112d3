"""Persona rows of the dashboards (tests/test_access_map.py collects them): the province's dashboard, its
export and the equity targets for the province-wide roles; a unit's dashboard for its officers and the
province (another unit's is 404)."""

MATRIX = [
    ("reports:dashboard", None, [200, 403, 403, 403, 302]),
    ("reports:unit_dashboard", "unit_a", [200, 200, 404, 200, 302]),
    ("reports:dashboard_xlsx", None, [200, 404, 404, 404, 302]),
    ("reports:equity_targets", None, [200, 403, 403, 403, 302]),
]
