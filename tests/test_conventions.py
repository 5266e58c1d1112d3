"""Conventions of the test suite itself, checked on its source (AST walk, no test is run).

- `pytest.raises(...)` always says which message it expects (`match=`, an anchored regex of the real message,
  usually `re.escape`d): an exception of the right type but for another reason must not pass a test.
- Property tests leave `max_examples` to the Hypothesis profile (`dev` quick by default, `ci` thorough under
  CI=true: tests/conftest.py), except to lower it for an expensive example.
- Benchmarks and throwaway database clusters stay out of the suite (`make bench`, `make test-postgres`).
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MAX_EXAMPLES_CEILING = 25  # the dev profile's count: lowering it is fine, raising it is the profile's job


def _sources():
    for path in sorted(TESTS.rglob("*.py")):
        relative = path.relative_to(TESTS).as_posix()
        yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_call_to(node, module: str, name: str) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name
            and isinstance(node.func.value, ast.Name) and node.func.value.id == module)


def raises_without_match(tree) -> list[int]:
    """Lines of `pytest.raises(...)` calls without match= (the callable form included)."""
    return [node.lineno for node in ast.walk(tree)
            if _is_call_to(node, "pytest", "raises") and not any(k.arg == "match" for k in node.keywords)]


def test_every_pytest_raises_checks_the_message():
    missing = [f"tests/{relative}:{line}" for relative, tree in _sources() for line in raises_without_match(tree)]
    assert missing == [], "pytest.raises without match= (give the exact message, anchored):\n" + "\n".join(missing)


def test_the_check_finds_a_raises_without_match():
    tree = ast.parse("import pytest\nwith pytest.raises(ValueError):\n    pass\n"
                     "with pytest.raises(ValueError, match=r'^boom$'):\n    pass\n")
    assert raises_without_match(tree) == [2]


def test_property_tests_leave_max_examples_to_the_profile():
    raised = []
    for relative, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "settings":
                for keyword in node.keywords:
                    if (keyword.arg == "max_examples" and isinstance(keyword.value, ast.Constant)
                            and keyword.value.value > MAX_EXAMPLES_CEILING):
                        raised.append(f"tests/{relative}:{node.lineno} max_examples={keyword.value.value}")
    assert raised == []


def test_benchmarks_and_clusters_stay_out_of_the_suite():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == "test_conventions.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "pg_cluster.sh" in text or "bench/" in text or "from bench" in text:
            offenders.append(path.relative_to(TESTS).as_posix())
    assert offenders == []
