"""Demo province builder used by `manage.py seed_demo` (fixture data, not workflow)."""
