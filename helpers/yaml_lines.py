"""Read YAML and remember the line of every key, so errors can point at it.

PyYAML's ``safe_load`` forgets where things were written. Here the document is
composed into nodes first (which keep their position) and then built into plain
Python values: mappings become :class:`LinedDict`, which records the 1-based line of
each key. Duplicate keys, which PyYAML would silently overwrite, are reported.

A teacher's YAML is untrusted: a shared case folder may come from anyone. So aliases
(``*name``, which can make a few hundred bytes grow into gigabytes, or refer to
themselves) are refused before anything is built, and so is every explicit tag
(``!!python/object``, ``!!binary`` ...) other than the plain types: text, numbers,
true/false, null, dates, lists and mappings. A date that is not in the calendar
(``2019-02-30``) is a problem with its line, not a crash.
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


class InvalidValue(str):
    """A value YAML could not turn into what it looks like (``2019-02-30``); already reported."""


#: The tags a kit file may use, written or implied: everything else is refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


#: Deeper nesting than this is refused (building it would exhaust Python's stack).
MAX_DEPTH = 40


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
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return None, [Problem(path, event.start_mark.line + 1, f"lists and keys are nested more than {MAX_DEPTH} deep here; "
                                          "a kit file needs only a few levels: check the brackets and indentation")]
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                return None, [Problem(path, event.start_mark.line + 1, f"\"*{event.anchor}\" repeats a block written elsewhere (a YAML alias); "
                                      "the kit does not accept aliases: write the value out in full")]
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as err:  # a character YAML refuses (a NUL, a control code)
        line = text.count("\n", 0, err.position) + 1
        return None, [Problem(path, line, f"character U+{err.character:04X} is not allowed in a YAML file "
                                          "(a control character, often from a copy-paste or a binary file); delete it")]
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
    line = node.start_mark.line + 1
    if node.tag not in PLAIN_TAGS:
        problems.append(Problem(path, line, f'the tag "{node.tag.replace("tag:yaml.org,2002:", "!!")}" is not allowed here; '
                                             "remove it (write plain text, numbers, dates, lists and 'key: value' lines)"))
        return InvalidValue(node.value) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(node, yaml.MappingNode):
        out = LinedDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(key_node, builder, path, problems)
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, line, "a key must be a word or a name, not a list or a block; write 'key: value'"))
                continue
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
    if node.tag.endswith((":int", ":float")) and ":" in node.value:
        # YAML 1.1 reads 1:30 as a number in base 60 (90); 1:59:59:... grows without limit.
        shown = node.value if len(node.value) <= 60 else node.value[:57] + "..."
        problems.append(Problem(path, line, f'"{shown}" would be read as a number in base 60 (like a clock time); '
                                             "put it in quotes to keep it as text"))
        return InvalidValue(node.value)
    try:
        return builder.construct_object(node, deep=True)
    except (ValueError, OverflowError) as err:
        shown = node.value if len(node.value) <= 60 else node.value[:57] + "..."
        if node.tag.endswith(":timestamp"):
            message = (f'"{shown}" is not a date in the calendar ({err}); write a real date like 2019-06-02, '
                       "or null when unknown")
        else:
            what = "is too long to be a number" if len(node.value) > 1000 else "cannot be read as a number"
            message = f'"{shown}" {what}; put it in quotes to keep it as text'
        problems.append(Problem(path, line, message))
        return InvalidValue(node.value)
