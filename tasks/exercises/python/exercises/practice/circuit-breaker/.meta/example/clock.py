import time


class ManualClock:
    def __init__(self, start=0.0):
        self._now = float(start)

    def now(self):
        return self._now

    def advance(self, seconds):
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds


class MonotonicClock:
    def now(self):
        return time.monotonic()
