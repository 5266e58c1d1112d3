"""Framework-free eligibility engine: dataclasses in, findings out; every rule cites its article.

No Django imports anywhere in this package (tests/eligibility/test_purity.py checks it).
"""
