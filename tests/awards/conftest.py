import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Exact English source messages; the "…_in_vietnamese" tests switch to "vi" themselves."""
    with translation.override("en"):
        yield
