"""The eligibility parameters of this deployment's province: the national defaults plus its own regulation.

The engine is framework-free and caches per Parameters object, so one object per province name is built
once and handed to every check (pages, exports, the worker's refresh).
"""

from dataclasses import replace
from functools import lru_cache

from django.conf import settings

from tdkt.eligibility.params import DEFAULT_PARAMETERS, Parameters
from tdkt.eligibility.regulations import regulation_of


@lru_cache(maxsize=8)
def _parameters_of(province: str) -> Parameters:
    return replace(DEFAULT_PARAMETERS, regulation=regulation_of(province))


def province_parameters() -> Parameters:
    """Parameters citing settings.PROVINCE_NAME's own regulation, and no other province's."""
    return _parameters_of(settings.PROVINCE_NAME)
