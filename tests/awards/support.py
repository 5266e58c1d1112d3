"""Helpers shared by the award registry tests."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

THIS_YEAR = timezone.localdate().year


def refusal(call) -> dict:
    """The messages of the ValidationError `call()` raises, by field ("__all__" for the others)."""
    # Any ValidationError (a list or a dict of messages): the callers compare the messages themselves, exactly.
    with pytest.raises(ValidationError, match=r"^(\[|\{)'") as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        return gettext(msgid) % params if params else gettext(msgid)
