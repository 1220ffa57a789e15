"""The subset of Terraform's HCL the project phase needs: top-level blocks (`resource "type" "name" {`)
with their own one-line attributes (`key = value`) and those of the blocks nested one level in, keyed
`image_config.command`; deeper blocks and multi-line values left out.

One pass over the characters, tracking brackets, quoted strings with their `${...}` interpolations,
comments and heredocs (a JSON policy in `<<EOF` holds braces of its own), so a file of any shape is
read in linear time; a malformed one yields the blocks it can and never raises. No HCL library: the
linter adds no dependency for a few attributes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Tuple

_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')  # one quoted label or one bare word: no nesting, linear
_HEREDOC = re.compile(r"<<-?([A-Za-z_][\w-]*)")
_PATH_MODULE = "${path.module}"
_OPENING, _CLOSING = "{[(", "}])"
_NESTED = re.compile(r'\s*([A-Za-z_][\w-]*)(?:\s+"[^"]*")*\s*\{\s*$')  # `image_config {`, `provisioner "local-exec" {`


@dataclass
class Block:
    """A top-level block: its type and labels (`resource`, `aws_lambda_function`, `handler`) and the
    raw text of its one-line attributes, a nested block's as `block.key`."""

    labels: Tuple[str, ...]
    attributes: Dict[str, str] = field(default_factory=dict)
    path: str = ""


def blocks(text: str, path: str = "") -> Iterator[Block]:
    """The file's top-level blocks, in order, each once its attributes are read."""
    current: Optional[Block] = None
    nested: Optional[str] = None  # the block the last line at depth 1 opened
    for depth, line in _code_lines(text):
        if depth == 0:
            if current is not None:
                yield current
            current = _header(line, path)
        elif depth == 1 and current is not None:
            opened = _NESTED.match(line)
            nested = opened.group(1) if opened else None
            _attribute(current, "", line)
        elif depth == 2 and current is not None and nested is not None:
            _attribute(current, f"{nested}.", line)
    if current is not None:
        yield current


def _attribute(block: Block, prefix: str, line: str) -> None:
    key, equals, value = line.partition("=")
    key = key.strip()
    if equals and key.replace("-", "_").isidentifier() and not value.startswith("="):
        block.attributes.setdefault(prefix + key, value.strip())


def string_value(value: str) -> Optional[str]:
    """The text of a quoted attribute value (`"app.handler"`), or None for any other expression."""
    if len(value) < 2 or not value.startswith('"'):
        return None
    end = value.find('"', 1)
    return value[1:end] if end == len(value) - 1 else None


def local_path(block: Block, value: str) -> Optional[str]:
    """The absolute path a quoted attribute of the block names, or None for another expression or one that
    interpolates anything but `${path.module}`. `${path.module}` is the folder of the block's `.tf` file, and
    so is the base of a relative path (Terraform resolves one from the working directory, the root module's
    folder)."""
    text = string_value(value)
    if not text:
        return None
    folder = os.path.dirname(block.path)
    text = text.replace(_PATH_MODULE, folder)
    return None if "${" in text else os.path.normpath(os.path.join(folder, text))


def _header(line: str, path: str) -> Optional[Block]:
    """The block a line at the top level opens (`data "archive_file" "payload" {`), or None."""
    head, brace, _ = line.partition("{")
    tokens = _TOKEN.findall(head)
    if not brace or not tokens or not tokens[0].isidentifier() or "=" in tokens:
        return None
    return Block((tokens[0], *(token.strip('"') for token in tokens[1:])), path=path)


def _code_lines(text: str) -> Iterator[Tuple[int, str]]:
    """Each line outside heredocs and block comments, with comments cut off, and the bracket depth
    at its start."""
    stack: List[str] = []  # open brackets, and `"` for a string / `$` for an interpolation inside one
    heredoc: Optional[str] = None
    in_comment = False
    depth = 0  # the open brackets on the stack
    for line in text.splitlines():
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
            continue
        start = depth
        commented = in_comment  # the line starts inside a block comment: none of it is code
        cut, position, length = len(line), 0, len(line)
        while position < length:
            char = line[position]
            if in_comment:
                if line.startswith("*/", position):
                    in_comment = False
                    position += 1
            elif stack and stack[-1] == '"':
                if char == "\\":
                    position += 1
                elif char == '"':
                    stack.pop()
                elif char in "$%" and line.startswith("{", position + 1):
                    stack.append("$")
                    position += 1
            elif char == "#" or line.startswith("//", position):
                cut = position
                break
            elif line.startswith("/*", position):
                in_comment = True
                position += 1
            elif char == '"':
                stack.append('"')
            elif char in _OPENING:
                stack.append(char)
                depth += 1
            elif char in _CLOSING and stack:
                if stack.pop() != "$":  # a `}` closes an interpolation, or the innermost bracket
                    depth -= 1
            elif char == "<" and heredoc is None:
                found = _HEREDOC.match(line, position)
                if found:
                    heredoc = found.group(1)
            position += 1
        while stack and stack[-1] in '"$':  # a quoted string ends with its line, closed or not
            stack.pop()
        if not commented:
            yield start, line[:cut]
