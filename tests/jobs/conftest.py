import pytest

from tests.jobs.support import register_test_kinds, unregister_test_kinds


@pytest.fixture(autouse=True)
def test_kinds():
    register_test_kinds()
    yield
    unregister_test_kinds()
