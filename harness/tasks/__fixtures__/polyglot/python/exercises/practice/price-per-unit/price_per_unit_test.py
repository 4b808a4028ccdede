import unittest

from price_per_unit import price_per_unit


class PricePerUnitTest(unittest.TestCase):
    def test_exact(self):
        self.assertEqual(price_per_unit(300, 3), 100)

    def test_rounds_half_up(self):
        self.assertEqual(price_per_unit(5, 2), 3)

    def test_rounds_down_below_half(self):
        self.assertEqual(price_per_unit(10, 3), 3)

    def test_rejects_zero_quantity(self):
        with self.assertRaises(ValueError):
            price_per_unit(100, 0)


if __name__ == "__main__":
    unittest.main()
