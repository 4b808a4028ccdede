from events import Closed, Deposited, Opened, Withdrawn, decode, encode


class AccountError(Exception):
    pass


class Account:
    def __init__(self):
        pass

    @classmethod
    def replay(cls, lines):
        pass

    def open(self, account_id, owner):
        pass

    def deposit(self, amount):
        pass

    def withdraw(self, amount):
        pass

    def close(self):
        pass

    def save(self):
        pass
