from dataclasses import dataclass


@dataclass(frozen=True)
class Opened:
    account_id: str
    owner: str


@dataclass(frozen=True)
class Deposited:
    amount: int


@dataclass(frozen=True)
class Withdrawn:
    amount: int


@dataclass(frozen=True)
class Closed:
    pass


def encode(event):
    pass


def decode(line):
    pass
