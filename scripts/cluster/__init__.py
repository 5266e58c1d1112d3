"""`make test-cluster` (scripts/cluster_check.py): two gunicorn nodes and two workers behind one nginx against one
PostgreSQL, on localhost. Outside tests/ on purpose: the suite keeps throwaway clusters out of itself
(tests/test_conventions.py), and nothing here is collected by `make test`."""
