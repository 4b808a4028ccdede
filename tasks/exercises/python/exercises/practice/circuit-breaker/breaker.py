class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    def __init__(self, clock, failure_threshold, reset_timeout):
        pass

    @property
    def state(self):
        pass

    @property
    def failures(self):
        pass

    def call(self, fn, *args, **kwargs):
        pass
