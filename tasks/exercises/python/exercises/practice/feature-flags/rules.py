class Condition:
    def matches(self, user):
        pass


def parse_condition(text):
    pass
