"""How a long piece of work (an export, an import) reports how far it is: an object with `set_total(n)` and
`advance(n=1)`, e.g. a background job's progress. Work that is given none reports to nobody.

    ticker = Ticker(progress, total=len(tasks))
    for task in tasks:
        …
        ticker.tick()
    ticker.finish()

Framework-free: no Django import here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

STEP = 500  # items between two reports: a job that saves its progress is not slowed down by it


class Progress(Protocol):
    def set_total(self, n: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class Ticker:
    """Counts done items and passes them on to `progress` (if any) every `step` items and at `finish()`."""

    def __init__(self, progress: Progress | None, total: int | None = None, *, step: int = STEP):
        self.progress, self.step, self.pending = progress, step, 0
        if progress is not None and total is not None:
            progress.set_total(total)

    def tick(self, n: int = 1) -> None:
        if self.progress is None:
            return
        self.pending += n
        if self.pending >= self.step:
            self.progress.advance(self.pending)
            self.pending = 0

    def finish(self) -> None:
        if self.progress is not None and self.pending:
            self.progress.advance(self.pending)
            self.pending = 0


def counted[T](items: Iterable[T], progress: Progress | None, *, total: int | None = None,
            step: int = STEP) -> Iterator[T]:
    """The items, each counted as done once the next is asked for (`total` defaults to len(items))."""
    if progress is None:
        yield from items
        return
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    ticker = Ticker(progress, total, step=step)
    for item in items:
        yield item
        ticker.tick()
    ticker.finish()
