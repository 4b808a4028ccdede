import re
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


def _field(text):
    if "|" in text or "\n" in text or "\r" in text:
        raise ValueError(f"cannot encode field {text!r}")
    return text


def encode(event):
    if isinstance(event, Opened):
        return f"opened|{_field(event.account_id)}|{_field(event.owner)}"
    if isinstance(event, Deposited):
        return f"deposited|{event.amount}"
    if isinstance(event, Withdrawn):
        return f"withdrawn|{event.amount}"
    if isinstance(event, Closed):
        return "closed"
    raise ValueError(f"not an event: {event!r}")


def _amount(text):
    if not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"bad amount {text!r}")
    return int(text)


def decode(line):
    if line.endswith("\r\n"):
        line = line[:-2]
    elif line.endswith("\n"):
        line = line[:-1]
    name, *fields = line.split("|")
    shapes = {"opened": 2, "deposited": 1, "withdrawn": 1, "closed": 0}
    if name not in shapes:
        raise ValueError(f"unknown event {name!r}")
    if len(fields) != shapes[name]:
        raise ValueError(f"{name} takes {shapes[name]} fields, got {len(fields)}")
    if name == "opened":
        return Opened(fields[0], fields[1])
    if name == "deposited":
        return Deposited(_amount(fields[0]))
    if name == "withdrawn":
        return Withdrawn(_amount(fields[0]))
    return Closed()
