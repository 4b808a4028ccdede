class Insert:
    def __init__(self, pos, text):
        pass

    def apply(self, doc):
        pass

    def revert(self, doc):
        pass


class Delete:
    def __init__(self, pos, length):
        pass

    def apply(self, doc):
        pass

    def revert(self, doc):
        pass
