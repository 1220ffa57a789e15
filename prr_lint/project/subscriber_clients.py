"""PRR501's project half of a redis client kept only to subscribe (rules/subscriber_clients.py).

The module that binds the client reads it only to make its `PubSub` object, and reads that only in bounded ways; a
module-level name or an attribute (the client's, or its `PubSub`'s: a finding names each) may still be read by other
modules, where a read of the `PubSub` may block. In a run over the whole project, where every reader would be seen, the finding
is dropped when no other service module reads the module-level name (imports it and names it, star-imports the
module, or imports the module and names it; a re-export is followed: project/unused_clients.py `read_elsewhere`),
or reads an attribute of that name on any object (or names it in a name-like string, name_uses.py). What a test
reads is the test's business. A run over single files keeps the finding.
"""

from __future__ import annotations

import ast
from typing import Callable, Optional, Set

from prr_lint.model import Pending
from prr_lint.project.names import project_module
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.support import test_modules
from prr_lint.project.unused_clients import read_elsewhere
from prr_lint.rules.subscriber_clients import SUBSCRIBER_ONLY


def subscriber_check(project) -> Callable[[Pending], bool]:
    """Whether a pending PRR501 finding is at a subscriber's client, no holder of which another module reads."""
    tests: Optional[Set[str]] = None

    def check(item: Pending) -> bool:
        nonlocal tests
        held = [subject[len(SUBSCRIBER_ONLY):] for subject in item.subjects if subject.startswith(SUBSCRIBER_ONLY)]
        if not held or not project.whole_project:
            return False
        index = project.index
        module = project_module(index, item.finding.context)
        if module is None:
            return False
        tests = test_modules(index) if tests is None else tests
        return not any(read(project, module, tests, *subject.partition(":")[::2]) for subject in held)

    return check


def read(project, module: str, tests: Set[str], kind: str, name: str) -> bool:
    """Some other service module reads the module-level name, or an attribute of that name on any object."""
    index, analysis = project.index, project.analysis()
    if kind == "attribute":
        return any(summary.method_uses.get(name) and _reads_attribute(parsed_tree(analysis, summary.path), name)
                   for other, summary in index.modules.items() if other != module and other not in tests)
    return read_elsewhere(analysis, module, name, tests, set())


def _reads_attribute(tree: Optional[ast.Module], name: str) -> bool:
    """The module reads an attribute `name` of some object (`listener.redis`, `getattr(listener, "redis")`). The
    summary's count (name_uses.py) says only that it may: a class body's bare name of that word counts there,
    though it names the class's own attribute, or a global. A file that cannot be read or parsed may."""
    return tree is None or any(
        isinstance(node, ast.Attribute) and node.attr == name and not isinstance(node.ctx, ast.Store)
        or isinstance(node, ast.Constant) and node.value == name for node in ast.walk(tree))
