class ManualClock:
    def __init__(self, start=0.0):
        pass

    def now(self):
        pass

    def advance(self, seconds):
        pass


class MonotonicClock:
    def now(self):
        pass
