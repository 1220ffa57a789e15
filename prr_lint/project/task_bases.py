"""PRR501: the Task class a Celery task runs as, and the time limits its `apply_async` gives every send.

A task's class is its own (a class-based task), the `base=` of its decorator (`@app.task(base=ProjectTask)`,
`@shared_task(base=...)`; batch_marks.py records it), or else the app's default: `Celery(..., task_cls=ProjectTask)`
(or `"pkg.module:ProjectTask"`) when every app the project builds names the same class. A decorator whose app
cannot be resolved (a module generated at install time) still declares a Celery task when its `base=` derives
from Celery's Task: entrypoints.py makes it a batch context (`celery_task_class`).

Every send of a task goes through its class's `apply_async` (`delay`, signatures, canvases and retries call it), so
an override that puts a limit into the options it passes on gives every send that limit, as a `time_limit` class
attribute does, and ahead of it (a send's options replace the task's attributes):

    def apply_async(self, args=None, kwargs=None, **options):
        options["time_limit"] = 600            # or options.update(soft_time_limit=480)
        return super().apply_async(args, kwargs, **options)

Only what the method does unconditionally counts: an assignment at its top level before the call that passes
`**options` on to an `apply_async`, or a limit keyword of that call. A limit set or removed under an `if`, a loop
or a `try`, a pass-on call inside one, or an override that does not pass its options on gives no limit. The first
project class of the task's lineage that defines `apply_async` is the one that runs.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional

import libcst as cst

from prr_lint.model import TASK_BASE
from prr_lint.project.deadline_values import Sources, known_seconds
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, lineage, module_of, resolve_name
from prr_lint.tree import descendants, dotted_name, keyword_value

# Celery's task classes a project Task class derives from (AbortableTask: a Task whose run can be aborted).
CELERY_TASK_CLASSES = frozenset({"celery.Task", "celery.app.task.Task", "celery.app.Task", "celery.contrib.abortable.AbortableTask"})
_CELERY_APPS = frozenset({"celery.Celery", "celery.app.base.Celery", "celery.app.Celery"})
_KEYS = {"time_limit": "hard", "soft_time_limit": "soft"}
_WRITES = frozenset({"update", "pop", "setdefault", "clear", "popitem", "__setitem__", "__delitem__"})
Limits = Dict[str, float]


def celery_task_class(index: ProjectIndex, name: str) -> bool:
    """`name` is Celery's Task or a class deriving from it."""
    return name in CELERY_TASK_CLASSES or any(base in CELERY_TASK_CLASSES for base in class_ancestors(index, name))


def declared_bases(index: ProjectIndex) -> Dict[str, str]:
    """Task function -> the project class its decorator's `base=` names."""
    found: Dict[str, str] = {}
    for module in index.modules.values():
        for kind, function, base, _ in module.batch_marks:
            resolved = resolve_name(index, base) if kind == TASK_BASE else ""
            if resolved in index.classes:
                found[index.canonical(function) or function] = resolved
    return found


def app_task_class(index: ProjectIndex, sources: Sources) -> Optional[str]:
    """The project class every `Celery(...)` of the project names as `task_cls`, or None."""
    named: List[Optional[str]] = []
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        tree = sources.tree(module.path) if text is not None and "Celery(" in text else None
        for node in descendants(tree, stop_at=()) if tree is not None else ():
            dotted = dotted_name(node.func) if isinstance(node, cst.Call) else None
            if dotted and resolve_name(index, f"{module.module}.{dotted}") in _CELERY_APPS:
                value = keyword_value(node, "task_cls")
                target = dotted_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
                if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
                    named.append(resolve_name(index, value.evaluated_value.replace(":", ".")))
                else:
                    named.append(resolve_name(index, f"{module.module}.{target}") if target else None)
    return named[0] if named and named[0] in index.classes and all(name == named[0] for name in named) else None


def sent_limits(index: ProjectIndex, sources: Sources, classes: Iterable[str]) -> Limits:
    """The limits the `apply_async` of the first of `classes` (a task's lineage, project classes first) that
    defines one gives every send (module docstring)."""
    for cls in (name for start in classes if start in index.classes for name in lineage(index, start)):
        if f"{cls}.apply_async" not in index.functions:
            continue
        module = module_of(index, cls)
        tree = sources.tree(module.path) if module is not None else None
        method = _method(tree, cls[len(module.module) + 1:].split("."), "apply_async") if tree is not None and module is not None else None
        return _override_limits(method, sources.bindings(module.path), sources) if method is not None and module is not None else {}
    return {}


def _method(tree: cst.Module, path: List[str], name: str) -> Optional[cst.FunctionDef]:
    """The method `name` of the class at `path` (nested class names) in the module."""
    body: cst.CSTNode = tree
    for part in path:
        body = next((s for s in getattr(body, "body", ()) if isinstance(s, cst.ClassDef) and s.name.value == part), None)
        if body is None:
            return None
        body = body.body
    return next((s for s in getattr(body, "body", ()) if isinstance(s, cst.FunctionDef) and s.name.value == name), None)


def _override_limits(method: cst.FunctionDef, constants: Dict[str, cst.BaseExpression], sources: Sources) -> Limits:
    """What the override sets unconditionally in its `**options` before passing them on; {} when it does not
    pass them on at its top level, or changes them anywhere else."""
    star = method.params.star_kwarg
    options = star.name.value if isinstance(star, cst.Param) else ""
    limits: Dict[str, Optional[float]] = {}
    for statement in method.body.body if options else ():
        if not isinstance(statement, cst.SimpleStatementLine):
            if any(_changes(node, options) or _sends(node) for node in descendants(statement, stop_at=())):
                return {}
            continue
        for small in statement.body:
            value = small.value if isinstance(small, (cst.Return, cst.Expr)) else None
            if isinstance(value, cst.Call) and _sends(value):
                if not any(arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == options for arg in value.args):
                    return {}  # the options are not passed on
                for arg in value.args:
                    if arg.keyword is not None and arg.keyword.value in _KEYS:
                        limits[_KEYS[arg.keyword.value]] = known_seconds(arg.value, constants, sources)
                return {kind: seconds for kind, seconds in limits.items() if seconds is not None}
            if isinstance(small, (cst.Return, cst.Raise)):
                return {}
            if not _set_unconditionally(small, options, limits, constants, sources) and any(
                    _changes(node, options) or _sends(node) for node in descendants(small, stop_at=())):
                return {}
    return {}


def _set_unconditionally(small: cst.BaseSmallStatement, options: str, limits: Dict[str, Optional[float]],
                         constants: Dict[str, cst.BaseExpression], sources: Sources) -> bool:
    """`options["time_limit"] = 600` or `options.update(soft_time_limit=480)` (also with a dict): record it."""
    pairs = []
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and _key_of(small.targets[0].target, options) is not None:
        pairs = [(_key_of(small.targets[0].target, options), small.value)]
    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and _on_options(small.value.func, options) == "update":
        for arg in small.value.args:
            if arg.keyword is not None:
                pairs.append((arg.keyword.value, arg.value))
            elif isinstance(arg.value, cst.Dict) and not arg.star:
                pairs.extend((e.key.evaluated_value, e.value) for e in arg.value.elements
                             if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString))
            else:
                return False
    else:
        return False
    for key, value in pairs:
        if key in _KEYS:
            limits[_KEYS[key]] = known_seconds(value, constants, sources)
    return True


def _key_of(target: cst.BaseExpression, options: str) -> Optional[str]:
    """The string key of `options["key"]`, None for anything else."""
    if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and target.value.value == options and len(target.slice) == 1:
        index = target.slice[0].slice
        key = index.value if isinstance(index, cst.Index) else None
        return key.evaluated_value if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str) else None
    return None


def _on_options(func: cst.BaseExpression, options: str) -> str:
    """The method name of `options.method`, "" for anything else."""
    return func.attr.value if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == options else ""


def _changes(node: cst.CSTNode, options: str) -> bool:
    """A write to the options: a subscript of them assigned or deleted, a mutating method, a new binding."""
    if isinstance(node, cst.Call):
        return _on_options(node.func, options) in _WRITES
    if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Del)):
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
        return any(isinstance(t, cst.Name) and t.value == options or isinstance(t, cst.Subscript) and isinstance(t.value, cst.Name)
                   and t.value.value == options for t in targets)
    return False


def _sends(node: cst.CSTNode) -> bool:
    """A call of an `apply_async` (the parent's: `super().apply_async(...)`, `Task.apply_async(self, ...)`)."""
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "apply_async"
