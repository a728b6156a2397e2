import pytest

from cim.commands import Command, UndoStack


class Append(Command):
    def __init__(self, target: list, value, key=None):
        self.target, self.value, self.key = target, value, key
        self.text = f"append {value}"

    def redo(self):
        self.target.append(self.value)

    def undo(self):
        self.target.pop()

    def merge_key(self):
        return self.key

    def merge_with(self, newer):
        self.target.pop()  # keep one element: replace the value
        self.target.pop()
        self.target.append(newer.value)
        self.value = newer.value
        return True


def test_push_undo_redo_follow_the_history():
    data, stack = [], UndoStack()
    stack.push(Append(data, 1))
    stack.push(Append(data, 2))
    assert data == [1, 2] and stack.undo_text() == "append 2"
    stack.undo()
    assert data == [1] and stack.can_redo()
    stack.redo()
    assert data == [1, 2]


def test_pushing_after_undo_discards_the_redo_branch():
    data, stack = [], UndoStack()
    stack.push(Append(data, 1))
    stack.push(Append(data, 2))
    stack.undo()
    stack.push(Append(data, 3))
    assert data == [1, 3] and not stack.can_redo() and len(stack) == 2


def test_clean_state_follows_saves():
    data, stack = [], UndoStack()
    assert stack.is_clean()
    stack.push(Append(data, 1))
    assert not stack.is_clean()
    stack.set_clean()
    stack.push(Append(data, 2))
    stack.undo()
    assert stack.is_clean()


def test_commands_with_the_same_key_merge_into_one_step():
    data, stack = [], UndoStack()
    for v in (1, 2, 3):
        stack.push(Append(data, v, key="drag"))
    assert len(stack) == 1 and data == [3]
    stack.undo()
    assert data == []


def test_macro_is_one_step_and_a_failing_macro_is_rolled_back():
    data, stack = [], UndoStack()
    with stack.macro("two"):
        stack.push(Append(data, 1))
        stack.push(Append(data, 2))
    assert len(stack) == 1 and data == [1, 2]
    stack.undo()
    assert data == []
    with pytest.raises(RuntimeError), stack.macro("fails"):
        stack.push(Append(data, 5))
        raise RuntimeError("boom")
    assert data == [] and len(stack) == 1


def test_guard_refuses_a_command_before_it_runs():
    data = []

    def guard(cmd):
        raise PermissionError("no")

    stack = UndoStack(guard=guard)
    with pytest.raises(PermissionError):
        stack.push(Append(data, 1))
    assert data == [] and len(stack) == 0
