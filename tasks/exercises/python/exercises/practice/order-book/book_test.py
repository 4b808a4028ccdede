import unittest

from book import OrderBook
from orders import Order, Trade, parse_order


class ParseOrderTest(unittest.TestCase):
    def test_parses_an_order(self):
        self.assertEqual(parse_order("o1 buy 10@101"), Order("o1", "buy", 10, 101))
        self.assertEqual(parse_order("  ask_7   sell  3@99 "), Order("ask_7", "sell", 3, 99))

    def test_rejects_malformed_orders(self):
        for text in ["o1 buy 10", "o1 hold 10@5", "o1 buy 0@5", "o1 buy 5@0", "o1 buy -5@5", "o1 buy 1.5@5", "o 1 buy 1@5", "o1 buy 10@101 extra", ""]:
            with self.assertRaises(ValueError, msg=text):
                parse_order(text)


class OrderBookTest(unittest.TestCase):
    def setUp(self):
        self.book = OrderBook()

    def submit(self, text):
        return self.book.submit(parse_order(text))

    def test_orders_that_do_not_cross_rest(self):
        self.assertEqual(self.submit("b1 buy 5@100"), [])
        self.assertEqual(self.submit("s1 sell 5@102"), [])
        self.assertEqual((self.book.best_bid(), self.book.best_ask()), (100, 102))

    def test_empty_book(self):
        self.assertIsNone(self.book.best_bid())
        self.assertIsNone(self.book.best_ask())
        self.assertEqual(self.book.depth("buy"), [])

    def test_trades_at_the_resting_price(self):
        self.submit("s1 sell 5@100")
        self.assertEqual(self.submit("b1 buy 5@105"), [Trade("b1", "s1", 100, 5)])
        self.submit("b2 buy 4@98")
        self.assertEqual(self.submit("s2 sell 4@90"), [Trade("b2", "s2", 98, 4)])
        self.assertIsNone(self.book.best_bid())
        self.assertIsNone(self.book.best_ask())

    def test_best_price_first_then_arrival(self):
        self.submit("s1 sell 2@101")
        self.submit("s2 sell 2@100")
        self.submit("s3 sell 2@100")
        trades = self.submit("b1 buy 5@101")
        self.assertEqual(trades, [Trade("b1", "s2", 100, 2), Trade("b1", "s3", 100, 2), Trade("b1", "s1", 101, 1)])
        self.assertEqual(self.book.depth("sell"), [(101, 1)])

    def test_partial_fill_rests_the_remainder(self):
        self.submit("s1 sell 3@100")
        self.assertEqual(self.submit("b1 buy 10@100"), [Trade("b1", "s1", 100, 3)])
        self.assertEqual(self.book.depth("buy"), [(100, 7)])
        self.assertEqual(self.submit("s2 sell 2@99"), [Trade("b1", "s2", 100, 2)])
        self.assertEqual(self.book.depth("buy"), [(100, 5)])

    def test_remainder_queues_behind_earlier_orders(self):
        self.submit("b1 buy 1@100")
        self.submit("s1 sell 1@101")
        self.submit("b2 buy 3@101")
        self.assertEqual(self.submit("s2 sell 3@100"), [Trade("b2", "s2", 101, 2), Trade("b1", "s2", 100, 1)])

    def test_depth_aggregates_levels(self):
        for text in ["b1 buy 1@99", "b2 buy 2@101", "b3 buy 3@99", "s1 sell 4@105", "s2 sell 1@103", "s3 sell 1@105"]:
            self.submit(text)
        self.assertEqual(self.book.depth("buy"), [(101, 2), (99, 4)])
        self.assertEqual(self.book.depth("sell"), [(103, 1), (105, 5)])

    def test_cancel(self):
        self.submit("b1 buy 1@99")
        self.submit("b2 buy 1@98")
        self.assertTrue(self.book.cancel("b1"))
        self.assertFalse(self.book.cancel("b1"))
        self.assertFalse(self.book.cancel("nope"))
        self.assertEqual(self.book.best_bid(), 98)
        self.submit("s1 sell 1@98")
        self.assertFalse(self.book.cancel("b2"))

    def test_refuses_bad_and_reused_orders(self):
        self.submit("b1 buy 1@99")
        self.book.cancel("b1")
        for order in [Order("b1", "buy", 1, 99), Order("x", "hold", 1, 99), Order("y", "buy", 0, 99), Order("z", "sell", 1, 2.5)]:
            with self.assertRaises(ValueError, msg=order):
                self.book.submit(order)
        self.assertIsNone(self.book.best_bid())
        self.assertIsNone(self.book.best_ask())
        self.assertEqual(self.submit("y sell 1@99"), [])


if __name__ == "__main__":
    unittest.main()
