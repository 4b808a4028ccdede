import unittest

from ledger import Ledger, LedgerError
from money import format_amount, parse_amount


class MoneyTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(parse_amount("12.34"), 1234)
        self.assertEqual(parse_amount("-0.5"), -50)
        self.assertEqual(parse_amount("7"), 700)
        self.assertEqual(parse_amount(" 0.07 "), 7)
        self.assertEqual(parse_amount("-120.00"), -12000)

    def test_parse_rejects(self):
        for text in ["", "1,000", "1.234", ".5", "+3", "1e3", "12.", "--1", "abc", "1 000"]:
            with self.assertRaises(ValueError, msg=text):
                parse_amount(text)

    def test_format(self):
        self.assertEqual(format_amount(1234), "12.34")
        self.assertEqual(format_amount(-5), "-0.05")
        self.assertEqual(format_amount(0), "0.00")
        self.assertEqual(format_amount(-12000), "-120.00")


class LedgerTest(unittest.TestCase):
    def setUp(self):
        self.ledger = Ledger()
        for name, kind in [("cash", "asset"), ("loan", "liability"), ("capital", "equity"), ("sales", "income"), ("rent", "expense")]:
            self.ledger.open_account(name, kind)

    def test_balances_read_the_accountants_way(self):
        self.ledger.post("2026-01-01", "owner invests", [("cash", "1000.00"), ("capital", "-1000.00")])
        self.ledger.post("2026-01-02", "bank loan", [("cash", "500"), ("loan", "-500")])
        self.ledger.post("2026-01-03", "sale", [("cash", "120.50"), ("sales", "-120.50")])
        self.ledger.post("2026-01-04", "rent", [("rent", "300"), ("cash", "-300")])
        self.assertEqual(self.ledger.balance("cash"), 132050)
        self.assertEqual(self.ledger.balance("capital"), 100000)
        self.assertEqual(self.ledger.balance("loan"), 50000)
        self.assertEqual(self.ledger.balance("sales"), 12050)
        self.assertEqual(self.ledger.balance("rent"), 30000)

    def test_a_transaction_may_have_many_postings(self):
        self.ledger.post("2026-02-01", "split", [("rent", "10.00"), ("cash", "-2.50"), ("loan", "-7.50")])
        self.assertEqual((self.ledger.balance("cash"), self.ledger.balance("loan")), (-250, 750))

    def test_unbalanced_and_malformed_transactions_are_refused(self):
        for postings in [
            [("cash", "10"), ("sales", "-9.99")],
            [("cash", "10")],
            [("cash", "10"), ("nowhere", "-10")],
            [("cash", "10"), ("sales", "-10"), ("rent", "0")],
            [("cash", "1,0"), ("sales", "-10")],
        ]:
            with self.assertRaises(LedgerError, msg=postings):
                self.ledger.post("2026-03-01", "bad", postings)
        self.assertEqual([b for _, b in self.ledger.trial_balance()], ["0.00"] * 5)

    def test_accounts(self):
        with self.assertRaises(LedgerError):
            self.ledger.open_account("cash", "asset")
        with self.assertRaises(LedgerError):
            self.ledger.open_account("misc", "other")
        with self.assertRaises(LedgerError):
            self.ledger.balance("misc")

    def test_trial_balance(self):
        self.ledger.post("2026-01-01", "invest", [("cash", "250.25"), ("capital", "-250.25")])
        self.ledger.post("2026-01-02", "rent", [("rent", "50.25"), ("cash", "-50.25")])
        self.assertEqual(
            self.ledger.trial_balance(),
            [("capital", "250.25"), ("cash", "200.00"), ("loan", "0.00"), ("rent", "50.25"), ("sales", "0.00")],
        )


if __name__ == "__main__":
    unittest.main()
