import unittest

from commands import Delete, Insert
from editor import Editor


class CommandsTest(unittest.TestCase):
    def test_insert_applies_and_reverts(self):
        command = Insert(5, ", world")
        self.assertEqual(command.apply("hello!"), "hello, world!")
        self.assertEqual(command.revert("hello, world!"), "hello!")

    def test_delete_remembers_what_it_removed(self):
        command = Delete(1, 3)
        self.assertEqual(command.apply("abcdef"), "aef")
        self.assertEqual(command.revert("aef"), "abcdef")


class EditorTest(unittest.TestCase):
    def test_undo_and_redo_single_steps(self):
        editor = Editor("hello")
        editor.insert(5, " world")
        editor.delete(0, 1)
        self.assertEqual(editor.text, "ello world")
        self.assertTrue(editor.undo())
        self.assertEqual(editor.text, "hello world")
        self.assertTrue(editor.undo())
        self.assertEqual(editor.text, "hello")
        self.assertFalse(editor.undo())
        self.assertTrue(editor.redo())
        self.assertEqual(editor.text, "hello world")

    def test_typing_is_one_step(self):
        editor = Editor()
        for i, ch in enumerate("abc"):
            editor.insert(i, ch)
        editor.insert(3, " ")
        self.assertEqual(editor.text, "abc ")
        editor.undo()
        self.assertEqual(editor.text, "")

    def test_typing_elsewhere_or_a_newline_starts_a_new_step(self):
        editor = Editor()
        editor.insert(0, "ab")
        editor.insert(0, "x")
        editor.insert(3, "\n")
        editor.insert(4, "y")
        self.assertEqual(editor.text, "xab\ny")
        editor.undo()
        self.assertEqual(editor.text, "xab\n")
        editor.undo()
        self.assertEqual(editor.text, "xab")
        editor.undo()
        self.assertEqual(editor.text, "ab")

    def test_a_multi_character_insert_starts_a_step_that_typing_joins(self):
        editor = Editor("x")
        editor.insert(1, "ab")
        editor.insert(3, "c")
        editor.insert(4, "de")
        self.assertEqual(editor.text, "xabcde")
        editor.undo()
        self.assertEqual(editor.text, "xabc")
        editor.undo()
        self.assertEqual(editor.text, "x")

    def test_typing_does_not_join_across_undo_or_delete(self):
        editor = Editor()
        editor.insert(0, "a")
        editor.insert(1, "b")
        editor.undo()
        editor.redo()
        editor.insert(2, "c")
        editor.undo()
        self.assertEqual(editor.text, "ab")
        editor.delete(1, 1)
        editor.insert(1, "z")
        editor.undo()
        self.assertEqual(editor.text, "a")

    def test_typing_right_after_an_undo_is_a_new_step(self):
        editor = Editor()
        editor.insert(0, "ab")
        editor.insert(0, "Z")
        editor.undo()
        editor.insert(2, "c")
        self.assertEqual(editor.text, "abc")
        editor.undo()
        self.assertEqual(editor.text, "ab")

    def test_a_new_edit_clears_redo(self):
        editor = Editor("abc")
        editor.delete(0, 1)
        editor.undo()
        editor.insert(3, "!")
        self.assertFalse(editor.redo())
        self.assertEqual(editor.text, "abc!")

    def test_history_is_bounded(self):
        editor = Editor(max_history=2)
        editor.insert(0, "a\n")
        editor.insert(2, "b\n")
        editor.insert(4, "c\n")
        self.assertTrue(editor.undo())
        self.assertTrue(editor.undo())
        self.assertFalse(editor.undo())
        self.assertEqual(editor.text, "a\n")

    def test_refused_edits_change_nothing(self):
        editor = Editor("abc")
        editor.insert(3, "d")
        with self.assertRaises(IndexError):
            editor.insert(5, "x")
        with self.assertRaises(IndexError):
            editor.insert(-1, "x")
        with self.assertRaises(ValueError):
            editor.insert(0, "")
        with self.assertRaises(IndexError):
            editor.delete(2, 3)
        with self.assertRaises(ValueError):
            editor.delete(0, 0)
        self.assertEqual(editor.text, "abcd")
        editor.insert(4, "e")
        editor.undo()
        self.assertEqual(editor.text, "abc")


if __name__ == "__main__":
    unittest.main()
