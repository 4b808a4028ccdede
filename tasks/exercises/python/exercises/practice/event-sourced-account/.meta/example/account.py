from events import Closed, Deposited, Opened, Withdrawn, decode, encode


class AccountError(Exception):
    pass


class Account:
    def __init__(self):
        self._id = None
        self._owner = None
        self._balance = 0
        self._opened = False
        self._closed = False
        self._pending = []

    @property
    def id(self):
        return self._id

    @property
    def owner(self):
        return self._owner

    @property
    def balance(self):
        return self._balance

    @property
    def is_open(self):
        return self._opened and not self._closed

    @property
    def pending_events(self):
        return list(self._pending)

    @classmethod
    def replay(cls, lines):
        account = cls()
        first = True
        for line in lines:
            if line.strip() == "":
                continue
            event = decode(line)
            if first != isinstance(event, Opened):
                raise AccountError("history must start with exactly one Opened event")
            first = False
            account._apply(event)
        return account

    def _apply(self, event):
        if isinstance(event, Opened):
            self._id, self._owner, self._opened = event.account_id, event.owner, True
        elif isinstance(event, Deposited):
            self._balance += event.amount
        elif isinstance(event, Withdrawn):
            self._balance -= event.amount
        elif isinstance(event, Closed):
            self._closed = True

    def _record(self, event):
        self._pending.append(event)
        self._apply(event)

    def _require_open(self):
        if not self.is_open:
            raise AccountError("account is not open")

    @staticmethod
    def _require_amount(amount):
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise AccountError(f"amount must be a positive whole number of cents, got {amount!r}")

    def open(self, account_id, owner):
        if self._opened:
            raise AccountError("account was already opened")
        self._record(Opened(account_id, owner))

    def deposit(self, amount):
        self._require_open()
        self._require_amount(amount)
        self._record(Deposited(amount))

    def withdraw(self, amount):
        self._require_open()
        self._require_amount(amount)
        if amount > self._balance:
            raise AccountError("insufficient funds")
        self._record(Withdrawn(amount))

    def close(self):
        self._require_open()
        if self._balance != 0:
            raise AccountError("balance must be zero to close")
        self._record(Closed())

    def save(self):
        lines = [encode(e) for e in self._pending]
        self._pending.clear()
        return lines
