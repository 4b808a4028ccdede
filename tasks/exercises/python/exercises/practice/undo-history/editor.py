from commands import Delete, Insert


class Editor:
    def __init__(self, text="", max_history=100):
        pass

    @property
    def text(self):
        pass

    def insert(self, pos, text):
        pass

    def delete(self, pos, length):
        pass

    def undo(self):
        pass

    def redo(self):
        pass
