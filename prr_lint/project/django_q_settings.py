"""PRR501: the django-q cluster's settings, the deadline of every task that names no timeout of its own.

The cluster's settings are every settings variant that may be deployed: each module outside tests that binds
`Q_CLUSTER` (also in a class body or a settings function's returned dict) or changes it (`Q_CLUSTER["timeout"]
= 600`, a star-importing variant's usual way); the longest timeout counts, and each alternative cluster's
(`ALT_CLUSTERS`, picked by `Q_CLUSTER_NAME`), and one variant without a known timeout, or with a `sync` that
may be true, counts for all. A dict built in a way not read here (`dict(BASE, ...)`, a `**` splat, `update(...)`, an environment
reader) is unknown: no deadline. The settings module the project's pytest configuration selects for pytest-django
is the tests' configuration and not counted, unless something that may deploy names or imports it (test_settings.py).

`Q_CLUSTER` is read as django-q reads it (django_q/conf.py): `timeout` unset is no timeout, `sync` unset is
off, an alternative cluster's keys replace the base's when `Q_CLUSTER_NAME` picks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Sequence

import libcst as cst

from prr_lint.paths import is_test_path
from prr_lint.project.deadline_values import Constants, Sources, known_seconds, longest
from prr_lint.project.support import test_modules
from prr_lint.project.test_settings import pytest_settings
from prr_lint.switch_keys import is_false
from prr_lint.tree import descendants

if TYPE_CHECKING:
    from prr_lint.project.analysis import ServingAnalysis

_CHANGES = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})


class Cluster(NamedTuple):
    """What the settings variants say of the cluster: the longest timeout (None: some variant kills no
    task, or says what in a way not read), and whether a variant may run every task synchronously.
    `own_timeout` is False for a change of another key (`Q_CLUSTER["sync"] = False`): it says nothing of the
    timeout, which the variant's other bindings give."""

    timeout: Optional[float]
    sync: bool
    own_timeout: bool = True


_UNKNOWN = Cluster(None, True)  # a variant not read: no deadline, maybe synchronous


def string_dict(node: Optional[cst.BaseExpression]) -> Optional[Dict[str, cst.BaseExpression]]:
    """A dict literal of string keys (`{"timeout": 30}`, `dict(timeout=30)`), None for anything else."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict" and all(arg.keyword is not None for arg in node.args):
        return {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
    if not isinstance(node, cst.Dict):
        return None
    found: Dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        key = element.key.evaluated_value if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) else None
        if not isinstance(key, str):
            return None
        found[key] = element.value  # type: ignore[union-attr]
    return found


def cluster_settings(analysis: "ServingAnalysis", sources: Sources, launch_files: Sequence[str]) -> Cluster:
    """The cluster's timeout and sync switch over the settings variants that may be deployed (module doc)."""
    index = analysis.index
    tests = test_modules(index)
    selected = pytest_settings(analysis, sources, launch_files)  # the tests' configuration (test_settings.py)
    timeouts: List[Optional[float]] = []
    sync = False
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        if text is None or "Q_CLUSTER" not in text or module.module in tests or is_test_path(module.path) or module.path in selected:
            continue
        tree = sources.tree(module.path)
        for variant in _variants(tree, sources.bindings(module.path), sources) if tree is not None else ():
            if variant.own_timeout:
                timeouts.append(variant.timeout)
            sync = sync or variant.sync
    return Cluster(longest(timeouts), sync)


def _variants(tree: cst.Module, constants: Dict[str, cst.BaseExpression], sources: Sources) -> List[Cluster]:
    """What each binding or change of `Q_CLUSTER` in a module says of the cluster."""
    found: List[Cluster] = []
    for node in descendants(tree, stop_at=()):
        if isinstance(node, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Del)):
            targets = [node.target] if isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.Del)) else [t.target for t in node.targets]
            for target in targets:
                if _is_cluster(target):
                    value = node.value if isinstance(node, (cst.Assign, cst.AnnAssign)) and node.value is not None else None
                    found.append(_cluster(value, tree, constants, sources) if not isinstance(node, (cst.AugAssign, cst.Del)) else _UNKNOWN)
                elif isinstance(target, cst.Subscript) and _is_cluster(target.value):
                    found.append(_changed(target, node, constants, sources))
                elif isinstance(target, cst.Subscript) and any(_is_cluster(n) for n in descendants(target, stop_at=())):
                    found.append(_UNKNOWN)  # `Q_CLUSTER["ALT_CLUSTERS"]["low"]["timeout"] = ...`
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and _is_cluster(node.func.value) and node.func.attr.value in _CHANGES:
            found.append(_UNKNOWN)
        elif isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value == "Q_CLUSTER":
            found.append(_cluster(node.value, tree, constants, sources))  # `settings.configure(Q_CLUSTER={...})`
    return found


def _is_cluster(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "Q_CLUSTER" or isinstance(node, cst.Attribute) and node.attr.value == "Q_CLUSTER"


def _changed(target: cst.Subscript, node: cst.CSTNode, constants: Dict[str, cst.BaseExpression], sources: Sources) -> Cluster:
    """`Q_CLUSTER["timeout"] = 600`, `Q_CLUSTER["sync"] = True`; another key leaves the deadline as it was."""
    elements = target.slice
    key = elements[0].slice.value if len(elements) == 1 and isinstance(elements[0].slice, cst.Index) else None
    text = key.evaluated_value if isinstance(key, cst.SimpleString) else None
    value = node.value if isinstance(node, cst.Assign) else None
    if not isinstance(text, str) or value is None or text == "ALT_CLUSTERS":
        return _UNKNOWN
    if text == "timeout":
        return Cluster(known_seconds(value, constants, sources), False)
    if text == "sync":
        return Cluster(None, not is_false(value), own_timeout=False)  # no timeout of its own: the variant's others count
    return Cluster(None, False, own_timeout=False)


def _cluster(value: Optional[cst.BaseExpression], tree: cst.Module, constants: Dict[str, cst.BaseExpression], sources: Sources) -> Cluster:
    """`{"timeout": 240, "sync": False, "ALT_CLUSTERS": {...}}`, or the dict a settings function of the module returns."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value != "dict":
        builder = next((s for s in tree.body if isinstance(s, cst.FunctionDef) and s.name.value == value.func.value), None)
        returned = [n.value for n in descendants(builder, stop_at=()) if isinstance(n, cst.Return)] if builder else []
        local = {t.target.value: small.value for n in descendants(builder, stop_at=()) if isinstance(n, cst.SimpleStatementLine)
                 for small in n.body if isinstance(small, cst.Assign) for t in small.targets if isinstance(t.target, cst.Name)} if builder else {}
        if len(returned) != 1:
            return _UNKNOWN
        value, constants = returned[0], Constants({**constants, **local}, getattr(constants, "path", ""))
    options = string_dict(value)
    if options is None:
        return _UNKNOWN
    timeout = known_seconds(options["timeout"], constants, sources) if "timeout" in options else None
    sync = "sync" in options and not is_false(options["sync"])
    if "ALT_CLUSTERS" not in options:
        return Cluster(timeout, sync)
    alternatives = string_dict(options["ALT_CLUSTERS"])
    if alternatives is None:
        return _UNKNOWN
    timeouts = [timeout]
    for alternative in alternatives.values():
        own = string_dict(alternative)
        if own is None:
            return _UNKNOWN
        timeouts.append(known_seconds(own["timeout"], constants, sources) if "timeout" in own else timeout)
        sync = sync or "sync" in own and not is_false(own["sync"])
    return Cluster(longest(timeouts), sync)
