"""Read YAML and remember the line of every key, so errors can point at it.

PyYAML's ``safe_load`` forgets where things were written. Here the document is
composed into nodes first (which keep their position) and then built into plain
Python values: mappings become :class:`LinedDict`, which records the 1-based line of
each key. Duplicate keys, which PyYAML would silently overwrite, are reported.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


class LinedDict(dict):
    """A dict that knows the line where it starts and the line of each key."""

    line: int = 1
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list):
    """A list that knows the line where each item starts."""

    line: int = 1
    item_lines: list


def load(text: str, path: Path) -> tuple[object, list[Problem]]:
    """Parse ``text`` (the content of ``path``); return the value and any problems.

    A syntax error is returned as a problem with the line YAML points at, and the
    value is then ``None``.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err)
        context = getattr(err, "context", None)
        detail = f"{context}: {reason}" if context else reason
        return None, [Problem(path, line, f"YAML syntax error: {detail}. Check indentation, colons and quotes on this line or the one before.")]
    if node is None:
        return None, []
    problems: list[Problem] = []
    builder = yaml.constructor.SafeConstructor()
    try:
        value = _build(node, builder, path, problems)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, [Problem(path, line, f"YAML value error: {getattr(err, 'problem', err)}")]
    return value, problems


def _build(node, builder, path, problems):
    if isinstance(node, yaml.MappingNode):
        out = LinedDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(key_node, builder, path, problems)
            line = key_node.start_mark.line + 1
            if key in out.key_lines:
                problems.append(Problem(path, line, f'key "{key}" is written twice (first on line {out.key_lines[key]}); keep one'))
            out.key_lines[key] = line
            out[key] = _build(value_node, builder, path, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LinedList()
        out.line = node.start_mark.line + 1
        out.item_lines = [item.start_mark.line + 1 for item in node.value]
        out.extend(_build(item, builder, path, problems) for item in node.value)
        return out
    return builder.construct_object(node, deep=True)
