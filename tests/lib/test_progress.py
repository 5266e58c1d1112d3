"""Progress of long work: the total first, then what is done, in steps, the rest at the end."""

from tdkt.lib.progress import Ticker, counted


class Recorder:
    def __init__(self):
        self.calls = []

    def set_total(self, n):
        self.calls.append(("total", n))

    def advance(self, n=1):
        self.calls.append(("advance", n))


def test_counted_reports_every_step_and_the_rest():
    progress = Recorder()
    assert list(counted(range(7), progress, step=3)) == list(range(7))
    assert progress.calls == [("total", 7), ("advance", 3), ("advance", 3), ("advance", 1)]


def test_a_ticker_without_progress_reports_to_nobody():
    ticker = Ticker(None, 10)
    ticker.tick()
    ticker.finish()
    assert list(counted([1, 2], None)) == [1, 2]
