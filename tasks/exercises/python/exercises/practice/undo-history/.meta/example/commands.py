class Insert:
    def __init__(self, pos, text):
        self.pos = pos
        self.text = text

    def apply(self, doc):
        return doc[: self.pos] + self.text + doc[self.pos :]

    def revert(self, doc):
        return doc[: self.pos] + doc[self.pos + len(self.text) :]


class Delete:
    def __init__(self, pos, length):
        self.pos = pos
        self.length = length
        self.removed = ""

    def apply(self, doc):
        self.removed = doc[self.pos : self.pos + self.length]
        return doc[: self.pos] + doc[self.pos + self.length :]

    def revert(self, doc):
        return doc[: self.pos] + self.removed + doc[self.pos :]
