from money import format_amount, parse_amount


class LedgerError(Exception):
    pass


class Ledger:
    def __init__(self):
        pass

    def open_account(self, name, kind):
        pass

    def post(self, date, memo, postings):
        pass

    def balance(self, account):
        pass

    def trial_balance(self):
        pass
