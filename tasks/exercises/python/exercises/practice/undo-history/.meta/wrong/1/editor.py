from commands import Delete, Insert


class Editor:
    def __init__(self, text="", max_history=100):
        self._text = text
        self._max = max_history
        self._undo = []
        self._redo = []
        self._can_join = False

    @property
    def text(self):
        return self._text

    def insert(self, pos, text):
        if not 0 <= pos <= len(self._text):
            raise IndexError(f"position {pos} is outside the document")
        if text == "":
            raise ValueError("nothing to insert")
        last = self._undo[-1] if self._undo else None
        joins = (
            self._can_join
            and len(text) == 1
            and text != "\n"
            and isinstance(last, Insert)
            and pos == last.pos + len(last.text)
        )
        if joins:
            self._text = Insert(pos, text).apply(self._text)
            last.text += text
        else:
            self._push(Insert(pos, text))
        self._can_join = "\n" not in text

    def delete(self, pos, length):
        if length < 1:
            raise ValueError("length must be at least 1")
        if pos < 0 or pos + length > len(self._text):
            raise IndexError("range is outside the document")
        self._push(Delete(pos, length))
        self._can_join = False

    def _push(self, command):
        self._text = command.apply(self._text)
        self._undo.append(command)
        del self._undo[: max(0, len(self._undo) - self._max)]

    def undo(self):
        if not self._undo:
            return False
        command = self._undo.pop()
        self._text = command.revert(self._text)
        self._redo.append(command)
        self._can_join = False
        return True

    def redo(self):
        if not self._redo:
            return False
        command = self._redo.pop()
        self._text = command.apply(self._text)
        self._undo.append(command)
        self._can_join = False
        return True
