def price_per_unit(total_cents, quantity):
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    return (2 * total_cents + quantity) // (2 * quantity)
