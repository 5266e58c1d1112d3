"""The hook through which the registry says "these recipients' facts changed" (a rating, an award record,
a discipline, an open case, an initiative): whoever keeps something computed from those facts subscribes.

`tdkt.dossiers` subscribes in its AppConfig.ready (dossier lines keep a stored eligibility verdict, refreshed
by the worker); this app cannot import it (layers: dossiers sit above awards). Services call `changed(...)`
explicitly, the bulk paths too (history import, a decision's signing): signals do not fire on bulk_create."""

from collections.abc import Callable, Iterable

_LISTENERS: list[Callable] = []


def subscribe(listener: Callable) -> None:
    """`listener(person_ids=…, unit_ids=…, household_ids=…)` is called by `changed` (once per listener)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def changed(*, person_ids: Iterable[int | None] = (), unit_ids: Iterable[int | None] = (),
            household_ids: Iterable[int | None] = ()) -> None:
    """Tell the subscribers that these recipients' facts changed (None ids are ignored)."""
    ids = {"person_ids": {pk for pk in person_ids if pk}, "unit_ids": {pk for pk in unit_ids if pk},
           "household_ids": {pk for pk in household_ids if pk}}
    if not any(ids.values()):
        return
    for listener in _LISTENERS:
        listener(**ids)


def changed_for(*objects) -> None:
    """The same, for registry rows (anything with person_id / unit_id / household_id)."""
    changed(person_ids=[getattr(obj, "person_id", None) for obj in objects],
            unit_ids=[getattr(obj, "unit_id", None) for obj in objects],
            household_ids=[getattr(obj, "household_id", None) for obj in objects])
