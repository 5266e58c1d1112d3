"""Codes and their Vietnamese labels in the API's schema. A response keeps its codes (clients match on them)
and carries each code's label beside it (`state` and `state_label`…); the schema's description of each
coded field lists every code with its label, so the documentation page shows no bare code."""

from django.utils import translation


def codes_description(intro: str, choices) -> str:
    """`intro` followed by every (code, label) of `choices`, in Vietnamese whatever the request's language
    (the schema is built once, at import)."""
    with translation.override("vi"):
        pairs = "; ".join(f"`{code}`: {label}" for code, label in choices)
    return f"{intro} Các mã: {pairs}."
