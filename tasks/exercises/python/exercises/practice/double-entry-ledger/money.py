def parse_amount(text):
    pass


def format_amount(cents):
    pass
