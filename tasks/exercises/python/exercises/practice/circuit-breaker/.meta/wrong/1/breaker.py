class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    def __init__(self, clock, failure_threshold, reset_timeout):
        if not isinstance(failure_threshold, int) or isinstance(failure_threshold, bool) or failure_threshold < 1:
            raise ValueError("failure_threshold must be an int of at least 1")
        if isinstance(reset_timeout, bool) or not isinstance(reset_timeout, (int, float)) or not reset_timeout > 0:
            raise ValueError("reset_timeout must be above 0")
        self._clock = clock
        self._threshold = failure_threshold
        self._timeout = reset_timeout
        self._failures = 0
        self._opened_at = None

    @property
    def state(self):
        if self._opened_at is None:
            return "closed"
        if self._clock.now() - self._opened_at >= self._timeout:
            return "half-open"
        return "open"

    @property
    def failures(self):
        return self._failures

    def call(self, fn, *args, **kwargs):
        state = self.state
        if state == "open":
            raise CircuitOpenError("circuit is open")
        try:
            result = fn(*args, **kwargs)
        except Exception:
            if state == "half-open":
                self._opened_at = self._clock.now()
            else:
                self._failures += 1
                if self._failures >= self._threshold:
                    self._opened_at = self._clock.now()
            raise
        if state == "half-open":
            self._failures = 0
        self._opened_at = None
        return result
