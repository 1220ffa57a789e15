"""The pieces of a URL or address a program builds, and which of them is its host (socket_targets.loopback_through).

A client's URL is often put together from literal text and values: an f-string (`f"http://{host}/x"`), a
concatenation (`"http://" + host + ":" + str(port) + "/write"`), `%` formatting (`"http://%s/detail/" % server`),
`.format` on a literal template (`"http://{}:{}/".format(host, port)`), or a join of a list whose first item is the
base URL (`"/".join([endpoint, sender, "has_subscriber"])`). Each is read as the same list of parts, literal text
(str) and the expressions between it; `host_part` says which part holds the host and whether text after it ends
the host, so the value there is judged as the whole host whatever way the URL was built.
"""

from __future__ import annotations

import re
import string
from typing import List, Optional, Tuple, Union

import libcst as cst

from prr_lint.loopback_hosts import host_ended, host_of
from prr_lint.tree import concatenated_value

Part = Union[str, cst.BaseExpression]
# A `%` conversion: an optional `(name)`, flags, width, precision, the conversion letter (`%%` is a literal `%`).
_PERCENT = re.compile(r"%(\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
# What may follow a host in a URL: a port, a path, a query, a fragment.
_AFTER_HOST = ("", "/", ":", "?", "#")


def _text(node: cst.BaseExpression) -> Optional[str]:
    """The text of a string literal (implicit concatenation included), else None."""
    if not isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    value = concatenated_value(node)
    return value if isinstance(value, str) else None


def _text_or(node: cst.BaseExpression) -> Part:
    """A literal argument as its text (`"localhost"` filled into a template), any other value as itself."""
    text = _text(node)
    return text if text is not None else node


def _merged(parts: List[Part]) -> List[Part]:
    """`parts` with adjacent texts joined and empty ones dropped."""
    merged: List[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += part
                continue
        merged.append(part)
    return merged


def _fstring(node: cst.FormattedString) -> List[Part]:
    return [part.value if isinstance(part, cst.FormattedStringText) else part.expression  # type: ignore[union-attr]
            for part in node.parts]


def _sum(node: cst.BinaryOperation) -> List[Part]:
    """The terms of `a + b + ...`, left to right, read with a stack (a long sum nests once per term)."""
    parts: List[Part] = []
    pending: List[cst.BaseExpression] = [node]
    while pending:
        term = pending.pop()
        if isinstance(term, cst.BinaryOperation) and isinstance(term.operator, cst.Add):
            pending += [term.right, term.left]
            continue
        parts += _fstring(term) if isinstance(term, cst.FormattedString) else [_text_or(term)]
    return parts


def _percent(node: cst.BinaryOperation) -> Optional[List[Part]]:
    """`"http://%s/x" % server` or `% (host, port)`: the template's text with each `%` conversion's argument."""
    template = _text(node.left)
    if template is None:
        return None
    values = [element.value for element in node.right.elements] if isinstance(node.right, cst.Tuple) else [node.right]
    parts: List[Part] = []
    at, used = 0, 0
    for match in _PERCENT.finditer(template):
        parts.append(template[at:match.start()])
        at = match.end()
        if match.group(2) == "%":
            parts.append("%")
            continue
        if match.group(1) or "*" in match.group(0) or used >= len(values):
            return None  # a mapping key, a computed width, or fewer values than conversions: not read
        parts.append(_text_or(values[used]))
        used += 1
    return parts + [template[at:]]


Field = Tuple[str, Optional[str], Optional[cst.BaseExpression]]


def format_fields(node: cst.Call, template: str) -> Optional[List[Field]]:
    """`"<template>".format(...)` piece by piece: the literal text, the name of the field after it (None after the
    last) and the argument that fills that field (None when none does); None for a starred call or a bad template."""
    if any(arg.star for arg in node.args):
        return None
    args = [arg.value for arg in node.args if arg.keyword is None]
    named = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
    fields: List[Field] = []
    automatic = 0
    try:
        for text, field, _, _ in string.Formatter().parse(template):
            if field == "":
                field, automatic = str(automatic), automatic + 1
            if field is None:
                fields.append((text, None, None))
            else:
                positional = field.isdigit() and int(field) < len(args)
                fields.append((text, field, args[int(field)] if positional else named.get(field)))
    except ValueError:
        return None
    return fields


def _format(node: cst.Call, template: str) -> Optional[List[Part]]:
    """`"http://{}:{}/".format(host, port)`: the template's text with each field's argument."""
    fields = format_fields(node, template)
    if fields is None:
        return None
    parts: List[Part] = []
    for text, field, value in fields:
        parts.append(text)
        if field is None:
            continue
        if value is None:
            return None
        parts.append(_text_or(value))
    return parts


def _joined(node: cst.Call, separator: str) -> Optional[List[Part]]:
    """`"/".join([base, name, "x"])`: the items with the separator between them."""
    items = node.args[0].value if len(node.args) == 1 and not node.args[0].star and node.args[0].keyword is None else None
    if not isinstance(items, (cst.List, cst.Tuple)) or not items.elements or any(isinstance(e, cst.StarredElement) for e in items.elements):
        return None
    parts: List[Part] = []
    for element in items.elements:
        parts += ([separator] if parts else []) + [_text_or(element.value)]
    return parts


def url_parts(node: cst.BaseExpression) -> Optional[List[Part]]:
    """The parts of a URL built by an f-string, a concatenation, `%`, `.format` or `.join` (module docstring); None
    for anything else."""
    if isinstance(node, cst.FormattedString):
        return _merged(_fstring(node))
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _merged(_sum(node))
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        found = _percent(node)
        return _merged(found) if found is not None else None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("format", "join"):
        literal = _text(node.func.value)
        if literal is None:
            return None
        found = _format(node, literal) if node.func.attr.value == "format" else _joined(node, literal)
        return _merged(found) if found is not None else None
    return None


def host_part(parts: List[Part], closed: bool) -> Optional[Tuple[Part, bool]]:
    """The part a URL takes its host from, and whether text after it ends the host (`:`, `/`): the part right after
    `://` (`f"http://{HOST}/x"`, `scheme + "://" + host + ":" + port`), or, with no `://`, the leading part the
    path follows (`f"{BASE_URL}/x"`, `"/".join([endpoint, name])`). A host written in the text comes back as that
    text (`"http://127.0.0.1:8000/"`, `"localhost:" + port`). None when the host is not one whole part. A value
    another value follows (`f"http://{bind}{prefix}/x"`), or text that is no port or path (`API_BASE + "register"`,
    a base URL ending in its own `/`), is not ended: it must end its host itself. `closed`:
    nothing follows the whole URL that could lengthen a host at its end."""
    texts = [part if isinstance(part, str) else None for part in parts]
    slash = next((i for i, text in enumerate(texts) if text is not None and "://" in text), None)
    if slash is not None and not texts[slash].endswith("://"):  # type: ignore[union-attr]
        return _written(texts[slash].partition("://")[2], slash == len(parts) - 1 and closed)  # type: ignore[union-attr]
    position = 0 if slash is None else slash + 1
    if position >= len(parts):
        return None
    field = parts[position]
    if isinstance(field, str):
        return _written(field, position == len(parts) - 1 and closed)
    after = texts[position + 1] if position + 1 < len(parts) else ""
    if after is not None and after[:3] == "://":
        return None
    return field, after is not None and after[:1] in _AFTER_HOST and (bool(after) or closed)


def _written(rest: str, last: bool) -> Tuple[Part, bool]:
    """A host spelled in the text `rest` (what follows the scheme), and whether the text ends it."""
    return host_of(rest), host_ended(rest) or last
