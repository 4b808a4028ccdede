import re
from dataclasses import dataclass


@dataclass
class Order:
    id: str
    side: str
    quantity: int
    price: int


@dataclass(frozen=True)
class Trade:
    buy_id: str
    sell_id: str
    price: int
    quantity: int


_ORDER = re.compile(r"([A-Za-z0-9_-]+) +(buy|sell) +([0-9]+)@([0-9]+)")


def parse_order(text):
    match = _ORDER.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an order: {text!r}")
    order_id, side, quantity, price = match.groups()
    if int(quantity) <= 0 or int(price) <= 0:
        raise ValueError(f"quantity and price must be positive: {text!r}")
    return Order(order_id, side, int(quantity), int(price))
