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


def label_map(choices) -> dict[str, str]:
    """Code → label in the request's language, built once per answer: get_FOO_display() on every row of a
    1,000-row page costs more than the page's query (it hashes the lazy choices each time)."""
    return {code: str(label) for code, label in choices}
