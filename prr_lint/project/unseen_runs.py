"""PRR501: dead code that may still run where the call graph cannot tell, so it keeps a job's callee uncovered.

task_deadline.py `task_covered` lets PRR501's dead code (scope.py `NonServing.dead`: no service source names
it, its decorator registers nothing) count as running nothing, so that a report sender nothing queues beside the
ones a view queues leaves their shared client bounded by the job's limit. That set is built from the names
written in Python sources; a function may also run by a name no source spells, and then it is no proof that
nothing runs it. Such a function is kept as a possible caller when:
* a project configuration file (CONFIG_SUFFIXES, and files without a suffix such as an `environment` file) holds
  its name: a hook a YAML, JSON or `.env` file names that a view loads with `import_string(path)`;
* a computed lookup may reach it: for a module function, `getattr(<its module>, <not a literal>)` anywhere
  outside tests, `getattr` on a module imported by a computed name (`import_module(name)`, `sys.modules[...]`),
  `globals()`, `vars()` or `__dict__` in its own module, or its module object handed on as a value
  (`server.register_instance(alerts)`, `vars(alerts)`); for a method, any `getattr(<object>, <not a literal>)`
  outside tests (a webhook's `getattr(self, "on_" + event)` dispatch);
* it is a module function named as a gunicorn server hook (`pre_request`, `post_fork` ...): gunicorn calls it
  from its config file, which is no module the graph sees run.
A name computed from nothing in the project (an environment variable set only on the host) stays unseen: the same
limit as the dead set's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, FrozenSet, NamedTuple, Set

import libcst as cst

from prr_lint.paths import is_test_path
from prr_lint.project.deadline_values import Sources
from prr_lint.project.names import resolve_name
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import UNSUFFIXED, tree_words
from prr_lint.project.unregistered import CONFIG_SUFFIXES
from prr_lint.tree import descendants, dotted_name

if TYPE_CHECKING:
    from prr_lint.project.analysis import ServingAnalysis

# gunicorn's server hooks (gunicorn/config.py): functions of its config file it calls by these names.
GUNICORN_HOOKS = frozenset({
    "on_starting", "on_reload", "when_ready", "pre_fork", "post_fork", "post_worker_init", "worker_int", "worker_abort",
    "pre_exec", "pre_request", "post_request", "child_exit", "worker_exit", "nworkers_changed", "on_exit", "ssl_context"})
_NAMESPACES = frozenset({"globals", "vars", "locals"})


class _Lookups(NamedTuple):
    """What the non-test sources look up by a computed name."""

    modules: FrozenSet[str]  # modules whose functions a computed lookup may reach
    every_module: bool  # a getattr on a module imported by a computed name: any module's functions
    objects: bool  # a computed getattr on anything else: any method


def may_run_unseen(analysis: "ServingAnalysis", sources: Sources) -> Callable[[str], bool]:
    """Whether the function `name` may run by a name no source spells (module doc)."""
    index = analysis.index
    configured = tree_words(analysis, CONFIG_SUFFIXES + (UNSUFFIXED,))
    lookups = analysis.derived("computed-lookups", lambda: _lookups(analysis, sources))

    def check(name: str) -> bool:
        owner, _, bare = name.rpartition(".")
        if bare in configured:
            return True
        if owner in index.classes:
            return lookups.objects or lookups.every_module
        return owner in lookups.modules or lookups.every_module or bare in GUNICORN_HOOKS
    return check


def _lookups(analysis: "ServingAnalysis", sources: Sources) -> _Lookups:
    index, tests = analysis.index, test_modules(analysis.index)
    modules: Set[str] = set()
    every_module = objects = False
    for module in index.modules.values():
        if module.module in tests or is_test_path(module.path):
            continue
        tree = sources.tree(module.path)
        if tree is None:
            continue

        def module_of(node: cst.BaseExpression) -> str:
            dotted = dotted_name(node)
            found = resolve_name(index, f"{module.module}.{dotted}") if dotted else ""
            return found if found in index.modules else ""
        bases: Set[int] = set()  # what an attribute is read from: a module there is looked into, not handed on
        imported: Set[int] = set()  # the names of import statements
        for node in descendants(tree, stop_at=()):  # parents before children, so both sets are filled in time
            if isinstance(node, (cst.Import, cst.ImportFrom)):
                imported.update(id(inner) for inner in descendants(node, stop_at=()))
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
                if node.func.value in _NAMESPACES:
                    modules.add(module.module)
                elif node.func.value == "getattr" and len(node.args) >= 2 and not isinstance(node.args[1].value, cst.SimpleString):
                    target = node.args[0].value
                    if isinstance(target, (cst.Call, cst.Subscript)):
                        every_module = True
                    elif looked_into := module_of(target):
                        modules.add(looked_into)
                    else:
                        objects = True
            elif isinstance(node, cst.Attribute):
                if node.attr.value == "__dict__":
                    modules.add(module_of(node.value) or module.module)
                elif not node.attr.value.startswith("__"):
                    bases.add(id(node.value))
            elif isinstance(node, cst.Name) and id(node) not in bases and id(node) not in imported:
                modules.add(module_of(node))  # a module object used as a value: handed on, bound, looked into
    return _Lookups(frozenset(modules - {""}), every_module, objects)
