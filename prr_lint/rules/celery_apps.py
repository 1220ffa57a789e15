"""Celery apps and registrations that add no work around a task (PRR303's worker health probe, rules/idle_tasks.py).

A task body that does nothing runs nothing only if nothing around it runs either. Celery runs the task through the
app's task class: `base=` on the registration, `task_cls=` on the app, a subclass of the app or `app.Task = ...` can
wrap the body in real work, and `name=` registers it under a name a worker elsewhere may implement. So:

- `task_registration` accepts only `@celery.shared_task` or `@<app>.task` with no `name=`, `base=`, positional or
  starred argument, and names the app (its qualified name, "" for `shared_task`) for the project phase to check;
- `celery_app_tags` tags the module (`CELERY_APP` + the name) for each module-level name bound once to a plain app:
  `celery.Celery(...)` with no `task_cls=`, at most two positional and no starred arguments, or a subclass of it
  defined in the module that only adds a configuration hook (remo's `on_configure` hooking up raven) which sets no
  attribute; no `global` names it, no statement assigns an attribute through it (`app.Task = Heavy`), and the module
  has no star import or `globals()` call that could bind the name again (`module_rebinds`).
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import KindOf, descendants, listed

CELERY_APP = "celery-app:"
_CELERY = "celery.Celery"
_CELERY_WORD = "Celery"  # in the text of any module that builds or subclasses an app
# Hooks an app subclass may add: Celery calls them once as it sets itself up, never around a task.
_SETUP_HOOKS = frozenset({"on_configure", "on_init"})
# `Celery(main, loader, ...)`: task_cls is its 15th parameter; more than two positional arguments are not read.
_MAX_POSITIONAL = 2
_REBINDS = KindOf(cst.Global, cst.Nonlocal, cst.ImportFrom, cst.Call)
_WRITES = KindOf(cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Del)


def task_registration(decorator: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The app a plain Celery registration registers on ("" for `shared_task`), or None for any other decorator."""
    call = decorator if isinstance(decorator, cst.Call) else None
    target = call.func if call is not None else decorator
    if call is not None and any(arg.keyword is None or arg.star or arg.keyword.value in ("name", "base") for arg in call.args):
        return None
    scope = resolver.module_scope
    if resolver.qualified_name(target, scope) in ("celery.shared_task", "celery.app.shared_task"):
        return ""
    if not (isinstance(target, cst.Attribute) and target.attr.value == "task" and isinstance(target.value, cst.Name)):
        return None
    bindings = resolver.lookup(target.value.value, scope) or ()
    if len(bindings) != 1:
        return None
    if bindings[0].kind == "import":
        return bindings[0].target  # the app's own module tags it, or not
    return f"{resolver.module_name}.{target.value.value}" if bindings[0].kind == "value" else None


def module_rebinds(resolver: Resolver) -> Tuple[Set[str], bool]:
    """The names any `global` or `nonlocal` of the module declares, and whether it star-imports or calls `globals()`:
    either may give a module-level name another value that the resolver's bindings do not show."""
    declared: Set[str] = set()
    opaque = False
    for node in listed(resolver.module, _REBINDS, resolver.listed):
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            declared.update(item.name.value for item in node.names)
        elif isinstance(node, cst.ImportFrom) and isinstance(node.names, cst.ImportStar):
            opaque = True
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "globals":
            opaque = True
    return declared, opaque


def celery_app_tags(resolver: Resolver) -> List[str]:
    """`CELERY_APP` + name for each module-level name bound once to a plain Celery app (module docstring). Every
    module's summary asks, so a module whose text never names `Celery` (an app is `celery.Celery(...)` or a subclass of
    it, however imported) is answered without reading its bindings."""
    if resolver.source is not None and _CELERY_WORD not in resolver.source:
        return []
    found = [name for name, bindings in resolver.module_scope.bindings.items()
             if len(bindings) == 1 and bindings[0].kind == "value" and isinstance(bindings[0].value, cst.Call)
             and _plain_app(bindings[0].value, resolver)]
    if not found:
        return []
    declared, opaque = module_rebinds(resolver)
    written = _written_through(listed(resolver.module, _WRITES, resolver.listed))
    return [] if opaque else [CELERY_APP + name for name in found if name not in declared and name not in written]

def _plain_app(call: cst.Call, resolver: Resolver) -> bool:
    if any(arg.star or arg.keyword is not None and arg.keyword.value == "task_cls" for arg in call.args) \
            or sum(arg.keyword is None for arg in call.args) > _MAX_POSITIONAL:
        return False
    made = resolver.qualified_name(call.func, resolver.module_scope)
    if made == _CELERY:
        return True
    defined = resolver.lookup(call.func.value, resolver.module_scope) if isinstance(call.func, cst.Name) else None
    node = defined[0].node if defined and len(defined) == 1 and defined[0].kind == "class" else None
    return isinstance(node, cst.ClassDef) and _hook_subclass(node, resolver)


def _hook_subclass(node: cst.ClassDef, resolver: Resolver) -> bool:
    """`class Celery(celery.Celery)` whose body only defines setup hooks that set no attribute."""
    if len(node.bases) != 1 or node.keywords or node.decorators \
            or resolver.qualified_name(node.bases[0].value, resolver.module_scope) != _CELERY:
        return False
    for line in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
        if not isinstance(line, cst.FunctionDef) or line.name.value not in _SETUP_HOOKS or line.decorators:
            return False
        inner = list(descendants(line, stop_at=()))
        if _written_through(inner) or any(isinstance(node, (cst.Global, cst.Nonlocal)) for node in inner):
            return False
    return isinstance(node.body, cst.IndentedBlock)


def _written_through(nodes: Iterable[cst.CSTNode]) -> Set[Optional[str]]:
    """The names an assignment, augmented or annotated assignment or `del` among `nodes` writes an attribute or item
    through (`app.Task = Heavy`, `(app.conf["x"], y) = ...`): the root name of each such target."""
    roots: Set[Optional[str]] = set()
    for node in nodes:
        if isinstance(node, cst.Assign):
            targets = [target.target for target in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.Del)):
            targets = [node.target]
        else:
            continue
        roots.update(_root(part) for target in targets for part in (target, *descendants(target))
                     if isinstance(part, (cst.Attribute, cst.Subscript)))
    return roots


def _root(expr: cst.BaseExpression) -> Optional[str]:
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None
