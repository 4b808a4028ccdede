import unittest

from account import Account, AccountError
from events import Closed, Deposited, Opened, Withdrawn, decode, encode


class EventsTest(unittest.TestCase):
    def test_encode_each_event(self):
        self.assertEqual(encode(Opened("acc-1", "Ada")), "opened|acc-1|Ada")
        self.assertEqual(encode(Deposited(500)), "deposited|500")
        self.assertEqual(encode(Withdrawn(200)), "withdrawn|200")
        self.assertEqual(encode(Closed()), "closed")

    def test_fields_with_a_separator_cannot_be_encoded(self):
        with self.assertRaises(ValueError):
            encode(Opened("acc|1", "Ada"))
        with self.assertRaises(ValueError):
            encode(Opened("acc-1", "Ada\nLovelace"))

    def test_decode_round_trips_and_ignores_line_endings(self):
        for event in [Opened("acc-1", "Ada"), Deposited(500), Withdrawn(0), Closed()]:
            self.assertEqual(decode(encode(event)), event)
        self.assertEqual(decode("deposited|75\n"), Deposited(75))
        self.assertEqual(decode("closed\r\n"), Closed())

    def test_decode_rejects_bad_lines(self):
        for line in ["refunded|5", "deposited", "deposited|5|6", "opened|acc-1", "withdrawn|-5", "deposited|1.5", "deposited| 7", "closed|x"]:
            with self.assertRaises(ValueError, msg=line):
                decode(line)


class AccountTest(unittest.TestCase):
    def opened(self):
        account = Account()
        account.open("acc-1", "Ada")
        return account

    def test_new_account_is_not_open(self):
        account = Account()
        self.assertIsNone(account.id)
        self.assertIsNone(account.owner)
        self.assertEqual(account.balance, 0)
        self.assertFalse(account.is_open)
        with self.assertRaises(AccountError):
            account.deposit(100)

    def test_commands_record_events_in_order(self):
        account = self.opened()
        account.deposit(500)
        account.withdraw(200)
        self.assertEqual(account.balance, 300)
        self.assertEqual(account.pending_events, [Opened("acc-1", "Ada"), Deposited(500), Withdrawn(200)])

    def test_refused_commands_change_nothing(self):
        account = self.opened()
        account.deposit(100)
        for command, argument in [(account.withdraw, 101), (account.deposit, 0), (account.deposit, -5), (account.withdraw, 2.5), (account.deposit, True)]:
            with self.assertRaises(AccountError):
                command(argument)
        with self.assertRaises(AccountError):
            account.close()
        with self.assertRaises(AccountError):
            account.open("acc-2", "Bob")
        self.assertEqual(account.balance, 100)
        self.assertEqual(account.pending_events, [Opened("acc-1", "Ada"), Deposited(100)])

    def test_withdrawing_everything_then_closing(self):
        account = self.opened()
        account.deposit(100)
        account.withdraw(100)
        account.close()
        self.assertFalse(account.is_open)
        with self.assertRaises(AccountError):
            account.deposit(1)
        with self.assertRaises(AccountError):
            account.open("acc-1", "Ada")

    def test_save_returns_lines_and_clears_pending(self):
        account = self.opened()
        account.deposit(250)
        self.assertEqual(account.save(), ["opened|acc-1|Ada", "deposited|250"])
        self.assertEqual(account.pending_events, [])
        account.withdraw(50)
        self.assertEqual(account.save(), ["withdrawn|50"])

    def test_replay_rebuilds_state_without_pending_events(self):
        account = Account.replay(["opened|acc-9|Grace\n", "\n", "deposited|1000\n", "withdrawn|400\n"])
        self.assertEqual((account.id, account.owner, account.balance, account.is_open), ("acc-9", "Grace", 600, True))
        self.assertEqual(account.pending_events, [])
        account.deposit(1)
        self.assertEqual(account.save(), ["deposited|1"])

    def test_replay_applies_history_as_it_was(self):
        account = Account.replay(["opened|acc-9|Grace", "deposited|10", "withdrawn|10", "closed"])
        self.assertFalse(account.is_open)
        self.assertEqual(account.pending_events, [])

    def test_replay_needs_one_opened_event_first(self):
        with self.assertRaises(AccountError):
            Account.replay(["deposited|10"])
        with self.assertRaises(AccountError):
            Account.replay(["opened|a|Ada", "opened|b|Bob"])
        with self.assertRaises(ValueError):
            Account.replay(["opened|a|Ada", "deposited|ten"])


if __name__ == "__main__":
    unittest.main()
