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


def parse_order(text):
    pass
