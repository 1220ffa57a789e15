"""Lookups by a name computed at run time that may reach a Celery task no literal names (unsent_tasks.py).

Two shapes the per-file summaries do not keep (a subscript is no call, and the callee of what a lookup returns is
unknown: `?.delay`), read from the parsed tree of the few non-test files whose words hold the lookup's word:

* a task registry looked up by a computed key, `celery_app.tasks['svc.fanout.' + kind].delay(...)`,
  `app.tasks.get(name)`: it sends whichever registered task the key names, as a computed `send_task` does. The
  receiver's type is not asked: any `.tasks[<computed>]` counts, another object's table too (every task then stays,
  the safe side).
* an attribute or namespace looked up by a computed name, `getattr(fanout, 'publish_' + kind)(...)`,
  `attrgetter(name)`, `methodcaller(name)`, `x.__getattribute__(name)`, `globals()[name]`, `vars(module).get(name)`,
  `module.__dict__[name]`: it may call any function a project module binds, a task in place too, which runs its body
  without a send. Not one on a name the module imports from outside the project (`getattr(settings, name)` for
  `from django.conf import settings`): no project function is looked up there.
A literal key or name is no computed lookup: the name's words are counted as any string's.
"""

from __future__ import annotations

import ast
from typing import Iterable, Mapping

from prr_lint.project.parsed_trees import TreeOf

_BY_NAME = frozenset({"getattr", "attrgetter", "methodcaller", "__getattribute__"})
_NAMESPACES = frozenset({"globals", "vars"})
# Words one of which a file holds when it may look an attribute or a namespace entry up by name.
LOOKUP_WORDS = _BY_NAME | _NAMESPACES | {"__dict__"}


def registry_lookups(files: Mapping[str, Mapping[str, int]], parse: TreeOf) -> bool:
    """Some file looks a `.tasks` table up by a computed key (`app.tasks[name]`, `app.tasks.get(name)`)."""
    for path in _holding(files, {"tasks"}):
        tree = parse(path)
        for node in ast.walk(tree) if tree is not None else ():
            table = _looked_up(node)
            if table is not None and isinstance(table, ast.Attribute) and table.attr == "tasks":
                return True
    return False


def name_lookups(index, files: Mapping[str, Mapping[str, int]], parse: TreeOf) -> bool:
    """Some file looks an attribute or a namespace entry up by a computed name on what may be a project module."""
    summaries = {summary.path: summary for summary in index.modules.values()}
    for path in _holding(files, LOOKUP_WORDS):
        tree = parse(path)
        summary = summaries.get(path)
        imports = summary.imports if summary is not None else {}
        outside = {local for local, target in imports.items() if not index.module_of(target)}
        for node in ast.walk(tree) if tree is not None else ():
            if _by_computed_name(node, outside) or _namespace(_looked_up(node)):
                return True
    return False


def _holding(files: Mapping[str, Mapping[str, int]], words: Iterable[str]) -> Iterable[str]:
    wanted = frozenset(words)
    return sorted(path for path, counts in files.items() if path.endswith(".py") and not wanted.isdisjoint(counts))


def _looked_up(node: ast.AST):
    """The table `table[key]` or `table.get(key, ...)` looks up by a key that is no string literal, or None."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and not _literal(node.slice):
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args \
            and not _literal(node.args[0]):
        return node.func.value
    return None


def _by_computed_name(node: ast.AST, outside: Iterable[str]) -> bool:
    """`getattr(x, name)` (x no import from outside the project), `attrgetter(name)`, `methodcaller(name)`,
    `x.__getattribute__(name)` with a name that is no string literal."""
    if not isinstance(node, ast.Call):
        return False
    callee = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
    if callee not in _BY_NAME:
        return False
    if callee == "getattr":
        if len(node.args) < 2 or _literal(node.args[1]):
            return False
        receiver = node.args[0]
        return not (isinstance(receiver, ast.Name) and receiver.id in outside)
    return not node.args or not _literal(node.args[0])


def _namespace(table) -> bool:
    """A module's namespace: `globals()`, `vars(...)`, `x.__dict__`."""
    if isinstance(table, ast.Call) and isinstance(table.func, ast.Name):
        return table.func.id in _NAMESPACES
    return isinstance(table, ast.Attribute) and table.attr == "__dict__"


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
