def price_per_unit(total_cents, quantity):
    pass
