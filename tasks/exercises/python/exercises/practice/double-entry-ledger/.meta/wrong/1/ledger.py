from money import format_amount, parse_amount

KINDS = {"asset": 1, "expense": 1, "liability": -1, "equity": -1, "income": -1}


class LedgerError(Exception):
    pass


class Ledger:
    def __init__(self):
        self._kinds = {}
        self._debits = {}
        self._transactions = []

    def open_account(self, name, kind):
        if kind not in KINDS:
            raise LedgerError(f"unknown account kind {kind!r}")
        if name in self._kinds:
            raise LedgerError(f"account {name} is already open")
        self._kinds[name] = kind
        self._debits[name] = 0

    def post(self, date, memo, postings):
        if len(postings) < 2:
            raise LedgerError("a transaction needs at least two postings")
        parsed = []
        for account, text in postings:
            if account not in self._kinds:
                raise LedgerError(f"unknown account {account}")
            try:
                amount = parse_amount(text)
            except ValueError as error:
                raise LedgerError(str(error)) from error
            if amount == 0:
                raise LedgerError("a posting cannot be zero")
            parsed.append((account, amount))
        if sum(amount for _, amount in parsed) != 0:
            raise LedgerError("postings do not balance")
        for account, amount in parsed:
            self._debits[account] += amount
        self._transactions.append((date, memo, parsed))

    def balance(self, account):
        if account not in self._kinds:
            raise LedgerError(f"unknown account {account}")
        return self._debits[account] if self._kinds[account] != "liability" else -self._debits[account]

    def trial_balance(self):
        return [(name, format_amount(self.balance(name))) for name in sorted(self._kinds)]
