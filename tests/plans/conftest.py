import pytest

from tests.plans.seeds import seed_path


@pytest.fixture
def seed():
    """seed("lao_cai") -> Path of that seed plan, skipping the test when shared/seeds/ is missing."""
    return seed_path
