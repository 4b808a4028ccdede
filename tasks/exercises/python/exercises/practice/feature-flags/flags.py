from rules import parse_condition


def bucket(flag, user_id):
    pass


class FlagSet:
    def __init__(self, config):
        pass

    def evaluate(self, flag, user):
        pass
