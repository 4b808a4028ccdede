from orders import Order, Trade


class OrderBook:
    def __init__(self):
        pass

    def submit(self, order):
        pass

    def cancel(self, order_id):
        pass

    def best_bid(self):
        pass

    def best_ask(self):
        pass

    def depth(self, side):
        pass
