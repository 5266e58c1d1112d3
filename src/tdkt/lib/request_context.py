"""The client address of the request being served, for the audit log (set by middleware)."""

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def set_current_ip(ip: str | None):
    return _client_ip.set(ip)


def reset_current_ip(token) -> None:
    _client_ip.reset(token)


def current_ip() -> str | None:
    return _client_ip.get()
