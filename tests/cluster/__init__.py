"""`make test-cluster` (scripts/cluster_check.py): two gunicorn nodes and two workers behind one nginx against one
PostgreSQL, on localhost. Not part of `make test`: no file here is named test_*.py, so pytest collects none."""
