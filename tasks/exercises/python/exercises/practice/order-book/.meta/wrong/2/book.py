from orders import Order, Trade


def _positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


class OrderBook:
    def __init__(self):
        # Resting orders per side, kept in priority order: best price first, then arrival.
        self._orders = {"buy": [], "sell": []}
        self._seen = set()
        self._arrival = 0
        self._arrived = {}

    def submit(self, order):
        if order.side not in ("buy", "sell"):
            raise ValueError(f"unknown side {order.side!r}")
        if not _positive_int(order.quantity) or not _positive_int(order.price):
            raise ValueError("quantity and price must be positive ints")
        if order.id in self._seen:
            raise ValueError(f"order id {order.id!r} was used before")
        self._seen.add(order.id)
        opposite = self._orders["sell" if order.side == "buy" else "buy"]
        trades = []
        while order.quantity > 0 and opposite:
            best = opposite[0]
            crosses = best.price <= order.price if order.side == "buy" else best.price >= order.price
            if not crosses:
                break
            quantity = min(order.quantity, best.quantity)
            buy, sell = (order, best) if order.side == "buy" else (best, order)
            trades.append(Trade(buy.id, sell.id, best.price, quantity))
            order.quantity -= quantity
            best.quantity -= quantity
            if best.quantity == 0:
                opposite.pop(0)
        if order.quantity > 0:
            self._rest(order)
        return trades

    def _rest(self, order):
        self._arrival += 1
        self._arrived[order.id] = self._arrival
        side = self._orders[order.side]
        side.append(order)
        sign = -1 if order.side == "buy" else 1
        side.sort(key=lambda o: (sign * o.price, -self._arrived[o.id]))

    def cancel(self, order_id):
        for side in self._orders.values():
            for i, order in enumerate(side):
                if order.id == order_id:
                    del side[i]
                    return True
        return False

    def best_bid(self):
        return self._orders["buy"][0].price if self._orders["buy"] else None

    def best_ask(self):
        return self._orders["sell"][0].price if self._orders["sell"] else None

    def depth(self, side):
        levels = []
        for order in self._orders[side]:
            if levels and levels[-1][0] == order.price:
                levels[-1] = (order.price, levels[-1][1] + order.quantity)
            else:
                levels.append((order.price, order.quantity))
        return levels
