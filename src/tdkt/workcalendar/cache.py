"""A cache that lives for one request (or one command run), so the province calendar and the step
limits are read once however many dates a page computes — never once per day or per row.

Inside a scope, `cached(name, loader)` runs `loader` once; outside any scope it runs it every time
(so a direct call reads fresh data: "loaded once per call"). A scope opens at each request
(`request_started`, connected in WorkcalendarConfig.ready) and closes when the response is done;
commands open one with `with calendar_scope():`. Writes to the calendar tables clear the open scope,
so a page that adds a day and then renders sees it. A process-wide cache is deliberately avoided:
it would go stale across worker processes and across rolled-back test transactions."""

from contextlib import contextmanager
from contextvars import ContextVar

_store: ContextVar[dict | None] = ContextVar("tdkt_workcalendar_store", default=None)


@contextmanager
def calendar_scope():
    """Read the calendar once for everything inside the block (nested scopes share the outer one)."""
    if _store.get() is not None:
        yield
        return
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def cached(name: str, loader):
    store = _store.get()
    if store is None:
        return loader()
    if name not in store:
        store[name] = loader()
    return store[name]


def invalidate(**_kwargs) -> None:
    store = _store.get()
    if store is not None:
        store.clear()


def open_request_scope(**_kwargs) -> None:
    _store.set({})


def close_request_scope(**_kwargs) -> None:
    _store.set(None)
