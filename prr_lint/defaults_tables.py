"""A project's typed defaults table for its INI files: the switch defaults the code ships (PRR501's switches).

A service configured by INI files may keep each option's default in code, in one table of typed options
that both validates the files and writes their defaults: `{"processing": {"irma": {"enabled":
Boolean(False), "url": String()}}}` (file `processing`, section `irma`, option `enabled`), its shipped
`processing.conf` saying only `enabled = {{ processing.irma.enabled }}`, a template the installer fills
from the table. The file phase tags each boolean option of such a table, a dict literal three levels
deep whose leaves are calls, with the literal boolean each is built with:
`ini-default:processing:irma.enabled=off` (project/ini_values.py reads them beside the files).
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

import libcst as cst

from prr_lint.tree import literal_value

# Module tag: `ini-default:<file>:<section>.<option>=off|on`.
INI_DEFAULT = "ini-default:"


def table_marks(node: cst.Dict) -> List[str]:
    """The INI_DEFAULT tags of a typed defaults table `{file: {section: {option: Type(default)}}}`; none for
    a dict of another shape (a leaf that is no call, a key that is no string)."""
    entries = list(_entries(node, 3))
    if not entries or any(not isinstance(leaf, cst.Call) for _, leaf in entries):
        return []
    tags = []
    for (base, section, option), leaf in entries:
        default = _boolean(leaf)  # type: ignore[arg-type]
        if default is not None:
            tags.append(f"{INI_DEFAULT}{base}:{section}.{option}={'on' if default else 'off'}")
    return tags


def _entries(node: cst.BaseExpression, depth: int) -> Iterator[Tuple[Tuple[str, ...], cst.BaseExpression]]:
    """((key, ...), leaf) of each path `depth` string keys deep; a dict that is too shallow yields a None key."""
    for element in node.elements if isinstance(node, cst.Dict) else ():
        key = literal_value(element.key) if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) else None
        if not isinstance(key, str):
            yield (), cst.Name("None")
            return
        if depth == 1:
            yield (key,), element.value
        elif isinstance(element.value, cst.Dict):
            yield from (((key, *rest), leaf) for rest, leaf in _entries(element.value, depth - 1))
        else:
            yield (), cst.Name("None")


def _boolean(call: cst.Call) -> Optional[bool]:
    """The literal `True`/`False` a typed option is built with: its first positional argument or `default=`."""
    for position, arg in enumerate(call.args):
        if arg.keyword is None and position == 0 or arg.keyword is not None and arg.keyword.value == "default":
            value = arg.value
            if isinstance(value, cst.Name) and value.value in ("True", "False"):
                return value.value == "True"
    return None
