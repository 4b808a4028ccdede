import unittest

from breaker import CircuitBreaker, CircuitOpenError
from clock import ManualClock, MonotonicClock


class Boom(Exception):
    pass


def fail():
    raise Boom("down")


def ok(value="ok"):
    return value


class ClockTest(unittest.TestCase):
    def test_manual_clock(self):
        clock = ManualClock(5)
        self.assertEqual(clock.now(), 5)
        clock.advance(2.5)
        self.assertEqual(clock.now(), 7.5)
        with self.assertRaises(ValueError):
            clock.advance(-1)

    def test_monotonic_clock_moves_forward(self):
        clock = MonotonicClock()
        first = clock.now()
        self.assertGreaterEqual(clock.now(), first)


class BreakerTest(unittest.TestCase):
    def setUp(self):
        self.clock = ManualClock()
        self.breaker = CircuitBreaker(self.clock, failure_threshold=3, reset_timeout=10)

    def trip(self):
        for _ in range(3):
            with self.assertRaises(Boom):
                self.breaker.call(fail)

    def test_rejects_bad_settings(self):
        for threshold, timeout in [(0, 10), (1.5, 10), (True, 10), (3, 0), (3, -1)]:
            with self.assertRaises(ValueError, msg=(threshold, timeout)):
                CircuitBreaker(self.clock, threshold, timeout)

    def test_closed_passes_calls_and_arguments_through(self):
        self.assertEqual(self.breaker.call(ok, "x"), "x")
        self.assertEqual(self.breaker.call(lambda a, b=0: a + b, 2, b=3), 5)
        self.assertEqual(self.breaker.state, "closed")

    def test_opens_after_consecutive_failures(self):
        with self.assertRaises(Boom):
            self.breaker.call(fail)
        self.assertEqual((self.breaker.state, self.breaker.failures), ("closed", 1))
        with self.assertRaises(Boom):
            self.breaker.call(fail)
        with self.assertRaises(Boom):
            self.breaker.call(fail)
        self.assertEqual(self.breaker.state, "open")

    def test_a_success_resets_the_count(self):
        for _ in range(2):
            with self.assertRaises(Boom):
                self.breaker.call(fail)
        self.breaker.call(ok)
        self.assertEqual(self.breaker.failures, 0)
        for _ in range(2):
            with self.assertRaises(Boom):
                self.breaker.call(fail)
        self.assertEqual(self.breaker.state, "closed")

    def test_open_refuses_without_calling(self):
        self.trip()
        calls = []
        with self.assertRaises(CircuitOpenError):
            self.breaker.call(lambda: calls.append(1))
        self.assertEqual(calls, [])
        self.clock.advance(9.99)
        self.assertEqual(self.breaker.state, "open")
        with self.assertRaises(CircuitOpenError):
            self.breaker.call(ok)

    def test_half_open_exactly_at_the_timeout(self):
        self.trip()
        self.clock.advance(10)
        self.assertEqual(self.breaker.state, "half-open")

    def test_successful_trial_closes(self):
        self.trip()
        self.clock.advance(12)
        self.assertEqual(self.breaker.call(ok, 7), 7)
        self.assertEqual((self.breaker.state, self.breaker.failures), ("closed", 0))
        with self.assertRaises(Boom):
            self.breaker.call(fail)
        self.assertEqual(self.breaker.state, "closed")

    def test_failed_trial_opens_again_for_a_full_timeout(self):
        self.trip()
        self.clock.advance(15)
        with self.assertRaises(Boom):
            self.breaker.call(fail)
        self.assertEqual(self.breaker.state, "open")
        self.clock.advance(9)
        with self.assertRaises(CircuitOpenError):
            self.breaker.call(ok)
        self.clock.advance(1)
        self.assertEqual(self.breaker.state, "half-open")


if __name__ == "__main__":
    unittest.main()
